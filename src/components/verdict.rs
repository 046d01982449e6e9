//! The top of the results: the verdict line (the cause first), what was detected, the
//! decoding trail, the counts, what was not checked, an app profile to apply, and the clock.

use std::fmt::Write as _;

use samlscope_core::triage::Verdict as Said;
use samlscope_core::{Kind, Severity};
use yew::prelude::*;

use super::clock_picker::{chosen, clock_picker};
use super::findings_list::clicked_item;
use super::{SEVERITIES, byte_size, count_words, markup_html};
use crate::format::duration;
use crate::markup::Markup;
use crate::state::{ClockChoice, Inspection};

/// The verdict line, "Detected: base64 SAML Response", the trail as a breadcrumb, the counts,
/// the suggested app profile with its Apply button, and the clock picker: markup, with one
/// click and one change listener on the section for the buttons and the clock.
pub fn verdict(
    inspection: &Inspection,
    clock: ClockChoice,
    on_clock: &Callback<ClockChoice>,
    on_apply_profile: &Callback<String>,
) -> Html {
    let onclick = {
        let on_apply = on_apply_profile.clone();
        Callback::from(move |event: MouseEvent| {
            if let Some(button) = clicked_item(&event, "[data-action=\"apply-profile\"]")
                && let Some(name) = button.get_attribute("data-apply-profile")
            {
                on_apply.emit(name);
            }
        })
    };
    let onchange = {
        let on_clock = on_clock.clone();
        let judged_at = inspection.report.judged_at;
        Callback::from(move |event: Event| {
            if let Some(choice) = chosen(&event, judged_at) {
                on_clock.emit(choice);
            }
        })
    };
    let mut m = verdict_markup(inspection);
    clock_picker(&mut m, inspection, clock);
    html! {
        <section class="verdict" aria-label="Verdict" {onclick} {onchange}>
            { markup_html(m) }
        </section>
    }
}

/// Everything of the verdict but the clock picker.
fn verdict_markup(inspection: &Inspection) -> Markup {
    let report = &inspection.report;
    let mut m = Markup::new();
    verdict_line(&mut m, inspection);
    m.tag("<p class=\"eyebrow\">Detected</p><p class=\"detected\" data-kind=\"");
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
        let count = inspection.triage.count(report, severity);
        m.wrap("<li class=\"count sev-", severity.as_str(), "");
        m.tag(if count == 0 { " is-zero\">" } else { "\">" });
        m.text(&count_words(count, severity)).tag("</li>");
    }
    if let Some(old) = &inspection.triage.old_copy {
        m.tag("<li class=\"count sev-old\">");
        let _ = write!(m, "{} expected of an old copy", old.findings.len());
        m.tag("</li>");
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
    suggested_profile(&mut m, report);
    m
}

/// "Rejected: <the leading finding's words> (and 2 more problems)", or "Nothing wrong found
/// …": the core's verdict in one line.
fn verdict_line(m: &mut Markup, inspection: &Inspection) {
    let report = &inspection.report;
    let triage = &inspection.triage;
    let (class, id) = match triage.verdict {
        Said::Fails { .. } => ("sev-error", "fails"),
        Said::Doubtful { .. } => ("sev-warning", "doubtful"),
        Said::Unverified { .. } => ("sev-warning", "unverified"),
        Said::OldCopy => ("sev-old", "old-copy"),
        Said::Clean => ("sev-ok", "clean"),
    };
    m.wrap("<p class=\"verdict-line ", class, "\" data-verdict=\"");
    m.tag(id).tag("\"><strong>");
    m.text(triage.verdict.words(report.kind));
    m.tag(if triage.verdict.lead().is_some() {
        ":</strong> "
    } else if triage.old_copy.is_some() {
        "</strong> — "
    } else {
        "</strong> "
    });
    match triage.verdict.lead() {
        Some(lead) => {
            m.prose(&report.findings[lead].message);
            let more = (triage.count(report, Severity::Error)
                + triage.count(report, Severity::Warning))
            .saturating_sub(1);
            if more > 0 {
                m.tag(" <span class=\"verdict-more\">");
                let _ = write!(
                    m,
                    "(and {more} more {})",
                    if more == 1 { "problem" } else { "problems" }
                );
                m.tag("</span>");
            }
        }
        None if triage.old_copy.is_some() => {
            m.text("nothing else wrong found; its time checks fail only because it is old.");
        }
        None if !report.not_checked.is_empty() => {
            m.text("in what could be checked (see below).");
        }
        None if triage.configured => {
            m.text("against your configuration.");
        }
        None => {
            m.text(match report.kind {
                Kind::Response => "in the message itself. Nothing was checked against your configuration: set the Identifier, Reply URL and signing certificate in Configure.",
                Kind::AuthnRequest | Kind::LogoutRequest => "in the request itself. Nothing was checked against your configuration: set the Identifier and Reply URL in Configure.",
                _ => "",
            });
        }
    }
    m.tag("</p>");
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

/// "The URLs are TimeTrack's. [Apply its app profile]": the app profile the message's URLs
/// suggest, with the button that applies it (the configuration drawer offers it too).
fn suggested_profile(m: &mut Markup, report: &samlscope_core::Report) {
    let Some(profile) = report
        .configuration
        .suggested_profile
        .as_deref()
        .and_then(samlscope_core::profiles::find)
    else {
        return;
    };
    m.tag("<p class=\"suggested-profile\" data-view=\"suggested-profile\">The URLs are ");
    m.text(&profile.title);
    m.tag("’s: its Entra tutorial (“");
    m.text(&profile.tutorial);
    m.tag("”) says what to expect. ");
    m.wrap(
        "<button type=\"button\" class=\"tool tool-small\" data-action=\"apply-profile\" data-apply-profile=\"",
        &profile.name,
        "\">Apply the ",
    );
    m.text(&profile.title).tag(" profile</button></p>");
}
