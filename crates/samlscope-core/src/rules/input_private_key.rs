//! `input-private-key`: the input is (or holds) a private key. It is described, never shared.

use crate::cert::PrivateKeyInfo;
use crate::finding::{Finding, Rule, Severity};
use crate::span::Span;

pub(crate) static RULE: Rule = Rule {
    name: "input-private-key",
    code: "INP004",
    severity: Severity::Info,
    summary: "the input is a private key: it is only described, never sent, stored or shared",
    docs: docs!(
        "## What it does
Says that what was pasted (or a PEM block of it) is a private key, what kind, or a PKCS#12
(`.pfx`, `.p12`) bundle, which holds one; and that it stays where it is: samlscope never sends, stores or shares it. The page turns Share off for such an
input (no redacted copy, no share link, not even an unredacted one), and a redacted copy of
anything that holds a private key block masks the whole block, on one line or many.

## Why is this bad?
Whoever has an identity provider's signing key can sign in as anyone to every app that trusts
it; whoever has a service provider's decryption key can read its users' assertions. A key that
travelled by e-mail, chat or a ticket should be treated as exposed.

## Example
`-----BEGIN PRIVATE KEY-----` pasted where the certificate (`-----BEGIN CERTIFICATE-----`) was
meant, or a `.pfx` export converted to PEM with both parts.

## How to fix
To check signatures, give the certificate (the public part): Entra's Certificate (Base64)
download, or the federation metadata. A private key is only needed to decrypt
EncryptedAssertions, which the command-line tool does locally (`samlscope inspect --sp-key
sp.key`). If the key was sent to you, have it replaced (Entra: SAML Certificates → New
Certificate; for an SP key, the app's own settings).

## References
- RFC 5208 (PKCS#8), RFC 8017 (PKCS#1), RFC 5915 (SEC1 EC keys), RFC 7292 (PKCS#12)
"
    ),
};

pub(crate) fn finding(key: &PrivateKeyInfo, span: Option<Span>) -> Finding {
    Finding::new(
        &RULE,
        format!(
            "this is a private key ({}): samlscope only says what kind it is; nothing sends or stores it, and no redacted copy or share link carries it",
            key.describe()
        ),
    )
    .at_opt(span)
    .help(
        "to check signatures give the certificate (public part) instead; a private key only \
         decrypts, which the command-line tool does locally. If \
         it was sent to you, treat it as exposed and have it replaced",
    )
}

/// A PKCS#12 (`.pfx`, `.p12`) bundle: samlscope does not open it, but it holds a private key.
pub(crate) fn bundle() -> Finding {
    Finding::new(
        &RULE,
        "this is a PKCS#12 (.pfx/.p12) bundle, which holds a private key as well as certificates: \
         samlscope does not open it; nothing sends or stores it, and no redacted copy or share \
         link carries it",
    )
    .help(
        "to check signatures give the certificate alone: export it with `openssl pkcs12 -in \
         FILE.pfx -nokeys -clcerts` (or Entra's Certificate (Base64) download). If the bundle \
         was sent to you, treat its key as exposed and have it replaced",
    )
}
