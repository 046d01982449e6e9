//! Redaction (`redact::redaction`, the page's "Copy redacted" and share link) of whatever
//! `inspect` made of the input, with the options chosen by the first byte.
//!
//! Checks what the redact module promises: masking only replaces characters of values, so
//! the markup stays exactly as it was — a structured redaction is well-formed XML with the
//! same elements and attributes, in the same order; nothing masked means the text unchanged;
//! the tree is used exactly when the report has one; `redact` is `redaction().text`. And
//! what issue 11 asks: no private key ever reaches a redacted copy (masked whatever the
//! options; then `share_refusal` says why nothing is shared).
#![no_main]

use libfuzzer_sys::fuzz_target;
use samlscope_core::cert::KeyMaterial;
use samlscope_core::inspect;
use samlscope_core::redact::{RedactOptions, redact, redaction, share_refusal};
use samlscope_core::xml::{Document, parse};
use samlscope_fuzz::{plain_context, split_first};

fn options(bits: u8) -> RedactOptions {
    RedactOptions {
        name_id: bits & 1 != 0,
        emails: bits & 2 != 0,
        names: bits & 4 != 0,
        attribute_values: bits & 8 != 0,
        session_index: bits & 16 != 0,
        client_addresses: bits & 32 != 0,
        signature_values: bits & 64 != 0,
        tenant_id: bits & 128 != 0,
    }
}

/// The markup of a document: each element's name and its attributes' names, in order.
fn markup(doc: &Document) -> Vec<(String, Vec<String>)> {
    doc.descendant_elements(doc.document_node())
        .map(|e| {
            (
                e.qname().to_owned(),
                e.attributes().map(|a| a.qname().to_owned()).collect(),
            )
        })
        .collect()
}

/// The bodies of the PEM private-key blocks of `text` (from the BEGIN marker, whose label ends
/// at a dash or a line end, to the END marker; on one line or many; trimmed), when at least 16
/// bytes long.
fn private_key_bodies(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(begin) = rest.find("-----BEGIN ") {
        let after = &rest[begin + 11..];
        let label_end = after.find(['-', '\n', '\r', '\\']).unwrap_or(after.len());
        let dashes = after[label_end..]
            .bytes()
            .take(5)
            .take_while(|&b| b == b'-')
            .count();
        let body = &after[label_end + dashes..];
        if !after[..label_end].contains("PRIVATE KEY") {
            rest = body;
            continue;
        }
        let end = body.find("-----END ").unwrap_or(body.len());
        let trimmed = body[..end].trim();
        if trimmed.len() >= 16 {
            out.push(trimmed);
        }
        rest = &body[end..];
    }
    out
}

fuzz_target!(|data: &[u8]| {
    let (bits, rest) = split_first(data);
    let options = options(bits);
    let report = inspect(rest, &plain_context());
    let r = redaction(&report, &options);
    assert_eq!(
        redact(&report, &options),
        r.text,
        "redact is redaction().text"
    );
    assert_eq!(
        r.structured,
        report.document.is_some(),
        "the tree is used when there is one"
    );
    if r.masked == 0 {
        assert_eq!(
            r.text,
            report.text(),
            "nothing masked, yet the text changed"
        );
    }
    if options == RedactOptions::NONE && r.masked > 0 {
        assert!(
            share_refusal(&report).is_some(),
            "masked with every option off, and no private key"
        );
    }
    for body in private_key_bodies(report.text()) {
        // Masked where it is a key (the same text elsewhere may stay).
        let before = report.text().matches(body).count();
        assert!(
            r.text.matches(body).count() < before,
            "a private key in the redacted copy: {body}"
        );
    }
    if report
        .keys
        .iter()
        .any(|k| matches!(k, KeyMaterial::PrivateKey(_)))
    {
        assert!(
            share_refusal(&report).is_some(),
            "a private key may be shared"
        );
        if report.text().trim().len() >= 16 {
            assert!(
                !r.text.contains(report.text().trim()),
                "a bare private key in the redacted copy"
            );
        }
    }
    if let Some(doc) = &report.document {
        let redacted = match parse(r.text.clone()) {
            Ok(redacted) => redacted,
            Err(e) => panic!(
                "the redacted copy is not well-formed: {} at {:?}\n{}",
                e.message, e.span, r.text
            ),
        };
        assert_eq!(
            markup(doc),
            markup(&redacted),
            "redaction changed the markup"
        );
    }
});
