//! The decoded text, exactly as the core saw it (never re-serialised), with line numbers,
//! light syntax colouring and the spans of findings marked.

use std::fmt::Write as _;
use std::rc::Rc;

use samlscope_core::Span;
use samlscope_core::dsig::Verdict;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::{byte_size, markup_html, severity_rank, static_html};
use crate::highlight::tokenize;
use crate::markup::Markup;
use crate::state::Inspection;
use crate::text_view::{
    MAX_BYTES, MAX_HIGHLIGHT_BYTES, MAX_LINES, Mark, Window, first_lines, segments, window,
};

/// Above the pretty view.
const PRETTY_NOTE: &str = r#"<p class="xml-note is-pretty" role="note">Pretty view: re-indented for reading. It is not the text that was signed — signatures, digests and finding positions refer to the exact text.</p>"#;

/// Props of [`XmlView`].
#[derive(Properties, PartialEq)]
pub struct XmlViewProps {
    /// The inspection shown.
    pub inspection: Rc<Inspection>,
    /// The selected finding.
    pub selected: Option<usize>,
    /// Bumped on every selection (scroll again even when the same finding is re-selected).
    pub focus_seq: u32,
}

const RANK_CLASSES: [&str; 3] = ["mk-info", "mk-warning", "mk-error"];
/// The line's class (after a space) for a finding starting on it, by rank.
const DOT_CLASSES: [&str; 3] = [" has-mk-info", " has-mk-warning", " has-mk-error"];

fn marks_of(inspection: &Inspection) -> Vec<Mark> {
    inspection
        .report
        .findings
        .iter()
        .enumerate()
        .filter_map(|(finding, f)| {
            f.span.map(|span| Mark {
                span,
                finding,
                rank: severity_rank(f.severity),
            })
        })
        .collect()
}

/// Scrolls `container` so that the selected mark (or line) is in its middle, and brings the
/// container itself into view when it is off screen.
fn scroll_to_selection(container: &web_sys::Element) {
    let target = container
        .query_selector(".is-selected-mark")
        .ok()
        .flatten()
        .or_else(|| container.query_selector(".line.is-selected").ok().flatten());
    let Some(target) = target.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) else {
        return;
    };
    let top = target.offset_top() - container.client_height() / 2 + target.offset_height() / 2;
    container.set_scroll_top(top.max(0));
    // Move the page only when the XML view is out of sight (one-column layouts).
    let viewport = gloo::utils::window()
        .inner_height()
        .ok()
        .and_then(|height| height.as_f64())
        .unwrap_or(f64::MAX);
    let rect = container.get_bounding_client_rect();
    if rect.bottom() < 40.0 || rect.top() > viewport - 40.0 {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Center);
        options.set_behavior(web_sys::ScrollBehavior::Smooth);
        container.scroll_into_view_with_scroll_into_view_options(&options);
    }
}

/// "Back to finding" (a click in the XML pane that reaches it): gives the selected finding the
/// focus, which brings it back into view (one-column layouts, where showing its place in the
/// XML scrolled the page away from it).
fn back_to_finding(event: MouseEvent) {
    let document = gloo::utils::document();
    if super::findings_list::clicked_item(&event, "[data-action=\"back-to-finding\"]").is_some()
        && let Ok(Some(head)) = document.query_selector(".finding.is-selected .finding-head")
        && let Ok(head) = head.dyn_into::<web_sys::HtmlElement>()
    {
        let _ = head.focus();
    }
}

/// The "Back to finding" button (static: see [`back_to_finding`]).
const BACK_TO_FINDING: &str = r#"<button type="button" class="mini back-to-finding" data-action="back-to-finding">↑ Back to finding</button>"#;

/// A region covered by a signature: its lines, and the core's verdict on the signature.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Signed {
    first_line: usize,
    last_line: usize,
    hold: Hold,
}

/// How a signature holds, from the core's verdict, ordered from best to worst (overlapping
/// regions show the worst).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Hold {
    /// Verifies with a trusted key.
    Trusted,
    /// Verifies with the key the message carries; no trust anchor was given.
    KeyUnchecked,
    /// Cannot be verified here (an algorithm or transform, or no key).
    Unverifiable,
    /// Verifies, but not with the trusted key.
    Untrusted,
    /// The cryptography fails: digest or signature value.
    Broken,
}

impl Hold {
    const fn of(verdict: Verdict) -> Self {
        match verdict {
            Verdict::Valid => Self::Trusted,
            Verdict::ValidUntrusted => Self::KeyUnchecked,
            Verdict::Unsupported => Self::Unverifiable,
            Verdict::Untrusted => Self::Untrusted,
            Verdict::Invalid => Self::Broken,
        }
    }

    /// The line's class and `data-signed` value.
    const fn line(self) -> (&'static str, &'static str) {
        match self {
            Self::Trusted => (" is-signed", "valid"),
            Self::KeyUnchecked => (" is-signed", "valid-untrusted"),
            Self::Unverifiable => (" is-signed-unknown", "unsupported"),
            Self::Untrusted => (" is-signed-bad", "untrusted"),
            Self::Broken => (" is-signed-bad", "invalid"),
        }
    }

    /// The pane's legend.
    const fn legend(self) -> &'static str {
        match self {
            Self::Trusted => {
                "<span class=\"signed-legend\" data-hold=\"valid\">▍ signed region (trusted key)</span>"
            }
            Self::KeyUnchecked => {
                "<span class=\"signed-legend\" data-hold=\"valid-untrusted\">▍ signed region (key not checked: no certificate given)</span>"
            }
            Self::Unverifiable => {
                "<span class=\"signed-legend is-unknown\" data-hold=\"unsupported\">▍ signed region (not verifiable here)</span>"
            }
            Self::Untrusted => {
                "<span class=\"signed-legend is-bad\" data-hold=\"untrusted\">▍ signed region (not by the trusted key)</span>"
            }
            Self::Broken => {
                "<span class=\"signed-legend is-bad\" data-hold=\"invalid\">▍ signed region (signature does not hold)</span>"
            }
        }
    }
}

fn signed_regions(inspection: &Inspection) -> Vec<Signed> {
    let report = &inspection.report;
    let Some(doc) = report.document.as_ref() else {
        return Vec::new();
    };
    report
        .signatures
        .iter()
        .filter_map(|s| {
            let span = doc.span(s.target?);
            Some(Signed {
                first_line: inspection.line_of(span.start),
                last_line: inspection.line_of(span.end.saturating_sub(1).max(span.start)),
                hold: Hold::of(s.verdict),
            })
        })
        .collect()
}

/// Copies `text` to the clipboard, then says so in `said` ("Copied the decoded XML", or that
/// the browser refused) for a moment: on screen and in a polite live region.
fn copy_text(text: &str, what: &'static str, said: UseStateHandle<Option<String>>) {
    crate::copy::write(
        text,
        Box::new(move |done| {
            said.set(Some(
                if done {
                    what
                } else {
                    "Could not copy: the browser refused the clipboard"
                }
                .to_owned(),
            ));
            gloo::timers::callback::Timeout::new(2500, move || said.set(None)).forget();
        }),
    );
}

/// Offers `text` as a download named `name`, from memory (a Blob URL; nothing is sent).
fn download(text: &str, name: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("application/xml;charset=utf-8");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let document = gloo::utils::document();
    if let Ok(element) = document.create_element("a")
        && let Ok(anchor) = element.dyn_into::<web_sys::HtmlAnchorElement>()
    {
        anchor.set_href(&url);
        anchor.set_download(name);
        anchor.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

/// A button of the Exact / Pretty switch.
fn mode_button(
    mode: &'static str,
    label: &'static str,
    on: bool,
    onclick: Callback<MouseEvent>,
) -> Html {
    html! {
        <button
            type="button"
            class={if on { "seg is-on" } else { "seg" }}
            aria-pressed={if on { "true" } else { "false" }}
            data-xml-mode={mode}
            {onclick}
        >
            { label }
        </button>
    }
}

/// `text` escaped, its carriage returns written `&#13;`: the HTML parser would turn a raw one
/// into a line feed, where a text node keeps it.
fn text_keeping_cr(m: &mut Markup, text: &str) {
    let mut parts = text.split('\r');
    if let Some(first) = parts.next() {
        m.text(first);
    }
    for part in parts {
        m.tag("&#13;").text(part);
    }
}

/// The lines of the window, coloured and marked: `<div class="line" data-line="N">` each, with
/// its text in `<span class="code">`. Markup rather than nodes: a big message has thousands of
/// lines and tokens. (Lines never hold a carriage return: it ends them.)
fn lines_markup(
    inspection: &Inspection,
    win: Window,
    selected: Option<usize>,
    signed: &[Signed],
    marks: &[Mark],
) -> Markup {
    let report = &inspection.report;
    let text = report.text();
    let (start, end) = win.bytes;
    let runs = match text.get(start..end) {
        Some(slice) if end - start <= MAX_HIGHLIGHT_BYTES => tokenize(slice, start),
        _ => Vec::new(),
    };
    // Lines touched by the selected span, and lines where some finding starts (gutter dots).
    let selected_lines = selected
        .and_then(|i| report.findings.get(i))
        .and_then(|f| f.span)
        .map(|span| {
            let first = inspection.line_of(span.start);
            let last = inspection.line_of(span.end.saturating_sub(1).max(span.start));
            first..=last
        });
    // (Only searched, never in order: no sort, which would add a sort routine to the wasm.)
    let starts: Vec<(usize, u8)> = marks
        .iter()
        .map(|m| (inspection.line_of(m.span.start), m.rank))
        .collect();

    let mut m = Markup::new();
    let mut cursor = 0;
    for number in win.first_line..=win.last_line {
        let span = inspection.lines.line_span(text, number);
        let end = span.end.min(win.bytes.1);
        let start = span.start.min(end);
        let dot = starts
            .iter()
            .filter(|(line, _)| *line == number)
            .map(|(_, rank)| *rank)
            .max();
        let region = signed
            .iter()
            .filter(|r| (r.first_line..=r.last_line).contains(&number))
            .map(|r| r.hold)
            .max();
        m.tag("<div class=\"line");
        if let Some(rank) = dot {
            m.tag(DOT_CLASSES[usize::from(rank)]);
        }
        if selected_lines
            .as_ref()
            .is_some_and(|lines| lines.contains(&number))
        {
            m.tag(" is-selected");
        }
        m.tag(region.map_or("", |h| h.line().0));
        m.tag("\" data-line=\"");
        let _ = write!(m, "{number}");
        if let Some(hold) = region {
            m.wrap("\" data-signed=\"", hold.line().1, "");
        }
        m.tag("\"><span class=\"code\">");
        for seg in segments(start..end, &runs, &mut cursor, marks, selected) {
            let piece = text.get(seg.start..seg.end).unwrap_or("");
            let token_class = seg.token.class();
            if let Some(i) = seg.mark {
                let mark = marks[i];
                m.tag("<mark class=\"");
                if let Some(class) = token_class {
                    m.tag(class).tag(" ");
                }
                m.tag(RANK_CLASSES[usize::from(mark.rank)]);
                if Some(mark.finding) == selected {
                    m.tag(" is-selected-mark");
                }
                m.wrap("\">", piece, "</mark>");
            } else if let Some(class) = token_class {
                m.tag("<span class=\"").tag(class);
                m.wrap("\">", piece, "</span>");
            } else {
                m.text(piece);
            }
        }
        m.tag("</span></div>");
    }
    m
}

/// The exact-text view, with a pretty (re-indented) alternative, copy and download.
#[component]
pub fn XmlView(props: &XmlViewProps) -> Html {
    let inspection = &props.inspection;
    let report = &inspection.report;
    let text = report.text();
    let container = use_node_ref();
    let pretty_mode = use_state(|| false);
    // What was just copied, said on screen and to assistive technology.
    // (An `Option<String>` state, as in other components: no new copy of Yew's state code.)
    let copied = use_state(|| None::<String>);
    // What depends on the inspection alone: the signed regions and the findings' marks.
    let regions_and_marks = use_memo(inspection.clone(), |inspection| {
        (signed_regions(inspection), marks_of(inspection))
    });
    let signed = &regions_and_marks.0;
    let pretty_text: Rc<Option<String>> =
        use_memo((inspection.clone(), *pretty_mode), |(inspection, on)| {
            if *on {
                inspection
                    .report
                    .document
                    .as_ref()
                    .and_then(samlscope_core::xml::pretty)
            } else {
                None
            }
        });
    let can_pretty = report
        .document
        .as_ref()
        .is_some_and(|d| d.text().len() <= samlscope_core::xml::MAX_PRETTY_BYTES);
    let pretty = *pretty_mode && can_pretty;

    let focus_line = props
        .selected
        .and_then(|i| report.findings.get(i))
        .and_then(|f| f.span)
        .map(|span: Span| inspection.line_of(span.start));
    let win: Window = window(&inspection.lines, text, focus_line);

    // The lines, built again only when what they show changes (not when "Copied" comes and
    // goes); the same markup leaves the DOM as it is.
    let lines: Rc<Html> = {
        let regions_and_marks = regions_and_marks.clone();
        use_memo(
            (inspection.clone(), win, props.selected, pretty),
            move |(inspection, win, selected, pretty)| {
                if *pretty {
                    return Html::default();
                }
                let (signed, marks) = &*regions_and_marks;
                markup_html(lines_markup(inspection, *win, *selected, signed, marks))
            },
        )
    };

    {
        let container = container.clone();
        use_effect_with((props.selected, props.focus_seq), move |(selected, _)| {
            if selected.is_some()
                && let Some(element) = container.cast::<web_sys::Element>()
            {
                scroll_to_selection(&element);
            }
        });
    }

    let title = if report.document.is_some()
        || text
            .trim_start_matches('\u{feff}')
            .trim_start()
            .starts_with('<')
    {
        "Decoded XML"
    } else {
        "Decoded text"
    };

    let set_mode = |on: bool| {
        let pretty_mode = pretty_mode.clone();
        Callback::from(move |_: MouseEvent| pretty_mode.set(on))
    };
    let on_copy = {
        let copied = copied.clone();
        let (value, what) = match (&*pretty_text, *pretty_mode) {
            (Some(pretty), true) => (pretty.clone(), "Copied the pretty-printed XML"),
            _ if title == "Decoded XML" => (text.to_owned(), "Copied the decoded XML"),
            _ => (text.to_owned(), "Copied the decoded text"),
        };
        Callback::from(move |_: MouseEvent| copy_text(&value, what, copied.clone()))
    };
    let on_download = {
        let value = text.to_owned();
        let name = if report.document.is_some() {
            "samlscope-decoded.xml"
        } else {
            "samlscope-decoded.txt"
        };
        Callback::from(move |_: MouseEvent| download(&value, name))
    };

    // The title, and the size with the legend of signed regions.
    let mut head = Markup::new();
    head.tag("<h2 id=\"xml-title\" class=\"pane-title\">")
        .tag(title)
        .tag("</h2><p class=\"pane-meta\">");
    let _ = write!(
        head,
        "{} {} · {}",
        win.total_lines,
        if win.total_lines == 1 {
            "line"
        } else {
            "lines"
        },
        byte_size(text.len())
    );
    if let Some(worst) = signed.iter().map(|r| r.hold).max() {
        head.tag(worst.legend());
    }
    head.tag("</p>");

    let body = if pretty {
        let mut m = Markup::new();
        // The parser drops a line feed right after `<pre>`: this one, so that the text's own
        // first line feed (if any) stays.
        m.tag(PRETTY_NOTE).tag(
            "<pre class=\"xml xml-pretty\" tabindex=\"0\" aria-label=\"Pretty-printed XML\" data-view=\"pretty\">\n",
        );
        // At most as much as the exact view renders at once (deep nesting re-indented can be
        // tens of megabytes); Copy and Download give all of it.
        let full = pretty_text.as_deref().unwrap_or_default();
        let shown = first_lines(full, MAX_LINES, MAX_BYTES);
        text_keeping_cr(&mut m, shown);
        m.tag("</pre>");
        if shown.len() < full.len() {
            m.tag("<p class=\"xml-note\" role=\"note\">");
            let _ = write!(
                m,
                "Showing the first {} of {} lines of the pretty view: it renders at most {MAX_LINES} lines or {} at once. Copy and Download give all of it.",
                shown.lines().count(),
                full.lines().count(),
                byte_size(MAX_BYTES)
            );
            m.tag("</p>");
        }
        markup_html(m)
    } else {
        // Yew's element (not markup), so that a live region's text changes in place.
        let note = (!win.is_complete()).then(|| {
            let shown = win.last_line - win.first_line + 1;
            let mut note = if win.first_line == 1 {
                format!("Showing the first {shown} of {} lines", win.total_lines)
            } else {
                format!(
                    "Showing lines {}–{} of {}",
                    win.first_line, win.last_line, win.total_lines
                )
            };
            let _ = write!(
                note,
                " ({}{}): the view renders at most {} lines or {} at once. \
                 Findings further down open their part of the text.",
                byte_size(win.bytes.1 - win.bytes.0),
                if win.cut {
                    ", the last one cut short"
                } else {
                    ""
                },
                MAX_LINES,
                byte_size(MAX_BYTES),
            );
            html! { <p class="xml-note" role="status">{ note }</p> }
        });
        html! {
            <>
                { for note }
                <div class="xml" ref={container} tabindex="0" aria-label={title} data-view="exact">
                    { (*lines).clone() }
                </div>
            </>
        }
    };

    html! {
        <section class="xml-pane" aria-labelledby="xml-title" onclick={Callback::from(back_to_finding)}>
            <div class="pane-bar">
                { markup_html(head) }
                <div class="pane-actions">
                    // Shown in one-column layouts only (CSS), where the finding is out of view.
                    { if props.selected.is_some() { static_html(BACK_TO_FINDING) } else { Html::default() } }
                    if can_pretty {
                        <div class="segmented" role="group" aria-label="XML view">
                            { mode_button("exact", "Exact", !*pretty_mode, set_mode(false)) }
                            { mode_button("pretty", "Pretty", *pretty_mode, set_mode(true)) }
                        </div>
                    }
                    <button type="button" class="mini" data-action="copy-xml" onclick={on_copy}>
                        { if copied.as_ref().is_some_and(|said| said.starts_with("Copied")) { "Copied" } else { "Copy" } }
                    </button>
                    <button type="button" class="mini" data-action="download-xml" onclick={on_download}>{ "Download" }</button>
                </div>
            </div>
            { body }
            // Always there (empty), so that a change is announced.
            <p class="copy-toast" role="status" data-view="copy-status">{ (*copied).clone().unwrap_or_default() }</p>
        </section>
    }
}
