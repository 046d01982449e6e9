//! `signature-value-invalid`: digests match but the SignatureValue does not verify.

use super::Checker;
use crate::dsig::{Failure, KeySource};
use crate::finding::{Finding, Rule, Setting, Severity};

pub(crate) static RULE: Rule = Rule {
    name: "signature-value-invalid",
    code: "SIG004",
    severity: Severity::Error,
    summary: "the digests match but the SignatureValue does not verify with the key",
    docs: docs!(
        "## What it does
Checks the SignatureValue over the canonical SignedInfo with every candidate key: the trusted
ones, then the one in KeyInfo. Reports when none verifies although the referenced content is
intact.

## Why is this bad?
SignedInfo (the algorithms and digests) was changed, the SignatureValue was damaged, or it was
made with a different key than any given. Service providers reject it (ruby-saml \"Invalid
Signature on SAML Response\", node-saml \"Invalid signature\").

## Example
A SignatureValue with one character changed by a copy-and-paste error.

## How to fix
Copy the message again. If it persists, the identity provider signs with a key you do not have:
download its current certificate (Entra: SAML Certificates → Certificate (Base64)).

## References
- XML Signature §3.2.2 Signature Validation
"
    ),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    let mut found = Vec::new();
    for s in cx.signatures {
        let Some(Failure::SignatureValue(why)) = &s.failure else {
            continue;
        };
        let span = s.structure.signature_value.as_ref().map(|v| v.span);
        // Checked with a trusted key because the message names none of its own: every digest
        // held, so the likeliest cause is a new signing key at the IdP, not a changed message.
        let trusted_only = s.embedded_certificate.is_none()
            && !why.contains("not base64")
            && !cx.anchors.keys.is_empty()
            && s.key
                .as_ref()
                .is_none_or(|k| k.source == KeySource::Trusted);
        let message = if trusted_only {
            format!(
                "the SignatureValue does not verify with the trusted certificate ({why}), though every digest matches and the message carries no certificate of its own: the IdP most likely signs with another key now (a certificate rollover)"
            )
        } else {
            format!("the SignatureValue does not verify: {why}")
        };
        found.push(
            Finding::new(&RULE, message)
                .at_opt(span)
                .help(format!("copy the message again; if it persists, the IdP signs with a key you do not have: {}", cx.words.place(Setting::IdpSigningCertificate)))
                .setting(Setting::IdpSigningCertificate),
        );
    }
    if let Some(r) = cx.redirect
        && r.verdict == crate::dsig::Verdict::Invalid
    {
        found.push(
            Finding::new(&RULE, format!("the Redirect-binding Signature does not verify: {}", r.failure.as_deref().unwrap_or("")))
                .help("the signature covers the exact query bytes `SAMLRequest=…&RelayState=…&SigAlg=…` as sent: a proxy that re-encoded the URL, a changed RelayState, or a different signing key breaks it"),
        );
    }
    for f in found {
        cx.report(f);
    }
}
