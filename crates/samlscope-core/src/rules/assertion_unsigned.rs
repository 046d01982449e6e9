//! `assertion-unsigned`: the Response is signed but the Assertion is not.

use super::Checker;
use crate::dsig::SignatureReport;
use crate::finding::{Finding, Rule, Setting, Severity};

pub(crate) static RULE: Rule = Rule {
    name: "assertion-unsigned",
    code: "SIG002",
    severity: Severity::Info,
    summary: "the Response is signed but the Assertion is not (many SPs require assertion signing)",
    docs: docs!("## What it does
Reports a Response that carries a signature over the whole Response while its Assertion has no
signature of its own (an encrypted Assertion is looked into once decrypted with the SP key).

## Why is this bad?
It is secure — the Response signature covers the Assertion — but many service providers insist
on a signed assertion (python3-saml `wantAssertionsSigned`, Shibboleth and most SaaS apps) and
reject the message with \"The Assertion of the Response is not signed and the SP require it\".

## Example
A Response from Entra with Signing Option \"Sign SAML response\".

## How to fix
In Entra: Single sign-on → SAML Certificates → Signing Option: \"Sign SAML assertion\" or \"Sign SAML
response and assertion\".

## References
- SAML 2.0 Profiles §4.1.3.5; SAML 2.0 Metadata §2.4.4 (WantAssertionsSigned)
"),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    let Some(response) = cx.message.response() else {
        return;
    };
    let Some(assertion) = cx.assertions().first() else {
        return;
    };
    // The Response's signature is among the message's; the Assertion's among those of its
    // tree (a decrypted assertion's own).
    let targets =
        |signatures: &[SignatureReport], n| signatures.iter().any(|s| s.target == Some(n));
    if targets(cx.message_signatures, response.header.element)
        && !targets(cx.signatures, assertion.element)
    {
        cx.report(
            Finding::new(&RULE, "the Response is signed, the Assertion is not")
                .at(assertion.start_tag)
                .help(format!(
                    "if the app wants signed assertions, make {} sign the assertion",
                    cx.words.place(Setting::SignedParts)
                ))
                .setting(Setting::SignedParts),
        );
    }
}
