//! The masthead: name, tagline and the privacy notice.

use yew::prelude::*;

use super::static_html;

/// The page header around `toolbar` (configure, share, theme). The privacy notice is always
/// visible: nothing leaves the browser. A plain function, not a component: it has no state
/// and a component costs code of its own.
pub fn header(toolbar: Html) -> Html {
    html! {
        <header class="masthead">
            { static_html(BRAND) }
            <div class="toolbar">{ toolbar }</div>
            { static_html(PRIVACY) }
        </header>
    }
}

/// The logo, name and tagline (static: see [`static_html`]).
const BRAND: &str = concat!(
    r#"<div class="brand">"#,
    r#"<svg class="logo" viewBox="0 0 32 32" width="32" height="32" aria-hidden="true" focusable="false">"#,
    r#"<circle cx="14" cy="14" r="9" fill="none" stroke="currentColor" stroke-width="2.5"></circle>"#,
    r#"<path d="M20.5 20.5 L28 28" stroke="currentColor" stroke-width="3" stroke-linecap="round"></path>"#,
    r#"<path d="M10 11.5 h8 M10 14.5 h8 M10 17.5 h5" stroke="currentColor" stroke-width="1.6" stroke-linecap="round"></path>"#,
    r#"</svg>"#,
    r#"<div><h1 class="brand-name">samlscope</h1><p class="tagline">SAML inspector — everything stays in your browser</p></div>"#,
    r#"</div>"#,
);

/// The privacy notice (static).
const PRIVACY: &str = concat!(
    r#"<p class="privacy" role="note">"#,
    r#"<svg class="privacy-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">"#,
    r#"<rect x="3" y="7" width="10" height="7" rx="1.5" fill="currentColor"></rect>"#,
    r#"<path d="M5 7 V5 a3 3 0 0 1 6 0 V7" fill="none" stroke="currentColor" stroke-width="1.6"></path>"#,
    r#"</svg>"#,
    r#"<span><strong>Nothing leaves your browser.</strong> Messages are decoded and checked on this page: no uploads, no storage, no analytics.</span>"#,
    r#"</p>"#,
);
