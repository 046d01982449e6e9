//! `unsolicited-response`: the Response answers no request (IdP-initiated sign-on).

use super::Checker;
use crate::finding::{Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    name: "unsolicited-response",
    code: "REQ002",
    severity: Severity::Info,
    summary: "the Response answers no request (IdP-initiated sign-on)",
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
