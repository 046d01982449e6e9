//! Byte spans into the decoded text, and their conversion to lines and columns.
//!
//! Spans always point into the text the user can see after decoding (never into a
//! pretty-printed copy). Line, column and UTF-16 offsets are computed only when rendering.

use serde::Serialize;

/// A half-open byte range `start..end` into the decoded text of a [`crate::Report`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// The span `start..end`.
    pub const fn new(start: usize, end: usize) -> Self {
        Self { start, end }
    }

    /// An empty span at `offset`, for "here" positions such as the end of input.
    pub const fn at(offset: usize) -> Self {
        Self {
            start: offset,
            end: offset,
        }
    }

    /// Number of bytes covered.
    pub const fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// Whether the span covers no byte.
    pub const fn is_empty(&self) -> bool {
        self.end <= self.start
    }

    /// Whether `other` lies entirely inside this span.
    pub const fn contains(&self, other: Self) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// The covered slice of `text`, or `""` when the span does not fit (never panics).
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        text.get(self.start..self.end).unwrap_or("")
    }
}

/// A 1-based line and column. The column counts Unicode scalar values, as editors do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct LineColumn {
    /// Line number, from 1.
    pub line: usize,
    /// Column number, from 1, in characters.
    pub column: usize,
}

/// Bytes between two checkpoints of [`LineIndex`]'s character counts.
const CHECKPOINT: usize = 1024;

/// Line starts of a text, for turning byte offsets into lines and columns quickly.
///
/// A column is a count of characters from the start of the line, and a line can be megabytes
/// long (most SAML messages are one line): the index also keeps the number of characters
/// before every 1,024th byte, so a column takes at most 2 KB of counting, not a scan of the
/// line (20,000 findings on one long line would otherwise be quadratic).
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// Characters before byte `i * CHECKPOINT`; empty when the text is ASCII (a column is
    /// then a byte count).
    chars_before: Vec<usize>,
}

/// Characters (UTF-8 lead bytes) in `bytes`.
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b & 0xC0 != 0x80).count()
}

impl LineIndex {
    /// Indexes the line starts of `text` (`\n`, `\r\n` and lone `\r` end a line).
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while let Some(p) = bytes[i..].iter().position(|&b| b == b'\n' || b == b'\r') {
            i += p;
            if bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
                starts.push(i + 1);
            }
            i += 1;
        }
        let mut chars_before = Vec::new();
        if !text.is_ascii() {
            let mut total = 0;
            for chunk in bytes.chunks(CHECKPOINT) {
                chars_before.push(total);
                total += count_chars(chunk);
            }
        }
        Self {
            starts,
            chars_before,
        }
    }

    /// Characters in `text[..offset]` (`offset` a char boundary).
    fn chars_to(&self, text: &str, offset: usize) -> usize {
        if self.chars_before.is_empty() {
            return offset;
        }
        let k = offset / CHECKPOINT;
        let base = self.chars_before.get(k).copied().unwrap_or(0);
        base + count_chars(text.as_bytes().get(k * CHECKPOINT..offset).unwrap_or(&[]))
    }

    /// The 1-based line and column of byte `offset` in `text` (clamped to the text).
    pub fn line_column(&self, text: &str, offset: usize) -> LineColumn {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let column = if offset - start <= 2 * CHECKPOINT {
            text.get(start..offset).map_or(0, |s| s.chars().count())
        } else {
            self.chars_to(text, offset) - self.chars_to(text, start)
        } + 1;
        LineColumn { line, column }
    }

    /// The byte range of line `line` (1-based), without its line terminator.
    pub fn line_span(&self, text: &str, line: usize) -> Span {
        let Some(&start) = self.starts.get(line.saturating_sub(1)) else {
            return Span::at(text.len());
        };
        let mut end = self.starts.get(line).copied().unwrap_or(text.len());
        let bytes = text.as_bytes();
        while end > start && matches!(bytes.get(end - 1), Some(b'\n' | b'\r')) {
            end -= 1;
        }
        Span::new(start, end)
    }

    /// Number of lines.
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }
}

/// The largest char boundary of `text` at or below `offset`.
pub fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// Converts a byte offset of `text` to a UTF-16 code unit offset (what JavaScript counts).
pub fn utf16_offset(text: &str, offset: usize) -> usize {
    let offset = floor_char_boundary(text, offset);
    text[..offset].chars().map(char::len_utf16).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_columns_count_characters() {
        let text = "ab\ncé\r\nx";
        let index = LineIndex::new(text);
        assert_eq!(
            index.line_column(text, 0),
            LineColumn { line: 1, column: 1 }
        );
        assert_eq!(
            index.line_column(text, 3),
            LineColumn { line: 2, column: 1 }
        );
        // 'x' after "cé\r\n": byte 8
        assert_eq!(
            index.line_column(text, 8),
            LineColumn { line: 3, column: 1 }
        );
        assert_eq!(
            index.line_column(text, 6),
            LineColumn { line: 2, column: 3 }
        );
        assert_eq!(index.line_span(text, 2).slice(text), "cé");
        assert_eq!(index.line_count(), 3);
    }

    #[test]
    fn columns_of_long_lines_count_characters() {
        let text = format!("x\n{}é{}", "a".repeat(5000), "ü".repeat(3000));
        let index = LineIndex::new(&text);
        for offset in [2, 3, 1500, 5002, 5004, 7000, 8000, text.len()] {
            let offset = floor_char_boundary(&text, offset);
            let expected = text[2..offset].chars().count() + 1;
            assert_eq!(
                index.line_column(&text, offset).column,
                expected,
                "{offset}"
            );
        }
        let ascii = "a".repeat(9000);
        assert_eq!(
            LineIndex::new(&ascii).line_column(&ascii, 8500).column,
            8501
        );
    }

    #[test]
    fn offsets_inside_a_character_do_not_panic() {
        let text = "é";
        let index = LineIndex::new(text);
        assert_eq!(index.line_column(text, 1).column, 1);
        assert_eq!(utf16_offset("a😀b", 5), 3);
    }
}
