//! The pipeline: decode → parse → model → check → Report.
use crate::context::Context;
use crate::report::{Kind, Report, Summary};

/// Inspects anything a user pasted. Never panics; problems become findings.
pub fn inspect(input: impl AsRef<[u8]>, ctx: &Context) -> Report {
    let _ = ctx;
    let input = input.as_ref();
    Report {
        text: String::from_utf8_lossy(input).into_owned(),
        input_len: input.len(),
        layers: Vec::new(),
        binding: None,
        kind: Kind::Unknown,
        document: None,
        message: None,
        keys: Vec::new(),
        summary: Summary::default(),
        findings: Vec::new(),
    }
}
