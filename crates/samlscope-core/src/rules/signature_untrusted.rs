//! `signature-untrusted`: verified only with the certificate inside the message.

use super::Checker;
use crate::dsig::Verdict;
use crate::finding::{Finding, Rule, Setting, Severity};

pub(crate) static RULE: Rule = Rule {
    name: "signature-untrusted",
    code: "SIG011",
    severity: Severity::Warning,
    summary: "no trust anchor was given: the signature was verified only against the certificate inside the message",
    docs: docs!(
        "## What it does
Reports signatures that verify with the certificate the message itself carries, when no
trusted certificate, thumbprint or metadata was given.

## Why is this bad?
Anyone can sign a message with their own key and put their own certificate in KeyInfo: this
proves the message is intact, not who sent it. A service provider must verify against the
identity provider's certificate it was configured with.

## Example
Any signed response inspected without `--idp-cert`, `--thumbprint` or `--idp-metadata`.

## How to fix
Give the trust anchor: the Thumbprint, Certificate (Base64) or Federation Metadata XML from
Entra's SAML Certificates section (CLI: `--thumbprint`, `--idp-cert`, `--idp-metadata`).

## References
- SAML 2.0 Metadata §2.4.1.1 (KeyDescriptor); XML Signature §4.5 (KeyInfo is a hint)
"
    ),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    let mut found = Vec::new();
    for s in cx
        .signatures
        .iter()
        .filter(|s| s.verdict == Verdict::ValidUntrusted)
    {
        let thumb = s
            .key
            .as_ref()
            .and_then(|k| k.certificate.as_ref())
            .map_or(String::new(), |c| format!(" (SHA-1 thumbprint {})", c.sha1));
        found.push(
            Finding::new(&RULE, format!("the signature verifies with the certificate inside the message{thumb}, which proves nothing by itself"))
                .at(s.structure.key_info.element.map_or(s.span, |k| cx.doc.span(k)))
                .help(format!("give the IdP's certificate: {}", cx.words.place(Setting::IdpSigningCertificate)))
                .setting(Setting::IdpSigningCertificate),
        );
    }
    if let Some(r) = cx.redirect
        && r.verdict == Verdict::Unsupported
        && cx.anchors.keys.is_empty()
    {
        found.push(
            Finding::new(&RULE, "the Redirect-binding signature was not verified: it carries no key, and no certificate was given")
                .help("give the signer's certificate or metadata (for an AuthnRequest, the app's: its SP metadata or signing certificate)"),
        );
    }
    for f in found {
        cx.report(f);
    }
}
