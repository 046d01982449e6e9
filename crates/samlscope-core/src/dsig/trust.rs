//! Trust anchors: what the user says the signer's key is. A certificate inside the message
//! proves nothing by itself; only these do.

use std::collections::HashMap;

use crate::cert::{
    CertificateInfo, KeyMaterial, normalize_thumbprint, parse_certificate_text, read_key_material,
};
use crate::decode::{Content, decode};
use crate::model::{EntityDescriptor, Message, RoleKind};
use crate::xml;

/// Where a trusted key came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AnchorSource {
    /// A certificate or public key given directly (`--idp-cert`, "Certificate (Base64)").
    Given,
    /// A signing KeyDescriptor of IdP metadata ("Federation Metadata XML").
    IdpMetadata,
    /// A signing KeyDescriptor of SP metadata (for requests the SP signs).
    SpMetadata,
}

/// One trusted key.
#[derive(Clone, Debug)]
pub struct TrustedKey {
    /// SubjectPublicKeyInfo DER.
    pub spki_der: Vec<u8>,
    /// The certificate, when the key came as one.
    pub certificate: Option<CertificateInfo>,
    /// Where it came from.
    pub source: AnchorSource,
}

/// Everything the user trusts.
#[derive(Clone, Debug, Default)]
pub struct TrustAnchors {
    /// Trusted keys.
    pub keys: Vec<TrustedKey>,
    /// Trusted thumbprints (upper-case hex, SHA-1 or SHA-256).
    pub thumbprints: Vec<String>,
    /// Anchors that could not be read, with why (each is reported).
    pub problems: Vec<String>,
}

impl TrustAnchors {
    /// The anchors given directly: `certificates` (`--idp-cert`, "Certificate (Base64)": PEM,
    /// base64 or DER bytes, or IdP metadata pasted in their place) and `thumbprints`. `names` are the entity IDs that say which entity is meant when federation
    /// metadata was pasted where a certificate was expected; when none does, that is a problem
    /// only if `choice_matters` (not for what an SP sends, which IdP keys never verify).
    pub fn given(
        certificates: &[Vec<u8>],
        thumbprints: &[String],
        names: &[&str],
        choice_matters: bool,
    ) -> Self {
        let mut anchors = Self::default();
        for (i, bytes) in certificates.iter().enumerate() {
            anchors.add_given(i, bytes, names, choice_matters);
        }
        for t in thumbprints {
            match normalize_thumbprint(t) {
                Some(n) => anchors.thumbprints.push(n),
                None => anchors.problems.push(format!(
                    "the thumbprint `{t}` is not 40 (SHA-1) or 64 (SHA-256) hex digits"
                )),
            }
        }
        anchors
    }

    /// Whether nothing is trusted (then signatures can only be checked against the key the
    /// message carries: verdict `valid-untrusted`).
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty() && self.thumbprints.is_empty()
    }

    /// Whether `cert` is trusted by thumbprint.
    pub fn trusts_thumbprint(&self, cert: &CertificateInfo) -> bool {
        self.thumbprints
            .iter()
            .any(|t| *t == cert.sha1 || *t == cert.sha256)
    }

    fn add_given(&mut self, index: usize, bytes: &[u8], names: &[&str], choice_matters: bool) {
        let which = format!("trusted certificate #{}", index + 1);
        match decode(bytes) {
            Ok(decoded) => match decoded.content {
                Content::Pem(blocks) => {
                    for block in blocks {
                        self.add_key_material(
                            &which,
                            read_key_material(Some(&block.label), &block.der),
                        );
                    }
                }
                Content::Der(der) => self.add_key_material(&which, read_key_material(None, &der)),
                Content::Xml => {
                    // Federation metadata pasted where a certificate was expected: the keys of
                    // its identity provider (the one meant, in an aggregate).
                    match read_metadata(bytes, "IdP metadata").and_then(|entities| {
                        choose(&entities, &RoleKind::IdpSso, names, "IdP metadata")
                            .map(|e| e.cloned())
                    }) {
                        Ok(Some(entity)) => {
                            self.add_role_keys(
                                &entity,
                                &RoleKind::IdpSso,
                                AnchorSource::Given,
                                "IdP metadata",
                            );
                        }
                        Ok(None) => {}
                        Err(problem) => {
                            if choice_matters {
                                self.problems.push(problem);
                            }
                        }
                    }
                }
            },
            Err(_) => match parse_certificate_text(&String::from_utf8_lossy(bytes)) {
                Ok(cert) => self.keys.push(TrustedKey {
                    spki_der: cert.key.spki_der.clone(),
                    certificate: Some(cert),
                    source: AnchorSource::Given,
                }),
                Err(e) => self
                    .problems
                    .push(format!("{which} is not readable: {}", e.message)),
            },
        }
    }

    fn add_key_material(
        &mut self,
        which: &str,
        material: Result<KeyMaterial, crate::cert::CertError>,
    ) {
        match material {
            Ok(KeyMaterial::Certificate(cert)) => self.keys.push(TrustedKey {
                spki_der: cert.key.spki_der.clone(),
                certificate: Some(cert),
                source: AnchorSource::Given,
            }),
            Ok(KeyMaterial::PublicKey(key)) => self.keys.push(TrustedKey {
                spki_der: key.spki_der,
                certificate: None,
                source: AnchorSource::Given,
            }),
            Ok(KeyMaterial::PrivateKey(_)) => self.problems.push(format!(
                "{which} is a private key: give the certificate (public part) instead"
            )),
            Err(e) => self
                .problems
                .push(format!("{which} is not readable: {}", e.message)),
        }
    }

    /// Adds the signing keys of `entity`'s role `kind` (never of its other roles): returns how
    /// many were added. An identity provider without any is a problem (nothing of it can be
    /// trusted); a service provider without any is normal (most never sign).
    pub(crate) fn add_role_keys(
        &mut self,
        entity: &EntityDescriptor,
        kind: &RoleKind,
        source: AnchorSource,
        what: &str,
    ) -> usize {
        let before = self.keys.len();
        let mut unreadable = false;
        for role in entity.roles.iter().filter(|r| r.kind == *kind) {
            for key in role.signing_keys() {
                for embedded in &key.certificates {
                    match embedded.parse() {
                        Ok(cert) => {
                            if !self.keys.iter().any(|k| k.spki_der == cert.key.spki_der) {
                                self.keys.push(TrustedKey {
                                    spki_der: cert.key.spki_der.clone(),
                                    certificate: Some(cert),
                                    source: source.clone(),
                                });
                            }
                        }
                        Err(e) => {
                            unreadable = true;
                            self.problems.push(format!(
                                "a signing certificate in the {what} is not readable: {}",
                                e.message
                            ));
                        }
                    }
                }
            }
        }
        let added = self.keys.len() - before;
        if added == 0 && !unreadable && *kind == RoleKind::IdpSso {
            let id = entity.entity_id.as_ref().map_or("", |t| t.trimmed());
            self.problems.push(if entity.idp().is_some() {
                format!("the {what} has no signing certificate for the identity provider `{id}`")
            } else {
                format!(
                    "the {what} describes `{id}`, which is no identity provider (it has no IDPSSODescriptor): it has no key to trust"
                )
            });
        }
        added
    }
}

/// The entity of metadata that is meant, for role `kind`: the only entity with that role, or,
/// in an aggregate, the one whose entityID is the first of `names` (the configured entity ID,
/// then the message's Issuers) that names one. `Ok(None)`: the document has no entity with
/// that role (a single entity without it is returned, for its entity ID). `Err`: an aggregate
/// in which none of `names` is found, in one sentence.
pub(crate) fn choose<'e>(
    entities: &'e [EntityDescriptor],
    kind: &RoleKind,
    names: &[&str],
    what: &str,
) -> Result<Option<&'e EntityDescriptor>, String> {
    let with_role: Vec<&EntityDescriptor> = entities
        .iter()
        .filter(|e| e.roles.iter().any(|r| r.kind == *kind))
        .collect();
    let element = if *kind == RoleKind::SpSso {
        "SPSSODescriptor"
    } else {
        "IDPSSODescriptor"
    };
    match with_role.as_slice() {
        [one] => return Ok(Some(one)),
        [] if entities.len() <= 1 => return Ok(entities.first()),
        [] => {
            return Err(format!(
                "the {what} describes {} entities and none has an {element}: nothing of it is used",
                entities.len()
            ));
        }
        _ => {}
    }
    // One index, then one lookup per name (names × entities comparisons were quadratic).
    let mut by_id: HashMap<&str, &EntityDescriptor> = HashMap::new();
    for e in &with_role {
        if let Some(id) = &e.entity_id {
            by_id.entry(id.trimmed()).or_insert(e);
        }
    }
    for name in names.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
        if let Some(found) = by_id.get(name) {
            return Ok(Some(found));
        }
    }
    let role = if *kind == RoleKind::SpSso {
        "service providers"
    } else {
        "identity providers"
    };
    let wanted = names
        .iter()
        .map(|n| n.trim())
        .find(|n| !n.is_empty())
        .map_or_else(
            || "and nothing says which one is meant".to_owned(),
            |n| format!("and none of them is `{n}`"),
        );
    Err(format!(
        "the {what} describes {} {role} {wanted}: nothing of it is used",
        with_role.len()
    ))
}

/// Reads metadata given as configuration (`what`: "IdP metadata", "SP metadata"): its entity
/// descriptors, or one sentence saying why it is unusable.
pub fn read_metadata(bytes: &[u8], what: &str) -> Result<Vec<EntityDescriptor>, String> {
    let decoded = match decode(bytes) {
        Ok(d) if d.content == Content::Xml => d,
        _ => return Err(format!("the {what} is not XML")),
    };
    let doc = xml::parse(decoded.text)
        .map_err(|e| format!("the {what} is not well-formed XML: {}", e.message))?;
    match Message::read(&doc) {
        Message::EntityDescriptor(e) => Ok(vec![e]),
        Message::EntitiesDescriptor(g) => Ok(g.entities),
        _ => Err(format!(
            "the {what} is not an EntityDescriptor or EntitiesDescriptor"
        )),
    }
}
