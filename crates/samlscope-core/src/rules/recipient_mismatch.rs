//! `recipient-mismatch`: bearer SubjectConfirmationData Recipient ≠ the ACS URL.

use super::Checker;
use super::destination_mismatch::{acs_help, acs_mismatch};
use crate::finding::{Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    name: "recipient-mismatch",
    code: "DST003",
    severity: Severity::Error,
    summary: "the bearer SubjectConfirmationData Recipient is not the ACS URL",
    docs: docs!("## What it does
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
"),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    if cx.expect.acs_urls.is_empty() {
        return;
    }
    let mut found = Vec::new();
    for a in cx.assertions() {
        let Some(subject) = &a.subject else { continue };
        for c in subject.confirmations.iter().filter(|c| c.is_bearer()) {
            let Some(r) = c.data.as_ref().and_then(|d| d.recipient.as_ref()) else {
                continue;
            };
            if let Some(f) = acs_mismatch(cx, &RULE, r, "Recipient") {
                found.push(f.help(acs_help(cx)));
            }
        }
    }
    for f in found {
        cx.report(f);
    }
}
