//! `in-response-to-mismatch`: InResponseTo is not the ID of the given AuthnRequest.

use super::Checker;
use crate::finding::{Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    name: "in-response-to-mismatch",
    code: "REQ001",
    severity: Severity::Error,
    summary: "InResponseTo is not the ID of the given AuthnRequest",
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
