//! The exact canonical bytes each signature hashed — its SignedInfo and every Reference — to
//! compare with what the signer produced (the CLI's `--show-c14n`).
//!
//! JSON: the report's object with `canonical: {"signed_info": "…", "references": ["…"]}` on
//! each entry of `signatures` that is a `ds:Signature` of the message. Text: after the report,
//! one block per SignedInfo and per Reference, each under a line that says which and how long.

use std::fmt::Write as _;

use serde_json::{Value, json};

use crate::dsig;
use crate::report::Report;

/// The canonical bytes of one signature, as text (invalid UTF-8 replaced; empty when the part
/// could not be canonicalised).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Canonical {
    /// The canonical SignedInfo: what the SignatureValue signs.
    pub signed_info: String,
    /// The canonical bytes of each Reference, in order: what each DigestValue is computed over.
    pub references: Vec<String>,
}

/// The canonical bytes of every `ds:Signature` of the report's message, in the order of
/// `report.signatures` (none when the message did not parse).
pub fn canonical(report: &Report) -> Vec<Canonical> {
    let Some(doc) = report.document.as_ref() else {
        return Vec::new();
    };
    let text =
        |bytes: Option<Vec<u8>>| String::from_utf8_lossy(&bytes.unwrap_or_default()).into_owned();
    report
        .signatures
        .iter()
        .map(|s| Canonical {
            signed_info: text(dsig::canonical_signed_info(doc, s)),
            references: (0..s.references.len())
                .map(|i| text(dsig::canonical_reference(doc, s, i)))
                .collect(),
        })
        .collect()
}

/// The report's JSON object ([`super::json::to_value`]) with each signature's `canonical`.
pub fn to_value(report: &Report) -> Value {
    let mut value = super::json::to_value(report);
    if let Some(signatures) = value["signatures"].as_array_mut() {
        for (entry, c) in signatures.iter_mut().zip(canonical(report)) {
            entry["canonical"] = json!({"signed_info": c.signed_info, "references": c.references});
        }
    }
    value
}

/// Pretty-printed JSON text of [`to_value`].
pub fn json(report: &Report) -> String {
    serde_json::to_string_pretty(&to_value(report)).unwrap_or_default()
}

/// The canonical bytes as text, to follow the report's text: for each signature,
/// `── signature 1 · canonical SignedInfo (N bytes) ──` and the bytes, then
/// `── signature 1 · canonical Reference 1 (N bytes) ──` and the bytes, each block preceded by
/// an empty line.
pub fn text(report: &Report) -> String {
    let mut out = String::new();
    for (i, c) in canonical(report).into_iter().enumerate() {
        let _ = writeln!(
            out,
            "\n── signature {} · canonical SignedInfo ({} bytes) ──",
            i + 1,
            c.signed_info.len()
        );
        let _ = writeln!(out, "{}", c.signed_info);
        for (j, reference) in c.references.iter().enumerate() {
            let _ = writeln!(
                out,
                "\n── signature {} · canonical Reference {} ({} bytes) ──",
                i + 1,
                j + 1,
                reference.len()
            );
            let _ = writeln!(out, "{reference}");
        }
    }
    out
}
