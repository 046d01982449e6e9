//! `conditions-not-yet-valid`: now + skew < NotBefore.

use super::{Checker, judged_at, relative_to_now};
use crate::finding::{Finding, Rule, Setting, Severity};
use crate::time::Window;

pub(crate) static RULE: Rule = Rule {
    name: "conditions-not-yet-valid",
    code: "TIM001",
    severity: Severity::Error,
    summary: "the assertion is not yet valid: now + clock skew < Conditions NotBefore",
    docs: docs!(
        "## What it does
Compares the assertion's Conditions NotBefore with the time of inspection plus the clock skew
allowed (default 180 s; `--skew`).

## Why is this bad?
The service provider's clock is behind the identity provider's: it rejects the assertion
(python3-saml \"Could not validate timestamp: not yet valid. Check system clock.\", node-saml
\"SAML assertion not yet valid\"). Entra sets NotBefore to the IssueInstant with no margin, so
SPs with zero skew fail whenever their clock lags.

## Example
NotBefore 10:00:00, SP clock 09:56:10, skew 180 s.

## How to fix
Synchronise the SP server's clock (NTP), and allow a few minutes of skew in the SP's SAML
settings (ruby-saml `allowed_clock_drift`, node-saml `acceptedClockSkewMs`).

## References
- SAML 2.0 Core §2.5.1.2 (NotBefore)
"
    ),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    let now = cx.ctx.now;
    let skew = i64::from(cx.ctx.clock_skew_seconds);
    let mut found = Vec::new();
    for a in cx.assertions() {
        for c in &a.conditions {
            let Some(nb) = c.not_before.as_ref() else {
                continue;
            };
            let Some(at) = nb.at else { continue };
            if Window::at(Some(at), None, now, skew) == Window::NotYetValid {
                found.push(
                    Finding::new(
                        &RULE,
                        format!("the assertion becomes valid at {at}, {} (skew allowed: {skew} s)", relative_to_now(at, now)),
                    )
                    .at(nb.text.span)
                    .setting(Setting::Clock)
                    .evidence(Some(judged_at(now)), Some(nb.text.found()))
                    .help("synchronise the SP's clock (NTP) and allow a few minutes of clock skew in its SAML settings"),
                );
            }
        }
    }
    for f in found {
        cx.report(f);
    }
}
