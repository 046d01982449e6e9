//! Digests and signature primitives of XML-DSig (work in progress by a helper).
