//! `destination-mismatch`: Response Destination ≠ the ACS URL.

use super::{Checker, closest, describe, explain};
use crate::expectations::Source;
use crate::finding::{Finding, Rule, Setting, Severity};
use crate::model::Text;

pub(crate) static RULE: Rule = Rule {
    name: "destination-mismatch",
    code: "DST002",
    severity: Severity::Error,
    summary: "the Response Destination is not the ACS URL (Entra: Reply URL)",
    docs: docs!(
        "## What it does
Compares the Response's Destination with the configured ACS URLs (Entra: \"Reply URL\"; CLI
`--acs`, or SP metadata), explaining near misses.

## Why is this bad?
The SP checks that the response was meant for the URL it arrived at (ruby-saml \"The response was
received at X instead of Y\", crewjam \"`Destination` does not match requested URL or AcsURL\").

## Example
Destination `https://app.example.com/saml/acs`, SP listening at `https://app.example.com/saml/acs/`.

## How to fix
Make Entra's Basic SAML Configuration → Reply URL (Assertion Consumer Service URL) exactly the
URL the app receives the POST at, or fix the app's ACS setting.

## References
- SAML 2.0 Core §3.2.2; Bindings §3.5.5.2
"
    ),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    let Some(response) = cx.message.response() else {
        return;
    };
    let Some(dest) = response
        .header
        .destination
        .as_ref()
        .filter(|d| !d.trimmed().is_empty())
    else {
        return;
    };
    if let Some(f) = acs_mismatch(cx, &RULE, dest, "Destination") {
        cx.report(f.help(acs_help(cx)));
    }
}

/// The finding when `value` (a Destination or Recipient) is none of the ACS URLs.
pub(super) fn acs_mismatch(
    cx: &Checker<'_>,
    rule: &'static Rule,
    value: &Text,
    what: &str,
) -> Option<Finding> {
    let acs = &cx.expect.acs_urls;
    if acs.is_empty() || acs.iter().any(|u| u.matches_url(value.trimmed())) {
        return None;
    }
    let expected = closest(acs, value.trimmed())?;
    let message = if expected.is_pattern() {
        format!(
            "the {what} `{}` does not fit {}: {}",
            value.trimmed(),
            describe(expected, "", "Reply URL"),
            explain(expected, value.trimmed())
        )
    } else if acs.len() > 1 {
        format!(
            "the {what} `{}` is none of the {} ACS URLs; the closest, {}: {}",
            value.trimmed(),
            acs.len(),
            describe(expected, "", "ACS URL").trim_start(),
            explain(expected, value.trimmed())
        )
    } else {
        format!(
            "the {what} `{}` is not {}: {}",
            value.trimmed(),
            describe(expected, "the ACS URL", "ACS URL"),
            explain(expected, value.trimmed())
        )
    };
    Some(
        Finding::new(rule, message)
            .at(value.span)
            .setting(Setting::AcsUrl)
            .evidence(Some(expected.evidence()), Some(value.found())),
    )
}

/// The fix, in the IdP's words and the source of the expected value.
pub(super) fn acs_help(cx: &Checker<'_>) -> String {
    let place = cx.words.place(Setting::AcsUrl);
    match cx.expect.acs_urls.first().map(|e| &e.source) {
        Some(Source::Profile(p)) => format!(
            "set {place} to {}'s value; its tutorial says: {}",
            p.title,
            p.reply_url.as_ref().map_or("", |f| f.wording.as_str())
        ),
        Some(Source::SpMetadata) => {
            format!("set {place} to an AssertionConsumerService Location of the SP metadata")
        }
        _ => format!("set {place} to exactly the URL the app receives the POST at"),
    }
}
