//! The summary: who, for whom, when, status, claims, entities and certificates. Fields the
//! Report does not have are not shown. Written as [`Markup`] (it only shows the Report).

use std::fmt::Write as _;
use std::rc::Rc;

use samlscope_core::algorithms::short_name;
use samlscope_core::cert::{CertificateInfo, KeyAlgorithm, KeyMaterial, PrivateKeyInfo};
use samlscope_core::dsig::{
    Coverage, Failure, KeySource, KeyUsed, RedirectSignature, SignatureReport,
};
use samlscope_core::report::{AttributeSummary, EntitySummary, StatusSummary, Summary};
use samlscope_core::{Report, Timestamp};
use yew::prelude::*;

use super::markup_html;
use crate::format::tail;
use crate::markup::Markup;
use crate::markup::parts::{
    MAX_LISTED, algorithm_value, card_end, card_start, line_mark, more_item, more_note, row_end,
    row_start, span, text_row, time_row, uri_tail_value, value_row, verdict_badge,
};
use crate::state::Inspection;

/// Props of [`SummaryView`].
#[derive(Properties, PartialEq)]
pub struct SummaryViewProps {
    /// The inspection shown.
    pub inspection: Rc<Inspection>,
}

/// A field of the message: its label, its value when it has one, and whether the value is a
/// URI (shown by its last segment).
type Fact<'a> = (&'static str, Option<&'a String>, bool);

/// The rows of the facts that have a value.
fn fact_rows(m: &mut Markup, facts: &[Fact<'_>]) {
    for &(label, value, uri) in facts {
        let Some(value) = value else { continue };
        if uri {
            row_start(m, label);
            uri_tail_value(m, value);
            row_end(m);
        } else {
            value_row(m, label, value);
        }
    }
}

fn status_block(m: &mut Markup, status: &StatusSummary) {
    m.tag(if status.success {
        "<div class=\"status is-success\">"
    } else {
        "<div class=\"status is-failure\">"
    });
    m.tag("<ol class=\"status-codes\" aria-label=\"Status codes, outermost first\">");
    for code in std::iter::once(&status.code).chain(&status.nested) {
        m.wrap("<li title=\"", code, "\">");
        m.text(tail(code)).tag("</li>");
    }
    m.tag("</ol>");
    if let Some(message) = &status.message {
        m.wrap("<p class=\"status-message\">", message, "</p>");
    }
    if !status.aadsts.is_empty() {
        m.tag("<ul class=\"aadsts\">");
        for code in &status.aadsts {
            m.tag("<li><code>");
            let _ = write!(m, "AADSTS{}", code.code);
            m.tag("</code>");
            if let Some(meaning) = &code.meaning {
                m.tag(" — ").text(meaning);
            }
            m.tag("</li>");
        }
        m.tag("</ul>");
    }
    m.tag("</div>");
}

fn attribute_row(m: &mut Markup, attribute: &AttributeSummary) {
    let friendly = attribute
        .friendly_name
        .as_deref()
        .or(attribute.known_as)
        .unwrap_or_else(|| tail(&attribute.name));
    m.wrap(
        "<tr><th scope=\"row\"><span class=\"claim-name\">",
        friendly,
        "</span>",
    );
    if friendly != attribute.name {
        span(m, "claim-uri", &attribute.name);
    }
    m.tag("</th><td>");
    if attribute.values.is_empty() {
        m.tag("<span class=\"muted\">(no value)</span>");
    } else {
        m.tag("<ul class=\"claim-values\">");
        for value in attribute.values.iter().take(MAX_LISTED) {
            m.wrap("<li>", value, "</li>");
        }
        more_item(m, attribute.values.len(), MAX_LISTED);
        m.tag("</ul>");
    }
    m.tag("</td></tr>");
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

/// Opens one certificate or key: `<article class="cert">` with its title; closed by
/// `</article>`.
fn key_article_start(m: &mut Markup, title: &str) {
    m.wrap(
        "<article class=\"cert\"><h4 class=\"cert-title\">",
        title,
        "</h4>",
    );
}

/// What is said under a private key.
pub(crate) const SECRET_NOTE: &str =
    r#"<p class="note">Only what the key is is shown; its secret never leaves this page.</p>"#;

fn certificate_card(m: &mut Markup, cert: &CertificateInfo, now: Timestamp) {
    key_article_start(m, &cert.subject);
    m.tag("<dl class=\"fields\">");
    value_row(m, "Subject", &cert.subject);
    row_start(m, "Issuer");
    m.wrap("<span class=\"value\">", &cert.issuer, "");
    if cert.self_signed {
        m.tag("<span class=\"tag\">self-signed</span>");
    }
    m.tag("</span>");
    row_end(m);
    time_row(m, "Valid from", cert.not_before, now);
    time_row(m, "Valid until", cert.not_after, now);
    value_row(m, "Key", &cert.key.describe());
    value_row(m, "Signature", &cert.signature_algorithm);
    text_row(m, "Serial", "value mono", &cert.serial);
    text_row(m, "Thumbprint (SHA-1)", "value mono select-all", &cert.sha1);
    text_row(m, "SHA-256", "value mono select-all", &cert.sha256);
    m.tag("</dl></article>");
}

fn private_key_card(m: &mut Markup, key: &PrivateKeyInfo) {
    let algorithm = key_algorithm(&key.algorithm);
    let described = match key.bits {
        Some(bits) => format!("{algorithm} {bits}"),
        None => algorithm.to_owned(),
    };
    key_article_start(m, "Private key");
    m.tag("<dl class=\"fields\">");
    value_row(m, "Key", &described);
    value_row(m, "Format", &key.format);
    value_row(m, "Encrypted", if key.encrypted { "yes" } else { "no" });
    m.tag("</dl>").tag(SECRET_NOTE).tag("</article>");
}

fn roles(m: &mut Markup, entity: &EntitySummary) {
    m.tag("<span class=\"roles\">");
    for role in &entity.roles {
        span(m, "tag", role);
    }
    m.tag("</span>");
}

/// One entity (a metadata document): roles, signing thumbprints and endpoints.
fn entity_card(m: &mut Markup, entity: &EntitySummary) {
    card_start(m, "Entity", None);
    m.tag("<dl class=\"fields\">");
    value_row(m, "Entity ID", &entity.entity_id);
    row_start(m, "Roles");
    roles(m, entity);
    row_end(m);
    if !entity.signing_thumbprints.is_empty() {
        row_start(m, "Signing (SHA-1)");
        m.tag("<ul class=\"value plain-list\">");
        for sha1 in &entity.signing_thumbprints {
            m.wrap("<li class=\"select-all\">", sha1, "</li>");
        }
        m.tag("</ul>");
        row_end(m);
    }
    m.tag("</dl>");
    if !entity.endpoints.is_empty() {
        m.tag(concat!(
            "<table class=\"claims endpoints\"><thead><tr><th scope=\"col\">Endpoint</th>",
            "<th scope=\"col\">Binding</th><th scope=\"col\">Location</th></tr></thead><tbody>"
        ));
        for endpoint in &entity.endpoints {
            m.wrap(
                "<tr><th scope=\"row\"><span class=\"claim-name\">",
                &endpoint.kind,
                "</span>",
            );
            span(m, "claim-uri", &endpoint.role);
            m.wrap("</th><td class=\"nowrap\">", &endpoint.binding, "");
            if let Some(index) = &endpoint.index {
                m.tag("<span class=\"tag\">");
                let _ = write!(m, "index {index}");
                m.tag("</span>");
            }
            if endpoint.is_default == Some(true) {
                m.tag("<span class=\"tag\">default</span>");
            }
            m.wrap("</td><td class=\"mono\">", &endpoint.location, "</td></tr>");
        }
        m.tag("</tbody></table>");
    }
    card_end(m);
}

/// Most entities listed for an aggregate (the rest are counted).
const MAX_ENTITIES_LISTED: usize = 100;

/// Many entities (an aggregate): each entity ID with its roles. `total` is how many the
/// metadata holds (the summary lists only the first of them).
fn entities_card(m: &mut Markup, entities: &[EntitySummary], total: usize) {
    let total = total.max(entities.len());
    card_start(m, "Entities", Some(&total.to_string()));
    m.tag("<ul class=\"entities\">");
    for entity in entities.iter().take(MAX_ENTITIES_LISTED) {
        m.tag("<li>");
        span(m, "value", &entity.entity_id);
        roles(m, entity);
        m.tag("</li>");
    }
    m.tag("</ul>");
    let more = total - entities.len().min(MAX_ENTITIES_LISTED);
    if more > 0 {
        m.tag("<p class=\"note\">");
        let _ = write!(m, "… and {more} more.");
        m.tag("</p>");
    }
    card_end(m);
}

fn key_line(m: &mut Markup, key: &KeyUsed) {
    let source = match key.source {
        KeySource::Trusted => "a trusted key",
        KeySource::Embedded => "the certificate in the message",
    };
    m.tag("<span class=\"value\">");
    let _ = write!(m, "{} — {source}", key.description);
    if let Some(cert) = &key.certificate {
        m.tag("<span class=\"value-full select-all\">SHA-1 ");
        m.text(&cert.sha1).tag("</span>");
    }
    m.tag("</span>");
}

/// One XML signature: what it signs, the verdict, algorithms and key.
fn signature_item(m: &mut Markup, inspection: &Inspection, signature: &SignatureReport) {
    let report = &inspection.report;
    // What it covers, as the core says it (`Coverage`).
    let target = report
        .document
        .as_ref()
        .and_then(|doc| match signature.coverage(doc) {
            Coverage::Element { name, .. } => Some(name),
            Coverage::WholeDocument => Some("whole document".to_owned()),
            Coverage::Nothing => None,
        });
    let signs = match (target, &signature.target_id) {
        (Some(name), Some(id)) => format!("{name} #{id}"),
        (Some(name), None) => name,
        (None, Some(id)) => format!("#{id}"),
        (None, None) => "(nothing resolved)".to_owned(),
    };
    let (line, _) = inspection.position_of(signature.span.start);
    signature_head(m, signature.verdict, &signs, Some(line));
    let algorithms = [
        signature.signature_method.as_deref(),
        signature.digest_method.as_deref(),
        signature.c14n_method.as_deref(),
    ]
    .into_iter()
    .flatten()
    .map(short_name)
    .collect::<Vec<_>>()
    .join(" · ");
    if !algorithms.is_empty() {
        value_row(m, "Algorithms", &algorithms);
    }
    let failure = signature.failure.as_ref().map(Failure::describe);
    signature_tail(m, signature.key.as_ref(), failure.as_deref());
}

fn redirect_signature_item(m: &mut Markup, signature: &RedirectSignature) {
    signature_head(m, signature.verdict, "Redirect query string", None);
    row_start(m, "SigAlg");
    algorithm_value(m, &signature.sig_alg);
    row_end(m);
    signature_tail(m, signature.key.as_ref(), signature.failure.as_deref());
}

/// Opens one signature of the list: the verdict, what it signs and where, then its rows.
fn signature_head(
    m: &mut Markup,
    verdict: samlscope_core::dsig::Verdict,
    signs: &str,
    line: Option<usize>,
) {
    m.tag("<li class=\"signature\"><div class=\"signature-head\">");
    verdict_badge(m, verdict);
    span(m, "signature-target", signs);
    if let Some(line) = line {
        line_mark(m, line);
    }
    m.tag("</div><dl class=\"fields\">");
}

/// The last rows of a signature (the key it was verified with, why it failed), closed.
fn signature_tail(m: &mut Markup, key: Option<&KeyUsed>, failure: Option<&str>) {
    if let Some(key) = key {
        row_start(m, "Verified with");
        key_line(m, key);
        row_end(m);
    }
    if let Some(failure) = failure {
        value_row(m, "Why", failure);
    }
    m.tag("</dl></li>");
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

fn message_rows(m: &mut Markup, report: &Report) {
    let s = &report.summary;
    fact_rows(
        m,
        &[
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
        ],
    );
    if let (Some(idp), Some(from)) = (report.idp.idp, report.idp.from) {
        value_row(
            m,
            "Identity provider",
            &format!("{} ({})", idp.name, from.words()),
        );
    }
    if let Some(p) = report
        .configuration
        .suggested_profile
        .as_deref()
        .and_then(samlscope_core::profiles::find)
    {
        value_row(
            m,
            "App profile",
            &format!("{}’s URLs (not applied)", p.title),
        );
    }
    if let Some(binding) = &report.binding {
        if let Some(endpoint) = &binding.endpoint {
            value_row(m, "Sent to", endpoint);
        }
        if let Some(sig_alg) = &binding.sig_alg {
            row_start(m, "SigAlg");
            algorithm_value(m, sig_alg);
            row_end(m);
        }
    }
    if s.assertion_encrypted {
        value_row(m, "Assertion", "encrypted (EncryptedAssertion)");
    }
}

/// Whether the SP libraries people use accept the message now, with their default clock skew.
fn skew_list(m: &mut Markup, report: &Report) {
    if report.clock_skew.is_empty() {
        return;
    }
    m.tag(concat!(
        "<div class=\"skew\" data-view=\"clock-skew\"><h4 class=\"skew-title\">",
        "Would common SPs accept it now? (their default clock skew)</h4><ul class=\"skew-list\">"
    ));
    for a in &report.clock_skew {
        let (open, mark, word) = if a.accepted {
            (
                "<li class=\"skew-item is-accepted\" data-accepted=\"true\" data-sp=\"",
                "✓",
                "accepts",
            )
        } else {
            (
                "<li class=\"skew-item is-rejected\" data-accepted=\"false\" data-sp=\"",
                "✗",
                "rejects",
            )
        };
        m.wrap(
            open,
            a.sp,
            "\"><span class=\"skew-mark\" aria-hidden=\"true\">",
        );
        m.tag(mark);
        m.wrap("</span><span class=\"skew-sp\">", a.sp, "</span>");
        m.tag("<span class=\"skew-default\">");
        let _ = write!(m, "{} s skew", a.skew_seconds);
        m.tag("</span><span class=\"skew-reason\">");
        let _ = write!(m, "{word}: {}", a.reason);
        m.tag("</span></li>");
    }
    m.tag("</ul></div>");
}

/// The rows of a field list, in a card (nothing when there are no rows).
fn fields_card(m: &mut Markup, title: &'static str, rows: Markup) {
    if rows.is_empty() {
        return;
    }
    card_start(m, title, None);
    m.tag("<dl class=\"fields\">");
    m.markup(rows);
    m.tag("</dl>");
    card_end(m);
}

fn signatures_card(m: &mut Markup, inspection: &Inspection) {
    let report = &inspection.report;
    let count = report.signatures.len() + usize::from(report.redirect_signature.is_some());
    if count == 0 {
        return;
    }
    let unpinned = report
        .signatures
        .iter()
        .any(|signature| signature.verdict == samlscope_core::dsig::Verdict::ValidUntrusted);
    card_start(
        m,
        if count == 1 {
            "Signature"
        } else {
            "Signatures"
        },
        unpinned.then_some("no trusted certificate given: checked against the message's own"),
    );
    m.tag("<ul class=\"signatures\">");
    for signature in report.signatures.iter().take(MAX_LISTED) {
        signature_item(m, inspection, signature);
    }
    more_item(m, report.signatures.len(), MAX_LISTED);
    if let Some(signature) = &report.redirect_signature {
        redirect_signature_item(m, signature);
    }
    m.tag("</ul>");
    card_end(m);
}

fn subject_card(m: &mut Markup, s: &Summary) {
    let mut rows = Markup::new();
    if let Some(name_id) = &s.name_id {
        row_start(&mut rows, "NameID");
        rows.wrap("<span class=\"value\">", name_id, "");
        if let Some(format) = &s.name_id_format {
            rows.wrap("<span class=\"tag\" title=\"", format, "\">");
            rows.text(tail(format)).tag("</span>");
        }
        rows.tag("</span>");
        row_end(&mut rows);
    }
    if !s.audiences.is_empty() {
        row_start(&mut rows, "Audience");
        rows.tag("<ul class=\"value plain-list\">");
        for audience in s.audiences.iter().take(MAX_LISTED) {
            rows.wrap("<li>", audience, "</li>");
        }
        more_item(&mut rows, s.audiences.len(), MAX_LISTED);
        rows.tag("</ul>");
        row_end(&mut rows);
    }
    fact_rows(
        &mut rows,
        &[
            ("Session index", s.session_index.as_ref(), false),
            ("Authn context", s.authn_context.as_ref(), true),
        ],
    );
    fields_card(m, "Subject", rows);
}

fn times_card(m: &mut Markup, report: &Report, now: Timestamp) {
    let s = &report.summary;
    let times = [
        ("Issued", s.issue_instant),
        ("Not before", s.not_before),
        ("Not on or after", s.not_on_or_after),
        ("Session ends", s.session_not_on_or_after),
        ("Valid until", s.valid_until),
    ];
    if times.iter().all(|(_, at)| at.is_none()) {
        return;
    }
    let basis = match report.clock {
        samlscope_core::Clock::Now => format!("now is {now}"),
        clock => format!("judged at {} ({now})", clock.words()),
    };
    card_start(m, "Times", Some(&basis));
    m.tag("<dl class=\"fields\">");
    for (label, at) in times {
        if let Some(at) = at {
            time_row(m, label, at, now);
        }
    }
    m.tag("</dl>");
    skew_list(m, report);
    card_end(m);
}

fn attributes_card(m: &mut Markup, attributes: &[AttributeSummary]) {
    if attributes.is_empty() {
        return;
    }
    card_start(
        m,
        "Attributes",
        Some(&format!("{} claims", attributes.len())),
    );
    m.tag(concat!(
        "<table class=\"claims\"><thead><tr><th scope=\"col\">Claim</th>",
        "<th scope=\"col\">Value</th></tr></thead><tbody>"
    ));
    for attribute in attributes.iter().take(MAX_LISTED) {
        attribute_row(m, attribute);
    }
    m.tag("</tbody></table>");
    more_note(m, attributes.len(), MAX_LISTED);
    card_end(m);
}

fn keys_card(m: &mut Markup, report: &Report, now: Timestamp) {
    let s = &report.summary;
    let mut cards = Markup::new();
    let mut count = 0;
    // The card's title when it holds one item: what that item is.
    let mut only = "Certificate";
    for cert in &s.certificates {
        certificate_card(&mut cards, cert, now);
        count += 1;
    }
    for key in &report.keys {
        match key {
            KeyMaterial::Certificate(cert)
                if !s.certificates.iter().any(|c| c.sha256 == cert.sha256) =>
            {
                certificate_card(&mut cards, cert, now);
            }
            KeyMaterial::Certificate(_) => continue,
            KeyMaterial::PublicKey(public) => {
                only = "Public key";
                key_article_start(&mut cards, "Public key");
                cards.tag("<dl class=\"fields\">");
                value_row(&mut cards, "Key", &public.describe());
                cards.tag("</dl></article>");
            }
            KeyMaterial::PrivateKey(private) => {
                only = "Private key";
                private_key_card(&mut cards, private);
            }
        }
        count += 1;
    }
    if count == 0 {
        return;
    }
    card_start(
        m,
        if count == 1 {
            only
        } else {
            "Certificates and keys"
        },
        None,
    );
    m.tag("<div class=\"certs\">").markup(cards).tag("</div>");
    card_end(m);
}

/// The summary panel as markup; empty when the Report has nothing to summarise.
fn summary_markup(inspection: &Inspection) -> Markup {
    let report = &inspection.report;
    let s = &report.summary;
    let now = report.judged_at;
    let mut m = Markup::new();
    if has_message_facts(s) || report.binding.is_some() {
        let mut rows = Markup::new();
        message_rows(&mut rows, report);
        fields_card(&mut m, "Message", rows);
    }
    signatures_card(&mut m, inspection);
    if let Some(status) = &s.status {
        card_start(&mut m, "Status", None);
        status_block(&mut m, status);
        card_end(&mut m);
    }
    subject_card(&mut m, s);
    times_card(&mut m, report, now);
    attributes_card(&mut m, &s.attributes);
    if let [entity] = s.entities.as_slice() {
        entity_card(&mut m, entity);
    } else if !s.entities.is_empty() {
        entities_card(&mut m, &s.entities, s.entity_count.unwrap_or_default());
    }
    keys_card(&mut m, report, now);
    m
}

/// The summary panel. Renders nothing when the Report has nothing to summarise.
#[component]
pub fn SummaryView(props: &SummaryViewProps) -> Html {
    let sections = summary_markup(&props.inspection);
    if sections.is_empty() {
        return html! {};
    }
    let mut m = Markup::new();
    m.tag(concat!(
        "<section class=\"summary\" aria-labelledby=\"summary-title\">",
        "<h2 id=\"summary-title\" class=\"section-title\">Summary</h2>"
    ));
    m.markup(sections).tag("</section>");
    markup_html(m)
}
