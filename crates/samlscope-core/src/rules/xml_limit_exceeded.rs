//! `xml-limit-exceeded`: the XML nests too deep or has too many nodes.

use crate::finding::{Finding, Rule, Severity};
use crate::xml::XmlError;

pub(crate) static RULE: Rule = Rule {
    name: "xml-limit-exceeded",
    code: "XML004",
    severity: Severity::Error,
    summary: "the XML nests deeper than 256 levels, has more than 4 million nodes, or a value over 16 MB",
    docs: docs!(
        "## What it does
Stops parsing when elements nest deeper than 256 levels, the tree would exceed 4 million
nodes, or a single attribute value or text node is longer than 16 MB.

## Why is this bad?
SAML messages nest about 10 levels deep, and even metadata aggregates of 50 MB stay far below the
node bound. Deeper or larger trees are denial-of-service payloads.

## Example
200,000 nested `<a>` elements.

## How to fix
Check what was pasted; a service provider should reject such input too.

## References
- CWE-776: Improper Restriction of Recursive Entity References / resource exhaustion
"
    ),
};

pub(crate) fn finding(error: &XmlError) -> Finding {
    Finding::new(&RULE, error.message.clone())
        .at(error.span)
        .help("no genuine SAML message or metadata is this deep or this large")
}
