//! Text renderer (work in progress).
