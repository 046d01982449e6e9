//! `metadata-no-signing-key`: an IdP role has no signing KeyDescriptor.

use super::Checker;
use crate::finding::{Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    name: "metadata-no-signing-key",
    code: "MET002",
    severity: Severity::Error,
    summary: "an IdP role has no signing KeyDescriptor",
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
