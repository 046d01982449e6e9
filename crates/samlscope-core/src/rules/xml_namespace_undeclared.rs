//! `xml-namespace-undeclared`: a prefix is used without a namespace declaration.

use super::Checker;
use crate::finding::{Finding, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    name: "xml-namespace-undeclared",
    code: "XML005",
    severity: Severity::Warning,
    summary: "a namespace prefix is used without being declared",
    docs: docs!(
        "## What it does
Reports an element or attribute whose prefix (`saml:`) has no `xmlns:saml=\"…\"` declaration
in scope. samlscope keeps reading the document by the prefix alone.

## Why is this bad?
The document is not namespace-well-formed: libxml2-based service providers (python3-saml,
xmlsec1, Shibboleth) reject it, others guess. Parsers that disagree about a document are a
signature-bypass risk.

## Example
```xml
<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\"><saml:EncryptedAssertion>…
```

## How to fix
Declare the prefix (`xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\"`) on the element or an
ancestor; report the bug to the software that produced the message.

## References
- Namespaces in XML 1.0 §5 (Namespace Constraint: Prefix Declared)
"
    ),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    let found: Vec<_> = cx.doc.warnings().to_vec();
    for w in found.into_iter().take(20) {
        cx.report(
            Finding::new(&RULE, w.message)
                .at(w.span)
                .help("declare the prefix on this element or an ancestor (for `saml:`, xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\")"),
        );
    }
}
