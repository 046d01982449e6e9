//! Renderers: linter-style text and the JSON of the CLI contract.
pub mod json;
pub mod text;
