//! What the results side says before anything was pasted.

use yew::prelude::*;

use crate::examples::{EXAMPLES, Example};

/// Props of [`EmptyState`].
#[derive(Properties, PartialEq)]
pub struct EmptyStateProps {
    /// An example was picked.
    pub on_example: Callback<&'static Example>,
}

/// Explains what can be pasted and offers the examples.
#[component]
pub fn EmptyState(props: &EmptyStateProps) -> Html {
    let examples = EXAMPLES.into_iter().map(|example| {
        let on_example = props.on_example.clone();
        let onclick = Callback::from(move |_: MouseEvent| on_example.emit(example));
        html! {
            <li>
                <button type="button" class="link-button" {onclick}>{ example.title }</button>
                <span class="muted">{ " — " }{ example.description }</span>
            </li>
        }
    });
    html! {
        <section class="empty-state" aria-labelledby="empty-title">
            <h2 id="empty-title">{ "Paste anything from an SSO incident" }</h2>
            <p class="lead">
                { "samlscope works out what it is, undoes the encoding and tells you what is wrong with it." }
            </p>
            <ul class="accepts">
                <li>
                    <strong>{ "A SAMLResponse" }</strong>
                    { " — the base64 form field from your browser's network tab (the POST to the Reply URL)." }
                </li>
                <li>
                    <strong>{ "A Redirect URL" }</strong>
                    { " — the whole address with " }<code>{ "SAMLRequest=" }</code>{ " or " }
                    <code>{ "SAMLResponse=" }</code>{ " and RelayState." }
                </li>
                <li><strong>{ "An AuthnRequest or LogoutRequest" }</strong>{ " — as XML, base64 or deflate+base64." }</li>
                <li><strong>{ "Metadata" }</strong>{ " — federation metadata XML from the IdP or the app." }</li>
                <li><strong>{ "A certificate" }</strong>{ " — PEM or the base64 from the Entra portal." }</li>
            </ul>
            <p class="hint">{ "Or drop a file on the input, or use " }<strong>{ "Try an example" }</strong>{ ":" }</p>
            <ul class="example-links">{ for examples }</ul>
        </section>
    }
}
