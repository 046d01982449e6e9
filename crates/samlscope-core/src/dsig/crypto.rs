//! Digests and signature primitives of XML-DSig.
//!
//! * [`DigestAlgorithm`] names the `DigestMethod` algorithms (SHA-1 and SHA-2) by URI;
//!   [`Hasher`] hashes canonical bytes as they are written (it is a [`Sink`]) and [`digest`]
//!   hashes a slice.
//! * [`SignatureAlgorithm`] names the `SignatureMethod` algorithms: RSA PKCS#1 v1.5, RSA-PSS
//!   (RFC 6931, MGF1 with the same hash, salt length = hash length), ECDSA on P-256, P-384 and
//!   P-521, DSA, and HMAC (recognised, never verified).
//! * [`verify`] checks a `SignatureValue` over the canonical `SignedInfo` bytes with a key
//!   given as SubjectPublicKeyInfo DER (what [`crate::cert::PublicKeyInfo::spki_der`] holds).
//!   [`VerifyingKey`] parses the key once for several verifications, and
//!   [`VerifyingKey::verify`] also says what was tolerated ([`Tolerance`]).
//! * [`rsa_spki_from_components`], [`ec_spki_from_point`] and [`dsa_spki_from_components`]
//!   turn the `KeyValue` forms of `KeyInfo` into SubjectPublicKeyInfo DER.
//!
//! Everything here reads hostile input: nothing panics, and every failure is a [`VerifyError`]
//! that says what is wrong.

use std::fmt;

use rsa::traits::PublicKeyParts as _;
use sha2::Digest as _;
use signature::hazmat::PrehashVerifier as _;

use crate::algorithms;
use crate::der::{self, Der, Tag, Tlv};
use crate::dsig::c14n::Sink;

// ---------------------------------------------------------------------------------------------
// Digests
// ---------------------------------------------------------------------------------------------

/// A `DigestMethod` algorithm.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DigestAlgorithm {
    /// SHA-1 ([`algorithms::SHA1`]). Weak.
    Sha1,
    /// SHA-224 ([`algorithms::SHA224`]).
    Sha224,
    /// SHA-256 ([`algorithms::SHA256`]).
    Sha256,
    /// SHA-384 ([`algorithms::SHA384`]).
    Sha384,
    /// SHA-512 ([`algorithms::SHA512`]).
    Sha512,
}

/// The URIs of the digests that are not the standard ones but are seen in the wild (the
/// xmlenc / xmldsig-more namespaces mixed up).
const NONSTANDARD_DIGEST_URIS: [(&str, DigestAlgorithm); 5] = [
    (algorithms::SHA1_XMLENC, DigestAlgorithm::Sha1),
    (algorithms::SHA224_XMLENC, DigestAlgorithm::Sha224),
    (algorithms::SHA256_MORE, DigestAlgorithm::Sha256),
    (algorithms::SHA384_XMLENC, DigestAlgorithm::Sha384),
    (algorithms::SHA512_MORE, DigestAlgorithm::Sha512),
];

impl DigestAlgorithm {
    /// Every digest algorithm.
    pub const ALL: [Self; 5] = [
        Self::Sha1,
        Self::Sha224,
        Self::Sha256,
        Self::Sha384,
        Self::Sha512,
    ];

    /// The algorithm of a `DigestMethod` URI: the standard URI ([`Self::uri`]) or one of the
    /// non-standard ones seen in the wild ([`algorithms::SHA256_MORE`],
    /// [`algorithms::SHA1_XMLENC`], ...; see [`Self::is_standard_uri`]).
    pub fn from_uri(uri: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|alg| alg.uri() == uri)
            .or_else(|| {
                NONSTANDARD_DIGEST_URIS
                    .iter()
                    .find(|(u, _)| *u == uri)
                    .map(|(_, alg)| *alg)
            })
    }

    /// Whether `uri` is the standard URI of a digest algorithm (false for the non-standard
    /// ones [`Self::from_uri`] also accepts, and for unknown URIs).
    pub fn is_standard_uri(uri: &str) -> bool {
        Self::ALL.into_iter().any(|alg| alg.uri() == uri)
    }

    /// The standard URI.
    pub const fn uri(self) -> &'static str {
        match self {
            Self::Sha1 => algorithms::SHA1,
            Self::Sha224 => algorithms::SHA224,
            Self::Sha256 => algorithms::SHA256,
            Self::Sha384 => algorithms::SHA384,
            Self::Sha512 => algorithms::SHA512,
        }
    }

    /// The usual name: `SHA-256`.
    pub const fn name(self) -> &'static str {
        match self {
            Self::Sha1 => "SHA-1",
            Self::Sha224 => "SHA-224",
            Self::Sha256 => "SHA-256",
            Self::Sha384 => "SHA-384",
            Self::Sha512 => "SHA-512",
        }
    }

    /// Whether the algorithm is weak (SHA-1: collisions are practical).
    pub const fn is_weak(self) -> bool {
        matches!(self, Self::Sha1)
    }

    /// The length of a digest in bytes.
    pub const fn output_len(self) -> usize {
        match self {
            Self::Sha1 => 20,
            Self::Sha224 => 28,
            Self::Sha256 => 32,
            Self::Sha384 => 48,
            Self::Sha512 => 64,
        }
    }
}

impl fmt::Display for DigestAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A streaming hash: canonicalisation writes into it (it is a [`Sink`]), then
/// [`Hasher::finish`] gives the digest.
#[derive(Clone, Debug)]
pub struct Hasher(HasherState);

#[derive(Clone, Debug)]
enum HasherState {
    Sha1(sha1::Sha1),
    Sha224(sha2::Sha224),
    Sha256(sha2::Sha256),
    Sha384(sha2::Sha384),
    Sha512(sha2::Sha512),
}

impl Hasher {
    /// A hasher for `alg`.
    pub fn new(alg: DigestAlgorithm) -> Self {
        Self(match alg {
            DigestAlgorithm::Sha1 => HasherState::Sha1(sha1::Sha1::new()),
            DigestAlgorithm::Sha224 => HasherState::Sha224(sha2::Sha224::new()),
            DigestAlgorithm::Sha256 => HasherState::Sha256(sha2::Sha256::new()),
            DigestAlgorithm::Sha384 => HasherState::Sha384(sha2::Sha384::new()),
            DigestAlgorithm::Sha512 => HasherState::Sha512(sha2::Sha512::new()),
        })
    }

    /// The algorithm this hasher computes.
    pub fn algorithm(&self) -> DigestAlgorithm {
        match self.0 {
            HasherState::Sha1(_) => DigestAlgorithm::Sha1,
            HasherState::Sha224(_) => DigestAlgorithm::Sha224,
            HasherState::Sha256(_) => DigestAlgorithm::Sha256,
            HasherState::Sha384(_) => DigestAlgorithm::Sha384,
            HasherState::Sha512(_) => DigestAlgorithm::Sha512,
        }
    }

    /// Hashes more bytes.
    pub fn update(&mut self, bytes: &[u8]) {
        match &mut self.0 {
            HasherState::Sha1(h) => h.update(bytes),
            HasherState::Sha224(h) => h.update(bytes),
            HasherState::Sha256(h) => h.update(bytes),
            HasherState::Sha384(h) => h.update(bytes),
            HasherState::Sha512(h) => h.update(bytes),
        }
    }

    /// The digest of everything written.
    pub fn finish(self) -> Vec<u8> {
        match self.0 {
            HasherState::Sha1(h) => h.finalize().to_vec(),
            HasherState::Sha224(h) => h.finalize().to_vec(),
            HasherState::Sha256(h) => h.finalize().to_vec(),
            HasherState::Sha384(h) => h.finalize().to_vec(),
            HasherState::Sha512(h) => h.finalize().to_vec(),
        }
    }
}

impl Sink for Hasher {
    fn write(&mut self, bytes: &[u8]) {
        self.update(bytes);
    }
}

/// The `alg` digest of `bytes`.
pub fn digest(alg: DigestAlgorithm, bytes: &[u8]) -> Vec<u8> {
    let mut hasher = Hasher::new(alg);
    hasher.update(bytes);
    hasher.finish()
}

// ---------------------------------------------------------------------------------------------
// Signature algorithms
// ---------------------------------------------------------------------------------------------

/// The kind of a signature algorithm: which key it needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SignatureFamily {
    /// RSASSA-PKCS1-v1_5 (an RSA key).
    Rsa,
    /// RSASSA-PSS (an RSA key).
    RsaPss,
    /// ECDSA (an EC key on P-256, P-384 or P-521).
    Ecdsa,
    /// DSA (a DSA key).
    Dsa,
    /// HMAC (a shared secret; never verified here).
    Hmac,
}

/// A `SignatureMethod` algorithm.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SignatureAlgorithm {
    /// RSASSA-PKCS1-v1_5 with SHA-1 ([`algorithms::RSA_SHA1`]). Weak.
    RsaSha1,
    /// RSASSA-PKCS1-v1_5 with SHA-224.
    RsaSha224,
    /// RSASSA-PKCS1-v1_5 with SHA-256 ([`algorithms::RSA_SHA256`]).
    RsaSha256,
    /// RSASSA-PKCS1-v1_5 with SHA-384.
    RsaSha384,
    /// RSASSA-PKCS1-v1_5 with SHA-512.
    RsaSha512,
    /// RSASSA-PSS with SHA-1, MGF1-SHA-1, 20-byte salt (RFC 6931). Weak.
    RsaPssSha1,
    /// RSASSA-PSS with SHA-224, MGF1-SHA-224, 28-byte salt (RFC 6931).
    RsaPssSha224,
    /// RSASSA-PSS with SHA-256, MGF1-SHA-256, 32-byte salt ([`algorithms::RSA_PSS_SHA256`]).
    RsaPssSha256,
    /// RSASSA-PSS with SHA-384, MGF1-SHA-384, 48-byte salt (RFC 6931).
    RsaPssSha384,
    /// RSASSA-PSS with SHA-512, MGF1-SHA-512, 64-byte salt (RFC 6931).
    RsaPssSha512,
    /// ECDSA with SHA-1 ([`algorithms::ECDSA_SHA1`]). Weak.
    EcdsaSha1,
    /// ECDSA with SHA-224.
    EcdsaSha224,
    /// ECDSA with SHA-256 ([`algorithms::ECDSA_SHA256`]).
    EcdsaSha256,
    /// ECDSA with SHA-384.
    EcdsaSha384,
    /// ECDSA with SHA-512.
    EcdsaSha512,
    /// DSA with SHA-1 ([`algorithms::DSA_SHA1`]). Weak.
    DsaSha1,
    /// DSA with SHA-256 ([`algorithms::DSA_SHA256`]). Weak (DSA).
    DsaSha256,
    /// HMAC-SHA-1 ([`algorithms::HMAC_SHA1`]): recognised, never verified.
    HmacSha1,
    /// HMAC-SHA-224: recognised, never verified.
    HmacSha224,
    /// HMAC-SHA-256: recognised, never verified.
    HmacSha256,
    /// HMAC-SHA-384: recognised, never verified.
    HmacSha384,
    /// HMAC-SHA-512: recognised, never verified.
    HmacSha512,
}

/// Signature URIs that are not standard but are seen in the wild.
const NONSTANDARD_SIGNATURE_URIS: [(&str, SignatureAlgorithm); 1] = [
    // AD FS (and a few other IdPs) have been seen to write rsa-sha1 in the xmldsig-more namespace.
    (algorithms::RSA_SHA1_MORE, SignatureAlgorithm::RsaSha1),
];

impl SignatureAlgorithm {
    /// Every signature algorithm.
    pub const ALL: [Self; 22] = [
        Self::RsaSha1,
        Self::RsaSha224,
        Self::RsaSha256,
        Self::RsaSha384,
        Self::RsaSha512,
        Self::RsaPssSha1,
        Self::RsaPssSha224,
        Self::RsaPssSha256,
        Self::RsaPssSha384,
        Self::RsaPssSha512,
        Self::EcdsaSha1,
        Self::EcdsaSha224,
        Self::EcdsaSha256,
        Self::EcdsaSha384,
        Self::EcdsaSha512,
        Self::DsaSha1,
        Self::DsaSha256,
        Self::HmacSha1,
        Self::HmacSha224,
        Self::HmacSha256,
        Self::HmacSha384,
        Self::HmacSha512,
    ];

    /// The algorithm of a `SignatureMethod` URI: the standard URI ([`Self::uri`]) or a
    /// non-standard one seen in the wild ([`algorithms::RSA_SHA1_MORE`], from AD FS; see
    /// [`Self::is_standard_uri`]).
    pub fn from_uri(uri: &str) -> Option<Self> {
        Self::ALL
            .into_iter()
            .find(|alg| alg.uri() == uri)
            .or_else(|| {
                NONSTANDARD_SIGNATURE_URIS
                    .iter()
                    .find(|(u, _)| *u == uri)
                    .map(|(_, alg)| *alg)
            })
    }

    /// Whether `uri` is the standard URI of a signature algorithm (false for the non-standard
    /// ones [`Self::from_uri`] also accepts, and for unknown URIs).
    pub fn is_standard_uri(uri: &str) -> bool {
        Self::ALL.into_iter().any(|alg| alg.uri() == uri)
    }

    /// The standard URI (XML-DSig 1.0/1.1 and RFC 6931).
    pub const fn uri(self) -> &'static str {
        match self {
            Self::RsaSha1 => algorithms::RSA_SHA1,
            Self::RsaSha224 => algorithms::RSA_SHA224,
            Self::RsaSha256 => algorithms::RSA_SHA256,
            Self::RsaSha384 => algorithms::RSA_SHA384,
            Self::RsaSha512 => algorithms::RSA_SHA512,
            Self::RsaPssSha1 => algorithms::RSA_PSS_SHA1,
            Self::RsaPssSha224 => algorithms::RSA_PSS_SHA224,
            Self::RsaPssSha256 => algorithms::RSA_PSS_SHA256,
            Self::RsaPssSha384 => algorithms::RSA_PSS_SHA384,
            Self::RsaPssSha512 => algorithms::RSA_PSS_SHA512,
            Self::EcdsaSha1 => algorithms::ECDSA_SHA1,
            Self::EcdsaSha224 => algorithms::ECDSA_SHA224,
            Self::EcdsaSha256 => algorithms::ECDSA_SHA256,
            Self::EcdsaSha384 => algorithms::ECDSA_SHA384,
            Self::EcdsaSha512 => algorithms::ECDSA_SHA512,
            Self::DsaSha1 => algorithms::DSA_SHA1,
            Self::DsaSha256 => algorithms::DSA_SHA256,
            Self::HmacSha1 => algorithms::HMAC_SHA1,
            Self::HmacSha224 => algorithms::HMAC_SHA224,
            Self::HmacSha256 => algorithms::HMAC_SHA256,
            Self::HmacSha384 => algorithms::HMAC_SHA384,
            Self::HmacSha512 => algorithms::HMAC_SHA512,
        }
    }

    /// The usual name: `RSA-SHA256`, `RSA-PSS-SHA256`, `ECDSA-SHA256`, `DSA-SHA1`,
    /// `HMAC-SHA256`.
    pub const fn name(self) -> &'static str {
        match self {
            Self::RsaSha1 => "RSA-SHA1",
            Self::RsaSha224 => "RSA-SHA224",
            Self::RsaSha256 => "RSA-SHA256",
            Self::RsaSha384 => "RSA-SHA384",
            Self::RsaSha512 => "RSA-SHA512",
            Self::RsaPssSha1 => "RSA-PSS-SHA1",
            Self::RsaPssSha224 => "RSA-PSS-SHA224",
            Self::RsaPssSha256 => "RSA-PSS-SHA256",
            Self::RsaPssSha384 => "RSA-PSS-SHA384",
            Self::RsaPssSha512 => "RSA-PSS-SHA512",
            Self::EcdsaSha1 => "ECDSA-SHA1",
            Self::EcdsaSha224 => "ECDSA-SHA224",
            Self::EcdsaSha256 => "ECDSA-SHA256",
            Self::EcdsaSha384 => "ECDSA-SHA384",
            Self::EcdsaSha512 => "ECDSA-SHA512",
            Self::DsaSha1 => "DSA-SHA1",
            Self::DsaSha256 => "DSA-SHA256",
            Self::HmacSha1 => "HMAC-SHA1",
            Self::HmacSha224 => "HMAC-SHA224",
            Self::HmacSha256 => "HMAC-SHA256",
            Self::HmacSha384 => "HMAC-SHA384",
            Self::HmacSha512 => "HMAC-SHA512",
        }
    }

    /// The digest the algorithm hashes `SignedInfo` with.
    pub const fn digest(self) -> DigestAlgorithm {
        match self {
            Self::RsaSha1 | Self::RsaPssSha1 | Self::EcdsaSha1 | Self::DsaSha1 | Self::HmacSha1 => {
                DigestAlgorithm::Sha1
            }
            Self::RsaSha224 | Self::RsaPssSha224 | Self::EcdsaSha224 | Self::HmacSha224 => {
                DigestAlgorithm::Sha224
            }
            Self::RsaSha256
            | Self::RsaPssSha256
            | Self::EcdsaSha256
            | Self::DsaSha256
            | Self::HmacSha256 => DigestAlgorithm::Sha256,
            Self::RsaSha384 | Self::RsaPssSha384 | Self::EcdsaSha384 | Self::HmacSha384 => {
                DigestAlgorithm::Sha384
            }
            Self::RsaSha512 | Self::RsaPssSha512 | Self::EcdsaSha512 | Self::HmacSha512 => {
                DigestAlgorithm::Sha512
            }
        }
    }

    /// Which kind of key the algorithm needs.
    pub const fn family(self) -> SignatureFamily {
        match self {
            Self::RsaSha1
            | Self::RsaSha224
            | Self::RsaSha256
            | Self::RsaSha384
            | Self::RsaSha512 => SignatureFamily::Rsa,
            Self::RsaPssSha1
            | Self::RsaPssSha224
            | Self::RsaPssSha256
            | Self::RsaPssSha384
            | Self::RsaPssSha512 => SignatureFamily::RsaPss,
            Self::EcdsaSha1
            | Self::EcdsaSha224
            | Self::EcdsaSha256
            | Self::EcdsaSha384
            | Self::EcdsaSha512 => SignatureFamily::Ecdsa,
            Self::DsaSha1 | Self::DsaSha256 => SignatureFamily::Dsa,
            Self::HmacSha1
            | Self::HmacSha224
            | Self::HmacSha256
            | Self::HmacSha384
            | Self::HmacSha512 => SignatureFamily::Hmac,
        }
    }

    /// Whether the algorithm is weak: SHA-1 based, or DSA (deprecated by FIPS 186-5).
    pub const fn is_weak(self) -> bool {
        self.digest().is_weak() || matches!(self.family(), SignatureFamily::Dsa)
    }
}

impl fmt::Display for SignatureAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

// ---------------------------------------------------------------------------------------------
// Errors and results
// ---------------------------------------------------------------------------------------------

/// Why a signature was not verified.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VerifyError {
    /// The signature is well formed and the key fits the algorithm, but the signature does not
    /// match the message: the signed bytes were changed, or another key signed them.
    BadSignature,
    /// The key cannot make this kind of signature (an RSA algorithm with an EC key), or the
    /// signature's size says it was made with another key (a P-384 signature, a P-256 key).
    KeyMismatch {
        /// The algorithm's name ([`SignatureAlgorithm::name`]).
        algorithm: &'static str,
        /// The key ([`key_description`]), with what does not fit in parentheses.
        key: String,
    },
    /// The key is not a well-formed SubjectPublicKeyInfo, or not a valid key of its kind.
    MalformedKey(String),
    /// The signature cannot be a signature of this algorithm (wrong length, out of range).
    MalformedSignature(String),
    /// Not verified by design or for lack of support (HMAC, an unknown curve, a DSA size).
    Unsupported(String),
}

impl fmt::Display for VerifyError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::BadSignature => f.write_str("the signature does not match the signed bytes"),
            Self::KeyMismatch { algorithm, key } => {
                write!(f, "{algorithm} does not fit the key: {key}")
            }
            Self::MalformedKey(why) => write!(f, "malformed key: {why}"),
            Self::MalformedSignature(why) => write!(f, "malformed signature: {why}"),
            Self::Unsupported(why) => write!(f, "not verified: {why}"),
        }
    }
}

impl std::error::Error for VerifyError {}

/// Something a verification accepted although it is not what the specification asks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Tolerance {
    /// An ECDSA or DSA `SignatureValue` was ASN.1 DER (`SEQUENCE { r, s }`, what OpenSSL and
    /// Java write) instead of the fixed-size `r‖s` XML-DSig specifies.
    DerEncodedSignature,
    /// An RSA `SignatureValue` did not have exactly the modulus's length: leading zero bytes
    /// were dropped (or added) by the signer, and restored (or removed) here.
    RsaSignatureLength {
        /// Bytes found.
        found: usize,
        /// Bytes expected (the modulus's length).
        expected: usize,
    },
}

impl fmt::Display for Tolerance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::DerEncodedSignature => f.write_str(
                "the SignatureValue is ASN.1 DER, not the r‖s of fixed size XML-DSig specifies",
            ),
            Self::RsaSignatureLength { found, expected } => write!(
                f,
                "the SignatureValue has {found} bytes instead of {expected} (leading zero bytes)"
            ),
        }
    }
}

/// A successful verification, with what was tolerated on the way.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Verified {
    /// What was accepted although not as specified (empty for a conforming signature).
    pub tolerated: Vec<Tolerance>,
}

// ---------------------------------------------------------------------------------------------
// Keys
// ---------------------------------------------------------------------------------------------

const OID_RSA: &str = "1.2.840.113549.1.1.1";
const OID_RSA_PSS: &str = "1.2.840.113549.1.1.10";
const OID_EC: &str = "1.2.840.10045.2.1";
const OID_DSA: &str = "1.2.840.10040.4.1";
const OID_ED25519: &str = "1.3.101.112";
const OID_ED448: &str = "1.3.101.113";
const OID_P256: &str = "1.2.840.10045.3.1.7";
const OID_P384: &str = "1.3.132.0.34";
const OID_P521: &str = "1.3.132.0.35";

/// RSA moduli outside this range (in bits) are refused. Below 1024 bits is weak but still
/// verified (old test suites use 512-bit keys); the upper bound caps the cost of a hostile key.
const RSA_BITS: std::ops::RangeInclusive<usize> = 512..=16384;

/// A public key parsed once, for any number of verifications.
#[derive(Clone, Debug)]
pub struct VerifyingKey {
    description: String,
    key: Key,
}

#[derive(Clone, Debug)]
enum Key {
    /// RSA; `pss_only` for an id-RSASSA-PSS key.
    Rsa {
        key: Box<rsa::PublicKey>,
        pss_only: bool,
    },
    P256(Box<p256::ecdsa::VerifyingKey>),
    P384(Box<p384::ecdsa::VerifyingKey>),
    P521(Box<p521::ecdsa::VerifyingKey>),
    Dsa(Box<dsa::VerifyingKey>),
    /// A key of a known kind that cannot be used (what `verify` answers once the algorithm
    /// is known to fit the key).
    Unusable {
        kind: KeyKind,
        error: VerifyError,
    },
    /// Ed25519, Ed448, unknown algorithms: no XML-DSig algorithm here uses them.
    Other,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum KeyKind {
    Rsa,
    Ec,
    Dsa,
}

impl VerifyingKey {
    /// Parses a SubjectPublicKeyInfo (DER).
    ///
    /// Fails only when the bytes are not a SubjectPublicKeyInfo or an RSA, EC or DSA key in
    /// it is not even well-formed DER. A key that is recognised but cannot be used (an
    /// unsupported curve or size, a modulus that is not odd) is kept, so that
    /// [`Self::verify`] says first whether the key fits the algorithm at all.
    pub fn from_spki_der(spki_der: &[u8]) -> Result<Self, VerifyError> {
        let (algorithm, key_bits) = der::subject_public_key_info(spki_der)
            .map_err(|e| VerifyError::MalformedKey(format!("not a SubjectPublicKeyInfo ({e})")))?;
        let oid = algorithm.oid.as_str();
        // The key's bytes and the absolute offset of the first (for messages).
        let (key_bytes, key_start) = match key_bits.content.split_first() {
            Some((0, rest)) => (rest, key_bits.content_start + 1),
            Some(_) => {
                return Err(VerifyError::MalformedKey(
                    "the public key BIT STRING has unused bits".to_owned(),
                ));
            }
            None => {
                return Err(VerifyError::MalformedKey(format!(
                    "not a SubjectPublicKeyInfo (the public key BIT STRING at byte {} is empty)",
                    key_bits.start
                )));
            }
        };
        if oid == OID_RSA || oid == OID_RSA_PSS {
            Ok(parse_rsa(key_bytes, key_start, oid == OID_RSA_PSS)?)
        } else if oid == OID_EC {
            match algorithm.params {
                Some(params) if params.is(Tag::OID) => {
                    if params.constructed || !der::oid_is_well_formed(params.content) {
                        return Err(VerifyError::MalformedKey(format!(
                            "bad EC curve identifier (a malformed OBJECT IDENTIFIER at byte {})",
                            params.start
                        )));
                    }
                    Ok(parse_ec(&der::oid_to_string(params.content), key_bytes))
                }
                Some(params) if params.is(Tag::SEQUENCE) => Ok(Self::unusable(
                    "EC (explicit curve)".to_owned(),
                    KeyKind::Ec,
                    VerifyError::Unsupported(
                        "an EC key with explicit curve parameters instead of a named curve"
                            .to_owned(),
                    ),
                )),
                _ => Err(VerifyError::MalformedKey(
                    "EC key without a named curve".to_owned(),
                )),
            }
        } else if oid == OID_DSA {
            parse_dsa(algorithm.params, key_bytes, key_start)
        } else if oid == OID_ED25519 {
            Ok(Self::other("Ed25519".to_owned()))
        } else if oid == OID_ED448 {
            Ok(Self::other("Ed448".to_owned()))
        } else {
            Ok(Self::other(format!("key algorithm {oid}")))
        }
    }

    fn other(description: String) -> Self {
        Self {
            description,
            key: Key::Other,
        }
    }

    fn unusable(description: String, kind: KeyKind, error: VerifyError) -> Self {
        Self {
            description,
            key: Key::Unusable { kind, error },
        }
    }

    /// "RSA 2048", "RSA-PSS 2048", "EC P-256", "DSA 1024", "Ed25519", "EC 1.3.132.0.10".
    pub fn description(&self) -> &str {
        &self.description
    }

    /// Verifies `signature` (the decoded `SignatureValue`) over `message` (the canonical
    /// `SignedInfo` bytes, hashed here per `alg`).
    pub fn verify(
        &self,
        alg: SignatureAlgorithm,
        message: &[u8],
        signature: &[u8],
    ) -> Result<Verified, VerifyError> {
        let family = alg.family();
        if family == SignatureFamily::Hmac {
            return Err(hmac_unsupported(alg));
        }
        let mismatch = |extra: Option<String>| VerifyError::KeyMismatch {
            algorithm: alg.name(),
            key: match extra {
                Some(extra) => format!("{} ({extra})", self.description),
                None => self.description.clone(),
            },
        };
        let kind = match &self.key {
            Key::Rsa { .. } => Some(KeyKind::Rsa),
            Key::P256(_) | Key::P384(_) | Key::P521(_) => Some(KeyKind::Ec),
            Key::Dsa(_) => Some(KeyKind::Dsa),
            Key::Unusable { kind, .. } => Some(*kind),
            Key::Other => None,
        };
        let fits = matches!(
            (family, kind),
            (
                SignatureFamily::Rsa | SignatureFamily::RsaPss,
                Some(KeyKind::Rsa)
            ) | (SignatureFamily::Ecdsa, Some(KeyKind::Ec))
                | (SignatureFamily::Dsa, Some(KeyKind::Dsa))
        );
        if !fits {
            return Err(mismatch(None));
        }
        let hash = digest(alg.digest(), message);
        match &self.key {
            Key::Unusable { error, .. } => Err(error.clone()),
            Key::Other => Err(mismatch(None)),
            Key::Rsa { key, pss_only } => {
                if *pss_only && family == SignatureFamily::Rsa {
                    return Err(mismatch(Some(
                        "the key is restricted to RSASSA-PSS".to_owned(),
                    )));
                }
                verify_rsa(key, alg, &hash, signature, &mismatch)
            }
            Key::P256(key) => verify_p256(key, &hash, signature, &mismatch),
            Key::P384(key) => verify_p384(key, &hash, signature, &mismatch),
            // Never made without the feature (see `parse_ec`); the guard lets the compiler drop
            // the P-521 arithmetic from such a build.
            Key::P521(key) if cfg!(feature = "ecdsa-p521") => {
                verify_p521(key, &hash, signature, &mismatch)
            }
            Key::P521(_) => Err(VerifyError::Unsupported("P-521 keys".to_owned())),
            // As for P-521: never made without the feature (see `parse_dsa`).
            Key::Dsa(key) if cfg!(feature = "dsa-signatures") => {
                verify_dsa(key, &hash, signature, &mismatch)
            }
            Key::Dsa(_) => Err(VerifyError::Unsupported("DSA keys".to_owned())),
        }
    }
}

fn hmac_unsupported(alg: SignatureAlgorithm) -> VerifyError {
    VerifyError::Unsupported(format!(
        "{} is recognised but never verified: it needs the shared secret, and HMAC signatures \
         are a known attack surface (CVE-2009-0217, HMACOutputLength)",
        alg.name()
    ))
}

/// Verifies `signature` over `message` with the key `spki_der` (SubjectPublicKeyInfo DER).
///
/// `message` is the canonical `SignedInfo` (hashed here per `alg`); `signature` is the decoded
/// `SignatureValue`: the modulus-sized integer for RSA, `r‖s` for ECDSA and DSA (an ASN.1 DER
/// signature is tolerated; [`VerifyingKey::verify`] reports it).
pub fn verify(
    alg: SignatureAlgorithm,
    spki_der: &[u8],
    message: &[u8],
    signature: &[u8],
) -> Result<(), VerifyError> {
    if alg.family() == SignatureFamily::Hmac {
        // Say so whatever the key is.
        return Err(hmac_unsupported(alg));
    }
    VerifyingKey::from_spki_der(spki_der)?
        .verify(alg, message, signature)
        .map(drop)
}

/// A short description of a SubjectPublicKeyInfo: "RSA 2048", "EC P-256", "DSA 1024",
/// "Ed25519", or "malformed key" when it cannot be read.
pub fn key_description(spki_der: &[u8]) -> String {
    match VerifyingKey::from_spki_der(spki_der) {
        Ok(key) => key.description,
        Err(_) => "malformed key".to_owned(),
    }
}

fn bit_length(bytes: &[u8]) -> usize {
    let bytes = strip_zeros(bytes);
    match bytes.first() {
        // The leading byte is non-zero, so `leading_zeros` is at most 7.
        Some(first) => bytes.len() * 8 - first.leading_zeros() as usize,
        None => 0,
    }
}

fn strip_zeros(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|b| *b != 0).unwrap_or(bytes.len());
    &bytes[start..]
}

/// RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER } at absolute offset
/// `base`: the magnitudes of n and e.
fn read_rsa_public_key(der: &[u8], base: usize) -> Result<(&[u8], &[u8]), String> {
    let mut top = Der::at(der, base);
    let seq = top.expect(Tag::SEQUENCE, "the RSAPublicKey SEQUENCE")?;
    top.finish("the RSAPublicKey")?;
    let mut r = seq.reader();
    let n = r
        .expect(Tag::INTEGER, "the modulus")?
        .unsigned("the modulus")?;
    let e = r
        .expect(Tag::INTEGER, "the public exponent")?
        .unsigned("the public exponent")?;
    r.finish("the public exponent")?;
    Ok((n, e))
}

fn parse_rsa(key_bytes: &[u8], base: usize, pss_only: bool) -> Result<VerifyingKey, VerifyError> {
    let (n, e) = read_rsa_public_key(key_bytes, base)
        .map_err(|e| VerifyError::MalformedKey(format!("not an RSAPublicKey ({e})")))?;
    let bits = bit_length(n);
    let label = if pss_only { "RSA-PSS" } else { "RSA" };
    let description = format!("{label} {bits}");
    let unusable = |error| {
        Ok(VerifyingKey::unusable(
            description.clone(),
            KeyKind::Rsa,
            error,
        ))
    };
    if !RSA_BITS.contains(&bits) {
        return unusable(VerifyError::Unsupported(format!(
            "an RSA modulus of {bits} bits (supported: {} to {})",
            RSA_BITS.start(),
            RSA_BITS.end()
        )));
    }
    // `rsa` refuses exponents above 2^33 - 1: check the size first, not to build a huge one.
    if e.len() > 8 {
        return unusable(VerifyError::Unsupported(format!(
            "an RSA public exponent of {} bits",
            bit_length(e)
        )));
    }
    let to_uint = |bytes: &[u8]| {
        u32::try_from(bytes.len() * 8)
            .ok()
            .and_then(|precision| rsa::BoxedUint::from_be_slice(bytes, precision).ok())
    };
    let (Some(n_uint), Some(e_uint)) = (to_uint(n), to_uint(e)) else {
        return unusable(VerifyError::MalformedKey(
            "the RSA modulus or exponent is empty".to_owned(),
        ));
    };
    match rsa::PublicKey::new_with_size_limits(n_uint, e_uint, RSA_BITS) {
        Ok(key) => Ok(VerifyingKey {
            description,
            key: Key::Rsa {
                key: Box::new(key),
                pss_only,
            },
        }),
        Err(err) => unusable(VerifyError::MalformedKey(format!(
            "invalid RSA public key ({err})"
        ))),
    }
}

fn curve_name(curve: &str) -> Option<&'static str> {
    match curve {
        OID_P256 => Some("P-256"),
        OID_P384 => Some("P-384"),
        OID_P521 => Some("P-521"),
        _ => None,
    }
}

fn other_curve_name(curve: &str) -> Option<&'static str> {
    Some(match curve {
        "1.3.132.0.10" => "secp256k1",
        "1.3.132.0.33" => "P-224",
        "1.2.840.10045.3.1.1" => "P-192",
        "1.3.36.3.3.2.8.1.1.7" => "brainpoolP256r1",
        "1.3.36.3.3.2.8.1.1.11" => "brainpoolP384r1",
        "1.3.36.3.3.2.8.1.1.13" => "brainpoolP512r1",
        "1.2.156.10197.1.301" => "SM2",
        _ => return None,
    })
}

fn parse_ec(curve: &str, point: &[u8]) -> VerifyingKey {
    let Some(name) = curve_name(curve) else {
        let description = match other_curve_name(curve) {
            Some(name) => format!("EC {name}"),
            None => format!("EC {curve}"),
        };
        let error = VerifyError::Unsupported(format!(
            "ECDSA on the curve {curve}{} (supported: P-256, P-384, P-521)",
            other_curve_name(curve)
                .map(|n| format!(" ({n})"))
                .unwrap_or_default()
        ));
        return VerifyingKey::unusable(description, KeyKind::Ec, error);
    };
    let description = format!("EC {name}");
    let key = match name {
        "P-256" => {
            p256::ecdsa::VerifyingKey::from_sec1_bytes(point).map(|k| Key::P256(Box::new(k)))
        }
        "P-384" => {
            p384::ecdsa::VerifyingKey::from_sec1_bytes(point).map(|k| Key::P384(Box::new(k)))
        }
        _ if !cfg!(feature = "ecdsa-p521") => {
            return VerifyingKey::unusable(
                description,
                KeyKind::Ec,
                VerifyError::Unsupported(
                    "P-521 keys are left out of the web page to keep it small (no SAML identity \
                     provider in common use signs with one): verify with `samlscope inspect`"
                        .to_owned(),
                ),
            );
        }
        _ => p521::ecdsa::VerifyingKey::from_sec1_bytes(point).map(|k| Key::P521(Box::new(k))),
    };
    match key {
        Ok(key) => VerifyingKey { description, key },
        Err(_) => VerifyingKey::unusable(
            description,
            KeyKind::Ec,
            VerifyError::MalformedKey(format!(
                "the {}-byte public key is not a point on {name}",
                point.len()
            )),
        ),
    }
}

/// Dss-Parms ::= SEQUENCE { p INTEGER, q INTEGER, g INTEGER }: the magnitudes.
fn read_dsa_params<'a>(params: &Tlv<'a>) -> Result<[&'a [u8]; 3], String> {
    if !params.is(Tag::SEQUENCE) || !params.constructed {
        return Err(format!(
            "expected Dss-Parms (SEQUENCE) at byte {}, found {}",
            params.start,
            params.type_name()
        ));
    }
    let mut r = params.reader();
    let p = r.expect(Tag::INTEGER, "p")?.unsigned("p")?;
    let q = r.expect(Tag::INTEGER, "q")?.unsigned("q")?;
    let g = r.expect(Tag::INTEGER, "g")?.unsigned("g")?;
    r.finish("g")?;
    Ok([p, q, g])
}

/// `bytes` without leading zero bytes.
fn trim_zeros(bytes: &[u8]) -> &[u8] {
    let zeros = bytes.iter().take_while(|&&b| b == 0).count();
    &bytes[zeros..]
}

/// `value` (big-endian) as an integer of the same width as `p` (big-endian), when it is less
/// than `p`.
fn below_p(value: &[u8], p: &[u8]) -> Option<dsa::BoxedUint> {
    let (value, p) = (trim_zeros(value), trim_zeros(p));
    if value.len() > p.len() || (value.len() == p.len() && value >= p) {
        return None;
    }
    let mut padded = vec![0; p.len() - value.len()];
    padded.extend_from_slice(value);
    Some(dsa::BoxedUint::from_be_slice_vartime(&padded))
}

/// The DSA public key y: an INTEGER filling the BIT STRING, at absolute offset `base`.
fn read_dsa_y(key_bytes: &[u8], base: usize) -> Result<&[u8], String> {
    let mut r = Der::at(key_bytes, base);
    let y = r
        .expect(Tag::INTEGER, "the public key y")?
        .unsigned("the public key y")?;
    r.finish("the public key y")?;
    Ok(y)
}

fn parse_dsa(
    params: Option<Tlv<'_>>,
    key_bytes: &[u8],
    key_start: usize,
) -> Result<VerifyingKey, VerifyError> {
    // p and q, read here for the description and to say which sizes are unsupported.
    let Some(params) = params else {
        return Ok(VerifyingKey::unusable(
            "DSA".to_owned(),
            KeyKind::Dsa,
            VerifyError::Unsupported(
                "a DSA key without parameters (inherited from the issuer)".to_owned(),
            ),
        ));
    };
    let [p, q, g] = read_dsa_params(&params)
        .map_err(|e| VerifyError::MalformedKey(format!("bad DSA parameters ({e})")))?;
    let (p_bits, q_bits) = (bit_length(p), bit_length(q));
    let description = format!("DSA {p_bits}");
    if !matches!(
        (p_bits, q_bits),
        (1024, 160) | (2048, 224) | (2048, 256) | (3072, 256)
    ) {
        return Ok(VerifyingKey::unusable(
            description,
            KeyKind::Dsa,
            VerifyError::Unsupported(format!(
                "a DSA key with a {p_bits}-bit p and a {q_bits}-bit q (supported: 1024/160, \
                 2048/224, 2048/256, 3072/256)"
            )),
        ));
    }
    if !cfg!(feature = "dsa-signatures") {
        return Ok(VerifyingKey::unusable(
            description,
            KeyKind::Dsa,
            VerifyError::Unsupported(
                "DSA keys are left out of the web page to keep it small (SAML identity providers \
                 sign with RSA or ECDSA): verify with `samlscope inspect`"
                    .to_owned(),
            ),
        ));
    }
    let key = read_dsa_y(key_bytes, key_start).and_then(|y| {
        let uint = dsa::BoxedUint::from_be_slice_vartime;
        // g and y are taken modulo p at p's width: one wider (leading zeros, or simply larger)
        // would reach the arithmetic at another precision, which panics.
        let g = below_p(g, p).ok_or("g is not less than p")?;
        let y = below_p(y, p).ok_or("y is not less than p")?;
        let components = dsa::Components::from_components(uint(trim_zeros(p)), uint(q), g)
            .map_err(|_| "p, q and g are not valid DSA parameters".to_owned())?;
        dsa::VerifyingKey::from_components(components, y)
            .map_err(|_| "y is not in the subgroup of p, q and g".to_owned())
    });
    match key {
        Ok(key) => Ok(VerifyingKey {
            description,
            key: Key::Dsa(Box::new(key)),
        }),
        Err(e) => Ok(VerifyingKey::unusable(
            description,
            KeyKind::Dsa,
            VerifyError::MalformedKey(format!("invalid DSA public key ({e})")),
        )),
    }
}

// ---------------------------------------------------------------------------------------------
// Verification
// ---------------------------------------------------------------------------------------------

fn verify_rsa(
    key: &rsa::PublicKey,
    alg: SignatureAlgorithm,
    hash: &[u8],
    signature: &[u8],
    mismatch: &dyn Fn(Option<String>) -> VerifyError,
) -> Result<Verified, VerifyError> {
    let k = key.size();
    let mut tolerated = Vec::new();
    let padded;
    let signature = if signature.len() == k {
        signature
    } else if signature.is_empty() {
        return Err(VerifyError::MalformedSignature(
            "the signature is empty".to_owned(),
        ));
    } else if signature.len() < k && k - signature.len() <= 3 {
        // Leading zero bytes dropped by the signer (about 1 signature in 256).
        let mut v = vec![0; k - signature.len()];
        v.extend_from_slice(signature);
        padded = v;
        tolerated.push(Tolerance::RsaSignatureLength {
            found: signature.len(),
            expected: k,
        });
        &padded
    } else if signature.len() > k && signature[..signature.len() - k].iter().all(|b| *b == 0) {
        tolerated.push(Tolerance::RsaSignatureLength {
            found: signature.len(),
            expected: k,
        });
        &signature[signature.len() - k..]
    } else if signature.len() >= 64 && signature.len().is_multiple_of(32) {
        return Err(mismatch(Some(format!(
            "a {}-byte signature is from an RSA {} key; this key's are {k} bytes",
            signature.len(),
            signature.len() * 8
        ))));
    } else {
        return Err(VerifyError::MalformedSignature(format!(
            "an RSA signature of {} bytes; this key's are {k} bytes",
            signature.len()
        )));
    };
    use rsa::Pkcs1v15Sign;
    use rsa::pss::Pss;
    let result = match alg {
        SignatureAlgorithm::RsaSha1 => {
            key.verify(Pkcs1v15Sign::new::<sha1::Sha1>(), hash, signature)
        }
        SignatureAlgorithm::RsaSha224 => {
            key.verify(Pkcs1v15Sign::new::<sha2::Sha224>(), hash, signature)
        }
        SignatureAlgorithm::RsaSha256 => {
            key.verify(Pkcs1v15Sign::new::<sha2::Sha256>(), hash, signature)
        }
        SignatureAlgorithm::RsaSha384 => {
            key.verify(Pkcs1v15Sign::new::<sha2::Sha384>(), hash, signature)
        }
        SignatureAlgorithm::RsaSha512 => {
            key.verify(Pkcs1v15Sign::new::<sha2::Sha512>(), hash, signature)
        }
        SignatureAlgorithm::RsaPssSha1 => key.verify(Pss::<sha1::Sha1>::new(), hash, signature),
        SignatureAlgorithm::RsaPssSha224 => key.verify(Pss::<sha2::Sha224>::new(), hash, signature),
        SignatureAlgorithm::RsaPssSha256 => key.verify(Pss::<sha2::Sha256>::new(), hash, signature),
        SignatureAlgorithm::RsaPssSha384 => key.verify(Pss::<sha2::Sha384>::new(), hash, signature),
        SignatureAlgorithm::RsaPssSha512 => key.verify(Pss::<sha2::Sha512>::new(), hash, signature),
        _ => return Err(mismatch(None)),
    };
    match result {
        Ok(()) => Ok(Verified { tolerated }),
        Err(_) => Err(VerifyError::BadSignature),
    }
}

/// The field size in bytes of the curves supported, and their names, to say which curve a
/// signature's length is for.
const CURVE_SIGNATURE_LENGTHS: [(usize, &str); 3] = [(64, "P-256"), (96, "P-384"), (132, "P-521")];

/// An ASN.1 DER `SEQUENCE { r, s }` as the fixed-size `r‖s` of a curve whose field has
/// `field_len` bytes; `None` when it is not one or r or s does not fit.
fn der_r_s(signature: &[u8], field_len: usize) -> Option<Vec<u8>> {
    let (r, s) = der::signature_r_s(signature).ok()?;
    if r.len() > field_len || s.len() > field_len {
        return None;
    }
    let mut rs = vec![0; 2 * field_len];
    rs[field_len - r.len()..field_len].copy_from_slice(r);
    rs[2 * field_len - s.len()..].copy_from_slice(s);
    Some(rs)
}

/// One ECDSA verifier per curve (the generic bounds of `ecdsa` over all three are longer than
/// the code).
macro_rules! ecdsa_verifier {
    ($name:ident, $curve:ident) => {
        fn $name(
            key: &$curve::ecdsa::VerifyingKey,
            hash: &[u8],
            signature: &[u8],
            mismatch: &dyn Fn(Option<String>) -> VerifyError,
        ) -> Result<Verified, VerifyError> {
            let expected = 2 * $curve::FieldBytes::default().len();
            let mut tolerated = Vec::new();
            let parsed = if signature.len() == expected {
                $curve::ecdsa::Signature::from_slice(signature).map_err(|_| {
                    VerifyError::MalformedSignature(
                        "r or s is zero or not below the curve order".to_owned(),
                    )
                })?
            } else if let Some(sig) = der_r_s(signature, expected / 2)
                .and_then(|rs| $curve::ecdsa::Signature::from_slice(&rs).ok())
            {
                tolerated.push(Tolerance::DerEncodedSignature);
                sig
            } else if let Some((_, curve)) = CURVE_SIGNATURE_LENGTHS
                .iter()
                .find(|(len, _)| *len == signature.len())
            {
                return Err(mismatch(Some(format!(
                    "a {}-byte r‖s is from a {curve} key",
                    signature.len()
                ))));
            } else {
                return Err(VerifyError::MalformedSignature(format!(
                    "an ECDSA signature of {} bytes; this curve's r‖s has {expected}",
                    signature.len()
                )));
            };
            key.verify_prehash(hash, &parsed)
                .map(|()| Verified { tolerated })
                .map_err(|_| VerifyError::BadSignature)
        }
    };
}

ecdsa_verifier!(verify_p256, p256);
ecdsa_verifier!(verify_p384, p384);
ecdsa_verifier!(verify_p521, p521);

fn verify_dsa(
    key: &dsa::VerifyingKey,
    hash: &[u8],
    signature: &[u8],
    mismatch: &dyn Fn(Option<String>) -> VerifyError,
) -> Result<Verified, VerifyError> {
    let q_len = (key.components().q().bit_width() as usize).div_ceil(8);
    let mut tolerated = Vec::new();
    let parsed = if signature.len() == 2 * q_len {
        let (r, s) = signature.split_at(q_len);
        dsa::Signature::from_components(
            dsa::BoxedUint::from_be_slice_vartime(r),
            dsa::BoxedUint::from_be_slice_vartime(s),
        )
        .ok_or_else(|| VerifyError::MalformedSignature("r or s is zero".to_owned()))?
    } else if let Some(sig) = der::signature_r_s(signature).ok().and_then(|(r, s)| {
        dsa::Signature::from_components(
            dsa::BoxedUint::from_be_slice_vartime(r),
            dsa::BoxedUint::from_be_slice_vartime(s),
        )
    }) {
        tolerated.push(Tolerance::DerEncodedSignature);
        sig
    } else if matches!(signature.len(), 40 | 56 | 64) {
        return Err(mismatch(Some(format!(
            "a {}-byte r‖s is from a key with a {}-bit q; this key's is {} bits",
            signature.len(),
            signature.len() * 4,
            q_len * 8
        ))));
    } else {
        return Err(VerifyError::MalformedSignature(format!(
            "a DSA signature of {} bytes; this key's r‖s has {}",
            signature.len(),
            2 * q_len
        )));
    };
    key.verify_prehash(hash, &parsed)
        .map(|()| Verified { tolerated })
        .map_err(|_| VerifyError::BadSignature)
}

// ---------------------------------------------------------------------------------------------
// KeyValue → SubjectPublicKeyInfo
// ---------------------------------------------------------------------------------------------

fn der_tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(content.len() + 6);
    out.push(tag);
    let len = content.len();
    if len < 0x80 {
        out.push(len as u8);
    } else {
        let bytes = len.to_be_bytes();
        let significant = strip_zeros(&bytes);
        out.push(0x80 | significant.len() as u8);
        out.extend_from_slice(significant);
    }
    out.extend_from_slice(content);
    out
}

fn der_uint(bytes: &[u8]) -> Vec<u8> {
    let bytes = strip_zeros(bytes);
    let mut content = Vec::with_capacity(bytes.len() + 1);
    if bytes.first().is_none_or(|b| *b & 0x80 != 0) {
        content.push(0);
    }
    content.extend_from_slice(bytes);
    der_tlv(0x02, &content)
}

/// The DER of a dotted OID this file knows to be valid (or that [`der::oid_from_dotted`]
/// accepted).
fn der_oid(oid: &str) -> Vec<u8> {
    der_tlv(0x06, &der::oid_from_dotted(oid).unwrap_or_default())
}

fn der_bit_string(bytes: &[u8]) -> Vec<u8> {
    let mut content = Vec::with_capacity(bytes.len() + 1);
    content.push(0);
    content.extend_from_slice(bytes);
    der_tlv(0x03, &content)
}

fn spki_der(algorithm: &[u8], key: &[u8]) -> Vec<u8> {
    let mut content = der_tlv(0x30, algorithm);
    content.extend(der_bit_string(key));
    der_tlv(0x30, &content)
}

/// Checks a built SubjectPublicKeyInfo the way [`verify`] will read it.
fn check_built(spki: Vec<u8>) -> Result<Vec<u8>, VerifyError> {
    match VerifyingKey::from_spki_der(&spki)?.key {
        Key::Unusable { error, .. } => Err(error),
        _ => Ok(spki),
    }
}

/// The SubjectPublicKeyInfo DER of a `ds:RSAKeyValue` (`Modulus` and `Exponent`, decoded from
/// base64: big-endian, leading zero bytes allowed).
pub fn rsa_spki_from_components(modulus: &[u8], exponent: &[u8]) -> Result<Vec<u8>, VerifyError> {
    if strip_zeros(modulus).is_empty() || strip_zeros(exponent).is_empty() {
        return Err(VerifyError::MalformedKey(
            "the RSA modulus or exponent is zero or empty".to_owned(),
        ));
    }
    let mut algorithm = der_oid(OID_RSA);
    algorithm.extend_from_slice(&[0x05, 0x00]);
    let mut key = der_uint(modulus);
    key.extend(der_uint(exponent));
    check_built(spki_der(&algorithm, &der_tlv(0x30, &key)))
}

/// The SubjectPublicKeyInfo DER of a `dsig11:ECKeyValue`: `curve` is the `NamedCurve` URI
/// (`urn:oid:1.2.840.10045.3.1.7`), a bare OID, or a name (`P-256`, `secp384r1`,
/// `prime256v1`); `point` is the decoded `PublicKey` (an uncompressed or compressed SEC1
/// point).
pub fn ec_spki_from_point(curve_oid_or_uri: &str, point: &[u8]) -> Result<Vec<u8>, VerifyError> {
    let text = curve_oid_or_uri.trim();
    let text = text
        .strip_prefix("urn:oid:")
        .or_else(|| text.strip_prefix("URN:OID:"))
        .unwrap_or(text);
    let curve = match text.to_ascii_lowercase().as_str() {
        "p-256" | "p256" | "secp256r1" | "prime256v1" | "nistp256" => OID_P256,
        "p-384" | "p384" | "secp384r1" | "nistp384" => OID_P384,
        "p-521" | "p521" | "secp521r1" | "nistp521" => OID_P521,
        _ => text,
    };
    let curve = der::oid_from_dotted(curve)
        .ok_or_else(|| VerifyError::Unsupported(format!("the curve `{curve_oid_or_uri}`")))?;
    let mut algorithm = der_oid(OID_EC);
    algorithm.extend(der_tlv(0x06, &curve));
    check_built(spki_der(&algorithm, point))
}

/// The SubjectPublicKeyInfo DER of a `ds:DSAKeyValue` (`P`, `Q`, `G`, `Y`, decoded from base64).
pub fn dsa_spki_from_components(
    p: &[u8],
    q: &[u8],
    g: &[u8],
    y: &[u8],
) -> Result<Vec<u8>, VerifyError> {
    let mut params = der_uint(p);
    params.extend(der_uint(q));
    params.extend(der_uint(g));
    let mut algorithm = der_oid(OID_DSA);
    algorithm.extend(der_tlv(0x30, &params));
    check_built(spki_der(&algorithm, &der_uint(y)))
}
