//! `xml-doctype`: a DOCTYPE is present (never processed).

use super::Checker;
use crate::finding::{Finding, Rule, Severity};
use crate::span::Span;

pub(crate) static RULE: Rule = Rule {
    name: "xml-doctype",
    code: "XML002",
    severity: Severity::Error,
    summary: "a DOCTYPE / ENTITY / ATTLIST declaration is present",
    docs: docs!(
        "## What it does
Reports a `<!DOCTYPE …>` in the message. samlscope never processes it: entities it declares are
not expanded, external subsets are not fetched.

## Why is this bad?
SAML messages never need a DTD. A DOCTYPE is the carrier of XXE (external entities reading
local files or making requests) and of billion-laughs entity expansion, and it lets a parser
that honours ATTLIST defaults see a different document than one that does not — a
signature-bypass primitive. ruby-saml: \"Dangerous XML detected. No Doctype nodes allowed\".

## Example
```xml
<!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>
<samlp:Response …>&x;</samlp:Response>
```

## How to fix
Treat the message as an attack, or as produced by broken software; service providers must
reject it.

## References
- OWASP XML External Entity Prevention Cheat Sheet
- CVE-2025-25291 / CVE-2025-25292 (ruby-saml parser differentials)
"
    ),
};

pub(crate) fn finding(span: Span) -> Finding {
    Finding::new(&RULE, "the document has a DOCTYPE; it was not processed and its entities were not expanded")
        .at(span)
        .help("SAML messages never carry a DTD: this is an XXE / entity-expansion attempt or broken software; service providers must reject it")
}

pub(crate) fn check(cx: &mut Checker<'_>) {
    if let Some(span) = cx.doc.doctype() {
        cx.report(finding(span));
    }
}
