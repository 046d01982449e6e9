//! `conditions-count`: more than one Conditions, or AuthnStatement count is not 1 where required.

use super::Checker;
use crate::finding::{Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    name: "conditions-count",
    code: "MSG008",
    severity: Severity::Error,
    summary: "more than one Conditions, or AuthnStatement count is not 1 where required",
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
