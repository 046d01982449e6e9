//! `attribute-duplicate`: two Attribute elements have the same Name.

use super::Checker;
use crate::finding::{Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    name: "attribute-duplicate",
    code: "ATT001",
    severity: Severity::Warning,
    summary: "two Attribute elements have the same Name",
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
