//! `message-namespace-missing`: a message recognised by its name only, outside the SAML namespace.

use super::Checker;
use crate::finding::{Finding, Rule, Severity};
use crate::model::Message;
use crate::xml::ns;

pub(crate) static RULE: Rule = Rule {
    name: "message-namespace-missing",
    code: "MSG007",
    severity: Severity::Error,
    summary: "the root element has a SAML message name but is in no namespace",
    docs: docs!(
        "## What it does
Reports a message whose root element is named like a SAML message (`Response`,
`AuthnRequest`, `EntityDescriptor` …) but is in no namespace: no `xmlns` declaration, or an
undeclared prefix. samlscope reads it by name so the other checks still run.

## Why is this bad?
Without the SAML namespace it is not a SAML message: namespace-aware service providers do not
find the elements they look for, and reject it or — worse — read a different element than the
one a signature covers.

## Example
```xml
<Response ID=\"_r\"><Issuer>https://idp.example.com</Issuer>…</Response>
```

## How to fix
Declare the namespaces: `xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\"` and
`xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\"` (metadata:
`urn:oasis:names:tc:SAML:2.0:metadata`).

## References
- SAML 2.0 Core §1.2 (Notation: namespaces); Namespaces in XML 1.0
"
    ),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    let element = match cx.message {
        Message::Unknown(_) => return,
        Message::EntityDescriptor(e) => e.element,
        Message::EntitiesDescriptor(e) => e.element,
        m => match m.header() {
            Some(h) => h.element,
            None => return,
        },
    };
    let Some(e) = cx.doc.element(element) else {
        return;
    };
    if e.namespace().is_some() {
        return;
    }
    let expected = if matches!(
        cx.message,
        Message::EntityDescriptor(_) | Message::EntitiesDescriptor(_)
    ) {
        ns::MD
    } else {
        ns::SAMLP
    };
    cx.report(
        Finding::new(
            &RULE,
            format!("`{}` is read as a SAML message by its name, but it is in no namespace (expected `{expected}`)", e.qname()),
        )
        .at(e.name_span())
        .help(format!("declare the namespace: xmlns=\"{expected}\" or a prefix bound to it")),
    );
}
