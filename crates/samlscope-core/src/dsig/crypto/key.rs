//! Keys: a SubjectPublicKeyInfo read once into an RSA, EC or DSA verifying key, with its
//! size and curve checked.

use super::digests::digest;
use super::error::{Verified, VerifyError};
use super::signature_algorithm::{SignatureAlgorithm, SignatureFamily};
use super::verification::{verify_dsa, verify_p256, verify_p384, verify_p521, verify_rsa};
use crate::der::{self, Der, Tag, Tlv};

pub(super) const OID_RSA: &str = "1.2.840.113549.1.1.1";
const OID_RSA_PSS: &str = "1.2.840.113549.1.1.10";
pub(super) const OID_EC: &str = "1.2.840.10045.2.1";
pub(super) const OID_DSA: &str = "1.2.840.10040.4.1";
const OID_ED25519: &str = "1.3.101.112";
const OID_ED448: &str = "1.3.101.113";
pub(super) const OID_P256: &str = "1.2.840.10045.3.1.7";
pub(super) const OID_P384: &str = "1.3.132.0.34";
pub(super) const OID_P521: &str = "1.3.132.0.35";

/// RSA moduli outside this range (in bits) are refused. Below 1024 bits is weak but still
/// verified (old test suites use 512-bit keys); the upper bound caps the cost of a hostile key.
const RSA_BITS: std::ops::RangeInclusive<usize> = 512..=16384;

/// A public key parsed once, for any number of verifications.
#[derive(Clone, Debug)]
pub struct VerifyingKey {
    description: String,
    pub(super) key: Key,
}

#[derive(Clone, Debug)]
pub(super) enum Key {
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
pub(super) enum KeyKind {
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

pub(super) fn strip_zeros(bytes: &[u8]) -> &[u8] {
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
