//! `assertion-count`: a Response with zero (on Success) or more than one assertion.

use super::Checker;
use crate::finding::{Finding, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    name: "assertion-count",
    code: "MSG006",
    severity: Severity::Error,
    summary: "a Response has no assertion (while Success) or more than one",
    docs: docs!(
        "## What it does
Counts the Assertion and EncryptedAssertion children of a Response: a successful Response needs
exactly one; more than one is reported whatever the status.

## Why is this bad?
Web-SSO service providers accept exactly one assertion (ruby-saml / python3-saml: \"SAML Response
must contain 1 assertion\"). Several assertions are a tell of signature wrapping: the signed one
and the one the SP reads may differ.

## Example
```xml
<samlp:Response …><samlp:Status>…Success…</samlp:Status></samlp:Response>
```

## How to fix
With none: the identity provider did not issue one — check its logs. With several: reject the
message (likely tampered).

## References
- SAML 2.0 Profiles §4.1.4.2 (Response usage)
"
    ),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    let Some(response) = cx.message.response() else {
        return;
    };
    let plain = response.assertions.len();
    let encrypted = response.encrypted_assertions.len();
    let total = plain + encrypted;
    let success = response.status.as_ref().is_some_and(|s| s.is_success());
    if total == 0 && success {
        cx.report(
            Finding::new(&RULE, "the Response says Success but carries no Assertion")
                .at(response.header.start_tag)
                .help("the identity provider issued no assertion: check its logs and the app's SAML configuration"),
        );
    } else if total > 1 {
        let mut spans: Vec<_> = response.assertions.iter().map(|a| a.span).collect();
        spans.extend(response.encrypted_assertions.iter().map(|a| a.span));
        crate::sort::sort(&mut spans);
        let mut finding = Finding::new(
            &RULE,
            format!("the Response carries {total} assertions ({plain} plain, {encrypted} encrypted); exactly one is expected"),
        )
        .at(spans[1]);
        for span in &spans {
            finding = finding.label(*span, "assertion");
        }
        cx.report(finding.help("service providers accept exactly one assertion; several are a sign of signature wrapping — reject the message"));
    }
}
