//! `metadata-certificate-malformed`: an X509Certificate holds PEM armour, junk or non-DER.

use std::collections::HashMap;

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD;

use super::Checker;
use crate::cert::{is_der_certificate, parse_certificate_text_with_problems};
use crate::finding::{Finding, Rule, Severity};
use crate::model::Message;
use crate::span::Span;

pub(crate) static RULE: Rule = Rule {
    name: "metadata-certificate-malformed",
    code: "MET004",
    severity: Severity::Error,
    summary: "an X509Certificate holds PEM armour, junk or non-DER",
    docs: docs!(
        "## What it does
Reads every `ds:X509Certificate` of every KeyDescriptor in the metadata and reports the ones
that are not plain base64 of a DER certificate: PEM armour (`-----BEGIN CERTIFICATE-----`),
text around it, URL-safe or hex encoding, double encoding, missing padding, truncated base64,
or bytes that are no X.509 certificate. Line breaks and indentation inside the base64 are normal
and never reported.

## Why is this bad?
`X509Certificate` holds the base64 of the DER certificate and nothing else. Lenient software
(and samlscope) may still read a damaged value, but most SAML stacks do not: the metadata import
fails, or the key is silently skipped and every signature made with it is rejected. Such values
usually come from pasting a `.cer`/`.pem` file by hand.

## Example
```xml
<ds:X509Certificate>-----BEGIN CERTIFICATE-----
MIIDLTCCAhWgAwIBAgIULyw733iBg6WEJ6ccn+F7v+54v04w…
-----END CERTIFICATE-----</ds:X509Certificate>
```

## How to fix
Put only the certificate's base64 inside `X509Certificate`: the lines between
`-----BEGIN CERTIFICATE-----` and `-----END CERTIFICATE-----` of a PEM file (Entra: the
\"Certificate (Base64)\" download of the SAML Signing Certificate section). Better, download or
regenerate the metadata instead of editing it: a hand edit also breaks its signature.

## References
- XML Signature §4.5.4 (X509Data: X509Certificate is a base64-encoded DER certificate)
- SAML 2.0 Metadata §2.4.1.1 (KeyDescriptor)
"
    ),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    let entities = match cx.message {
        Message::EntityDescriptor(e) => std::slice::from_ref(e),
        Message::EntitiesDescriptor(g) => g.entities.as_slice(),
        _ => return,
    };
    // Aggregates repeat certificates (one key for signing and encryption, one federation
    // operator's key in many entities): each distinct text is read once.
    let text_of_doc = cx.doc.text();
    let mut verdicts: HashMap<&str, Option<String>> = HashMap::new();
    let mut found = Vec::new();
    for e in entities {
        for role in &e.roles {
            for key in &role.keys {
                for c in &key.certificates {
                    let text = c.text.value.as_str();
                    if crate::placeholder::is_placeholder(text) {
                        continue; // masked in a redacted copy (`input-redacted` says so)
                    }
                    let Some(problem) = verdicts.entry(text).or_insert_with(|| problem(text))
                    else {
                        continue;
                    };
                    let usage = match key.usage.as_ref().map(|u| u.trimmed()) {
                        Some(u @ ("signing" | "encryption")) => format!("{u} KeyDescriptor"),
                        Some(u) => format!("KeyDescriptor use=\"{u}\""),
                        None => "KeyDescriptor".to_owned(),
                    };
                    let id = e.entity_id.as_ref().map_or("", |t| t.trimmed());
                    // The base64 itself, without the line breaks around it.
                    let raw = c.text.span.slice(text_of_doc);
                    let span = Span::new(
                        c.text.span.start + (raw.len() - raw.trim_start().len()),
                        c.text.span.end - (raw.len() - raw.trim_end().len()),
                    );
                    found.push(
                        Finding::new(
                            &RULE,
                            format!(
                                "the X509Certificate in the {usage} of the {} of `{id}` {problem}",
                                role.kind.label()
                            ),
                        )
                        .at(if span.is_empty() { c.text.span } else { span })
                        .help("put only the certificate's base64 in X509Certificate — the lines between -----BEGIN CERTIFICATE----- and -----END CERTIFICATE----- — or download the metadata again instead of editing it"),
                    );
                }
            }
        }
    }
    for f in found {
        cx.report(f);
    }
}

/// What is wrong with a certificate's text, worded to follow "the X509Certificate … ".
fn problem(text: &str) -> Option<String> {
    if plain_der_certificate(text) {
        return None;
    }
    match parse_certificate_text_with_problems(text) {
        Err(e) => Some(format!("cannot be read: {e}")),
        Ok((_, problems)) if problems.is_empty() => None,
        Ok((_, problems)) => Some(format!(
            "is malformed: {} (samlscope could read it; most SAML software cannot)",
            problems.join("; ")
        )),
    }
}

/// The common case, three times cheaper than the full reading (no thumbprints, names or key
/// sizes): canonical standard base64 with nothing but ASCII whitespace around and inside, of
/// exactly one DER certificate. Whatever this accepts, the full reading accepts without a
/// problem; everything else goes to the full reading, which says what is wrong.
fn plain_der_certificate(text: &str) -> bool {
    let compact: Vec<u8> = text.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    let Ok(der) = STANDARD.decode(&compact) else {
        return false;
    };
    is_der_certificate(&der)
}
