//! The samlscope command-line tool (work in progress).
fn main() {}
