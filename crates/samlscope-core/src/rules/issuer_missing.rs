//! `issuer-missing`: an Assertion without Issuer, or with more than one.

use super::Checker;
use crate::finding::{Finding, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    name: "issuer-missing",
    code: "ISS001",
    severity: Severity::Error,
    summary: "an Assertion has no Issuer, or more than one",
    docs: docs!(
        "## What it does
Checks that every Assertion has exactly one `saml:Issuer`, and that it is not empty.

## Why is this bad?
The Issuer says which identity provider vouches for the user; SAML requires exactly one and
service providers reject assertions without it (ruby-saml: \"Issuer of the Assertion not found
or multiple.\").

## Example
```xml
<saml:Assertion ID=\"_a\" Version=\"2.0\" IssueInstant=\"…\"><saml:Subject>…
```

## How to fix
The identity provider must emit `<saml:Issuer>` with its entity ID (Entra:
`https://sts.windows.net/<tenant-id>/`) as the first child of the Assertion.

## References
- SAML 2.0 Core §2.3.3 (Element <Assertion>), §2.2.5 (Issuer)
"
    ),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    let mut found = Vec::new();
    for a in cx.assertions() {
        match a.issuers.as_slice() {
            [] => found.push(
                Finding::new(&RULE, "the Assertion has no Issuer")
                    .at(a.start_tag)
                    .help("the identity provider must put its entity ID in <saml:Issuer> inside the Assertion"),
            ),
            [one] if one.trimmed().is_empty() => found.push(
                Finding::new(&RULE, "the Issuer of the Assertion is empty")
                    .at(cx.doc.span(one.node))
                    .help("the identity provider must put its entity ID in <saml:Issuer>"),
            ),
            [_] => {}
            [_, second, ..] => found.push(
                Finding::new(&RULE, format!("the Assertion has {} Issuer elements; exactly one is allowed", a.issuers.len()))
                    .at(cx.doc.span(second.node))
                    .help("several Issuers are a sign of tampering: reject the message"),
            ),
        }
    }
    for f in found {
        cx.report(f);
    }
}
