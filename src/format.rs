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
        one_decimal(value / 1024.0, " KB")
    } else {
        one_decimal(value / (1024.0 * 1024.0), " MB")
    }
}

/// "<1 ms", "19 ms", "2.4 s".
pub fn duration(ms: f64) -> String {
    if ms < 1.0 {
        "<1 ms".to_owned()
    } else if ms < 1000.0 {
        format!("{} ms", round_scaled(ms, 1))
    } else {
        one_decimal(ms / 1000.0, " s")
    }
}

/// `value` with one decimal, then `unit`: what `format!("{value:.1}{unit}")` writes.
fn one_decimal(value: f64, unit: &str) -> String {
    let tenths = round_scaled(value, 10);
    format!("{}.{}{unit}", tenths / 10, tenths % 10)
}

/// `value × scale` rounded to an integer half to even on the exact binary value, as Rust's
/// `{:.N}` formatting rounds, for finite `value ≥ 0` (larger results saturate). Integer
/// arithmetic only: float formatting would add several kilobytes to the wasm.
fn round_scaled(value: f64, scale: u64) -> u64 {
    let bits = value.to_bits();
    let exponent = i32::try_from((bits >> 52) & 0x7ff).unwrap_or(0);
    let fraction = bits & ((1 << 52) - 1);
    // value = mantissa × 2^shift
    let (mantissa, shift) = if exponent == 0 {
        (fraction, -1074)
    } else {
        (fraction | 1 << 52, exponent - 1075)
    };
    let scaled = mantissa * scale; // < 2^53 × scale
    if shift >= 0 {
        return scaled.saturating_mul(1 << shift.min(63));
    }
    let bits_out = shift.unsigned_abs();
    if bits_out >= 64 {
        return 0; // below 2^-11: rounds to zero for the scales used here
    }
    let quotient = scaled >> bits_out;
    let remainder = scaled & ((1 << bits_out) - 1);
    let half = 1 << (bits_out - 1);
    if remainder > half || (remainder == half && quotient & 1 == 1) {
        quotient + 1
    } else {
        quotient
    }
}

/// The last segment of a URN or URI, for compact display (`…:nameid-format:emailAddress` →
/// `emailAddress`). The view keeps the full value next to it or in a `title`. Not for
/// algorithm URIs: their short names are the core's (`samlscope_core::algorithms::short_name`).
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
        assert_eq!(tail("urn:example:status#"), "status");
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

    /// The integer rounding writes exactly what float formatting writes.
    #[test]
    fn one_decimal_matches_float_formatting() {
        for bytes in (0..3_000_000_usize)
            .step_by(7)
            .chain([512, 1536, 2560, 1_572_864])
        {
            #[allow(clippy::cast_precision_loss)]
            let value = bytes as f64;
            for scaled in [value / 1024.0, value / (1024.0 * 1024.0)] {
                assert_eq!(one_decimal(scaled, ""), format!("{scaled:.1}"), "{bytes}");
            }
        }
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        for ms in 0..200_000_u32 {
            let ms = f64::from(ms);
            assert_eq!(one_decimal(ms / 1000.0, ""), format!("{:.1}", ms / 1000.0));
            assert_eq!(round_scaled(ms, 1).to_string(), format!("{ms:.0}"));
            // And arbitrary values, fractions included.
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            #[allow(clippy::cast_precision_loss)]
            let any = (x >> 11) as f64 / (1u64 << (x % 53)) as f64;
            assert_eq!(one_decimal(any, ""), format!("{any:.1}"), "{any:e}");
            assert_eq!(
                round_scaled(any, 1).to_string(),
                format!("{any:.0}"),
                "{any:e}"
            );
        }
        for tie in [0.25, 0.75, 1.25, 0.5, 1.5, 2.5, 0.05, 0.15, 2.45, 1.15] {
            assert_eq!(one_decimal(tie, ""), format!("{tie:.1}"));
            assert_eq!(round_scaled(tie, 1).to_string(), format!("{tie:.0}"));
        }
    }
}

/// `text` in lower case, for filters that ignore case. In the page this is the browser's
/// `toLowerCase` (full Unicode, without Rust's case tables in the download).
pub fn lower_case(text: &str) -> String {
    #[cfg(target_arch = "wasm32")]
    {
        String::from(js_sys::JsString::from(text).to_lower_case())
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        text.to_lowercase()
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
    /// A fenced code block (its lines, without the fences).
    Code(String),
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
    let mut code: Option<String> = None;
    for line in markdown.lines() {
        let line = line.trim_end();
        if line.starts_with("```") {
            flush(&mut paragraph, &mut blocks);
            match code.take() {
                Some(text) => blocks.push(DocBlock::Code(text)),
                None => code = Some(String::new()),
            }
        } else if let Some(text) = code.as_mut() {
            if !text.is_empty() {
                text.push('\n');
            }
            text.push_str(line);
        } else if let Some(h) = line.strip_prefix("## ") {
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
    if let Some(text) = code {
        blocks.push(DocBlock::Code(text));
    }
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
        let md = "## What it does\nChecks `A`\nand B.\n```xml\n<a>\n  <b/>\n```\n## References\n- SAML Core\n- RFC 3986\n";
        assert_eq!(
            doc_blocks(md),
            [
                DocBlock::Heading("What it does".into()),
                DocBlock::Paragraph("Checks `A` and B.".into()),
                DocBlock::Code("<a>\n  <b/>".into()),
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
