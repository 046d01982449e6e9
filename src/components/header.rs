//! The masthead: name, tagline and the privacy notice.

use yew::prelude::*;

/// Props of [`Header`].
#[derive(Properties, PartialEq)]
pub struct HeaderProps {
    /// The toolbar (configure, share, theme).
    #[prop_or_default]
    pub children: Html,
}

/// The page header. The privacy notice is always visible: nothing leaves the browser.
#[component]
pub fn Header(props: &HeaderProps) -> Html {
    html! {
        <header class="masthead">
            <div class="brand">
                <svg class="logo" viewBox="0 0 32 32" width="32" height="32" aria-hidden="true" focusable="false">
                    <circle cx="14" cy="14" r="9" fill="none" stroke="currentColor" stroke-width="2.5" />
                    <path d="M20.5 20.5 L28 28" stroke="currentColor" stroke-width="3" stroke-linecap="round" />
                    <path d="M10 11.5 h8 M10 14.5 h8 M10 17.5 h5" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" />
                </svg>
                <div>
                    <h1 class="brand-name">{ "samlscope" }</h1>
                    <p class="tagline">{ "SAML inspector — everything stays in your browser" }</p>
                </div>
            </div>
            <div class="toolbar">{ props.children.clone() }</div>
            <p class="privacy" role="note">
                <svg class="privacy-icon" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true" focusable="false">
                    <rect x="3" y="7" width="10" height="7" rx="1.5" fill="currentColor" />
                    <path d="M5 7 V5 a3 3 0 0 1 6 0 V7" fill="none" stroke="currentColor" stroke-width="1.6" />
                </svg>
                <span>
                    <strong>{ "Nothing leaves your browser." }</strong>
                    { " Messages are decoded and checked on this page: no uploads, no storage, no analytics." }
                </span>
            </p>
        </header>
    }
}
