//! `input-empty`: nothing but whitespace was given.

use crate::finding::{Finding, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    name: "input-empty",
    code: "INP001",
    severity: Severity::Error,
    summary: "nothing but whitespace was given",
    docs: docs!(
        "## What it does
Reports an input that is empty or only whitespace.

## Why is this bad?
There is nothing to inspect. Copying from a browser's network tab sometimes copies the
parameter name without its value.

## Example
An empty paste, or a file of blank lines.

## How to fix
Paste the SAMLResponse or SAMLRequest value (network tab → the POST to the Reply URL → Payload),
a full Redirect URL, metadata XML, or a certificate.

## References
- SAML 2.0 Bindings §3.4 (HTTP-Redirect) and §3.5 (HTTP-POST)
"
    ),
};

pub(crate) fn finding() -> Finding {
    Finding::new(&RULE, "the input is empty").help(
        "paste a SAMLResponse or SAMLRequest value, a Redirect URL, metadata XML or a certificate",
    )
}
