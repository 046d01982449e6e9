//! `signature-wrapping`: the element the SP would read is not the element that was signed.

use super::Checker;
use crate::finding::{Finding, Rule, Severity};
use crate::xml::{ElementRef, NodeId, ns};

pub(crate) static RULE: Rule = Rule {
    name: "signature-wrapping",
    code: "SIG009",
    severity: Severity::Error,
    summary: "the element the SP would read is not the element that was signed (XSW1–XSW8)",
    docs: docs!("## What it does
Compares what the signatures cover with what a service provider reads — the root Response and
its first Assertion — and looks for the tell-tales of XML Signature Wrapping: more than one
Assertion, an Assertion or Response inside `ds:Signature`, `ds:Object`, `samlp:Extensions` or
another Assertion, a signed element that is not where the profile puts it, or a read Assertion
that no valid signature covers while another one is signed.

## Why is this bad?
The signature verifies — over a copy the application never reads. The attacker's unsigned clone
(with `admin` as NameID) is what the SP uses. Every SAML library has had this bug
(Somorovsky et al. 2012; CVE-2024-45409 ruby-saml; CVE-2025-47949 samlify).

## Example
XSW3: an unsigned, modified Assertion inserted before the signed one:
```xml
<samlp:Response><saml:Assertion ID=\"_evil\">admin…</saml:Assertion><saml:Assertion ID=\"_a\"><ds:Signature>…#_a…
```

## How to fix
Reject the message. Make sure the SP reads only elements its verifier reports as signed.

## References
- Somorovsky et al., \"On Breaking SAML: Be Whoever You Want to Be\", USENIX Security 2012
- SAMLRaider XSW1–XSW8; CVE-2024-45409
"),
};

/// Where an Assertion or Response must never be.
fn hiding_place<'d>(e: &ElementRef<'d>) -> Option<&'static str> {
    let mut at = e.parent_element();
    while let Some(p) = at {
        if p.is(ns::DS, "Signature") {
            return Some("inside ds:Signature");
        }
        if p.is(ns::DS, "Object") {
            return Some("inside ds:Object");
        }
        if p.is(ns::SAMLP, "Extensions") {
            return Some("inside samlp:Extensions");
        }
        if p.is(ns::SAML, "Assertion") {
            return Some("inside another Assertion");
        }
        at = p.parent_element();
    }
    None
}

pub(crate) fn check(cx: &mut Checker<'_>) {
    let doc = cx.doc;
    let Some(response) = cx.message.response() else {
        return;
    };
    let root = response.header.element;
    let read: Option<NodeId> = response.assertions.first().map(|a| a.element);
    let mut found: Vec<Finding> = Vec::new();
    let help = "the SP must read only what its verifier reports as signed: reject this message";

    // Assertions and Responses in hiding places.
    let all: Vec<ElementRef<'_>> = doc
        .descendant_elements(doc.document_node())
        .filter(|e| e.is(ns::SAML, "Assertion") || e.is(ns::SAMLP, "Response"))
        .collect();
    for e in &all {
        if let Some(place) = hiding_place(e) {
            found.push(
                Finding::new(
                    &RULE,
                    format!(
                        "{} `{}` is hidden {place}",
                        if e.local_name().starts_with('A') {
                            "an"
                        } else {
                            "a"
                        },
                        e.qname()
                    ),
                )
                .at(e.start_tag())
                .help(help),
            );
        }
    }
    let assertions = all.iter().filter(|e| e.is(ns::SAML, "Assertion")).count();
    let intact: Vec<_> = cx
        .signatures
        .iter()
        .filter(|s| s.verdict.intact())
        .collect();
    // Signed elements (whatever the verdict) that are not where the SP reads.
    for s in cx.signatures {
        if let Some(crate::dsig::Failure::ReferenceAmbiguous(uri, n)) = &s.failure {
            found.push(
                Finding::new(
                    &RULE,
                    format!("the Reference `{uri}` names {n} elements: the verifier may check one while the SP reads another"),
                )
                .at(s.span)
                .help(help),
            );
        }
        let Some(target) = s.target else { continue };
        let Some(e) = doc.element(target) else {
            continue;
        };
        let is_message = e.is(ns::SAMLP, "Response") || e.is(ns::SAML, "Assertion");
        if is_message && target != root && Some(target) != read {
            found.push(
                Finding::new(
                    &RULE,
                    format!(
                        "the signed `{}` (ID `{}`) is not the element the SP reads",
                        e.qname(),
                        s.target_id.as_deref().unwrap_or("")
                    ),
                )
                .at(e.start_tag())
                .help(help),
            );
        }
    }
    // The read Assertion is not covered, while another is signed.
    if let Some(read) = read
        && !intact.iter().any(|s| s.covers(doc, read))
        && intact.iter().any(|s| {
            s.target
                .is_some_and(|t| doc.element(t).is_some_and(|e| e.is(ns::SAML, "Assertion")))
        })
        && let Some(e) = doc.element(read)
    {
        found.push(
            Finding::new(
                &RULE,
                "the Assertion the SP reads is not covered by any valid signature, but another Assertion is signed",
            )
            .at(e.start_tag())
            .help(help),
        );
    }
    // More than one Assertion in a signed message.
    if assertions > 1
        && !cx.signatures.is_empty()
        && found.is_empty()
        && let Some(e) = all.iter().filter(|e| e.is(ns::SAML, "Assertion")).nth(1)
    {
        found.push(
            Finding::new(
                &RULE,
                format!(
                    "the document holds {assertions} Assertions; a signed message holds exactly one"
                ),
            )
            .at(e.start_tag())
            .help(help),
        );
    }
    for f in found {
        cx.report(f);
    }
}
