//! The exact-text view's arithmetic: which lines to render, and how to cut each line into
//! segments by token class and by finding span.
//!
//! Pure functions over byte offsets, so they build and are tested natively. Line numbers are
//! 1-based, as in [`samlscope_core::LineIndex`].

use std::ops::Range;

use samlscope_core::{LineIndex, Span, floor_char_boundary};

use crate::highlight::{Run, Token};

/// Most lines rendered at once.
pub const MAX_LINES: usize = 5_000;
/// Most bytes rendered at once (a single line of a huge one-line document is cut here).
pub const MAX_BYTES: usize = 1024 * 1024;
/// Largest window that is syntax-coloured (beyond it the text is shown plain).
pub const MAX_HIGHLIGHT_BYTES: usize = 256 * 1024;
/// Spans longer than this are not underlined (only their first line is marked), so that a
/// finding about a whole element does not paint the whole document.
pub const MAX_UNDERLINE_BYTES: usize = 2_000;

/// The part of the text the view renders.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    /// First line rendered (1-based).
    pub first_line: usize,
    /// Last line rendered (1-based, inclusive).
    pub last_line: usize,
    /// Byte range rendered.
    pub bytes: (usize, usize),
    /// Number of lines in the whole text.
    pub total_lines: usize,
    /// Whether the last rendered line was cut short at [`MAX_BYTES`].
    pub cut: bool,
}

impl Window {
    /// Whether the whole text is rendered.
    pub const fn is_complete(&self) -> bool {
        self.first_line == 1 && self.last_line == self.total_lines && !self.cut
    }
}

/// The window to render: from line 1, or around `focus_line` when that line would otherwise
/// fall outside it (past [`MAX_LINES`] lines or [`MAX_BYTES`] bytes).
pub fn window(index: &LineIndex, text: &str, focus_line: Option<usize>) -> Window {
    let total_lines = index.line_count();
    let mut win = window_from(index, text, 1);
    if let Some(focus) = focus_line.filter(|&line| line <= total_lines)
        && focus > win.last_line
    {
        let latest_start = total_lines.saturating_sub(MAX_LINES - 1).max(1);
        win = window_from(
            index,
            text,
            focus.saturating_sub(MAX_LINES / 2).clamp(1, latest_start),
        );
        if focus > win.last_line {
            // Long lines: the byte limit ends the window before the focus; start at it.
            win = window_from(index, text, focus);
        }
    }
    win
}

/// The window starting at `first_line`: up to [`MAX_LINES`] lines and [`MAX_BYTES`] bytes.
fn window_from(index: &LineIndex, text: &str, first_line: usize) -> Window {
    let total_lines = index.line_count();
    let last_line = (first_line + MAX_LINES - 1).min(total_lines);
    let start = index.line_span(text, first_line).start;
    let byte_limit = start.saturating_add(MAX_BYTES);
    // The last line that starts before the byte limit (binary search on line starts).
    let (mut lo, mut hi) = (first_line, last_line);
    while lo < hi {
        let mid = lo + (hi - lo).div_ceil(2);
        if index.line_span(text, mid).start < byte_limit {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    let line_end = index.line_span(text, lo).end;
    let end = floor_char_boundary(text, line_end.min(byte_limit));
    Window {
        first_line,
        last_line: lo,
        bytes: (start, end),
        total_lines,
        cut: end < line_end,
    }
}

/// A finding's span as the view marks it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mark {
    /// The span.
    pub span: Span,
    /// Index of the finding in the report.
    pub finding: usize,
    /// Severity rank: 2 error, 1 warning, 0 info.
    pub rank: u8,
}

/// A piece of a line with one token class and at most one mark.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Segment {
    /// Byte range.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Token class.
    pub token: Token,
    /// The mark (index into the marks slice) shown on this piece, if any.
    pub mark: Option<usize>,
}

/// Cuts the byte range `line` into segments. `runs` are sorted, contiguous token runs (may be
/// empty: then everything is text); `cursor` is an index into `runs` that only moves forward
/// across calls for increasing lines. Where marks overlap, the selected finding wins, then
/// the shortest span. Marks longer than [`MAX_UNDERLINE_BYTES`] are ignored here unless
/// selected.
pub fn segments(
    line: Range<usize>,
    runs: &[Run],
    cursor: &mut usize,
    marks: &[Mark],
    selected: Option<usize>,
) -> Vec<Segment> {
    while *cursor < runs.len() && runs[*cursor].end <= line.start {
        *cursor += 1;
    }
    let visible = |mark: &Mark| {
        !mark.span.is_empty()
            && (mark.span.len() <= MAX_UNDERLINE_BYTES || Some(mark.finding) == selected)
    };
    let active: Vec<usize> = marks
        .iter()
        .enumerate()
        .filter(|(_, m)| visible(m) && m.span.start < line.end && m.span.end > line.start)
        .map(|(i, _)| i)
        .collect();

    // The cuts, in order and each once. The runs' come in order already (they are sorted and
    // contiguous); the marks' are inserted where they belong. (No sort: a sort routine would
    // add kilobytes to the wasm.)
    let mut cuts = vec![line.start];
    for run in runs[*cursor..]
        .iter()
        .take_while(|run| run.start < line.end)
    {
        cuts.push(run.start.max(line.start));
        cuts.push(run.end.min(line.end));
    }
    cuts.push(line.end);
    cuts.dedup();
    debug_assert!(cuts.is_sorted(), "runs must be sorted and contiguous");
    for &i in &active {
        for at in [marks[i].span.start, marks[i].span.end] {
            let at = at.clamp(line.start, line.end);
            if let Err(position) = cuts.binary_search(&at) {
                cuts.insert(position, at);
            }
        }
    }

    let mut out: Vec<Segment> = Vec::new();
    let mut run_index = *cursor;
    for pair in cuts.windows(2) {
        let (start, end) = (pair[0], pair[1]);
        while run_index < runs.len() && runs[run_index].end <= start {
            run_index += 1;
        }
        let token = runs
            .get(run_index)
            .filter(|run| run.start <= start)
            .map_or(Token::Text, |run| run.token);
        let mark = active
            .iter()
            .copied()
            .filter(|&i| marks[i].span.start <= start && marks[i].span.end >= end)
            .min_by_key(|&i| (Some(marks[i].finding) != selected, marks[i].span.len()));
        match out.last_mut() {
            Some(last) if last.token == token && last.mark == mark && last.end == start => {
                last.end = end;
            }
            _ => out.push(Segment {
                start,
                end,
                token,
                mark,
            }),
        }
    }
    out
}

/// The first `max_lines` lines of `text`, at most `max_bytes` long: cut after a line end, or
/// (one line longer than `max_bytes`) at the last character boundary within it. The pretty
/// view shows this much of a re-indented document.
pub fn first_lines(text: &str, max_lines: usize, max_bytes: usize) -> &str {
    let mut end = text
        .match_indices('\n')
        .nth(max_lines.saturating_sub(1))
        .map_or(text.len(), |(i, _)| i + 1);
    if end > max_bytes {
        let cut = floor_char_boundary(text, max_bytes);
        end = text[..cut].rfind('\n').map_or(cut, |i| i + 1);
    }
    &text[..end]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::highlight::tokenize;

    #[test]
    fn small_texts_are_rendered_whole() {
        let text = "<a>\n<b/>\n</a>";
        let index = LineIndex::new(text);
        let w = window(&index, text, None);
        assert_eq!(
            (w.first_line, w.last_line, w.bytes),
            (1, 3, (0, text.len()))
        );
        assert!(w.is_complete());
    }

    #[test]
    fn long_texts_are_cut_and_recentred_on_focus() {
        let text = "<x/>\n".repeat(MAX_LINES * 2);
        let index = LineIndex::new(&text);
        let w = window(&index, &text, None);
        assert_eq!((w.first_line, w.last_line), (1, MAX_LINES));
        assert!(!w.is_complete());
        let w = window(&index, &text, Some(8_000));
        assert!(w.first_line <= 8_000 && 8_000 <= w.last_line);
        assert_eq!(w.last_line - w.first_line + 1, MAX_LINES);
    }

    #[test]
    fn focus_past_the_byte_limit_moves_the_window() {
        let line = format!("<x>{}</x>\n", "a".repeat(1000));
        let text = line.repeat(3 * MAX_BYTES / line.len());
        let index = LineIndex::new(&text);
        let first = window(&index, &text, None);
        assert!(first.last_line < 1_500);
        let w = window(&index, &text, Some(2_500));
        assert!(w.first_line <= 2_500 && 2_500 <= w.last_line, "{w:?}");
    }

    #[test]
    fn one_huge_line_is_cut_at_the_byte_limit() {
        let text = "é".repeat(MAX_BYTES);
        let index = LineIndex::new(&text);
        let w = window(&index, &text, None);
        assert!(w.cut);
        assert!(w.bytes.1 <= MAX_BYTES && text.is_char_boundary(w.bytes.1));
    }

    #[test]
    fn segments_split_on_tokens_and_marks() {
        let text = "<a x=\"1\">hello</a>";
        let runs = tokenize(text, 0);
        let marks = [
            Mark {
                span: Span::new(9, 14),
                finding: 0,
                rank: 2,
            },
            Mark {
                span: Span::new(11, 12),
                finding: 1,
                rank: 0,
            },
        ];
        let mut cursor = 0;
        let segs = segments(0..text.len(), &runs, &mut cursor, &marks, None);
        let covered: Vec<(&str, Option<usize>)> = segs
            .iter()
            .map(|s| (&text[s.start..s.end], s.mark))
            .collect();
        assert!(covered.contains(&("he", Some(0))));
        assert!(covered.contains(&("l", Some(1))));
        assert!(covered.contains(&("lo", Some(0))));
        let segs = segments(0..text.len(), &runs, &mut 0, &marks, Some(0));
        assert!(
            segs.iter()
                .any(|s| &text[s.start..s.end] == "hello" && s.mark == Some(0))
        );
        assert_eq!(segs.first().map(|s| s.start), Some(0));
        assert_eq!(segs.last().map(|s| s.end), Some(text.len()));
    }

    #[test]
    fn long_marks_are_only_shown_when_selected() {
        let text = "a".repeat(MAX_UNDERLINE_BYTES * 2);
        let marks = [Mark {
            span: Span::new(0, text.len()),
            finding: 3,
            rank: 1,
        }];
        let segs = segments(0..text.len(), &[], &mut 0, &marks, None);
        assert!(segs.iter().all(|s| s.mark.is_none()));
        let segs = segments(0..text.len(), &[], &mut 0, &marks, Some(3));
        assert!(segs.iter().all(|s| s.mark == Some(0)));
    }

    #[test]
    fn first_lines_cuts_at_a_line_end_or_a_character_boundary() {
        assert_eq!(first_lines("a\nb\nc\n", 2, 100), "a\nb\n");
        assert_eq!(first_lines("a\nb", 5, 100), "a\nb");
        assert_eq!(first_lines("ab\ncd\nef", 5, 7), "ab\ncd\n");
        // One line of two-byte characters, cut inside one: the cut moves back to a boundary
        // (it panicked when the byte limit fell inside a character).
        let line = format!("<a>{}</a>", "é".repeat(600));
        for max in 3..40 {
            let shown = first_lines(&line, 5, max);
            assert!(shown.len() <= max && line.starts_with(shown), "{max}");
        }
    }
}
