//! "Times judged at: [now ▾] 2026-12-07T19:22:03Z": the one clock every time check, the
//! summary's times, the Conditions timeline and the clock-skew view use, chosen by the user.
//!
//! Written as [`Markup`] (a select, and for a chosen time its input); the `change` events are
//! read by the verdict's one listener through [`chosen`].

use samlscope_core::{Clock, Timestamp};
use wasm_bindgen::JsCast;

use crate::markup::Markup;
use crate::state::{ClockChoice, Inspection};

/// The `<select>` value of a clock.
const fn value(clock: Clock) -> &'static str {
    match clock {
        Clock::Now | Clock::Capture => "now",
        Clock::IssueInstant => "issue-instant",
        Clock::Custom => "custom",
    }
}

/// Writes the clock selector, the time it stands for and, for a chosen time, its input (UTC,
/// to the second).
pub fn clock_picker(m: &mut Markup, inspection: &Inspection, clock: ClockChoice) {
    let report = &inspection.report;
    let judged_at = report.judged_at.to_string();
    m.wrap(
        "<div class=\"clock\" data-view=\"clock\" data-clock=\"",
        report.clock.words(),
        "\"><label for=\"clock-basis\">Times judged at</label><select id=\"clock-basis\" class=\"clock-select\" data-action=\"clock\">",
    );
    let chosen = value(clock.basis);
    let now = if inspection.har.is_some() {
        "the capture time"
    } else {
        "now"
    };
    for (v, label) in [
        ("now", now),
        ("issue-instant", "the message's IssueInstant"),
        ("custom", "a time you choose (UTC)"),
    ] {
        m.wrap("<option value=\"", v, "\"");
        m.tag(if v == chosen { " selected>" } else { ">" });
        m.text(label).tag("</option>");
    }
    m.tag("</select>");
    if clock.basis == Clock::Custom {
        m.wrap(
            "<input type=\"datetime-local\" step=\"1\" class=\"clock-custom\" data-action=\"clock-custom\" aria-label=\"Time to judge at (UTC)\" value=\"",
            judged_at.get(..19).unwrap_or(&judged_at),
            "\">",
        );
    } else {
        m.wrap("<time class=\"clock-at\" datetime=\"", &judged_at, "\">");
        m.text(&judged_at).tag("</time>");
    }
    if clock.basis == Clock::IssueInstant && report.clock != Clock::IssueInstant {
        m.tag("<span class=\"clock-note\">(the message has no IssueInstant: judged now)</span>");
    }
    m.tag("</div>");
}

/// The clock a `change` event of the picker chose (`judged_at` starts a chosen time), or
/// `None` for another element's event.
pub fn chosen(event: &web_sys::Event, judged_at: Timestamp) -> Option<ClockChoice> {
    let target = event.target()?.dyn_into::<web_sys::Element>().ok()?;
    match target.get_attribute("data-action")?.as_str() {
        "clock" => {
            let select = target.dyn_into::<web_sys::HtmlSelectElement>().ok()?;
            let basis = match select.value().as_str() {
                "issue-instant" => Clock::IssueInstant,
                "custom" => Clock::Custom,
                _ => Clock::Now,
            };
            Some(ClockChoice {
                basis,
                custom: (basis == Clock::Custom).then_some(judged_at),
            })
        }
        "clock-custom" => {
            let input = target.dyn_into::<web_sys::HtmlInputElement>().ok()?;
            Some(ClockChoice {
                basis: Clock::Custom,
                custom: Some(Timestamp::parse(&format!("{}Z", input.value()))?),
            })
        }
        _ => None,
    }
}
