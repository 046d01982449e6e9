//! Small text formatting helpers for the page (sizes, counts, durations, URI tails).
//! Presentation only; pure, so they build and are tested natively.

use samlscope_core::Severity;

/// "1 error", "2 warnings", "3 info".
pub fn count_words(count: usize, severity: Severity) -> String {
    let word = match (severity, count) {
        (Severity::Error, 1) => "error",
        (Severity::Error, _) => "errors",
        (Severity::Warning, 1) => "warning",
        (Severity::Warning, _) => "warnings",
        (Severity::Info, _) => "info",
    };
    format!("{count} {word}")
}

/// "812 B", "6.1 KB", "34.2 MB".
pub fn byte_size(bytes: usize) -> String {
    #[allow(clippy::cast_precision_loss)] // display only
    let value = bytes as f64;
    if bytes < 1024 {
        format!("{bytes} B")
    } else if bytes < 1024 * 1024 {
        format!("{:.1} KB", value / 1024.0)
    } else {
        format!("{:.1} MB", value / (1024.0 * 1024.0))
    }
}

/// "<1 ms", "19 ms", "2.4 s".
pub fn duration(ms: f64) -> String {
    if ms < 1.0 {
        "<1 ms".to_owned()
    } else if ms < 1000.0 {
        format!("{ms:.0} ms")
    } else {
        format!("{:.1} s", ms / 1000.0)
    }
}

/// The last segment of a URN or URI, for compact display (`…:nameid-format:emailAddress` →
/// `emailAddress`). The view keeps the full value next to it or in a `title`.
pub fn tail(value: &str) -> &str {
    value
        .trim_end_matches(['/', '#'])
        .rsplit([':', '/', '#'])
        .next()
        .filter(|last| !last.is_empty())
        .unwrap_or(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tails() {
        assert_eq!(
            tail("urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress"),
            "emailAddress"
        );
        assert_eq!(
            tail("http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name"),
            "name"
        );
        assert_eq!(tail("https://sts.windows.net/x/"), "x");
        assert_eq!(tail("plain"), "plain");
        assert_eq!(tail("/"), "/");
        assert_eq!(
            tail("http://www.w3.org/2001/10/xml-exc-c14n#"),
            "xml-exc-c14n"
        );
        assert_eq!(
            tail("http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"),
            "rsa-sha256"
        );
    }

    #[test]
    fn sizes_counts_and_durations() {
        assert_eq!(byte_size(812), "812 B");
        assert_eq!(byte_size(6_246), "6.1 KB");
        assert_eq!(byte_size(24 * 1024 * 1024), "24.0 MB");
        assert_eq!(count_words(1, Severity::Error), "1 error");
        assert_eq!(count_words(0, Severity::Warning), "0 warnings");
        assert_eq!(count_words(3, Severity::Info), "3 info");
        assert_eq!(duration(0.4), "<1 ms");
        assert_eq!(duration(19.2), "19 ms");
        assert_eq!(duration(2_400.0), "2.4 s");
    }
}

/// A block of a rule's documentation (the small Markdown subset the rules use).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DocBlock {
    /// `## Heading`.
    Heading(String),
    /// A paragraph (lines joined).
    Paragraph(String),
    /// A `- item`.
    Item(String),
}

/// Splits rule documentation into headings, paragraphs and list items.
pub fn doc_blocks(markdown: &str) -> Vec<DocBlock> {
    let mut blocks = Vec::new();
    let mut paragraph = String::new();
    let flush = |paragraph: &mut String, blocks: &mut Vec<DocBlock>| {
        if !paragraph.is_empty() {
            blocks.push(DocBlock::Paragraph(std::mem::take(paragraph)));
        }
    };
    for line in markdown.lines() {
        let line = line.trim_end();
        if let Some(h) = line.strip_prefix("## ") {
            flush(&mut paragraph, &mut blocks);
            blocks.push(DocBlock::Heading(h.trim().to_owned()));
        } else if let Some(item) = line.strip_prefix("- ") {
            flush(&mut paragraph, &mut blocks);
            blocks.push(DocBlock::Item(item.trim().to_owned()));
        } else if line.trim().is_empty() {
            flush(&mut paragraph, &mut blocks);
        } else if let (Some(DocBlock::Item(item)), true) = (
            blocks.last_mut(),
            paragraph.is_empty() && line.starts_with("  "),
        ) {
            item.push(' ');
            item.push_str(line.trim());
        } else {
            if !paragraph.is_empty() {
                paragraph.push(' ');
            }
            paragraph.push_str(line.trim());
        }
    }
    flush(&mut paragraph, &mut blocks);
    blocks
}

/// Splits text at backticks: `(is_code, piece)` pairs.
pub fn code_spans(text: &str) -> Vec<(bool, &str)> {
    text.split('`')
        .enumerate()
        .filter(|(_, piece)| !piece.is_empty())
        .map(|(i, piece)| (i % 2 == 1, piece))
        .collect()
}

#[cfg(test)]
mod doc_tests {
    use super::*;

    #[test]
    fn rule_docs_split_into_blocks() {
        let md = "## What it does\nChecks `A`\nand B.\n\n## References\n- SAML Core\n- RFC 3986\n";
        assert_eq!(
            doc_blocks(md),
            [
                DocBlock::Heading("What it does".into()),
                DocBlock::Paragraph("Checks `A` and B.".into()),
                DocBlock::Heading("References".into()),
                DocBlock::Item("SAML Core".into()),
                DocBlock::Item("RFC 3986".into()),
            ]
        );
        assert_eq!(
            code_spans("a `b` c"),
            [(false, "a "), (true, "b"), (false, " c")]
        );
        for rule in samlscope_core::rules::RULES {
            assert!(doc_blocks(rule.docs).len() >= 5, "{}", rule.name);
        }
    }
}
