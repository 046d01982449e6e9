//! `attribute-missing`: an attribute the user or the app profile requires is absent.

use super::Checker;
use crate::finding::{Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    name: "attribute-missing",
    code: "ATT002",
    severity: Severity::Error,
    summary: "an attribute the user or the app profile requires is absent",
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
