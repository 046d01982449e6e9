//! `destination-missing`: a signed Response without Destination.

use super::Checker;
use crate::finding::{Finding, Rule, Setting, Severity};

pub(crate) static RULE: Rule = Rule {
    name: "destination-missing",
    code: "DST001",
    severity: Severity::Warning,
    summary: "a signed Response has no Destination",
    docs: docs!(
        "## What it does
Reports a Response that carries a signature but no Destination attribute.

## Why is this bad?
SAML Bindings require Destination on signed messages sent through the browser, so that a
message captured at one SP cannot be replayed at another (ruby-saml \"The response has an empty
Destination value\").

## Example
```xml
<samlp:Response ID=\"_r\" Version=\"2.0\" IssueInstant=\"…\"><ds:Signature>…
```

## How to fix
The IdP must set Destination to the ACS URL (Entra always does: the Reply URL).

## References
- SAML 2.0 Bindings §3.5.5.2 (Destination on signed POST messages)
"
    ),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    let Some(response) = cx.message.response() else {
        return;
    };
    if response
        .header
        .destination
        .as_ref()
        .is_some_and(|d| !d.trimmed().is_empty())
    {
        return;
    }
    if cx
        .signatures
        .iter()
        .any(|s| s.target == Some(response.header.element))
    {
        cx.report(
            Finding::new(&RULE, "the Response is signed but has no Destination")
                .at(response.header.start_tag)
                .help(format!(
                    "the IdP must set Destination to the ACS URL{}",
                    cx.words
                        .aside(Setting::AcsUrl)
                        .map_or(String::new(), |a| format!(" ({a})"))
                ))
                .setting(Setting::AcsUrl),
        );
    }
}
