//! The one XML tree (work in progress: see xml/tree.rs).
/// Placeholder.
#[derive(Clone, Debug)]
pub struct Document {
    text: String,
}
impl Document {
    /// The text.
    pub fn text(&self) -> &str {
        &self.text
    }
}
