//! "Would your SP accept it?": the core's prediction for each SP implementation (with its
//! default settings), the rules behind a rejection and the line it logs. The user's SP software,
//! when configured, comes first. Written as [`Markup`]: it only shows what the core predicted.

use std::fmt::Write as _;
use std::rc::Rc;

use samlscope_core::sps::{self, Acceptance, Verdict};
use yew::prelude::*;

use super::markup_html;
use crate::markup::Markup;
use crate::state::Inspection;

/// Props of [`AcceptanceView`].
#[derive(Properties, PartialEq)]
pub struct AcceptanceViewProps {
    /// The inspection shown.
    pub inspection: Rc<Inspection>,
}

/// The table of predicted verdicts (nothing for what is not a Response).
#[component]
pub fn AcceptanceView(props: &AcceptanceViewProps) -> Html {
    let inspection = &props.inspection;
    let mut m = Markup::new();
    table(
        &mut m,
        &inspection.acceptance,
        inspection.report.sp_software.as_deref(),
    );
    markup_html(m)
}

fn table(m: &mut Markup, all: &[Acceptance], yours: Option<&str>) {
    if all.is_empty() {
        return;
    }
    let mut rows: Vec<&Acceptance> = all.iter().collect();
    // Yours first, then those that reject, then the rest, each group in key order.
    rows.sort_by_key(|a| {
        (
            Some(a.sp) != yours,
            a.verdict != Verdict::Rejects,
            a.verdict != Verdict::Unknown,
            a.sp,
        )
    });
    let rejecting = all.iter().filter(|a| a.verdict == Verdict::Rejects).count();
    m.tag(concat!(
        "<section class=\"card view-card\" aria-labelledby=\"acceptance-title\" ",
        "data-view=\"acceptance\"><h3 id=\"acceptance-title\" class=\"card-title\">",
        "Would the SP accept it?<span class=\"card-note\">"
    ));
    let _ = write!(
        m,
        "{rejecting} of {} SP implementations reject it, with their default settings",
        all.len()
    );
    m.tag(concat!(
        "</span></h3><div class=\"table-scroll\"><table class=\"skew-table acceptance-table\">",
        "<thead><tr><th scope=\"col\">Implementation</th><th scope=\"col\">Verdict</th>",
        "<th scope=\"col\">Because</th><th scope=\"col\">What it logs</th></tr></thead><tbody>"
    ));
    for a in rows {
        let name = sps::find(a.sp).map_or(a.sp, |s| s.name);
        let (class, word) = match a.verdict {
            Verdict::Accepts => ("is-accepted", "accepts"),
            Verdict::Rejects => ("is-rejected", "rejects"),
            Verdict::Unknown => ("is-unknown", "not known"),
        };
        m.wrap("<tr class=\"skew-row ", class, "\" data-sp=\"");
        m.text(a.sp);
        m.wrap(
            "\" data-verdict=\"",
            word,
            "\"><th scope=\"row\" class=\"skew-lib\">",
        );
        m.text(name);
        if Some(a.sp) == yours {
            m.tag(" <span class=\"tag\">your SP</span>");
        }
        m.wrap("</th><td><span class=\"skew-verdict ", class, "\">");
        m.text(word)
            .tag("</span></td><td class=\"acceptance-because\">");
        for (i, rule) in a.because.iter().enumerate() {
            if i > 0 {
                m.tag(", ");
            }
            m.wrap("<code>", rule, "</code>");
        }
        m.tag("</td><td class=\"skew-why\">");
        if let Some(message) = &a.message {
            if a.verdict == Verdict::Unknown {
                m.prose(message);
            } else {
                m.wrap("<code>", message, "</code>");
            }
        }
        m.tag("</td></tr>");
    }
    m.tag("</tbody></table></div></section>");
}

/// "Rejected by python3-saml, node-saml and 9 more": the implementations that reject the
/// message because of `rule`, for its finding's card.
pub(crate) fn rejected_by(m: &mut Markup, all: &[Acceptance], rule: &str) {
    const LISTED: usize = 4;
    let names: Vec<&str> = all
        .iter()
        .filter(|a| a.verdict == Verdict::Rejects && a.because.contains(&rule))
        .map(|a| a.sp)
        .collect();
    if names.is_empty() {
        return;
    }
    m.tag("<p class=\"finding-sps\" data-view=\"rejected-by\"><span class=\"help-label\">Rejected by: </span>");
    m.text(
        &names
            .iter()
            .take(LISTED)
            .copied()
            .collect::<Vec<_>>()
            .join(", "),
    );
    if names.len() > LISTED {
        let _ = write!(m, " and {} more", names.len() - LISTED);
    }
    let _ = write!(m, " (of {})", all.len());
    m.tag("</p>");
}
