//! Renderers: linter-style text and the JSON of the CLI contract, for one report, a HAR
//! capture ([`har`]) and a signature's canonical bytes ([`c14n`]).
pub mod c14n;
pub mod har;
pub mod json;
pub mod text;

/// The last segment of a URN (`…:status:Requester` → `Requester`).
pub(crate) fn short_urn(urn: &str) -> &str {
    urn.trim().rsplit(':').next().unwrap_or(urn)
}
