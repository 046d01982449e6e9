//! `id-missing`: a Response, Assertion or request without ID.

use super::Checker;
use crate::finding::{Finding, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    name: "id-missing",
    code: "MSG003",
    severity: Severity::Error,
    summary: "a protocol message or Assertion has no ID",
    docs: docs!(
        "## What it does
Checks that every protocol message and assertion carries a non-empty `ID` attribute.

## Why is this bad?
The ID is what signatures reference (`<ds:Reference URI=\"#ID\">`) and what replay caches and
InResponseTo correlation use. SAML requires it (ruby-saml: \"Missing ID attribute on SAML
Response\").

## Example
```xml
<saml:Assertion Version=\"2.0\" IssueInstant=\"…\">
```

## How to fix
The software producing the message must set a unique ID that starts with a letter or `_`.

## References
- SAML 2.0 Core §1.3.4 (ID and ID reference values), §3.2.1, §2.3.3
"
    ),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    let mut missing = Vec::new();
    for h in cx.headers() {
        if h.id.as_ref().is_none_or(|id| id.trimmed().is_empty()) {
            missing.push((h.name.clone(), h.start_tag));
        }
    }
    for a in cx.assertions() {
        if a.id.as_ref().is_none_or(|id| id.trimmed().is_empty()) {
            missing.push(("Assertion".to_owned(), a.start_tag));
        }
    }
    for (name, span) in missing {
        cx.report(
            Finding::new(&RULE, format!("`{name}` has no ID attribute"))
                .at(span)
                .help("SAML requires a unique ID on every message and assertion; signatures and InResponseTo refer to it"),
        );
    }
}
