//! `name-id-format-mismatch`: the NameID Format differs from the requested NameIDPolicy Format.

use super::Checker;
use crate::finding::{Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    name: "name-id-format-mismatch",
    code: "REQ004",
    severity: Severity::Warning,
    summary: "the NameID Format differs from the requested NameIDPolicy Format",
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
