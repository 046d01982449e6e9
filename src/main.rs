//! samlscope web app entry point.
fn main() {}
