//! `version-unsupported`: Version is not 2.0.

use super::Checker;
use crate::finding::{Finding, Rule, Severity};
use crate::model::Text;
use crate::span::Span;

pub(crate) static RULE: Rule = Rule {
    name: "version-unsupported",
    code: "MSG002",
    severity: Severity::Error,
    summary: "Version is not 2.0 (or missing)",
    docs: docs!(
        "## What it does
Checks that every protocol message and assertion says `Version=\"2.0\"`.

## Why is this bad?
SAML 2.0 requires the attribute; service providers reject anything else (ruby-saml / python3-saml:
\"Unsupported SAML version\").

## Example
```xml
<samlp:Response Version=\"1.1\" …>
```

## How to fix
Configure the identity provider for SAML 2.0 (not SAML 1.1 or WS-Federation).

## References
- SAML 2.0 Core §3.2.1, §2.3.3 (Version attribute), §4.1 (SAML version)
"
    ),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    let mut items: Vec<(&str, Option<&Text>, Span)> = cx
        .headers()
        .into_iter()
        .map(|h| (h.name.as_str(), h.version.as_ref(), h.start_tag))
        .collect();
    for a in cx.assertions() {
        items.push(("Assertion", a.version.as_ref(), a.start_tag));
    }
    for (name, version, start_tag) in items {
        match version {
            Some(v) if v.trimmed() == "2.0" => {}
            Some(v) => cx.report(
                Finding::new(
                    &RULE,
                    format!(
                        "`{name}` has Version `{}`; only SAML 2.0 is supported",
                        v.value
                    ),
                )
                .at(v.span)
                .help("configure the identity provider / service provider for SAML 2.0"),
            ),
            None => cx.report(
                Finding::new(
                    &RULE,
                    format!(
                        "`{name}` has no Version attribute (SAML 2.0 requires Version=\"2.0\")"
                    ),
                )
                .at(start_tag)
                .help("the software producing this message must add Version=\"2.0\""),
            ),
        }
    }
}
