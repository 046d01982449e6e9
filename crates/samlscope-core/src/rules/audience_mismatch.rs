//! `audience-mismatch`: the SP entity ID is not among the Audiences.

use super::{Checker, describe, distance, explain};
use crate::expectations::{Expected, Source};
use crate::finding::{Finding, Origin, Rule, Setting, Severity};
use crate::idps::Words;
use crate::model::Text;
use crate::profiles::{Profile, host_of, match_pattern};

pub(crate) static RULE: Rule = Rule {
    name: "audience-mismatch",
    code: "AUD002",
    severity: Severity::Error,
    summary: "the SP entity ID (Entra: Identifier) is not among the Audiences",
    docs: docs!(
        "## What it does
Compares the configured SP entity ID (Entra: \"Identifier (Entity ID)\"; CLI `--sp-entity-id`)
with every Audience of the assertion, and explains near misses: a trailing slash, letter case,
the scheme, a different tenant or namespace part.

With no Identifier configured, the Audience is compared with where the response went (its
Destination): when the message's URLs are those of an app profile and the Audience and the
Reply URL name different customers in its patterns, the app rejects it (error); an Audience on
another tenant of the Destination's service (`fabrikam.example.com`, `contoso.example.com`) is a
warning; on another host altogether, context (info), since some SPs' entity IDs live elsewhere.

## Why is this bad?
The SP rejects an assertion meant for someone else (ruby-saml \"Invalid Audience. The audience X,
did not match the expected audience Y\", node-saml \"SAML assertion audience mismatch\"). In
Entra the Audience is the Identifier configured for the app.

## Example
Audience `https://contoso.example.com/saml/`, SP entity ID `https://contoso.example.com/saml`.

## How to fix
Make Entra's Basic SAML Configuration → Identifier (Entity ID) exactly the SP's entity ID (as the
app's metadata or SAML settings page shows it), or fix the SP's setting.

## References
- SAML 2.0 Core §2.5.1.4 (AudienceRestriction)
"
    ),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    let Some(expected) = cx.expect.sp_entity_id.as_ref() else {
        if let Some(f) = unconfigured(cx) {
            cx.report(f);
        }
        return;
    };
    let mut found = Vec::new();
    for a in cx.assertions() {
        let audiences: Vec<_> = a.audiences().filter(|t| !t.trimmed().is_empty()).collect();
        let Some(first) = audiences.first() else {
            continue;
        };
        if let Some(hit) = audiences.iter().find(|t| expected.matches(t.trimmed())) {
            if let Some(f) = placeholder_conflict(cx, expected, hit) {
                found.push(f);
            }
            continue;
        }
        let closest = audiences
            .iter()
            .min_by_key(|t| distance(t.trimmed(), &expected.value))
            .unwrap_or(first);
        let listed = audiences
            .iter()
            .map(|t| format!("`{}`", t.trimmed()))
            .collect::<Vec<_>>()
            .join(", ");
        let message = if expected.is_pattern() {
            format!(
                "no Audience ({listed}) fits {}; {}",
                describe(expected, "", "Identifier"),
                explain(expected, closest.trimmed())
            )
        } else {
            format!(
                "{} is not among the Audiences ({listed}); {}",
                describe(expected, "the SP entity ID", "entity ID"),
                explain(expected, closest.trimmed())
            )
        };
        found.push(
            Finding::new(&RULE, message)
                .at(closest.span)
                .help(help(expected, cx.words))
                .setting(Setting::SpEntityId)
                .evidence(Some(expected.evidence()), Some(closest.found())),
        );
    }
    for f in found {
        cx.report(f);
    }
}

fn help(expected: &Expected, words: Words) -> String {
    let place = words.place(Setting::SpEntityId);
    match &expected.source {
        Source::Profile(p) => format!(
            "set {place} to {}'s value, which {}'s tutorial gives as: {}",
            p.title,
            p.title,
            p.identifier.as_ref().map_or("", |f| f.wording.as_str())
        ),
        _ => format!(
            "set {place} to exactly `{}` (or fix the SP's entity ID)",
            expected.value
        ),
    }
}

/// With no Identifier configured, what the message says of itself: an Audience whose host is
/// not the Destination's. When the message's URLs are those of one app profile and the two name
/// different customers in its patterns (`<CUSTOMER_NAME>` of Identifier and Reply URL), the app
/// rejects it: an error. Otherwise the SP's entity ID may well live on another host, and the
/// finding only asks: a warning when the hosts differ in their first label alone
/// (`fabrikam.example.com`, `contoso.example.com`: another tenant of the same service), info
/// when they differ more.
fn unconfigured(cx: &Checker<'_>) -> Option<Finding> {
    // Audiences matched against a profile's pattern (a message may list 200,000).
    const MAX_MATCHED: usize = 64;
    let destination = cx.response_header()?.destination.as_ref()?;
    let to = host_of(destination.trimmed())?;
    let audiences: Vec<&Text> = cx
        .assertions()
        .iter()
        .flat_map(|a| a.audiences())
        .filter(|t| !t.trimmed().is_empty())
        .collect();
    let first = audiences.first()?;
    let hosts: Vec<&str> = audiences
        .iter()
        .filter_map(|t| host_of(t.trimmed()))
        .collect();
    if hosts.is_empty() || hosts.iter().any(|h| h.eq_ignore_ascii_case(to)) {
        return None;
    }
    let urls = audiences
        .iter()
        .map(|t| t.trimmed())
        .chain(std::iter::once(destination.trimmed()));
    if let Some(p) = crate::profiles::suggest(urls)
        && let Some(identifier) = &p.identifier
        && let Some(f) = audiences
            .iter()
            .take(MAX_MATCHED)
            .find_map(|a| conflict(p, &identifier.pattern, destination, a, cx.words))
    {
        let help = f.help.clone().unwrap_or_default();
        return Some(f.help(format!(
            "{help} (no Identifier is configured here: the message's URLs are {}'s; apply its app profile to check them all)",
            p.title
        )));
    }
    let audience = audiences
        .iter()
        .find(|t| host_of(t.trimmed()).is_some())
        .unwrap_or(first);
    let from = host_of(audience.trimmed())?;
    let tenant = other_tenant(from, to);
    let label = cx.words.label(Setting::SpEntityId);
    let message = match tenant {
        Some((a, d)) => format!(
            "the Audience names `{a}` (`{from}`), but the response went to `{d}` (`{to}`, the Destination): is the {label} right?"
        ),
        None => format!(
            "the Audience's host `{from}` is not the Destination's `{to}`: right when the SP's entity ID lives on another host, else the {label} is wrong"
        ),
    };
    Some(
        Finding::new(&RULE, message)
            .severity(if tenant.is_some() {
                Severity::Warning
            } else {
                Severity::Info
            })
            .at(audience.span)
            .label(destination.span, format!("the response went to `{to}`"))
            .help(format!(
                "compare {} with the entity ID the SP's SAML settings or metadata show, and set it in Configure to check it exactly",
                cx.words.place(Setting::SpEntityId)
            ))
            .setting(Setting::SpEntityId)
            .evidence(
                Some((destination.trimmed().to_owned(), Origin::Message)),
                Some(audience.found()),
            ),
    )
}

/// The first labels of two hosts that differ in their first label alone (`fabrikam`,
/// `contoso` of `fabrikam.example.com`, `contoso.example.com`), compared without case.
fn other_tenant<'a>(a: &'a str, b: &'a str) -> Option<(&'a str, &'a str)> {
    let (first_a, rest_a) = a.split_once('.')?;
    let (first_b, rest_b) = b.split_once('.')?;
    (rest_a.contains('.')
        && rest_a.eq_ignore_ascii_case(rest_b)
        && !first_a.eq_ignore_ascii_case(first_b))
    .then_some((first_a, first_b))
}

/// With a profile, the Audience fits the Identifier pattern but names another customer than
/// the Destination does (`<tenant>` differs between Identifier and Reply URL).
fn placeholder_conflict(cx: &Checker<'_>, expected: &Expected, audience: &Text) -> Option<Finding> {
    let Source::Profile(p) = &expected.source else {
        return None;
    };
    let destination = cx.response_header()?.destination.as_ref()?;
    conflict(p, &expected.value, destination, audience, cx.words)
}

/// The Audience fits `identifier` (the profile's Identifier pattern) and the Destination its
/// Reply URL pattern, but a placeholder both share stands for different text.
fn conflict(
    p: &Profile,
    identifier: &str,
    destination: &Text,
    audience: &Text,
    words: Words,
) -> Option<Finding> {
    let reply = p.reply_url.as_ref()?;
    let from_audience = match_pattern(identifier, audience.trimmed())?;
    let from_destination = match_pattern(&reply.pattern, destination.trimmed())?;
    let (name, a, d) = from_audience.iter().find_map(|(name, a)| {
        from_destination
            .iter()
            .find(|(n, d)| n == name && d != a)
            .map(|(_, d)| (name, a, d))
    })?;
    Some(
        Finding::new(
            &RULE,
            format!(
                "the Audience `{}` names <{name}> `{a}`, but the response went to the Reply URL of `{d}`: in {} both come from the same <{name}>",
                audience.trimmed(),
                p.title
            ),
        )
        .at(audience.span)
        .label(
            destination.span,
            format!("the Destination (Reply URL) names `{d}`"),
        )
        .help(format!(
            "correct the <{name}> part of {} (or of the Reply URL, whichever is wrong): {}",
            words.place(Setting::SpEntityId),
            p.identifier.as_ref().map_or("", |f| f.wording.as_str())
        ))
        .setting(Setting::SpEntityId)
        .evidence(
            Some((destination.trimmed().to_owned(), Origin::Message)),
            Some(audience.found()),
        ),
    )
}
