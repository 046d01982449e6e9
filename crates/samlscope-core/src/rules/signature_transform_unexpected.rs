//! `signature-transform-unexpected`: a transform other than enveloped-signature and C14N.

use super::Checker;
use crate::dsig::{Failure, is_saml_transform};
use crate::finding::{Finding, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    name: "signature-transform-unexpected",
    code: "SIG006",
    severity: Severity::Error,
    summary: "a transform other than enveloped-signature and canonicalisation (XSLT, XPath, XPath-Filter2, base64)",
    docs: docs!(
        "## What it does
Reports Reference transforms other than enveloped-signature and the canonicalisation
algorithms. samlscope never executes them.

## Why is this bad?
SAML allows only enveloped-signature and exclusive C14N. XSLT runs code in the verifier (denial of
service, file reads); XPath and XPath-Filter2 change what is signed so the signed node set can
differ from what the application reads.

## Example
```xml
<ds:Transform Algorithm=\"http://www.w3.org/TR/1999/REC-xslt-19991116\">…
```

## How to fix
Reject the message. No identity provider produces these.

## References
- SAML 2.0 Core §5.4.4 (Transforms)
- XML Signature Best Practices §2.1 (avoid XSLT), §2.2 (XPath)
"
    ),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    let mut found = Vec::new();
    for s in cx.signatures {
        let refused = match &s.failure {
            Some(Failure::Transform(uri)) => Some(uri.as_str()),
            _ => None,
        };
        for t in s.structure.references.iter().flat_map(|r| &r.transforms) {
            let uri = t.algorithm.value.trim();
            if is_saml_transform(uri) {
                continue;
            }
            let message = if refused == Some(uri) {
                format!(
                    "the Reference uses the transform `{uri}`; it was not executed and the signature is not verified"
                )
            } else {
                format!(
                    "the Reference uses the transform `{uri}`, which SAML does not allow (it was evaluated only because it is the enveloped-signature XPath)"
                )
            };
            found.push(Finding::new(&RULE, message).at(t.algorithm.span).help(
                "SAML allows only enveloped-signature and (exclusive) C14N: reject the message",
            ));
        }
    }
    for f in found {
        cx.report(f);
    }
}
