//! The findings, grouped by severity (errors first); clicking one shows its span in the XML.
//!
//! Written as [`Markup`] from the inspection alone: the selection is not in the markup but set
//! on the elements by an effect (`is-selected`, `aria-pressed`), so that selecting keeps the
//! same nodes (and the keyboard focus on the clicked button). One click handler on the section
//! finds the clicked finding by its `data-index`.

use std::fmt::Write as _;
use std::rc::Rc;

use samlscope_core::time::duration_words;
use samlscope_core::triage::{Card, OldCopy};
use samlscope_core::{Clock, Finding, Setting};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::{SEVERITIES, markup_html, severity_title};
use crate::markup::Markup;
use crate::rule_docs::docs_href;
use crate::state::{ClockChoice, Inspection};

/// Props of [`FindingsList`].
#[derive(Properties, PartialEq)]
pub struct FindingsListProps {
    /// The inspection shown.
    pub inspection: Rc<Inspection>,
    /// The selected finding.
    pub selected: Option<usize>,
    /// A finding was clicked (its index in the report).
    pub on_select: Callback<usize>,
    /// Judge the times at another clock (the old-copy note's button).
    pub on_clock: Callback<ClockChoice>,
}

/// The badge, code and name of a finding's head (its `<button>` is opened by the caller and
/// closed after, with what else it shows).
pub(crate) fn finding_head(m: &mut Markup, finding: &Finding) {
    m.wrap(
        "<span class=\"sev-badge\">",
        finding.severity.as_str(),
        "</span>",
    );
    m.wrap("<code class=\"finding-code\">", finding.code(), "</code>");
    m.wrap("<span class=\"finding-name\">", finding.name(), "</span>");
}

/// A finding's message and its fix, when it has one.
pub(crate) fn finding_text(m: &mut Markup, finding: &Finding) {
    m.tag("<p class=\"finding-message\">")
        .prose(&finding.message)
        .tag("</p>");
    if let Some(help) = &finding.help {
        m.tag("<p class=\"finding-help\"><span class=\"help-label\">Fix: </span>")
            .prose(help)
            .tag("</p>");
    }
}

/// Opens `<li class="finding sev-…" data-finding="…" data-severity="…"`, left open for more
/// attributes.
pub(crate) fn finding_open(m: &mut Markup, finding: &Finding) {
    let severity = finding.severity.as_str();
    m.wrap("<li class=\"finding sev-", severity, "\" data-finding=\"");
    m.text(finding.name())
        .wrap("\" data-severity=\"", severity, "\"");
}

fn finding_item(m: &mut Markup, inspection: &Inspection, card: &Card) {
    let index = card.finding;
    let finding = &inspection.report.findings[index];
    let position = finding.span.map(|span| inspection.position_of(span.start));
    finding_open(m, finding);
    m.tag(" data-index=\"");
    let _ = write!(m, "{index}");
    m.tag(if position.is_some() {
        "\"><button type=\"button\" class=\"finding-head\" aria-pressed=\"false\" title=\"Show in the XML\">"
    } else {
        "\"><button type=\"button\" class=\"finding-head\" aria-pressed=\"false\" title=\"\">"
    });
    finding_head(m, finding);
    if card.count > 1 {
        m.tag("<span class=\"group-times\">×");
        let _ = write!(m, "{}", card.count);
        m.tag("</span>");
    }
    if let (Some(on), Some((_, also))) = (card.on, card.also) {
        m.wrap("<span class=\"finding-parts\">on the ", on, " and the ");
        m.text(also).tag("</span>");
    }
    if let Some((line, column)) = position {
        m.tag("<span class=\"loc\">");
        let first = if card.count > 1 { "first at " } else { "" };
        let _ = write!(m, "{first}line {line}:{column}");
        m.tag("</span>");
    }
    m.tag("</button>");
    finding_text(m, finding);
    // The certificate a finding found where a trusted one was expected: its thumbprint,
    // ready to paste into the SP's configuration.
    if finding.setting == Some(Setting::IdpSigningCertificate) {
        new_thumbprint(m, finding);
    }
    super::acceptance_view::rejected_by(m, &inspection.acceptance, finding.rule.name);
    if let Some((other, part)) = card.also {
        also_item(m, inspection, other, part);
    }
    if !finding.labels.is_empty() {
        m.tag("<ul class=\"finding-labels\">");
        for label in &finding.labels {
            let (line, column) = inspection.position_of(label.span.start);
            m.tag("<li><span class=\"loc\">");
            let _ = write!(m, "line {line}:{column}");
            m.tag("</span> ").prose(&label.message).tag("</li>");
        }
        m.tag("</ul>");
    }
    if !card.rest.is_empty() {
        m.tag("<details class=\"finding-more\"><summary>");
        let _ = write!(m, "Show {} more", card.rest.len());
        m.tag("</summary><ul class=\"finding-items\">");
        for &other in &card.rest {
            finding_item(m, inspection, &Card::single(&inspection.report, other));
        }
        m.tag("</ul></details>");
    }
    m.wrap(
        "<a class=\"rule-docs\" href=\"",
        &docs_href(finding.rule.name),
        "\" target=\"_blank\" rel=\"noopener\">",
    );
    let _ = write!(m, "About {} ({})", finding.name(), finding.code());
    m.tag("<span class=\"visually-hidden\"> (rule reference, opens in a new tab)</span></a></li>");
}

/// "The new certificate's thumbprint: 80AC… [Copy]": the certificate a finding's evidence found
/// where a trusted one was expected (a rollover), as the SHA-1 thumbprint IdPs show and apps
/// ask for, ready to paste into the app (the finding's fix says how it takes it).
fn new_thumbprint(m: &mut Markup, finding: &Finding) {
    let Some(found) = finding.evidence.as_ref().and_then(|e| e.found.as_ref()) else {
        return;
    };
    m.tag("<p class=\"finding-copy\" data-view=\"new-thumbprint\"><span class=\"help-label\">New certificate’s thumbprint (SHA-1): </span><code>");
    m.text(&found.value).tag("</code> ");
    crate::copy::button(
        m,
        &found.value,
        "new certificate's thumbprint",
        "new-thumbprint",
    );
    m.tag("</p>");
}

/// The same rule's finding on the other part of the message, said in its card: where, and
/// its own words (clicking it shows it in the XML).
fn also_item(m: &mut Markup, inspection: &Inspection, index: usize, part: &str) {
    let finding = &inspection.report.findings[index];
    m.tag("<p class=\"finding-also\" data-index=\"");
    let _ = write!(m, "{index}");
    m.wrap(
        "\" title=\"Show in the XML\"><span class=\"help-label\">On the ",
        part,
        ": </span>",
    );
    m.prose(&finding.message);
    if let Some(span) = finding.span {
        let (line, column) = inspection.position_of(span.start);
        m.tag(" <span class=\"loc\">");
        let _ = write!(m, "line {line}:{column}");
        m.tag("</span>");
    }
    m.tag("</p>");
}

/// The note gathering an old copy's time findings: how old it is, that its time checks fail
/// as expected, a button to judge it at its IssueInstant, and the findings, folded.
fn old_copy_note(m: &mut Markup, inspection: &Inspection, old: &OldCopy) {
    m.tag(concat!(
        "<section class=\"old-copy\" data-view=\"old-copy\" aria-labelledby=\"old-copy-title\">",
        "<h3 class=\"group-title\" id=\"old-copy-title\">Expected of an old copy</h3>",
        "<p class=\"old-copy-text\"><strong>"
    ));
    let _ = write!(m, "This message is {} old", duration_words(old.age_seconds));
    m.tag("</strong> ");
    let _ = write!(
        m,
        "(issued {}, valid for {}): every time check fails, as expected for a copy inspected after the sign-in. ",
        old.issued,
        duration_words(old.lifetime_seconds)
    );
    m.tag(concat!(
        "<button type=\"button\" class=\"link-button\" data-action=\"judge-at-issue-instant\">",
        "Judge its times at its IssueInstant</button></p>",
        "<details class=\"old-copy-findings\"><summary>"
    ));
    let _ = write!(m, "The {} time findings", old.findings.len());
    m.tag("</summary><ul class=\"finding-items\">");
    for &index in &old.findings {
        finding_item(m, inspection, &Card::single(&inspection.report, index));
    }
    m.tag("</ul></details></section>");
}

/// The findings' markup in the core's triage order: grouped by severity, each problem once,
/// an old copy's time findings in one note after the errors and warnings; none selected.
fn findings_markup(inspection: &Inspection) -> Markup {
    let findings = &inspection.report.findings;
    let triage = &inspection.triage;
    let mut m = Markup::new();
    m.tag("<h2 id=\"findings-title\" class=\"section-title\">Findings</h2>");
    if findings.is_empty() {
        m.tag("<p class=\"muted no-findings\">No findings.</p>");
        return m;
    }
    for severity in SEVERITIES {
        if severity == samlscope_core::Severity::Info
            && let Some(old) = &triage.old_copy
        {
            old_copy_note(&mut m, inspection, old);
        }
        let cards: Vec<&Card> = triage
            .cards
            .iter()
            .filter(|c| findings[c.finding].severity == severity)
            .collect();
        let count = cards.len();
        if count == 0 {
            continue;
        }
        m.wrap(
            "<section class=\"finding-group sev-",
            severity.as_str(),
            "\"><h3 class=\"group-title\">",
        );
        m.tag(severity_title(severity))
            .tag("<span class=\"group-count\">");
        let _ = write!(m, "{count}");
        m.tag("</span></h3><ul class=\"finding-items\">");
        for card in cards {
            finding_item(&mut m, inspection, card);
        }
        m.tag("</ul></section>");
    }
    m
}

/// The click's target or its nearest ancestor that matches `selector`.
pub(crate) fn clicked_item(event: &MouseEvent, selector: &str) -> Option<web_sys::Element> {
    event
        .target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest(selector)
        .ok()
        .flatten()
}

/// The number in `attribute` of `element`.
pub(crate) fn index_attribute(element: &web_sys::Element, attribute: &str) -> Option<usize> {
    element.get_attribute(attribute)?.parse().ok()
}

/// Marks `item` (un)selected: `class` on it, `aria-pressed` on its button.
pub(crate) fn set_pressed(item: &web_sys::Element, class: &str, on: bool) {
    let _ = item.class_list().toggle_with_force(class, on);
    if let Ok(Some(button)) = item.query_selector("button") {
        let _ = button.set_attribute("aria-pressed", if on { "true" } else { "false" });
    }
}

/// All findings, grouped by severity.
#[component]
pub fn FindingsList(props: &FindingsListProps) -> Html {
    let section = use_node_ref();
    // Built again only for another inspection: the same markup keeps the same nodes.
    let list = use_memo(props.inspection.clone(), |inspection| {
        markup_html(findings_markup(inspection))
    });
    {
        let section = section.clone();
        use_effect_with(
            (props.inspection.clone(), props.selected),
            move |(_, selected)| {
                let Some(section) = section.cast::<web_sys::Element>() else {
                    return;
                };
                if let Ok(Some(old)) = section.query_selector(".finding.is-selected") {
                    set_pressed(&old, "is-selected", false);
                }
                if let Some(index) = selected
                    && let Ok(Some(item)) =
                        section.query_selector(&format!("[data-index=\"{index}\"]"))
                {
                    set_pressed(&item, "is-selected", true);
                    // A finding of the folded old-copy note: unfold it.
                    if let Ok(Some(details)) = item.closest("details") {
                        let _ = details.set_attribute("open", "");
                    }
                }
            },
        );
    }
    let onclick = {
        let on_select = props.on_select.clone();
        let on_clock = props.on_clock.clone();
        Callback::from(move |event: MouseEvent| {
            // Unfolding a group's other findings (or an old copy's) selects none of them.
            if clicked_item(&event, "summary").is_some() {
                return;
            }
            if clicked_item(&event, "[data-action=\"judge-at-issue-instant\"]").is_some() {
                on_clock.emit(ClockChoice {
                    basis: Clock::IssueInstant,
                    custom: None,
                });
                return;
            }
            if let Some(index) = clicked_item(&event, "[data-index]")
                .and_then(|item| index_attribute(&item, "data-index"))
            {
                on_select.emit(index);
            }
        })
    };
    html! {
        <section class="findings" aria-labelledby="findings-title" ref={section} {onclick}>
            { (*list).clone() }
        </section>
    }
}
