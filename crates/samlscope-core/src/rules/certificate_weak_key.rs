//! `certificate-weak-key`: an RSA signing key below 2048 bits.

use super::Checker;
use crate::cert::KeyAlgorithm;
use crate::finding::{Finding, Rule, Setting, Severity};

pub(crate) static RULE: Rule = Rule {
    name: "certificate-weak-key",
    code: "CRT005",
    severity: Severity::Error,
    summary: "the signing key is RSA (or DSA) below 2048 bits",
    docs: docs!(
        "## What it does
Reports signatures made with an RSA or DSA key shorter than 2048 bits.

## Why is this bad?
1024-bit RSA is within reach of well-funded attackers and disallowed by NIST since 2013; Entra
refuses such keys (AADSTS50032 WeakRsaKey), and so do current service providers.

## Example
A 1024-bit test certificate left in a production IdP.

## How to fix
Issue a new 2048-bit (or larger) signing certificate and roll it over.

## References
- NIST SP 800-131A Rev. 2; Entra AADSTS50032
"
    ),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    let mut found = Vec::new();
    for s in cx.signatures.iter().filter(|s| s.verdict.intact()) {
        let Some(cert) = s
            .key
            .as_ref()
            .and_then(|k| k.certificate.as_ref())
            .or(s.embedded_certificate.as_ref())
        else {
            continue;
        };
        let weak = matches!(cert.key.algorithm, KeyAlgorithm::Rsa | KeyAlgorithm::Dsa)
            && cert.key.bits.is_some_and(|b| b < 2048);
        if weak {
            found.push(
                Finding::new(
                    &RULE,
                    format!(
                        "the signing key is {} (`{}`), below 2048 bits",
                        cert.key.describe(),
                        cert.subject
                    ),
                )
                .at(s
                    .structure
                    .key_info
                    .element
                    .map_or(s.span, |k| cx.doc.span(k)))
                .help(format!(
                    "issue a 2048-bit (or larger) signing certificate and roll it over: {}",
                    cx.words.rollover()
                ))
                .setting(Setting::IdpSigningCertificate),
            );
        }
    }
    for f in found {
        cx.report(f);
    }
}
