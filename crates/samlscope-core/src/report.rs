//! The [`Report`]: everything `inspect` found out, ready to render.

use serde::Serialize;

use crate::cert::{CertificateInfo, KeyMaterial};
use crate::decode::{BindingParams, Layer};
use crate::finding::{Finding, Severity};
use crate::model::Message;
use crate::span::Span;
use crate::time::Timestamp;
use crate::xml::Document;

pub use crate::model::Kind;

/// A value read from the message, with where it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// Where it is in the decoded text (the text content, or the attribute value).
    pub span: Span,
}

/// A time read from the message, with its parsed value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TimeValue {
    /// As written.
    pub text: String,
    /// Parsed, when it is a valid `xs:dateTime`.
    pub at: Option<Timestamp>,
    /// Where it is.
    pub span: Span,
}

/// Status of a SAML response: the top code, nested codes and message.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct StatusSummary {
    /// Top-level StatusCode Value.
    pub code: String,
    /// Nested StatusCode Values, outermost first.
    pub nested: Vec<String>,
    /// StatusMessage text.
    pub message: Option<String>,
    /// Whether the top code is `…:status:Success`.
    pub success: bool,
    /// AADSTS codes found in the message, explained.
    pub aadsts: Vec<AadstsSummary>,
}

/// An Entra error code found in a StatusMessage.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AadstsSummary {
    /// The number, e.g. `50105`.
    pub code: u32,
    /// What it means and what to do, when known.
    pub meaning: Option<String>,
}

/// An attribute (claim) of an assertion.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct AttributeSummary {
    /// `Name`.
    pub name: String,
    /// `FriendlyName`, when given.
    pub friendly_name: Option<String>,
    /// The name Entra shows for well-known claim URIs (`user.mail`).
    pub known_as: Option<&'static str>,
    /// Values, in order.
    pub values: Vec<String>,
    /// Where the Attribute element is.
    pub span: Span,
}

/// A metadata entity, summarised.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EntitySummary {
    /// `entityID`.
    pub entity_id: String,
    /// Role names present (`IDPSSODescriptor`, `SPSSODescriptor`, `fed:ApplicationServiceType` …).
    pub roles: Vec<String>,
    /// Endpoints of every role (single sign-on, ACS, logout …).
    pub endpoints: Vec<EndpointSummary>,
    /// SHA-1 thumbprints (Entra format) of the signing certificates, in document order.
    pub signing_thumbprints: Vec<String>,
    /// Where the EntityDescriptor is.
    pub span: Span,
}

/// A metadata endpoint.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EndpointSummary {
    /// Role it belongs to (`IDPSSODescriptor` …).
    pub role: String,
    /// Element name (`SingleSignOnService`, `AssertionConsumerService` …).
    pub kind: String,
    /// Binding short name (`HTTP-POST`, `HTTP-Redirect` …).
    pub binding: String,
    /// `Location`.
    pub location: String,
    /// `index`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub index: Option<String>,
    /// `isDefault`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub is_default: Option<bool>,
}

/// The facts people look for first, flattened for rendering (the JSON `summary` object).
/// Fields that do not apply are `None` or empty and are left out of JSON.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// ID of the message (or of the entity descriptor).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Issuer of the message (the Assertion's when the message has none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuer: Option<String>,
    /// Destination.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub destination: Option<String>,
    /// InResponseTo.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub in_response_to: Option<String>,
    /// IssueInstant.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issue_instant: Option<Timestamp>,
    /// Status (responses).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<StatusSummary>,
    /// NameID value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_id: Option<String>,
    /// NameID Format.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_id_format: Option<String>,
    /// NameID SPNameQualifier.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_id_sp_name_qualifier: Option<String>,
    /// Audiences.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub audiences: Vec<String>,
    /// Bearer SubjectConfirmationData Recipient.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recipient: Option<String>,
    /// Conditions NotBefore.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_before: Option<Timestamp>,
    /// Conditions NotOnOrAfter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub not_on_or_after: Option<Timestamp>,
    /// AuthnStatement SessionNotOnOrAfter.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session_not_on_or_after: Option<Timestamp>,
    /// AuthnStatement SessionIndex.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub session_index: Option<String>,
    /// AuthnContextClassRef.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub authn_context: Option<String>,
    /// Attributes (claims).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub attributes: Vec<AttributeSummary>,
    /// Whether an EncryptedAssertion is present.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub assertion_encrypted: bool,
    /// RelayState, decoded (from a URL, query string or form body).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relay_state: Option<String>,
    /// AssertionConsumerServiceURL (AuthnRequest).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub acs_url: Option<String>,
    /// ProtocolBinding (AuthnRequest).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub protocol_binding: Option<String>,
    /// NameIDPolicy Format (AuthnRequest).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_id_policy_format: Option<String>,
    /// Entity ID (metadata).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity_id: Option<String>,
    /// Entities (metadata), at most the first 200 of an aggregate.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub entities: Vec<EntitySummary>,
    /// How many entities the metadata holds in all.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity_count: Option<usize>,
    /// validUntil (metadata).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<Timestamp>,
    /// Certificates found (a certificate input, KeyInfo in a message, KeyDescriptors in metadata).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub certificates: Vec<CertificateInfo>,
}

/// An EncryptedAssertion decrypted with the SP key. Its plaintext is parsed once, inside a
/// wrapper element that re-declares the namespaces in scope where it was encrypted (as a
/// verifier sees it in place); the signatures inside are verified over that tree.
#[derive(Clone, Debug)]
pub struct DecryptedAssertion {
    /// The EncryptedAssertion in the message.
    pub encrypted: crate::xml::NodeId,
    /// The wrapper and decrypted text, parsed.
    pub document: Document,
    /// The Assertion read from it.
    pub assertion: Option<crate::model::Assertion>,
    /// Its signatures, verified.
    pub signatures: Vec<crate::dsig::SignatureReport>,
    /// Content encryption algorithm URI.
    pub data_algorithm: String,
    /// Key transport algorithm URI.
    pub key_algorithm: Option<String>,
}

/// Everything `inspect` found out about one input.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// The decoded text when there is no parsed document (see [`Report::text`]).
    pub(crate) source: String,
    /// Size of the raw input in bytes.
    pub input_len: usize,
    /// Layers decoding undid, outermost first.
    pub layers: Vec<Layer>,
    /// Binding parameters (RelayState, SigAlg …) when the input was a URL, query or form body.
    pub binding: Option<BindingParams>,
    /// What the input is.
    pub kind: Kind,
    /// The parsed XML tree, when the input was XML and well-formed.
    pub document: Option<Document>,
    /// The SAML view of the tree.
    pub message: Option<Message>,
    /// Every `ds:Signature`, verified, in document order.
    pub signatures: Vec<crate::dsig::SignatureReport>,
    /// EncryptedAssertions decrypted with the SP key, each with its own text and tree.
    pub decrypted: Vec<DecryptedAssertion>,
    /// The HTTP-Redirect binding signature, when the input carried `SigAlg` and `Signature`.
    pub redirect_signature: Option<crate::dsig::RedirectSignature>,
    /// Certificates and keys given as input.
    pub keys: Vec<KeyMaterial>,
    /// The input is a PKCS#12 (`.pfx`, `.p12`) bundle: it holds a private key that samlscope
    /// does not read (`keys` stays empty), treated as one all the same.
    pub private_key_bundle: bool,
    /// The facts people look for first.
    pub summary: Summary,
    /// Findings, most severe first, then in document order.
    pub findings: Vec<Finding>,
    /// The time every time check was judged at (the Context's `now`, or the message's
    /// IssueInstant when asked): the one basis of findings, summary, timeline and clock skew.
    pub judged_at: Timestamp,
    /// Which clock [`Report::judged_at`] was read from.
    pub clock: crate::context::Clock,
    /// Whether common SP implementations accept the message's time window at the time of
    /// inspection with their default clock skew (Responses with a time window only).
    pub clock_skew: Vec<crate::skew::SkewAcceptance>,
    /// What the message was checked against, and where each value came from.
    pub configuration: Configuration,
    /// When nothing could be decoded: the encodings the input was tried as and is not
    /// ("XML", "base64" …), for the decoding trail.
    pub not_decoded_as: Vec<&'static str>,
    /// Checks that could not be made, and why (an encrypted assertion without its key): "no
    /// errors" then does not mean that they passed.
    pub not_checked: Vec<NotChecked>,
    /// The identity provider the message is from (detected or chosen): fixes speak its words.
    pub idp: crate::idps::Detection,
    /// The user's SP software, as configured (`Context::sp_software`).
    pub sp_software: Option<String>,
}

/// A check that could not be made.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NotChecked {
    /// What was not checked, e.g. "the Audience against the Identifier (Entity ID)".
    pub what: String,
    /// The setting it would have been checked against, when one is configured (the closed
    /// vocabulary of findings' `setting`: `sp-entity-id`, `acs-url`, `claims` …).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub setting: Option<crate::finding::Setting>,
    /// Why not, e.g. "the assertion is encrypted and no SP key was given".
    pub why: String,
}

/// The configuration a message was checked against (resolved from flags, metadata, requests
/// and the app profile), for display: the page's "Set up" values, the JSON `configuration`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Configuration {
    /// The SP entity ID (Entra: Identifier), or the profile's pattern.
    pub sp_entity_id: Option<ConfiguredValue>,
    /// The ACS URLs (Entra: Reply URL).
    pub acs_urls: Vec<ConfiguredValue>,
    /// The IdP entity ID (Entra: Microsoft Entra Identifier).
    pub idp_entity_id: Option<ConfiguredValue>,
    /// The IdP's SSO URLs from its metadata (Entra: Login URL).
    pub login_urls: Vec<String>,
    /// The IdP's SLO URLs from its metadata (Entra: Logout URL).
    pub logout_urls: Vec<String>,
    /// IDs of the requests given.
    pub request_ids: Vec<String>,
    /// Attributes required, with who requires them.
    pub required_attributes: Vec<String>,
    /// The app profile applied (`--profile`).
    pub profile: Option<String>,
    /// An app profile the message's URLs suggest, when none is applied.
    pub suggested_profile: Option<String>,
    /// The clock skew the time checks allowed, in seconds.
    pub clock_skew_seconds: u32,
    /// The Relay State an IdP-initiated response was checked against (`--relay-state`).
    pub relay_state: Option<String>,
}

/// One configured value and where it came from (`given`, `sp-metadata`, `idp-metadata`,
/// `profile`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ConfiguredValue {
    /// The value (a pattern with `<placeholders>` for a profile).
    pub value: String,
    /// Where it came from.
    pub source: &'static str,
}

impl Configuration {
    /// The view of resolved expectations.
    pub fn from_expectations(e: &crate::expectations::Expectations) -> Self {
        use crate::expectations::Source;
        let value = |x: &crate::expectations::Expected| ConfiguredValue {
            value: x.value.clone(),
            source: match x.source {
                Source::Given => "given",
                Source::SpMetadata => "sp-metadata",
                Source::IdpMetadata => "idp-metadata",
                Source::Profile(_) => "profile",
            },
        };
        Self {
            sp_entity_id: e.sp_entity_id.as_ref().map(value),
            acs_urls: e.acs_urls.iter().map(value).collect(),
            idp_entity_id: e.idp_entity_id.as_ref().map(value),
            login_urls: e.idp_sso_urls.clone(),
            logout_urls: e.idp_slo_urls.clone(),
            request_ids: e.requests.iter().filter_map(|r| r.id.clone()).collect(),
            required_attributes: e
                .required_attributes
                .iter()
                .map(|r| r.name.clone())
                .collect(),
            profile: e.profile.map(|p| p.name.clone()),
            suggested_profile: None,
            clock_skew_seconds: crate::context::DEFAULT_CLOCK_SKEW_SECONDS,
            relay_state: None,
        }
    }
}

impl Report {
    /// Whether the input is a redacted copy: its values are samlscope's redaction placeholders
    /// (`input-redacted`), so signatures over them cannot verify.
    pub fn is_redacted_copy(&self) -> bool {
        self.findings.iter().any(|f| f.name() == "input-redacted")
    }

    /// Whether the input holds private key material — a private key, a PKCS#12 bundle, or a
    /// private-key PEM block anywhere in its text —, which no share link or stored copy may
    /// carry.
    pub fn holds_private_key(&self) -> bool {
        self.private_key_bundle
            || self
                .keys
                .iter()
                .any(|k| matches!(k, KeyMaterial::PrivateKey(_)))
            || !crate::private_key::blocks(self.text()).is_empty()
    }

    /// The decoded text every span points into (the input itself, or a bounded prefix of it,
    /// when decoding failed).
    pub fn text(&self) -> &str {
        self.document.as_ref().map_or(&self.source, |d| d.text())
    }

    /// "percent-decoding → base64 → DEFLATE → XML": the decoding trail, ending with what was
    /// found: "XML", "XML (not well-formed)", "DER", or "nothing: not XML, not base64 …".
    pub fn trail(&self) -> String {
        let fired = |name: &str| self.findings.iter().any(|f| f.name() == name);
        let end = match self.kind {
            Kind::Certificate | Kind::PublicKey | Kind::PrivateKey => "DER".to_owned(),
            _ if self.document.is_some() => "XML".to_owned(),
            _ if fired("xml-malformed") => "XML (not well-formed)".to_owned(),
            _ if fired("xml-limit-exceeded") => "XML (over a size limit)".to_owned(),
            _ if fired("input-empty") => "nothing (no text)".to_owned(),
            _ if fired("input-limit-exceeded") => "stopped at a size limit".to_owned(),
            _ if !self.not_decoded_as.is_empty() => {
                let not: Vec<String> = self
                    .not_decoded_as
                    .iter()
                    .map(|what| format!("not {what}"))
                    .collect();
                format!("nothing: {}", not.join(", "))
            }
            _ if fired("input-undecodable") => "nothing readable".to_owned(),
            _ => "nothing".to_owned(),
        };
        self.layers
            .iter()
            .map(|layer| layer.label().to_owned())
            .chain(std::iter::once(end))
            .collect::<Vec<_>>()
            .join(" → ")
    }

    /// [`Report::not_checked`] grouped by reason, in order: `(why, [what, …])`.
    pub fn not_checked_by_reason(&self) -> Vec<(&str, Vec<&str>)> {
        let mut out: Vec<(&str, Vec<&str>)> = Vec::new();
        for n in &self.not_checked {
            match out.iter_mut().find(|(why, _)| *why == n.why) {
                Some((_, what)) => what.push(&n.what),
                None => out.push((&n.why, vec![&n.what])),
            }
        }
        out
    }

    /// "deflate+base64 AuthnRequest from a Redirect URL": what was detected, in one phrase.
    pub fn detected(&self) -> String {
        let mut encodings: Vec<&str> = self
            .layers
            .iter()
            .filter_map(|layer| match layer {
                Layer::Deflate => Some("deflate"),
                Layer::Base64 | Layer::Base64Url => Some("base64"),
                Layer::Pem => Some("PEM"),
                Layer::Utf16 => Some("UTF-16"),
                _ => None,
            })
            .collect();
        encodings.dedup();
        encodings.reverse();
        let mut phrase = String::new();
        if !encodings.is_empty() {
            phrase.push_str(&encodings.join("+"));
            phrase.push(' ');
        }
        phrase.push_str(self.kind.label());
        if let Some(binding) = &self.binding {
            phrase.push_str(match binding.source {
                crate::decode::BindingSource::Url => " from a Redirect URL",
                crate::decode::BindingSource::QueryString => " from a query string",
                crate::decode::BindingSource::FormBody => " from a POST form body",
            });
        }
        phrase
    }

    /// Number of findings of `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }

    /// Whether node `node` of the document lies in a region covered by a signature that holds
    /// (verdict valid, valid-untrusted or untrusted): "was the value I read signed?".
    pub fn is_covered(&self, node: crate::xml::NodeId) -> bool {
        self.document
            .as_ref()
            .is_some_and(|doc| self.signatures.iter().any(|s| s.covers(doc, node)))
    }

    /// Whether any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.count(Severity::Error) > 0
    }
}
