//! The line at the top of the results: what was detected, the decoding trail, the counts.

use yew::prelude::*;

use super::{SEVERITIES, byte_size, count_words};
use crate::format::duration;
use crate::state::Inspection;

/// "Detected: base64 SAML Response", the trail as a breadcrumb, and the counts. A plain
/// function, not a component: it has no state and a component costs code of its own.
pub fn verdict(inspection: &Inspection) -> Html {
    let report = &inspection.report;
    let trail = report.trail();
    let steps = trail
        .split(" → ")
        .map(|step| html! { <li>{ step.to_owned() }</li> });
    let counts = SEVERITIES.into_iter().map(|severity| {
        let count = report.count(severity);
        html! {
            <li class={format!("count sev-{}{}", severity.as_str(), if count == 0 { " is-zero" } else { "" })}>
                { count_words(count, severity) }
            </li>
        }
    });
    html! {
        <section class="verdict" aria-label="What was detected">
            <p class="eyebrow">{ "Detected" }</p>
            <p class="detected" data-kind={report.kind.id()} aria-live="polite">{ report.detected() }</p>
            <nav aria-label="Decoding trail">
                <ol class="trail">{ for steps }</ol>
            </nav>
            <div class="verdict-foot">
                <ul class="counts" aria-label="Findings by severity">{ for counts }</ul>
                <p class="meta">
                    { format!("{} input · inspected in {}", byte_size(report.input_len), duration(inspection.took_ms)) }
                </p>
            </div>
        </section>
    }
}
