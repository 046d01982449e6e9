//! `signature-reference-invalid`: a Reference that does not point where it must.

use super::Checker;
use crate::dsig::Failure;
use crate::finding::{Finding, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    name: "signature-reference-invalid",
    code: "SIG005",
    severity: Severity::Error,
    summary: "a Reference URI is empty, external, not the parent element's ID, not found, or there are several",
    docs: docs!(
        "## What it does
SAML signatures have exactly one Reference, `URI=\"#ID\"`, naming the ID of the element the
Signature sits in. This rule reports a Reference that names no element or several, an external
or empty URI (`\"\"` signs the whole document), an ID other than the parent's, and SignedInfo with
several References.

## Why is this bad?
Each of these lets what was signed differ from what the service provider reads (the root of
signature wrapping); libraries reject them (ruby-saml \"Found an invalid Signed Element\",
python3-saml \"Signed Element must contain an ID\").

## Example
```xml
<saml:Assertion ID=\"_a\"><ds:Signature>…<ds:Reference URI=\"#_other\">
```

## How to fix
Reject the message unless it comes straight from the identity provider; then report the bug to
its vendor.

## References
- SAML 2.0 Core §5.4.2 (References)
- XML Signature §4.4.3.3 (Same-Document URI-References)
"
    ),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    let mut found = Vec::new();
    for s in cx.signatures {
        let uri_span = s
            .structure
            .references
            .first()
            .and_then(|r| r.uri.as_ref())
            .map(|u| u.span);
        let at = uri_span.unwrap_or(s.span);
        let help = "a SAML signature has one Reference, URI=\"#<ID of the element the Signature is in>\": reject the message";
        if let Some(
            f @ (Failure::ReferenceNotFound(_)
            | Failure::ReferenceAmbiguous(..)
            | Failure::ReferenceExternal(_)
            | Failure::NoReference),
        ) = &s.failure
        {
            found.push(Finding::new(&RULE, f.describe()).at(at).help(help));
            continue;
        }
        if s.references.len() > 1 {
            found.push(
                Finding::new(
                    &RULE,
                    format!(
                        "SignedInfo has {} References; SAML signatures have exactly one",
                        s.references.len()
                    ),
                )
                .at(at)
                .help(help),
            );
        }
        if let Some(r) = s.references.first() {
            if r.uri.is_empty() {
                found.push(
                    Finding::new(&RULE, "the Reference URI is empty (`URI=\"\"`): it signs the whole document, not one element")
                        .at(at)
                        .help("SAML requires URI=\"#<ID>\" of the signed element; a whole-document reference makes wrapping easier"),
                );
            } else if let (Some(target), Some(parent)) = (r.target, s.parent)
                && target != parent
            {
                let name = |n| {
                    cx.doc
                        .element(n)
                        .map_or(String::new(), |e| e.qname().to_owned())
                };
                found.push(
                    Finding::new(
                        &RULE,
                        format!(
                            "the Reference `{}` names `{}`, not the `{}` the Signature is in",
                            r.uri,
                            name(target),
                            name(parent)
                        ),
                    )
                    .at(at)
                    .help(help),
                );
            }
        }
    }
    for f in found {
        cx.report(f);
    }
}
