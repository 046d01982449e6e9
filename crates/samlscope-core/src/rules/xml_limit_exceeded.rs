//! `xml-limit-exceeded`: the XML nests too deep, has too many nodes, attributes or namespace
//! names, or a name or value too long.

use crate::finding::{Finding, Rule, Severity};
use crate::xml::XmlError;

pub(crate) static RULE: Rule = Rule {
    name: "xml-limit-exceeded",
    code: "XML004",
    severity: Severity::Error,
    summary: "the XML nests deeper than 256 levels, has more than 4 million nodes, 1,000 attributes on one element or 10,000 namespace names, a name over 1,000 bytes or a value over 16 MB",
    docs: docs!(
        "## What it does
Stops parsing when elements nest deeper than 256 levels, the tree would exceed 4 million
nodes, one element carries more than 1,000 attributes (namespace declarations included), the
document uses more than 10,000 distinct namespace names, an element or attribute name is longer
than 1,000 bytes, or a single attribute value or text node is longer than 16 MB.

## Why is this bad?
SAML messages nest about 10 levels deep, their elements carry a few attributes with short
names, and even metadata aggregates of 50 MB stay far below the node bound and use a few dozen
namespaces. Deeper or larger trees, and elements with 200,000 attributes, are denial-of-service
payloads (many parsers check attributes for duplicates in quadratic time).

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
