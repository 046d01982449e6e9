//! What the results side says before anything was pasted.

use yew::prelude::*;

use super::static_html;
use crate::examples::{EXAMPLES, Example};

/// Explains what can be pasted and offers the examples (`on_example` is called with the one
/// picked). A plain function, not a component: it has no state and a component costs code of
/// its own.
pub fn empty_state(on_example: &Callback<&'static Example>) -> Html {
    let examples = EXAMPLES.into_iter().map(|example| {
        let on_example = on_example.clone();
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
            { static_html(INTRO) }
            <ul class="example-links">{ for examples }</ul>
        </section>
    }
}

/// What can be pasted (static: see [`static_html`]).
const INTRO: &str = concat!(
    r#"<h2 id="empty-title">Paste anything from an SSO incident</h2>"#,
    r#"<p class="lead">samlscope works out what it is, undoes the encoding and tells you what is wrong with it.</p>"#,
    r#"<ul class="accepts">"#,
    r#"<li><strong>A SAMLResponse</strong> — the base64 form field from your browser's network tab (the POST to the Reply URL).</li>"#,
    r#"<li><strong>A Redirect URL</strong> — the whole address with <code>SAMLRequest=</code> or <code>SAMLResponse=</code> and RelayState.</li>"#,
    r#"<li><strong>An AuthnRequest or LogoutRequest</strong> — as XML, base64 or deflate+base64.</li>"#,
    r#"<li><strong>Metadata</strong> — federation metadata XML from the IdP or the app.</li>"#,
    r#"<li><strong>A certificate</strong> — PEM or the base64 from the Entra portal.</li>"#,
    r#"<li><strong>A HAR file</strong> — the network tab's export of the whole sign-in: every SAML message in order.</li>"#,
    r#"</ul>"#,
    r#"<p class="hint">Or drop a file on the input, or use <strong>Try an example</strong>:</p>"#,
);
