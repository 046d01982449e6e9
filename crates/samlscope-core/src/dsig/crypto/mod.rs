//! Digests and signature primitives of XML-DSig.
//!
//! * [`DigestAlgorithm`] names the `DigestMethod` algorithms (SHA-1 and SHA-2) by URI;
//!   [`Hasher`] hashes canonical bytes as they are written (it is a
//!   [`Sink`](crate::dsig::c14n::Sink)) and [`digest()`] hashes a slice.
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
//!
//! The modules follow those steps: `digests`, `signature_algorithm`, `error` (errors and
//! results), `key` (verifying keys), `verification` and `spki` (`KeyValue` →
//! SubjectPublicKeyInfo).

mod digests;
mod error;
mod key;
mod signature_algorithm;
mod spki;
mod verification;

pub use self::digests::{DigestAlgorithm, Hasher, digest};
pub use self::error::{Tolerance, Verified, VerifyError};
pub use self::key::{VerifyingKey, key_description, verify};
pub use self::signature_algorithm::{SignatureAlgorithm, SignatureFamily};
pub use self::spki::{dsa_spki_from_components, ec_spki_from_point, rsa_spki_from_components};
