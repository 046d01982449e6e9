//! `issuer-mismatch`: Issuer ≠ the expected IdP entity ID.

use super::{Checker, describe, explain};
use crate::finding::{Finding, Rule, Setting, Severity};
use crate::model::{Header, Message, Text};

pub(crate) static RULE: Rule = Rule {
    name: "issuer-mismatch",
    code: "ISS003",
    severity: Severity::Error,
    summary: "the Issuer is not the expected IdP entity ID (Entra: Microsoft Entra Identifier)",
    docs: docs!(
        "## What it does
Compares the Issuer of every message the IdP sends — the Response and each of its Assertions, a
LogoutRequest or LogoutResponse, an ArtifactResponse and the message it carries — with the
expected IdP entity ID (Entra: \"Microsoft Entra Identifier\",
`https://sts.windows.net/<tenant-id>/` with its trailing slash; CLI `--idp-entity-id`),
explaining near misses (trailing slash, tenant). An AuthnRequest or ArtifactResolve is not read:
its Issuer is the SP's (`request-issuer-mismatch` checks an AuthnRequest's).

## Why is this bad?
The SP trusts one identity provider; a different Issuer is rejected (ruby-saml \"Doesn't match the
issuer, expected: <X>, but was: <Y>\", node-saml \"Unknown SAML issuer\", python3-saml \"Invalid
issuer in the Logout Request\").

## Example
Issuer `https://sts.windows.net/1111…/`, the app configured with another tenant's identifier.

## How to fix
Copy \"Microsoft Entra Identifier\" from the app's Set up section in Entra into the app's IdP
entity ID / issuer setting — exactly, trailing slash included.

## References
- SAML 2.0 Profiles §4.1.4.2 (Issuer)
"
    ),
};

/// The headers of the messages the IdP issues, with the message kind to name in findings (`None`
/// for a Response, whose findings keep the plain wording): a Response, LogoutRequest or
/// LogoutResponse, and an ArtifactResponse with what it carries — unless that is a request from
/// the SP (AuthnRequest, ArtifactResolve), whose Issuer is the SP's and so is the
/// ArtifactResponse's.
fn idp_issued(message: &Message) -> Vec<(&Header, Option<&'static str>)> {
    match message {
        Message::Response(r) => vec![(&r.header, None)],
        Message::LogoutRequest(r) => vec![(&r.header, Some("LogoutRequest"))],
        Message::LogoutResponse(r) => vec![(&r.header, Some("LogoutResponse"))],
        Message::ArtifactResponse(a) => match a.inner.as_deref() {
            Some(Message::AuthnRequest(_) | Message::ArtifactResolve(_)) => Vec::new(),
            inner => {
                let mut out = vec![(&a.response.header, Some("ArtifactResponse"))];
                out.extend(inner.map(idp_issued).unwrap_or_default());
                out
            }
        },
        _ => Vec::new(),
    }
}

pub(crate) fn check(cx: &mut Checker<'_>) {
    let Some(expected) = cx.expect.idp_entity_id.as_ref() else {
        return;
    };
    // The headers' Issuers are read with the message, not again for a decrypted assertion.
    let headers = match cx.decrypted {
        Some(_) => Vec::new(),
        None => idp_issued(cx.message),
    };
    let mut issuers: Vec<(&Text, Option<&str>)> = headers
        .into_iter()
        .flat_map(|(h, kind)| h.issuers.iter().map(move |i| (i, kind)))
        .collect();
    issuers.extend(
        cx.assertions()
            .iter()
            .flat_map(|a| a.issuers.iter().map(|i| (i, None))),
    );
    let mut found = Vec::new();
    for (i, kind) in issuers {
        if i.trimmed().is_empty() || expected.matches(i.trimmed()) {
            continue;
        }
        let whose = kind.map_or_else(|| "the Issuer".to_owned(), |k| format!("the {k}'s Issuer"));
        found.push(
            Finding::new(
                &RULE,
                format!(
                    "{whose} `{}` is not {}: {}",
                    i.trimmed(),
                    describe(expected, "the expected IdP", "entity ID"),
                    explain(expected, i.trimmed())
                ),
            )
            .at(i.span)
            .help(format!(
                "copy {} into the app's IdP entity ID setting, trailing slash included",
                cx.words.place(Setting::IdpEntityId)
            ))
            .setting(Setting::IdpEntityId)
            .evidence(Some(expected.evidence()), Some(i.found())),
        );
    }
    for f in found {
        cx.report(f);
    }
}

#[cfg(test)]
mod tests {
    use crate::{Context, Timestamp, inspect};

    fn mismatches(message: &str) -> Vec<String> {
        let mut ctx = Context::new(Timestamp::parse("2027-01-15T10:00:00Z").expect("time"));
        ctx.idp_entity_id = Some("https://idp.example/".to_owned());
        inspect(message, &ctx)
            .findings
            .into_iter()
            .filter(|f| f.name() == "issuer-mismatch")
            .map(|f| f.message)
            .collect()
    }

    fn message(root: &str, issuer: &str) -> String {
        format!(
            r#"<samlp:{root} xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_m" Version="2.0" IssueInstant="2027-01-15T10:00:00Z"><saml:Issuer>{issuer}</saml:Issuer></samlp:{root}>"#
        )
    }

    #[test]
    fn idp_messages_are_checked_sp_requests_are_not() {
        for root in ["LogoutRequest", "LogoutResponse", "ArtifactResponse"] {
            let found = mismatches(&message(root, "https://other.example/"));
            assert_eq!(found.len(), 1, "{root}: {found:?}");
            assert!(found[0].starts_with(&format!("the {root}'s Issuer `https://other.example/`")));
            assert!(mismatches(&message(root, "https://idp.example/")).is_empty());
        }
        for root in ["AuthnRequest", "ArtifactResolve"] {
            assert!(mismatches(&message(root, "https://sp.example/")).is_empty());
        }
    }
}
