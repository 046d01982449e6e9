//! `audience-mismatch`: the SP entity ID is not among the Audiences.

use super::{Checker, assertions, describe, distance, explain};
use crate::expectations::{Expected, Source};
use crate::finding::{Finding, Rule, Severity};
use crate::model::Text;
use crate::profiles::match_pattern;

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
        return;
    };
    let mut found = Vec::new();
    for a in assertions(cx.message) {
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
                .help(help(expected)),
        );
    }
    for f in found {
        cx.report(f);
    }
}

fn help(expected: &Expected) -> String {
    match &expected.source {
        Source::Profile(p) => format!(
            "set Entra's Basic SAML Configuration → Identifier (Entity ID) to {}'s value, which {}'s tutorial gives as: {}",
            p.title,
            p.title,
            p.identifier.as_ref().map_or("", |f| f.wording.as_str())
        ),
        _ => format!(
            "set Entra's Basic SAML Configuration → Identifier (Entity ID) to exactly `{}` (or fix the SP's entity ID)",
            expected.value
        ),
    }
}

/// With a profile, the Audience fits the Identifier pattern but names another customer than
/// the Destination does (`<tenant>` differs between Identifier and Reply URL).
fn placeholder_conflict(cx: &Checker<'_>, expected: &Expected, audience: &Text) -> Option<Finding> {
    let Source::Profile(p) = &expected.source else {
        return None;
    };
    let reply = p.reply_url.as_ref()?;
    let destination = cx.message.response()?.header.destination.as_ref()?;
    let from_audience = match_pattern(&expected.value, audience.trimmed())?;
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
                "the Audience `{}` names <{name}> `{a}`, but the Destination (Reply URL) `{}` names `{d}`: in {} both come from the same <{name}>",
                audience.trimmed(),
                destination.trimmed(),
                p.title
            ),
        )
        .at(audience.span)
        .label(destination.span, format!("the Reply URL names `{d}`"))
        .help(format!(
            "correct the <{name}> part of Entra's Basic SAML Configuration → Identifier (Entity ID) (or of the Reply URL, whichever is wrong): {}",
            p.identifier.as_ref().map_or("", |f| f.wording.as_str())
        )),
    )
}
