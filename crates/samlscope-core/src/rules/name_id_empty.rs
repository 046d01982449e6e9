//! `name-id-empty`: the NameID is empty.

use super::Checker;
use crate::finding::{Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    name: "name-id-empty",
    code: "SUB002",
    severity: Severity::Error,
    summary: "the NameID is empty",
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
