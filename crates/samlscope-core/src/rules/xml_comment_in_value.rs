//! `xml-comment-in-value`: a comment, CDATA section or PI splits a security-relevant value.

use super::Checker;
use crate::finding::{Finding, Rule, Severity};
use crate::xml::{NodeKind, ns};

pub(crate) static RULE: Rule = Rule {
    name: "xml-comment-in-value",
    code: "XML003",
    severity: Severity::Error,
    summary: "a comment, CDATA section or processing instruction splits the text of NameID, AttributeValue, Issuer or Audience",
    docs: docs!("## What it does
Looks at the text of `NameID`, `AttributeValue`, `Issuer` and `Audience` and reports any that
is split into several pieces by a comment, a CDATA section or a processing instruction. It
shows the full text next to what a library reading only the first text node would see.

## Why is this bad?
Canonicalisation drops comments, so the signature still verifies after a comment is inserted.
Libraries that read only the first text node then see a different user: `admin@example.com<!---->.evil.com`
becomes `admin@example.com` (CVE-2017-11427 python-saml, CVE-2017-11428 ruby-saml,
CVE-2017-11429 saml2-js, CVE-2018-0489 Shibboleth).

## Example
```xml
<saml:NameID>admin@example.com<!---->.evil.com</saml:NameID>
```

## How to fix
Reject the message: identity providers never produce split values. Make sure the service
provider reads the full text content (and upgrade the libraries above).

## References
- Duo Labs, \"Duo Finds SAML Vulnerabilities Affecting Multiple Implementations\" (2018)
- CVE-2017-11427, CVE-2017-11428, CVE-2017-11429, CVE-2017-11430, CVE-2018-0489
"),
};

const WATCHED: &[(&str, &str)] = &[
    (ns::SAML, "NameID"),
    (ns::SAML, "AttributeValue"),
    (ns::SAML, "Issuer"),
    (ns::SAML, "Audience"),
];

pub(crate) fn check(cx: &mut Checker<'_>) {
    let doc = cx.doc;
    let mut reported = 0;
    for e in doc.descendant_elements(doc.document_node()) {
        if !WATCHED.iter().any(|(n, l)| e.is(n, l)) {
            continue;
        }
        let mut pieces = 0;
        let mut splitter = None;
        let mut first_text: Option<&str> = None;
        for child in doc.children(e.id()) {
            match doc.kind(child) {
                NodeKind::Text | NodeKind::CData => {
                    let text = doc.node_text(child).unwrap_or("");
                    if text.trim().is_empty() && first_text.is_none() {
                        continue;
                    }
                    pieces += 1;
                    first_text.get_or_insert(text);
                    if doc.kind(child) == NodeKind::CData && splitter.is_none() && pieces > 1 {
                        splitter = Some("a CDATA section");
                    }
                }
                NodeKind::Comment => {
                    splitter.get_or_insert("a comment");
                }
                NodeKind::ProcessingInstruction => {
                    splitter.get_or_insert("a processing instruction");
                }
                _ => {}
            }
        }
        let Some(what) = splitter.or((pieces > 1).then_some("a CDATA section")) else {
            continue;
        };
        let full = e.text_content();
        let first = first_text.unwrap_or("");
        cx.report(
            Finding::new(
                &RULE,
                format!(
                    "the text of `{}` is split by {what}: full text `{}`, but a library reading the first text node sees `{}`",
                    e.qname(),
                    full.trim(),
                    first.trim()
                ),
            )
            .at(e.content_span())
            .help("identity providers never split these values: treat the message as an attack (comment injection) and make sure the SP reads the full text"),
        );
        reported += 1;
        if reported >= 20 {
            break;
        }
    }
}
