//! The rule catalogue (work in progress).
