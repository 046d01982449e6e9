//! `subject-confirmation-expired`: the bearer SubjectConfirmationData NotOnOrAfter has passed.

use super::{Checker, assertions, relative_to_now};
use crate::finding::{Finding, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    name: "subject-confirmation-expired",
    code: "TIM003",
    severity: Severity::Error,
    summary: "the bearer SubjectConfirmationData NotOnOrAfter has passed",
    docs: "## What it does
Checks the NotOnOrAfter of every bearer SubjectConfirmationData against the time of inspection
minus the clock skew.

## Why is this bad?
The bearer confirmation says how long the response may be delivered (Entra: 5 minutes after
issuing). After that the SP must reject it (Shibboleth \"bearer confirmation failed … has
expired\"), even if the Conditions are still valid.

## Example
SubjectConfirmationData NotOnOrAfter 10:05, the POST reached the SP at 10:12.

## How to fix
Sign in again; if the delay is real, check the SP's clock and what slows the POST to the Reply URL.

## References
- SAML 2.0 Profiles §4.1.4.2 (bearer SubjectConfirmationData NotOnOrAfter)
",
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    let now = cx.ctx.now;
    let skew = i64::from(cx.ctx.clock_skew_seconds);
    let mut found = Vec::new();
    for a in assertions(cx.message) {
        let Some(subject) = &a.subject else { continue };
        for c in subject.confirmations.iter().filter(|c| c.is_bearer()) {
            let Some(noa) = c.data.as_ref().and_then(|d| d.not_on_or_after.as_ref()) else {
                continue;
            };
            let Some(at) = noa.at else { continue };
            if now.seconds_since(at) >= skew {
                found.push(
                    Finding::new(
                        &RULE,
                        format!("the bearer confirmation expired at {at}, {} (skew allowed: {skew} s)", relative_to_now(at, now)),
                    )
                    .at(noa.text.span)
                    .help("sign in again; the response must reach the Reply URL within the confirmation window (Entra: 5 minutes)"),
                );
            }
        }
    }
    for f in found {
        cx.report(f);
    }
}
