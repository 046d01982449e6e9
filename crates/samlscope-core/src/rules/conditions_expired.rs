//! `conditions-expired`: now − skew ≥ NotOnOrAfter.

use super::{Checker, judged_at, relative_to_now};
use crate::finding::{Finding, Rule, Setting, Severity};
use crate::time::Window;

pub(crate) static RULE: Rule = Rule {
    name: "conditions-expired",
    code: "TIM002",
    severity: Severity::Error,
    summary: "the assertion has expired: now − clock skew ≥ Conditions NotOnOrAfter",
    docs: docs!(
        "## What it does
Compares the assertion's Conditions NotOnOrAfter (and a LogoutRequest's own NotOnOrAfter) with
the time of inspection minus the clock skew allowed (default 180 s; `--skew`).

## Why is this bad?
An expired assertion is rejected (python3-saml \"Could not validate timestamp: expired. Check
system clock.\", crewjam \"assertion Conditions is expired\"). Usually it is an old message replayed
or pasted, or the SP's clock is ahead.

## Example
NotOnOrAfter 11:10 (Entra: NotBefore + 70 min), inspected at 13:38.

## How to fix
Sign in again to get a fresh response; if it happens on live sign-ins, check the SP server's
clock (NTP).

## References
- SAML 2.0 Core §2.5.1.2 (NotOnOrAfter)
"
    ),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    let now = cx.ctx.now;
    let skew = i64::from(cx.ctx.clock_skew_seconds);
    let mut found = Vec::new();
    for a in cx.assertions() {
        for c in &a.conditions {
            let Some(noa) = c.not_on_or_after.as_ref() else {
                continue;
            };
            let Some(at) = noa.at else { continue };
            if Window::at(None, Some(at), now, skew) == Window::Expired {
                found.push(
                    Finding::new(
                        &RULE,
                        format!("the assertion expired at {at}, {} (skew allowed: {skew} s)", relative_to_now(at, now)),
                    )
                    .at(noa.text.span)
                    .setting(Setting::Clock)
                    .evidence(Some(judged_at(now)), Some(noa.text.found()))
                    .help("sign in again for a fresh response; if live sign-ins fail like this, check the SP server's clock (NTP)"),
                );
            }
        }
    }
    // A LogoutRequest carries its own NotOnOrAfter (SAML Core §3.7.1).
    if let crate::model::Message::LogoutRequest(r) = cx.message
        && let Some(noa) = r.not_on_or_after.as_ref()
        && let Some(at) = noa.at
        && Window::at(None, Some(at), now, skew) == Window::Expired
    {
        found.push(
            Finding::new(
                &RULE,
                format!(
                    "the LogoutRequest expired at {at}, {} (skew allowed: {skew} s)",
                    relative_to_now(at, now)
                ),
            )
            .at(noa.text.span)
                    .setting(Setting::Clock)
                    .evidence(Some(judged_at(now)), Some(noa.text.found()))
            .help("a stale or replayed logout request: sign out again from the app; if fresh ones fail like this, check the clocks (NTP)"),
        );
    }
    for f in found {
        cx.report(f);
    }
}
