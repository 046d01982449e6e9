//! Signature algorithms: the `SignatureMethod` algorithms, their digests and key families.

use std::fmt;

use super::digests::DigestAlgorithm;
use crate::algorithms;

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
