//! `decryption-failed`: the given key does not decrypt the EncryptedAssertion.

use crate::finding::{Finding, Rule, Setting, Severity};
use crate::idps::Words;
use crate::span::Span;
use crate::xmlenc::DecryptError;

pub(crate) static RULE: Rule = Rule {
    name: "decryption-failed",
    code: "ENC002",
    severity: Severity::Error,
    summary: "the given SP key does not decrypt the EncryptedAssertion; says which step failed",
    docs: docs!(
        "## What it does
Decrypts EncryptedAssertions with the SP key given and, when that fails, says which step did:
reading the key, finding the EncryptedKey, the key transport (RSA-OAEP / RSA 1.5: usually the
wrong key), the content decryption (AES-GCM tag, algorithm) or the padding.

## Why is this bad?
The service provider will fail the same way (python3-saml \"No KeyInfo present, invalid
Assertion\", samael \"Unsupported key encryption method\"), so sign-in fails.

## Example
The IdP encrypts for last year's SP certificate; the SP decrypts with its new key.

## How to fix
In Entra: Single sign-on → Token encryption: import the SP's current certificate (the public
part of the key the SP decrypts with) and activate it.

## References
- XML Encryption Syntax and Processing §4.2 (Decryption); SAML 2.0 Core §6
"
    ),
};

pub(crate) fn finding(error: &DecryptError, span: Option<Span>, words: Words) -> Finding {
    Finding::new(
        &RULE,
        format!(
            "decryption failed at the {} step: {}",
            error.step, error.message
        ),
    )
    .at_opt(span)
    .help(format!(
        "the IdP must encrypt for the certificate whose key the SP holds: {}",
        words.place(Setting::SpEncryptionCertificate)
    ))
    .setting(Setting::SpEncryptionCertificate)
}
