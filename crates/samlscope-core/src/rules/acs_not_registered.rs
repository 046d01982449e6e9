//! `acs-not-registered`: the AuthnRequest's AssertionConsumerServiceURL is not a registered Reply URL (Entra: AADSTS50011).

use super::{Checker, closest, describe, explain};
use crate::expectations::Source;
use crate::finding::{Finding, Rule, Setting, Severity};
use crate::model::Message;

pub(crate) static RULE: Rule = Rule {
    name: "acs-not-registered",
    code: "REQ005",
    severity: Severity::Error,
    summary: "the AuthnRequest's AssertionConsumerServiceURL is not a registered Reply URL (Entra: AADSTS50011)",
    docs: docs!(
        "## What it does
Checks an AuthnRequest's AssertionConsumerServiceURL against the registered Reply URLs (CLI
`--acs`, the SP metadata's AssertionConsumerService locations, or the app profile's pattern),
explaining near misses (trailing slash, case, scheme, host or path part).

## Why is this bad?
Entra answers AADSTS50011 (\"The redirect URI specified in the request does not match the
redirect URIs configured for the application\") and the user never gets a response; other IdPs
refuse likewise (Shibboleth IdP \"Unable to verify AssertionConsumerServiceURL\").

## Example
The app sends `http://app.example.com/saml/acs`; Entra has `https://app.example.com/saml/acs`.

## How to fix
Add the exact URL the app sends to Entra's Basic SAML Configuration → Reply URL (Assertion
Consumer Service URL) — or fix the app's ACS setting (often its public base URL behind a proxy
or load balancer).

## References
- SAML 2.0 Core §3.4.1 (AssertionConsumerServiceURL); AADSTS50011
"
    ),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    let Message::AuthnRequest(request) = cx.message else {
        return;
    };
    let Some(url) = request.acs_url.as_ref().filter(|u| !u.trimmed().is_empty()) else {
        return;
    };
    let acs = &cx.expect.acs_urls;
    if acs.is_empty() || acs.iter().any(|a| a.matches_url(url.trimmed())) {
        return;
    }
    let Some(expected) = closest(acs, url.trimmed()) else {
        return;
    };
    let term = cx.words.term(Setting::AcsUrl);
    let registered = if acs.len() > 1 {
        format!(
            "none of the {} registered {term}s (closest: {})",
            acs.len(),
            describe(expected, "", term).trim_start()
        )
    } else {
        format!(
            "not {}",
            describe(expected, &format!("the registered {term}"), term)
        )
    };
    let wording = match &expected.source {
        Source::Profile(p) => p.reply_url.as_ref().map_or(String::new(), |f| {
            format!(" ({}'s tutorial: {})", p.title, f.wording)
        }),
        _ => String::new(),
    };
    let behind_proxy = url
        .trimmed()
        .strip_prefix("http://")
        .is_some_and(|rest| expected.matches_url(&format!("https://{rest}")));
    let help = if behind_proxy {
        "the app builds its ACS URL with http:// although it is served over https — typical behind a TLS-terminating proxy or load balancer: configure the app's public base URL as https:// (or make it honour X-Forwarded-Proto)".to_owned()
    } else {
        format!(
            "add `{}` to {}, or fix the app's ACS URL setting{wording}",
            url.trimmed(),
            cx.words.place(Setting::AcsUrl)
        )
    };
    cx.report(
        Finding::new(
            &RULE,
            format!(
                "the AssertionConsumerServiceURL `{}` is {registered}: {}{}",
                url.trimmed(),
                explain(expected, url.trimmed()),
                cx.words
                    .code_for(Setting::AcsUrl)
                    .map_or(String::new(), |c| format!(
                        "; {} would answer {}",
                        cx.words.short(),
                        c.code
                    ))
            ),
        )
        .at(url.span)
        .help(help)
        .setting(Setting::AcsUrl)
        .evidence(Some(expected.evidence()), Some(url.found())),
    );
}
