//! `destination-mismatch`: Response Destination ≠ the ACS URL.

use super::{Checker, difference};
use crate::finding::{Finding, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    name: "destination-mismatch",
    code: "DST002",
    severity: Severity::Error,
    summary: "the Response Destination is not the ACS URL (Entra: Reply URL)",
    docs: "## What it does
Compares the Response's Destination with the configured ACS URLs (Entra: \"Reply URL\"; CLI
`--acs`, or SP metadata), explaining near misses.

## Why is this bad?
The SP checks that the response was meant for the URL it arrived at (ruby-saml \"The response was
received at X instead of Y\", crewjam \"`Destination` does not match requested URL or AcsURL\").

## Example
Destination `https://app.example.com/saml/acs`, SP listening at `https://app.example.com/saml/acs/`.

## How to fix
Make Entra's Basic SAML Configuration → Reply URL (Assertion Consumer Service URL) exactly the
URL the app receives the POST at, or fix the app's ACS setting.

## References
- SAML 2.0 Core §3.2.2; Bindings §3.5.5.2
",
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    if cx.ctx.acs_urls.is_empty() {
        return;
    }
    let Some(response) = cx.message.response() else {
        return;
    };
    let Some(dest) = response
        .header
        .destination
        .as_ref()
        .filter(|d| !d.trimmed().is_empty())
    else {
        return;
    };
    if cx.ctx.acs_urls.iter().any(|u| u.trim() == dest.trimmed()) {
        return;
    }
    let expected = &cx.ctx.acs_urls[0];
    cx.report(
        Finding::new(
            &RULE,
            format!("the Destination `{}` is not the ACS URL `{expected}`: {}", dest.trimmed(), difference(expected, dest.trimmed())),
        )
        .at(dest.span)
        .help("set Entra's Basic SAML Configuration → Reply URL (Assertion Consumer Service URL) to exactly the URL the app receives the POST at"),
    );
}
