//! `issue-instant-skew`: IssueInstant in the future beyond the skew, or older than the
//! assertion's lifetime.

use super::{Checker, judged_at, relative_to_now};
use crate::finding::{Finding, Rule, Setting, Severity};

pub(crate) static RULE: Rule = Rule {
    name: "issue-instant-skew",
    code: "TIM006",
    severity: Severity::Warning,
    summary: "IssueInstant lies in the future beyond the clock skew, or further in the past than the assertion's lifetime",
    docs: docs!(
        "## What it does
Compares the IssueInstant of the message and its assertions with the time of inspection: in the
future by more than the clock skew, or older than the assertion's own validity window
(NotOnOrAfter − IssueInstant).

## Why is this bad?
A future IssueInstant means the clocks disagree; an old one, a replayed message. crewjam/saml and
samael reject responses issued more than 90 s ago (\"response IssueInstant expired\"), node-saml
\"SAML assertion expired: assertion too old\".

## Example
IssueInstant 10:00, inspected at 09:50 on the SP (its clock is 10 minutes behind).

## How to fix
Synchronise clocks (NTP) on the SP and IdP; sign in again rather than replaying a captured message.

## References
- SAML 2.0 Core §3.2.2 and §2.3.3 (IssueInstant)
"
    ),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    let now = cx.ctx.now;
    let skew = i64::from(cx.ctx.clock_skew_seconds);
    let mut times: Vec<(String, crate::model::Time, Option<i64>)> = cx
        .headers()
        .into_iter()
        .filter_map(|h| h.issue_instant.clone().map(|t| (h.name.clone(), t, None)))
        .collect();
    for a in cx.assertions() {
        let lifetime = a.conditions.first().and_then(|c| {
            let end = c.not_on_or_after.as_ref()?.at?;
            Some(end.seconds_since(a.issue_instant.as_ref()?.at?))
        });
        if let Some(t) = &a.issue_instant {
            times.push(("Assertion".to_owned(), t.clone(), lifetime));
        }
    }
    let mut found = Vec::new();
    for (name, t, lifetime) in times {
        let Some(at) = t.at else { continue };
        let ahead = at.seconds_since(now);
        if ahead > skew {
            found.push(
                Finding::new(
                    &RULE,
                    format!(
                        "`{name}` was issued at {at}, {} (skew allowed: {skew} s)",
                        relative_to_now(at, now)
                    ),
                )
                .at(t.text.span)
                .setting(Setting::Clock)
                .evidence(Some(judged_at(now)), Some(t.text.found()))
                .help("the clocks of the IdP and the SP disagree: synchronise them (NTP)"),
            );
        } else if let Some(life) = lifetime
            && life > 0
            && -ahead > life + skew
        {
            found.push(
                Finding::new(
                    &RULE,
                    format!(
                        "`{name}` was issued at {at}, {}: longer ago than its own lifetime",
                        relative_to_now(at, now)
                    ),
                )
                .at(t.text.span)
                .setting(Setting::Clock)
                .evidence(Some(judged_at(now)), Some(t.text.found()))
                .help("this is an old message (replayed or pasted from earlier): sign in again"),
            );
        }
    }
    for f in found {
        cx.report(f);
    }
}
