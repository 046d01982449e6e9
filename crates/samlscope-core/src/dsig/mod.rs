//! XML-DSig verification over the one parsed tree (work in progress).
pub mod c14n;
pub mod crypto;
