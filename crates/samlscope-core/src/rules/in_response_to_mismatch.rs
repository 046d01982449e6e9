//! `in-response-to-mismatch`: InResponseTo is not the ID of the given AuthnRequest.

use super::{Checker, assertions, difference, headers};
use crate::finding::{Finding, Rule, Severity};
use crate::model::Text;

pub(crate) static RULE: Rule = Rule {
    name: "in-response-to-mismatch",
    code: "REQ001",
    severity: Severity::Error,
    summary: "InResponseTo is not the ID of the given AuthnRequest",
    docs: "## What it does
Compares the InResponseTo of the Response and of every bearer SubjectConfirmationData with the
ID of the AuthnRequest(s) the SP sent (CLI `--request`; in a HAR, the requests captured before
the response). Without a request, it still reports a Response and its assertion naming two
different requests.

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
",
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    let mut found = Vec::new();
    let mut values: Vec<(&Text, &str)> = Vec::new();
    for h in headers(cx.message) {
        if let Some(t) = &h.in_response_to {
            values.push((t, "the Response's InResponseTo"));
        }
    }
    for a in assertions(cx.message) {
        let Some(subject) = &a.subject else { continue };
        for c in subject.confirmations.iter().filter(|c| c.is_bearer()) {
            if let Some(t) = c.data.as_ref().and_then(|d| d.in_response_to.as_ref()) {
                values.push((t, "the SubjectConfirmationData InResponseTo"));
            }
        }
    }
    let ids: Vec<&str> = cx
        .expect
        .requests
        .iter()
        .filter_map(|r| r.id.as_deref())
        .collect();
    if !ids.is_empty() {
        for (t, what) in &values {
            let v = t.trimmed();
            if ids.contains(&v) {
                continue;
            }
            let sent = ids
                .iter()
                .map(|i| format!("`{i}`"))
                .collect::<Vec<_>>()
                .join(", ");
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
                .help("this response answers another sign-in attempt: start again from the app in one tab; if it recurs, check that the SP's session cookie (holding the request ID) survives the cross-site POST (SameSite=None; Secure)"),
            );
        }
    } else if let [(first, first_what), rest @ ..] = values.as_slice()
        && let Some((other, other_what)) = rest.iter().find(|(t, _)| t.trimmed() != first.trimmed())
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
            .label(first.span, "the Response answers this request")
            .help("the assertion was issued for another request than the Response: the message was assembled from two sign-ins (or tampered with); sign in again"),
        );
    }
    for f in found {
        cx.report(f);
    }
}
