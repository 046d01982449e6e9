//! `session-expired`: AuthnStatement SessionNotOnOrAfter has passed.

use super::{Checker, judged_at, relative_to_now};
use crate::finding::{Finding, Rule, Setting, Severity};
use crate::time::Window;

pub(crate) static RULE: Rule = Rule {
    name: "session-expired",
    code: "TIM005",
    severity: Severity::Warning,
    summary: "the AuthnStatement SessionNotOnOrAfter has passed",
    docs: docs!(
        "## What it does
Checks the AuthnStatement's SessionNotOnOrAfter against the time of inspection minus the skew.

## Why is this bad?
The identity provider says the session it vouches for has ended; SPs that honour it refuse the
sign-in (ruby-saml / python3-saml \"The attributes have expired, based on the
SessionNotOnOrAfter of the AttributeStatement of this Response\").

## Example
SessionNotOnOrAfter yesterday, on a replayed response.

## How to fix
Sign in again. If fresh responses carry a past SessionNotOnOrAfter, check the IdP's clock and
session lifetime policy.

## References
- SAML 2.0 Core §2.7.2 (AuthnStatement)
"
    ),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    let now = cx.ctx.now;
    let skew = i64::from(cx.ctx.clock_skew_seconds);
    let mut found = Vec::new();
    for a in cx.assertions() {
        for st in &a.authn_statements {
            let Some(s) = st.session_not_on_or_after.as_ref() else {
                continue;
            };
            let Some(at) = s.at else { continue };
            if Window::at(None, Some(at), now, skew) == Window::Expired {
                found.push(
                    Finding::new(&RULE, format!("the session ended at {at}, {}", relative_to_now(at, now)))
                        .at(s.text.span)
                    .setting(Setting::Clock)
                    .evidence(Some(judged_at(now)), Some(s.text.found()))
                        .help("sign in again; if fresh responses say this, check the IdP's clock and session lifetime"),
                );
            }
        }
    }
    for f in found {
        cx.report(f);
    }
}
