//! The placeholders a redacted copy carries (`[redacted-name-id-1]`, `user1@redacted.example`),
//! recognised, so that a redacted copy is known as one: its masked values are not judged and
//! its signatures are "not checkable", never "invalid".

use crate::xml::{Document, NodeId, NodeKind};

/// The kinds of `[redacted-<kind>-<n>]` placeholders [`crate::redact`] writes.
pub(crate) const LABELS: [&str; 9] = [
    "name-id",
    "name",
    "attribute",
    "session-index",
    "address",
    "signature-value",
    "certificate",
    "private-key",
    "tenant",
];

/// Whether `value` (trimmed) is one placeholder [`crate::redact`] writes: `[redacted-name-id-1]`,
/// `user3@redacted.example` (also with `%40`).
pub fn is_placeholder(value: &str) -> bool {
    let value = value.trim();
    let numbered = |rest: &str| !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit());
    if let Some(inner) = value
        .strip_prefix("[redacted-")
        .and_then(|v| v.strip_suffix(']'))
    {
        return inner
            .rsplit_once('-')
            .is_some_and(|(label, n)| LABELS.contains(&label) && numbered(n));
    }
    ["@redacted.example", "%40redacted.example"]
        .iter()
        .any(|domain| {
            value
                .strip_suffix(domain)
                .and_then(|local| local.strip_prefix("user"))
                .is_some_and(numbered)
        })
}

/// How many placeholders [`crate::redact`] writes are in `text` (a redacted copy has at least one).
/// Linear in the length of `text`.
pub fn count_placeholders(text: &str) -> usize {
    let mut count = 0;
    for (at, _) in text.match_indices("[redacted-") {
        let rest = &text[at..];
        if let Some(end) = rest.bytes().take(64).position(|b| b == b']')
            && is_placeholder(&rest[..=end])
        {
            count += 1;
        }
    }
    for domain in ["@redacted.example", "%40redacted.example"] {
        for (at, _) in text.match_indices(domain) {
            let bytes = text.as_bytes();
            let mut start = at;
            while start > 0 && at - start < 24 && bytes[start - 1].is_ascii_alphanumeric() {
                start -= 1;
            }
            if is_placeholder(&format!("{}{domain}", &text[start..at])) {
                count += 1;
            }
        }
    }
    count
}
/// Whether the element `apex`, or anything inside it, has a placeholder in its text or in an
/// attribute value: where a redacted copy masks. Comments and processing instructions are not
/// looked at (canonicalisation leaves them out of what was signed, and redaction never writes
/// a placeholder there), so a comment cannot make a tampered signature "not checkable".
pub(crate) fn in_values(doc: &Document, apex: NodeId) -> bool {
    let text = doc.text();
    let holds = |slice: &str| count_placeholders(slice) > 0;
    std::iter::once(apex)
        .chain(doc.descendants(apex))
        .any(|id| match doc.kind(id) {
            NodeKind::Text | NodeKind::CData => holds(doc.span(id).slice(text)),
            NodeKind::Element => doc
                .element(id)
                .is_some_and(|e| e.attributes().any(|a| holds(a.value_span().slice(text)))),
            _ => false,
        })
}
