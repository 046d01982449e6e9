//! `name-id-missing`: no NameID (and no EncryptedID) in the Subject.

use super::Checker;
use crate::finding::{Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    name: "name-id-missing",
    code: "SUB001",
    severity: Severity::Error,
    summary: "no NameID (and no EncryptedID) in the Subject",
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
