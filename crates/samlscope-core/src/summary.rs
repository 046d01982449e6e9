//! The [`Summary`]: the facts people look for first, read from the model.

use crate::cert::{KeyMaterial, parse_certificate_text};
use crate::decode::BindingParams;
use crate::entra;
use crate::model::{Message, Text, Time};
use crate::report::{
    AadstsSummary, AttributeSummary, EndpointSummary, EntitySummary, StatusSummary, Summary,
};
use crate::xml::{Document, ns};

/// Most certificates listed in a summary (an aggregate can hold thousands).
const MAX_CERTIFICATES: usize = 8;

/// Most distinct X509Certificate texts read for the summary.
const MAX_CERTIFICATE_TEXTS: usize = 32;
/// Most entities listed in a summary.
const MAX_ENTITIES: usize = 200;

fn value(t: Option<&Text>) -> Option<String> {
    t.map(|t| t.value.trim().to_owned())
}

fn time(t: Option<&Time>) -> Option<crate::time::Timestamp> {
    t.and_then(|t| t.at)
}

/// Summarises a parsed message.
pub(crate) fn summarize(
    doc: &Document,
    message: &Message,
    binding: Option<&BindingParams>,
) -> Summary {
    let mut s = Summary {
        relay_state: binding.and_then(|b| b.relay_state.clone()),
        ..Summary::default()
    };
    if let Some(h) = message.header() {
        s.id = value(h.id.as_ref());
        s.issuer = value(h.issuer());
        s.destination = value(h.destination.as_ref());
        s.in_response_to = value(h.in_response_to.as_ref());
        s.issue_instant = time(h.issue_instant.as_ref());
    }
    match message {
        Message::Response(_) | Message::ArtifactResponse(_) | Message::LogoutResponse(_) => {
            let status = match message {
                Message::Response(r) => r.status.as_ref(),
                Message::LogoutResponse(r) => r.status.as_ref(),
                Message::ArtifactResponse(a) => a.response.status.as_ref(),
                _ => None,
            };
            s.status = status.map(|st| StatusSummary {
                code: value(st.code.as_ref()).unwrap_or_default(),
                nested: st
                    .nested
                    .iter()
                    .map(|c| c.value.trim().to_owned())
                    .collect(),
                message: value(st.message.as_ref()),
                success: st.is_success(),
                aadsts: st
                    .message
                    .as_ref()
                    .map(|m| entra::aadsts_codes(&m.value))
                    .unwrap_or_default()
                    .into_iter()
                    .map(|code| AadstsSummary {
                        code,
                        meaning: entra::aadsts(code).map(|a| a.meaning.to_owned()),
                    })
                    .collect(),
            });
        }
        _ => {}
    }
    if let Some(r) = message.response() {
        if s.issuer.is_none() {
            s.issuer = value(r.header.issuer());
        }
        if s.destination.is_none() {
            s.destination = value(r.header.destination.as_ref());
        }
        s.assertion_encrypted = !r.encrypted_assertions.is_empty();
        if let Some(a) = r.assertions.first() {
            fill_from_assertion(&mut s, a);
        }
    }
    match message {
        Message::AuthnRequest(r) => {
            s.acs_url = value(r.acs_url.as_ref());
            s.protocol_binding = value(r.protocol_binding.as_ref());
            s.name_id_policy_format = r
                .name_id_policy
                .as_ref()
                .and_then(|p| value(p.format.as_ref()));
        }
        Message::LogoutRequest(r) => {
            if let Some(n) = &r.name_id {
                fill_name_id(&mut s, n);
            }
            s.session_index = r.session_indexes.first().map(|t| t.value.trim().to_owned());
        }
        Message::EntityDescriptor(e) => {
            s.id = value(e.id.as_ref());
            s.entity_id = value(e.entity_id.as_ref());
            s.valid_until = time(e.valid_until.as_ref());
            s.entities.push(entity_summary(e));
            s.entity_count = Some(1);
        }
        Message::EntitiesDescriptor(g) => {
            s.id = value(g.id.as_ref());
            s.valid_until = time(g.valid_until.as_ref());
            s.entities = g
                .entities
                .iter()
                .take(MAX_ENTITIES)
                .map(entity_summary)
                .collect();
            s.entity_count = Some(g.entities.len());
        }
        _ => {}
    }
    // Certificates: KeyInfo of messages, KeyDescriptors of one entity (not of whole aggregates).
    if !matches!(message, Message::EntitiesDescriptor(_)) {
        let mut seen = Vec::new();
        // Each text is parsed once, and only so many are tried: a KeyInfo can repeat one
        // certificate 20,000 times, or carry thousands of unreadable ones.
        let mut tried: std::collections::HashSet<String> = std::collections::HashSet::new();
        for e in doc.descendant_elements(doc.document_node()) {
            if !e.is(ns::DS, "X509Certificate") {
                continue;
            }
            let text = e.text_content();
            if tried.contains(&text) {
                continue;
            }
            if tried.len() >= MAX_CERTIFICATE_TEXTS {
                break;
            }
            let parsed = parse_certificate_text(&text);
            tried.insert(text);
            if let Ok(cert) = parsed
                && !seen.contains(&cert.sha256)
            {
                seen.push(cert.sha256.clone());
                s.certificates.push(cert);
            }
            if s.certificates.len() >= MAX_CERTIFICATES {
                break;
            }
        }
    }
    s
}

/// Fills the assertion facts (subject, audience, times, attributes) from `a` — a plain
/// The NameID's value, Format and SPNameQualifier (also of one decrypted from an EncryptedID).
pub(crate) fn fill_name_id(s: &mut Summary, n: &crate::model::NameId) {
    s.name_id = Some(n.value.value.trim().to_owned());
    s.name_id_format = value(n.format.as_ref());
    s.name_id_sp_name_qualifier = value(n.sp_name_qualifier.as_ref());
}

/// Assertion of the message, or one decrypted with the SP key.
pub(crate) fn fill_from_assertion(s: &mut Summary, a: &crate::model::Assertion) {
    if s.issuer.is_none() {
        s.issuer = value(a.issuer());
    }
    if let Some(subject) = &a.subject {
        if let Some(n) = &subject.name_id {
            fill_name_id(s, n);
        }
        if let Some(data) = subject
            .confirmations
            .iter()
            .find(|c| c.is_bearer())
            .or(subject.confirmations.first())
            .and_then(|c| c.data.as_ref())
        {
            s.recipient = value(data.recipient.as_ref());
            if s.in_response_to.is_none() {
                s.in_response_to = value(data.in_response_to.as_ref());
            }
        }
    }
    s.audiences = a.audiences().map(|t| t.value.trim().to_owned()).collect();
    if let Some(c) = a.conditions.first() {
        s.not_before = time(c.not_before.as_ref());
        s.not_on_or_after = time(c.not_on_or_after.as_ref());
    }
    if let Some(st) = a.authn_statements.first() {
        s.session_not_on_or_after = time(st.session_not_on_or_after.as_ref());
        s.session_index = value(st.session_index.as_ref());
        s.authn_context = value(st.class_ref.as_ref());
    }
    s.attributes = a.attributes.iter().map(attribute_summary).collect();
}

/// One attribute as the summary shows it.
pub(crate) fn attribute_summary(at: &crate::model::Attribute) -> AttributeSummary {
    let name = value(at.name.as_ref()).unwrap_or_default();
    AttributeSummary {
        known_as: entra::claim_friendly_name(&name),
        name,
        friendly_name: value(at.friendly_name.as_ref()),
        values: at.values.iter().map(|v| v.value.clone()).collect(),
        span: at.span,
    }
}

fn entity_summary(e: &crate::model::EntityDescriptor) -> EntitySummary {
    let mut signing_thumbprints = Vec::new();
    for key in e.roles.iter().flat_map(|r| r.signing_keys()) {
        for cert in key.certificates.iter().filter_map(|c| c.parse().ok()) {
            if !signing_thumbprints.contains(&cert.sha1) {
                signing_thumbprints.push(cert.sha1);
            }
        }
    }
    EntitySummary {
        entity_id: value(e.entity_id.as_ref()).unwrap_or_default(),
        roles: e.roles.iter().map(|r| r.kind.label().to_owned()).collect(),
        endpoints: e
            .roles
            .iter()
            .flat_map(|r| {
                r.endpoints.iter().map(move |p| EndpointSummary {
                    role: r.kind.label().to_owned(),
                    kind: p.kind.clone(),
                    binding: p.binding_short().to_owned(),
                    location: value(p.location.as_ref()).unwrap_or_default(),
                    index: value(p.index.as_ref()),
                    is_default: p.is_default,
                })
            })
            .collect(),
        signing_thumbprints,
        span: e.span,
    }
}

/// Summarises a certificate or key given as input.
pub(crate) fn summarize_keys(keys: &[KeyMaterial]) -> Summary {
    Summary {
        certificates: keys
            .iter()
            .filter_map(|k| match k {
                KeyMaterial::Certificate(c) => Some(c.clone()),
                _ => None,
            })
            .collect(),
        ..Summary::default()
    }
}
