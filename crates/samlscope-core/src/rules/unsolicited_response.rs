//! `unsolicited-response`: the Response answers no request (IdP-initiated sign-on).

use super::Checker;
use crate::finding::{Finding, Rule, Setting, Severity};
use crate::model::Message;

pub(crate) static RULE: Rule = Rule {
    name: "unsolicited-response",
    code: "REQ002",
    severity: Severity::Info,
    summary: "the Response answers no request (IdP-initiated sign-on)",
    docs: docs!(
        "## What it does
Reports a Response without InResponseTo: it answers no AuthnRequest, so the sign-in was started
at the identity provider (IdP-initiated: Entra's My Apps tile, \"Test this application\" in IdP
mode, a bookmark of the IdP's URL). Info by default; an error when the app profile says the app
supports SP-initiated sign-on only, or when a request was given that this response should have
answered.

## Why is this bad?
Many SPs accept only responses to their own requests (ruby-saml and python3-saml with a
request ID to check, Shibboleth with unsolicited SSO disabled, crewjam without
AllowIDPInitiated). An SP-only app hit from My Apps fails although every other check passes.

## Example
A Trakstar sign-in from the My Apps tile: Trakstar supports SP-initiated sign-on only.

## How to fix
Start the sign-in at the app (its Sign-on URL). In Entra, fill Basic SAML Configuration →
Sign on URL so that My Apps and \"Test this application\" redirect to the app, which then sends
an AuthnRequest — or enable IdP-initiated sign-on in the app if it supports it.

## References
- SAML 2.0 Profiles §4.1.5 (Unsolicited Responses)
"
    ),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    let Message::Response(response) = cx.message else {
        return;
    };
    let h = &response.header;
    if h.in_response_to
        .as_ref()
        .is_some_and(|t| !t.trimmed().is_empty())
    {
        return;
    }
    let profile = cx.expect.profile.filter(|p| p.sp_initiated_only());
    let sent = cx
        .expect
        .requests
        .iter()
        .find_map(|r| r.authn.as_ref().and(r.id.as_deref()));
    let mut finding = Finding::new(
        &RULE,
        format!(
            "the Response has no InResponseTo: it answers no AuthnRequest (IdP-initiated sign-on, e.g. from {})",
            cx.words.portal()
        ),
    )
    .at(h.start_tag)
    .help("fine if the app accepts IdP-initiated sign-on; otherwise start the sign-in at the app (its Sign-on URL)");
    if let Some(p) = profile {
        let sign_on = p
            .sign_on_url
            .as_ref()
            .map_or(String::new(), |f| format!(" `{}`", f.pattern));
        finding = Finding::new(
            &RULE,
            format!(
                "the Response has no InResponseTo (IdP-initiated sign-on), but {} supports SP-initiated sign-on only (its tutorial says so): it rejects this response",
                p.title
            ),
        )
        .at(h.start_tag)
        .severity(Severity::Error)
        .help(format!(
            "start the sign-in at {}'s Sign-on URL{sign_on}; set {} so that the IdP's portal redirects there",
            p.title,
            cx.words.place(Setting::SignOnUrl)
        ))
        .setting(Setting::SignOnUrl);
    } else if let Some(id) = sent {
        finding = Finding::new(
            &RULE,
            format!("the Response has no InResponseTo although the SP sent the AuthnRequest `{id}`: the IdP answered as if the sign-in started at the IdP"),
        )
        .at(h.start_tag)
        .severity(Severity::Error)
        .help(format!("the IdP did not receive (or ignored) the AuthnRequest: check that the app sends it to the IdP's Login URL with the right binding, or that the user did not start from {}", cx.words.portal()));
    }
    cx.report(finding);
}
