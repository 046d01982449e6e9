//! `audience-mismatch`: the SP entity ID is not among the Audiences.

use super::{Checker, assertions, difference};
use crate::finding::{Finding, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    name: "audience-mismatch",
    code: "AUD002",
    severity: Severity::Error,
    summary: "the SP entity ID (Entra: Identifier) is not among the Audiences",
    docs: "## What it does
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
",
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    let Some(expected) = cx.ctx.sp_entity_id.as_deref() else {
        return;
    };
    let mut found = Vec::new();
    for a in assertions(cx.message) {
        let audiences: Vec<_> = a.audiences().filter(|t| !t.trimmed().is_empty()).collect();
        let Some(first) = audiences.first() else {
            continue;
        };
        if audiences.iter().any(|t| t.trimmed() == expected.trim()) {
            continue;
        }
        let closest = audiences
            .iter()
            .min_by_key(|t| strsim(t.trimmed(), expected))
            .unwrap_or(first);
        found.push(
            Finding::new(
                &RULE,
                format!(
                    "the SP entity ID `{expected}` is not among the Audiences ({}); {}",
                    audiences.iter().map(|t| format!("`{}`", t.trimmed())).collect::<Vec<_>>().join(", "),
                    difference(expected, closest.trimmed())
                ),
            )
            .at(closest.span)
            .help(format!(
                "set Entra's Basic SAML Configuration → Identifier (Entity ID) to exactly `{expected}` (or fix the SP's entity ID)"
            )),
        );
    }
    for f in found {
        cx.report(f);
    }
}

/// A cheap distance: length of the differing middle part.
fn strsim(a: &str, b: &str) -> usize {
    let prefix = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let suffix = a
        .chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count();
    (a.chars().count() + b.chars().count()).saturating_sub(2 * (prefix + suffix))
}
