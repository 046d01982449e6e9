//! `audience-missing`: no AudienceRestriction, or only empty Audience elements.

use super::Checker;
use crate::finding::{Finding, Rule, Setting, Severity};

pub(crate) static RULE: Rule = Rule {
    name: "audience-missing",
    code: "AUD001",
    severity: Severity::Error,
    summary: "the assertion has no AudienceRestriction, or only empty Audience elements",
    docs: docs!(
        "## What it does
Checks that each assertion restricts its audience to at least one non-empty Audience.

## Why is this bad?
Without an audience, the assertion is valid for any service provider: one SP could replay it to
another. SAML's Web Browser SSO profile requires it; node-saml: \"SAML assertion has no
AudienceRestriction\".

## Example
```xml
<saml:Conditions NotBefore=\"…\" NotOnOrAfter=\"…\"/>
```

## How to fix
The IdP must put the SP's entity ID (Entra: Identifier (Entity ID)) in an AudienceRestriction.

## References
- SAML 2.0 Core §2.5.1.4; Profiles §4.1.4.2
"
    ),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    let mut found = Vec::new();
    for a in cx.assertions() {
        if a.audiences().any(|t| !t.trimmed().is_empty()) {
            continue;
        }
        let span = a
            .conditions
            .first()
            .map_or(a.start_tag, |c| cx.doc.span(c.element));
        found.push(
            Finding::new(&RULE, "the assertion names no audience (no AudienceRestriction with a non-empty Audience)")
                .at(span)
                .help(format!("the IdP must restrict the assertion to the SP's entity ID{}", cx.words.aside(Setting::SpEntityId).map_or(String::new(), |a| format!(" ({a})"))))
                .setting(Setting::SpEntityId),
        );
    }
    for f in found {
        cx.report(f);
    }
}
