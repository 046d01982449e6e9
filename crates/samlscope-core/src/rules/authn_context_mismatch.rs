//! `authn-context-mismatch`: the AuthnContextClassRef does not satisfy the RequestedAuthnContext.

use super::Checker;
use crate::finding::{Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    name: "authn-context-mismatch",
    code: "REQ003",
    severity: Severity::Warning,
    summary: "the AuthnContextClassRef does not satisfy the RequestedAuthnContext",
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
