//! `acs-not-registered`: the AuthnRequest's AssertionConsumerServiceURL is not a registered Reply URL (Entra: AADSTS50011).

use super::Checker;
use crate::finding::{Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    name: "acs-not-registered",
    code: "REQ005",
    severity: Severity::Error,
    summary: "the AuthnRequest's AssertionConsumerServiceURL is not a registered Reply URL (Entra: AADSTS50011)",
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
