//! `clock-skew-sensitive`: NotBefore equals IssueInstant (Entra does this).

use super::Checker;
use crate::finding::{Finding, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    name: "clock-skew-sensitive",
    code: "TIM007",
    severity: Severity::Info,
    summary: "NotBefore equals IssueInstant: SPs with zero clock skew reject it whenever their clock lags",
    docs: docs!(
        "## What it does
Notes an assertion whose Conditions NotBefore is exactly its IssueInstant (Microsoft Entra ID
issues every assertion this way).

## Why is this bad?
It is valid, but leaves no margin: a service provider whose clock is even a second behind sees an
assertion that is not yet valid. ruby-saml and node-saml allow no skew by default, so such SPs fail
intermittently (\"Current time is earlier than NotBefore condition\", \"SAML assertion not yet
valid\").

## Example
IssueInstant = NotBefore = 10:00:00.000Z.

## How to fix
On the SP, allow a few minutes of clock skew (ruby-saml `allowed_clock_drift`, node-saml
`acceptedClockSkewMs`, python3-saml uses 300 s) and keep its clock synchronised (NTP).

## References
- SAML 2.0 Core §2.5.1.2; Entra: SAML token reference (NotBefore)
"
    ),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    let mut found = Vec::new();
    for a in cx.assertions() {
        let Some(issued) = a.issue_instant.as_ref().and_then(|t| t.at) else {
            continue;
        };
        for c in &a.conditions {
            if let Some(nb) = c.not_before.as_ref()
                && nb.at == Some(issued)
            {
                found.push(
                    Finding::new(&RULE, "Conditions NotBefore equals the IssueInstant: no margin for SPs whose clock lags")
                        .at(nb.text.span)
                        .help("on the SP, allow a few minutes of clock skew (ruby-saml allowed_clock_drift, node-saml acceptedClockSkewMs) and keep NTP running"),
                );
            }
        }
    }
    for f in found {
        cx.report(f);
    }
}
