//! `request-unsupported-by-entra`: the AuthnRequest uses a feature Entra rejects (AADSTS900236, AADSTS75016).

use super::{Checker, short};
use crate::finding::{Finding, Rule, Severity};
use crate::model::Message;

pub(crate) static RULE: Rule = Rule {
    name: "request-unsupported-by-entra",
    code: "REQ007",
    severity: Severity::Warning,
    summary: "the AuthnRequest uses a feature Entra rejects (AADSTS900236, AADSTS75016)",
    docs: docs!(
        "## What it does
Reports the parts of an AuthnRequest Microsoft Entra ID rejects: a Subject element, a Scoping
element, a RequestedAuthnContext Comparison other than `exact`, and a NameIDPolicy Format Entra
does not issue (it supports unspecified, emailAddress, persistent and transient).

## Why is this bad?
Entra answers with an error page instead of a response: AADSTS900236 (the request contains an
unsupported property) or AADSTS75016 (unsupported NameIDPolicy) — the app only sees that sign-in
never completes.

## Example
`<samlp:NameIDPolicy Format=\"urn:oasis:names:tc:SAML:1.1:nameid-format:X509SubjectName\"/>`

## How to fix
Change the app's SAML settings: drop Subject and Scoping from its requests, use Comparison
`exact` (or no RequestedAuthnContext), and request NameID format unspecified, emailAddress,
persistent or transient — then choose the identifier in Entra → Attributes & Claims.

## References
- Microsoft Entra ID: Single sign-on SAML protocol (AuthnRequest)
"
    ),
};

/// NameID formats Entra issues on request.
const ENTRA_FORMATS: &[&str] = &[
    "urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified",
    "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress",
    "urn:oasis:names:tc:SAML:2.0:nameid-format:persistent",
    "urn:oasis:names:tc:SAML:2.0:nameid-format:transient",
];

pub(crate) fn check(cx: &mut Checker<'_>) {
    let Message::AuthnRequest(request) = cx.message else {
        return;
    };
    // Another product's limits are not Entra's.
    if !cx.words.may_be("entra") {
        return;
    }
    let mut found = Vec::new();
    let span_of = |id| cx.doc.element(id).map(|e| e.span());
    if let Some(span) = request.subject.and_then(span_of) {
        found.push(
            Finding::new(&RULE, "the AuthnRequest carries a Subject element, which Entra rejects (AADSTS900236)")
                .at(span)
                .help("configure the app not to send a Subject (login hint) in its AuthnRequests; Entra lets the user pick the account"),
        );
    }
    if let Some(span) = request.scoping.and_then(span_of) {
        found.push(
            Finding::new(&RULE, "the AuthnRequest carries a Scoping element (IDPList / ProxyCount / RequesterID), which Entra does not support (AADSTS900236)")
                .at(span)
                .help("configure the app not to send Scoping to Entra"),
        );
    }
    if let Some(c) = request
        .requested_authn_context
        .as_ref()
        .and_then(|r| r.comparison.as_ref())
        .filter(|c| c.trimmed() != "exact")
    {
        found.push(
            Finding::new(
                &RULE,
                format!("RequestedAuthnContext Comparison `{}`: Entra supports only `exact` (AADSTS900236)", c.trimmed()),
            )
            .at(c.span)
            .help("make the app request its authentication context with Comparison `exact`, or not at all"),
        );
    }
    if let Some(f) = request
        .name_id_policy
        .as_ref()
        .and_then(|p| p.format.as_ref())
        .filter(|f| !ENTRA_FORMATS.contains(&f.trimmed()))
    {
        found.push(
            Finding::new(
                &RULE,
                format!(
                    "NameIDPolicy Format `{}` is not one Entra issues (unspecified, emailAddress, persistent, transient): Entra answers AADSTS75016",
                    short(f.trimmed())
                ),
            )
            .at(f.span)
            .help("set the app's requested NameID format to unspecified, emailAddress, persistent or transient, and pick the identifier in Entra → Attributes & Claims → Unique User Identifier"),
        );
    }
    for f in found {
        cx.report(f);
    }
}
