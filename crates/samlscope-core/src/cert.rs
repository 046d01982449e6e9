//! X.509 certificates and keys: what they are, who they name, when they are valid, and the
//! thumbprints people compare (SHA-1 shown the way Entra shows it: upper-case hex, no
//! separators).
//!
//! TODO(helper): implementation in progress.

use serde::Serialize;

use crate::time::Timestamp;

/// The algorithm of a public or private key.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum KeyAlgorithm {
    /// DSA.
    Dsa,
    /// Elliptic curve (ECDSA) key.
    Ec,
    /// Ed25519.
    Ed25519,
    /// Ed448.
    Ed448,
    /// RSA.
    Rsa,
    /// Anything else, by OID or name.
    Other(String),
}

/// A public key's type and size.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PublicKeyInfo {
    /// Algorithm.
    pub algorithm: KeyAlgorithm,
    /// Size in bits (RSA modulus, DSA p, or the curve's field size).
    pub bits: Option<u32>,
    /// Named curve for EC keys (`P-256`, `P-384`, `P-521`, or the OID).
    pub curve: Option<String>,
    /// SubjectPublicKeyInfo DER (for matching keys and, later, verifying signatures).
    #[serde(skip)]
    pub spki_der: Vec<u8>,
}

impl PublicKeyInfo {
    /// "RSA 2048", "EC P-256", "Ed25519": a short description.
    pub fn describe(&self) -> String {
        todo_describe(self)
    }
}

fn todo_describe(key: &PublicKeyInfo) -> String {
    format!("{:?} {}", key.algorithm, key.bits.unwrap_or(0))
}

/// What an X.509 certificate says.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CertificateInfo {
    /// Subject DN, RFC 4514 style (`CN=idp.example.com, O=Example`).
    pub subject: String,
    /// Issuer DN.
    pub issuer: String,
    /// Serial number as colon-separated upper-case hex.
    pub serial: String,
    /// Start of validity.
    pub not_before: Timestamp,
    /// End of validity.
    pub not_after: Timestamp,
    /// The public key.
    pub key: PublicKeyInfo,
    /// Signature algorithm of the certificate itself (`sha256WithRSAEncryption`).
    pub signature_algorithm: String,
    /// Whether subject equals issuer.
    pub self_signed: bool,
    /// SHA-1 of the DER, upper-case hex without separators (Entra's "Thumbprint").
    pub sha1: String,
    /// SHA-256 of the DER, upper-case hex without separators.
    pub sha256: String,
    /// The DER bytes.
    #[serde(skip)]
    pub der: Vec<u8>,
}

/// What a private key is (never more than that: its secret is not shown anywhere).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PrivateKeyInfo {
    /// Algorithm.
    pub algorithm: KeyAlgorithm,
    /// Size in bits, when known.
    pub bits: Option<u32>,
    /// Container: `PKCS#8`, `PKCS#1`, `SEC1`, `encrypted PKCS#8`.
    pub format: String,
    /// Whether it is password-protected.
    pub encrypted: bool,
}

/// A certificate or key given as input.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum KeyMaterial {
    /// An X.509 certificate.
    Certificate(CertificateInfo),
    /// A public key (SPKI or PKCS#1).
    PublicKey(PublicKeyInfo),
    /// A private key.
    PrivateKey(PrivateKeyInfo),
}

/// Why a certificate or key could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CertError {
    /// One line saying what is wrong.
    pub message: String,
}

/// Parses a DER X.509 certificate.
pub fn parse_certificate(der: &[u8]) -> Result<CertificateInfo, CertError> {
    let _ = der;
    Err(CertError {
        message: "not yet implemented".into(),
    })
}

/// Parses the text of an `X509Certificate` element or a pasted certificate: base64 with any
/// whitespace, tolerating PEM armour.
pub fn parse_certificate_text(text: &str) -> Result<CertificateInfo, CertError> {
    let _ = text;
    Err(CertError {
        message: "not yet implemented".into(),
    })
}

/// Reads a PEM block (by label) or bare DER as a certificate, public key or private key.
pub fn read_key_material(label: Option<&str>, der: &[u8]) -> Result<KeyMaterial, CertError> {
    let _ = (label, der);
    Err(CertError {
        message: "not yet implemented".into(),
    })
}

/// Normalises a thumbprint as people paste it (any case, colons, spaces, `SHA1 Fingerprint=`
/// prefix) to upper-case hex. Returns `None` unless it is 40 (SHA-1) or 64 (SHA-256) hex digits.
pub fn normalize_thumbprint(text: &str) -> Option<String> {
    let _ = text;
    None
}
