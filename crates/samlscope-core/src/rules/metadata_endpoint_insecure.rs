//! `metadata-endpoint-insecure`: an endpoint uses http://.

use super::Checker;
use crate::finding::{Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    name: "metadata-endpoint-insecure",
    code: "MET003",
    severity: Severity::Warning,
    summary: "an endpoint uses http://",
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
