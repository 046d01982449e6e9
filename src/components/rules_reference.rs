//! The rule reference: every rule samlscope checks, with its code, severity and one-line
//! summary, each linking to its documentation in `rules.html` (the text `samlscope explain`
//! prints), which opens in a new tab. Opened from the footer; the list is in the page
//! already, so opening it makes no request.

use samlscope_core::rules::RULES;
use yew::prelude::*;

use crate::format::lower_case;
use crate::rule_docs::docs_href;

/// Props of [`RulesReference`].
#[derive(Properties, PartialEq)]
pub struct RulesReferenceProps {
    /// Close the reference.
    pub on_close: Callback<()>,
}

/// Whether a rule matches the filter (name, code or summary, any case).
fn matches(rule: &samlscope_core::Rule, filter: &str) -> bool {
    filter.is_empty()
        || [rule.name, rule.code, rule.summary]
            .iter()
            .any(|text| lower_case(text).contains(filter))
}

/// The rule reference dialog.
#[component]
pub fn RulesReference(props: &RulesReferenceProps) -> Html {
    let filter = use_state(String::new);
    let on_filter = {
        let filter = filter.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(input) = event.target_dyn_into::<web_sys::HtmlInputElement>() {
                filter.set(lower_case(input.value().trim()));
            }
        })
    };
    let close = props.on_close.reform(|_: MouseEvent| ());
    let shown: Vec<Html> = RULES
        .iter()
        .filter(|rule| matches(rule, &filter))
        .map(|rule| {
            let severity = rule.severity.as_str();
            html! {
                <li class={format!("rule-entry sev-{severity}")} data-rule={rule.name}>
                    <a class="rule-link" href={docs_href(rule.name)} target="_blank" rel="noopener">
                        <code class="finding-code">{ rule.code }</code>
                        <span class="finding-name">{ rule.name }</span>
                        <span class="sev-badge">{ severity }</span>
                        <span class="rule-summary">{ rule.summary }</span>
                    </a>
                </li>
            }
        })
        .collect();
    let count = shown.len();
    html! {
        <div class="shortcuts rules-reference" role="dialog" aria-modal="false" aria-labelledby="rules-title" data-view="rules">
            <div class="shortcuts-card rules-card">
                <div class="rules-head">
                    <h2 id="rules-title" class="section-title">{ format!("Rule reference · {} rules", RULES.len()) }</h2>
                    <a class="tool" href="rules.html" target="_blank" rel="noopener">{ "All rule docs" }</a>
                    <button type="button" class="tool" onclick={close}>{ "Close" }</button>
                </div>
                <input
                    type="search"
                    class="filter-input"
                    aria-label="Filter rules by name, code or words"
                    placeholder="Filter: audience, SIG011, expired…"
                    autocomplete="off"
                    spellcheck="false"
                    oninput={on_filter}
                />
                if count == 0 {
                    <p class="muted">{ "No rule matches." }</p>
                } else {
                    <ul class="rule-entries">{ for shown }</ul>
                }
            </div>
        </div>
    }
}
