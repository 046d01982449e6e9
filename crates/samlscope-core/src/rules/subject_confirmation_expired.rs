//! `subject-confirmation-expired`: the bearer SubjectConfirmationData NotOnOrAfter has passed.

use super::{Checker, judged_at, relative_to_now};
use crate::finding::{Finding, Rule, Setting, Severity};
use crate::model::{Assertion, SubjectConfirmation, Time};
use crate::time::Timestamp;
use crate::time::Window;

pub(crate) static RULE: Rule = Rule {
    name: "subject-confirmation-expired",
    code: "TIM003",
    severity: Severity::Error,
    summary: "the bearer SubjectConfirmationData NotOnOrAfter has passed",
    docs: docs!(
        "## What it does
Checks the NotOnOrAfter of the bearer SubjectConfirmationData against the time of inspection
minus the clock skew. An assertion with several bearer SubjectConfirmations is confirmed by any
one of them (SAML Core §2.4.1.1): the rule fires only when none of them is still valid, and then
reports the latest expiry.

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
- SAML 2.0 Core §2.4.1.1 (several SubjectConfirmations: any one confirms the subject)
"
    ),
};

/// The bearer SubjectConfirmations of an assertion.
pub(crate) fn bearer(a: &Assertion) -> impl Iterator<Item = &SubjectConfirmation> {
    a.subject
        .iter()
        .flat_map(|s| s.confirmations.iter())
        .filter(|c| c.is_bearer())
}

/// A confirmation's SubjectConfirmationData NotOnOrAfter, when present and valid.
fn not_on_or_after(c: &SubjectConfirmation) -> Option<(&Time, Timestamp)> {
    let noa = c.data.as_ref()?.not_on_or_after.as_ref()?;
    Some((noa, noa.at?))
}

/// Whether a (bearer) confirmation is still valid at `now`: it has a NotOnOrAfter (which a
/// bearer confirmation must, Profiles §4.1.4.2) that has not passed, given `skew` seconds.
pub(crate) fn still_valid(c: &SubjectConfirmation, now: Timestamp, skew: i64) -> bool {
    not_on_or_after(c)
        .is_some_and(|(_, at)| Window::at(None, Some(at), now, skew) != Window::Expired)
}

pub(crate) fn check(cx: &mut Checker<'_>) {
    let now = cx.ctx.now;
    let skew = i64::from(cx.ctx.clock_skew_seconds);
    let mut found = Vec::new();
    for a in cx.assertions() {
        let bearers: Vec<&SubjectConfirmation> = bearer(a).collect();
        // Any one valid confirmation confirms the subject (SAML Core §2.4.1.1).
        if bearers.iter().any(|c| still_valid(c, now, skew)) {
            continue;
        }
        let Some((noa, at)) = bearers
            .iter()
            .filter_map(|c| not_on_or_after(c))
            .max_by_key(|&(_, at)| at)
        else {
            continue;
        };
        let which = match bearers.len() {
            1 => "the bearer confirmation".to_owned(),
            n => format!("none of the {n} bearer confirmations is still valid; the latest"),
        };
        let message = format!(
            "{which} expired at {at}, {} (skew allowed: {skew} s)",
            relative_to_now(at, now)
        );
        found.push(Finding::new(&RULE, message).at(noa.text.span)
                    .setting(Setting::Clock)
                    .evidence(Some(judged_at(now)), Some(noa.text.found())).help(
            "sign in again; the response must reach the Reply URL within the confirmation window",
        ));
    }
    for f in found {
        cx.report(f);
    }
}

#[cfg(test)]
mod tests {
    use crate::{Context, Timestamp, inspect};

    /// One assertion with two bearer confirmations, expiring at 10:01 and at 11:00.
    const TWO_BEARERS: &str = r#"<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r" Version="2.0" IssueInstant="2027-01-15T10:00:00Z"><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status><saml:Assertion ID="_a" Version="2.0" IssueInstant="2027-01-15T10:00:00Z"><saml:Issuer>idp</saml:Issuer><saml:Subject><saml:NameID>u</saml:NameID><saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="2027-01-15T10:01:00Z"/></saml:SubjectConfirmation><saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData NotOnOrAfter="2027-01-15T11:00:00Z"/></saml:SubjectConfirmation></saml:Subject></saml:Assertion></samlp:Response>"#;

    fn expired_at(now: &str) -> Vec<String> {
        let ctx = Context::new(Timestamp::parse(now).expect("time"));
        inspect(TWO_BEARERS, &ctx)
            .findings
            .into_iter()
            .filter(|f| f.name() == "subject-confirmation-expired")
            .map(|f| f.message)
            .collect()
    }

    #[test]
    fn one_valid_bearer_confirmation_suffices() {
        assert!(expired_at("2027-01-15T10:30:00Z").is_empty());
        let late = expired_at("2027-01-15T11:30:00Z");
        assert_eq!(late.len(), 1, "{late:?}");
        assert!(
            late[0].starts_with(
                "none of the 2 bearer confirmations is still valid; the latest expired at 2027-01-15T11:00:00Z"
            ),
            "{late:?}"
        );
    }
}
