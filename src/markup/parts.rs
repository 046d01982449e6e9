//! Pieces the read-only views share, written as [`Markup`]: field rows, cards, times,
//! verdict badges.

use std::fmt::Write as _;

use samlscope_core::Timestamp;
use samlscope_core::algorithms::short_name;
use samlscope_core::dsig::Verdict;
use samlscope_core::time::relative;

use super::Markup;
use crate::format::tail;

/// Opens a row of a field list: `<div class="row"><dt>label</dt><dd>`; close it with
/// [`row_end`].
pub fn row_start(m: &mut Markup, label: &str) {
    m.wrap("<div class=\"row\"><dt>", label, "</dt><dd>");
}

/// Closes a row opened with [`row_start`].
pub fn row_end(m: &mut Markup) {
    m.tag("</dd></div>");
}

/// `<span class="{class}">text</span>`.
pub fn span(m: &mut Markup, class: &'static str, text: &str) {
    m.tag("<span class=\"").tag(class).tag("\">");
    m.text(text).tag("</span>");
}

/// A row whose value is text in a `<span class="{class}">`.
pub fn text_row(m: &mut Markup, label: &str, class: &'static str, text: &str) {
    row_start(m, label);
    span(m, class, text);
    row_end(m);
}

/// A row whose value is plain text (`<span class="value">`).
pub fn value_row(m: &mut Markup, label: &str, text: &str) {
    text_row(m, label, "value", text);
}

/// `text` with a line-break opportunity (`<wbr>`) after each `/`, `#`, `?` and `&`, so that
/// long URIs wrap at their separators rather than anywhere.
pub fn breakable(m: &mut Markup, text: &str) {
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if matches!(c, '/' | '#' | '?' | '&') {
            let end = i + c.len_utf8();
            m.text(&text[start..end]).tag("<wbr>");
            start = end;
        }
    }
    m.text(&text[start..]);
}

/// An algorithm URI shown by its short name (the core's table of algorithms), the whole URI
/// in its `title`.
pub fn algorithm_value(m: &mut Markup, uri: &str) {
    m.wrap("<span class=\"value\" title=\"", uri, "\">");
    m.text(short_name(uri)).tag("</span>");
}

/// A URI shown by its last segment, the whole URI in its `title` and below it.
pub fn uri_tail_value(m: &mut Markup, uri: &str) {
    m.wrap("<span class=\"value\" title=\"", uri, "\">");
    m.text(tail(uri));
    m.wrap("<span class=\"value-full\">", uri, "</span></span>");
}

/// A time with how long ago or ahead of `now` it is.
pub fn time_value(m: &mut Markup, at: Timestamp, now: Timestamp) {
    let at_text = at.to_string();
    m.wrap(
        "<span class=\"value time\"><time datetime=\"",
        &at_text,
        "\">",
    );
    m.text(&at_text).tag("</time>");
    m.tag(if at < now {
        "<span class=\"rel is-past\">"
    } else {
        "<span class=\"rel is-future\">"
    });
    m.text(&relative(at, now)).tag("</span></span>");
}

/// A row whose value is a time (see [`time_value`]).
pub fn time_row(m: &mut Markup, label: &str, at: Timestamp, now: Timestamp) {
    row_start(m, label);
    time_value(m, at, now);
    row_end(m);
}

/// The badge of a signature verdict, with `data-verdict`.
pub fn verdict_badge(m: &mut Markup, verdict: Verdict) {
    m.tag(match verdict {
        Verdict::Valid => "<span class=\"sig-verdict sig-ok\" data-verdict=\"valid\">valid",
        Verdict::ValidUntrusted => {
            "<span class=\"sig-verdict sig-info\" data-verdict=\"valid-untrusted\">valid with embedded cert"
        }
        Verdict::Untrusted => {
            "<span class=\"sig-verdict sig-warn\" data-verdict=\"untrusted\">untrusted key"
        }
        Verdict::Invalid => "<span class=\"sig-verdict sig-bad\" data-verdict=\"invalid\">invalid",
        Verdict::Unsupported => {
            "<span class=\"sig-verdict sig-warn\" data-verdict=\"unsupported\">not verifiable here"
        }
    });
    m.tag("</span>");
}

/// Opens `<section class="card">` with its title (and a note beside it); close it with
/// [`card_end`].
pub fn card_start(m: &mut Markup, title: &str, note: Option<&str>) {
    m.wrap(
        "<section class=\"card\"><h3 class=\"card-title\">",
        title,
        "",
    );
    if let Some(note) = note {
        span(m, "card-note", note);
    }
    m.tag("</h3>");
}

/// Closes a card opened with [`card_start`].
pub fn card_end(m: &mut Markup) {
    m.tag("</section>");
}

/// `<span class="loc">line N</span>`.
pub fn line_mark(m: &mut Markup, line: usize) {
    m.tag("<span class=\"loc\">");
    let _ = write!(m, "line {line}");
    m.tag("</span>");
}

/// Most items of one list written into the page: a message can carry 200,000 values or 20,000
/// signatures, and writing them all would freeze the tab for seconds while nobody reads them
/// there. The rest are counted by [`more_item`].
pub const MAX_LISTED: usize = 100;

/// `<li class="more">… and N more</li>` when a list of `total` items shows only `shown`; the
/// command line's JSON has them all.
pub fn more_item(m: &mut Markup, total: usize, shown: usize) {
    more(m, "<li class=\"more\">", total, shown, "</li>");
}

/// `<p class="more">… and N more</p>`, as [`more_item`], after a list that is no `<ul>`.
pub fn more_note(m: &mut Markup, total: usize, shown: usize) {
    more(m, "<p class=\"more\">", total, shown, "</p>");
}

fn more(m: &mut Markup, open: &'static str, total: usize, shown: usize, close: &'static str) {
    if total <= shown {
        return;
    }
    m.tag(open);
    let _ = write!(
        m,
        "… and {} more, not listed here (the command-line tool's JSON output lists them all)",
        total - shown
    );
    m.tag(close);
}

#[cfg(test)]
mod tests {
    use samlscope_core::dsig::Verdict;

    use super::*;

    #[test]
    fn verdict_badges_name_their_verdict() {
        for verdict in [
            Verdict::Valid,
            Verdict::ValidUntrusted,
            Verdict::Untrusted,
            Verdict::Invalid,
            Verdict::Unsupported,
        ] {
            let mut m = Markup::new();
            verdict_badge(&mut m, verdict);
            let expected = format!("data-verdict=\"{}\"", verdict.as_str());
            assert!(m.as_str().contains(&expected), "{}", m.as_str());
        }
    }

    #[test]
    fn a_cut_list_says_how_many_more() {
        let mut m = Markup::new();
        more_item(&mut m, MAX_LISTED, MAX_LISTED);
        assert!(m.is_empty());
        more_item(&mut m, 250, MAX_LISTED);
        assert!(
            m.as_str().starts_with("<li class=\"more\">… and 150 more"),
            "{}",
            m.as_str()
        );
    }

    #[test]
    fn uris_break_after_their_separators() {
        let mut m = Markup::new();
        breakable(&mut m, "https://a/b?c=<d>&e");
        assert_eq!(
            m.as_str(),
            "https:/<wbr>/<wbr>a/<wbr>b?<wbr>c=&lt;d&gt;&amp;<wbr>e"
        );
    }

    #[test]
    fn rows_escape_their_values() {
        let mut m = Markup::new();
        value_row(&mut m, "Issuer", "<x>");
        assert_eq!(
            m.as_str(),
            "<div class=\"row\"><dt>Issuer</dt><dd><span class=\"value\">&lt;x&gt;</span></dd></div>"
        );
    }
}
