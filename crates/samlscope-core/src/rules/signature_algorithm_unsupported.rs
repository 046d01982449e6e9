//! `signature-algorithm-unsupported`: an algorithm samlscope cannot verify (HMAC always).

use super::Checker;
use crate::dsig::Failure;
use crate::finding::{Finding, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    name: "signature-algorithm-unsupported",
    code: "SIG008",
    severity: Severity::Error,
    summary: "a signature, digest or canonicalisation algorithm that cannot be verified (HMAC is always an error)",
    docs: docs!(
        "## What it does
Reports a SignatureMethod, DigestMethod or CanonicalizationMethod samlscope cannot verify, and
always reports HMAC signature methods.

## Why is this bad?
An HMAC \"signature\" proves nothing about the identity provider (the key is shared), and
`HMACOutputLength` truncation let attackers forge signatures (CVE-2009-0217). Other unknown
algorithms mean the signature is unverified, not valid.

## Example
```xml
<ds:SignatureMethod Algorithm=\"http://www.w3.org/2000/09/xmldsig#hmac-sha1\"/>
```

## How to fix
Use RSA-SHA256 (Entra's default) or ECDSA-SHA256.

## References
- CVE-2009-0217; XML Signature §6.3 (MAC), RFC 6931 (algorithm identifiers)
"
    ),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    let mut found = Vec::new();
    for s in cx.signatures {
        if let Some(Failure::KeyUnsupported(why)) = &s.failure {
            found.push(
                Finding::new(&RULE, format!("the signing key cannot be checked here: {why}"))
                    .at_opt(s.structure.signature_value.as_ref().map(|v| v.span))
                    .help("verify with the CLI (`samlscope inspect`), which checks every key kind XML-DSig defines; for a curve no one supports, have the IdP sign with RSA-SHA256 or ECDSA P-256"),
            );
            continue;
        }
        let Some(Failure::Algorithm(what, uri)) = &s.failure else {
            continue;
        };
        let span = match *what {
            "SignatureMethod" => s.structure.signature_method.as_ref().map(|m| m.span),
            "CanonicalizationMethod" => s.structure.c14n_method.as_ref().map(|m| m.span),
            _ => s
                .structure
                .references
                .first()
                .and_then(|r| r.digest_method.as_ref())
                .map(|m| m.span),
        };
        let hmac = uri.contains("hmac");
        let message = if hmac {
            format!("the {what} `{uri}` is an HMAC: it proves nothing about the identity provider")
        } else {
            format!("the {what} `{uri}` is not one samlscope can verify")
        };
        found.push(Finding::new(&RULE, message).at_opt(span).help(if hmac {
            "HMAC signatures are never acceptable in SAML (CVE-2009-0217): reject the message"
        } else {
            "use RSA-SHA256 or ECDSA-SHA256 with exclusive C14N"
        }));
    }
    for f in found {
        cx.report(f);
    }
}
