//! `sp-name-qualifier-mismatch`: NameID SPNameQualifier ≠ SP entity ID.

use super::{Checker, describe};
use crate::finding::{Finding, Rule, Setting, Severity};

pub(crate) static RULE: Rule = Rule {
    name: "sp-name-qualifier-mismatch",
    code: "AUD003",
    severity: Severity::Warning,
    summary: "the NameID SPNameQualifier is not the SP entity ID",
    docs: docs!(
        "## What it does
Compares the NameID's SPNameQualifier, when present, with the configured SP entity ID.

## Why is this bad?
The identifier was issued for another service provider; ruby-saml and python3-saml reject it
(\"SPNameQualifier value does not match the SP entityID value.\").

## Example
`<saml:NameID SPNameQualifier=\"https://other.example.com\">…`

## How to fix
Make the IdP's configured SP entity ID (Entra: Identifier (Entity ID)) the SP's own.

## References
- SAML 2.0 Core §2.2.2 (SPNameQualifier)
"
    ),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    let Some(expected) = cx.expect.sp_entity_id.as_ref() else {
        return;
    };
    let mut found = Vec::new();
    for a in cx.assertions() {
        let Some(q) = a
            .subject
            .as_ref()
            .and_then(|s| s.name_id.as_ref())
            .and_then(|n| n.sp_name_qualifier.as_ref())
        else {
            continue;
        };
        if !expected.matches(q.trimmed()) {
            found.push(
                Finding::new(
                    &RULE,
                    format!(
                        "the NameID SPNameQualifier `{}` is not {}",
                        q.trimmed(),
                        describe(expected, "the SP entity ID", "entity ID")
                    ),
                )
                .at(q.span)
                .help(format!(
                    "the IdP issued this identifier for another SP: check {}",
                    cx.words.place(Setting::SpEntityId)
                ))
                .setting(Setting::SpEntityId)
                .evidence(Some(expected.evidence()), Some(q.found())),
            );
        }
    }
    for f in found {
        cx.report(f);
    }
}
