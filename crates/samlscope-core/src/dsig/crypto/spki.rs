//! `KeyValue` → SubjectPublicKeyInfo: the RSA, EC and DSA key values of `KeyInfo` as DER.

use super::error::VerifyError;
use super::key::{
    Key, OID_DSA, OID_EC, OID_P256, OID_P384, OID_P521, OID_RSA, VerifyingKey, strip_zeros,
};
use crate::der;

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

/// Checks a built SubjectPublicKeyInfo the way [`verify`](super::verify) will read it.
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
