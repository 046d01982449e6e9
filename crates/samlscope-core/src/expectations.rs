//! What a message is checked against, resolved once from every source of the [`Context`]:
//! explicit settings (CLI flags, the page's form), SP metadata (entity ID, every ACS), IdP
//! metadata (entity ID, signing keys, SSO/SLO URLs), the AuthnRequests the SP sent, and an app
//! profile. Each expected value remembers where it came from, so a finding can say which
//! setting to change.

use crate::context::Context;
use crate::decode::{Content, decode};
use crate::dsig::trust::{choose, read_metadata};
use crate::dsig::{AnchorSource, TrustAnchors};
use crate::finding::Origin;
use crate::model::{AuthnRequest, EntityDescriptor, Message, RoleKind};
use crate::profiles::{self, Profile};
use crate::xml;

/// Where an expected value came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// Set explicitly (`--sp-entity-id`, the page's Identifier field …).
    Given,
    /// Read from the SP metadata.
    SpMetadata,
    /// Read from the IdP metadata.
    IdpMetadata,
    /// A pattern of an app profile (its `<placeholders>` stand for the customer's values).
    Profile(&'static Profile),
}

/// One expected value and its origin.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Expected {
    /// The value, or a pattern with `<placeholders>` when it comes from a profile.
    pub value: String,
    /// Where it came from.
    pub source: Source,
}

impl Expected {
    fn new(value: &str, source: Source) -> Self {
        Self {
            value: value.trim().to_owned(),
            source,
        }
    }

    /// Whether `found` is this value (or fits this pattern).
    pub fn matches(&self, found: &str) -> bool {
        match self.source {
            Source::Profile(_) => profiles::match_pattern(&self.value, found.trim()).is_some(),
            _ => found.trim() == self.value,
        }
    }

    /// Whether the URL `found` is this URL (or fits this pattern), with scheme and host
    /// compared case-insensitively as RFC 3986 says (ruby-saml and python3-saml do too);
    /// the path stays case-sensitive.
    pub fn matches_url(&self, found: &str) -> bool {
        let found = url_case(found.trim());
        match self.source {
            Source::Profile(_) => profiles::match_pattern(&self.value, &found).is_some(),
            _ => found == url_case(&self.value),
        }
    }

    /// The value and its origin, as a finding's evidence records them.
    pub fn evidence(&self) -> (String, Origin) {
        let origin = match self.source {
            Source::Given => Origin::Flag,
            Source::SpMetadata => Origin::SpMetadata,
            Source::IdpMetadata => Origin::IdpMetadata,
            Source::Profile(_) => Origin::Profile,
        };
        (self.value.clone(), origin)
    }

    /// Whether the value is a profile's pattern.
    pub fn is_pattern(&self) -> bool {
        matches!(self.source, Source::Profile(_))
    }
}

/// An AuthnRequest (or other request) the SP sent, read from the context.
#[derive(Clone, Debug)]
pub struct SentRequest {
    /// Which one ("request #1").
    pub label: String,
    /// Its ID.
    pub id: Option<String>,
    /// The AuthnRequest, when it is one.
    pub authn: Option<AuthnRequest>,
}

/// The resolved configuration a message is checked against.
#[derive(Clone, Debug, Default)]
pub struct Expectations {
    /// What the user trusts (certificates, thumbprints, metadata signing keys).
    pub anchors: TrustAnchors,
    /// The SP entity ID (Entra: Identifier).
    pub sp_entity_id: Option<Expected>,
    /// The ACS URLs (Entra: Reply URL).
    pub acs_urls: Vec<Expected>,
    /// The IdP entity ID (Entra: Microsoft Entra Identifier).
    pub idp_entity_id: Option<Expected>,
    /// The IdP's SSO URLs (Entra: Login URL), from IdP metadata.
    pub idp_sso_urls: Vec<String>,
    /// The IdP's SLO URLs (Entra: Logout URL), from IdP metadata.
    pub idp_slo_urls: Vec<String>,
    /// The requests the SP sent.
    pub requests: Vec<SentRequest>,
    /// Attributes that must be present, with who requires them.
    pub required_attributes: Vec<RequiredAttribute>,
    /// The app profile in use.
    pub profile: Option<&'static Profile>,
    /// Configuration that could not be used, one sentence each (reported as `config-unreadable`).
    pub problems: Vec<String>,
}

/// An attribute that must be present.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequiredAttribute {
    /// Its Name.
    pub name: String,
    /// Who requires it ("--require-attribute", "the app profile `pymetrics`").
    pub required_by: String,
    /// The Entra source attribute that fills it (`user.mail`), when known.
    pub source_attribute: Option<String>,
}

impl Expectations {
    /// Resolves a context without a message (metadata aggregates then need the configured
    /// entity IDs to say which entity is meant). Never fails: unusable parts are listed in
    /// `problems`.
    pub fn from_context(ctx: &Context) -> Self {
        Self::for_message(ctx, None)
    }

    /// Resolves a context for `message`. Trust anchors come from what was given directly and
    /// from the signing keys of one role of one metadata entity: the identity provider's for
    /// what an IdP sends (responses), the service provider's for what an SP sends
    /// (AuthnRequests); in an aggregate, the entity meant is the configured entity ID, else the
    /// message's Issuer. Never fails: unusable parts are listed in `problems`.
    pub fn for_message(ctx: &Context, message: Option<&Message>) -> Self {
        Self::for_message_read(ctx, &MetadataRead::read(ctx), message)
    }

    /// Like [`Expectations::for_message`], with the context's metadata already read (once,
    /// for every message of a HAR capture: a federation's metadata is tens of MB).
    pub fn for_message_read(ctx: &Context, read: &MetadataRead, message: Option<&Message>) -> Self {
        let issuers = message.map(issuers).unwrap_or_default();
        let sender = message.map_or(Sender::Either, Sender::of);
        // The entity meant in an aggregate: the configured entity ID alone when there is one
        // (never another entity the message names), else the message's Issuer.
        let idp_names: Vec<&str> = match given(ctx.idp_entity_id.as_deref()) {
            Some(configured) => vec![configured],
            None => issuers.clone(),
        };
        let sp_names: Vec<&str> = match given(ctx.sp_entity_id.as_deref()) {
            Some(configured) => vec![configured],
            None if sender != Sender::Idp => issuers,
            None => Vec::new(),
        };
        // Keys of an identity provider verify nothing an SP sends: an aggregate whose IdP
        // cannot be chosen is then no problem.
        let mut anchors = TrustAnchors::given(
            &ctx.idp_certificates,
            &ctx.thumbprints,
            &idp_names,
            sender != Sender::Sp,
        );
        let mut problems = Vec::new();
        let idp_entity = entity_meant(
            read.idp.as_ref(),
            &RoleKind::IdpSso,
            &idp_names,
            "IdP metadata",
            sender != Sender::Sp,
            &mut problems,
        );
        // The SP's choice only matters when its settings come from the metadata, or it sent
        // the message.
        let sp_entity = entity_meant(
            read.sp.as_ref(),
            &RoleKind::SpSso,
            &sp_names,
            "SP metadata",
            ctx.sp_entity_id.is_none() || sender == Sender::Sp,
            &mut problems,
        );
        if sender != Sender::Sp
            && let Some(entity) = idp_entity
        {
            anchors.add_role_keys(
                entity,
                &RoleKind::IdpSso,
                AnchorSource::IdpMetadata,
                "IdP metadata",
            );
        }
        if sender != Sender::Idp
            && let Some(entity) = sp_entity
        {
            anchors.add_role_keys(
                entity,
                &RoleKind::SpSso,
                AnchorSource::SpMetadata,
                "SP metadata",
            );
        }
        problems.append(&mut anchors.problems);
        let mut out = Self {
            anchors,
            problems,
            ..Self::default()
        };
        out.profile = match ctx.profile.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(name) => {
                let found = profiles::find(name);
                if found.is_none() {
                    out.problems.push(format!(
                        "there is no app profile `{name}` (known: {})",
                        profiles::all()
                            .iter()
                            .map(|p| p.name.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                }
                found
            }
        };

        // SP entity ID and ACS: given > SP metadata > profile.
        out.sp_entity_id = given(ctx.sp_entity_id.as_deref())
            .map(|v| Expected::new(v, Source::Given))
            .or_else(|| {
                sp_entity
                    .and_then(|e| e.entity_id.as_ref())
                    .map(|t| Expected::new(&t.value, Source::SpMetadata))
            })
            .or_else(|| {
                out.profile.and_then(|p| {
                    p.identifier
                        .as_ref()
                        .map(|f| Expected::new(&f.pattern, Source::Profile(p)))
                })
            });
        out.acs_urls = ctx
            .acs_urls
            .iter()
            .filter_map(|u| given(Some(u)))
            .map(|u| Expected::new(u, Source::Given))
            .collect();
        if out.acs_urls.is_empty()
            && let Some(role) = sp_entity.and_then(EntityDescriptor::sp)
        {
            out.acs_urls = role
                .endpoints_named("AssertionConsumerService")
                .filter_map(|e| e.location.as_ref())
                .map(|l| Expected::new(&l.value, Source::SpMetadata))
                .collect();
        }
        if out.acs_urls.is_empty()
            && let Some(p) = out.profile
            && let Some(f) = &p.reply_url
        {
            out.acs_urls
                .push(Expected::new(&f.pattern, Source::Profile(p)));
        }

        // IdP entity ID and URLs: given > IdP metadata.
        out.idp_entity_id = given(ctx.idp_entity_id.as_deref())
            .map(|v| Expected::new(v, Source::Given))
            .or_else(|| {
                idp_entity
                    .and_then(|e| e.entity_id.as_ref())
                    .map(|t| Expected::new(&t.value, Source::IdpMetadata))
            });
        if let Some(role) = idp_entity.and_then(EntityDescriptor::idp) {
            out.idp_sso_urls = locations(role, "SingleSignOnService");
            out.idp_slo_urls = locations(role, "SingleLogoutService");
        }

        for (i, bytes) in ctx.requests.iter().enumerate() {
            match read_request(bytes, i) {
                Ok(r) => out.requests.push(r),
                Err(problem) => out.problems.push(problem),
            }
        }

        out.required_attributes = ctx
            .required_attributes
            .iter()
            .filter(|n| !n.trim().is_empty())
            .map(|n| RequiredAttribute {
                name: n.trim().to_owned(),
                required_by: "the configuration".to_owned(),
                source_attribute: None,
            })
            .collect();
        if let Some(p) = out.profile {
            for claim in &p.claims {
                if !out.required_attributes.iter().any(|r| r.name == claim.name) {
                    out.required_attributes.push(RequiredAttribute {
                        name: claim.name.clone(),
                        required_by: format!(
                            "{}'s Entra tutorial (app profile `{}`)",
                            p.title, p.name
                        ),
                        source_attribute: Some(claim.source.clone()),
                    });
                }
            }
        }
        out
    }

    /// The request a response answers, by ID.
    pub fn request(&self, id: &str) -> Option<&SentRequest> {
        self.requests
            .iter()
            .find(|r| r.id.as_deref().map(str::trim) == Some(id.trim()))
    }
}

/// The metadata of a context (IdP and SP), read: each document is parsed once however many
/// messages are checked against it.
#[derive(Clone, Debug, Default)]
pub struct MetadataRead {
    /// The IdP metadata's entities, or why it cannot be used; `None` when none was given.
    idp: Option<Result<Vec<EntityDescriptor>, String>>,
    /// The SP metadata's entities, likewise.
    sp: Option<Result<Vec<EntityDescriptor>, String>>,
}

impl MetadataRead {
    /// Reads the IdP and SP metadata of `ctx`.
    pub fn read(ctx: &Context) -> Self {
        Self {
            idp: ctx
                .idp_metadata
                .as_deref()
                .map(|b| read_metadata(b, "IdP metadata")),
            sp: ctx
                .sp_metadata
                .as_deref()
                .map(|b| read_metadata(b, "SP metadata")),
        }
    }
}

/// Who sends a kind of message, so whose keys may verify it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Sender {
    /// The identity provider: Responses, ArtifactResponses.
    Idp,
    /// The service provider: AuthnRequests, ArtifactResolves.
    Sp,
    /// Either (logout messages, metadata, anything else).
    Either,
}

impl Sender {
    fn of(message: &Message) -> Self {
        match message {
            Message::Response(_) | Message::ArtifactResponse(_) => Self::Idp,
            Message::AuthnRequest(_) | Message::ArtifactResolve(_) => Self::Sp,
            _ => Self::Either,
        }
    }
}

/// The entity of `metadata` meant for role `kind` (see [`choose`]). Unreadable metadata is
/// always a problem; an aggregate in which none of `names` is found only when it `matters`.
fn entity_meant<'m>(
    metadata: Option<&'m Result<Vec<EntityDescriptor>, String>>,
    kind: &RoleKind,
    names: &[&str],
    what: &str,
    matters: bool,
    problems: &mut Vec<String>,
) -> Option<&'m EntityDescriptor> {
    match metadata? {
        Ok(entities) => match choose(entities, kind, names, what) {
            Ok(entity) => entity,
            Err(problem) => {
                if matters {
                    problems.push(problem);
                }
                None
            }
        },
        Err(problem) => {
            problems.push(problem.clone());
            None
        }
    }
}

/// The Issuers of a message, the message's own first, then its assertions'.
pub(crate) fn issuers(message: &Message) -> Vec<&str> {
    let mut out: Vec<&str> = message
        .header()
        .and_then(|h| h.issuer())
        .map(|t| t.trimmed())
        .into_iter()
        .collect();
    if let Some(response) = message.response() {
        let mut seen: std::collections::HashSet<&str> = out.iter().copied().collect();
        for issuer in response.assertions.iter().filter_map(|a| a.issuer()) {
            if seen.insert(issuer.trimmed()) {
                out.push(issuer.trimmed());
            }
        }
    }
    out
}

/// The Locations of a role's endpoints of one kind (Redirect and POST often share one).
fn locations(role: &crate::model::Role, kind: &str) -> Vec<String> {
    let mut v: Vec<String> = role
        .endpoints_named(kind)
        .filter_map(|e| e.location.as_ref())
        .map(|l| l.trimmed().to_owned())
        .collect();
    v.dedup();
    v
}

fn given(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
}

fn read_request(bytes: &[u8], index: usize) -> Result<SentRequest, String> {
    let label = format!("request #{}", index + 1);
    let decoded = decode(bytes).map_err(|e| format!("{label} is not readable: {}", e.message))?;
    if decoded.content != Content::Xml {
        return Err(format!("{label} is not a SAML message"));
    }
    let doc = xml::parse(decoded.text)
        .map_err(|e| format!("{label} is not well-formed XML: {}", e.message))?;
    let message = Message::read(&doc);
    let id = message
        .header()
        .and_then(|h| h.id.as_ref())
        .map(|t| t.trimmed().to_owned());
    match message {
        Message::AuthnRequest(a) => Ok(SentRequest {
            label,
            id,
            authn: Some(a),
        }),
        Message::LogoutRequest(_) | Message::ArtifactResolve(_) => Ok(SentRequest {
            label,
            id,
            authn: None,
        }),
        other => Err(format!(
            "{label} is a {}, not a request",
            other.kind().label()
        )),
    }
}

/// `HTTPS://App.Example.COM/Path` → `https://app.example.com/Path`.
fn url_case(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_owned();
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    format!(
        "{}://{}{}",
        scheme.to_ascii_lowercase(),
        rest[..end].to_ascii_lowercase(),
        &rest[end..]
    )
}

/// What a metadata document says, for filling a configuration form: the entity ID, the ACS
/// URLs (SP), the SSO and SLO URLs and signing certificates' SHA-1 thumbprints (IdP).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MetadataSettings {
    /// The entity's entityID.
    pub entity_id: Option<String>,
    /// AssertionConsumerService locations of its SP role (Entra: Reply URLs).
    pub acs_urls: Vec<String>,
    /// SingleSignOnService locations of its IdP role (Entra: Login URL).
    pub sso_urls: Vec<String>,
    /// SingleLogoutService locations (Entra: Logout URL).
    pub slo_urls: Vec<String>,
    /// SHA-1 thumbprints (Entra format) of the signing certificates of the role read (the
    /// IdP's for IdP metadata, the SP's for SP metadata).
    pub signing_thumbprints: Vec<String>,
    /// An aggregate: the entity IDs with the role wanted, in document order, when none of the
    /// names given says which one is meant (then nothing else is filled). Empty otherwise.
    pub candidates: Vec<String>,
}

/// Reads SP or IdP metadata (`what`: "SP metadata", "IdP metadata") into [`MetadataSettings`].
/// In an aggregate, the entity read is the first of `names` (a configured entity ID, a
/// message's Issuer) that it holds with the role wanted; when none is, the settings list the
/// candidates instead.
///
/// # Errors
///
/// One sentence when the text is not usable metadata.
pub fn metadata_settings(
    bytes: &[u8],
    what: &str,
    names: &[&str],
) -> Result<MetadataSettings, String> {
    let entities = read_metadata(bytes, what)?;
    let kind = if what.starts_with("SP") {
        RoleKind::SpSso
    } else {
        RoleKind::IdpSso
    };
    let entity = match choose(&entities, &kind, names, what) {
        Ok(Some(entity)) => entity,
        Ok(None) => return Err(format!("the {what} describes no entity")),
        Err(problem) => {
            let candidates: Vec<String> = entities
                .iter()
                .filter(|e| e.roles.iter().any(|r| r.kind == kind))
                .filter_map(|e| e.entity_id.as_ref().map(|t| t.trimmed().to_owned()))
                .collect();
            if candidates.is_empty() {
                return Err(problem);
            }
            return Ok(MetadataSettings {
                candidates,
                ..MetadataSettings::default()
            });
        }
    };
    let mut out = MetadataSettings {
        entity_id: entity.entity_id.as_ref().map(|t| t.trimmed().to_owned()),
        ..MetadataSettings::default()
    };
    if let Some(sp) = entity.sp() {
        out.acs_urls = locations(sp, "AssertionConsumerService");
    }
    if let Some(idp) = entity.idp() {
        out.sso_urls = locations(idp, "SingleSignOnService");
        out.slo_urls = locations(idp, "SingleLogoutService");
    }
    let mut anchors = TrustAnchors::default();
    anchors.add_role_keys(entity, &kind, AnchorSource::Given, what);
    out.signing_thumbprints = anchors
        .keys
        .into_iter()
        .filter_map(|k| k.certificate.map(|c| c.sha1))
        .collect();
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entra_federation_metadata_gives_the_set_up_values() {
        let xml = include_bytes!("../../../static/examples/entra-federation-metadata.xml");
        let s = metadata_settings(xml, "IdP metadata", &[]).expect("metadata");
        assert_eq!(
            s.entity_id.as_deref(),
            Some("https://sts.windows.net/7d2c9b14-3e6a-4f8b-a5c1-92e04b6f1d38/")
        );
        assert_eq!(
            s.sso_urls,
            ["https://login.microsoftonline.com/7d2c9b14-3e6a-4f8b-a5c1-92e04b6f1d38/saml2"]
        );
        assert_eq!(s.slo_urls.len(), 1);
        assert_eq!(s.signing_thumbprints.len(), 1);
        assert_eq!(s.signing_thumbprints[0].len(), 40);
        assert!(metadata_settings(b"<x/>", "SP metadata", &[]).is_err());
    }
}
