//! `certificate-untrusted`: the signing key is not the configured one.

use super::Checker;
use crate::dsig::{AnchorSource, Verdict};
use crate::finding::{Finding, Origin, Rule, Setting, Severity};

pub(crate) static RULE: Rule = Rule {
    name: "certificate-untrusted",
    code: "CRT001",
    severity: Severity::Error,
    summary: "the signing key is not the configured one (thumbprint, pasted certificate, or any signing key of the IdP metadata)",
    docs: docs!(
        "## What it does
When trust anchors are given (thumbprints — SHA-1 or SHA-256, any case, with or without
separators —, certificates, or IdP metadata, where every signing key counts), reports a
signature that verifies only with the certificate inside the message, and shows that
certificate's thumbprint next to the configured ones.

## Why is this bad?
Either the identity provider rolled its certificate over and the SP still has the old one (the
most common SSO outage: Entra certificates last three years), or someone else signed the
message. The SP rejects it (ruby-saml \"Fingerprint mismatch\", CJ \"cannot validate signature\").

## Example
Configured thumbprint `3A9B…`, the message signed by a certificate with thumbprint `80AC…`.

## How to fix
If the new certificate is the IdP's (check Entra → SAML Certificates: the active certificate's
Thumbprint), give it to the app: update the thumbprint or upload the new Certificate (Base64),
or let the app re-read the Federation Metadata XML. Otherwise, treat the message as forged.

## References
- SAML 2.0 Metadata §2.4.1.1; Entra: \"Manage certificates for federated single sign-on\"
"
    ),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    let mut found = Vec::new();
    for s in cx
        .signatures
        .iter()
        .filter(|s| s.verdict == Verdict::Untrusted)
    {
        let cert = s.key.as_ref().and_then(|k| k.certificate.as_ref());
        let signer = cert.map_or("a key that is not a configured one".to_owned(), |c| {
            format!(
                "`{}` (SHA-1 thumbprint {}, SHA-256 {})",
                c.subject, c.sha1, c.sha256
            )
        });
        let mut configured: Vec<String> = cx.anchors.thumbprints.clone();
        configured.extend(
            cx.anchors
                .keys
                .iter()
                .filter_map(|k| k.certificate.as_ref().map(|c| c.sha1.clone())),
        );
        let expected = (!configured.is_empty()).then(|| configured.join(", "));
        let configured = expected.as_deref().unwrap_or("none readable");
        // The signature holds with the certificate the message carries: most often the IdP
        // rolled its certificate over and the app still trusts the old one. Said first, with
        // the other reading.
        let message = match cert {
            Some(_) => format!(
                "the IdP now signs with a new certificate: {signer}, not a configured one (configured: {configured}); if the IdP's certificate was not changed, the message is forged"
            ),
            None => format!(
                "signed by {signer}, which is not a configured signing certificate (configured: {configured})"
            ),
        };
        let help = match (
            cx.expect.profile,
            cx.words.aside(Setting::IdpSigningCertificate),
        ) {
            (Some(p), aside) => format!(
                "if this is the IdP's new certificate{}, {} gets it as {}: {} Otherwise the message is forged.",
                aside.map_or(String::new(), |a| format!(" ({a})")),
                p.title,
                p.certificate.kind,
                p.certificate.wording
            ),
            (None, aside) => format!(
                "if this is the IdP's new certificate{}, update the certificate the app trusts (or let it re-read the IdP's metadata); otherwise the message is forged. {}",
                aside.map_or(String::new(), |a| format!(" ({a})")),
                cx.words.rollover()
            ),
        };
        let origin = if cx
            .anchors
            .keys
            .iter()
            .any(|k| k.source == AnchorSource::IdpMetadata)
        {
            Origin::IdpMetadata
        } else {
            Origin::Flag
        };
        found.push(
            Finding::new(&RULE, message)
                .at(s
                    .structure
                    .key_info
                    .element
                    .map_or(s.span, |k| cx.doc.span(k)))
                .help(help)
                .setting(Setting::IdpSigningCertificate)
                .evidence(
                    expected.map(|e| (e, origin)),
                    cert.map(|c| {
                        (
                            c.sha1.as_str(),
                            s.structure.key_info.element.map(|k| cx.doc.span(k)),
                        )
                    }),
                ),
        );
    }
    for f in found {
        cx.report(f);
    }
}
