//! SAML model (work in progress).
/// Placeholder.
#[derive(Clone, Debug)]
pub enum Message {
    /// Placeholder.
    Unknown,
}
