//! `request-issuer-mismatch`: the AuthnRequest Issuer is not the configured Identifier (Entra: AADSTS700016).

use super::{Checker, describe, explain};
use crate::expectations::{Expected, Source};
use crate::finding::{Finding, Rule, Setting, Severity};
use crate::model::Message;

pub(crate) static RULE: Rule = Rule {
    name: "request-issuer-mismatch",
    code: "REQ006",
    severity: Severity::Error,
    summary: "the AuthnRequest Issuer is not the configured Identifier (Entra: AADSTS700016)",
    docs: docs!(
        "## What it does
Checks an AuthnRequest's Issuer (the SP entity ID the app announces) against the configured
Identifier (CLI `--sp-entity-id`, the SP metadata's entityID, or the app profile's pattern);
also reports an AuthnRequest without Issuer.

## Why is this bad?
Entra finds the application by this value: a mismatch gives AADSTS700016 (\"Application with
identifier X was not found in the directory\"), and a missing Issuer cannot be matched at all.

## Example
The app sends Issuer `https://app.example.com/saml/metadata`, Entra's Identifier is
`https://app.example.com/saml`.

## How to fix
Make Entra's Basic SAML Configuration → Identifier (Entity ID) exactly the Issuer the app sends
(add it as an additional Identifier), or change the app's entity ID setting.

## References
- SAML 2.0 Core §3.2.1 (Issuer); AADSTS700016
"
    ),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    let Message::AuthnRequest(request) = cx.message else {
        return;
    };
    let Some(issuer) = request.header.issuer().filter(|i| !i.trimmed().is_empty()) else {
        cx.report(
            Finding::new(
                &RULE,
                format!(
                    "the AuthnRequest has no Issuer: {} cannot tell which application it is for",
                    cx.words.short()
                ),
            )
            .at(request.header.start_tag)
            .help("configure the app to send its entity ID as the Issuer of its AuthnRequests")
            .setting(Setting::SpEntityId)
            .evidence(
                cx.expect.sp_entity_id.as_ref().map(Expected::evidence),
                None,
            ),
        );
        return;
    };
    let Some(expected) = cx.expect.sp_entity_id.as_ref() else {
        return;
    };
    if expected.matches(issuer.trimmed()) {
        return;
    }
    let wording = match &expected.source {
        Source::Profile(p) => p.identifier.as_ref().map_or(String::new(), |f| {
            format!(" ({}'s tutorial: {})", p.title, f.wording)
        }),
        _ => String::new(),
    };
    let term = cx.words.term(Setting::SpEntityId);
    cx.report(
        Finding::new(
            &RULE,
            format!(
                "the AuthnRequest Issuer `{}` is not {}: {}{}",
                issuer.trimmed(),
                describe(expected, &format!("the configured {term}"), term),
                explain(expected, issuer.trimmed()),
                cx.words
                    .code_for(Setting::SpEntityId)
                    .map_or(String::new(), |c| format!(
                        "; {} would answer {}",
                        cx.words.short(),
                        c.code
                    ))
            ),
        )
        .at(issuer.span)
        .help(format!(
            "make {} exactly `{}` (or change the app's entity ID setting){wording}",
            cx.words.place(Setting::SpEntityId),
            issuer.trimmed()
        ))
        .setting(Setting::SpEntityId)
        .evidence(Some(expected.evidence()), Some(issuer.found())),
    );
}
