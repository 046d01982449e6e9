//! `id-duplicate`: two elements share an ID value.

use std::collections::HashMap;

use super::Checker;
use crate::finding::{Finding, Rule, Severity};
use crate::span::LineIndex;

pub(crate) static RULE: Rule = Rule {
    name: "id-duplicate",
    code: "MSG004",
    severity: Severity::Error,
    summary: "two elements share an ID value",
    docs: docs!(
        "## What it does
Collects the `ID` (and `Id`, `AssertionID`) attributes of every element and reports values that
appear more than once.

## Why is this bad?
A signature references its element by ID. With two elements sharing one ID, the verifier may
check one while the application reads the other: the core of signature-wrapping attacks
(ruby-saml: \"Duplicated ID. SAML Response rejected\"; CVE-2024-45409 family).

## Example
```xml
<saml:Assertion ID=\"_a\">…evil…</saml:Assertion>
<saml:Assertion ID=\"_a\">…signed…</saml:Assertion>
```

## How to fix
Reject the message. Identity providers generate unique IDs; duplicates mean tampering.

## References
- XML Schema xs:ID uniqueness; SAML 2.0 Core §1.3.4
- Somorovsky et al., \"On Breaking SAML: Be Whoever You Want to Be\" (USENIX Security 2012)
"
    ),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    let doc = cx.doc;
    let mut seen: HashMap<&str, (&str, crate::span::Span)> = HashMap::new();
    let mut lines: Option<LineIndex> = None;
    let mut reported = 0;
    for e in doc.descendant_elements(doc.document_node()) {
        for attr in e.attributes() {
            if attr.prefix().is_empty() && matches!(attr.local_name(), "ID" | "Id" | "AssertionID")
            {
                let value = attr.value().trim();
                if value.is_empty() {
                    continue;
                }
                if let Some(&(first_name, first_span)) = seen.get(value) {
                    let lines = lines.get_or_insert_with(|| LineIndex::new(doc.text()));
                    let first_line = lines.line_column(doc.text(), first_span.start).line;
                    cx.report(
                        Finding::new(
                            &RULE,
                            format!(
                                "ID `{value}` is used twice: on `{}` here and on `{first_name}` (line {first_line})",
                                e.qname()
                            ),
                        )
                        .at(attr.value_span())
                        .label(first_span, "first use")
                        .help("IDs must be unique: duplicates let a signature cover one element while the SP reads another (signature wrapping); reject the message"),
                    );
                    reported += 1;
                    if reported >= 20 {
                        return;
                    }
                } else {
                    seen.insert(value, (e.qname(), attr.value_span()));
                }
            }
        }
    }
}
