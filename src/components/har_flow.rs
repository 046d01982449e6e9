//! A HAR file's SAML messages, in capture order: pick one to see it in every view. The
//! findings about the flow (a response that answers no captured request …) are listed here,
//! each naming its message.

use std::rc::Rc;

use samlscope_core::har::HarMessage;
use samlscope_core::{Finding, Report, Severity};
use yew::prelude::*;

use crate::state::{HarCapture, Inspection};

/// Props of [`HarFlow`].
#[derive(Properties, PartialEq)]
pub struct HarFlowProps {
    /// The inspection shown (of a HAR file).
    pub inspection: Rc<Inspection>,
    /// A message was picked (its index in the capture).
    pub on_show: Callback<usize>,
}

/// "14:02:31" of a capture time.
fn clock(message: &HarMessage) -> String {
    message.captured_at.map_or_else(String::new, |at| {
        let text = at.to_string();
        text.get(11..19).unwrap_or(&text).to_owned()
    })
}

/// The URL without its query (the message is in it), host first.
fn endpoint(url: &str) -> &str {
    let without_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    without_scheme
        .split(['?', '#'])
        .next()
        .unwrap_or(without_scheme)
}

/// "2 errors, 1 warning" of a message's own findings and its flow findings.
fn counts(report: &Report, flow: &[&Finding]) -> (usize, String) {
    let count = |severity: Severity| {
        report
            .findings
            .iter()
            .chain(flow.iter().copied())
            .filter(|f| f.severity == severity)
            .count()
    };
    let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
    let text = match (errors, warnings) {
        (0, 0) => "no errors".to_owned(),
        (e, 0) => crate::format::count_words(e, Severity::Error),
        (0, w) => crate::format::count_words(w, Severity::Warning),
        (e, w) => format!(
            "{}, {}",
            crate::format::count_words(e, Severity::Error),
            crate::format::count_words(w, Severity::Warning)
        ),
    };
    (errors, text)
}

fn message_item(
    capture: &HarCapture,
    index: usize,
    shown: bool,
    on_show: &Callback<usize>,
) -> Html {
    let (message, report) = &capture.messages[index];
    let flow: Vec<&Finding> = capture
        .flow
        .iter()
        .filter(|(m, _)| *m == index)
        .map(|(_, f)| f)
        .collect();
    let (errors, counts) = counts(report, &flow);
    let onclick = {
        let on_show = on_show.clone();
        Callback::from(move |_: MouseEvent| on_show.emit(index))
    };
    let class = match (shown, errors > 0) {
        (true, true) => "har-message is-shown has-errors",
        (true, false) => "har-message is-shown",
        (false, true) => "har-message has-errors",
        (false, false) => "har-message",
    };
    html! {
        <li class={class} data-har-message={index.to_string()}>
            <button type="button" aria-pressed={if shown { "true" } else { "false" }} {onclick} title={message.url.clone()}>
                <span class="har-index">{ index + 1 }</span>
                <span class="har-time">{ clock(message) }</span>
                <span class="har-kind">{ format!("{} {}", message.method, report.kind.label()) }</span>
                <span class="har-url">{ endpoint(&message.url).to_owned() }</span>
                <span class="har-counts">{ counts }</span>
            </button>
        </li>
    }
}

fn flow_item(index: usize, finding: &Finding, on_show: &Callback<usize>) -> Html {
    let severity = finding.severity.as_str();
    let onclick = {
        let on_show = on_show.clone();
        Callback::from(move |_: MouseEvent| on_show.emit(index))
    };
    html! {
        <li class={format!("finding sev-{severity}")} data-finding={finding.name()} data-severity={severity}>
            <button type="button" class="finding-head" {onclick} title="Show this message">
                <span class="sev-badge">{ severity }</span>
                <code class="finding-code">{ finding.code() }</code>
                <span class="finding-name">{ finding.name() }</span>
                <span class="loc">{ format!("message {}", index + 1) }</span>
            </button>
            <p class="finding-message">{ finding.message.clone() }</p>
            if let Some(help) = &finding.help {
                <p class="finding-help"><span class="help-label">{ "Fix: " }</span>{ help.clone() }</p>
            }
        </li>
    }
}

/// The messages of a HAR file and the findings about its flow.
#[component]
pub fn HarFlow(props: &HarFlowProps) -> Html {
    let Some((capture, shown)) = &props.inspection.har else {
        return Html::default();
    };
    let total = capture.messages.len();
    let summary = format!(
        "{total} SAML message{} in {} request{}",
        if total == 1 { "" } else { "s" },
        capture.entries,
        if capture.entries == 1 { "" } else { "s" }
    );
    let items = (0..total).map(|i| message_item(capture, i, i == *shown, &props.on_show));
    let flow = capture
        .flow
        .iter()
        .map(|(i, f)| flow_item(*i, f, &props.on_show));
    html! {
        <section class="har-flow" aria-labelledby="har-title" data-har-messages={total.to_string()}>
            <h2 id="har-title" class="section-title">{ "HAR capture" }<span class="har-summary">{ summary }</span></h2>
            if total == 0 {
                <p class="har-empty">{ "This HAR file holds no SAML message. Capture the sign-in again with the network tab open and “Preserve log” ticked, from the app's sign-in page until the failure, then export it as HAR." }</p>
            } else {
                <ol class="har-messages">{ for items }</ol>
            }
            if !capture.flow.is_empty() {
                <h3 class="group-title">{ "The flow" }</h3>
                <ul class="finding-items har-flow-findings">{ for flow }</ul>
            }
        </section>
    }
}
