//! Checks shared by the fuzz targets: what must hold of every tree and every report, beyond
//! "does not panic". A broken check panics, which libFuzzer records as a crash.

use samlscope_core::dsig::TrustAnchors;
use samlscope_core::xml::{Document, NodeId, NodeKind};
use samlscope_core::{Context, Report, Span, Timestamp};

/// The fixtures' TEST-ONLY keys and certificates (see the fixtures' READMEs: their private
/// keys are public and protect nothing).
pub mod keys {
    /// The SP key every `tests/fixtures/xmlenc` message is encrypted to (PKCS#8 PEM).
    pub const SP_KEY: &str =
        include_str!("../../crates/samlscope-core/tests/fixtures/xmlenc/sp.key");
    /// The same key as bare DER.
    pub const SP_KEY_DER: &[u8] =
        include_bytes!("../../crates/samlscope-core/tests/fixtures/xmlenc/sp.key.der");
    /// The IdP's RSA 2048 signing key of `tests/fixtures/dsig` (PKCS#8 PEM).
    pub const IDP_RSA_KEY: &str = include_str!(
        "../../crates/samlscope-core/tests/fixtures/dsig/keys/TEST-ONLY-rsa2048-idp.key"
    );
    /// Its certificate.
    pub const IDP_RSA_CERT: &str = include_str!(
        "../../crates/samlscope-core/tests/fixtures/dsig/keys/TEST-ONLY-rsa2048-idp.crt"
    );
    /// An ECDSA P-256 signing key of `tests/fixtures/dsig` (PKCS#8 PEM).
    pub const IDP_EC_KEY: &str =
        include_str!("../../crates/samlscope-core/tests/fixtures/dsig/keys/TEST-ONLY-ec-p256.key");
    /// Its certificate.
    pub const IDP_EC_CERT: &str =
        include_str!("../../crates/samlscope-core/tests/fixtures/dsig/keys/TEST-ONLY-ec-p256.crt");
    /// A certificate that signed nothing here (an attacker's).
    pub const ATTACKER_CERT: &str = include_str!(
        "../../crates/samlscope-core/tests/fixtures/dsig/keys/TEST-ONLY-rsa2048-attacker.crt"
    );

    /// The DER of the first PEM block of `pem`.
    pub fn pem_der(pem: &str) -> Vec<u8> {
        use base64::Engine as _;
        let body: String = pem
            .lines()
            .skip_while(|l| !l.starts_with("-----BEGIN"))
            .skip(1)
            .take_while(|l| !l.starts_with("-----END"))
            .collect();
        base64::engine::general_purpose::STANDARD
            .decode(body.trim())
            .expect("fixture PEM is base64")
    }

    /// The base64 body of the first PEM block of `pem`, on one line (an X509Certificate text).
    pub fn pem_body(pem: &str) -> String {
        pem.lines()
            .skip_while(|l| !l.starts_with("-----BEGIN"))
            .skip(1)
            .take_while(|l| !l.starts_with("-----END"))
            .collect()
    }
}

/// The time every target inspects at: inside the validity of the fixtures' certificates and
/// near the dsig fixtures' IssueInstant (2026-11-20T09:15:30Z).
pub const NOW: Timestamp = Timestamp::from_unix_seconds(1_795_166_130);

/// A context with nothing configured, at [`NOW`].
pub fn plain_context() -> Context {
    Context::new(NOW)
}

/// A context with everything configured (Identifier, Reply URL, IdP, a trusted certificate, a
/// thumbprint, a required claim, a Relay State), so that the configuration rules run.
pub fn configured_context() -> Context {
    let mut ctx = Context::new(NOW);
    ctx.sp_entity_id = Some("https://sp.example.test/saml".to_owned());
    ctx.acs_urls = vec!["https://sp.example.test/saml/acs".to_owned()];
    ctx.idp_entity_id = Some("https://idp.example.test/".to_owned());
    ctx.idp_certificates = vec![keys::IDP_RSA_CERT.as_bytes().to_vec()];
    ctx.thumbprints = vec!["14CDD064D2A2AFCF237F2D4256AB8B8ADE6EC9C5".to_owned()];
    ctx.required_attributes = vec!["mail".to_owned()];
    ctx.relay_state = Some("https://sp.example.test/home".to_owned());
    ctx
}

/// Trust anchors of [`configured_context`].
pub fn configured_anchors() -> TrustAnchors {
    samlscope_core::Expectations::from_context(&configured_context()).anchors
}

/// Asserts that `span` lies within `text` and on character boundaries.
#[track_caller]
pub fn check_span(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what}: span {span:?} outside the text ({} bytes)",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: span {span:?} not on character boundaries"
    );
}

/// Asserts the invariants of a parsed tree: every span inside the text, on character
/// boundaries and inside its parent's; ids in document order with contiguous subtrees; the
/// parts of an element inside it.
pub fn check_document(doc: &Document) {
    let text = doc.text();
    let ids: Vec<NodeId> = doc.all().collect();
    assert_eq!(ids.len(), doc.len(), "all() yields every node");
    assert_eq!(
        doc.kind(doc.document_node()),
        NodeKind::Document,
        "node 0 is the document"
    );
    if let Some(s) = doc.doctype() {
        check_span(text, s, "DOCTYPE");
    }
    if let Some(s) = doc.declaration() {
        check_span(text, s, "XML declaration");
    }
    for w in doc.warnings() {
        check_span(text, w.span, "warning");
    }
    assert_eq!(
        doc.kind(doc.root()),
        NodeKind::Element,
        "the root is an element"
    );
    for &id in &ids {
        let span = doc.span(id);
        check_span(text, span, "node");
        let end = doc.subtree_end(id);
        assert!(end > id, "subtree_end after the node");
        assert!(end.index() <= doc.len(), "subtree_end within the document");
        if let Some(parent) = doc.parent(id) {
            assert!(parent < id, "a parent precedes its children");
            assert!(doc.is_inside(id, parent), "a node is inside its parent");
            assert!(
                doc.subtree_end(id) <= doc.subtree_end(parent),
                "a subtree ends inside its parent's"
            );
            assert!(
                doc.span(parent).contains(span),
                "node {span:?} outside its parent's {:?}",
                doc.span(parent)
            );
        } else {
            assert_eq!(id, doc.document_node(), "only the document has no parent");
        }
        match doc.kind(id) {
            NodeKind::Element => {
                let e = doc
                    .element(id)
                    .expect("an element node has an element view");
                let start_tag = e.start_tag();
                check_span(text, start_tag, "start tag");
                assert!(span.contains(start_tag), "start tag inside the element");
                assert!(
                    start_tag.contains(e.name_span()),
                    "name inside the start tag"
                );
                assert_eq!(
                    e.name_span().slice(text),
                    e.qname(),
                    "name span is the name"
                );
                if let Some(end_tag) = e.end_tag() {
                    check_span(text, end_tag, "end tag");
                    assert!(span.contains(end_tag), "end tag inside the element");
                    assert!(start_tag.end <= end_tag.start, "end tag after start tag");
                }
                check_span(text, e.content_span(), "element content");
                for a in e.attributes() {
                    check_span(text, a.span(), "attribute");
                    check_span(text, a.value_span(), "attribute value");
                    assert!(
                        start_tag.contains(a.span()),
                        "attribute inside the start tag"
                    );
                    assert!(
                        a.span().contains(a.value_span()),
                        "value inside the attribute"
                    );
                }
                for d in e.namespace_declarations() {
                    check_span(text, d.span, "namespace declaration");
                    assert!(start_tag.contains(d.span), "xmlns inside the start tag");
                }
            }
            NodeKind::Document => assert_eq!(id, doc.document_node(), "one document node"),
            NodeKind::Text
            | NodeKind::CData
            | NodeKind::Comment
            | NodeKind::ProcessingInstruction => {
                assert_eq!(
                    doc.subtree_end(id).index(),
                    id.index() + 1,
                    "a leaf has no children"
                );
            }
        }
    }
}

/// The triage shows every finding exactly once: as a card, in a card (the same rule on the
/// other part, a group's rest), or in an old copy's note; its verdict leads with its first
/// card.
pub fn check_triage(report: &Report) {
    let t = samlscope_core::triage::triage(report);
    let mut seen = vec![0u32; report.findings.len()];
    for c in &t.cards {
        seen[c.finding] += 1;
        if let Some((j, _)) = c.also {
            seen[j] += 1;
        }
        for &j in &c.rest {
            seen[j] += 1;
        }
        assert!(
            c.count >= 1 + c.rest.len(),
            "a card counts fewer than it holds"
        );
    }
    for &j in t.old_copy.iter().flat_map(|o| &o.findings) {
        seen[j] += 1;
    }
    assert!(
        seen.iter().all(|&n| n == 1),
        "triage shows a finding twice or not at all: {seen:?}"
    );
    assert_eq!(
        t.verdict.lead(),
        t.cards
            .first()
            .filter(|c| report.findings[c.finding].severity > samlscope_core::Severity::Info)
            .map(|c| c.finding),
        "the verdict does not lead with the first card"
    );
}

/// Asserts what must hold of any report: every span of a finding (and of its labels) inside
/// [`Report::text`] and on character boundaries; findings most severe first, each of a rule
/// of the catalogue; the tree's own invariants; both renderings work and the JSON parses.
pub fn check_report(report: &Report) {
    check_triage(report);
    let text = report.text();
    for f in &report.findings {
        assert!(
            samlscope_core::rules::find(f.name()).is_some(),
            "finding of an unknown rule {}",
            f.name()
        );
        assert!(!f.message.is_empty(), "{}: empty message", f.name());
        if let Some(span) = f.span {
            check_span(text, span, f.name());
        }
        for label in &f.labels {
            check_span(text, label.span, f.name());
        }
    }
    assert!(
        report
            .findings
            .windows(2)
            .all(|w| w[0].severity >= w[1].severity),
        "findings are not sorted most severe first"
    );
    if let Some(doc) = &report.document {
        assert_eq!(doc.text(), text, "the report's text is the document's");
        for s in &report.signatures {
            check_span(text, s.span, "signature");
            assert!(
                s.element.index() < doc.len(),
                "signature element in the document"
            );
            assert_eq!(
                s.failure.is_none(),
                s.verdict.intact(),
                "a failure is given exactly when the verdict is not a success"
            );
        }
        for a in &report.summary.attributes {
            check_span(text, a.span, "attribute summary");
        }
        for e in &report.summary.entities {
            check_span(text, e.span, "entity summary");
        }
    } else {
        assert!(
            report.signatures.is_empty(),
            "signatures without a document"
        );
    }
    for d in &report.decrypted {
        check_document(&d.document);
        for s in &d.signatures {
            check_span(d.document.text(), s.span, "decrypted signature");
        }
    }
    let _ = report.trail();
    let _ = report.detected();
    let rendered = samlscope_core::render::text::render(report, "input");
    assert!(!rendered.is_empty(), "text rendering is empty");
    let json = samlscope_core::render::json::render(report);
    serde_json::from_str::<serde_json::Value>(&json).expect("the JSON rendering parses");
}

/// Splits fuzz input into a leading selector byte and the rest.
pub fn split_first(data: &[u8]) -> (u8, &[u8]) {
    match data.split_first() {
        Some((&b, rest)) => (b, rest),
        None => (0, data),
    }
}

/// The `n`-th node of `doc`, wrapping around.
pub fn nth_node(doc: &Document, n: usize) -> NodeId {
    doc.all().nth(n % doc.len()).unwrap_or(doc.document_node())
}
