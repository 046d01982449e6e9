//! X.509 certificates and keys: what they are, who they name, when they are valid, and the
//! thumbprints people compare (SHA-1 shown the way Entra shows it: upper-case hex, no
//! separators).
//!
//! Everything here reads hostile input: nothing panics, and every failure is a [`CertError`]
//! whose message is one line saying what is wrong (and, for DER, at which byte).
//!
//! * [`parse_certificate`] reads DER; [`parse_certificate_text`] reads the content of a
//!   `<ds:X509Certificate>` element or a pasted certificate (base64 with any whitespace, PEM
//!   armour tolerated, double-encoded base64 accepted); [`certificate_text_problems`] says what
//!   was tolerated.
//! * [`read_key_material`] reads a PEM block (by label) or bare DER as a certificate, a public
//!   key or a private key. Private keys are described (algorithm, size, container), never shown.
//! * [`normalize_thumbprint`] and [`thumbprint_matches`] compare thumbprints as people paste
//!   them.
//!
//! The types are here; the reading is in `x509` (DER certificates), `text` (certificate
//! text), `keys` (PEM blocks and bare DER as keys), `key_algorithms` (key algorithms and
//! curves) and `thumbprint`.

mod key_algorithms;
mod keys;
mod text;
mod thumbprint;
mod x509;

use std::fmt;

use serde::Serialize;

pub use keys::{is_pkcs12, read_key_material};
pub use text::{
    certificate_text_problems, parse_certificate_text, parse_certificate_text_with_problems,
};
pub use thumbprint::{normalize_thumbprint, thumbprint_matches};
pub(crate) use x509::is_der_certificate;
pub use x509::parse_certificate;

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

impl fmt::Display for KeyAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Dsa => f.write_str("DSA"),
            Self::Ec => f.write_str("EC"),
            Self::Ed25519 => f.write_str("Ed25519"),
            Self::Ed448 => f.write_str("Ed448"),
            Self::Rsa => f.write_str("RSA"),
            Self::Other(name) => f.write_str(name),
        }
    }
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
    /// "RSA 2048", "EC P-256", "Ed25519", "DSA 1024": a short description.
    pub fn describe(&self) -> String {
        describe_key(&self.algorithm, self.bits, self.curve.as_deref())
    }
}

pub(super) fn describe_key(
    algorithm: &KeyAlgorithm,
    bits: Option<u32>,
    curve: Option<&str>,
) -> String {
    match (algorithm, curve, bits) {
        (KeyAlgorithm::Ed25519 | KeyAlgorithm::Ed448, _, _) => algorithm.to_string(),
        (KeyAlgorithm::Ec, Some(curve), _) => format!("EC {curve}"),
        (_, _, Some(bits)) => format!("{algorithm} {bits}"),
        (_, _, None) => algorithm.to_string(),
    }
}

/// What an X.509 certificate says.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CertificateInfo {
    /// Subject DN, RFC 4514 style (`CN=idp.example.com, O=Example`), in the order of the DER.
    pub subject: String,
    /// The subject's common name (its last CN attribute, as written: a comma in it is part of
    /// it), which views show as the certificate's name; `None` without one.
    #[serde(skip)]
    pub common_name: Option<String>,
    /// Issuer DN.
    pub issuer: String,
    /// Serial number as colon-separated upper-case hex (the magnitude: no `00` sign byte).
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

/// Where a point in time falls relative to a certificate's validity period.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Validity {
    /// Before `not_before`.
    NotYetValid,
    /// Between `not_before` and `not_after`, both included.
    Valid,
    /// After `not_after`.
    Expired,
}

impl CertificateInfo {
    /// Whether the certificate is valid at `at` (bounds included, as RFC 5280 says).
    pub fn validity_at(&self, at: Timestamp) -> Validity {
        if at < self.not_before {
            Validity::NotYetValid
        } else if at > self.not_after {
            Validity::Expired
        } else {
            Validity::Valid
        }
    }

    /// Whole days from `at` until `not_after`, rounded down: 0 on the last day, negative once
    /// expired (-1 on the first day after).
    pub fn days_left(&self, at: Timestamp) -> i64 {
        self.not_after
            .unix_millis()
            .saturating_sub(at.unix_millis())
            .div_euclid(86_400_000)
    }

    /// Whether the certificate is valid at `at` and expires less than
    /// [`EXPIRING_WITHIN_SECONDS`] after it: what `certificate-expiring` reports of a signing
    /// certificate, and what every view flags as expiring.
    pub fn expires_soon(&self, at: Timestamp) -> bool {
        self.validity_at(at) == Validity::Valid
            && self.not_after.seconds_since(at) < EXPIRING_WITHIN_SECONDS
    }
}

/// How close to its `notAfter` a valid certificate is said to be expiring (30 days; see
/// [`CertificateInfo::expires_soon`]).
pub const EXPIRING_WITHIN_SECONDS: i64 = 30 * 86_400;

/// What a private key is (never more than that: its secret is not shown anywhere).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PrivateKeyInfo {
    /// Algorithm.
    pub algorithm: KeyAlgorithm,
    /// Size in bits, when known.
    pub bits: Option<u32>,
    /// Container: `PKCS#8`, `PKCS#1`, `SEC1`, `encrypted PKCS#8`, `OpenSSL DSA`, `OpenSSH`.
    pub format: String,
    /// Whether it is password-protected.
    pub encrypted: bool,
    /// Named curve for EC keys, when the container says it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub curve: Option<String>,
    /// How an encrypted key is protected, e.g. `PBES2 (PBKDF2, aes256-CBC)`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encryption: Option<String>,
}

impl PrivateKeyInfo {
    /// "RSA 2048 private key (PKCS#1)", "encrypted private key (encrypted PKCS#8)".
    pub fn describe(&self) -> String {
        if self.encrypted && matches!(&self.algorithm, KeyAlgorithm::Other(a) if a == "encrypted") {
            return format!("encrypted private key ({})", self.format);
        }
        let key = describe_key(&self.algorithm, self.bits, self.curve.as_deref());
        let lock = if self.encrypted { ", encrypted" } else { "" };
        format!("{key} private key ({}{lock})", self.format)
    }
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

impl CertError {
    fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
        }
    }
}

impl fmt::Display for CertError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CertError {}
