//! XML-DSig verification over the one parsed tree (in progress).

pub mod c14n;
pub mod crypto;
pub mod structure;
pub mod trust;
