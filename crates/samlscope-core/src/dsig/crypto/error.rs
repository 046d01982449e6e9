//! Errors and results of a verification: why it failed, and what was tolerated.

use std::fmt;

/// Why a signature was not verified.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VerifyError {
    /// The signature is well formed and the key fits the algorithm, but the signature does not
    /// match the message: the signed bytes were changed, or another key signed them.
    BadSignature,
    /// The key cannot make this kind of signature (an RSA algorithm with an EC key), or the
    /// signature's size says it was made with another key (a P-384 signature, a P-256 key).
    KeyMismatch {
        /// The algorithm's name ([`SignatureAlgorithm::name`](super::SignatureAlgorithm::name)).
        algorithm: &'static str,
        /// The key ([`key_description`](super::key_description)), with what does not fit in parentheses.
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
