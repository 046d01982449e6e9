//! `signature-algorithm-weak`: rsa-sha1, dsa-sha1 or a SHA-1 digest.

use super::Checker;
use crate::dsig::crypto::{DigestAlgorithm, SignatureAlgorithm};
use crate::finding::{Finding, Rule, Setting, Severity};

pub(crate) static RULE: Rule = Rule {
    name: "signature-algorithm-weak",
    code: "SIG007",
    severity: Severity::Warning,
    summary: "the signature uses SHA-1 (rsa-sha1, dsa-sha1, ecdsa-sha1) or a SHA-1 digest",
    docs: docs!(
        "## What it does
Reports signatures whose SignatureMethod or DigestMethod is based on SHA-1.

## Why is this bad?
SHA-1 collisions are practical (SHAttered, 2017). python3-saml rejects them when
`rejectDeprecatedAlgorithm` is set (\"Deprecated signature algorithm found\"), and more service
providers follow.

## Example
```xml
<ds:SignatureMethod Algorithm=\"http://www.w3.org/2000/09/xmldsig#rsa-sha1\"/>
```

## How to fix
Entra: Single sign-on → SAML Certificates → Signing Algorithm: SHA-256 (the default). AD FS:
relying party trust → Advanced → Secure hash algorithm: SHA-256.

## References
- RFC 6194; NIST SP 800-131A Rev. 2 (SHA-1 disallowed for signature generation)
"
    ),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    let mut found = Vec::new();
    for s in cx.signatures {
        if let Some(m) = &s.structure.signature_method
            && SignatureAlgorithm::from_uri(m.value.trim()).is_some_and(|a| a.digest().is_weak())
        {
            found.push(
                Finding::new(
                    &RULE,
                    format!("the SignatureMethod `{}` is SHA-1 based", m.value.trim()),
                )
                .at(m.span)
                .help(format!(
                    "set {} to SHA-256",
                    cx.words.place(Setting::SigningAlgorithm)
                ))
                .setting(Setting::SigningAlgorithm),
            );
        }
        for r in &s.structure.references {
            if let Some(d) = &r.digest_method
                && DigestAlgorithm::from_uri(d.value.trim()).is_some_and(|a| a.is_weak())
            {
                found.push(
                    Finding::new(
                        &RULE,
                        format!("the DigestMethod `{}` is SHA-1", d.value.trim()),
                    )
                    .at(d.span)
                    .help(format!(
                        "set {} to SHA-256",
                        cx.words.place(Setting::SigningAlgorithm)
                    ))
                    .setting(Setting::SigningAlgorithm),
                );
            }
        }
    }
    if let Some(r) = cx.redirect
        && SignatureAlgorithm::from_uri(r.sig_alg.trim()).is_some_and(|a| a.digest().is_weak())
    {
        found.push(
            Finding::new(
                &RULE,
                format!(
                    "the Redirect-binding SigAlg `{}` is SHA-1 based",
                    r.sig_alg.trim()
                ),
            )
            .help("configure the app to sign requests with RSA-SHA256"),
        );
    }
    for f in found {
        cx.report(f);
    }
}
