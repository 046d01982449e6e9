//! samlscope-web: the browser shell of samlscope.
//!
//! The page takes whatever the user pastes, drops or opens, hands the bytes to
//! [`inspect`](fn@samlscope_core::inspect) and renders the [`samlscope_core::Report`]. It
//! holds no SAML logic of its own: everything it shows comes from the Report.
//!
//! Nothing leaves the browser: the page makes no request after it has loaded, stores
//! nothing, and never logs message contents.
//!
//! Modules:
//! * [`config`](mod@config): the configuration form and how it becomes the core's Context;
//! * [`examples`]: example inputs the project made itself (embedded, never fetched);
//! * [`markup`]: HTML text for the read-only views, escaped by construction;
//! * [`rule_docs`]: `rules.html`, the rule documentation the findings link to;
//! * [`highlight`] and [`text_view`]: pure helpers for the exact-text XML view, and
//!   [`format`](mod@format) for sizes, counts and times (they build and are tested natively);
//! * `app`, `state` and `components` (wasm32 only): the Yew application.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod config;
pub mod examples;
pub mod format;
pub mod highlight;
pub mod markup;
pub mod rule_docs;
pub mod share;
pub mod text_view;

#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod copy;
#[cfg(target_arch = "wasm32")]
pub mod har_input;
#[cfg(target_arch = "wasm32")]
pub mod panic;
#[cfg(target_arch = "wasm32")]
pub mod state;
