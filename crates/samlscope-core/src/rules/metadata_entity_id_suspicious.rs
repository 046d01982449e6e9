//! `metadata-entity-id-suspicious`: an entity ID has surrounding whitespace or nearly duplicates another.

use super::Checker;
use crate::finding::{Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    name: "metadata-entity-id-suspicious",
    code: "MET005",
    severity: Severity::Warning,
    summary: "an entity ID has surrounding whitespace or nearly duplicates another",
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
