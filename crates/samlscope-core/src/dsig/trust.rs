//! Trust anchors: what the user says the signer's key is. A certificate inside the message
//! proves nothing by itself; only these do.

use crate::cert::{
    CertificateInfo, KeyMaterial, normalize_thumbprint, parse_certificate_text, read_key_material,
};
use crate::context::Context;
use crate::decode::{Content, decode};
use crate::model::{EntityDescriptor, Message};
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
    /// Reads the anchors of a context: certificates, thumbprints, IdP and SP metadata (what
    /// [`crate::expectations::Expectations::from_context`] resolves, with the rest).
    pub fn from_context(ctx: &Context) -> Self {
        crate::expectations::Expectations::from_context(ctx).anchors
    }

    /// Like [`TrustAnchors::from_context`], with the context's IdP and SP metadata already
    /// read (by [`read_metadata`]), so that each is parsed once.
    pub fn from_parts(
        ctx: &Context,
        idp_metadata: Option<&Result<Vec<EntityDescriptor>, String>>,
        sp_metadata: Option<&Result<Vec<EntityDescriptor>, String>>,
    ) -> Self {
        let mut anchors = Self::default();
        for (i, bytes) in ctx.idp_certificates.iter().enumerate() {
            anchors.add_given(i, bytes);
        }
        for t in &ctx.thumbprints {
            match normalize_thumbprint(t) {
                Some(n) => anchors.thumbprints.push(n),
                None => anchors.problems.push(format!(
                    "the thumbprint `{t}` is not 40 (SHA-1) or 64 (SHA-256) hex digits"
                )),
            }
        }
        for (metadata, source, what) in [
            (idp_metadata, AnchorSource::IdpMetadata, "IdP metadata"),
            (sp_metadata, AnchorSource::SpMetadata, "SP metadata"),
        ] {
            match metadata {
                Some(Ok(entities)) => anchors.add_entities(entities, &source, what),
                Some(Err(problem)) => anchors.problems.push(problem.clone()),
                None => {}
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

    fn add_given(&mut self, index: usize, bytes: &[u8]) {
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
                    // Federation metadata pasted where a certificate was expected: use its keys.
                    self.add_metadata(bytes, AnchorSource::Given);
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

    fn add_metadata(&mut self, bytes: &[u8], source: AnchorSource) {
        match read_metadata(bytes, "IdP metadata") {
            Ok(entities) => self.add_entities(&entities, &source, "IdP metadata"),
            Err(problem) => self.problems.push(problem),
        }
    }

    fn add_entities(&mut self, entities: &[EntityDescriptor], source: &AnchorSource, what: &str) {
        let before = self.keys.len();
        for entity in entities {
            for role in &entity.roles {
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
                            Err(e) => self.problems.push(format!(
                                "a signing certificate in the {what} is not readable: {}",
                                e.message
                            )),
                        }
                    }
                }
            }
        }
        if self.keys.len() == before {
            self.problems
                .push(format!("the {what} has no signing certificate"));
        }
    }
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
