//! The line at the top of the results: what was detected, the decoding trail, the counts.

use std::fmt::Write as _;

use yew::prelude::*;

use super::{SEVERITIES, byte_size, count_words, markup_html};
use crate::format::duration;
use crate::markup::Markup;
use crate::state::Inspection;

/// "Detected: base64 SAML Response", the trail as a breadcrumb, and the counts. A plain
/// function written as [`Markup`]: it only shows the Report.
pub fn verdict(inspection: &Inspection) -> Html {
    let report = &inspection.report;
    let mut m = Markup::new();
    m.tag(concat!(
        "<section class=\"verdict\" aria-label=\"What was detected\">",
        "<p class=\"eyebrow\">Detected</p><p class=\"detected\" data-kind=\""
    ));
    m.text(report.kind.id()).tag("\" aria-live=\"polite\">");
    m.text(&report.detected());
    m.tag("</p><nav aria-label=\"Decoding trail\"><ol class=\"trail\">");
    for step in report.trail().split(" → ") {
        m.wrap("<li>", step, "</li>");
    }
    m.tag(concat!(
        "</ol></nav><div class=\"verdict-foot\">",
        "<ul class=\"counts\" aria-label=\"Findings by severity\">"
    ));
    for severity in SEVERITIES {
        let count = report.count(severity);
        m.wrap("<li class=\"count sev-", severity.as_str(), "");
        m.tag(if count == 0 { " is-zero\">" } else { "\">" });
        m.text(&count_words(count, severity)).tag("</li>");
    }
    m.tag("</ul><p class=\"meta\">");
    let _ = write!(
        m,
        "{} input · inspected in {}",
        byte_size(report.input_len),
        duration(inspection.took_ms)
    );
    m.tag("</p></div>");
    not_checked(&mut m, report);
    m.tag("</section>");
    markup_html(m)
}

/// "Not checked: the Audience against the Identifier (Entity ID), … — why": what the counts
/// above do not cover (an encrypted assertion without its key), one line per reason.
fn not_checked(m: &mut Markup, report: &samlscope_core::Report) {
    for (why, what) in report.not_checked_by_reason() {
        m.tag("<p class=\"not-checked\" data-view=\"not-checked\"><strong>Not checked:</strong> ");
        m.text(&what.join(", "));
        m.text(" — ");
        m.text(why);
        m.tag("</p>");
    }
}
