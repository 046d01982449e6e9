//! `input-redacted`: the input is a redacted copy (samlscope's placeholders stand where values
//! were), so its signatures cannot be checked and its masked values say nothing.

use super::Checker;
use crate::finding::{Finding, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    name: "input-redacted",
    code: "INP005",
    severity: Severity::Info,
    summary: "a redacted copy: masked values are placeholders, and its signatures cannot be checked",
    docs: docs!(
        "## What it does
Recognises a copy made with samlscope's Share → Copy redacted (or a share link): values such as
the NameID, attribute values, e-mail addresses or SignatureValues were replaced by numbered
placeholders (`[redacted-name-id-1]`, `user1@redacted.example`). Every signature whose
SignatureValue, DigestValue or signed content was masked is reported as not checkable
(verdict `unsupported`), never as invalid.

## Why is this bad?
It is not: masking is what makes a message safe to share. But a redacted copy cannot prove
anything about the original's signatures, and its placeholders are not the values the service
provider saw.

## Example
A share link opened by a colleague: the NameID reads `user1@redacted.example`.

## How to fix
Nothing to fix in the copy. To check the signatures, inspect the original message (the sender
can do it on their own machine; nothing leaves the page).

## References
- samlscope's redaction (README: Share without leaking)
"
    ),
};

/// A document whose values are redaction placeholders.
pub(crate) fn check(cx: &mut Checker<'_>) {
    let placeholders = crate::placeholder::count_placeholders(cx.doc.text());
    if placeholders > 0 {
        cx.report(finding(placeholders));
    }
}

fn finding(placeholders: usize) -> Finding {
    let values = if placeholders == 1 {
        "1 value is a placeholder".to_owned()
    } else {
        format!("{placeholders} values are placeholders")
    };
    Finding::new(
        &RULE,
        format!(
            "this is a redacted copy: {values} (`[redacted-…]`, `user1@redacted.example`), so its signatures cannot be checked"
        ),
    )
    .help("to check the signatures, inspect the original message; masked values are not the ones the service provider saw")
}
