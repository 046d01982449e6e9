//! The summary: who, for whom, when, status, claims, entities and certificates. Fields the
//! Report does not have are not shown.

use std::rc::Rc;

use samlscope_core::cert::{CertificateInfo, KeyAlgorithm, KeyMaterial, PrivateKeyInfo};
use samlscope_core::dsig::{KeySource, KeyUsed, RedirectSignature, SignatureReport, Verdict};
use samlscope_core::report::{AttributeSummary, EntitySummary, StatusSummary, Summary};
use samlscope_core::time::relative;
use samlscope_core::{Report, Timestamp};
use yew::prelude::*;

use crate::format::tail;
use crate::state::Inspection;

/// Props of [`SummaryView`].
#[derive(Properties, PartialEq)]
pub struct SummaryViewProps {
    /// The inspection shown.
    pub inspection: Rc<Inspection>,
}

pub(crate) fn row(label: &'static str, value: Html) -> Html {
    html! {
        <div class="row">
            <dt>{ label }</dt>
            <dd>{ value }</dd>
        </div>
    }
}

fn text_row(label: &'static str, value: Option<&String>) -> Option<Html> {
    value.map(|value| {
        row(
            label,
            html! { <span class="value">{ value.clone() }</span> },
        )
    })
}

fn uri_row(label: &'static str, value: Option<&String>) -> Option<Html> {
    value.map(|value| {
        row(
            label,
            html! {
                <span class="value" title={value.clone()}>
                    { tail(value).to_owned() }
                    <span class="value-full">{ value.clone() }</span>
                </span>
            },
        )
    })
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

fn time_row(label: &'static str, at: Option<Timestamp>, now: Timestamp) -> Option<Html> {
    at.map(|at| row(label, time_value(at, now)))
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
        <div class={classes!("status", if status.success { "is-success" } else { "is-failure" })}>
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

fn key_algorithm(algorithm: &KeyAlgorithm) -> String {
    match algorithm {
        KeyAlgorithm::Dsa => "DSA".into(),
        KeyAlgorithm::Ec => "EC".into(),
        KeyAlgorithm::Ed25519 => "Ed25519".into(),
        KeyAlgorithm::Ed448 => "Ed448".into(),
        KeyAlgorithm::Rsa => "RSA".into(),
        KeyAlgorithm::Other(name) => name.clone(),
    }
}

fn certificate_card(cert: &CertificateInfo, now: Timestamp) -> Html {
    html! {
        <article class="cert">
            <h4 class="cert-title">{ cert.subject.clone() }</h4>
            <dl class="fields">
                { row("Subject", html! { <span class="value">{ cert.subject.clone() }</span> }) }
                { row("Issuer", html! {
                    <span class="value">
                        { cert.issuer.clone() }
                        if cert.self_signed { <span class="tag">{ "self-signed" }</span> }
                    </span>
                }) }
                { row("Valid from", time_value(cert.not_before, now)) }
                { row("Valid until", time_value(cert.not_after, now)) }
                { row("Key", html! { <span class="value">{ cert.key.describe() }</span> }) }
                { row("Signature", html! { <span class="value">{ cert.signature_algorithm.clone() }</span> }) }
                { row("Serial", html! { <span class="value mono">{ cert.serial.clone() }</span> }) }
                { row("Thumbprint (SHA-1)", html! { <span class="value mono select-all">{ cert.sha1.clone() }</span> }) }
                { row("SHA-256", html! { <span class="value mono select-all">{ cert.sha256.clone() }</span> }) }
            </dl>
        </article>
    }
}

fn private_key_card(key: &PrivateKeyInfo) -> Html {
    let bits = key.bits.map(|bits| format!(" {bits}")).unwrap_or_default();
    html! {
        <article class="cert">
            <h4 class="cert-title">{ "Private key" }</h4>
            <dl class="fields">
                { row("Key", html! { <span class="value">{ format!("{}{bits}", key_algorithm(&key.algorithm)) }</span> }) }
                { row("Format", html! { <span class="value">{ key.format.clone() }</span> }) }
                { row("Encrypted", html! { <span class="value">{ if key.encrypted { "yes" } else { "no" } }</span> }) }
            </dl>
            <p class="note">{ "Only what the key is is shown; its secret never leaves this page." }</p>
        </article>
    }
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
    html! {
        <section class="card">
            <h3 class="card-title">{ "Entity" }</h3>
            <dl class="fields">
                { row("Entity ID", html! { <span class="value">{ entity.entity_id.clone() }</span> }) }
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
        </section>
    }
}

/// Most entities listed for an aggregate (the rest are counted).
const MAX_ENTITIES_LISTED: usize = 100;

/// Many entities (an aggregate): each entity ID with its roles.
fn entities_card(entities: &[EntitySummary]) -> Html {
    let items = entities.iter().take(MAX_ENTITIES_LISTED).map(|entity| {
        html! {
            <li>
                <span class="value">{ entity.entity_id.clone() }</span>
                { roles(entity) }
            </li>
        }
    });
    let more = entities.len().saturating_sub(MAX_ENTITIES_LISTED);
    html! {
        <section class="card">
            <h3 class="card-title">{ "Entities" }<span class="card-note">{ entities.len() }</span></h3>
            <ul class="entities">{ for items }</ul>
            if more > 0 {
                <p class="note">{ format!("… and {more} more.") }</p>
            }
        </section>
    }
}

pub(crate) fn verdict_badge(verdict: Verdict) -> Html {
    let (class, words) = match verdict {
        Verdict::Valid => ("sig-ok", "valid"),
        Verdict::ValidUntrusted => ("sig-info", "valid with embedded cert"),
        Verdict::Untrusted => ("sig-warn", "untrusted key"),
        Verdict::Invalid => ("sig-bad", "invalid"),
        Verdict::Unsupported => ("sig-warn", "not verifiable here"),
    };
    html! { <span class={classes!("sig-verdict", class)} data-verdict={verdict.as_str()}>{ words }</span> }
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
    html! {
        <li class="signature">
            <div class="signature-head">
                { verdict_badge(signature.verdict) }
                <span class="signature-target">{ signs }</span>
                <span class="loc">{ format!("line {line}") }</span>
            </div>
            <dl class="fields">
                if !algorithms.is_empty() {
                    { row("Algorithms", html! { <span class="value">{ algorithms }</span> }) }
                }
                if let Some(key) = &signature.key {
                    { row("Verified with", key_line(key)) }
                }
                if let Some(failure) = &signature.failure {
                    { row("Why", html! { <span class="value">{ failure.describe() }</span> }) }
                }
            </dl>
        </li>
    }
}

fn redirect_signature_item(signature: &RedirectSignature) -> Html {
    html! {
        <li class="signature">
            <div class="signature-head">
                { verdict_badge(signature.verdict) }
                <span class="signature-target">{ "Redirect query string" }</span>
            </div>
            <dl class="fields">
                { row("SigAlg", html! { <span class="value" title={signature.sig_alg.clone()}>{ tail(&signature.sig_alg).to_owned() }</span> }) }
                if let Some(key) = &signature.key {
                    { row("Verified with", key_line(key)) }
                }
                if let Some(failure) = &signature.failure {
                    { row("Why", html! { <span class="value">{ failure.clone() }</span> }) }
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
    let mut rows: Vec<Html> = [
        text_row("Issuer", s.issuer.as_ref()),
        text_row(
            "Entity ID",
            s.entity_id.as_ref().filter(|_| s.entities.is_empty()),
        ),
        text_row("Destination", s.destination.as_ref()),
        text_row("Recipient", s.recipient.as_ref()),
        text_row("ACS URL", s.acs_url.as_ref()),
        uri_row("Protocol binding", s.protocol_binding.as_ref()),
        uri_row("NameID policy", s.name_id_policy_format.as_ref()),
        text_row("In response to", s.in_response_to.as_ref()),
        text_row("Message ID", s.id.as_ref()),
        text_row("Relay state", s.relay_state.as_ref()),
        text_row("App profile", report.configuration.profile.as_ref()),
        report.configuration.suggested_profile.as_ref().map(|p| {
            row(
                "App profile",
                html! { <span class="value">{ format!("looks like `{p}` (its Entra tutorial's expectations can be checked)") }</span> },
            )
        }),
    ]
    .into_iter()
    .flatten()
    .collect();
    if let Some(binding) = &report.binding {
        if let Some(endpoint) = &binding.endpoint {
            rows.push(row(
                "Sent to",
                html! { <span class="value">{ endpoint.clone() }</span> },
            ));
        }
        if let Some(sig_alg) = &binding.sig_alg {
            rows.push(row(
                "SigAlg",
                html! { <span class="value" title={sig_alg.clone()}>{ tail(sig_alg).to_owned() }</span> },
            ));
        }
    }
    if s.assertion_encrypted {
        rows.push(row(
            "Assertion",
            html! { <span class="value">{ "encrypted (EncryptedAssertion)" }</span> },
        ));
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
            <li class={class} data-sp={a.sp} data-accepted={a.accepted.to_string()}>
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
            sections.push(html! {
                <section class="card">
                    <h3 class="card-title">{ "Message" }</h3>
                    <dl class="fields">{ for rows }</dl>
                </section>
            });
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
        sections.push(html! {
            <section class="card">
                <h3 class="card-title">
                    { if count == 1 { "Signature" } else { "Signatures" } }
                    if unpinned {
                        <span class="card-note">{ "no trusted certificate given: checked against the message's own" }</span>
                    }
                </h3>
                <ul class="signatures">{ for items }</ul>
            </section>
        });
    }

    if let Some(status) = &s.status {
        sections.push(html! {
            <section class="card">
                <h3 class="card-title">{ "Status" }</h3>
                { status_block(status) }
            </section>
        });
    }

    let subject_rows: Vec<Html> = [
        s.name_id.as_ref().map(|name_id| {
            row(
                "NameID",
                html! {
                    <span class="value">
                        { name_id.clone() }
                        if let Some(format) = &s.name_id_format {
                            <span class="tag" title={format.clone()}>{ tail(format).to_owned() }</span>
                        }
                    </span>
                },
            )
        }),
        (!s.audiences.is_empty()).then(|| {
            let audiences = s.audiences.iter().map(|a| html! { <li>{ a.clone() }</li> });
            row("Audience", html! { <ul class="value plain-list">{ for audiences }</ul> })
        }),
        text_row("Session index", s.session_index.as_ref()),
        uri_row("Authn context", s.authn_context.as_ref()),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !subject_rows.is_empty() {
        sections.push(html! {
            <section class="card">
                <h3 class="card-title">{ "Subject" }</h3>
                <dl class="fields">{ for subject_rows }</dl>
            </section>
        });
    }

    let time_rows: Vec<Html> = [
        time_row("Issued", s.issue_instant, now),
        time_row("Not before", s.not_before, now),
        time_row("Not on or after", s.not_on_or_after, now),
        time_row("Session ends", s.session_not_on_or_after, now),
        time_row("Valid until", s.valid_until, now),
    ]
    .into_iter()
    .flatten()
    .collect();
    if !time_rows.is_empty() {
        sections.push(html! {
            <section class="card">
                <h3 class="card-title">{ "Times" }<span class="card-note">{ format!("now is {now}") }</span></h3>
                <dl class="fields">{ for time_rows }</dl>
                { skew_list(report) }
            </section>
        });
    }

    if !s.attributes.is_empty() {
        let rows = s.attributes.iter().map(attribute_row);
        sections.push(html! {
            <section class="card">
                <h3 class="card-title">{ "Attributes" }<span class="card-note">{ format!("{} claims", s.attributes.len()) }</span></h3>
                <table class="claims">
                    <thead><tr><th scope="col">{ "Claim" }</th><th scope="col">{ "Value" }</th></tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </section>
        });
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
            KeyMaterial::Certificate(cert) if !s.certificates.iter().any(|c| c.sha256 == cert.sha256) => {
                key_cards.push(certificate_card(cert, now));
            }
            KeyMaterial::Certificate(_) => {}
            KeyMaterial::PublicKey(public) => key_cards.push(html! {
                <article class="cert">
                    <h4 class="cert-title">{ "Public key" }</h4>
                    <dl class="fields">{ row("Key", html! { <span class="value">{ public.describe() }</span> }) }</dl>
                </article>
            }),
            KeyMaterial::PrivateKey(private) => key_cards.push(private_key_card(private)),
        }
    }
    if !key_cards.is_empty() {
        let title = if key_cards.len() == 1 {
            "Certificate"
        } else {
            "Certificates and keys"
        };
        sections.push(html! {
            <section class="card">
                <h3 class="card-title">{ title }</h3>
                <div class="certs">{ for key_cards }</div>
            </section>
        });
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
