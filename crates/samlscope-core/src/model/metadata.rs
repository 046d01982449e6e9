//! SAML metadata (SAML 2.0 Metadata §2), including Entra's WS-Federation RoleDescriptors.

use super::{Text, Time, attr, bool_attr, content, is_lenient, time_attr};
use crate::cert::{CertError, CertificateInfo, parse_certificate_text};
use crate::span::Span;
use crate::xml::{ElementRef, NodeId, ns};

/// `md:EntitiesDescriptor`: a group of entities (possibly nested groups).
#[derive(Clone, Debug)]
pub struct EntitiesDescriptor {
    /// The element.
    pub element: NodeId,
    /// `Name`.
    pub name: Option<Text>,
    /// `ID`.
    pub id: Option<Text>,
    /// `validUntil`.
    pub valid_until: Option<Time>,
    /// Direct `ds:Signature` children.
    pub signatures: Vec<NodeId>,
    /// Every EntityDescriptor, nested groups flattened, in document order.
    pub entities: Vec<EntityDescriptor>,
    /// Number of nested EntitiesDescriptors.
    pub nested_groups: usize,
}

impl EntitiesDescriptor {
    pub(super) fn read(e: ElementRef<'_>) -> Self {
        let mut entities = Vec::new();
        let mut nested_groups = 0;
        collect(&e, &mut entities, &mut nested_groups);
        Self {
            element: e.id(),
            name: attr(&e, "Name"),
            id: attr(&e, "ID"),
            valid_until: time_attr(&e, "validUntil"),
            signatures: e
                .children_named(ns::DS, "Signature")
                .map(|s| s.id())
                .collect(),
            entities,
            nested_groups,
        }
    }
}

fn collect(group: &ElementRef<'_>, entities: &mut Vec<EntityDescriptor>, nested: &mut usize) {
    for child in group.child_elements() {
        if is_lenient(&child, ns::MD, "EntityDescriptor") {
            entities.push(EntityDescriptor::read(child));
        } else if is_lenient(&child, ns::MD, "EntitiesDescriptor") {
            *nested += 1;
            collect(&child, entities, nested);
        }
    }
}

/// `md:EntityDescriptor`.
#[derive(Clone, Debug)]
pub struct EntityDescriptor {
    /// The element.
    pub element: NodeId,
    /// The whole element.
    pub span: Span,
    /// `entityID`.
    pub entity_id: Option<Text>,
    /// `ID`.
    pub id: Option<Text>,
    /// `validUntil`.
    pub valid_until: Option<Time>,
    /// `cacheDuration`.
    pub cache_duration: Option<Text>,
    /// Direct `ds:Signature` children.
    pub signatures: Vec<NodeId>,
    /// Roles, in document order.
    pub roles: Vec<Role>,
}

impl EntityDescriptor {
    pub(super) fn read(e: ElementRef<'_>) -> Self {
        Self {
            element: e.id(),
            span: e.span(),
            entity_id: attr(&e, "entityID"),
            id: attr(&e, "ID"),
            valid_until: time_attr(&e, "validUntil"),
            cache_duration: attr(&e, "cacheDuration"),
            signatures: e
                .children_named(ns::DS, "Signature")
                .map(|s| s.id())
                .collect(),
            roles: e.child_elements().filter_map(|c| Role::read(&c)).collect(),
        }
    }

    /// The IdP role, when there is one.
    pub fn idp(&self) -> Option<&Role> {
        self.roles.iter().find(|r| r.kind == RoleKind::IdpSso)
    }

    /// The SP role, when there is one.
    pub fn sp(&self) -> Option<&Role> {
        self.roles.iter().find(|r| r.kind == RoleKind::SpSso)
    }
}

/// The kind of a role descriptor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RoleKind {
    /// `md:AttributeAuthorityDescriptor`.
    AttributeAuthority,
    /// `md:AuthnAuthorityDescriptor`.
    AuthnAuthority,
    /// `md:IDPSSODescriptor`.
    IdpSso,
    /// `md:PDPDescriptor`.
    Pdp,
    /// `md:RoleDescriptor` with an `xsi:type` (Entra: `fed:SecurityTokenServiceType`,
    /// `fed:ApplicationServiceType`), as written.
    RoleDescriptor(String),
    /// `md:SPSSODescriptor`.
    SpSso,
}

impl RoleKind {
    /// How the role is named in the UI.
    pub fn label(&self) -> &str {
        match self {
            Self::AttributeAuthority => "AttributeAuthorityDescriptor",
            Self::AuthnAuthority => "AuthnAuthorityDescriptor",
            Self::IdpSso => "IDPSSODescriptor",
            Self::Pdp => "PDPDescriptor",
            Self::RoleDescriptor(t) if t.is_empty() => "RoleDescriptor",
            Self::RoleDescriptor(t) => t,
            Self::SpSso => "SPSSODescriptor",
        }
    }
}

/// A role descriptor with its keys, endpoints and NameID formats.
#[derive(Clone, Debug)]
pub struct Role {
    /// The element.
    pub element: NodeId,
    /// The whole element.
    pub span: Span,
    /// Which role.
    pub kind: RoleKind,
    /// `protocolSupportEnumeration`.
    pub protocol_support: Option<Text>,
    /// `WantAuthnRequestsSigned` (IdP).
    pub want_authn_requests_signed: Option<bool>,
    /// `AuthnRequestsSigned` (SP).
    pub authn_requests_signed: Option<bool>,
    /// `WantAssertionsSigned` (SP).
    pub want_assertions_signed: Option<bool>,
    /// KeyDescriptors.
    pub keys: Vec<KeyDescriptor>,
    /// Endpoints (SingleSignOnService, AssertionConsumerService, SingleLogoutService …).
    pub endpoints: Vec<Endpoint>,
    /// NameIDFormats.
    pub name_id_formats: Vec<Text>,
}

impl Role {
    fn read(e: &ElementRef<'_>) -> Option<Self> {
        if e.namespace() != Some(ns::MD) && e.namespace().is_some() {
            return None;
        }
        let kind = match e.local_name() {
            "IDPSSODescriptor" => RoleKind::IdpSso,
            "SPSSODescriptor" => RoleKind::SpSso,
            "AttributeAuthorityDescriptor" => RoleKind::AttributeAuthority,
            "AuthnAuthorityDescriptor" => RoleKind::AuthnAuthority,
            "PDPDescriptor" => RoleKind::Pdp,
            "RoleDescriptor" => RoleKind::RoleDescriptor(
                e.attribute_ns(ns::XSI, "type")
                    .map(|t| t.value().trim().to_owned())
                    .unwrap_or_default(),
            ),
            _ => return None,
        };
        let mut keys = Vec::new();
        let mut endpoints = Vec::new();
        let mut name_id_formats = Vec::new();
        for c in e.child_elements() {
            if is_lenient(&c, ns::MD, "KeyDescriptor") {
                keys.push(KeyDescriptor::read(&c));
            } else if is_lenient(&c, ns::MD, "NameIDFormat") {
                name_id_formats.push(content(&c));
            } else if c.attribute("Location").is_some() && c.attribute("Binding").is_some() {
                endpoints.push(Endpoint::read(&c));
            }
        }
        Some(Self {
            element: e.id(),
            span: e.span(),
            kind,
            protocol_support: attr(e, "protocolSupportEnumeration"),
            want_authn_requests_signed: bool_attr(e, "WantAuthnRequestsSigned"),
            authn_requests_signed: bool_attr(e, "AuthnRequestsSigned"),
            want_assertions_signed: bool_attr(e, "WantAssertionsSigned"),
            keys,
            endpoints,
            name_id_formats,
        })
    }

    /// Keys usable for signing: `use="signing"` or no `use`.
    pub fn signing_keys(&self) -> impl Iterator<Item = &KeyDescriptor> {
        self.keys
            .iter()
            .filter(|k| k.usage.as_ref().is_none_or(|u| u.trimmed() == "signing"))
    }

    /// Endpoints of one kind (`SingleSignOnService`, `AssertionConsumerService` …).
    pub fn endpoints_named<'a>(&'a self, local: &'a str) -> impl Iterator<Item = &'a Endpoint> {
        self.endpoints.iter().filter(move |e| e.kind == local)
    }
}

/// An endpoint element (`Binding`, `Location`, optional `index` and `isDefault`).
#[derive(Clone, Debug)]
pub struct Endpoint {
    /// The element.
    pub element: NodeId,
    /// Local name of the element (`AssertionConsumerService` …).
    pub kind: String,
    /// `Binding`.
    pub binding: Option<Text>,
    /// `Location`.
    pub location: Option<Text>,
    /// `ResponseLocation`.
    pub response_location: Option<Text>,
    /// `index`.
    pub index: Option<Text>,
    /// `isDefault`.
    pub is_default: Option<bool>,
}

impl Endpoint {
    fn read(e: &ElementRef<'_>) -> Self {
        Self {
            element: e.id(),
            kind: e.local_name().to_owned(),
            binding: attr(e, "Binding"),
            location: attr(e, "Location"),
            response_location: attr(e, "ResponseLocation"),
            index: attr(e, "index"),
            is_default: bool_attr(e, "isDefault"),
        }
    }

    /// The binding's short name (`HTTP-POST`, `HTTP-Redirect` …).
    pub fn binding_short(&self) -> &str {
        self.binding
            .as_ref()
            .map_or("", |b| b.value.rsplit(':').next().unwrap_or(&b.value))
    }
}

/// `md:KeyDescriptor`.
#[derive(Clone, Debug)]
pub struct KeyDescriptor {
    /// The element.
    pub element: NodeId,
    /// `use` (`signing`, `encryption`, or absent: both).
    pub usage: Option<Text>,
    /// `ds:X509Certificate` values inside.
    pub certificates: Vec<EmbeddedCertificate>,
}

impl KeyDescriptor {
    fn read(e: &ElementRef<'_>) -> Self {
        Self {
            element: e.id(),
            usage: attr(e, "use"),
            certificates: e
                .document()
                .descendant_elements(e.id())
                .filter(|c| c.is(ns::DS, "X509Certificate"))
                .map(|c| EmbeddedCertificate { text: content(&c) })
                .collect(),
        }
    }
}

/// The text of a `ds:X509Certificate`, parsed on demand.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EmbeddedCertificate {
    /// The base64 text as written.
    pub text: Text,
}

impl EmbeddedCertificate {
    /// Parses the certificate.
    pub fn parse(&self) -> Result<CertificateInfo, CertError> {
        parse_certificate_text(&self.text.value)
    }
}
