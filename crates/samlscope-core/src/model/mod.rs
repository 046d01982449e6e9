//! Typed, span-carrying views of SAML messages and metadata over the one XML tree.
//!
//! The model never re-parses: it walks the [`Document`](crate::xml::Document) and records,
//! for every value it reads, the text, its span and the node it came from (so rules can ask
//! whether a signature covered it).

mod metadata;
mod protocol;

pub use metadata::{
    EmbeddedCertificate, Endpoint, EntitiesDescriptor, EntityDescriptor, KeyDescriptor, Role,
    RoleKind,
};
pub use protocol::{
    ArtifactResolve, ArtifactResponse, Assertion, Attribute, AuthnRequest, AuthnStatement,
    Conditions, EncryptedAssertion, Header, LogoutRequest, NameId, NameIdPolicy,
    RequestedAuthnContext, Response, Status, StatusResponse, Subject, SubjectConfirmation,
    SubjectConfirmationData,
};

use serde::Serialize;

use crate::span::Span;
use crate::time::Timestamp;
use crate::xml::{AttrRef, Document, ElementRef, NodeId, ns};

/// A string value read from the tree: an attribute value or an element's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Text {
    /// The value (references resolved; element text concatenated).
    pub value: String,
    /// Where it is: the attribute value, or the element's content.
    pub span: Span,
    /// The node it came from (the element, for attributes and text alike).
    pub node: NodeId,
}

impl Text {
    fn from_attr(element: &ElementRef<'_>, attr: AttrRef<'_>) -> Self {
        Self {
            value: attr.value().to_owned(),
            span: attr.value_span(),
            node: element.id(),
        }
    }

    fn from_content(element: &ElementRef<'_>) -> Self {
        Self {
            value: element.text_content(),
            span: element.content_span(),
            node: element.id(),
        }
    }

    /// The trimmed value and its span, as a finding's evidence records what it found.
    pub fn found(&self) -> (&str, Option<Span>) {
        (self.trimmed(), Some(self.span))
    }

    /// The value trimmed of surrounding whitespace.
    pub fn trimmed(&self) -> &str {
        self.value.trim()
    }
}

/// A time value (`xs:dateTime`) read from the tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Time {
    /// As written.
    pub text: Text,
    /// Parsed, when valid.
    pub at: Option<Timestamp>,
}

/// What the input turned out to be (the vocabulary of the CLI's JSON `kind`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Kind {
    /// `samlp:ArtifactResolve`.
    ArtifactResolve,
    /// `samlp:ArtifactResponse`.
    ArtifactResponse,
    /// `samlp:AuthnRequest`.
    AuthnRequest,
    /// An X.509 certificate.
    Certificate,
    /// `md:EntitiesDescriptor`.
    EntitiesDescriptor,
    /// `md:EntityDescriptor`.
    EntityDescriptor,
    /// `samlp:LogoutRequest`.
    LogoutRequest,
    /// `samlp:LogoutResponse`.
    LogoutResponse,
    /// A private key.
    PrivateKey,
    /// A public key.
    PublicKey,
    /// `samlp:Response`.
    Response,
    /// Anything else (or nothing decodable).
    #[default]
    Unknown,
}

impl Kind {
    /// The kebab-case identifier used in JSON.
    pub const fn id(self) -> &'static str {
        match self {
            Self::ArtifactResolve => "artifact-resolve",
            Self::ArtifactResponse => "artifact-response",
            Self::AuthnRequest => "authn-request",
            Self::Certificate => "certificate",
            Self::EntitiesDescriptor => "entities-descriptor",
            Self::EntityDescriptor => "entity-descriptor",
            Self::LogoutRequest => "logout-request",
            Self::LogoutResponse => "logout-response",
            Self::PrivateKey => "private-key",
            Self::PublicKey => "public-key",
            Self::Response => "response",
            Self::Unknown => "unknown",
        }
    }

    /// A human name: "SAML Response", "AuthnRequest", "metadata (EntityDescriptor)".
    pub const fn label(self) -> &'static str {
        match self {
            Self::ArtifactResolve => "ArtifactResolve",
            Self::ArtifactResponse => "ArtifactResponse",
            Self::AuthnRequest => "AuthnRequest",
            Self::Certificate => "X.509 certificate",
            Self::EntitiesDescriptor => "metadata (EntitiesDescriptor)",
            Self::EntityDescriptor => "metadata (EntityDescriptor)",
            Self::LogoutRequest => "LogoutRequest",
            Self::LogoutResponse => "LogoutResponse",
            Self::PrivateKey => "private key",
            Self::PublicKey => "public key",
            Self::Response => "SAML Response",
            Self::Unknown => "unknown input",
        }
    }
}

/// The SAML view of a document: one variant per message kind we know.
#[derive(Clone, Debug)]
pub enum Message {
    /// `samlp:ArtifactResolve`.
    ArtifactResolve(ArtifactResolve),
    /// `samlp:ArtifactResponse` (possibly in a SOAP envelope), with the message it carries.
    ArtifactResponse(ArtifactResponse),
    /// `samlp:AuthnRequest`.
    AuthnRequest(AuthnRequest),
    /// `md:EntitiesDescriptor`.
    EntitiesDescriptor(EntitiesDescriptor),
    /// `md:EntityDescriptor`.
    EntityDescriptor(EntityDescriptor),
    /// `samlp:LogoutRequest`.
    LogoutRequest(LogoutRequest),
    /// `samlp:LogoutResponse`.
    LogoutResponse(StatusResponse),
    /// `samlp:Response`.
    Response(Response),
    /// Well-formed XML that is none of the above.
    Unknown(Unknown),
}

/// The root of a document that is not a SAML message we know.
#[derive(Clone, Debug)]
pub struct Unknown {
    /// The element looked at.
    pub element: NodeId,
    /// Its qualified name.
    pub name: String,
    /// Its namespace.
    pub namespace: Option<String>,
}

impl Message {
    /// Builds the SAML view of `doc`, from its root element (or the body of a SOAP envelope).
    pub fn read(doc: &Document) -> Self {
        let Some(root) = doc.element(doc.root()) else {
            return Self::Unknown(Unknown {
                element: doc.root(),
                name: String::new(),
                namespace: None,
            });
        };
        let root = soap_body_child(root).unwrap_or(root);
        Self::read_element(root)
    }

    fn read_element(e: ElementRef<'_>) -> Self {
        let known_ns = |want: &str| e.namespace() == Some(want) || e.namespace().is_none();
        match e.local_name() {
            "Response" if known_ns(ns::SAMLP) => Self::Response(Response::read(e)),
            "AuthnRequest" if known_ns(ns::SAMLP) => Self::AuthnRequest(AuthnRequest::read(e)),
            "LogoutRequest" if known_ns(ns::SAMLP) => Self::LogoutRequest(LogoutRequest::read(e)),
            "LogoutResponse" if known_ns(ns::SAMLP) => {
                Self::LogoutResponse(StatusResponse::read(e))
            }
            "ArtifactResolve" if known_ns(ns::SAMLP) => {
                Self::ArtifactResolve(ArtifactResolve::read(e))
            }
            "ArtifactResponse" if known_ns(ns::SAMLP) => {
                let inner = e
                    .child_elements()
                    .find(|c| {
                        !c.is(ns::SAML, "Issuer")
                            && !c.is(ns::DS, "Signature")
                            && !c.is(ns::SAMLP, "Status")
                            && !c.is(ns::SAMLP, "Extensions")
                    })
                    .map(|c| Box::new(Self::read_element(c)));
                Self::ArtifactResponse(ArtifactResponse {
                    response: StatusResponse::read(e),
                    inner,
                })
            }
            "EntityDescriptor" if known_ns(ns::MD) => {
                Self::EntityDescriptor(EntityDescriptor::read(e))
            }
            "EntitiesDescriptor" if known_ns(ns::MD) => {
                Self::EntitiesDescriptor(EntitiesDescriptor::read(e))
            }
            _ => Self::Unknown(Unknown {
                element: e.id(),
                name: e.qname().to_owned(),
                namespace: e.namespace().map(str::to_owned),
            }),
        }
    }

    /// The kind, in the CLI's vocabulary.
    pub const fn kind(&self) -> Kind {
        match self {
            Self::ArtifactResolve(_) => Kind::ArtifactResolve,
            Self::ArtifactResponse(_) => Kind::ArtifactResponse,
            Self::AuthnRequest(_) => Kind::AuthnRequest,
            Self::EntitiesDescriptor(_) => Kind::EntitiesDescriptor,
            Self::EntityDescriptor(_) => Kind::EntityDescriptor,
            Self::LogoutRequest(_) => Kind::LogoutRequest,
            Self::LogoutResponse(_) => Kind::LogoutResponse,
            Self::Response(_) => Kind::Response,
            Self::Unknown(_) => Kind::Unknown,
        }
    }

    /// The protocol-message header (ID, Version, IssueInstant, Issuer …), for protocol messages.
    pub fn header(&self) -> Option<&Header> {
        match self {
            Self::ArtifactResolve(m) => Some(&m.header),
            Self::ArtifactResponse(m) => Some(&m.response.header),
            Self::AuthnRequest(m) => Some(&m.header),
            Self::LogoutRequest(m) => Some(&m.header),
            Self::LogoutResponse(m) => Some(&m.header),
            Self::Response(m) => Some(&m.header),
            Self::EntitiesDescriptor(_) | Self::EntityDescriptor(_) | Self::Unknown(_) => None,
        }
    }

    /// The Response this message is or carries (an ArtifactResponse carries one).
    pub fn response(&self) -> Option<&Response> {
        match self {
            Self::Response(r) => Some(r),
            Self::ArtifactResponse(a) => a.inner.as_deref().and_then(Self::response),
            _ => None,
        }
    }
}

/// The first element child of `Envelope/Body` when `root` is a SOAP envelope.
fn soap_body_child(root: ElementRef<'_>) -> Option<ElementRef<'_>> {
    if root.local_name() != "Envelope" {
        return None;
    }
    let body = root.child_elements().find(|c| c.local_name() == "Body")?;
    body.child_elements().next()
}

// ---- small helpers shared by the readers ----

pub(crate) fn attr(e: &ElementRef<'_>, local: &str) -> Option<Text> {
    e.attribute(local).map(|a| Text::from_attr(e, a))
}

pub(crate) fn time_attr(e: &ElementRef<'_>, local: &str) -> Option<Time> {
    attr(e, local).map(|text| Time {
        at: Timestamp::parse(&text.value),
        text,
    })
}

pub(crate) fn content(e: &ElementRef<'_>) -> Text {
    Text::from_content(e)
}

pub(crate) fn child_text(e: &ElementRef<'_>, ns: &str, local: &str) -> Option<Text> {
    e.child(ns, local).map(|c| content(&c))
}

pub(crate) fn bool_attr(e: &ElementRef<'_>, local: &str) -> Option<bool> {
    e.attr(local).map(|v| matches!(v.trim(), "true" | "1"))
}

/// Whether `e` is `{ns}local`, also accepting an element in no namespace at all: an undeclared
/// prefix, or a message written without namespaces (both are reported by rules; reading on
/// lets the other checks still run).
pub(crate) fn is_lenient(e: &ElementRef<'_>, ns_uri: &str, local: &str) -> bool {
    e.local_name() == local && (e.namespace() == Some(ns_uri) || e.namespace().is_none())
}

pub(crate) fn children_lenient<'d>(
    e: &ElementRef<'d>,
    ns_uri: &'static str,
    local: &'static str,
) -> impl Iterator<Item = ElementRef<'d>> + 'd {
    e.child_elements()
        .filter(move |c| is_lenient(c, ns_uri, local))
}

pub(crate) fn child_lenient<'d>(
    e: &ElementRef<'d>,
    ns_uri: &'static str,
    local: &'static str,
) -> Option<ElementRef<'d>> {
    children_lenient(e, ns_uri, local).next()
}
