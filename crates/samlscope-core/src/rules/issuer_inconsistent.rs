//! `issuer-inconsistent`: the Response Issuer differs from the Assertion Issuer.

use super::Checker;
use crate::finding::{Finding, Origin, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    name: "issuer-inconsistent",
    code: "ISS002",
    severity: Severity::Warning,
    summary: "the Response Issuer differs from the Assertion Issuer",
    docs: docs!(
        "## What it does
Compares the Issuer of the Response with the Issuer of each Assertion in it.

## Why is this bad?
One identity provider issues both; service providers that check the issuer check both
(python3-saml: \"Invalid issuer in the Assertion/Response\"). A mismatch means a proxy rewrote
one, a misconfiguration, or an assertion pasted from another message.

## Example
```xml
<samlp:Response …><saml:Issuer>https://sts.windows.net/1111…/</saml:Issuer>
  <saml:Assertion …><saml:Issuer>https://sts.windows.net/2222…/</saml:Issuer>
```

## How to fix
Find which component rewrites the Issuer; both must be the identity provider's entity ID.

## References
- SAML 2.0 Profiles §4.1.4.2 (the Issuer of the Response and of the Assertion)
"
    ),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    let Some(response) = cx.message.response() else {
        return;
    };
    let Some(outer) = response.header.issuer() else {
        return;
    };
    let mut found = Vec::new();
    for a in &response.assertions {
        let Some(inner) = a.issuer() else { continue };
        if inner.trimmed() != outer.trimmed() && !inner.trimmed().is_empty() {
            found.push(
                Finding::new(
                    &RULE,
                    format!(
                        "the Assertion Issuer `{}` differs from the Response Issuer `{}`",
                        inner.trimmed(),
                        outer.trimmed()
                    ),
                )
                .at(inner.span)
                .label(outer.span, "Response Issuer")
                .evidence(
                    Some((outer.trimmed().to_owned(), Origin::Message)),
                    Some(inner.found()),
                )
                .help("both Issuers must be the identity provider's entity ID; find which component rewrote one"),
            );
        }
    }
    for f in found {
        cx.report(f);
    }
}
