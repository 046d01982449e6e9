//! `metadata-expired`: the metadata's validUntil has passed.

use super::Checker;
use crate::finding::{Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    name: "metadata-expired",
    code: "MET001",
    severity: Severity::Warning,
    summary: "the metadata's validUntil has passed",
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
