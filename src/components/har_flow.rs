//! A HAR file's SAML messages, in capture order: pick one to see it in every view. Each row
//! counts its message's findings as its verdict does (those about the flow, such as a
//! response that answers another request, are the message's); the findings about the whole
//! capture are listed here.

use std::fmt::Write as _;
use std::rc::Rc;

use samlscope_core::har::{HarAnswer, HarMessage};
use samlscope_core::{Finding, Report, Severity};
use yew::prelude::*;

use super::findings_list::{
    clicked_item, finding_head, finding_open, finding_text, index_attribute, set_pressed,
};
use super::markup_html;
use crate::markup::Markup;
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

/// "2 errors, 1 warning": a message's findings as its verdict counts them (the core's
/// triage: each problem once, an old copy's time findings apart), and the findings about
/// the capture the row carries.
fn counts(report: &Report, flow: &[&Finding]) -> (usize, String) {
    let triage = samlscope_core::triage::triage(report);
    let count = |severity: Severity| {
        triage.count(report, severity) + flow.iter().filter(|f| f.severity == severity).count()
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

fn message_item(m: &mut Markup, capture: &HarCapture, index: usize) {
    let (message, report) = &capture.messages[index];
    let flow: Vec<&Finding> = capture
        .flow
        .iter()
        .filter(|(m, _)| *m == index)
        .map(|(_, f)| f)
        .collect();
    let (errors, counts) = counts(report, &flow);
    m.tag(if errors > 0 {
        "<li class=\"har-message has-errors\" data-har-message=\""
    } else {
        "<li class=\"har-message\" data-har-message=\""
    });
    let _ = write!(m, "{index}");
    m.wrap(
        "\"><button type=\"button\" aria-pressed=\"false\" title=\"",
        &message.url,
        "\"><span class=\"har-index\">",
    );
    let _ = write!(m, "{}", index + 1);
    m.wrap(
        "</span><span class=\"har-time\">",
        &clock(message),
        "</span>",
    );
    m.tag("<span class=\"har-kind\">");
    let _ = write!(m, "{} {}", message.method, report.kind.label());
    m.wrap(
        "</span><span class=\"har-url\">",
        endpoint(&message.url),
        "</span>",
    );
    m.wrap("<span class=\"har-counts\">", &counts, "</span></button>");
    if let Some(answer) = &message.answer {
        answer_line(m, answer);
    }
    m.tag("</li>");
}

/// What the app answered to the request that carried a response, in the core's words (no
/// cookie value, no header value but the Location and the content type); a failure (an
/// error status, a redirect to an error page) stands out.
fn answer_line(m: &mut Markup, answer: &HarAnswer) {
    m.tag(if answer.is_failure() {
        "<p class=\"har-answer is-error\">The app answered "
    } else {
        "<p class=\"har-answer\">The app answered "
    });
    m.text(&answer.describe()).tag("</p>");
}

fn flow_item(m: &mut Markup, index: usize, finding: &Finding) {
    finding_open(m, finding);
    m.tag(" data-show-message=\"");
    let _ = write!(m, "{index}");
    m.tag("\"><button type=\"button\" class=\"finding-head\" title=\"Show this message\">");
    finding_head(m, finding);
    m.tag("<span class=\"loc\">");
    let _ = write!(m, "message {}", index + 1);
    m.tag("</span></button>");
    finding_text(m, finding);
    m.tag("</li>");
}

/// Everything in the section but the message shown (set by an effect, which keeps the nodes).
fn capture_markup(capture: &HarCapture) -> Markup {
    let total = capture.messages.len();
    let mut m = Markup::new();
    m.tag("<h2 id=\"har-title\" class=\"section-title\">HAR capture<span class=\"har-summary\">");
    let _ = write!(
        m,
        "{total} SAML message{} in {} request{}",
        if total == 1 { "" } else { "s" },
        capture.entries,
        if capture.entries == 1 { "" } else { "s" }
    );
    m.tag("</span></h2>");
    if total == 0 {
        m.tag("<p class=\"har-empty\">This HAR file holds no SAML message. Capture the sign-in again with the network tab open and “Preserve log” ticked, from the app's sign-in page until the failure, then export it as HAR.</p>");
    } else {
        m.tag("<ol class=\"har-messages\">");
        for index in 0..total {
            message_item(&mut m, capture, index);
        }
        m.tag("</ol>");
    }
    if !capture.flow.is_empty() {
        m.tag(
            "<h3 class=\"group-title\">The capture</h3><ul class=\"finding-items har-flow-findings\">",
        );
        for (index, finding) in &capture.flow {
            flow_item(&mut m, *index, finding);
        }
        m.tag("</ul>");
    }
    m
}

/// The messages of a HAR file and the findings about its flow.
#[component]
pub fn HarFlow(props: &HarFlowProps) -> Html {
    let section = use_node_ref();
    // The same markup for every message shown: the nodes (and the focus) stay.
    let body = use_memo(props.inspection.clone(), |inspection| {
        inspection
            .har
            .as_ref()
            .map_or_else(Html::default, |(capture, _)| {
                markup_html(capture_markup(capture))
            })
    });
    {
        let section = section.clone();
        use_effect_with(props.inspection.clone(), move |inspection| {
            let Some(section) = section.cast::<web_sys::Element>() else {
                return;
            };
            if let Ok(Some(old)) = section.query_selector(".har-message.is-shown") {
                set_pressed(&old, "is-shown", false);
            }
            if let Some((_, shown)) = &inspection.har
                && let Ok(Some(item)) =
                    section.query_selector(&format!("[data-har-message=\"{shown}\"]"))
            {
                set_pressed(&item, "is-shown", true);
            }
        });
    }
    let Some((capture, _)) = &props.inspection.har else {
        return Html::default();
    };
    let onclick = {
        let on_show = props.on_show.clone();
        Callback::from(move |event: MouseEvent| {
            let Some(item) = clicked_item(&event, "button")
                .and_then(|button| button.closest("li").ok().flatten())
            else {
                return;
            };
            if let Some(index) = index_attribute(&item, "data-har-message")
                .or_else(|| index_attribute(&item, "data-show-message"))
            {
                on_show.emit(index);
            }
        })
    };
    html! {
        <section
            class="har-flow"
            aria-labelledby="har-title"
            data-har-messages={capture.messages.len().to_string()}
            ref={section}
            {onclick}
        >
            { (*body).clone() }
        </section>
    }
}
