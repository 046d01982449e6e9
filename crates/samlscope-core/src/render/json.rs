//! JSON renderer (work in progress).
