//! `issuer-mismatch`: Issuer ≠ the expected IdP entity ID.

use super::{Checker, assertions, describe, explain};
use crate::finding::{Finding, Rule, Severity};
use crate::model::Text;

pub(crate) static RULE: Rule = Rule {
    name: "issuer-mismatch",
    code: "ISS003",
    severity: Severity::Error,
    summary: "the Issuer is not the expected IdP entity ID (Entra: Microsoft Entra Identifier)",
    docs: "## What it does
Compares the Issuer of the Response and of each Assertion with the expected IdP entity ID (Entra:
\"Microsoft Entra Identifier\", `https://sts.windows.net/<tenant-id>/` with its trailing slash;
CLI `--idp-entity-id`), explaining near misses (trailing slash, tenant).

## Why is this bad?
The SP trusts one identity provider; a different Issuer is rejected (ruby-saml \"Doesn't match the
issuer, expected: <X>, but was: <Y>\", node-saml \"Unknown SAML issuer\").

## Example
Issuer `https://sts.windows.net/1111…/`, the app configured with another tenant's identifier.

## How to fix
Copy \"Microsoft Entra Identifier\" from the app's Set up section in Entra into the app's IdP
entity ID / issuer setting — exactly, trailing slash included.

## References
- SAML 2.0 Profiles §4.1.4.2 (Issuer)
",
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    let Some(expected) = cx.expect.idp_entity_id.as_ref() else {
        return;
    };
    let mut issuers: Vec<&Text> = cx
        .message
        .response()
        .map(|r| r.header.issuers.iter().collect())
        .unwrap_or_default();
    issuers.extend(assertions(cx.message).iter().flat_map(|a| a.issuers.iter()));
    let mut found = Vec::new();
    for i in issuers {
        if i.trimmed().is_empty() || expected.matches(i.trimmed()) {
            continue;
        }
        found.push(
            Finding::new(
                &RULE,
                format!("the Issuer `{}` is not {}: {}", i.trimmed(), describe(expected, "the expected IdP", "entity ID"), explain(expected, i.trimmed())),
            )
            .at(i.span)
            .help("copy Entra's \"Microsoft Entra Identifier\" (Set up section) into the app's IdP entity ID setting, trailing slash included"),
        );
    }
    for f in found {
        cx.report(f);
    }
}
