//! `signature-structure-suspicious`: XML-DSig elements where they do not belong (CVE-2024-45409).

use super::Checker;
use crate::finding::{Finding, Rule, Severity};
use crate::xml::{ElementRef, ns};

pub(crate) static RULE: Rule = Rule {
    name: "signature-structure-suspicious",
    code: "SIG010",
    severity: Severity::Error,
    summary: "DigestValue / Reference / SignedInfo outside a Signature's own SignedInfo, or several Signatures on one element",
    docs: "## What it does
Reports `ds:DigestValue`, `ds:Reference`, `ds:SignedInfo` or `ds:SignatureValue` elements that are
not in their place in a `ds:Signature` (e.g. inside `samlp:Extensions` or an AttributeValue), and
elements carrying more than one Signature.

## Why is this bad?
Verifiers that search the document for `//ds:DigestValue` pick the attacker's copy: that is
CVE-2024-45409 (ruby-saml, GitLab), which let anyone sign in as anyone. Several Signatures on one
element confuse which one is checked.

## Example
```xml
<samlp:Extensions><ds:DigestValue>attacker's digest</ds:DigestValue></samlp:Extensions>
```

## How to fix
Reject the message and upgrade SAML libraries that look signature parts up document-wide.

## References
- CVE-2024-45409 (ruby-saml < 1.17.0 / 1.12.3); XML Signature §4 (Core Signature Syntax)
",
};

fn in_place(e: &ElementRef<'_>) -> bool {
    let parent = e.parent_element();
    let is = |p: Option<ElementRef<'_>>, local: &str| p.is_some_and(|p| p.is(ns::DS, local));
    match e.local_name() {
        "SignedInfo" | "SignatureValue" => is(parent, "Signature"),
        "Reference" => is(parent, "SignedInfo") || is(parent, "Manifest"),
        "DigestValue" | "DigestMethod" => is(parent, "Reference"),
        _ => true,
    }
}

pub(crate) fn check(cx: &mut Checker<'_>) {
    let doc = cx.doc;
    let mut found = Vec::new();
    for e in doc.descendant_elements(doc.document_node()) {
        if e.namespace() != Some(ns::DS) {
            continue;
        }
        if !in_place(&e) {
            let parent = e
                .parent_element()
                .map_or(String::new(), |p| p.qname().to_owned());
            found.push(
                Finding::new(&RULE, format!("`{}` appears inside `{parent}`, outside a Signature's own SignedInfo", e.qname()))
                    .at(e.start_tag())
                    .help("this is how CVE-2024-45409 fooled verifiers that search the document for DigestValue: reject the message"),
            );
        }
    }
    for e in doc.descendant_elements(doc.document_node()) {
        let n = e.children_named(ns::DS, "Signature").count();
        if n > 1
            && let Some(second) = e.children_named(ns::DS, "Signature").nth(1)
        {
            found.push(
                Finding::new(&RULE, format!("`{}` carries {n} Signatures; one element has one signature", e.qname()))
                    .at(second.start_tag())
                    .help("several signatures on one element make it unclear which one a verifier checks: reject the message"),
            );
        }
    }
    for f in found.into_iter().take(20) {
        cx.report(f);
    }
}
