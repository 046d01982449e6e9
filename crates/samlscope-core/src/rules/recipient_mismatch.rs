//! `recipient-mismatch`: bearer SubjectConfirmationData Recipient ≠ the ACS URL.

use super::{Checker, assertions, difference};
use crate::finding::{Finding, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    name: "recipient-mismatch",
    code: "DST003",
    severity: Severity::Error,
    summary: "the bearer SubjectConfirmationData Recipient is not the ACS URL",
    docs: "## What it does
Compares the Recipient of every bearer SubjectConfirmationData with the configured ACS URLs
(Entra: \"Reply URL\"; CLI `--acs`).

## Why is this bad?
The SP requires the bearer confirmation to name its ACS URL (crewjam \"assertion
SubjectConfirmation Recipient is not …\", Shibboleth \"bearer confirmation failed with recipient
mismatch\").

## Example
Recipient `http://app.example.com/acs`, ACS `https://app.example.com/acs`.

## How to fix
Entra sets Recipient to the Reply URL: make Basic SAML Configuration → Reply URL exactly the app's ACS URL.

## References
- SAML 2.0 Profiles §4.1.4.2
",
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    if cx.ctx.acs_urls.is_empty() {
        return;
    }
    let mut found = Vec::new();
    for a in assertions(cx.message) {
        let Some(subject) = &a.subject else { continue };
        for c in subject.confirmations.iter().filter(|c| c.is_bearer()) {
            let Some(r) = c.data.as_ref().and_then(|d| d.recipient.as_ref()) else {
                continue;
            };
            if cx.ctx.acs_urls.iter().any(|u| u.trim() == r.trimmed()) {
                continue;
            }
            let expected = &cx.ctx.acs_urls[0];
            found.push(
                Finding::new(
                    &RULE,
                    format!(
                        "the Recipient `{}` is not the ACS URL `{expected}`: {}",
                        r.trimmed(),
                        difference(expected, r.trimmed())
                    ),
                )
                .at(r.span)
                .help(
                    "set Entra's Basic SAML Configuration → Reply URL to exactly the app's ACS URL",
                ),
            );
        }
    }
    for f in found {
        cx.report(f);
    }
}
