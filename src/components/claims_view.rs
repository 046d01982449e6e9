//! The Claims view: the NameID, then every attribute of the assertion with the name Entra's
//! "Attributes & Claims" page uses, the full Name URI, the FriendlyName when present and every
//! value, each with a Copy button; a filter for long claim lists. Written as [`Markup`], but for
//! the filter's input and status.

use std::fmt::Write as _;
use std::rc::Rc;

use samlscope_core::Kind;
use samlscope_core::report::AttributeSummary;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::{markup_html, static_html};
use crate::format::{lower_case, tail};
use crate::markup::Markup;
use crate::markup::parts::{MAX_LISTED, breakable, more_item, more_note};
use crate::state::Inspection;

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
        .map(str::to_owned)
        .or_else(|| attribute.friendly_name.clone())
        .unwrap_or_else(|| tail(&attribute.name).to_owned())
}

/// Whether the attribute matches the filter (already lower-case), by any of its names or values.
fn matches(attribute: &AttributeSummary, needle: &str) -> bool {
    if needle.is_empty() {
        return true;
    }
    let hit = |text: &str| lower_case(text).contains(needle);
    hit(&display_name(attribute))
        || hit(&attribute.name)
        || attribute.friendly_name.as_deref().is_some_and(hit)
        || attribute.values.iter().any(|value| hit(value))
}

fn claim_row(m: &mut Markup, attribute: &AttributeSummary) {
    let name = display_name(attribute);
    m.wrap("<tr data-claim=\"", &attribute.name, "\">");
    m.wrap(
        "<th scope=\"row\" class=\"claim-head\"><span class=\"claim-title\"><span class=\"claim-name\">",
        &name,
        "</span>",
    );
    crate::copy::button(
        m,
        &attribute.name,
        &format!("claim name (URI) of {name}"),
        "name",
    );
    m.tag("</span>");
    if name != attribute.name {
        m.tag("<span class=\"claim-uri\">");
        breakable(m, &attribute.name);
        m.tag("</span>");
    }
    if let Some(friendly) = &attribute.friendly_name {
        m.wrap(
            "<span class=\"claim-friendly\"><span class=\"claim-friendly-key\">FriendlyName</span>",
            friendly,
            "</span>",
        );
    }
    m.tag("</th><td>");
    let count = attribute.values.len();
    if count == 0 {
        m.tag("<span class=\"muted\">(no value)</span>");
    } else {
        m.tag(if count > 1 {
            "<ul class=\"claim-value-list is-multi\">"
        } else {
            "<ul class=\"claim-value-list\">"
        });
        for (i, value) in attribute.values.iter().enumerate().take(MAX_LISTED) {
            let what = if count > 1 {
                format!("value {} of {name}", i + 1)
            } else {
                format!("value of {name}")
            };
            m.tag("<li class=\"claim-value\"><span class=\"claim-value-text\">");
            breakable(m, value);
            m.tag("</span>");
            crate::copy::button(m, value, &what, "value");
            m.tag("</li>");
        }
        more_item(m, count, MAX_LISTED);
        m.tag("</ul>");
        if count > 1 {
            m.tag("<span class=\"claim-count\">");
            let _ = write!(m, "{count} values");
            m.tag("</span>");
        }
    }
    m.tag("</td></tr>");
}

/// Writes what to say when there is no attribute to show.
fn empty_message(m: &mut Markup, inspection: &Inspection) {
    let report = &inspection.report;
    let s = &report.summary;
    m.tag("<div class=\"view-empty\" data-empty=\"claims\"><p class=\"view-empty-title\">");
    if s.assertion_encrypted && report.decrypted.is_empty() {
        m.tag(concat!(
            "The assertion is encrypted (EncryptedAssertion), so its claims cannot be read here.",
            "</p><p class=\"view-empty-detail\">Only the service provider's private key can ",
            "decrypt it; the command-line tool does so locally, with the key given to it",
            ". The NameID may be encrypted too.</p></div>"
        ));
        return;
    }
    let what = match report.kind {
        Kind::Response => "This Response",
        Kind::Unknown => "This input",
        kind => {
            let _ = write!(m, "This {} carries no attributes.", kind.label());
            m.tag(concat!(
                "</p><p class=\"view-empty-detail\">Claims travel in the Assertion of a SAML ",
                "Response.</p></div>"
            ));
            return;
        }
    };
    m.tag(what).tag(" carries no attributes.</p>");
    if s.status.as_ref().is_some_and(|status| !status.success) {
        m.tag(concat!(
            "<p class=\"view-empty-detail\">An error Response carries no assertion, hence no ",
            "claims.</p>"
        ));
    }
    m.tag("</div>");
}

fn name_id_card(m: &mut Markup, inspection: &Inspection) {
    let s = &inspection.report.summary;
    let Some(name_id) = &s.name_id else {
        return;
    };
    m.tag(concat!(
        "<section class=\"card view-card\" aria-labelledby=\"nameid-title\" data-view=\"name-id\">",
        "<h3 id=\"nameid-title\" class=\"card-title\">Subject NameID</h3><dl class=\"fields\">",
        "<div class=\"row\"><dt>Value</dt><dd class=\"with-copy\">"
    ));
    m.wrap("<span class=\"value\">", name_id, "</span>");
    crate::copy::button(m, name_id, "NameID value", "name-id");
    m.tag("</dd></div>");
    if let Some(format) = &s.name_id_format {
        m.tag(concat!(
            "<div class=\"row\"><dt>Format</dt><dd class=\"with-copy\"><span class=\"value\">",
            "<span class=\"format-tail\">"
        ));
        m.text(tail(format))
            .tag("</span><span class=\"value-full\">");
        breakable(m, format);
        m.tag("</span></span>");
        crate::copy::button(m, format, "NameID format", "name-id-format");
        m.tag("</dd></div>");
    }
    m.tag("</dl></section>");
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

    // The heading and the NameID, then (markup too) what there is when nothing is to filter.
    let mut top = Markup::new();
    top.tag("<h2 class=\"visually-hidden\">Claims</h2>");
    name_id_card(&mut top, inspection);
    if attributes.is_empty() {
        empty_message(&mut top, inspection);
        return html! {
            <div class="view view-claims">{ markup_html(top) }</div>
        };
    }

    let needle = lower_case(filter.trim());
    let shown: Vec<&AttributeSummary> = attributes
        .iter()
        .filter(|attribute| matches(attribute, &needle))
        .collect();
    let values: usize = attributes.iter().map(|a| a.values.len()).sum();
    let mut title = Markup::new();
    title.tag("<h3 id=\"claims-title\" class=\"card-title\">Attributes<span class=\"card-note\">");
    let _ = if needle.is_empty() {
        write!(
            title,
            "{} {} · {values} values",
            attributes.len(),
            if attributes.len() == 1 {
                "claim"
            } else {
                "claims"
            }
        )
    } else {
        write!(
            title,
            "{} of {} · {values} values",
            shown.len(),
            attributes.len()
        )
    };
    title.tag("</span></h3>");

    // The rows (or what to say when none matches), written again as the filter changes.
    let mut rows = Markup::new();
    if shown.is_empty() {
        rows.wrap(
            "<p class=\"view-none\" data-empty=\"claims-filter\">No claim matches “",
            filter.trim(),
            "”.</p>",
        );
    } else {
        rows.tag(concat!(
            "<div class=\"table-scroll\"><table class=\"claims claims-full\"><thead><tr>",
            "<th scope=\"col\">Claim</th><th scope=\"col\">Value</th></tr></thead><tbody>"
        ));
        for attribute in shown.iter().take(MAX_LISTED) {
            claim_row(&mut rows, attribute);
        }
        rows.tag("</tbody></table></div>");
        more_note(&mut rows, shown.len(), MAX_LISTED);
    }

    // The filter's input and its live status stay Yew's elements (the input keeps its focus,
    // the status its node so that changes are announced).
    html! {
        <div class="view view-claims">
            { markup_html(top) }
            <section class="card view-card" aria-labelledby="claims-title">
                <div class="view-card-head">
                    { markup_html(title) }
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
                { markup_html(rows) }
            </section>
        </div>
    }
}
