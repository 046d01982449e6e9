//! Key algorithms and curves: the OIDs of key algorithms and named curves, and key sizes.

use super::KeyAlgorithm;
use crate::der::{Tag, Tlv, oid_to_string};

pub(super) const OID_RSA: &str = "1.2.840.113549.1.1.1";
pub(super) const OID_RSA_PSS: &str = "1.2.840.113549.1.1.10";
pub(super) const OID_EC: &str = "1.2.840.10045.2.1";
pub(super) const OID_EC_DH: &str = "1.3.132.1.12";
pub(super) const OID_EC_MQV: &str = "1.3.132.1.13";
pub(super) const OID_DSA: &str = "1.2.840.10040.4.1";
pub(super) const OID_ED25519: &str = "1.3.101.112";
pub(super) const OID_ED448: &str = "1.3.101.113";

pub(super) fn key_algorithm_from_oid(oid: &str) -> KeyAlgorithm {
    match oid {
        OID_RSA | OID_RSA_PSS => KeyAlgorithm::Rsa,
        OID_EC | OID_EC_DH | OID_EC_MQV => KeyAlgorithm::Ec,
        OID_DSA => KeyAlgorithm::Dsa,
        OID_ED25519 => KeyAlgorithm::Ed25519,
        OID_ED448 => KeyAlgorithm::Ed448,
        other => KeyAlgorithm::Other(key_algorithm_name(other)),
    }
}

pub(super) fn key_algorithm_name(oid: &str) -> String {
    match oid {
        "1.3.101.110" => "X25519",
        "1.3.101.111" => "X448",
        "1.2.840.10046.2.1" => "DH",
        "1.2.840.113549.1.3.1" => "DH",
        "1.2.643.2.2.19" => "GOST R 34.10-2001",
        "1.2.643.7.1.1.1.1" => "GOST R 34.10-2012 (256 bit)",
        "1.2.643.7.1.1.1.2" => "GOST R 34.10-2012 (512 bit)",
        other => return other.to_string(),
    }
    .to_string()
}

/// Name and field size of a named curve.
fn curve_by_oid(oid: &str) -> Option<(&'static str, u32)> {
    Some(match oid {
        "1.2.840.10045.3.1.7" => ("P-256", 256),
        "1.3.132.0.34" => ("P-384", 384),
        "1.3.132.0.35" => ("P-521", 521),
        "1.3.132.0.33" => ("P-224", 224),
        "1.2.840.10045.3.1.1" => ("P-192", 192),
        "1.3.132.0.10" => ("secp256k1", 256),
        "1.3.36.3.3.2.8.1.1.7" => ("brainpoolP256r1", 256),
        "1.3.36.3.3.2.8.1.1.11" => ("brainpoolP384r1", 384),
        "1.3.36.3.3.2.8.1.1.13" => ("brainpoolP512r1", 512),
        "1.2.156.10197.1.301" => ("SM2", 256),
        _ => return None,
    })
}

/// ECParameters ::= CHOICE { namedCurve OID, implicitCurve NULL, specifiedCurve SEQUENCE }.
pub(super) fn ec_curve_from_params(params: &Tlv<'_>) -> Result<(String, Option<u32>), String> {
    if params.is(Tag::OID) {
        let oid = oid_to_string(params.content);
        return Ok(match curve_by_oid(&oid) {
            Some((name, bits)) => (name.to_string(), Some(bits)),
            None => (oid, None),
        });
    }
    if params.is(Tag::NULL) {
        return Ok(("implicit curve".to_string(), None));
    }
    if params.is(Tag::SEQUENCE) {
        // SpecifiedECDomain { version, fieldID SEQUENCE { fieldType, prime p }, ... }
        let mut r = params.reader();
        let bits = (|| -> Result<u32, String> {
            r.expect(Tag::INTEGER, "the version")?;
            let field = r.expect(Tag::SEQUENCE, "fieldID")?;
            let mut f = field.reader();
            f.expect(Tag::OID, "fieldType")?;
            let p = f.expect(Tag::INTEGER, "the prime")?;
            positive_bits(&p, "field prime")
        })()
        .ok();
        return Ok(("explicit curve parameters".to_string(), bits));
    }
    Err(format!(
        "EC parameters at byte {} are a {}, not a curve",
        params.start,
        params.type_name()
    ))
}

/// Field size from an encoded EC point (for curves not in the table).
pub(super) fn ec_point_bits(point: &[u8]) -> Option<u32> {
    let bytes = match point {
        [4, rest @ ..] if !rest.is_empty() && rest.len() % 2 == 0 => rest.len() / 2,
        [2 | 3, rest @ ..] if !rest.is_empty() => rest.len(),
        _ => return None,
    };
    u32::try_from(bytes.saturating_mul(8)).ok()
}

/// Dss-Parms ::= SEQUENCE { p INTEGER, q INTEGER, g INTEGER }: the bits of p.
pub(super) fn dsa_params_bits(params: &Tlv<'_>) -> Result<u32, String> {
    let mut r = params.reader();
    let p = r.expect(Tag::INTEGER, "DSA p")?;
    r.expect(Tag::INTEGER, "DSA q")?;
    r.expect(Tag::INTEGER, "DSA g")?;
    r.finish("the DSA parameters")?;
    positive_bits(&p, "DSA p")
}

/// Bit length of a big-endian magnitude, ignoring leading zero bytes.
pub(super) fn magnitude_bits(bytes: &[u8]) -> u32 {
    let start = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len());
    let bytes = &bytes[start..];
    match bytes.first() {
        None => 0,
        Some(&first) => {
            let bits = (bytes.len() as u64 - 1) * 8 + u64::from(8 - first.leading_zeros());
            u32::try_from(bits).unwrap_or(u32::MAX)
        }
    }
}

/// Bits of a non-zero INTEGER (a modulus or prime). A missing `00` sign byte (a "negative"
/// modulus, which some old encoders wrote) is read as the unsigned magnitude it was meant to be.
pub(super) fn positive_bits(int: &Tlv<'_>, what: &str) -> Result<u32, String> {
    match magnitude_bits(int.content) {
        0 => Err(format!("the {what} at byte {} is zero", int.start)),
        bits => Ok(bits),
    }
}

/// The bytes of a BIT STRING with no unused bits.
pub(super) fn bit_string_bytes<'a>(bits: &Tlv<'a>) -> Result<&'a [u8], String> {
    match bits.content.split_first() {
        Some((0, rest)) => Ok(rest),
        Some((unused, _)) => Err(format!(
            "the BIT STRING at byte {} has {unused} unused bits; a key has whole bytes",
            bits.start
        )),
        None => Err(format!("the BIT STRING at byte {} is empty", bits.start)),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn oid_strings() {
        assert_eq!(
            oid_to_string(&[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01]),
            OID_RSA
        );
        assert_eq!(oid_to_string(&[0x2B, 0x65, 0x70]), OID_ED25519);
        assert_eq!(oid_to_string(&[0x2B, 0x81]), "1.3.(truncated)");
        assert_eq!(oid_to_string(&[]), "(truncated)");
        let long = [0xFFu8; 40];
        assert!(oid_to_string(&long).ends_with("(truncated)"));
        let mut overflow = vec![0x2A];
        overflow.extend([0xFF; 30]);
        overflow.push(0x01);
        assert!(oid_to_string(&overflow).starts_with("1.2.0x"));
    }

    #[test]
    fn bits_ignore_leading_zeros() {
        assert_eq!(magnitude_bits(&[0, 0, 0x80, 0]), 16);
        assert_eq!(magnitude_bits(&[0x01]), 1);
        assert_eq!(magnitude_bits(&[0, 0]), 0);
        assert_eq!(magnitude_bits(&[]), 0);
    }
}
