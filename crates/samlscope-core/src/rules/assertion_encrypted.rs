//! `assertion-encrypted`: an EncryptedAssertion is present and no SP key was given.

use super::Checker;
use crate::finding::{Finding, Rule, Severity};
use crate::span::Span;

pub(crate) static RULE: Rule = Rule {
    name: "assertion-encrypted",
    code: "ENC001",
    severity: Severity::Info,
    summary: "an EncryptedAssertion is present and no SP key was given",
    docs: docs!(
        "## What it does
Notes that the assertion is encrypted for the service provider and no SP private key was given,
so its subject, attributes, conditions and any signature inside it cannot be checked.

## Why is this bad?
It is not: encryption protects the claims in transit (Entra: Token encryption). But the checks
that read the assertion cannot run until it is decrypted.

## Example
```xml
<saml:EncryptedAssertion><xenc:EncryptedData …>…</xenc:EncryptedData></saml:EncryptedAssertion>
```

## How to fix
Give the SP's private key (CLI `--sp-key FILE`); it is used in memory only and never leaves the
machine. Use a test key or a copy of the SP's, never a production key on a shared computer.

## References
- SAML 2.0 Core §2.3.4 (EncryptedAssertion); XML Encryption Syntax and Processing
"
    ),
};

/// An EncryptedAssertion in a Response without plain assertion, and no SP key to decrypt it.
pub(crate) fn check(cx: &mut Checker<'_>) {
    let Some(response) = cx.message.response() else {
        return;
    };
    if cx.ctx.sp_key.is_some() || !response.assertions.is_empty() {
        return;
    }
    if let Some(first) = response.encrypted_assertions.first() {
        cx.report(finding(first.span));
    }
}

fn finding(span: Span) -> Finding {
    Finding::new(&RULE, "the assertion is encrypted for the service provider; give the SP key to check what it says")
        .at(span)
        .help("decrypt it with the SP's private key, which the command-line tool does locally and in memory only: the subject, attributes and any signature inside are then checked")
}
