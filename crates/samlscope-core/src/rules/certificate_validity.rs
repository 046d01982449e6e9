//! The signing certificate's validity: `certificate-expired` (at the message's IssueInstant or
//! now), `certificate-not-yet-valid` (at the IssueInstant) and `certificate-expiring` (within
//! 30 days of now).

use super::Checker;
use crate::cert::{CertificateInfo, Validity};
use crate::dsig::SignatureReport;
use crate::finding::{Finding, Rule, Setting, Severity};
use crate::time::{Timestamp, duration_words};
use crate::xml::ns;

pub(crate) static EXPIRED: Rule = Rule {
    name: "certificate-expired",
    code: "CRT002",
    severity: Severity::Warning,
    summary: "the signing certificate was expired at the message's IssueInstant, or is expired now",
    docs: docs!(
        "## What it does
Compares the signing certificate's validity with the IssueInstant of the signed element, and
with the time of inspection: a certificate that was valid when the message was issued but has
expired since is reported too (the identity provider may still be signing with it).

## Why is this bad?
Entra keeps signing with an expired certificate until you switch; many service providers then
reject the message (ruby-saml with `check_idp_cert_expiration`, ADFS-based apps, Okta), others
accept it silently until they don't.

## Example
A certificate valid until 2024-03-01 signing a response issued 2024-03-15.

## How to fix
Entra: Single sign-on → SAML Certificates → Edit → New Certificate, make it active, and give
the new certificate (or thumbprint) to the app.

## References
- RFC 5280 §4.1.2.5 (Validity); Entra: \"Manage certificates for federated single sign-on\"
"
    ),
};

pub(crate) static NOT_YET_VALID: Rule = Rule {
    name: "certificate-not-yet-valid",
    code: "CRT003",
    severity: Severity::Warning,
    summary: "the signing certificate was not yet valid at the message's IssueInstant",
    docs: docs!(
        "## What it does
Reports a signing certificate whose notBefore is after the IssueInstant of the signed element.

## Why is this bad?
Either the identity provider's clock is wrong, or the certificate was made (or back-dated
message forged) oddly; strict service providers reject it.

## Example
A certificate valid from 2026-12-01 signing a response issued 2026-11-23.

## How to fix
Check the identity provider's clock and the certificate it is configured with.

## References
- RFC 5280 §4.1.2.5 (Validity)
"
    ),
};

pub(crate) static EXPIRING: Rule = Rule {
    name: "certificate-expiring",
    code: "CRT004",
    severity: Severity::Info,
    summary: "the signing certificate expires within 30 days of now",
    docs: docs!(
        "## What it does
Reports a signing certificate that expires within 30 days of the time of inspection (one that
has already expired is `certificate-expired`).

## Why is this bad?
When it expires, sign-in breaks for every app that pinned it unless the new certificate is
rolled out first. Entra mails reminders at 60, 30 and 7 days; they are easy to miss.

## Example
A certificate valid until next week.

## How to fix
Entra: SAML Certificates → New Certificate now; give it to the app (thumbprint, Certificate
(Base64) or metadata), then make it active.

## References
- Entra: \"Manage certificates for federated single sign-on\"
"
    ),
};

/// The instant the signed element says it was issued.
fn issued_at(cx: &Checker<'_>, s: &SignatureReport) -> Option<Timestamp> {
    let e = cx.doc.element(s.target?)?;
    let at = e.attr("IssueInstant").and_then(Timestamp::parse);
    at.or_else(|| {
        (e.is(ns::MD, "EntityDescriptor") || e.is(ns::MD, "EntitiesDescriptor"))
            .then_some(cx.ctx.now)
    })
}

fn signer(s: &SignatureReport) -> Option<&CertificateInfo> {
    s.key
        .as_ref()
        .and_then(|k| k.certificate.as_ref())
        .or(s.embedded_certificate.as_ref())
}

/// `certificate-expired`.
pub(crate) fn check_expired(cx: &mut Checker<'_>) {
    report_of(cx, &EXPIRED);
}

/// `certificate-not-yet-valid`.
pub(crate) fn check_not_yet_valid(cx: &mut Checker<'_>) {
    report_of(cx, &NOT_YET_VALID);
}

/// `certificate-expiring`.
pub(crate) fn check_expiring(cx: &mut Checker<'_>) {
    report_of(cx, &EXPIRING);
}

/// Reports the findings of `rule`, one of the three this file defines.
fn report_of(cx: &mut Checker<'_>, rule: &'static Rule) {
    for f in findings(cx) {
        if f.rule.name == rule.name {
            cx.report(f);
        }
    }
}

/// The validity of each signing certificate, judged once for the three rules.
fn findings(cx: &Checker<'_>) -> Vec<Finding> {
    let mut found = Vec::new();
    let now = cx.ctx.now;
    for s in cx.signatures.iter().filter(|s| s.verdict.intact()) {
        let Some(cert) = signer(s) else { continue };
        let span = s
            .structure
            .key_info
            .element
            .map_or(s.span, |k| cx.doc.span(k));
        let name = format!("`{}` (SHA-1 {})", cert.subject, cert.sha1);
        let issued = issued_at(cx, s);
        match issued.map(|at| cert.validity_at(at)) {
            Some(Validity::Expired) => found.push(
                Finding::new(
                    &EXPIRED,
                    format!(
                        "the signing certificate {name} expired on {}, {} before the message was issued ({})",
                        cert.not_after,
                        duration_words(issued.map_or(0, |i| i.seconds_since(cert.not_after))),
                        issued.map_or(String::new(), |i| i.to_string())
                    ),
                )
                .at(span)
                .help(cx.words.rollover()).setting(Setting::IdpSigningCertificate),
            ),
            Some(Validity::NotYetValid) => found.push(
                Finding::new(
                    &NOT_YET_VALID,
                    format!(
                        "the signing certificate {name} is valid only from {}, after the message was issued ({})",
                        cert.not_before,
                        issued.map_or(String::new(), |i| i.to_string())
                    ),
                )
                .at(span)
                .help("check the identity provider's clock and which certificate it signs with"),
            ),
            _ => {
                let left = cert.not_after.seconds_since(now);
                if left < 0 {
                    // Valid when the message was issued, expired since: the identity provider
                    // still signs with it, and what it signs now is rejected by the service
                    // providers that check (ruby-saml, AD FS-based apps, Okta).
                    let issued = issued.map_or_else(String::new, |i| {
                        format!(" (it was still valid when this message was issued, {i})")
                    });
                    found.push(
                        Finding::new(
                            &EXPIRED,
                            format!(
                                "the signing certificate {name} expired on {}, {} before the time of inspection{issued}",
                                cert.not_after,
                                duration_words(-left)
                            ),
                        )
                        .at(span)
                        .help(cx.words.rollover()).setting(Setting::IdpSigningCertificate),
                    );
                } else if left < crate::cert::EXPIRING_WITHIN_SECONDS {
                    found.push(
                        Finding::new(
                            &EXPIRING,
                            format!(
                                "the signing certificate {name} expires in {} ({})",
                                duration_words(left),
                                cert.not_after
                            ),
                        )
                        .at(span)
                        .help(cx.words.rollover()).setting(Setting::IdpSigningCertificate),
                    );
                }
            }
        }
    }
    found
}
