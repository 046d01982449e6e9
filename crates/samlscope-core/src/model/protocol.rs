//! SAML protocol messages and assertions (SAML 2.0 Core §2, §3).

use super::{
    Text, Time, attr, bool_attr, child_lenient, child_text, children_lenient, content, time_attr,
};
use crate::span::Span;
use crate::xml::{ElementRef, NodeId, ns};

/// What every protocol message carries (SAML Core §3.2.1 RequestAbstractType / §3.2.2 StatusResponseType).
#[derive(Clone, Debug)]
pub struct Header {
    /// The message element.
    pub element: NodeId,
    /// The whole element.
    pub span: Span,
    /// Its start tag.
    pub start_tag: Span,
    /// Qualified name as written.
    pub name: String,
    /// `ID`.
    pub id: Option<Text>,
    /// `Version`.
    pub version: Option<Text>,
    /// `IssueInstant`.
    pub issue_instant: Option<Time>,
    /// `Destination`.
    pub destination: Option<Text>,
    /// `InResponseTo` (responses).
    pub in_response_to: Option<Text>,
    /// `Issuer` children (more than one is an error).
    pub issuers: Vec<Text>,
    /// Direct `ds:Signature` children.
    pub signatures: Vec<NodeId>,
}

impl Header {
    fn read(e: &ElementRef<'_>) -> Self {
        Self {
            element: e.id(),
            span: e.span(),
            start_tag: e.start_tag(),
            name: e.qname().to_owned(),
            id: attr(e, "ID"),
            version: attr(e, "Version"),
            issue_instant: time_attr(e, "IssueInstant"),
            destination: attr(e, "Destination"),
            in_response_to: attr(e, "InResponseTo"),
            issuers: children_lenient(e, ns::SAML, "Issuer")
                .map(|i| content(&i))
                .collect(),
            signatures: e
                .children_named(ns::DS, "Signature")
                .map(|s| s.id())
                .collect(),
        }
    }

    /// The first Issuer.
    pub fn issuer(&self) -> Option<&Text> {
        self.issuers.first()
    }
}

/// `samlp:Status`.
#[derive(Clone, Debug)]
pub struct Status {
    /// The Status element.
    pub element: NodeId,
    /// The top-level StatusCode Value.
    pub code: Option<Text>,
    /// Nested StatusCode Values, outermost first.
    pub nested: Vec<Text>,
    /// StatusMessage.
    pub message: Option<Text>,
    /// StatusDetail element.
    pub detail: Option<NodeId>,
}

impl Status {
    fn read(e: &ElementRef<'_>) -> Self {
        let mut code = None;
        let mut nested = Vec::new();
        let mut at = child_lenient(e, ns::SAMLP, "StatusCode");
        while let Some(c) = at {
            let value = attr(&c, "Value").unwrap_or_else(|| Text {
                value: String::new(),
                span: c.start_tag(),
                node: c.id(),
            });
            if code.is_none() {
                code = Some(value);
            } else {
                nested.push(value);
            }
            at = child_lenient(&c, ns::SAMLP, "StatusCode");
        }
        Self {
            element: e.id(),
            code,
            nested,
            message: child_lenient(e, ns::SAMLP, "StatusMessage").map(|m| content(&m)),
            detail: child_lenient(e, ns::SAMLP, "StatusDetail").map(|d| d.id()),
        }
    }

    /// Whether the top-level code is Success.
    pub fn is_success(&self) -> bool {
        self.code
            .as_ref()
            .is_some_and(|c| c.trimmed() == "urn:oasis:names:tc:SAML:2.0:status:Success")
    }
}

/// `samlp:Response`.
#[derive(Clone, Debug)]
pub struct Response {
    /// ID, Issuer, Destination …
    pub header: Header,
    /// Status.
    pub status: Option<Status>,
    /// Assertions that are direct children of the Response.
    pub assertions: Vec<Assertion>,
    /// EncryptedAssertions that are direct children of the Response.
    pub encrypted_assertions: Vec<EncryptedAssertion>,
}

impl Response {
    pub(super) fn read(e: ElementRef<'_>) -> Self {
        Self {
            header: Header::read(&e),
            status: child_lenient(&e, ns::SAMLP, "Status").map(|s| Status::read(&s)),
            assertions: children_lenient(&e, ns::SAML, "Assertion")
                .map(|a| Assertion::read(&a))
                .collect(),
            encrypted_assertions: children_lenient(&e, ns::SAML, "EncryptedAssertion")
                .map(|a| EncryptedAssertion::read(&a))
                .collect(),
        }
    }
}

/// A `samlp:LogoutResponse` or other bare StatusResponseType.
#[derive(Clone, Debug)]
pub struct StatusResponse {
    /// ID, Issuer, Destination …
    pub header: Header,
    /// Status.
    pub status: Option<Status>,
}

impl StatusResponse {
    pub(super) fn read(e: ElementRef<'_>) -> Self {
        Self {
            header: Header::read(&e),
            status: child_lenient(&e, ns::SAMLP, "Status").map(|s| Status::read(&s)),
        }
    }
}

/// `samlp:ArtifactResponse`: a status response carrying another message.
#[derive(Clone, Debug)]
pub struct ArtifactResponse {
    /// The ArtifactResponse itself.
    pub response: StatusResponse,
    /// The message it carries (usually a Response).
    pub inner: Option<Box<super::Message>>,
}

/// `samlp:ArtifactResolve`.
#[derive(Clone, Debug)]
pub struct ArtifactResolve {
    /// ID, Issuer …
    pub header: Header,
    /// `Artifact`.
    pub artifact: Option<Text>,
}

impl ArtifactResolve {
    pub(super) fn read(e: ElementRef<'_>) -> Self {
        Self {
            header: Header::read(&e),
            artifact: child_text(&e, ns::SAMLP, "Artifact"),
        }
    }
}

/// `saml:Assertion` (SAML Core §2.3.3).
#[derive(Clone, Debug)]
pub struct Assertion {
    /// The Assertion element.
    pub element: NodeId,
    /// The whole element.
    pub span: Span,
    /// Its start tag.
    pub start_tag: Span,
    /// `ID`.
    pub id: Option<Text>,
    /// `Version`.
    pub version: Option<Text>,
    /// `IssueInstant`.
    pub issue_instant: Option<Time>,
    /// Issuer children (exactly one is required).
    pub issuers: Vec<Text>,
    /// Direct `ds:Signature` children.
    pub signatures: Vec<NodeId>,
    /// Subject.
    pub subject: Option<Subject>,
    /// Conditions elements (at most one is allowed).
    pub conditions: Vec<Conditions>,
    /// AuthnStatements.
    pub authn_statements: Vec<AuthnStatement>,
    /// Attributes of all AttributeStatements, in order.
    pub attributes: Vec<Attribute>,
    /// EncryptedAttributes (opaque).
    pub encrypted_attributes: Vec<NodeId>,
}

impl Assertion {
    pub(crate) fn read(e: &ElementRef<'_>) -> Self {
        let mut attributes = Vec::new();
        let mut encrypted_attributes = Vec::new();
        for statement in children_lenient(e, ns::SAML, "AttributeStatement") {
            for a in children_lenient(&statement, ns::SAML, "Attribute") {
                attributes.push(Attribute::read(&a));
            }
            for a in children_lenient(&statement, ns::SAML, "EncryptedAttribute") {
                encrypted_attributes.push(a.id());
            }
        }
        Self {
            element: e.id(),
            span: e.span(),
            start_tag: e.start_tag(),
            id: attr(e, "ID"),
            version: attr(e, "Version"),
            issue_instant: time_attr(e, "IssueInstant"),
            issuers: children_lenient(e, ns::SAML, "Issuer")
                .map(|i| content(&i))
                .collect(),
            signatures: e
                .children_named(ns::DS, "Signature")
                .map(|s| s.id())
                .collect(),
            subject: child_lenient(e, ns::SAML, "Subject").map(|s| Subject::read(&s)),
            conditions: children_lenient(e, ns::SAML, "Conditions")
                .map(|c| Conditions::read(&c))
                .collect(),
            authn_statements: children_lenient(e, ns::SAML, "AuthnStatement")
                .map(|s| AuthnStatement::read(&s))
                .collect(),
            attributes,
            encrypted_attributes,
        }
    }

    /// The first Issuer.
    pub fn issuer(&self) -> Option<&Text> {
        self.issuers.first()
    }

    /// The audiences of all AudienceRestrictions of all Conditions.
    pub fn audiences(&self) -> impl Iterator<Item = &Text> {
        self.conditions
            .iter()
            .flat_map(|c| c.audience_restrictions.iter().flatten())
    }
}

/// `saml:EncryptedAssertion`: present, but opaque until decrypted.
#[derive(Clone, Debug)]
pub struct EncryptedAssertion {
    /// The element.
    pub element: NodeId,
    /// The whole element.
    pub span: Span,
    /// Content encryption algorithm URI (`EncryptedData/EncryptionMethod/@Algorithm`).
    pub data_algorithm: Option<Text>,
    /// Key transport algorithm URI (`EncryptedKey/EncryptionMethod/@Algorithm`), wherever it is.
    pub key_algorithm: Option<Text>,
}

impl EncryptedAssertion {
    fn read(e: &ElementRef<'_>) -> Self {
        let data = e.child(ns::XENC, "EncryptedData");
        let data_algorithm = data
            .and_then(|d| d.child(ns::XENC, "EncryptionMethod"))
            .and_then(|m| attr(&m, "Algorithm"));
        let key_algorithm = e
            .document()
            .descendant_elements(e.id())
            .find(|k| k.is(ns::XENC, "EncryptedKey"))
            .and_then(|k| k.child(ns::XENC, "EncryptionMethod"))
            .and_then(|m| attr(&m, "Algorithm"));
        Self {
            element: e.id(),
            span: e.span(),
            data_algorithm,
            key_algorithm,
        }
    }
}

/// `saml:NameID`.
#[derive(Clone, Debug)]
pub struct NameId {
    /// The element.
    pub element: NodeId,
    /// Its text.
    pub value: Text,
    /// `Format`.
    pub format: Option<Text>,
    /// `NameQualifier`.
    pub name_qualifier: Option<Text>,
    /// `SPNameQualifier`.
    pub sp_name_qualifier: Option<Text>,
}

impl NameId {
    pub(crate) fn read(e: &ElementRef<'_>) -> Self {
        Self {
            element: e.id(),
            value: content(e),
            format: attr(e, "Format"),
            name_qualifier: attr(e, "NameQualifier"),
            sp_name_qualifier: attr(e, "SPNameQualifier"),
        }
    }
}

/// `saml:Subject`.
#[derive(Clone, Debug)]
pub struct Subject {
    /// The element.
    pub element: NodeId,
    /// NameID.
    pub name_id: Option<NameId>,
    /// EncryptedID (opaque).
    pub encrypted_id: Option<NodeId>,
    /// SubjectConfirmations.
    pub confirmations: Vec<SubjectConfirmation>,
}

impl Subject {
    fn read(e: &ElementRef<'_>) -> Self {
        Self {
            element: e.id(),
            name_id: child_lenient(e, ns::SAML, "NameID").map(|n| NameId::read(&n)),
            encrypted_id: child_lenient(e, ns::SAML, "EncryptedID").map(|n| n.id()),
            confirmations: children_lenient(e, ns::SAML, "SubjectConfirmation")
                .map(|c| SubjectConfirmation::read(&c))
                .collect(),
        }
    }
}

/// `saml:SubjectConfirmation`.
#[derive(Clone, Debug)]
pub struct SubjectConfirmation {
    /// The element.
    pub element: NodeId,
    /// `Method` (bearer: `urn:oasis:names:tc:SAML:2.0:cm:bearer`).
    pub method: Option<Text>,
    /// SubjectConfirmationData.
    pub data: Option<SubjectConfirmationData>,
}

impl SubjectConfirmation {
    fn read(e: &ElementRef<'_>) -> Self {
        Self {
            element: e.id(),
            method: attr(e, "Method"),
            data: child_lenient(e, ns::SAML, "SubjectConfirmationData").map(|d| {
                SubjectConfirmationData {
                    element: d.id(),
                    not_before: time_attr(&d, "NotBefore"),
                    not_on_or_after: time_attr(&d, "NotOnOrAfter"),
                    recipient: attr(&d, "Recipient"),
                    in_response_to: attr(&d, "InResponseTo"),
                    address: attr(&d, "Address"),
                }
            }),
        }
    }

    /// Whether the method is bearer.
    pub fn is_bearer(&self) -> bool {
        self.method
            .as_ref()
            .is_some_and(|m| m.trimmed() == "urn:oasis:names:tc:SAML:2.0:cm:bearer")
    }
}

/// `saml:SubjectConfirmationData`.
#[derive(Clone, Debug)]
pub struct SubjectConfirmationData {
    /// The element.
    pub element: NodeId,
    /// `NotBefore`.
    pub not_before: Option<Time>,
    /// `NotOnOrAfter`.
    pub not_on_or_after: Option<Time>,
    /// `Recipient`.
    pub recipient: Option<Text>,
    /// `InResponseTo`.
    pub in_response_to: Option<Text>,
    /// `Address`.
    pub address: Option<Text>,
}

/// `saml:Conditions`.
#[derive(Clone, Debug)]
pub struct Conditions {
    /// The element.
    pub element: NodeId,
    /// `NotBefore`.
    pub not_before: Option<Time>,
    /// `NotOnOrAfter`.
    pub not_on_or_after: Option<Time>,
    /// Each AudienceRestriction's Audiences.
    pub audience_restrictions: Vec<Vec<Text>>,
    /// Whether OneTimeUse is present.
    pub one_time_use: bool,
}

impl Conditions {
    fn read(e: &ElementRef<'_>) -> Self {
        Self {
            element: e.id(),
            not_before: time_attr(e, "NotBefore"),
            not_on_or_after: time_attr(e, "NotOnOrAfter"),
            audience_restrictions: children_lenient(e, ns::SAML, "AudienceRestriction")
                .map(|r| {
                    children_lenient(&r, ns::SAML, "Audience")
                        .map(|a| content(&a))
                        .collect()
                })
                .collect(),
            one_time_use: child_lenient(e, ns::SAML, "OneTimeUse").is_some(),
        }
    }
}

/// `saml:AuthnStatement`.
#[derive(Clone, Debug)]
pub struct AuthnStatement {
    /// The element.
    pub element: NodeId,
    /// `AuthnInstant`.
    pub authn_instant: Option<Time>,
    /// `SessionIndex`.
    pub session_index: Option<Text>,
    /// `SessionNotOnOrAfter`.
    pub session_not_on_or_after: Option<Time>,
    /// `AuthnContext/AuthnContextClassRef`.
    pub class_ref: Option<Text>,
}

impl AuthnStatement {
    fn read(e: &ElementRef<'_>) -> Self {
        Self {
            element: e.id(),
            authn_instant: time_attr(e, "AuthnInstant"),
            session_index: attr(e, "SessionIndex"),
            session_not_on_or_after: time_attr(e, "SessionNotOnOrAfter"),
            class_ref: child_lenient(e, ns::SAML, "AuthnContext")
                .and_then(|c| child_text(&c, ns::SAML, "AuthnContextClassRef")),
        }
    }
}

/// `saml:Attribute`.
#[derive(Clone, Debug)]
pub struct Attribute {
    /// The element.
    pub element: NodeId,
    /// The whole element.
    pub span: Span,
    /// `Name`.
    pub name: Option<Text>,
    /// `NameFormat`.
    pub name_format: Option<Text>,
    /// `FriendlyName`.
    pub friendly_name: Option<Text>,
    /// AttributeValues.
    pub values: Vec<Text>,
}

impl Attribute {
    pub(crate) fn read(e: &ElementRef<'_>) -> Self {
        Self {
            element: e.id(),
            span: e.span(),
            name: attr(e, "Name"),
            name_format: attr(e, "NameFormat"),
            friendly_name: attr(e, "FriendlyName"),
            values: children_lenient(e, ns::SAML, "AttributeValue")
                .map(|v| content(&v))
                .collect(),
        }
    }
}

/// `samlp:NameIDPolicy`.
#[derive(Clone, Debug)]
pub struct NameIdPolicy {
    /// The element.
    pub element: NodeId,
    /// `Format`.
    pub format: Option<Text>,
    /// `AllowCreate`.
    pub allow_create: Option<bool>,
    /// `SPNameQualifier`.
    pub sp_name_qualifier: Option<Text>,
}

/// `samlp:RequestedAuthnContext`.
#[derive(Clone, Debug)]
pub struct RequestedAuthnContext {
    /// The element.
    pub element: NodeId,
    /// `Comparison` (default `exact`).
    pub comparison: Option<Text>,
    /// AuthnContextClassRefs.
    pub class_refs: Vec<Text>,
}

/// `samlp:AuthnRequest` (SAML Core §3.4.1).
#[derive(Clone, Debug)]
pub struct AuthnRequest {
    /// ID, Issuer, Destination …
    pub header: Header,
    /// `AssertionConsumerServiceURL`.
    pub acs_url: Option<Text>,
    /// `AssertionConsumerServiceIndex`.
    pub acs_index: Option<Text>,
    /// `ProtocolBinding`.
    pub protocol_binding: Option<Text>,
    /// `ForceAuthn`.
    pub force_authn: Option<bool>,
    /// `IsPassive`.
    pub is_passive: Option<bool>,
    /// `ProviderName`.
    pub provider_name: Option<Text>,
    /// NameIDPolicy.
    pub name_id_policy: Option<NameIdPolicy>,
    /// RequestedAuthnContext.
    pub requested_authn_context: Option<RequestedAuthnContext>,
    /// Subject element (Entra rejects it).
    pub subject: Option<NodeId>,
    /// Scoping element (Entra rejects it).
    pub scoping: Option<NodeId>,
}

impl AuthnRequest {
    pub(super) fn read(e: ElementRef<'_>) -> Self {
        Self {
            header: Header::read(&e),
            acs_url: attr(&e, "AssertionConsumerServiceURL"),
            acs_index: attr(&e, "AssertionConsumerServiceIndex"),
            protocol_binding: attr(&e, "ProtocolBinding"),
            force_authn: bool_attr(&e, "ForceAuthn"),
            is_passive: bool_attr(&e, "IsPassive"),
            provider_name: attr(&e, "ProviderName"),
            name_id_policy: child_lenient(&e, ns::SAMLP, "NameIDPolicy").map(|p| NameIdPolicy {
                element: p.id(),
                format: attr(&p, "Format"),
                allow_create: bool_attr(&p, "AllowCreate"),
                sp_name_qualifier: attr(&p, "SPNameQualifier"),
            }),
            requested_authn_context: child_lenient(&e, ns::SAMLP, "RequestedAuthnContext").map(
                |r| RequestedAuthnContext {
                    element: r.id(),
                    comparison: attr(&r, "Comparison"),
                    class_refs: children_lenient(&r, ns::SAML, "AuthnContextClassRef")
                        .map(|c| content(&c))
                        .collect(),
                },
            ),
            subject: child_lenient(&e, ns::SAML, "Subject").map(|s| s.id()),
            scoping: child_lenient(&e, ns::SAMLP, "Scoping").map(|s| s.id()),
        }
    }
}

/// `samlp:LogoutRequest` (SAML Core §3.7.1).
#[derive(Clone, Debug)]
pub struct LogoutRequest {
    /// ID, Issuer, Destination …
    pub header: Header,
    /// NameID.
    pub name_id: Option<NameId>,
    /// SessionIndex elements.
    pub session_indexes: Vec<Text>,
    /// `Reason`.
    pub reason: Option<Text>,
    /// `NotOnOrAfter`.
    pub not_on_or_after: Option<Time>,
    /// An `EncryptedID` in place of the NameID.
    pub encrypted_id: Option<NodeId>,
}

impl LogoutRequest {
    pub(super) fn read(e: ElementRef<'_>) -> Self {
        Self {
            header: Header::read(&e),
            name_id: child_lenient(&e, ns::SAML, "NameID").map(|n| NameId::read(&n)),
            session_indexes: children_lenient(&e, ns::SAMLP, "SessionIndex")
                .map(|s| content(&s))
                .collect(),
            reason: attr(&e, "Reason"),
            not_on_or_after: time_attr(&e, "NotOnOrAfter"),
            encrypted_id: child_lenient(&e, ns::SAML, "EncryptedID").map(|n| n.id()),
        }
    }
}
