//! The JSON of the CLI contract (`docs/cli.md`, where every key is described).

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
        "signatures": signatures(report, &index),
        "idp": report.idp,
        "acceptance": crate::sps::acceptance(report),
        "findings": findings,
        "clock_skew": report.clock_skew,
        "configuration": report.configuration,
        "not_checked": report.not_checked,
    })
}

/// The JSON object of one finding, its span located in `text`.
pub fn finding_value(f: &Finding, text: &str) -> Value {
    finding(f, text, &LineIndex::new(text))
}

/// Pretty-printed JSON text for one report.
pub fn render(report: &Report) -> String {
    serde_json::to_string_pretty(&to_value(report)).unwrap_or_else(|_| "{}".to_owned())
}

/// The `signatures` array: one entry per `ds:Signature` (and one for an HTTP-Redirect
/// signature), with the contract's fields first and diagnosis after.
fn signatures(report: &Report, index: &LineIndex) -> Vec<Value> {
    let text = report.text();
    let doc = report.document.as_ref();
    let mut out: Vec<Value> = report
        .signatures
        .iter()
        .map(|s| {
            let target_name = doc.map_or("other", |d| s.coverage(d).target());
            let covers = s.target.and_then(|t| doc.map(|d| d.span(t))).map(|span| {
                let at = index.line_column(text, span.start);
                json!({"start": span.start, "end": span.end, "line": at.line, "column": at.column})
            });
            signature_json(s, target_name, covers.unwrap_or(Value::Null))
        })
        .collect();
    for s in report.decrypted.iter().flat_map(|d| &d.signatures) {
        // Spans of a decrypted assertion point into its own text, not the report's.
        let mut entry = signature_json(s, "assertion", Value::Null);
        entry["inside"] = json!("decrypted-assertion");
        out.push(entry);
    }
    if let Some(r) = &report.redirect_signature {
        out.push(json!({
            "target": "redirect-query",
            "target_id": report.summary.id,
            "verdict": r.verdict.as_str(),
            "signature_method": r.sig_alg,
            "digest_method": null,
            "key": key_json(r.key.as_ref(), None),
            "failure": r.failure,
        }));
    }
    out
}

fn signature_json(s: &crate::dsig::SignatureReport, target: &str, covers: Value) -> Value {
    json!({
        "target": target,
        "target_id": s.target_id,
        "verdict": s.verdict.as_str(),
        "signature_method": s.signature_method,
        "digest_method": s.digest_method,
        "key": key_json(s.key.as_ref(), s.embedded_certificate.as_ref()),
        "c14n_method": s.c14n_method,
        "failure": s.failure.as_ref().map(crate::dsig::Failure::describe),
        "covers": covers,
    })
}

fn key_json(
    key: Option<&crate::dsig::KeyUsed>,
    embedded: Option<&crate::cert::CertificateInfo>,
) -> Value {
    let cert = key.and_then(|k| k.certificate.as_ref()).or(embedded);
    let source = match key.map(|k| k.source) {
        Some(crate::dsig::KeySource::Trusted) => "trusted",
        Some(crate::dsig::KeySource::Embedded) | None => "embedded",
    };
    if key.is_none() && cert.is_none() {
        return Value::Null;
    }
    json!({
        "sha1": cert.map(|c| c.sha1.clone()),
        "sha256": cert.map(|c| c.sha256.clone()),
        "source": source,
        "description": key.map(|k| k.description.clone()).or_else(|| cert.map(|c| c.key.describe())),
        "subject": cert.map(|c| c.subject.clone()),
    })
}

fn span_json(span: Option<crate::span::Span>, text: &str, index: &LineIndex) -> Value {
    span.map_or(Value::Null, |s| {
        let at = index.line_column(text, s.start);
        json!({"start": s.start, "end": s.end, "line": at.line, "column": at.column})
    })
}

fn finding(f: &Finding, text: &str, index: &LineIndex) -> Value {
    let evidence = f.evidence.as_ref().map_or(Value::Null, |e| {
        json!({
            "expected": e.expected.as_ref().map(|(value, source)| json!({"value": value, "source": source})),
            "found": e.found.as_ref().map(|found| json!({"value": found.value, "span": span_json(found.span, text, index)})),
        })
    });
    json!({
        "name": f.name(),
        "code": f.code(),
        "severity": f.severity.as_str(),
        "message": f.message,
        "span": span_json(f.span, text, index),
        "help": f.help,
        "setting": f.setting,
        "evidence": evidence,
    })
}
