//! The summary: who, for whom, when, status, claims, entities and certificates. Fields the
//! Report does not have are not shown.

use std::rc::Rc;

use samlscope_core::cert::{CertificateInfo, KeyAlgorithm, KeyMaterial, PrivateKeyInfo};
use samlscope_core::dsig::{
    Failure, KeySource, KeyUsed, RedirectSignature, SignatureReport, Verdict,
};
use samlscope_core::report::{AttributeSummary, EntitySummary, StatusSummary, Summary};
use samlscope_core::time::relative;
use samlscope_core::{Report, Timestamp};
use yew::prelude::*;

use super::static_html;
use crate::format::tail;
use crate::state::Inspection;

/// Props of [`SummaryView`].
#[derive(Properties, PartialEq)]
pub struct SummaryViewProps {
    /// The inspection shown.
    pub inspection: Rc<Inspection>,
}

/// One row of a field list: `<div class="row"><dt>label</dt><dd>value</dd></div>`.
pub(crate) fn row(label: &'static str, value: Html) -> Html {
    html! {
        <div class="row">
            <dt>{ label }</dt>
            <dd>{ value }</dd>
        </div>
    }
}

/// `<span class={class}>text</span>`.
pub(crate) fn span(class: &'static str, text: &str) -> Html {
    html! { <span {class}>{ text.to_owned() }</span> }
}

/// A row whose value is plain text (`<span class="value">`).
pub(crate) fn value_row(label: &'static str, text: &str) -> Html {
    row(label, span("value", text))
}

/// Rows whose values are plain text: (label, the value's class, text).
pub(crate) fn text_rows(rows: &[(&'static str, &'static str, &str)]) -> Html {
    rows.iter()
        .map(|&(label, class, text)| row(label, span(class, text)))
        .collect()
}

/// `<dl class="fields">` with `rows`.
pub(crate) fn fields(rows: Html) -> Html {
    html! { <dl class="fields">{ rows }</dl> }
}

/// A URI shown by its last segment, the whole URI in its `title`.
fn tail_value(uri: &str) -> Html {
    html! { <span class="value" title={uri.to_owned()}>{ tail(uri).to_owned() }</span> }
}

/// A URI shown by its last segment, the whole URI in its `title` and below it.
fn uri_tail_value(value: &str) -> Html {
    html! {
        <span class="value" title={value.to_owned()}>
            { tail(value).to_owned() }
            <span class="value-full">{ value.to_owned() }</span>
        </span>
    }
}

/// A field of the message: its label, its value when it has one, and whether the value is a
/// URI (shown by its last segment).
type Fact<'a> = (&'static str, Option<&'a String>, bool);

/// The rows of the facts that have a value.
fn fact_rows(facts: &[Fact<'_>]) -> Vec<Html> {
    facts
        .iter()
        .filter_map(|&(label, value, uri)| {
            let value = value?;
            Some(if uri {
                row(label, uri_tail_value(value))
            } else {
                value_row(label, value)
            })
        })
        .collect()
}

pub(crate) fn time_value(at: Timestamp, now: Timestamp) -> Html {
    let relative = relative(at, now);
    let class = if at < now {
        "rel is-past"
    } else {
        "rel is-future"
    };
    html! {
        <span class="value time">
            <time datetime={at.to_string()}>{ at.to_string() }</time>
            <span class={class}>{ relative }</span>
        </span>
    }
}

fn status_block(status: &StatusSummary) -> Html {
    let chain = std::iter::once(&status.code)
        .chain(&status.nested)
        .map(|code| html! { <li title={code.clone()}>{ tail(code).to_owned() }</li> });
    let aadsts = status.aadsts.iter().map(|code| {
        html! {
            <li>
                <code>{ format!("AADSTS{}", code.code) }</code>
                if let Some(meaning) = &code.meaning {
                    { " — " }{ meaning.clone() }
                }
            </li>
        }
    });
    html! {
        <div class={if status.success { "status is-success" } else { "status is-failure" }}>
            <ol class="status-codes" aria-label="Status codes, outermost first">{ for chain }</ol>
            if let Some(message) = &status.message {
                <p class="status-message">{ message.clone() }</p>
            }
            if !status.aadsts.is_empty() {
                <ul class="aadsts">{ for aadsts }</ul>
            }
        </div>
    }
}

fn attribute_row(attribute: &AttributeSummary) -> Html {
    let friendly = attribute
        .friendly_name
        .as_deref()
        .or(attribute.known_as)
        .unwrap_or_else(|| tail(&attribute.name));
    let values = attribute
        .values
        .iter()
        .map(|value| html! { <li>{ value.clone() }</li> });
    html! {
        <tr>
            <th scope="row">
                <span class="claim-name">{ friendly.to_owned() }</span>
                if friendly != attribute.name {
                    <span class="claim-uri">{ attribute.name.clone() }</span>
                }
            </th>
            <td>
                if attribute.values.is_empty() {
                    <span class="muted">{ "(no value)" }</span>
                } else {
                    <ul class="claim-values">{ for values }</ul>
                }
            </td>
        </tr>
    }
}

fn key_algorithm(algorithm: &KeyAlgorithm) -> &str {
    match algorithm {
        KeyAlgorithm::Dsa => "DSA",
        KeyAlgorithm::Ec => "EC",
        KeyAlgorithm::Ed25519 => "Ed25519",
        KeyAlgorithm::Ed448 => "Ed448",
        KeyAlgorithm::Rsa => "RSA",
        KeyAlgorithm::Other(name) => name,
    }
}

/// One certificate or key: `<article class="cert">` with its title and body.
fn key_article(title: &str, body: Html) -> Html {
    html! {
        <article class="cert">
            <h4 class="cert-title">{ title.to_owned() }</h4>
            { body }
        </article>
    }
}

/// What is said under a private key (static: see [`static_html`]).
pub(crate) const SECRET_NOTE: &str =
    r#"<p class="note">Only what the key is is shown; its secret never leaves this page.</p>"#;

fn certificate_card(cert: &CertificateInfo, now: Timestamp) -> Html {
    let issuer = html! {
        <span class="value">
            { cert.issuer.clone() }
            if cert.self_signed { <span class="tag">{ "self-signed" }</span> }
        </span>
    };
    key_article(
        &cert.subject,
        fields(html! {
            <>
                { value_row("Subject", &cert.subject) }
                { row("Issuer", issuer) }
                { row("Valid from", time_value(cert.not_before, now)) }
                { row("Valid until", time_value(cert.not_after, now)) }
                { text_rows(&[
                    ("Key", "value", &cert.key.describe()),
                    ("Signature", "value", &cert.signature_algorithm),
                    ("Serial", "value mono", &cert.serial),
                    ("Thumbprint (SHA-1)", "value mono select-all", &cert.sha1),
                    ("SHA-256", "value mono select-all", &cert.sha256),
                ]) }
            </>
        }),
    )
}

fn private_key_card(key: &PrivateKeyInfo) -> Html {
    let algorithm = key_algorithm(&key.algorithm);
    let described = match key.bits {
        Some(bits) => format!("{algorithm} {bits}"),
        None => algorithm.to_owned(),
    };
    key_article(
        "Private key",
        html! {
            <>
                { fields(text_rows(&[
                    ("Key", "value", &described),
                    ("Format", "value", &key.format),
                    ("Encrypted", "value", if key.encrypted { "yes" } else { "no" }),
                ])) }
                { static_html(SECRET_NOTE) }
            </>
        },
    )
}

fn roles(entity: &EntitySummary) -> Html {
    let roles = entity
        .roles
        .iter()
        .map(|role| html! { <span class="tag">{ role.clone() }</span> });
    html! { <span class="roles">{ for roles }</span> }
}

/// One entity (a metadata document): roles, signing thumbprints and endpoints.
fn entity_card(entity: &EntitySummary) -> Html {
    let thumbprints = entity
        .signing_thumbprints
        .iter()
        .map(|sha1| html! { <li class="select-all">{ sha1.clone() }</li> });
    let endpoints = entity.endpoints.iter().map(|endpoint| {
        let default = endpoint.is_default == Some(true);
        html! {
            <tr>
                <th scope="row">
                    <span class="claim-name">{ endpoint.kind.clone() }</span>
                    <span class="claim-uri">{ endpoint.role.clone() }</span>
                </th>
                <td class="nowrap">
                    { endpoint.binding.clone() }
                    if let Some(index) = &endpoint.index {
                        <span class="tag">{ format!("index {index}") }</span>
                    }
                    if default { <span class="tag">{ "default" }</span> }
                </td>
                <td class="mono">{ endpoint.location.clone() }</td>
            </tr>
        }
    });
    let body = html! {
        <>
            <dl class="fields">
                { value_row("Entity ID", &entity.entity_id) }
                { row("Roles", roles(entity)) }
                if !entity.signing_thumbprints.is_empty() {
                    { row("Signing (SHA-1)", html! { <ul class="value plain-list">{ for thumbprints }</ul> }) }
                }
            </dl>
            if !entity.endpoints.is_empty() {
                <table class="claims endpoints">
                    <thead>
                        <tr>
                            <th scope="col">{ "Endpoint" }</th>
                            <th scope="col">{ "Binding" }</th>
                            <th scope="col">{ "Location" }</th>
                        </tr>
                    </thead>
                    <tbody>{ for endpoints }</tbody>
                </table>
            }
        </>
    };
    card("Entity", None, body)
}

/// Most entities listed for an aggregate (the rest are counted).
const MAX_ENTITIES_LISTED: usize = 100;

/// Many entities (an aggregate): each entity ID with its roles.
fn entities_card(entities: &[EntitySummary]) -> Html {
    let items = entities.iter().take(MAX_ENTITIES_LISTED).map(|entity| {
        html! {
            <li>
                { span("value", &entity.entity_id) }
                { roles(entity) }
            </li>
        }
    });
    let more = entities.len().saturating_sub(MAX_ENTITIES_LISTED);
    card(
        "Entities",
        Some(&entities.len().to_string()),
        html! {
            <>
                <ul class="entities">{ for items }</ul>
                if more > 0 {
                    <p class="note">{ format!("… and {more} more.") }</p>
                }
            </>
        },
    )
}

pub(crate) fn verdict_badge(verdict: Verdict) -> Html {
    let (class, words) = match verdict {
        Verdict::Valid => ("sig-verdict sig-ok", "valid"),
        Verdict::ValidUntrusted => ("sig-verdict sig-info", "valid with embedded cert"),
        Verdict::Untrusted => ("sig-verdict sig-warn", "untrusted key"),
        Verdict::Invalid => ("sig-verdict sig-bad", "invalid"),
        Verdict::Unsupported => ("sig-verdict sig-warn", "not verifiable here"),
    };
    html! { <span {class} data-verdict={verdict.as_str()}>{ words }</span> }
}

fn key_line(key: &KeyUsed) -> Html {
    let source = match key.source {
        KeySource::Trusted => "a trusted key",
        KeySource::Embedded => "the certificate in the message",
    };
    html! {
        <span class="value">
            { format!("{} — {source}", key.description) }
            if let Some(cert) = &key.certificate {
                <span class="value-full select-all">{ format!("SHA-1 {}", cert.sha1) }</span>
            }
        </span>
    }
}

/// One XML signature: what it signs, the verdict, algorithms and key.
fn signature_item(inspection: &Inspection, signature: &SignatureReport) -> Html {
    let report = &inspection.report;
    let target = signature.target.and_then(|id| {
        report
            .document
            .as_ref()?
            .element(id)
            .map(|e| e.local_name().to_owned())
    });
    let signs = match (target, &signature.target_id) {
        (Some(name), Some(id)) => format!("{name} #{id}"),
        (Some(name), None) => name,
        (None, Some(id)) => format!("#{id}"),
        (None, None) => "(nothing resolved)".to_owned(),
    };
    let (line, _) = inspection.position_of(signature.span.start);
    let algorithms = [
        signature.signature_method.as_deref(),
        signature.digest_method.as_deref(),
        signature.c14n_method.as_deref(),
    ]
    .into_iter()
    .flatten()
    .map(tail)
    .collect::<Vec<_>>()
    .join(" · ");
    let failure = signature.failure.as_ref().map(Failure::describe);
    signature_entry(
        signature.verdict,
        &signs,
        Some(line),
        (!algorithms.is_empty()).then(|| value_row("Algorithms", &algorithms)),
        signature.key.as_ref(),
        failure.as_deref(),
    )
}

fn redirect_signature_item(signature: &RedirectSignature) -> Html {
    signature_entry(
        signature.verdict,
        "Redirect query string",
        None,
        Some(row("SigAlg", tail_value(&signature.sig_alg))),
        signature.key.as_ref(),
        signature.failure.as_deref(),
    )
}

/// One signature of the list: the verdict, what it signs and where, then its rows (the
/// algorithms, the key it was verified with, why it failed).
fn signature_entry(
    verdict: Verdict,
    signs: &str,
    line: Option<usize>,
    first_row: Option<Html>,
    key: Option<&KeyUsed>,
    failure: Option<&str>,
) -> Html {
    html! {
        <li class="signature">
            <div class="signature-head">
                { verdict_badge(verdict) }
                { span("signature-target", signs) }
                if let Some(line) = line {
                    <span class="loc">{ format!("line {line}") }</span>
                }
            </div>
            <dl class="fields">
                { for first_row }
                if let Some(key) = key {
                    { row("Verified with", key_line(key)) }
                }
                if let Some(failure) = failure {
                    { value_row("Why", failure) }
                }
            </dl>
        </li>
    }
}

fn has_message_facts(s: &Summary) -> bool {
    s.id.is_some()
        || s.issuer.is_some()
        || s.destination.is_some()
        || s.in_response_to.is_some()
        || s.recipient.is_some()
        || s.acs_url.is_some()
        || s.protocol_binding.is_some()
        || s.name_id_policy_format.is_some()
        || s.entity_id.is_some()
        || s.relay_state.is_some()
        || s.assertion_encrypted
}

fn message_rows(report: &Report) -> Vec<Html> {
    let s = &report.summary;
    let mut rows = fact_rows(&[
        ("Issuer", s.issuer.as_ref(), false),
        (
            "Entity ID",
            s.entity_id.as_ref().filter(|_| s.entities.is_empty()),
            false,
        ),
        ("Destination", s.destination.as_ref(), false),
        ("Recipient", s.recipient.as_ref(), false),
        ("ACS URL", s.acs_url.as_ref(), false),
        ("Protocol binding", s.protocol_binding.as_ref(), true),
        ("NameID policy", s.name_id_policy_format.as_ref(), true),
        ("In response to", s.in_response_to.as_ref(), false),
        ("Message ID", s.id.as_ref(), false),
        ("Relay state", s.relay_state.as_ref(), false),
        ("App profile", report.configuration.profile.as_ref(), false),
    ]);
    if let Some(p) = &report.configuration.suggested_profile {
        rows.push(value_row(
            "App profile",
            &format!("looks like `{p}` (its Entra tutorial's expectations can be checked)"),
        ));
    }
    if let Some(binding) = &report.binding {
        if let Some(endpoint) = &binding.endpoint {
            rows.push(value_row("Sent to", endpoint));
        }
        if let Some(sig_alg) = &binding.sig_alg {
            rows.push(row("SigAlg", tail_value(sig_alg)));
        }
    }
    if s.assertion_encrypted {
        rows.push(value_row("Assertion", "encrypted (EncryptedAssertion)"));
    }
    rows
}

/// Whether the SP libraries people use accept the message now, with their default clock skew.
fn skew_list(report: &Report) -> Html {
    if report.clock_skew.is_empty() {
        return html! {};
    }
    let items = report.clock_skew.iter().map(|a| {
        let (mark, class, word) = if a.accepted {
            ("✓", "skew-item is-accepted", "accepts")
        } else {
            ("✗", "skew-item is-rejected", "rejects")
        };
        html! {
            <li {class} data-sp={a.sp} data-accepted={if a.accepted { "true" } else { "false" }}>
                <span class="skew-mark" aria-hidden="true">{ mark }</span>
                <span class="skew-sp">{ a.sp }</span>
                <span class="skew-default">{ format!("{} s skew", a.skew_seconds) }</span>
                <span class="skew-reason">{ format!("{word}: {}", a.reason) }</span>
            </li>
        }
    });
    html! {
        <div class="skew" data-view="clock-skew">
            <h4 class="skew-title">{ "Would common SPs accept it now? (their default clock skew)" }</h4>
            <ul class="skew-list">{ for items }</ul>
        </div>
    }
}

/// `<section class="card">`: its title (with a note beside it) and its body.
fn card(title: &'static str, note: Option<&str>, body: Html) -> Html {
    html! {
        <section class="card">
            <h3 class="card-title">
                { title }
                if let Some(note) = note {
                    { span("card-note", note) }
                }
            </h3>
            { body }
        </section>
    }
}

/// The summary panel. Renders nothing when the Report has nothing to summarise.
#[component]
pub fn SummaryView(props: &SummaryViewProps) -> Html {
    let inspection = &props.inspection;
    let report = &inspection.report;
    let s = &report.summary;
    let now = inspection.now;

    let mut sections: Vec<Html> = Vec::new();

    if has_message_facts(s) || report.binding.is_some() {
        let rows = message_rows(report);
        if !rows.is_empty() {
            sections.push(card("Message", None, fields(rows.into_iter().collect())));
        }
    }

    if !report.signatures.is_empty() || report.redirect_signature.is_some() {
        let items = report
            .signatures
            .iter()
            .map(|signature| signature_item(inspection, signature))
            .chain(
                report
                    .redirect_signature
                    .iter()
                    .map(redirect_signature_item),
            );
        let count = report.signatures.len() + usize::from(report.redirect_signature.is_some());
        let unpinned = report
            .signatures
            .iter()
            .any(|signature| signature.verdict == Verdict::ValidUntrusted);
        sections.push(card(
            if count == 1 {
                "Signature"
            } else {
                "Signatures"
            },
            unpinned.then_some("no trusted certificate given: checked against the message's own"),
            html! { <ul class="signatures">{ for items }</ul> },
        ));
    }

    if let Some(status) = &s.status {
        sections.push(card("Status", None, status_block(status)));
    }

    let mut subject_rows: Vec<Html> = Vec::new();
    if let Some(name_id) = &s.name_id {
        subject_rows.push(row(
            "NameID",
            html! {
                <span class="value">
                    { name_id.clone() }
                    if let Some(format) = &s.name_id_format {
                        <span class="tag" title={format.clone()}>{ tail(format).to_owned() }</span>
                    }
                </span>
            },
        ));
    }
    if !s.audiences.is_empty() {
        let audiences = s.audiences.iter().map(|a| html! { <li>{ a.clone() }</li> });
        subject_rows.push(row(
            "Audience",
            html! { <ul class="value plain-list">{ for audiences }</ul> },
        ));
    }
    subject_rows.extend(fact_rows(&[
        ("Session index", s.session_index.as_ref(), false),
        ("Authn context", s.authn_context.as_ref(), true),
    ]));
    if !subject_rows.is_empty() {
        sections.push(card(
            "Subject",
            None,
            fields(subject_rows.into_iter().collect()),
        ));
    }

    let time_rows: Vec<Html> = [
        ("Issued", s.issue_instant),
        ("Not before", s.not_before),
        ("Not on or after", s.not_on_or_after),
        ("Session ends", s.session_not_on_or_after),
        ("Valid until", s.valid_until),
    ]
    .into_iter()
    .filter_map(|(label, at)| Some(row(label, time_value(at?, now))))
    .collect();
    if !time_rows.is_empty() {
        sections.push(card(
            "Times",
            Some(&format!("now is {now}")),
            html! { <>{ fields(time_rows.into_iter().collect()) }{ skew_list(report) }</> },
        ));
    }

    if !s.attributes.is_empty() {
        let rows = s.attributes.iter().map(attribute_row);
        sections.push(card(
            "Attributes",
            Some(&format!("{} claims", s.attributes.len())),
            html! {
                <table class="claims">
                    <thead><tr><th scope="col">{ "Claim" }</th><th scope="col">{ "Value" }</th></tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            },
        ));
    }

    if let [entity] = s.entities.as_slice() {
        sections.push(entity_card(entity));
    } else if !s.entities.is_empty() {
        sections.push(entities_card(&s.entities));
    }

    let mut key_cards: Vec<Html> = s
        .certificates
        .iter()
        .map(|cert| certificate_card(cert, now))
        .collect();
    for key in &report.keys {
        match key {
            KeyMaterial::Certificate(cert)
                if !s.certificates.iter().any(|c| c.sha256 == cert.sha256) =>
            {
                key_cards.push(certificate_card(cert, now));
            }
            KeyMaterial::Certificate(_) => {}
            KeyMaterial::PublicKey(public) => key_cards.push(key_article(
                "Public key",
                fields(value_row("Key", &public.describe())),
            )),
            KeyMaterial::PrivateKey(private) => key_cards.push(private_key_card(private)),
        }
    }
    if !key_cards.is_empty() {
        let title = if key_cards.len() == 1 {
            "Certificate"
        } else {
            "Certificates and keys"
        };
        sections.push(card(
            title,
            None,
            html! { <div class="certs">{ for key_cards }</div> },
        ));
    }

    if sections.is_empty() {
        return html! {};
    }
    html! {
        <section class="summary" aria-labelledby="summary-title">
            <h2 id="summary-title" class="section-title">{ "Summary" }</h2>
            { for sections }
        </section>
    }
}
