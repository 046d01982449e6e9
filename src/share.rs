//! TODO: share links: the (redacted) message in the URL fragment, compressed; never sent.

/// What a share link carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shared {
    /// The message text.
    pub text: String,
}

/// The shared message in a location fragment (`#…`), if it holds one.
pub fn from_fragment(fragment: &str) -> Option<Shared> {
    let _ = fragment;
    None
}
