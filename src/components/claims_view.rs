//! The Claims view: the NameID, then every attribute of the assertion with the name Entra's
//! "Attributes & Claims" page uses, the full Name URI, the FriendlyName when present and every
//! value, each with a Copy button; a filter for long claim lists.
//!
//! Also home of [`copy_button`], the Copy button of the views built with `html!`.

use std::rc::Rc;

use samlscope_core::Kind;
use samlscope_core::entra::claim_friendly_name;
use samlscope_core::report::AttributeSummary;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::{markup_html, static_html};
use crate::format::tail;
use crate::markup::Markup;
use crate::state::Inspection;

/// A Copy button for `text` (see [`crate::copy`]); `what` names it, `kind` is its
/// `data-copy`.
pub fn copy_button(text: &str, what: AttrValue, kind: &'static str) -> Html {
    let mut m = Markup::new();
    crate::copy::button(&mut m, text, &what, kind);
    markup_html(m)
}

/// `text` with a line-break opportunity after each `/`, `#`, `?` and `&`, so that long URIs
/// wrap at their separators rather than anywhere.
pub fn breakable(text: &str) -> Html {
    let mut parts: Vec<Html> = Vec::new();
    let mut start = 0;
    for (i, c) in text.char_indices() {
        if matches!(c, '/' | '#' | '?' | '&') {
            let end = i + c.len_utf8();
            parts.push(html! { <>{ text[start..end].to_owned() }<wbr /></> });
            start = end;
        }
    }
    parts.push(html! { { text[start..].to_owned() } });
    html! { <>{ for parts }</> }
}

/// Props of [`ClaimsView`].
#[derive(Properties, PartialEq)]
pub struct ClaimsViewProps {
    /// The inspection shown.
    pub inspection: Rc<Inspection>,
}

/// The name to show first: Entra's (`user.mail`), else the FriendlyName, else the URI's tail.
fn display_name(attribute: &AttributeSummary) -> String {
    attribute
        .known_as
        .or_else(|| claim_friendly_name(&attribute.name))
        .map(str::to_owned)
        .or_else(|| attribute.friendly_name.clone())
        .unwrap_or_else(|| tail(&attribute.name).to_owned())
}

/// Whether the attribute matches the filter (already lower-case), by any of its names or values.
fn matches(attribute: &AttributeSummary, needle: &str) -> bool {
    if needle.is_empty() {
        return true;
    }
    let hit = |text: &str| text.to_lowercase().contains(needle);
    hit(&display_name(attribute))
        || hit(&attribute.name)
        || attribute.friendly_name.as_deref().is_some_and(hit)
        || attribute.values.iter().any(|value| hit(value))
}

fn claim_row(attribute: &AttributeSummary) -> Html {
    let name = display_name(attribute);
    let values = attribute.values.iter().enumerate().map(|(i, value)| {
        let what = if attribute.values.len() > 1 {
            format!("value {} of {name}", i + 1)
        } else {
            format!("value of {name}")
        };
        html! {
            <li class="claim-value">
                <span class="claim-value-text">{ breakable(value) }</span>
                { copy_button(value, what.into(), "value") }
            </li>
        }
    });
    let multi = attribute.values.len() > 1;
    html! {
        <tr data-claim={attribute.name.clone()}>
            <th scope="row" class="claim-head">
                <span class="claim-title">
                    <span class="claim-name">{ name.clone() }</span>
                    { copy_button(&attribute.name, format!("claim name (URI) of {name}").into(), "name") }
                </span>
                if name != attribute.name {
                    <span class="claim-uri">{ breakable(&attribute.name) }</span>
                }
                if let Some(friendly) = &attribute.friendly_name {
                    <span class="claim-friendly">
                        <span class="claim-friendly-key">{ "FriendlyName" }</span>
                        { friendly.clone() }
                    </span>
                }
            </th>
            <td>
                if attribute.values.is_empty() {
                    <span class="muted">{ "(no value)" }</span>
                } else {
                    <ul class={if multi { "claim-value-list is-multi" } else { "claim-value-list" }}>{ for values }</ul>
                    if multi {
                        <span class="claim-count">{ format!("{} values", attribute.values.len()) }</span>
                    }
                }
            </td>
        </tr>
    }
}

/// What to say when there is no attribute to show.
fn empty_message(inspection: &Inspection) -> (String, Option<Html>) {
    let report = &inspection.report;
    let s = &report.summary;
    if s.assertion_encrypted && report.decrypted.is_empty() {
        return (
            "The assertion is encrypted (EncryptedAssertion), so its claims cannot be read here."
                .to_owned(),
            Some(static_html(
                r#"Only the service provider's private key can decrypt it (the command-line tool takes it with <code class="nowrap">--sp-key</code>). The NameID may be encrypted too."#,
            )),
        );
    }
    let what = match report.kind {
        Kind::Response => "This Response",
        Kind::Unknown => "This input",
        kind => {
            return (
                format!("This {} carries no attributes.", kind.label()),
                Some(html! { "Claims travel in the Assertion of a SAML Response." }),
            );
        }
    };
    let why = s
        .status
        .as_ref()
        .filter(|status| !status.success)
        .map(|_| html! { "An error Response carries no assertion, hence no claims." });
    (format!("{what} carries no attributes."), why)
}

fn name_id_card(inspection: &Inspection) -> Html {
    let s = &inspection.report.summary;
    let Some(name_id) = &s.name_id else {
        return html! {};
    };
    html! {
        <section class="card view-card" aria-labelledby="nameid-title" data-view="name-id">
            <h3 id="nameid-title" class="card-title">{ "Subject NameID" }</h3>
            <dl class="fields">
                <div class="row">
                    <dt>{ "Value" }</dt>
                    <dd class="with-copy">
                        <span class="value">{ name_id.clone() }</span>
                        { copy_button(name_id, "NameID value".into(), "name-id") }
                    </dd>
                </div>
                if let Some(format) = &s.name_id_format {
                    <div class="row">
                        <dt>{ "Format" }</dt>
                        <dd class="with-copy">
                            <span class="value">
                                <span class="format-tail">{ tail(format).to_owned() }</span>
                                <span class="value-full">{ breakable(format) }</span>
                            </span>
                            { copy_button(format, "NameID format".into(), "name-id-format") }
                        </dd>
                    </div>
                }
            </dl>
        </section>
    }
}

/// The Claims tab.
#[component]
pub fn ClaimsView(props: &ClaimsViewProps) -> Html {
    let filter = use_state(String::new);
    let inspection = &props.inspection;
    let attributes = &inspection.report.summary.attributes;

    let on_filter = {
        let filter = filter.clone();
        Callback::from(move |event: InputEvent| {
            if let Some(input) = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            {
                filter.set(input.value());
            }
        })
    };

    let body = if attributes.is_empty() {
        let (message, detail) = empty_message(inspection);
        html! {
            <div class="view-empty" data-empty="claims">
                <p class="view-empty-title">{ message }</p>
                if let Some(detail) = detail {
                    <p class="view-empty-detail">{ detail }</p>
                }
            </div>
        }
    } else {
        let needle = filter.trim().to_lowercase();
        let shown: Vec<&AttributeSummary> = attributes
            .iter()
            .filter(|attribute| matches(attribute, &needle))
            .collect();
        let count = if needle.is_empty() {
            format!(
                "{} {}",
                attributes.len(),
                if attributes.len() == 1 {
                    "claim"
                } else {
                    "claims"
                }
            )
        } else {
            format!("{} of {}", shown.len(), attributes.len())
        };
        let values: usize = attributes.iter().map(|a| a.values.len()).sum();
        html! {
            <section class="card view-card" aria-labelledby="claims-title">
                <div class="view-card-head">
                    <h3 id="claims-title" class="card-title">
                        { "Attributes" }
                        <span class="card-note">{ format!("{count} · {values} values") }</span>
                    </h3>
                    <div class="view-filter">
                        { static_html(r#"<label for="claims-filter" class="visually-hidden">Filter claims by name or value</label>"#) }
                        <input
                            id="claims-filter"
                            type="search"
                            class="filter-input"
                            placeholder="Filter by name or value"
                            autocomplete="off"
                            spellcheck="false"
                            value={(*filter).clone()}
                            oninput={on_filter}
                        />
                    </div>
                </div>
                <p class="visually-hidden" role="status">
                    { if needle.is_empty() { String::new() } else { format!("{} claims match", shown.len()) } }
                </p>
                if shown.is_empty() {
                    <p class="view-none" data-empty="claims-filter">{ format!("No claim matches “{}”.", filter.trim()) }</p>
                } else {
                    <div class="table-scroll">
                        <table class="claims claims-full">
                            <thead>
                                <tr>
                                    <th scope="col">{ "Claim" }</th>
                                    <th scope="col">{ "Value" }</th>
                                </tr>
                            </thead>
                            <tbody>{ for shown.into_iter().map(claim_row) }</tbody>
                        </table>
                    </div>
                }
            </section>
        }
    };

    html! {
        <div class="view view-claims">
            { static_html(r#"<h2 class="visually-hidden">Claims</h2>"#) }
            { name_id_card(inspection) }
            { body }
        </div>
    }
}
