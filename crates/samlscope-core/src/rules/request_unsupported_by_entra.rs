//! `request-unsupported-by-entra`: the AuthnRequest uses a feature Entra rejects (AADSTS900236, AADSTS75016).

use super::Checker;
use crate::finding::{Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    name: "request-unsupported-by-entra",
    code: "REQ007",
    severity: Severity::Warning,
    summary: "the AuthnRequest uses a feature Entra rejects (AADSTS900236, AADSTS75016)",
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
