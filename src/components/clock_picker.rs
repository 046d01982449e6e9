//! "Times judged at: [now ▾] 2026-12-07T19:22:03Z": the one clock every time check, the
//! summary's times, the Conditions timeline and the clock-skew view use, chosen by the user.

use samlscope_core::Timestamp;
use samlscope_core::context::Clock;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::state::{ClockChoice, Inspection};

/// Props of [`ClockPicker`].
#[derive(Properties, PartialEq)]
pub struct ClockPickerProps {
    /// The inspection shown (its Report says what the times were judged at).
    pub inspection: std::rc::Rc<Inspection>,
    /// The clock chosen.
    pub clock: ClockChoice,
    /// Another clock was chosen.
    pub on_clock: Callback<ClockChoice>,
}

/// The `<select>` value of a clock.
const fn value(clock: Clock) -> &'static str {
    match clock {
        Clock::Now | Clock::Capture => "now",
        Clock::IssueInstant => "issue-instant",
        Clock::Custom => "custom",
    }
}

/// `2026-12-07T19:22:03` (UTC, to the second): the value of a `datetime-local` input.
fn local_value(at: Timestamp) -> String {
    let text = at.to_string();
    text.get(..19).unwrap_or(&text).to_owned()
}

/// The clock selector, with the time it stands for and, for a chosen time, its input (UTC).
#[component]
pub fn ClockPicker(props: &ClockPickerProps) -> Html {
    let report = &props.inspection.report;
    let har = props.inspection.har.is_some();
    let judged_at = report.judged_at;
    let onchange = {
        let on_clock = props.on_clock.clone();
        Callback::from(move |event: Event| {
            let Some(select) = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok())
            else {
                return;
            };
            let basis = match select.value().as_str() {
                "issue-instant" => Clock::IssueInstant,
                "custom" => Clock::Custom,
                _ => Clock::Now,
            };
            on_clock.emit(ClockChoice {
                basis,
                custom: (basis == Clock::Custom).then_some(judged_at),
            });
        })
    };
    let on_custom = {
        let on_clock = props.on_clock.clone();
        Callback::from(move |event: Event| {
            let Some(input) = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            if let Some(at) = Timestamp::parse(&format!("{}Z", input.value())) {
                on_clock.emit(ClockChoice {
                    basis: Clock::Custom,
                    custom: Some(at),
                });
            }
        })
    };
    let chosen = value(props.clock.basis);
    // The select's value follows the state (the old-copy note's button changes it too): an
    // option's `selected` attribute no longer moves a select the user has touched.
    let select = use_node_ref();
    {
        let select = select.clone();
        use_effect_with(chosen, move |chosen| {
            if let Some(select) = select.cast::<web_sys::HtmlSelectElement>() {
                select.set_value(chosen);
            }
        });
    }
    let option = |v: &'static str, label: &'static str| {
        html! { <option value={v} selected={chosen == v}>{ label }</option> }
    };
    let fallback = props.clock.basis == Clock::IssueInstant && report.clock != Clock::IssueInstant;
    html! {
        <div class="clock" data-view="clock" data-clock={report.clock.words()}>
            <label for="clock-basis">{ "Times judged at" }</label>
            <select id="clock-basis" class="clock-select" ref={select} {onchange}>
                { option("now", if har { "the capture time" } else { "now" }) }
                { option("issue-instant", "the message's IssueInstant") }
                { option("custom", "a time you choose (UTC)") }
            </select>
            if props.clock.basis == Clock::Custom {
                <input
                    type="datetime-local"
                    step="1"
                    class="clock-custom"
                    aria-label="Time to judge at (UTC)"
                    value={local_value(judged_at)}
                    onchange={on_custom}
                />
            } else {
                <time class="clock-at" datetime={judged_at.to_string()}>{ judged_at.to_string() }</time>
            }
            if fallback {
                <span class="clock-note">{ "(the message has no IssueInstant: judged now)" }</span>
            }
        </div>
    }
}
