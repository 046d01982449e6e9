//! `signature-digest-mismatch`: a Reference digest does not match.

use super::Checker;
use crate::dsig::Failure;
use crate::finding::{Finding, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    name: "signature-digest-mismatch",
    code: "SIG003",
    severity: Severity::Error,
    summary: "a Reference digest does not match the signed content",
    docs: docs!(
        "## What it does
Canonicalises the element a signature references, hashes it, and compares with the
DigestValue. When they differ, it says which element, whether the signature over SignedInfo
itself holds (then the content was changed after signing), and whether the element carries
indentation — the classic sign of a message reformatted after signing.

## Why is this bad?
The signed content was changed: by an attacker, by a proxy, or by an editor or tool that
pretty-printed the XML (even whitespace between elements is signed). Every service provider
rejects it (ruby-saml \"Digest mismatch\", python3-saml \"Signature validation failed\").

## Example
A signed, one-line Entra assertion pasted through a formatter: the indentation added between
elements changes the canonical bytes.

## How to fix
Use the message exactly as received (the base64 from the browser's network tab, not a
formatted copy). If it came straight from the identity provider, something between it and the
SP rewrote the XML.

## References
- XML Signature §3.2.1 Reference Validation
- Exclusive XML Canonicalization 1.0
"
    ),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    let mut found = Vec::new();
    for s in cx.signatures {
        let Some(Failure::DigestMismatch {
            index,
            expected,
            actual,
            reformatted,
            signed_info_valid,
        }) = &s.failure
        else {
            continue;
        };
        let target = s.references.get(*index).and_then(|r| r.target);
        let name = target
            .and_then(|t| cx.doc.element(t))
            .map_or("the referenced content".to_owned(), |e| {
                format!("`{}`", e.qname())
            });
        let mut message = format!(
            "the digest of {name} does not match: DigestValue {expected}, computed {actual}"
        );
        if *reformatted {
            message.push_str(" — it was reformatted after signing: without the indentation added since, the digest matches");
        } else if *signed_info_valid {
            message.push_str("; SignedInfo verifies, so the content was changed after signing");
        }
        let help = if *reformatted {
            "the assertion was reformatted after signing: without the indentation added since, the digest matches — use the message exactly as received (the base64 from the network tab), not a formatted copy"
        } else {
            "the signed content was modified after signing (by a proxy, a tool or an attacker): use the message exactly as received"
        };
        let digest_span = s
            .structure
            .references
            .get(*index)
            .and_then(|r| r.digest_value.as_ref())
            .map(|d| d.span);
        let mut finding = Finding::new(&RULE, message).at_opt(
            target
                .and_then(|t| cx.doc.element(t))
                .map(|e| e.start_tag()),
        );
        if let Some(span) = digest_span {
            finding = finding.label(span, "DigestValue");
        }
        found.push(finding.help(help));
    }
    for f in found {
        cx.report(f);
    }
}
