//! `encryption-algorithm-weak`: rsa-1_5 key transport or CBC content encryption.

use super::Checker;
use crate::finding::{Finding, Rule, Severity};
use crate::xmlenc;

pub(crate) static RULE: Rule = Rule {
    name: "encryption-algorithm-weak",
    code: "ENC003",
    severity: Severity::Warning,
    summary: "rsa-1_5 key transport or CBC content encryption",
    docs: docs!(
        "## What it does
Reports EncryptedAssertions whose key transport is RSA PKCS#1 v1.5 or whose content is
encrypted with a CBC mode (aes*-cbc, tripledes-cbc).

## Why is this bad?
Both are open to practical attacks against XML Encryption (Jager & Somorovsky, \"How to Break
XML Encryption\", 2011; Bleichenbacher on RSA 1.5): an attacker who can submit messages to the
SP can learn the plaintext. AES-GCM and RSA-OAEP are not affected.

## Example
```xml
<xenc:EncryptionMethod Algorithm=\"http://www.w3.org/2001/04/xmlenc#aes256-cbc\"/>
```

## How to fix
Configure the IdP for AES-GCM (`http://www.w3.org/2009/xmlenc11#aes256-gcm`) and RSA-OAEP.

## References
- Jager & Somorovsky, CCS 2011; XML Encryption 1.1 §5.2 (AES-GCM)
"
    ),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    let Some(response) = cx.message.response() else {
        return;
    };
    let mut found = Vec::new();
    for e in &response.encrypted_assertions {
        for alg in [e.data_algorithm.as_ref(), e.key_algorithm.as_ref()]
            .into_iter()
            .flatten()
        {
            if xmlenc::is_weak(&alg.value) {
                found.push(
                    Finding::new(&RULE, format!("the assertion is encrypted with `{}`, which is open to known attacks", alg.value.trim()))
                        .at(alg.span)
                        .help("configure the IdP for AES-GCM content encryption and RSA-OAEP key transport"),
                );
            }
        }
    }
    for f in found {
        cx.report(f);
    }
}
