//! The JSON of the CLI contract (`../shared/DESIGN.md`).

use serde_json::{Value, json};

use crate::finding::Finding;
use crate::report::Report;
use crate::span::LineIndex;

/// The JSON object for one report.
pub fn to_value(report: &Report) -> Value {
    let index = LineIndex::new(report.text());
    let findings: Vec<Value> = report
        .findings
        .iter()
        .map(|f| finding(f, report.text(), &index))
        .collect();
    let mut summary = serde_json::to_value(&report.summary).unwrap_or_else(|_| json!({}));
    if let (Some(obj), Some(binding)) = (summary.as_object_mut(), &report.binding) {
        if let Some(sig_alg) = &binding.sig_alg {
            obj.insert("sig_alg".into(), json!(sig_alg));
        }
        if let Some(endpoint) = &binding.endpoint {
            obj.insert("endpoint".into(), json!(endpoint));
        }
    }
    if let Some(obj) = summary.as_object_mut()
        && !report.keys.is_empty()
    {
        obj.insert(
            "keys".into(),
            serde_json::to_value(&report.keys).unwrap_or(Value::Null),
        );
    }
    json!({
        "kind": report.kind.id(),
        "layers": report.layers.iter().map(|l| l.id()).collect::<Vec<_>>(),
        "detected": report.detected(),
        "summary": summary,
        "signatures": [],
        "findings": findings,
    })
}

/// Pretty-printed JSON text for one report.
pub fn render(report: &Report) -> String {
    serde_json::to_string_pretty(&to_value(report)).unwrap_or_else(|_| "{}".to_owned())
}

fn finding(f: &Finding, text: &str, index: &LineIndex) -> Value {
    let span = f.span.map_or(Value::Null, |s| {
        let at = index.line_column(text, s.start);
        json!({"start": s.start, "end": s.end, "line": at.line, "column": at.column})
    });
    json!({
        "name": f.name(),
        "code": f.code(),
        "severity": f.severity.as_str(),
        "message": f.message,
        "span": span,
        "help": f.help,
    })
}
