//! `xml-malformed`: the decoded text is not well-formed XML.

use crate::finding::{Finding, Rule, Severity};
use crate::xml::XmlError;

pub(crate) static RULE: Rule = Rule {
    name: "xml-malformed",
    code: "XML001",
    severity: Severity::Error,
    summary: "the decoded text is not well-formed XML",
    docs: docs!(
        "## What it does
Parses the decoded text strictly and points at the byte where it stops being well-formed XML
(an unclosed tag, a mismatched end tag, an undefined entity, a second root element …).

## Why is this bad?
Service providers parse strictly and reject the message (ruby-saml: \"There were XML errors when
parsing\"). Worse, input that only a lenient parser accepts is how parser-differential attacks
on signatures start (CVE-2025-25291/25292).

## Example
```xml
<samlp:Response ...><saml:Issuer>idp</saml:Issuer>
```
(the Response is never closed: truncated in a copy).

## How to fix
Copy the message again in full. If the identity provider really sends it like this, report it
to its vendor.

## References
- XML 1.0 (Fifth Edition) §2.1 Well-Formed XML Documents
- Namespaces in XML 1.0 §7 Conformance of Documents
"
    ),
};

pub(crate) fn finding(error: &XmlError) -> Finding {
    Finding::new(&RULE, error.message.clone())
        .at(error.span)
        .help("the text is not well-formed XML at this point: was it truncated or edited after copying?")
}
