//! The rule catalogue of `../shared/CHECKS.md`: one rule, one file.
//!
//! Each file defines a `static RULE: Rule` (stable name, code, default severity, docs) and
//! either a `check(&mut Checker)` run over the model, or constructors the pipeline calls when
//! decoding or parsing fails. Findings carry their evidence in the message and a span into
//! the decoded text.

use crate::context::Context;
use crate::dsig::{RedirectSignature, SignatureReport, TrustAnchors};
use crate::expectations::{Expectations, Expected, Source};
use crate::finding::{Finding, Rule};
use crate::idps::Words;
use crate::model::Message;
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

/// Every rule, in catalogue order.
pub static RULES: &[&Rule] = &[
    &input_empty::RULE,
    &input_undecodable::RULE,
    &input_limit_exceeded::RULE,
    &input_private_key::RULE,
    &input_redacted::RULE,
    &xml_malformed::RULE,
    &xml_doctype::RULE,
    &xml_comment_in_value::RULE,
    &xml_limit_exceeded::RULE,
    &xml_namespace_undeclared::RULE,
    &message_unknown::RULE,
    &message_namespace_missing::RULE,
    &status_not_success::RULE,
    &version_unsupported::RULE,
    &id_missing::RULE,
    &id_duplicate::RULE,
    &id_invalid::RULE,
    &assertion_count::RULE,
    &conditions_count::RULE,
    &issuer_missing::RULE,
    &issuer_inconsistent::RULE,
    &audience_missing::RULE,
    &audience_mismatch::RULE,
    &destination_missing::RULE,
    &destination_mismatch::RULE,
    &recipient_mismatch::RULE,
    &relay_state_mismatch::RULE,
    &issuer_mismatch::RULE,
    &sp_name_qualifier_mismatch::RULE,
    &conditions_not_yet_valid::RULE,
    &conditions_expired::RULE,
    &subject_confirmation_expired::RULE,
    &subject_confirmation_missing::RULE,
    &session_expired::RULE,
    &issue_instant_skew::RULE,
    &clock_skew_sensitive::RULE,
    &in_response_to_mismatch::RULE,
    &unsolicited_response::RULE,
    &authn_context_mismatch::RULE,
    &name_id_format_mismatch::RULE,
    &acs_not_registered::RULE,
    &request_issuer_mismatch::RULE,
    &request_unsupported_by_entra::RULE,
    &name_id_missing::RULE,
    &name_id_empty::RULE,
    &attribute_duplicate::RULE,
    &attribute_missing::RULE,
    &signature_missing::RULE,
    &assertion_unsigned::RULE,
    &signature_digest_mismatch::RULE,
    &signature_value_invalid::RULE,
    &signature_reference_invalid::RULE,
    &signature_transform_unexpected::RULE,
    &signature_algorithm_weak::RULE,
    &signature_algorithm_unsupported::RULE,
    &signature_wrapping::RULE,
    &signature_structure_suspicious::RULE,
    &signature_untrusted::RULE,
    &certificate_untrusted::RULE,
    &certificate_validity::EXPIRED,
    &certificate_validity::NOT_YET_VALID,
    &certificate_validity::EXPIRING,
    &certificate_weak_key::RULE,
    &assertion_encrypted::RULE,
    &decryption_failed::RULE,
    &encryption_algorithm_weak::RULE,
    &metadata_expired::RULE,
    &metadata_no_signing_key::RULE,
    &metadata_endpoint_insecure::RULE,
    &metadata_certificate_malformed::RULE,
    &metadata_entity_id_suspicious::RULE,
    &config_unreadable::RULE,
];

/// The rules about the flow between a request and its response: in a HAR, their findings are
/// the outer ones.
pub const FLOW_RULES: &[&str] = &[
    "in-response-to-mismatch",
    "unsolicited-response",
    "authn-context-mismatch",
    "name-id-format-mismatch",
];

/// Finds a rule by name (`audience-mismatch`) or code (`AUD002`), case-insensitively.
pub fn find(name_or_code: &str) -> Option<&'static Rule> {
    let key = name_or_code.trim();
    RULES
        .iter()
        .copied()
        .find(|r| r.name.eq_ignore_ascii_case(key) || r.code.eq_ignore_ascii_case(key))
}

/// What a rule's `check` sees: the tree, its SAML view and the context; and where it reports.
pub(crate) struct Checker<'a> {
    pub(crate) doc: &'a Document,
    pub(crate) message: &'a Message,
    pub(crate) ctx: &'a Context,
    /// Every `ds:Signature` of the document, verified.
    pub(crate) signatures: &'a [SignatureReport],
    /// The HTTP-Redirect binding signature, when the message came with one.
    pub(crate) redirect: Option<&'a RedirectSignature>,
    /// What the user trusts.
    pub(crate) anchors: &'a TrustAnchors,
    /// The configuration, resolved from every source of the context.
    pub(crate) expect: &'a Expectations,
    /// The words of the message's identity provider, for fixes.
    pub(crate) words: Words,
    pub(crate) findings: Vec<Finding>,
}

impl<'a> Checker<'a> {
    fn new(
        doc: &'a Document,
        message: &'a Message,
        ctx: &'a Context,
        signatures: &'a [SignatureReport],
        redirect: Option<&'a RedirectSignature>,
        expect: &'a Expectations,
        words: Words,
    ) -> Self {
        Self {
            doc,
            message,
            ctx,
            signatures,
            redirect,
            anchors: &expect.anchors,
            expect,
            words,
            findings: Vec::new(),
        }
    }

    pub(crate) fn report(&mut self, finding: Finding) {
        self.findings.push(finding);
    }
}

/// Runs every model rule over a parsed message.
pub(crate) fn check(
    doc: &Document,
    message: &Message,
    ctx: &Context,
    signatures: &[SignatureReport],
    redirect: Option<&RedirectSignature>,
    expect: &Expectations,
    words: Words,
) -> Vec<Finding> {
    let mut cx = Checker::new(doc, message, ctx, signatures, redirect, expect, words);
    xml_doctype::check(&mut cx);
    xml_namespace_undeclared::check(&mut cx);
    xml_comment_in_value::check(&mut cx);
    message_unknown::check(&mut cx);
    message_namespace_missing::check(&mut cx);
    status_not_success::check(&mut cx);
    version_unsupported::check(&mut cx);
    id_missing::check(&mut cx);
    id_duplicate::check(&mut cx);
    id_invalid::check(&mut cx);
    assertion_count::check(&mut cx);
    conditions_count::check(&mut cx);
    issuer_missing::check(&mut cx);
    issuer_inconsistent::check(&mut cx);
    audience_missing::check(&mut cx);
    audience_mismatch::check(&mut cx);
    destination_missing::check(&mut cx);
    destination_mismatch::check(&mut cx);
    recipient_mismatch::check(&mut cx);
    issuer_mismatch::check(&mut cx);
    sp_name_qualifier_mismatch::check(&mut cx);
    conditions_not_yet_valid::check(&mut cx);
    conditions_expired::check(&mut cx);
    subject_confirmation_expired::check(&mut cx);
    subject_confirmation_missing::check(&mut cx);
    session_expired::check(&mut cx);
    issue_instant_skew::check(&mut cx);
    clock_skew_sensitive::check(&mut cx);
    in_response_to_mismatch::check(&mut cx);
    unsolicited_response::check(&mut cx);
    authn_context_mismatch::check(&mut cx);
    name_id_format_mismatch::check(&mut cx);
    acs_not_registered::check(&mut cx);
    request_issuer_mismatch::check(&mut cx);
    request_unsupported_by_entra::check(&mut cx);
    name_id_missing::check(&mut cx);
    name_id_empty::check(&mut cx);
    attribute_duplicate::check(&mut cx);
    attribute_missing::check(&mut cx);
    signature_missing::check(&mut cx);
    assertion_unsigned::check(&mut cx);
    signature_digest_mismatch::check(&mut cx);
    signature_value_invalid::check(&mut cx);
    signature_reference_invalid::check(&mut cx);
    signature_transform_unexpected::check(&mut cx);
    signature_algorithm_weak::check(&mut cx);
    signature_algorithm_unsupported::check(&mut cx);
    signature_wrapping::check(&mut cx);
    signature_structure_suspicious::check(&mut cx);
    signature_untrusted::check(&mut cx);
    certificate_untrusted::check(&mut cx);
    certificate_validity::check(&mut cx);
    certificate_weak_key::check(&mut cx);
    encryption_algorithm_weak::check(&mut cx);
    metadata_expired::check(&mut cx);
    metadata_no_signing_key::check(&mut cx);
    metadata_endpoint_insecure::check(&mut cx);
    metadata_certificate_malformed::check(&mut cx);
    metadata_entity_id_suspicious::check(&mut cx);
    cx.findings
}

/// Runs the rules that read an assertion over one decrypted EncryptedAssertion: `message` is a
/// Response holding just that assertion (its header cleared, so that header-level rules, already
/// run on the outer message, stay silent), `doc` the decrypted tree.
pub(crate) fn check_decrypted(
    doc: &Document,
    message: &Message,
    ctx: &Context,
    signatures: &[SignatureReport],
    expect: &Expectations,
    words: Words,
) -> Vec<Finding> {
    let mut cx = Checker::new(doc, message, ctx, signatures, None, expect, words);
    xml_comment_in_value::check(&mut cx);
    conditions_count::check(&mut cx);
    issuer_missing::check(&mut cx);
    audience_missing::check(&mut cx);
    audience_mismatch::check(&mut cx);
    recipient_mismatch::check(&mut cx);
    issuer_mismatch::check(&mut cx);
    sp_name_qualifier_mismatch::check(&mut cx);
    conditions_not_yet_valid::check(&mut cx);
    conditions_expired::check(&mut cx);
    subject_confirmation_expired::check(&mut cx);
    subject_confirmation_missing::check(&mut cx);
    session_expired::check(&mut cx);
    clock_skew_sensitive::check(&mut cx);
    in_response_to_mismatch::check(&mut cx);
    authn_context_mismatch::check(&mut cx);
    name_id_format_mismatch::check(&mut cx);
    name_id_missing::check(&mut cx);
    name_id_empty::check(&mut cx);
    attribute_duplicate::check(&mut cx);
    attribute_missing::check(&mut cx);
    cx.findings
}

/// The protocol headers of a message: its own, and that of the message an ArtifactResponse carries.
pub(crate) fn headers(message: &Message) -> Vec<&crate::model::Header> {
    let mut out: Vec<&crate::model::Header> = message.header().into_iter().collect();
    if let Message::ArtifactResponse(a) = message
        && let Some(inner) = &a.inner
    {
        out.extend(inner.header());
    }
    out
}

/// The assertions of the Response a message is or carries.
pub(crate) fn assertions(message: &Message) -> &[crate::model::Assertion] {
    message.response().map_or(&[], |r| r.assertions.as_slice())
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
/// names, or the only one given.
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
}
