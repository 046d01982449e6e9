//! `in-response-to-mismatch`: InResponseTo is not the ID of the given AuthnRequest.

use super::subject_confirmation_expired::{bearer, still_valid};
use super::{Checker, difference};
use crate::finding::{Finding, Origin, Rule, Severity};
use crate::model::{Assertion, Message, Text};
use crate::time::Timestamp;

pub(crate) static RULE: Rule = Rule {
    name: "in-response-to-mismatch",
    code: "REQ001",
    severity: Severity::Error,
    summary: "InResponseTo is not the ID of the given AuthnRequest",
    docs: docs!(
        "## What it does
Compares the InResponseTo of the Response and of the bearer SubjectConfirmationData with the
ID of the AuthnRequest(s) the SP sent (CLI `--request`; in a HAR, the requests captured before
the response). Without a request, it still reports a Response and its assertion naming two
different requests.

Of an ArtifactResponse, only the carried Response is read: the ArtifactResponse's own
InResponseTo is the ID of the ArtifactResolve (SAML Core §3.5.2). An assertion with several
bearer SubjectConfirmations is confirmed by any one of them (SAML Core §2.4.1.1): the rule
reports its confirmations only when none of them (of those still valid in time, if any is)
answers a request sent — or, without a request, carries the Response's InResponseTo.

## Why is this bad?
An SP that tracks its requests rejects a response to a request it did not send, or to an older
one (ruby-saml \"The InResponseTo of the Response: X, does not match the ID of the AuthNRequest
sent by the SP: Y\", python3-saml, crewjam \"InResponseTo does not match any of the possible
request IDs\"). It happens when the user signs in in two tabs, with the back button, after the
SP's session cookie (that held the request ID) was lost or blocked (SameSite), or when a
response is replayed.

## Example
`InResponseTo=\"_req2\"`, the request sent had `ID=\"_req1\"`.

## How to fix
Start the sign-in again from the app in a single tab. If it keeps happening, check that the
SP's session cookie survives the POST back from the IdP (SameSite=None; Secure), and that the
request you compare with is the one this response answers.

## References
- SAML 2.0 Profiles §4.1.4.2, §4.1.4.3
- SAML 2.0 Core §2.4.1.1 (several SubjectConfirmations), §3.5.2 (ArtifactResponse)
"
    ),
};

const RESPONSE: &str = "the Response's InResponseTo";
const CONFIRMATION: &str = "the SubjectConfirmationData InResponseTo";

/// The InResponseTo values of an assertion's bearer SubjectConfirmationData that count: of the
/// confirmations still valid at `now`, or of all when none is (then `subject-confirmation-expired`
/// reports it). One satisfied confirmation suffices (SAML Core §2.4.1.1), so a confirmation that
/// has expired does not make the assertion answer its request, nor another one.
fn confirmation_values(a: &Assertion, now: Timestamp, skew: i64) -> Vec<&Text> {
    let all: Vec<_> = bearer(a).collect();
    let current: Vec<_> = all
        .iter()
        .copied()
        .filter(|c| still_valid(c, now, skew))
        .collect();
    let pool = if current.is_empty() { all } else { current };
    pool.into_iter()
        .filter_map(|c| c.data.as_ref().and_then(|d| d.in_response_to.as_ref()))
        .collect()
}

pub(crate) fn check(cx: &mut Checker<'_>) {
    let now = cx.ctx.now;
    let skew = i64::from(cx.ctx.clock_skew_seconds);
    let mut found = Vec::new();
    // The header that answers the AuthnRequest: for an ArtifactResponse, that of the carried
    // Response (its own InResponseTo names the ArtifactResolve, SAML Core §3.5.2). None for a
    // decrypted assertion: the header is read with the message.
    let header = match cx.message {
        _ if cx.decrypted.is_some() => None,
        Message::ArtifactResponse(a) => a.inner.as_deref().and_then(Message::header),
        m => m.header(),
    };
    let response_value = header.and_then(|h| h.in_response_to.as_ref());
    // Per assertion with any, the InResponseTo values of its bearer confirmations.
    let confirmations: Vec<Vec<&Text>> = cx
        .assertions()
        .iter()
        .map(|a| confirmation_values(a, now, skew))
        .filter(|v| !v.is_empty())
        .collect();
    let ids: Vec<&str> = cx
        .expect
        .requests
        .iter()
        .filter_map(|r| r.id.as_deref())
        .collect();
    if !ids.is_empty() {
        let sent = ids
            .iter()
            .map(|i| format!("`{i}`"))
            .collect::<Vec<_>>()
            .join(", ");
        let answers = |t: &Text| ids.contains(&t.trimmed());
        // The Response's, and those of each assertion none of whose confirmations answers.
        let mut values: Vec<(&Text, &str)> = response_value
            .into_iter()
            .filter(|t| !answers(t))
            .map(|t| (t, RESPONSE))
            .collect();
        for c in &confirmations {
            if !c.iter().any(|t| answers(t)) {
                values.extend(c.iter().map(|t| (*t, CONFIRMATION)));
            }
        }
        for (t, what) in values {
            let v = t.trimmed();
            let near = if ids.len() == 1 {
                format!("; {}", difference(ids[0], v))
            } else {
                String::new()
            };
            found.push(
                Finding::new(
                    &RULE,
                    format!("{what} `{v}` is not the ID of the request sent ({sent}){near}"),
                )
                .at(t.span)
                .evidence(Some((ids.join(", "), Origin::Request)), Some(t.found()))
                .help("this response answers another sign-in attempt: start again from the app in one tab; if it recurs, check that the SP's session cookie (holding the request ID) survives the cross-site POST (SameSite=None; Secure)"),
            );
        }
    } else if let Some((first, first_what, other, other_what)) =
        inconsistent(response_value, &confirmations)
    {
        found.push(
            Finding::new(
                &RULE,
                format!(
                    "{first_what} `{}` and {other_what} `{}` name different requests",
                    first.trimmed(),
                    other.trimmed()
                ),
            )
            .at(other.span)
            .evidence(
                Some((first.trimmed().to_owned(), Origin::Message)),
                Some(other.found()),
            )
            .label(
                first.span,
                if first_what == RESPONSE {
                    "the Response answers this request"
                } else {
                    "the first assertion answers this request"
                },
            )
            .help("the assertion was issued for another request than the Response: the message was assembled from two sign-ins (or tampered with); sign in again"),
        );
    }
    for f in found {
        cx.report(f);
    }
}

/// Without a request to compare with: the first assertion none of whose confirmations carries
/// the Response's InResponseTo (or, when the Response has none, that of the first assertion
/// that has one), as (reference, its description, the differing value, its description).
fn inconsistent<'t>(
    response: Option<&'t Text>,
    confirmations: &[Vec<&'t Text>],
) -> Option<(&'t Text, &'static str, &'t Text, &'static str)> {
    let (reference, what, rest): (Vec<&Text>, _, _) = match (response, confirmations) {
        (Some(r), all) => (vec![r], RESPONSE, all),
        (None, [first, rest @ ..]) => (first.clone(), CONFIRMATION, rest),
        (None, []) => return None,
    };
    let referenced: std::collections::HashSet<&str> =
        reference.iter().map(|r| r.trimmed()).collect();
    let shares = |c: &[&Text]| c.iter().any(|t| referenced.contains(t.trimmed()));
    let other = rest.iter().find(|c| !shares(c))?;
    Some((reference[0], what, other[0], CONFIRMATION))
}

#[cfg(test)]
mod tests {
    use crate::{Context, Timestamp, inspect};

    /// A Response to `_req1` whose assertion has two bearer confirmations: one answering `_req1`
    /// (valid until 10:01), one answering `_req2` (valid until 11:00).
    const TWO_BEARERS: &str = r#"<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r" Version="2.0" IssueInstant="2027-01-15T10:00:00Z" InResponseTo="_req1"><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status><saml:Assertion ID="_a" Version="2.0" IssueInstant="2027-01-15T10:00:00Z"><saml:Issuer>idp</saml:Issuer><saml:Subject><saml:NameID>u</saml:NameID><saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData InResponseTo="_req1" NotOnOrAfter="2027-01-15T10:01:00Z"/></saml:SubjectConfirmation><saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData InResponseTo="_req2" NotOnOrAfter="2027-01-15T11:00:00Z"/></saml:SubjectConfirmation></saml:Subject></saml:Assertion></samlp:Response>"#;

    fn request(id: &str) -> Vec<u8> {
        format!(r#"<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="{id}" Version="2.0" IssueInstant="2027-01-15T09:59:00Z"/>"#).into_bytes()
    }

    fn mismatches(message: &str, now: &str, sent: Option<&str>) -> Vec<String> {
        let mut ctx = Context::new(Timestamp::parse(now).expect("time"));
        ctx.requests = sent.into_iter().map(request).collect();
        inspect(message, &ctx)
            .findings
            .into_iter()
            .filter(|f| f.name() == "in-response-to-mismatch")
            .map(|f| f.message)
            .collect()
    }

    #[test]
    fn one_bearer_confirmation_answering_suffices() {
        // Both confirmations valid: the first answers the request sent, and the Response's.
        assert!(mismatches(TWO_BEARERS, "2027-01-15T09:59:30Z", Some("_req1")).is_empty());
        assert!(mismatches(TWO_BEARERS, "2027-01-15T09:59:30Z", None).is_empty());
        // The first has expired: only the second confirms, and it answers another request.
        let late = mismatches(TWO_BEARERS, "2027-01-15T10:30:00Z", Some("_req1"));
        assert_eq!(late.len(), 1, "{late:?}");
        assert!(late[0].contains("`_req2`"), "{late:?}");
        let late = mismatches(TWO_BEARERS, "2027-01-15T10:30:00Z", None);
        assert_eq!(late.len(), 1, "{late:?}");
        assert!(late[0].contains("name different requests"), "{late:?}");
    }

    #[test]
    fn artifact_response_answers_the_artifact_resolve() {
        let inner = TWO_BEARERS.replace("_req2", "_req1");
        let message = format!(
            r#"<samlp:ArtifactResponse xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_ar" Version="2.0" IssueInstant="2027-01-15T10:00:00Z" InResponseTo="_resolve1"><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>{inner}</samlp:ArtifactResponse>"#
        );
        assert!(mismatches(&message, "2027-01-15T09:59:30Z", Some("_req1")).is_empty());
        assert!(mismatches(&message, "2027-01-15T09:59:30Z", None).is_empty());
        let other = mismatches(&message, "2027-01-15T09:59:30Z", Some("_req9"));
        assert!(
            !other.is_empty() && other.iter().all(|m| !m.contains("_resolve1")),
            "{other:?}"
        );
    }
}
