//! `request-issuer-mismatch`: the AuthnRequest Issuer is not the configured Identifier (Entra: AADSTS700016).

use super::Checker;
use crate::finding::{Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    name: "request-issuer-mismatch",
    code: "REQ006",
    severity: Severity::Error,
    summary: "the AuthnRequest Issuer is not the configured Identifier (Entra: AADSTS700016)",
    docs: "## What it does
TODO

## Why is this bad?
TODO

## Example
TODO

## How to fix
TODO

## References
TODO
",
};

pub(crate) fn check(_cx: &mut Checker<'_>) {}
