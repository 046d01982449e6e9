//! The page's components, each small and fed by props (no global state).

pub mod acceptance_view;
pub mod claims_view;
pub mod clock_picker;
pub mod config_drawer;
pub mod empty_state;
pub mod error_text_view;
pub mod examples_menu;
pub mod findings_list;
pub mod har_flow;
pub mod header;
pub mod input_pane;
pub mod rules_reference;
pub mod share_menu;
pub mod signatures_view;
pub mod summary_view;
pub mod theme_toggle;
pub mod timeline_view;
pub mod verdict;
pub mod xml_view;

use samlscope_core::Severity;
use yew::prelude::*;

use crate::format::code_spans;
pub use crate::format::{byte_size, count_words};
use crate::markup::Markup;

/// The severities in display order, most severe first.
pub const SEVERITIES: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

/// The heading of a severity group.
pub const fn severity_title(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "Errors",
        Severity::Warning => "Warnings",
        Severity::Info => "Info",
    }
}

/// 2 for errors, 1 for warnings, 0 for info (the order of the view's marks).
pub const fn severity_rank(severity: Severity) -> u8 {
    match severity {
        Severity::Error => 2,
        Severity::Warning => 1,
        Severity::Info => 0,
    }
}

/// `text` with the parts in backticks as `<code>` (rule docs, hints).
pub(crate) fn inline(text: &str) -> Html {
    let pieces = code_spans(text).into_iter().map(|(code, piece)| {
        if code {
            html! { <code>{ piece.to_owned() }</code> }
        } else {
            html! { piece.to_owned() }
        }
    });
    html! { <>{ for pieces }</> }
}

/// Markup that never changes (no handler, nothing from the message), given as an HTML string:
/// Yew inserts it as is, which takes far less code than building the same nodes one by one
/// with `html!`. Only for constants of this crate, written without whitespace between tags
/// (`html!` drops that whitespace too, so the DOM is the same). Yew parses the string in a
/// `<div>`, so it must not start with table parts (`<thead>`, `<tr>`, `<td>`…): the parser
/// drops those there.
pub(crate) const fn static_html(markup: &'static str) -> Html {
    Html::VRaw(yew::virtual_dom::VRaw {
        html: AttrValue::Static(markup),
    })
}

/// Markup written with [`Markup`] as a Yew node. Yew parses it inside a `<div>`, so it must
/// not start with table parts (`<thead>`, `<tr>`, `<td>`…), which the parser drops there.
pub(crate) fn markup_html(markup: Markup) -> Html {
    if markup.is_empty() {
        return Html::default();
    }
    Html::VRaw(yew::virtual_dom::VRaw {
        html: AttrValue::from(markup.into_string()),
    })
}
