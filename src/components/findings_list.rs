//! The findings, grouped by severity (errors first); clicking one shows its span in the XML.

use std::rc::Rc;

use samlscope_core::Finding;
use yew::prelude::*;

use super::{SEVERITIES, severity_title};
use crate::rule_docs::docs_href;
use crate::state::Inspection;

/// Props of [`FindingsList`].
#[derive(Properties, PartialEq)]
pub struct FindingsListProps {
    /// The inspection shown.
    pub inspection: Rc<Inspection>,
    /// The selected finding.
    pub selected: Option<usize>,
    /// A finding was clicked (its index in the report).
    pub on_select: Callback<usize>,
}

fn finding_item(
    inspection: &Inspection,
    index: usize,
    finding: &Finding,
    selected: bool,
    on_select: &Callback<usize>,
) -> Html {
    let severity = finding.severity.as_str();
    let position = finding.span.map(|span| inspection.position_of(span.start));
    let onclick = {
        let on_select = on_select.clone();
        Callback::from(move |_: MouseEvent| on_select.emit(index))
    };
    let labels = finding.labels.iter().map(|label| {
        html! {
            <li>
                <span class="loc">{ {
                    let (line, column) = inspection.position_of(label.span.start);
                    format!("line {line}:{column}")
                } }</span>
                { " " }{ label.message.clone() }
            </li>
        }
    });
    html! {
        <li
            class={format!("finding sev-{severity}{}", if selected { " is-selected" } else { "" })}
            data-finding={finding.name()}
            data-severity={severity}
            {onclick}
        >
            <button
                type="button"
                class="finding-head"
                aria-pressed={if selected { "true" } else { "false" }}
                title={if position.is_some() { "Show in the XML" } else { "" }}
            >
                <span class="sev-badge">{ severity }</span>
                <code class="finding-code">{ finding.code() }</code>
                <span class="finding-name">{ finding.name() }</span>
                if let Some((line, column)) = position {
                    <span class="loc">{ format!("line {line}:{column}") }</span>
                }
            </button>
            <p class="finding-message">{ finding.message.clone() }</p>
            if let Some(help) = &finding.help {
                <p class="finding-help"><span class="help-label">{ "Fix: " }</span>{ help.clone() }</p>
            }
            if !finding.labels.is_empty() {
                <ul class="finding-labels">{ for labels }</ul>
            }
            <a class="rule-docs" href={docs_href(finding.rule.name)} target="_blank" rel="noopener">
                { format!("About {} ({})", finding.name(), finding.code()) }
                <span class="visually-hidden">{ " (rule reference, opens in a new tab)" }</span>
            </a>
        </li>
    }
}

/// All findings, grouped by severity.
#[component]
pub fn FindingsList(props: &FindingsListProps) -> Html {
    let inspection = &props.inspection;
    let findings = &inspection.report.findings;
    if findings.is_empty() {
        return html! {
            <section class="findings" aria-labelledby="findings-title">
                <h2 id="findings-title" class="section-title">{ "Findings" }</h2>
                <p class="muted no-findings">{ "No findings." }</p>
            </section>
        };
    }
    let groups = SEVERITIES.into_iter().filter_map(|severity| {
        let items: Vec<Html> = findings
            .iter()
            .enumerate()
            .filter(|(_, finding)| finding.severity == severity)
            .map(|(index, finding)| {
                finding_item(inspection, index, finding, props.selected == Some(index), &props.on_select)
            })
            .collect();
        if items.is_empty() {
            return None;
        }
        let count = items.len();
        Some(html! {
            <section class={format!("finding-group sev-{}", severity.as_str())}>
                <h3 class="group-title">{ severity_title(severity) }<span class="group-count">{ count }</span></h3>
                <ul class="finding-items">{ for items }</ul>
            </section>
        })
    });
    html! {
        <section class="findings" aria-labelledby="findings-title">
            <h2 id="findings-title" class="section-title">{ "Findings" }</h2>
            { for groups }
        </section>
    }
}
