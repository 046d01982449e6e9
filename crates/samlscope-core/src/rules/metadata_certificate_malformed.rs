//! `metadata-certificate-malformed`: an X509Certificate holds PEM armour, junk or non-DER.

use super::Checker;
use crate::finding::{Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    name: "metadata-certificate-malformed",
    code: "MET004",
    severity: Severity::Error,
    summary: "an X509Certificate holds PEM armour, junk or non-DER",
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
