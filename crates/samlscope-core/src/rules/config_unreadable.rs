//! `config-unreadable`: part of the configuration given (a thumbprint, certificate or metadata)
//! cannot be used.

use crate::finding::{Finding, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    name: "config-unreadable",
    code: "CFG001",
    severity: Severity::Error,
    summary: "a configured thumbprint, certificate or metadata cannot be read, so it is not used",
    docs: docs!(
        "## What it does
Reports configuration that samlscope could not use: a thumbprint that is not 40 or 64 hex
digits, a certificate that does not parse, metadata that is not XML or has no signing
certificate.

## Why is this bad?
A trust anchor that cannot be read trusts nothing: signatures would be reported against the
rest of the configuration only.

## Example
`--thumbprint 3A9B…` copied with an ellipsis; metadata saved as an HTML error page.

## How to fix
Copy the value again from its source (Entra: SAML Certificates → Thumbprint, Certificate
(Base64) download, or the App Federation Metadata Url).

## References
- SAML 2.0 Metadata §2.4.1.1 (KeyDescriptor)
"
    ),
};

pub(crate) fn finding(problem: &str) -> Finding {
    Finding::new(&RULE, problem.to_owned())
        .help("copy the value again from where the IdP shows it (its signing certificate, thumbprint or metadata URL)")
}
