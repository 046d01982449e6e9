//! Verifying one `ds:Signature` over the one tree: references, transforms, digests,
//! SignedInfo, key, trust — and which nodes it covers (XML-DSig §3.2 Core Validation).

use std::collections::HashMap;

use base64::Engine as _;
use serde::Serialize;

use super::c14n::{self, Algorithm as C14n, NodeSet};
use super::crypto::{self, DigestAlgorithm, Hasher, SignatureAlgorithm};
use super::structure::{Reference, SignatureElement};
use super::trust::TrustAnchors;
use crate::algorithms::{
    C14N10, C14N10_WITH_COMMENTS, C14N11, C14N11_WITH_COMMENTS, ENVELOPED_SIGNATURE as ENVELOPED,
    EXC_C14N, EXC_C14N_WITH_COMMENTS, XPATH,
};
use crate::cert::{CertificateInfo, parse_certificate_text};
use crate::placeholder::{self, is_placeholder};
use crate::span::Span;
use crate::xml::{Document, NodeId, NodeKind};

/// The outcome of verifying a signature (the JSON `verdict` vocabulary).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    /// Verifies with a trusted key.
    Valid,
    /// Verifies with the key the message carries; no trust anchor was given.
    ValidUntrusted,
    /// Verifies, but not with a trusted key (anchors were given, none matched).
    Untrusted,
    /// Does not verify (digest or signature value).
    Invalid,
    /// Cannot be verified here (algorithm, transform, or no key at all).
    Unsupported,
}

impl Verdict {
    /// The kebab-case word.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Valid => "valid",
            Self::ValidUntrusted => "valid-untrusted",
            Self::Untrusted => "untrusted",
            Self::Invalid => "invalid",
            Self::Unsupported => "unsupported",
        }
    }

    /// Whether the bytes are intact (the signature verifies with some key).
    pub const fn intact(self) -> bool {
        matches!(self, Self::Valid | Self::ValidUntrusted | Self::Untrusted)
    }
}

/// Which step failed, with its evidence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Failure {
    /// No SignedInfo, SignatureMethod or SignatureValue.
    Incomplete(&'static str),
    /// SignedInfo has no Reference.
    NoReference,
    /// Not checked: checking it would go past a bound on the work all signatures of one
    /// document may take (their count, References, canonicalised nodes); says which.
    Limit(String),
    /// `URI="#id"` names no element.
    ReferenceNotFound(String),
    /// `URI="#id"` names several elements.
    ReferenceAmbiguous(String, usize),
    /// `URI` other than `""` or `#id`.
    ReferenceExternal(String),
    /// A transform we do not apply (XSLT, XPath …).
    Transform(String),
    /// An algorithm we cannot verify, and where it appears.
    Algorithm(&'static str, String),
    /// Every key is of a kind this build cannot use (a curve, a size, left out of the page):
    /// why.
    KeyUnsupported(String),
    /// The digest of reference `index` does not match.
    DigestMismatch {
        /// Which reference.
        index: usize,
        /// DigestValue as written (base64).
        expected: String,
        /// What the referenced content hashes to (base64).
        actual: String,
        /// Whether the content was reformatted after signing: with its whitespace-only text
        /// nodes (indentation) left out, the digest matches.
        reformatted: bool,
        /// Whether SignedInfo itself verifies (then the content changed after signing).
        signed_info_valid: bool,
    },
    /// The SignatureValue does not verify with any candidate key.
    SignatureValue(String),
    /// No key to verify with: no KeyInfo and no trust anchor.
    NoKey,
    /// A redacted copy: what was masked (the SignatureValue, a DigestValue, or values inside
    /// the signed content) makes the signature impossible to check, not wrong.
    Redacted(&'static str),
}

impl Failure {
    /// One line for humans.
    pub fn describe(&self) -> String {
        match self {
            Self::Incomplete(what) => format!("the Signature has no {what}"),
            Self::NoReference => "SignedInfo has no Reference".to_owned(),
            Self::Limit(why) => format!("not checked: {why}"),
            Self::ReferenceNotFound(uri) => format!("the Reference URI `{uri}` names no element"),
            Self::ReferenceAmbiguous(uri, n) => format!("the Reference URI `{uri}` matches {n} elements"),
            Self::ReferenceExternal(uri) => format!("the Reference URI `{uri}` is not a same-document reference"),
            Self::Transform(uri) => format!("the transform `{uri}` is not one SAML allows"),
            Self::KeyUnsupported(why) => format!("the key cannot be used here ({why})"),
            Self::Algorithm(what, uri) => format!("the {what} `{uri}` cannot be verified"),
            Self::DigestMismatch { .. } => "the digest of the signed content does not match its DigestValue".to_owned(),
            Self::SignatureValue(why) => format!("the SignatureValue does not verify: {why}"),
            Self::NoKey => "no key to verify with: the signature carries no KeyInfo and no trust anchor was given".to_owned(),
            Self::Redacted(what) => format!("not checkable: this is a redacted copy, and {what}"),
        }
    }
}

/// Where the key that verified came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum KeySource {
    /// A trust anchor.
    Trusted,
    /// The message's own KeyInfo.
    Embedded,
}

/// The key a signature was verified with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyUsed {
    /// Where it came from.
    pub source: KeySource,
    /// "RSA 2048".
    pub description: String,
    /// The certificate, when there is one.
    pub certificate: Option<CertificateInfo>,
}

/// One Reference, checked.
#[derive(Clone, Debug)]
pub struct ReferenceReport {
    /// `URI` as written.
    pub uri: String,
    /// The element it resolved to (the document node for `URI=""`).
    pub target: Option<NodeId>,
    /// Transform URIs in order.
    pub transforms: Vec<String>,
    /// DigestMethod URI.
    pub digest_method: String,
    /// Whether the digest matched (None when not computed).
    pub digest_ok: Option<bool>,
    /// The node set hashed (to re-canonicalise on demand: [`canonical_reference`]).
    pub node_set: Option<NodeSet>,
    /// The canonicalisation applied to it.
    pub c14n: Option<C14n>,
}

/// Everything about one `ds:Signature`.
#[derive(Clone, Debug)]
pub struct SignatureReport {
    /// The Signature element.
    pub element: NodeId,
    /// Its span.
    pub span: Span,
    /// The element the Signature sits in.
    pub parent: Option<NodeId>,
    /// The element its (first) Reference resolves to.
    pub target: Option<NodeId>,
    /// The ID it references.
    pub target_id: Option<String>,
    /// The verdict.
    pub verdict: Verdict,
    /// What failed, when the verdict is not a success.
    pub failure: Option<Failure>,
    /// SignatureMethod URI.
    pub signature_method: Option<String>,
    /// DigestMethod URI of the first Reference.
    pub digest_method: Option<String>,
    /// CanonicalizationMethod URI.
    pub c14n_method: Option<String>,
    /// The key that verified.
    pub key: Option<KeyUsed>,
    /// The first certificate of KeyInfo, when readable.
    pub embedded_certificate: Option<CertificateInfo>,
    /// Per Reference.
    pub references: Vec<ReferenceReport>,
    /// The parsed element (algorithms, values, spans).
    pub structure: SignatureElement,
}

impl SignatureReport {
    /// Whether node `n` is inside what this signature covers and the signature holds (the bytes
    /// are intact: verdict valid, valid-untrusted or untrusted).
    pub fn covers(&self, doc: &Document, n: NodeId) -> bool {
        self.verdict.intact()
            && self.references.iter().any(|r| {
                r.node_set
                    .as_ref()
                    .is_some_and(|set| doc.is_inside(n, set.apex) && !excludes(doc, set, n))
            })
    }
}

/// Whether `n` lies in an excluded subtree of `set`. The excluded ids are in document order
/// without nesting (see [`resolve`]), so a long list is searched, not scanned.
fn excludes(doc: &Document, set: &NodeSet, n: NodeId) -> bool {
    if set.excluded.len() <= 8 {
        return set.excluded.iter().any(|&x| doc.is_inside(n, x));
    }
    let i = set.excluded.partition_point(|&x| x <= n);
    i > 0 && doc.is_inside(n, set.excluded[i - 1])
}

/// Index of `ID` / `Id` / `AssertionID` attribute values (the IDs references resolve).
pub(crate) struct IdIndex<'d> {
    map: HashMap<&'d str, Vec<NodeId>>,
}

impl<'d> IdIndex<'d> {
    pub(crate) fn new(doc: &'d Document) -> Self {
        let mut map: HashMap<&'d str, Vec<NodeId>> = HashMap::new();
        for e in doc.descendant_elements(doc.document_node()) {
            for a in e.attributes() {
                if a.prefix().is_empty() && matches!(a.local_name(), "ID" | "Id" | "AssertionID") {
                    map.entry(a.value()).or_default().push(e.id());
                }
            }
        }
        Self { map }
    }

    pub(crate) fn get(&self, id: &str) -> &[NodeId] {
        self.map.get(id).map_or(&[], Vec::as_slice)
    }
}

/// Most Signatures of one document that are verified; the others are reported as not checked.
pub const MAX_SIGNATURES: usize = 64;

/// Most References of one SignedInfo that are checked (a SAML signature has exactly one); a
/// signature with more is not checked.
pub const MAX_REFERENCES: usize = 16;

/// Most Transforms of one Reference that are applied (SAML uses one or two); a signature with
/// a Reference that has more is not checked.
pub const MAX_TRANSFORMS: usize = 8;

/// Most certificates of one KeyInfo tried as the signing key (a certificate and its chain).
pub const MAX_KEY_CERTIFICATES: usize = 8;

/// How much text all the signatures of one document may canonicalise together, as a multiple
/// of the document's size (plus 4 MB for small documents). Signatures over disjoint or nested
/// parts of a document canonicalise less than twice its text (a Response and its assertion);
/// thousands of signatures each over the whole document would take time quadratic in its size.
/// (The check of whether a mismatching digest comes from reformatting is skipped when it
/// would go past the bound.)
pub const C14N_BUDGET_FACTOR: usize = 2;
/// Bytes every document may canonicalise beyond [`C14N_BUDGET_FACTOR`] times its size (small
/// documents with several signatures over the same content stay within it).
pub const C14N_BUDGET_EXTRA: usize = 4 << 20;

/// What is left of the canonicalisation allowed for one document (see
/// [`C14N_BUDGET_FACTOR`]): each node set is charged the length of its text before it is
/// walked.
pub(crate) struct Budget {
    bytes: usize,
}

impl Budget {
    pub(crate) fn new(doc: &Document) -> Self {
        Self {
            bytes: C14N_BUDGET_FACTOR * doc.text().len() + C14N_BUDGET_EXTRA,
        }
    }

    /// Takes the cost of canonicalising the subtree of `apex`, or says why not.
    fn charge(&mut self, doc: &Document, apex: NodeId) -> Result<(), Failure> {
        let cost = doc.span(apex).len();
        if cost > self.bytes {
            return Err(Failure::Limit(format!(
                "the signatures of this document together canonicalise more than {C14N_BUDGET_FACTOR} times its size plus {} MB (many signatures or References over the same content)",
                C14N_BUDGET_EXTRA >> 20
            )));
        }
        self.bytes -= cost;
        Ok(())
    }
}

/// Transforms SAML allows (SAML 2.0 Core §5.4.4): enveloped-signature and canonicalisation.
pub fn is_saml_transform(uri: &str) -> bool {
    uri.trim() == ENVELOPED || c14n_from_uri(uri, &[]).is_some()
}

/// Maps a canonicalisation URI (as CanonicalizationMethod or Transform) to the algorithm.
pub fn c14n_from_uri(uri: &str, prefixes: &[String]) -> Option<C14n> {
    Some(match uri.trim() {
        C14N10 => C14n::Inclusive10 { comments: false },
        C14N10_WITH_COMMENTS => C14n::Inclusive10 { comments: true },
        C14N11 => C14n::Inclusive11 { comments: false },
        C14N11_WITH_COMMENTS => C14n::Inclusive11 { comments: true },
        EXC_C14N => C14n::Exclusive10 {
            comments: false,
            inclusive_prefixes: prefixes.to_vec(),
        },
        EXC_C14N_WITH_COMMENTS => C14n::Exclusive10 {
            comments: true,
            inclusive_prefixes: prefixes.to_vec(),
        },
        _ => return None,
    })
}

fn without_comments(c: C14n) -> C14n {
    match c {
        C14n::Inclusive10 { .. } => C14n::Inclusive10 { comments: false },
        C14n::Inclusive11 { .. } => C14n::Inclusive11 { comments: false },
        C14n::Exclusive10 {
            inclusive_prefixes, ..
        } => C14n::Exclusive10 {
            comments: false,
            inclusive_prefixes,
        },
    }
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn unb64(text: &str) -> Option<Vec<u8>> {
    let clean: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    base64::engine::general_purpose::STANDARD
        .decode(clean.as_bytes())
        .ok()
        .or_else(|| {
            base64::engine::general_purpose::STANDARD_NO_PAD
                .decode(clean.trim_end_matches('='))
                .ok()
        })
}

/// How a reference resolves: its node set and canonicalisation, or why not.
fn resolve(
    doc: &Document,
    ids: &IdIndex<'_>,
    signature: NodeId,
    reference: &Reference,
    budget: &mut Budget,
) -> Result<(NodeId, NodeSet, C14n), Failure> {
    let uri = reference.uri.as_ref().map_or("", |u| u.value.as_str());
    // XML-DSig §4.3.3.3: "" and "#id" dereference to node sets without comments.
    let apex = if uri.is_empty() {
        doc.document_node()
    } else if let Some(id) = uri.strip_prefix('#') {
        let id = id
            .strip_prefix("xpointer(id('")
            .and_then(|r| r.strip_suffix("'))"))
            .unwrap_or(id);
        match ids.get(id) {
            [] => return Err(Failure::ReferenceNotFound(uri.to_owned())),
            [one] => *one,
            many => return Err(Failure::ReferenceAmbiguous(uri.to_owned(), many.len())),
        }
    } else {
        return Err(Failure::ReferenceExternal(uri.to_owned()));
    };
    // Charged once for the walks over the node set (XPath, canonicalisation).
    budget.charge(doc, apex)?;
    let mut excluded = Vec::new();
    let mut c14n = None;
    for t in &reference.transforms {
        let alg = t.algorithm.value.trim();
        if alg == ENVELOPED {
            excluded.push(signature);
        } else if alg == XPATH && t.xpath_excludes_signatures {
            // not(ancestor-or-self::ds:Signature): every Signature subtree inside the apex.
            excluded.extend(
                doc.descendant_elements(apex)
                    .filter(|e| e.is(crate::xml::ns::DS, "Signature"))
                    .map(|e| e.id()),
            );
        } else if let Some(c) = c14n_from_uri(alg, &t.inclusive_prefixes) {
            c14n = Some(c);
        } else {
            return Err(Failure::Transform(alg.to_owned()));
        }
    }
    // In document order, without subtrees inside others (what `covers` searches).
    crate::sort::sort(&mut excluded);
    let mut outermost: Vec<NodeId> = Vec::with_capacity(excluded.len());
    for x in excluded {
        if outermost.last().is_none_or(|&k| !doc.is_inside(x, k)) {
            outermost.push(x);
        }
    }
    let excluded = outermost;
    // A node set is turned into octets with inclusive C14N 1.0 when no transform says otherwise.
    let c14n = c14n.unwrap_or(C14n::Inclusive10 { comments: false });
    let c14n = if uri.starts_with("#xpointer(") {
        c14n
    } else {
        without_comments(c14n)
    };
    Ok((apex, NodeSet { apex, excluded }, c14n))
}

/// Most indentation nodes tried when checking whether a mismatch comes from reformatting.
const MAX_INDENTATION_NODES: usize = 5_000;

/// Whether the digest matches once the indentation (whitespace-only text nodes with a line
/// break) inside the node set is left out: the content was pretty-printed after signing.
fn reformatted_after_signing(
    doc: &Document,
    set: &NodeSet,
    c14n: &C14n,
    algorithm: DigestAlgorithm,
    expected: &[u8],
) -> bool {
    let indentation: Vec<NodeId> = doc
        .descendants(set.apex)
        .filter(|&n| {
            doc.kind(n) == NodeKind::Text
                && doc
                    .node_text(n)
                    .is_some_and(|t| t.contains('\n') && t.trim().is_empty())
        })
        .take(MAX_INDENTATION_NODES + 1)
        .collect();
    if indentation.is_empty() || indentation.len() > MAX_INDENTATION_NODES {
        return false;
    }
    let mut trimmed = set.clone();
    trimmed.excluded.extend(indentation);
    let mut hasher = Hasher::new(algorithm);
    c14n::canonicalize(doc, &trimmed, c14n, &mut hasher);
    hasher.finish() == expected
}

/// Canonical bytes of reference `index` of a verified signature (for "show me what was hashed").
pub fn canonical_reference(
    doc: &Document,
    report: &SignatureReport,
    index: usize,
) -> Option<Vec<u8>> {
    let r = report.references.get(index)?;
    let mut out = Vec::new();
    c14n::canonicalize(doc, r.node_set.as_ref()?, r.c14n.as_ref()?, &mut out);
    Some(out)
}

/// Canonical bytes of SignedInfo (what the SignatureValue signs).
pub fn canonical_signed_info(doc: &Document, report: &SignatureReport) -> Option<Vec<u8>> {
    let s = &report.structure;
    let c14n = c14n_from_uri(&s.c14n_method.as_ref()?.value, &s.c14n_prefixes)?;
    let mut out = Vec::new();
    c14n::canonicalize(
        doc,
        &NodeSet {
            apex: s.signed_info?,
            excluded: Vec::new(),
        },
        &c14n,
        &mut out,
    );
    Some(out)
}

/// A key to try: SPKI, and what we know about it.
struct Candidate {
    spki: Vec<u8>,
    certificate: Option<CertificateInfo>,
    source: KeySource,
}

/// Verifies the Signature element `element`, within `budget`; `None` when it is no element.
/// With `checked == false` it is only read, and reported as not checked because of
/// [`MAX_SIGNATURES`].
pub(crate) fn verify(
    doc: &Document,
    ids: &IdIndex<'_>,
    element: NodeId,
    anchors: &TrustAnchors,
    budget: &mut Budget,
    checked: bool,
) -> Option<SignatureReport> {
    let structure = SignatureElement::read(doc, element)?;
    let embedded_certificate = structure
        .key_info
        .certificates
        .iter()
        .take(if checked { MAX_KEY_CERTIFICATES } else { 0 })
        .find_map(|c| parse_certificate_text(&c.value).ok());
    let mut report = SignatureReport {
        element,
        span: doc.span(element),
        parent: doc.parent(element).filter(|&p| doc.element(p).is_some()),
        target: None,
        target_id: structure
            .references
            .first()
            .and_then(|r| r.uri.as_ref())
            .map(|u| u.value.trim_start_matches('#').to_owned()),
        verdict: Verdict::Invalid,
        failure: None,
        signature_method: structure
            .signature_method
            .as_ref()
            .map(|t| t.value.trim().to_owned()),
        digest_method: structure
            .references
            .first()
            .and_then(|r| r.digest_method.as_ref())
            .map(|t| t.value.trim().to_owned()),
        c14n_method: structure
            .c14n_method
            .as_ref()
            .map(|t| t.value.trim().to_owned()),
        key: None,
        embedded_certificate,
        references: Vec::new(),
        structure,
    };
    let outcome = if checked {
        check(doc, ids, anchors, &mut report, budget)
    } else {
        Err((
            Verdict::Unsupported,
            Failure::Limit(format!(
                "only the first {MAX_SIGNATURES} Signatures of a document are verified"
            )),
        ))
    };
    match outcome {
        Ok((verdict, key)) => {
            report.verdict = verdict;
            report.key = key;
        }
        Err((verdict, failure)) => {
            report.verdict = verdict;
            report.failure = Some(failure);
        }
    }
    Some(report)
}

type Outcome = Result<(Verdict, Option<KeyUsed>), (Verdict, Failure)>;

fn check(
    doc: &Document,
    ids: &IdIndex<'_>,
    anchors: &TrustAnchors,
    report: &mut SignatureReport,
    budget: &mut Budget,
) -> Outcome {
    let s = report.structure.clone();
    let invalid = |f| Err((Verdict::Invalid, f));
    let unsupported = |f| Err((Verdict::Unsupported, f));
    let Some(signed_info) = s.signed_info else {
        return invalid(Failure::Incomplete("SignedInfo"));
    };
    let Some(method) = &s.signature_method else {
        return invalid(Failure::Incomplete("SignatureMethod"));
    };
    let Some(value) = &s.signature_value else {
        return invalid(Failure::Incomplete("SignatureValue"));
    };
    if is_placeholder(&value.value) {
        return unsupported(Failure::Redacted("its SignatureValue was masked"));
    }
    let algorithm = match SignatureAlgorithm::from_uri(method.value.trim()) {
        // HMAC proves nothing about the identity provider (CVE-2009-0217): never verified.
        Some(a) if a.family() != crypto::SignatureFamily::Hmac => a,
        _ => {
            return unsupported(Failure::Algorithm(
                "SignatureMethod",
                method.value.trim().to_owned(),
            ));
        }
    };
    let c14n_uri = s.c14n_method.as_ref().map_or("", |c| c.value.trim());
    let Some(si_c14n) = c14n_from_uri(c14n_uri, &s.c14n_prefixes) else {
        return unsupported(Failure::Algorithm(
            "CanonicalizationMethod",
            c14n_uri.to_owned(),
        ));
    };
    if s.references.is_empty() {
        return invalid(Failure::NoReference);
    }
    if s.references.len() > MAX_REFERENCES {
        return unsupported(Failure::Limit(format!(
            "SignedInfo has {} References; at most {MAX_REFERENCES} are checked (a SAML signature has one)",
            s.references.len()
        )));
    }
    if let Some(r) = s
        .references
        .iter()
        .find(|r| r.transforms.len() > MAX_TRANSFORMS)
    {
        return unsupported(Failure::Limit(format!(
            "a Reference has {} Transforms; at most {MAX_TRANSFORMS} are applied (a SAML signature has one or two)",
            r.transforms.len()
        )));
    }
    // References: resolve, transform, digest.
    let mut digest_failure = None;
    for (index, reference) in s.references.iter().enumerate() {
        let uri = reference
            .uri
            .as_ref()
            .map_or(String::new(), |u| u.value.clone());
        let digest_uri = reference
            .digest_method
            .as_ref()
            .map_or("", |d| d.value.trim());
        let mut rr = ReferenceReport {
            uri: uri.clone(),
            target: None,
            transforms: reference
                .transforms
                .iter()
                .map(|t| t.algorithm.value.trim().to_owned())
                .collect(),
            digest_method: digest_uri.to_owned(),
            digest_ok: None,
            node_set: None,
            c14n: None,
        };
        let resolved = resolve(doc, ids, report.element, reference, budget);
        let (apex, set, c14n) = match resolved {
            Ok(r) => r,
            Err(f) => {
                report.references.push(rr);
                let verdict = if matches!(f, Failure::Transform(_) | Failure::Limit(_)) {
                    Verdict::Unsupported
                } else {
                    Verdict::Invalid
                };
                return Err((verdict, f));
            }
        };
        rr.target = Some(apex);
        if index == 0 {
            report.target = Some(apex);
        }
        if let Some(span) = c14n::relative_namespace_uri(doc, &set) {
            report.references.push(rr);
            // Canonical XML 1.0 §2: the canonical form is undefined; libxml2 refuses it too.
            return unsupported(Failure::Algorithm(
                "namespace URI (relative, so canonicalisation is undefined)",
                span.slice(doc.text()).to_owned(),
            ));
        }
        let Some(digest_alg) = DigestAlgorithm::from_uri(digest_uri) else {
            report.references.push(rr);
            return unsupported(Failure::Algorithm("DigestMethod", digest_uri.to_owned()));
        };
        let mut hasher = Hasher::new(digest_alg);
        c14n::canonicalize(doc, &set, &c14n, &mut hasher);
        let actual = hasher.finish();
        let expected_text = reference
            .digest_value
            .as_ref()
            .map_or(String::new(), |d| d.value.clone());
        let expected_bytes = unb64(&expected_text);
        let ok = expected_bytes.as_ref().is_some_and(|e| *e == actual);
        if !ok && digest_failure.is_none() {
            // Masked values in what was signed (or a masked DigestValue): a redacted copy,
            // which cannot verify; that says nothing about the original.
            if is_placeholder(&expected_text) || placeholder::in_values(doc, apex) {
                report.references.push(rr);
                return unsupported(Failure::Redacted(
                    "values inside what was signed were masked",
                ));
            }
            let reformatted = expected_bytes.as_ref().is_some_and(|e| {
                budget.charge(doc, apex).is_ok()
                    && reformatted_after_signing(doc, &set, &c14n, digest_alg, e)
            });
            digest_failure = Some(Failure::DigestMismatch {
                index,
                expected: expected_text.split_whitespace().collect(),
                actual: b64(&actual),
                reformatted,
                signed_info_valid: false,
            });
        }
        rr.digest_ok = Some(ok);
        rr.node_set = Some(set);
        rr.c14n = Some(c14n);
        report.references.push(rr);
    }
    // SignedInfo.
    if let Err(f) = budget.charge(doc, signed_info) {
        return unsupported(f);
    }
    let mut signed = Vec::new();
    c14n::canonicalize(
        doc,
        &NodeSet {
            apex: signed_info,
            excluded: Vec::new(),
        },
        &si_c14n,
        &mut signed,
    );
    let Some(signature) = unb64(&value.value) else {
        return invalid(Failure::SignatureValue(
            "the SignatureValue is not base64".to_owned(),
        ));
    };
    let candidates = candidates(&s, anchors);
    // Each key is tried once; why the ones before the verifying key (or all) failed is kept.
    let mut errors: Vec<crypto::VerifyError> = Vec::new();
    let verified = candidates.iter().find(|c| {
        crypto::verify(algorithm, &c.spki, &signed, &signature)
            .map_err(|e| errors.push(e))
            .is_ok()
    });
    if let Some(Failure::DigestMismatch {
        index,
        expected,
        actual,
        reformatted,
        ..
    }) = digest_failure
    {
        return invalid(Failure::DigestMismatch {
            index,
            expected,
            actual,
            reformatted,
            signed_info_valid: verified.is_some(),
        });
    }
    let Some(key) = verified else {
        if candidates.is_empty() {
            return unsupported(Failure::NoKey);
        }
        // Keys this build cannot use (a curve or size it does not support) prove nothing
        // either way: the verdict is "unsupported", not "invalid".
        if let Some(crypto::VerifyError::Unsupported(why)) = errors.first()
            && errors
                .iter()
                .all(|e| matches!(e, crypto::VerifyError::Unsupported(_)))
        {
            return unsupported(Failure::KeyUnsupported(why.clone()));
        }
        let why = errors
            .first()
            .map_or_else(|| "no key verifies it".to_owned(), ToString::to_string);
        return invalid(Failure::SignatureValue(why));
    };
    let trusted = key.source == KeySource::Trusted
        || key
            .certificate
            .as_ref()
            .is_some_and(|c| anchors.trusts_thumbprint(c));
    let verdict = if trusted {
        Verdict::Valid
    } else if anchors.is_empty() {
        Verdict::ValidUntrusted
    } else {
        Verdict::Untrusted
    };
    Ok((
        verdict,
        Some(KeyUsed {
            source: if trusted {
                KeySource::Trusted
            } else {
                KeySource::Embedded
            },
            description: crypto::key_description(&key.spki),
            certificate: key.certificate.clone(),
        }),
    ))
}

/// Keys to try, trusted ones first.
fn candidates(s: &SignatureElement, anchors: &TrustAnchors) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = anchors
        .keys
        .iter()
        .map(|k| Candidate {
            spki: k.spki_der.clone(),
            certificate: k.certificate.clone(),
            source: KeySource::Trusted,
        })
        .collect();
    for text in s.key_info.certificates.iter().take(MAX_KEY_CERTIFICATES) {
        if let Ok(cert) = parse_certificate_text(&text.value)
            && !out.iter().any(|c| c.spki == cert.key.spki_der)
        {
            out.push(Candidate {
                spki: cert.key.spki_der.clone(),
                certificate: Some(cert),
                source: KeySource::Embedded,
            });
        }
    }
    if let Some((m, e)) = &s.key_info.rsa_key_value
        && let (Some(m), Some(e)) = (unb64(&m.value), unb64(&e.value))
        && let Ok(spki) = crypto::rsa_spki_from_components(&m, &e)
        && !out.iter().any(|c| c.spki == spki)
    {
        out.push(Candidate {
            spki,
            certificate: None,
            source: KeySource::Embedded,
        });
    }
    out
}
