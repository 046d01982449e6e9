//! `signature-missing`: no signature covers the Assertion or the Response (or a federation's
//! metadata aggregate).

use super::Checker;
use crate::dsig::SignatureReport;
use crate::finding::{Finding, Rule, Setting, Severity};

pub(crate) static RULE: Rule = Rule {
    name: "signature-missing",
    code: "SIG001",
    severity: Severity::Error,
    summary: "no signature covers the Assertion or the Response",
    docs: docs!(
        "## What it does
Reports a Response whose assertion is readable (not encrypted, or decrypted with the SP key) and
that carries no XML signature referencing either the Response or that Assertion. Also, as a warning, a metadata aggregate
(`EntitiesDescriptor`) without a signature of its own: a federation's metadata is only trusted
once its signature verifies with the federation's key, and consumers configured to check it
refuse an unsigned one (Shibboleth SP's `MetadataFilter type=\"Signature\"`, SimpleSAMLphp's
metarefresh with `certificates`, pysaml2's `MetaDataExtern` with a cert).

## Why is this bad?
Without a signature anyone can forge the response: every service provider must reject it
(python3-saml: \"No Signature found. SAML Response rejected\"; Shibboleth: \"The incoming
assertion was unsigned, violating local security policy.\").

## Example
```xml
<samlp:Response ID=\"_r\" …><saml:Issuer>…</saml:Issuer><samlp:Status>…</samlp:Status>
  <saml:Assertion ID=\"_a\" …>  <!-- no ds:Signature anywhere -->
```

## How to fix
In Entra: Single sign-on → SAML Certificates → Signing Option: \"Sign SAML assertion\" (the
default) or \"Sign SAML response and assertion\". If the message was captured after a proxy or
test tool, capture it from the browser instead: the signature may have been stripped.

## References
- SAML 2.0 Profiles §4.1.3.5 (the assertion MUST be signed when POSTed), §4.1.4.2
- XML Signature Syntax and Processing (Second Edition)
"
    ),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    if let crate::model::Message::EntitiesDescriptor(group) = cx.message {
        if group.signatures.is_empty() {
            cx.report(
                Finding::new(
                    &RULE,
                    format!(
                        "this metadata aggregate of {} is not signed: nothing proves it comes from its federation",
                        match group.entities.len() {
                            1 => "1 entity".to_owned(),
                            n => format!("{n} entities"),
                        }
                    ),
                )
                .severity(Severity::Warning)
                .at_opt(cx.doc.element(group.element).map(|e| e.start_tag()))
                .help("download the aggregate from the federation's signed URL and verify it with the federation's signing certificate (give it as the trusted certificate); consumers that check metadata signatures refuse an unsigned aggregate"),
            );
        }
        return;
    }
    let Some(response) = cx.message.response() else {
        return;
    };
    let Some(assertion) = cx.assertions().first() else {
        return;
    };
    // A signature of (or in) the Response, among the message's; of (or in) the Assertion,
    // among those of its tree (a decrypted assertion's own).
    let on = |signatures: &[SignatureReport], element| {
        signatures
            .iter()
            .any(|s| s.target == Some(element) || s.parent == Some(element))
    };
    if on(cx.message_signatures, response.header.element) || on(cx.signatures, assertion.element) {
        return;
    }
    let help = if cx.decrypted.is_some() {
        "encryption hides the assertion but does not authenticate it: the IdP must sign the assertion or the response".to_owned()
    } else {
        format!(
            "make the IdP sign the assertion or the response: {}; a signature stripped on the way is an attack",
            cx.words.place(Setting::SignedParts)
        )
    };
    cx.report(
        Finding::new(&RULE, "neither the Response nor its Assertion is signed")
            .at(assertion.start_tag)
            .help(help)
            .setting(Setting::SignedParts),
    );
}
