//! The rule catalogue of `../shared/CHECKS.md`: one rule, one file, registered once in the
//! table below.
//!
//! Each file defines a `static RULE: Rule` (stable name, code, default severity, docs) and
//! either a `check(&mut Checker)` run over the model, or constructors the pipeline calls when
//! decoding, parsing or decrypting fails. The table gives each check its scope: the message
//! kinds it applies to, whether it reads the message as it came, the assertions decrypted
//! from it, or both, and whether it judges one message or the flow between a request and its
//! response. Findings carry their evidence and a span into the decoded text.

use crate::context::Context;
use crate::decode::BindingParams;
use crate::dsig::{RedirectSignature, SignatureReport, TrustAnchors};
use crate::expectations::{Expectations, Expected, Source};
use crate::finding::{Finding, Rule};
use crate::idps::Words;
use crate::model::{Assertion, Attribute, Header, Kind, Message};
use crate::span::Span;
use crate::xml::Document;

/// A rule's documentation: the text with the `rule-docs` feature, else empty (the page links
/// to `rules.html`, made from the same text, instead of carrying 60 KB of it).
macro_rules! docs {
    ($text:literal) => {
        if cfg!(feature = "rule-docs") {
            $text
        } else {
            ""
        }
    };
}

pub(crate) mod acs_not_registered;
pub(crate) mod assertion_count;
pub(crate) mod assertion_encrypted;
pub(crate) mod assertion_unsigned;
pub(crate) mod attribute_duplicate;
pub(crate) mod attribute_missing;
pub(crate) mod audience_mismatch;
pub(crate) mod audience_missing;
pub(crate) mod authn_context_mismatch;
pub(crate) mod certificate_untrusted;
pub(crate) mod certificate_validity;
pub(crate) mod certificate_weak_key;
pub(crate) mod clock_skew_sensitive;
pub(crate) mod conditions_count;
pub(crate) mod conditions_expired;
pub(crate) mod conditions_not_yet_valid;
pub(crate) mod config_unreadable;
pub(crate) mod decryption_failed;
pub(crate) mod destination_mismatch;
pub(crate) mod destination_missing;
pub(crate) mod encryption_algorithm_weak;
pub(crate) mod id_duplicate;
pub(crate) mod id_invalid;
pub(crate) mod id_missing;
pub(crate) mod in_response_to_mismatch;
pub(crate) mod input_empty;
pub(crate) mod input_limit_exceeded;
pub(crate) mod input_private_key;
pub(crate) mod input_redacted;
pub(crate) mod input_undecodable;
pub(crate) mod issue_instant_skew;
pub(crate) mod issuer_inconsistent;
pub(crate) mod issuer_mismatch;
pub(crate) mod issuer_missing;
pub(crate) mod message_namespace_missing;
pub(crate) mod message_unknown;
pub(crate) mod metadata_certificate_malformed;
pub(crate) mod metadata_endpoint_insecure;
pub(crate) mod metadata_entity_id_suspicious;
pub(crate) mod metadata_expired;
pub(crate) mod metadata_no_signing_key;
pub(crate) mod name_id_empty;
pub(crate) mod name_id_format_mismatch;
pub(crate) mod name_id_missing;
pub(crate) mod recipient_mismatch;
pub(crate) mod relay_state_mismatch;
pub(crate) mod request_issuer_mismatch;
pub(crate) mod request_unsupported_by_entra;
pub(crate) mod session_expired;
pub(crate) mod signature_algorithm_unsupported;
pub(crate) mod signature_algorithm_weak;
pub(crate) mod signature_digest_mismatch;
pub(crate) mod signature_missing;
pub(crate) mod signature_reference_invalid;
pub(crate) mod signature_structure_suspicious;
pub(crate) mod signature_transform_unexpected;
pub(crate) mod signature_untrusted;
pub(crate) mod signature_value_invalid;
pub(crate) mod signature_wrapping;
pub(crate) mod sp_name_qualifier_mismatch;
pub(crate) mod status_not_success;
pub(crate) mod subject_confirmation_expired;
pub(crate) mod subject_confirmation_missing;
pub(crate) mod unsolicited_response;
pub(crate) mod version_unsupported;
pub(crate) mod xml_comment_in_value;
pub(crate) mod xml_doctype;
pub(crate) mod xml_limit_exceeded;
pub(crate) mod xml_malformed;
pub(crate) mod xml_namespace_undeclared;

/// Every rule, registered once: its catalogue entry, and how and where it runs. The order is
/// the catalogue's ([`RULES`]) and the order the checks run in.
const TABLE: &[Registered] = &[
    made(&input_empty::RULE),
    made(&input_undecodable::RULE),
    made(&input_limit_exceeded::RULE),
    made(&input_private_key::RULE),
    rule!(input_redacted, ANY),
    made(&xml_malformed::RULE),
    rule!(xml_doctype, ANY),
    rule!(xml_comment_in_value, ANY, decrypted),
    made(&xml_limit_exceeded::RULE),
    rule!(xml_namespace_undeclared, ANY),
    rule!(message_unknown, &[Kind::Unknown]),
    rule!(message_namespace_missing, SAML),
    rule!(status_not_success, STATUS_RESPONSES),
    rule!(version_unsupported, PROTOCOL),
    rule!(id_missing, PROTOCOL),
    rule!(id_duplicate, ANY),
    rule!(id_invalid, PROTOCOL),
    rule!(assertion_count, RESPONSES),
    rule!(conditions_count, RESPONSES, decrypted),
    rule!(issuer_missing, RESPONSES, decrypted),
    rule!(issuer_inconsistent, RESPONSES),
    rule!(audience_missing, RESPONSES, decrypted),
    rule!(audience_mismatch, RESPONSES, decrypted),
    rule!(destination_missing, RESPONSES),
    rule!(destination_mismatch, RESPONSES),
    rule!(recipient_mismatch, RESPONSES, decrypted),
    rule!(relay_state_mismatch, &[Kind::Response]),
    rule!(issuer_mismatch, IDP_ISSUED, decrypted),
    rule!(sp_name_qualifier_mismatch, RESPONSES, decrypted),
    rule!(conditions_not_yet_valid, RESPONSES, decrypted),
    rule!(conditions_expired, RESPONSES_AND_LOGOUT_REQUESTS, decrypted),
    rule!(subject_confirmation_expired, RESPONSES, decrypted),
    rule!(subject_confirmation_missing, RESPONSES, decrypted),
    rule!(session_expired, RESPONSES, decrypted),
    rule!(issue_instant_skew, PROTOCOL),
    rule!(clock_skew_sensitive, RESPONSES, decrypted),
    rule!(in_response_to_mismatch, PROTOCOL, decrypted, flow),
    rule!(unsolicited_response, &[Kind::Response], flow),
    rule!(authn_context_mismatch, RESPONSES, decrypted, flow),
    rule!(name_id_format_mismatch, RESPONSES, decrypted, flow),
    rule!(acs_not_registered, &[Kind::AuthnRequest]),
    rule!(request_issuer_mismatch, &[Kind::AuthnRequest]),
    rule!(request_unsupported_by_entra, &[Kind::AuthnRequest]),
    rule!(name_id_missing, RESPONSES, decrypted),
    rule!(name_id_empty, RESPONSES_AND_LOGOUT_REQUESTS, decrypted),
    rule!(attribute_duplicate, RESPONSES, decrypted),
    rule!(attribute_missing, RESPONSES, decrypted),
    rule!(signature_missing, RESPONSES_AND_AGGREGATES, decrypted),
    rule!(assertion_unsigned, RESPONSES, decrypted),
    rule!(signature_digest_mismatch, ANY),
    rule!(signature_value_invalid, ANY),
    rule!(signature_reference_invalid, ANY),
    rule!(signature_transform_unexpected, ANY),
    rule!(signature_algorithm_weak, ANY),
    rule!(signature_algorithm_unsupported, ANY),
    rule!(signature_wrapping, RESPONSES),
    rule!(signature_structure_suspicious, ANY),
    rule!(signature_untrusted, ANY),
    rule!(certificate_untrusted, ANY),
    checked(
        &certificate_validity::EXPIRED,
        certificate_validity::check_expired,
        Scope::of(ANY),
    ),
    checked(
        &certificate_validity::NOT_YET_VALID,
        certificate_validity::check_not_yet_valid,
        Scope::of(ANY),
    ),
    checked(
        &certificate_validity::EXPIRING,
        certificate_validity::check_expiring,
        Scope::of(ANY),
    ),
    rule!(certificate_weak_key, ANY),
    rule!(assertion_encrypted, RESPONSES),
    made(&decryption_failed::RULE),
    rule!(encryption_algorithm_weak, RESPONSES),
    rule!(metadata_expired, METADATA),
    rule!(metadata_no_signing_key, METADATA),
    rule!(metadata_endpoint_insecure, METADATA),
    rule!(metadata_certificate_malformed, METADATA),
    rule!(metadata_entity_id_suspicious, METADATA),
    made(&config_unreadable::RULE),
];

/// Every rule, in catalogue order: the rules of the table.
pub static RULES: &[&Rule] = &{
    let mut rules = [&input_empty::RULE; TABLE.len()];
    let mut i = 0;
    while i < TABLE.len() {
        rules[i] = TABLE[i].rule;
        i += 1;
    }
    rules
};

/// Whether the rule named `name` judges the flow between a request and its response
/// (`in-response-to-mismatch`, `unsolicited-response` …): in a HAR capture, its findings are
/// the outer ones.
pub fn is_flow(name: &str) -> bool {
    TABLE
        .iter()
        .any(|r| r.rule.name == name && r.check.is_some_and(|c| c.scope.flow))
}

/// Finds a rule by name (`audience-mismatch`) or code (`AUD002`), case-insensitively.
pub fn find(name_or_code: &str) -> Option<&'static Rule> {
    let key = name_or_code.trim();
    RULES
        .iter()
        .copied()
        .find(|r| r.name.eq_ignore_ascii_case(key) || r.code.eq_ignore_ascii_case(key))
}

/// A rule as registered in the table.
#[derive(Clone, Copy)]
struct Registered {
    /// Its catalogue entry.
    rule: &'static Rule,
    /// Its check over the model, and where it applies; `None` for a rule whose findings the
    /// pipeline makes while decoding, parsing or decrypting (`input-empty`, `xml-malformed`,
    /// `decryption-failed`, `config-unreadable` …) with the constructors of its file.
    check: Option<Check>,
}

/// A rule's check and where it applies.
#[derive(Clone, Copy)]
struct Check {
    run: fn(&mut Checker<'_>),
    scope: Scope,
}

/// Which messages a rule's check reads: each message of its kinds as it came (its plain
/// assertions included), and, when said, each assertion decrypted from it.
#[derive(Clone, Copy, Debug)]
struct Scope {
    /// The kinds of message it applies to.
    kinds: &'static [Kind],
    /// It also reads each assertion decrypted from an EncryptedAssertion of the message.
    decrypted: bool,
    /// It judges the flow between a request and its response rather than one message.
    flow: bool,
}

impl Scope {
    /// Messages of `kinds`, as they came; per message.
    const fn of(kinds: &'static [Kind]) -> Self {
        Self {
            kinds,
            decrypted: false,
            flow: false,
        }
    }

    /// Decrypted assertions too.
    const fn decrypted(self) -> Self {
        Self {
            decrypted: true,
            ..self
        }
    }

    /// About the flow, not one message.
    const fn flow(self) -> Self {
        Self { flow: true, ..self }
    }

    /// Whether a check in this scope runs over `kind`, on a decrypted assertion or not.
    fn covers(&self, kind: Kind, decrypted: bool) -> bool {
        self.kinds.contains(&kind) && (self.decrypted || !decrypted)
    }
}

/// `rule!(file, KINDS, decrypted, flow)`: the rule of `file`, checked by its `check` over the
/// messages of `KINDS`; also over decrypted assertions, about the flow, when said.
macro_rules! rule {
    ($file:ident, $kinds:expr $(, $property:ident)*) => {
        checked(&$file::RULE, $file::check, Scope::of($kinds)$(.$property())*)
    };
}
use rule;

/// A rule whose findings the pipeline makes.
const fn made(rule: &'static Rule) -> Registered {
    Registered { rule, check: None }
}

/// A rule checked over the model in `scope`.
const fn checked(rule: &'static Rule, run: fn(&mut Checker<'_>), scope: Scope) -> Registered {
    Registered {
        rule,
        check: Some(Check { run, scope }),
    }
}

/// Every kind of SAML message and metadata, and XML that is none.
const ANY: &[Kind] = &[
    Kind::ArtifactResolve,
    Kind::ArtifactResponse,
    Kind::AuthnRequest,
    Kind::EntitiesDescriptor,
    Kind::EntityDescriptor,
    Kind::LogoutRequest,
    Kind::LogoutResponse,
    Kind::Response,
    Kind::Unknown,
];
/// SAML messages and metadata.
const SAML: &[Kind] = &[
    Kind::ArtifactResolve,
    Kind::ArtifactResponse,
    Kind::AuthnRequest,
    Kind::EntitiesDescriptor,
    Kind::EntityDescriptor,
    Kind::LogoutRequest,
    Kind::LogoutResponse,
    Kind::Response,
];
/// The protocol messages (with a header: ID, Version, IssueInstant, Issuer …).
const PROTOCOL: &[Kind] = &[
    Kind::ArtifactResolve,
    Kind::ArtifactResponse,
    Kind::AuthnRequest,
    Kind::LogoutRequest,
    Kind::LogoutResponse,
    Kind::Response,
];
/// A Response, and the ArtifactResponse that may carry one.
const RESPONSES: &[Kind] = &[Kind::ArtifactResponse, Kind::Response];
/// A Response, and a LogoutRequest (its NameID and NotOnOrAfter).
const RESPONSES_AND_LOGOUT_REQUESTS: &[Kind] =
    &[Kind::ArtifactResponse, Kind::LogoutRequest, Kind::Response];
/// A Response, and a metadata aggregate (its own signature).
const RESPONSES_AND_AGGREGATES: &[Kind] = &[
    Kind::ArtifactResponse,
    Kind::EntitiesDescriptor,
    Kind::Response,
];
/// The messages with a Status.
const STATUS_RESPONSES: &[Kind] = &[Kind::ArtifactResponse, Kind::LogoutResponse, Kind::Response];
/// The messages an identity provider issues.
const IDP_ISSUED: &[Kind] = &[
    Kind::ArtifactResponse,
    Kind::LogoutRequest,
    Kind::LogoutResponse,
    Kind::Response,
];
/// Metadata: one entity or an aggregate.
const METADATA: &[Kind] = &[Kind::EntitiesDescriptor, Kind::EntityDescriptor];

/// What the rules read of one parsed message.
pub(crate) struct Inspected<'a> {
    /// The message's tree.
    pub(crate) doc: &'a Document,
    /// Its SAML view.
    pub(crate) message: &'a Message,
    /// The context it is judged in.
    pub(crate) ctx: &'a Context,
    /// Every `ds:Signature` of the tree, verified.
    pub(crate) signatures: &'a [SignatureReport],
    /// The HTTP-Redirect binding signature, when the message came with one.
    pub(crate) redirect: Option<&'a RedirectSignature>,
    /// The binding parameters (RelayState …), when the message came in a URL or form body.
    pub(crate) binding: Option<&'a BindingParams>,
    /// The configuration, resolved from every source of the context.
    pub(crate) expect: &'a Expectations,
    /// The words of the message's identity provider, for fixes.
    pub(crate) words: Words,
    /// The Attributes of the plain assertions' EncryptedAttributes, once every one of them
    /// is decrypted.
    pub(crate) decrypted_attributes: Option<&'a [Attribute]>,
    /// The assertions decrypted from the message's EncryptedAssertions.
    pub(crate) decrypted: Vec<Decrypted<'a>>,
}

/// An assertion decrypted from an EncryptedAssertion of the message.
#[derive(Clone, Copy)]
pub(crate) struct Decrypted<'a> {
    /// The decrypted tree (the plaintext inside a wrapper that declares its namespaces).
    pub(crate) doc: &'a Document,
    /// The Assertion read from it.
    pub(crate) assertion: &'a Assertion,
    /// The signatures of the decrypted tree, verified.
    pub(crate) signatures: &'a [SignatureReport],
    /// The EncryptedAssertion in the message's text: where the findings about it are placed,
    /// since the decrypted text is not the text the user sees.
    pub(crate) span: Span,
}

/// Runs the rules of the table over a message, then over each assertion decrypted from it:
/// each check whose scope covers the message's kind and what is read.
pub(crate) fn check(inspected: &Inspected<'_>) -> Vec<Finding> {
    let mut findings = run(Checker::new(inspected, None));
    for d in &inspected.decrypted {
        findings.extend(run(Checker::new(inspected, Some(*d))));
    }
    findings
}

fn run(mut cx: Checker<'_>) -> Vec<Finding> {
    let kind = cx.message.kind();
    let decrypted = cx.decrypted.is_some();
    for check in TABLE.iter().filter_map(|r| r.check) {
        if check.scope.covers(kind, decrypted) {
            (check.run)(&mut cx);
        }
    }
    cx.findings
}

/// What a rule's `check` sees: the tree, its SAML view and the context; and where it reports.
pub(crate) struct Checker<'a> {
    /// The tree read: the message's, or that of the decrypted assertion read.
    pub(crate) doc: &'a Document,
    /// The message (for a decrypted assertion, the one it came encrypted in).
    pub(crate) message: &'a Message,
    pub(crate) ctx: &'a Context,
    /// Every `ds:Signature` of `doc`, verified.
    pub(crate) signatures: &'a [SignatureReport],
    /// The signatures of the message's own tree (those of `signatures` but for a decrypted
    /// assertion, whose own are inside it).
    pub(crate) message_signatures: &'a [SignatureReport],
    /// The HTTP-Redirect binding signature, when the message came with one (and is read,
    /// not a decrypted assertion).
    pub(crate) redirect: Option<&'a RedirectSignature>,
    /// The binding parameters (RelayState …), when the message came in a URL or form body
    /// (and is read, not a decrypted assertion).
    pub(crate) binding: Option<&'a BindingParams>,
    /// What the user trusts.
    pub(crate) anchors: &'a TrustAnchors,
    /// The configuration, resolved from every source of the context.
    pub(crate) expect: &'a Expectations,
    /// The words of the message's identity provider, for fixes.
    pub(crate) words: Words,
    /// The Attributes of the plain assertions' EncryptedAttributes, once every one of them
    /// is decrypted.
    pub(crate) decrypted_attributes: Option<&'a [Attribute]>,
    /// The decrypted assertion read, when the rules read one rather than the message: its
    /// findings are placed on its EncryptedAssertion and say so ([`Checker::report`]).
    pub(crate) decrypted: Option<Decrypted<'a>>,
    findings: Vec<Finding>,
}

impl<'a> Checker<'a> {
    fn new(inspected: &Inspected<'a>, decrypted: Option<Decrypted<'a>>) -> Self {
        let (doc, signatures) = decrypted.map_or((inspected.doc, inspected.signatures), |d| {
            (d.doc, d.signatures)
        });
        // What the message came with is read with the message, not with each of its
        // decrypted assertions.
        let plain = decrypted.is_none();
        Self {
            doc,
            message: inspected.message,
            ctx: inspected.ctx,
            signatures,
            message_signatures: inspected.signatures,
            redirect: inspected.redirect.filter(|_| plain),
            binding: inspected.binding.filter(|_| plain),
            anchors: &inspected.expect.anchors,
            expect: inspected.expect,
            words: inspected.words,
            decrypted_attributes: inspected.decrypted_attributes,
            decrypted,
            findings: Vec::new(),
        }
    }

    /// Reports a finding. One about a decrypted assertion is placed on its EncryptedAssertion
    /// (the decrypted text is not the text the user sees: its own spans and labels would point
    /// into it) and says where it was found.
    pub(crate) fn report(&mut self, mut finding: Finding) {
        if let Some(d) = &self.decrypted {
            finding.message = format!("in the decrypted assertion: {}", finding.message);
            finding.span = Some(d.span);
            finding.labels.clear();
            if let Some(found) = finding.evidence.as_mut().and_then(|e| e.found.as_mut()) {
                found.span = Some(d.span);
            }
        }
        self.findings.push(finding);
    }

    /// The assertions read: the decrypted one, or the plain ones of the Response the message
    /// is or carries.
    pub(crate) fn assertions(&self) -> &'a [Assertion] {
        match &self.decrypted {
            Some(d) => std::slice::from_ref(d.assertion),
            None => self
                .message
                .response()
                .map_or(&[], |r| r.assertions.as_slice()),
        }
    }

    /// The protocol headers read: the message's own, and that of the message an
    /// ArtifactResponse carries; none for a decrypted assertion (they are read with the
    /// message).
    pub(crate) fn headers(&self) -> Vec<&'a Header> {
        if self.decrypted.is_some() {
            return Vec::new();
        }
        headers(self.message)
    }

    /// The header of the Response read (that the message is or carries); none for a decrypted
    /// assertion (it is read with the message).
    pub(crate) fn response_header(&self) -> Option<&'a Header> {
        if self.decrypted.is_some() {
            return None;
        }
        self.message.response().map(|r| &r.header)
    }
}

/// The protocol headers of a message: its own, and that of the message an ArtifactResponse carries.
fn headers(message: &Message) -> Vec<&Header> {
    let mut out: Vec<&Header> = message.header().into_iter().collect();
    if let Message::ArtifactResponse(a) = message
        && let Some(inner) = &a.inner
    {
        out.extend(inner.header());
    }
    out
}

/// The time a message is judged at, as the expected side of a time finding's evidence.
pub(crate) fn judged_at(now: crate::time::Timestamp) -> (String, crate::finding::Origin) {
    (now.to_string(), crate::finding::Origin::Clock)
}

/// "2 h 28 min before the time of inspection (2026-11-23T12:28:00Z)": how `at` relates to now.
pub(crate) fn relative_to_now(at: crate::time::Timestamp, now: crate::time::Timestamp) -> String {
    let delta = at.seconds_since(now);
    let words = crate::time::duration_words(delta);
    if delta < 0 {
        format!("{words} before the time of inspection ({now})")
    } else {
        format!("{words} after the time of inspection ({now})")
    }
}

/// How `found` differs from `expected`, for near-miss help: trailing slash, letter case,
/// scheme; for URLs, the parts that differ (host, port, path segments, query parameters);
/// otherwise the differing middle part with both values aligned.
pub(crate) fn difference(expected: &str, found: &str) -> String {
    let (e, f) = (expected.trim(), found.trim());
    if e.trim_end_matches('/') == f.trim_end_matches('/') {
        return if e.ends_with('/') {
            format!("it lacks the trailing slash of `{e}`")
        } else {
            format!("it has a trailing slash that `{e}` does not")
        };
    }
    if e.eq_ignore_ascii_case(f) {
        return "it differs only in letter case".to_owned();
    }
    let strip = |s: &'_ str| {
        s.split_once("://")
            .map_or(s.to_owned(), |(_, rest)| rest.to_owned())
    };
    if strip(e) == strip(f) {
        return "it differs only in the scheme (http / https)".to_owned();
    }
    if let Some(parts) = crate::url_parts::difference(e, f) {
        return parts;
    }
    let prefix = e.chars().zip(f.chars()).take_while(|(a, b)| a == b).count();
    let e_rest: Vec<char> = e.chars().skip(prefix).collect();
    let f_rest: Vec<char> = f.chars().skip(prefix).collect();
    let suffix = e_rest
        .iter()
        .rev()
        .zip(f_rest.iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let mid = |v: &[char]| v[..v.len() - suffix].iter().collect::<String>();
    let (em, fm) = (mid(&e_rest), mid(&f_rest));
    if prefix == 0 && suffix == 0 {
        return format!("expected `{e}`, found `{f}`");
    }
    format!(
        "they differ in one part: expected `{}` where the message has `{}`",
        if em.is_empty() {
            "(nothing)".to_owned()
        } else {
            em
        },
        if fm.is_empty() {
            "(nothing)".to_owned()
        } else {
            fm
        }
    )
}

/// How `found` differs from an expected value or profile pattern (see [`difference`]).
pub(crate) fn explain(expected: &Expected, found: &str) -> String {
    if !expected.is_pattern() {
        return difference(&expected.value, found);
    }
    let pattern = &expected.value;
    let found = found.trim();
    let fits = |s: &str| crate::profiles::match_pattern(pattern, s).is_some();
    let toggled = found
        .strip_suffix('/')
        .map_or_else(|| format!("{found}/"), str::to_owned);
    if fits(&toggled) {
        return if found.ends_with('/') {
            "it has a trailing slash that the pattern does not".to_owned()
        } else {
            "it lacks the trailing slash of the pattern".to_owned()
        };
    }
    if fits(&found.to_ascii_lowercase()) || fits(&found.to_ascii_uppercase()) {
        return "it fits the pattern only when letter case is ignored".to_owned();
    }
    let swapped = if let Some(rest) = found.strip_prefix("http://") {
        format!("https://{rest}")
    } else if let Some(rest) = found.strip_prefix("https://") {
        format!("http://{rest}")
    } else {
        String::new()
    };
    if fits(&swapped) {
        return "it differs from the pattern only in the scheme (http / https)".to_owned();
    }
    where_it_departs(pattern, found)
}

/// Walks `pattern` along `found` and says where they part: "it ends where the pattern continues
/// with `/<identifier>`", "where the pattern has `/api/…` it has `/auth/…`".
fn where_it_departs(pattern: &str, found: &str) -> String {
    let parts = crate::profiles::pattern_parts(pattern);
    let mut pos = 0;
    let common = |a: &str, b: &str| {
        a.char_indices()
            .zip(b.chars())
            .take_while(|((_, x), y)| x == y)
            .last()
            .map_or(0, |((i, x), _)| i + x.len_utf8())
    };
    for (i, part) in parts.iter().enumerate() {
        let rest_of_pattern = || {
            parts[i..]
                .iter()
                .map(|p| p.as_written())
                .collect::<String>()
        };
        let text = &found[pos..];
        match part {
            crate::profiles::PatternPart::Literal(l) => {
                let c = common(l, text);
                if c < l.len() {
                    let pattern_rest: String = rest_of_pattern()
                        .chars()
                        .skip(l[..c].chars().count())
                        .collect();
                    if c == text.len() {
                        return format!(
                            "it ends where the pattern continues with `{pattern_rest}`"
                        );
                    }
                    let value_rest: String = text[c..].chars().take(32).collect();
                    return format!("where the pattern has `{pattern_rest}` it has `{value_rest}`");
                }
                pos += l.len();
            }
            crate::profiles::PatternPart::Placeholder(name) => {
                let stop = text
                    .find(|c: char| matches!(c, '/' | '?' | '#' | '&') || c.is_whitespace())
                    .unwrap_or(text.len());
                if stop == 0 {
                    return format!("it has nothing where the pattern has <{name}>");
                }
                let next = match parts.get(i + 1) {
                    Some(crate::profiles::PatternPart::Literal(l)) => *l,
                    _ => "",
                };
                let end = (1..=stop)
                    .filter(|&e| text.is_char_boundary(e))
                    .max_by_key(|&e| (common(next, &text[e..]), std::cmp::Reverse(e)))
                    .unwrap_or(stop);
                pos += end;
            }
        }
    }
    if pos < found.len() {
        let extra: String = found[pos..].chars().take(32).collect();
        return format!("it continues with `{extra}` where the pattern ends");
    }
    "it does not fit the pattern".to_owned()
}

/// "the SP entity ID `X`", "the SP metadata's entity ID `X`", "TimeTrack's Identifier pattern `…`".
pub(crate) fn describe(expected: &Expected, given: &str, field: &str) -> String {
    match &expected.source {
        Source::Given => format!("{given} `{}`", expected.value),
        Source::SpMetadata => format!("the SP metadata's {field} `{}`", expected.value),
        Source::IdpMetadata => format!("the IdP metadata's {field} `{}`", expected.value),
        Source::Profile(p) => format!("{}'s {field} pattern `{}`", p.title, expected.value),
    }
}

/// The expected value closest to `found` (for near-miss help when several are registered).
pub(crate) fn closest<'e>(expected: &'e [Expected], found: &str) -> Option<&'e Expected> {
    expected.iter().min_by_key(|e| distance(&e.value, found))
}

/// A cheap distance: the length of the differing middle part of two strings.
pub(crate) fn distance(a: &str, b: &str) -> usize {
    let prefix = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let suffix = a
        .chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count()
        .min(a.chars().count().min(b.chars().count()) - prefix);
    (a.chars().count() + b.chars().count()).saturating_sub(2 * (prefix + suffix))
}

/// The AuthnRequest (given in the context) the message answers: the one its InResponseTo
/// names, or the only one given. Also for a decrypted assertion: the message it came in
/// answers the request.
pub(crate) fn answered_request<'a>(cx: &Checker<'a>) -> Option<&'a crate::model::AuthnRequest> {
    let requests = &cx.expect.requests;
    // The last header: an ArtifactResponse's own InResponseTo names the ArtifactResolve; the
    // Response it carries answers the AuthnRequest.
    let by_id = headers(cx.message)
        .iter()
        .rev()
        .find_map(|h| h.in_response_to.as_ref())
        .and_then(|id| cx.expect.request(id.trimmed()));
    by_id
        .or(match requests.as_slice() {
            [only] => Some(only),
            _ => None,
        })
        .and_then(|r| r.authn.as_ref())
}

/// The short form of a SAML URN (`urn:oasis:names:tc:SAML:2.0:status:Requester` → `Requester`).
pub(crate) fn short(urn: &str) -> &str {
    urn.trim().rsplit(':').next().unwrap_or(urn)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_codes_are_unique_and_documented() {
        for (i, a) in RULES.iter().enumerate() {
            for b in &RULES[i + 1..] {
                assert_ne!(a.name, b.name);
                assert_ne!(a.code, b.code);
            }
            for section in [
                "## What",
                "## Why",
                "## Example",
                "## How to fix",
                "## References",
            ] {
                assert!(a.docs.contains(section), "{} lacks {section}", a.name);
            }
            assert_eq!(find(a.code), Some(*a));
            assert_eq!(find(&a.name.to_uppercase()), Some(*a));
        }
    }

    /// Each file of `src/rules/` is a rule of the table (`certificate_validity.rs`: the three
    /// `certificate-*` validity rules).
    #[test]
    fn every_rule_file_is_registered() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/rules");
        let mut files = 0;
        for entry in std::fs::read_dir(dir).expect("src/rules") {
            let path = entry.expect("entry").path();
            let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
                continue;
            };
            if stem == "mod" || path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            files += 1;
            let names: Vec<String> = match stem {
                "certificate_validity" => [
                    "certificate-expired",
                    "certificate-not-yet-valid",
                    "certificate-expiring",
                ]
                .map(str::to_owned)
                .to_vec(),
                _ => vec![stem.replace('_', "-")],
            };
            for name in names {
                assert!(
                    RULES.iter().any(|r| r.name == name),
                    "{stem}.rs: {name} is not in the table"
                );
            }
        }
        assert_eq!(
            files + 2,
            RULES.len(),
            "a file per rule (three in certificate_validity.rs)"
        );
    }

    #[test]
    fn flow_rules_are_those_about_the_request_and_its_response() {
        let flow: Vec<&str> = RULES
            .iter()
            .map(|r| r.name)
            .filter(|n| is_flow(n))
            .collect();
        assert_eq!(
            flow,
            [
                "in-response-to-mismatch",
                "unsolicited-response",
                "authn-context-mismatch",
                "name-id-format-mismatch"
            ]
        );
        assert!(!is_flow("audience-mismatch"));
        assert!(!is_flow("no-such-rule"));
    }

    /// A check run over a message of a kind its scope leaves out finds nothing there: the
    /// table does not hide a finding by a kind left out (every fixture of the crate, with a
    /// configuration that gives the configured checks something to compare).
    #[test]
    fn checks_find_nothing_outside_their_scope() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
        let mut ctx = Context::new(crate::Timestamp::parse("2027-01-15T10:05:00Z").expect("time"));
        ctx.sp_entity_id = Some("https://sp.example.net/other".to_owned());
        ctx.acs_urls = vec!["https://sp.example.net/other/acs".to_owned()];
        ctx.idp_entity_id = Some("https://idp.example.net/other".to_owned());
        ctx.required_attributes = vec!["departmentNumber".to_owned()];
        ctx.relay_state = Some("/elsewhere".to_owned());
        let mut inputs: Vec<(String, Vec<u8>)> = Vec::new();
        let mut dirs = vec![root.clone()];
        while let Some(dir) = dirs.pop() {
            for path in std::fs::read_dir(&dir)
                .expect("directory")
                .map(|e| e.expect("entry").path())
            {
                if path.is_dir() {
                    dirs.push(path);
                } else {
                    let bytes = std::fs::read(&path).expect("fixture");
                    inputs.push((path.display().to_string(), bytes));
                }
            }
        }
        // The kinds no fixture has: an ArtifactResponse carrying the clean Response, the
        // ArtifactResolve it answers, a LogoutResponse.
        let (samlp, saml) = (
            r#"xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol""#,
            r#"xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion""#,
        );
        let header = r#"Version="2.0" IssueInstant="2027-01-15T10:00:00Z""#;
        let issuer = format!("<saml:Issuer {saml}>https://idp.example.org/</saml:Issuer>");
        let base = std::fs::read_to_string(root.join("rules/base_response.xml")).expect("base");
        let base = base
            .trim_start_matches(|c| c != '>')
            .trim_start_matches('>');
        for (name, text) in [
            (
                "an ArtifactResponse",
                format!(
                    r#"<samlp:ArtifactResponse {samlp} ID="_ar" {header} InResponseTo="_resolve">{issuer}<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>{base}</samlp:ArtifactResponse>"#
                ),
            ),
            (
                "an ArtifactResolve",
                format!(
                    r#"<samlp:ArtifactResolve {samlp} ID="_resolve" {header}>{issuer}<samlp:Artifact>AAQAAMh48</samlp:Artifact></samlp:ArtifactResolve>"#
                ),
            ),
            (
                "a LogoutResponse",
                format!(
                    r#"<samlp:LogoutResponse {samlp} ID="_lr" {header} InResponseTo="_logout" Destination="https://sp.example.org/slo">{issuer}<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Requester"/></samlp:Status></samlp:LogoutResponse>"#
                ),
            ),
        ] {
            inputs.push((name.to_owned(), text.into_bytes()));
        }
        let mut kinds = std::collections::HashSet::new();
        for (path, bytes) in inputs {
            let report = crate::inspect(bytes, &ctx);
            let (Some(doc), Some(message)) = (&report.document, &report.message) else {
                continue;
            };
            kinds.insert(message.kind());
            let expect = Expectations::for_message(&ctx, Some(message));
            let inspected = Inspected {
                doc,
                message,
                ctx: &ctx,
                signatures: &report.signatures,
                redirect: report.redirect_signature.as_ref(),
                binding: report.binding.as_ref(),
                expect: &expect,
                words: report.idp.words(),
                decrypted_attributes: None,
                decrypted: Vec::new(),
            };
            for r in TABLE {
                let Some(check) = r.check.filter(|c| !c.scope.covers(message.kind(), false)) else {
                    continue;
                };
                let mut cx = Checker::new(&inspected, None);
                (check.run)(&mut cx);
                let found: Vec<&str> = cx.findings.iter().map(|f| f.message.as_str()).collect();
                assert!(
                    found.is_empty(),
                    "{} fires on {path} ({:?}), outside its scope: {found:?}",
                    r.rule.name,
                    message.kind()
                );
            }
        }
        assert_eq!(kinds.len(), 9, "fixtures of every kind: {kinds:?}");
    }
}
