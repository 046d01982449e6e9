//! Reading DER X.509 certificates: the TBSCertificate's fields, names, times, serial and
//! signature algorithm.

use sha1::{Digest as _, Sha1};
use sha2::Sha256;

use super::key_algorithms::key_algorithm_from_oid;
use super::keys::public_key_from_spki;
use super::{CertError, CertificateInfo, PublicKeyInfo};
use crate::der::{
    AlgorithmId, Class, Der, Tag, Tlv, der_structure_problem, envelope, hex_upper, oid_to_string,
};
use crate::time::{Timestamp, days_from_civil};

/// Parses a DER X.509 certificate. Trailing bytes after the certificate are an error.
pub fn parse_certificate(der: &[u8]) -> Result<CertificateInfo, CertError> {
    parse_certificate_der(der, false)
        .map_err(|m| CertError::new(format!("not a DER certificate: {m}")))
}

/// Parses a certificate; with `allow_trailing`, bytes after it are ignored (OpenSSL's
/// `TRUSTED CERTIFICATE` appends its trust settings there).
pub(super) fn parse_certificate_der(
    der: &[u8],
    allow_trailing: bool,
) -> Result<CertificateInfo, String> {
    let outer = envelope(der, allow_trailing)?;
    let der = &der[..outer.end()];
    let cert = match read_x509(&outer) {
        Ok(cert) => cert,
        Err(e) => {
            // Prefer a structural problem with a byte position anywhere in the DER over the
            // first field that does not fit.
            if let Some(problem) = der_structure_problem(der) {
                return Err(problem);
            }
            return Err(format!("the X.509 structure is invalid ({e})"));
        }
    };
    // A key we cannot size should not hide the rest of the certificate.
    let key = public_key_from_spki(cert.spki).unwrap_or_else(|_| PublicKeyInfo {
        algorithm: key_algorithm_from_oid(&cert.key_algorithm),
        bits: None,
        curve: None,
        spki_der: cert.spki.to_vec(),
    });
    let self_signed = cert.subject_raw == cert.issuer_raw || cert.subject == cert.issuer;
    Ok(CertificateInfo {
        serial: serial_to_string(cert.serial),
        not_before: cert.not_before,
        not_after: cert.not_after,
        key,
        signature_algorithm: signature_algorithm_name(&cert.signature_algorithm),
        self_signed,
        sha1: hex_upper(&Sha1::digest(der)),
        sha256: hex_upper(&Sha256::digest(der)),
        der: der.to_vec(),
        subject: cert.subject,
        common_name: cert.subject_cn,
        issuer: cert.issuer,
    })
}

/// Whether `der` is exactly one X.509 certificate, nothing before or after it: the cheap
/// check of [`parse_certificate`] (no thumbprints, key sizes or names kept).
pub(crate) fn is_der_certificate(der: &[u8]) -> bool {
    der.first() == Some(&0x30)
        && Der::new(der)
            .any("the certificate")
            .is_ok_and(|outer| outer.end() == der.len() && read_x509(&outer).is_ok())
}

/// What [`read_x509`] takes from a certificate.
struct X509<'a> {
    serial: &'a [u8],
    issuer_raw: &'a [u8],
    issuer: String,
    subject_raw: &'a [u8],
    subject: String,
    subject_cn: Option<String>,
    not_before: Timestamp,
    not_after: Timestamp,
    /// The SubjectPublicKeyInfo DER.
    spki: &'a [u8],
    /// Dotted OID of the key's algorithm.
    key_algorithm: String,
    /// Dotted OID of the certificate's signatureAlgorithm.
    signature_algorithm: String,
}

/// Reads the content of a Certificate SEQUENCE (RFC 5280 §4.1):
///
/// ```text
/// Certificate ::= SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue BIT STRING }
/// TBSCertificate ::= SEQUENCE { [0] EXPLICIT version OPTIONAL, serialNumber INTEGER,
///     signature AlgorithmIdentifier, issuer Name, validity SEQUENCE { notBefore Time,
///     notAfter Time }, subject Name, subjectPublicKeyInfo, [1] IMPLICIT issuerUniqueID
///     OPTIONAL, [2] IMPLICIT subjectUniqueID OPTIONAL, [3] EXPLICIT extensions OPTIONAL }
/// ```
///
/// Extensions are checked for their structure only. Errors name the field and its byte.
fn read_x509<'a>(outer: &Tlv<'a>) -> Result<X509<'a>, String> {
    let mut cert = outer.reader();
    let tbs = cert.expect(Tag::SEQUENCE, "the TBSCertificate")?;
    let mut t = tbs.reader();
    if let Some(version) = t.optional_context(0, "the version")? {
        let mut v = version.reader();
        let number = v.expect(Tag::INTEGER, "the version number")?;
        v.finish("the version number")?;
        if number.unsigned("the version number")?.len() > 4 {
            return Err(format!(
                "the version number at byte {} is too large",
                number.start
            ));
        }
    }
    let serial = t.expect(Tag::INTEGER, "the serialNumber")?;
    AlgorithmId::read(&mut t, "the TBSCertificate's signature AlgorithmIdentifier")?;
    let (issuer_raw, issuer, _) = read_name(&mut t, "the issuer Name")?;
    let validity = t.expect(Tag::SEQUENCE, "the validity")?;
    let mut v = validity.reader();
    let not_before = read_time(&mut v, "notBefore")?;
    let not_after = read_time(&mut v, "notAfter")?;
    v.finish("the validity's notAfter")?;
    let (subject_raw, subject, subject_cn) = read_name(&mut t, "the subject Name")?;
    let spki = t.expect(Tag::SEQUENCE, "the subjectPublicKeyInfo")?;
    let mut s = spki.reader();
    let key_algorithm = AlgorithmId::read(&mut s, "the key's AlgorithmIdentifier")?;
    let key = s.expect(Tag::BIT_STRING, "the subjectPublicKey BIT STRING")?;
    check_bit_string(&key, "the subjectPublicKey")?;
    s.finish("the subjectPublicKey")?;
    for (n, what) in [(1, "the issuerUniqueID"), (2, "the subjectUniqueID")] {
        if let Some(id) = t.optional_context(n, what)? {
            if id.constructed {
                return Err(format!("{what} at byte {} is not a BIT STRING", id.start));
            }
            check_bit_string(&id, what)?;
        }
    }
    if let Some(extensions) = t.optional_context(3, "the extensions")? {
        let mut e = extensions.reader();
        let list = e.expect(Tag::SEQUENCE, "the Extensions SEQUENCE")?;
        e.finish("the Extensions SEQUENCE")?;
        let mut l = list.reader();
        while !l.at_end() {
            // Extension ::= SEQUENCE { extnID OID, critical BOOLEAN DEFAULT FALSE,
            //                          extnValue OCTET STRING }
            let extension = l.expect(Tag::SEQUENCE, "an Extension")?;
            let mut x = extension.reader();
            x.expect(Tag::OID, "the extnID")?;
            let mut value = x.any("the extnValue")?;
            if value.is(Tag::BOOLEAN) && !value.constructed {
                if value.content.len() != 1 {
                    return Err(format!(
                        "the critical BOOLEAN at byte {} is not one byte",
                        value.start
                    ));
                }
                value = x.any("the extnValue")?;
            }
            if !value.is(Tag::OCTET_STRING) || value.constructed {
                return Err(format!(
                    "expected the extnValue (OCTET STRING) at byte {}, found {}",
                    value.start,
                    value.type_name()
                ));
            }
            x.finish("the Extension")?;
        }
    }
    t.finish("the TBSCertificate")?;
    let signature_algorithm = AlgorithmId::read(&mut cert, "the signatureAlgorithm")?;
    let signature = cert.expect(Tag::BIT_STRING, "the signatureValue BIT STRING")?;
    check_bit_string(&signature, "the signatureValue")?;
    cert.finish("the signatureValue")?;
    Ok(X509 {
        serial: serial.content,
        issuer_raw,
        issuer,
        subject_raw,
        subject,
        subject_cn,
        not_before,
        not_after,
        spki: spki.raw,
        key_algorithm: key_algorithm.oid,
        signature_algorithm: signature_algorithm.oid,
    })
}

/// A BIT STRING: a count of unused bits (0 to 7, 0 when empty) whose bits are zero.
fn check_bit_string(bits: &Tlv<'_>, what: &str) -> Result<(), String> {
    match bits.content {
        [] => Err(format!("{what} BIT STRING at byte {} is empty", bits.start)),
        [unused, rest @ ..] => {
            let padding_is_zero = rest
                .last()
                .is_none_or(|last| u32::from(*unused) <= last.trailing_zeros());
            if *unused > 7 || (rest.is_empty() && *unused != 0) || !padding_is_zero {
                Err(format!(
                    "{what} BIT STRING at byte {} has a bad unused-bits count ({unused})",
                    bits.start
                ))
            } else {
                Ok(())
            }
        }
    }
}

/// Reads a Name (`SEQUENCE OF SET OF AttributeTypeAndValue`): its DER and its string,
/// x509-parser style: RDNs in DER order joined with ", ", the attributes of a multi-valued RDN
/// joined with " + ", each `KEY=value`.
fn read_name<'a>(
    r: &mut Der<'a>,
    what: &str,
) -> Result<(&'a [u8], String, Option<String>), String> {
    let name = r.expect(Tag::SEQUENCE, what)?;
    let mut rdns = name.reader();
    let mut text = String::new();
    let mut common_name = None;
    while !rdns.at_end() {
        let rdn = rdns.expect(Tag::SET, "a RelativeDistinguishedName")?;
        if rdn.content.is_empty() {
            return Err(format!(
                "the RelativeDistinguishedName at byte {} is empty",
                rdn.start
            ));
        }
        if !text.is_empty() {
            text.push_str(", ");
        }
        let mut attributes = rdn.reader();
        let mut first = true;
        while !attributes.at_end() {
            let attribute = attributes.expect(Tag::SEQUENCE, "an AttributeTypeAndValue")?;
            let mut a = attribute.reader();
            let kind = a.expect(Tag::OID, "the attribute type")?;
            let value = a.any("the attribute value")?;
            a.finish("the attribute value")?;
            if !first {
                text.push_str(" + ");
            }
            first = false;
            let oid = oid_to_string(kind.content);
            let value = attribute_value_text(&value);
            text.push_str(attribute_short_name(&oid).unwrap_or(&oid));
            text.push('=');
            text.push_str(&value);
            if oid == "2.5.4.3" {
                common_name = Some(value);
            }
        }
    }
    Ok((name.raw, text, common_name))
}

/// The key x509-parser writes for an attribute type: the usual abbreviation, otherwise the
/// short name of the OID registry; `None` for others (written as the dotted OID).
fn attribute_short_name(oid: &str) -> Option<&'static str> {
    Some(match oid {
        "2.5.4.3" => "CN",
        "2.5.4.6" => "C",
        "2.5.4.7" => "L",
        "2.5.4.8" => "ST",
        "2.5.4.10" => "O",
        "2.5.4.11" => "OU",
        "0.9.2342.19200300.100.1.25" => "DC",
        "1.2.840.113549.1.9.1" => "Email",
        "2.5.4.0" => "objectClass",
        "2.5.4.1" => "aliasedEntryName",
        "2.5.4.2" => "knowledgeInformation",
        "2.5.4.4" => "surname",
        "2.5.4.5" => "serialNumber",
        "2.5.4.9" => "streetAddress",
        "2.5.4.12" => "title",
        "2.5.4.13" => "description",
        "2.5.4.14" => "searchGuide",
        "2.5.4.15" => "businessCategory",
        "2.5.4.16" => "postalAddress",
        "2.5.4.17" => "postalCode",
        "2.5.4.41" => "name",
        "2.5.4.42" => "givenName",
        "2.5.4.43" => "initials",
        "2.5.4.44" => "generationQualifier",
        "2.5.4.45" => "uniqueIdentifier",
        "2.5.4.46" => "dnQualifier",
        "2.5.4.97" => "organizationIdentifier",
        "0.9.2342.19200300.100.1.1" => "uid",
        "1.2.840.113549.1.9.2" => "unstructuredName",
        "1.3.6.1.4.1.311.60.2.1.1" => "msJurisdictionLocality",
        "1.3.6.1.4.1.311.60.2.1.2" => "msJurisdictionStateOrProvince",
        "1.3.6.1.4.1.311.60.2.1.3" => "msJurisdictionCountry",
        _ => return None,
    })
}

/// An attribute value as text: the string types as their characters (invalid encodings
/// replaced by U+FFFD), anything else as `#` and the upper-case hex of its DER (RFC 4514).
fn attribute_value_text(value: &Tlv<'_>) -> String {
    let string_type = value.class == Class::Universal && !value.constructed;
    match Tag(value.tag) {
        Tag::UTF8_STRING
        | Tag::NUMERIC_STRING
        | Tag::PRINTABLE_STRING
        | Tag::T61_STRING
        | Tag::VIDEOTEX_STRING
        | Tag::IA5_STRING
        | Tag::GRAPHIC_STRING
        | Tag::VISIBLE_STRING
        | Tag::GENERAL_STRING
        | Tag::OBJECT_DESCRIPTOR
            if string_type =>
        {
            String::from_utf8_lossy(value.content).into_owned()
        }
        Tag::BMP_STRING if string_type => {
            let units = value.content.chunks(2).map(|pair| match pair {
                [hi, lo] => u16::from_be_bytes([*hi, *lo]),
                _ => 0xFFFD,
            });
            char::decode_utf16(units)
                .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
                .collect()
        }
        Tag::UNIVERSAL_STRING if string_type => value
            .content
            .chunks(4)
            .map(|quad| match quad {
                [a, b, c, d] => char::from_u32(u32::from_be_bytes([*a, *b, *c, *d]))
                    .unwrap_or(char::REPLACEMENT_CHARACTER),
                _ => char::REPLACEMENT_CHARACTER,
            })
            .collect(),
        _ => format!("#{}", hex_upper(value.raw)),
    }
}

/// Reads a Time (`UTCTime` or `GeneralizedTime`).
fn read_time(r: &mut Der<'_>, what: &str) -> Result<Timestamp, String> {
    let time = r.any(what)?;
    let parsed = if time.is(Tag::UTC_TIME) {
        parse_utc_time(time.content)
    } else if time.is(Tag::GENERALIZED_TIME) {
        parse_generalized_time(time.content)
    } else {
        return Err(format!(
            "expected {what} (UTCTime or GeneralizedTime) at byte {}, found {}",
            time.start,
            time.type_name()
        ));
    };
    parsed.ok_or_else(|| {
        let shown: String = String::from_utf8_lossy(time.content)
            .chars()
            .take(32)
            .collect();
        format!(
            "{what} at byte {} is not a valid {}: `{}`",
            time.start,
            time.type_name(),
            shown
        )
    })
}

/// `YYMMDDHHMM[SS](Z|±HHMM)`; YY below 50 is 20YY, otherwise 19YY (RFC 5280 §4.1.2.5.1).
fn parse_utc_time(text: &[u8]) -> Option<Timestamp> {
    let (yy, rest) = two_digits(text)?;
    let year = if yy >= 50 { 1900 + yy } else { 2000 + yy };
    civil_time(year, rest, false)
}

/// `YYYYMMDDHHMM[SS[.fff]][Z|±HHMM]` (a missing zone is read as UTC; any number of fraction
/// digits is accepted and dropped).
fn parse_generalized_time(text: &[u8]) -> Option<Timestamp> {
    let (century, rest) = two_digits(text)?;
    let (yy, rest) = two_digits(rest)?;
    civil_time(century * 100 + yy, rest, true)
}

fn two_digits(text: &[u8]) -> Option<(i64, &[u8])> {
    match text {
        [a @ b'0'..=b'9', b @ b'0'..=b'9', rest @ ..] => {
            Some((i64::from(a - b'0') * 10 + i64::from(b - b'0'), rest))
        }
        _ => None,
    }
}

/// `MMDDHHMM[SS][.fff](Z|±HHMM)` after the year, to seconds since the epoch.
fn civil_time(year: i64, text: &[u8], generalized: bool) -> Option<Timestamp> {
    let (month, rest) = two_digits(text)?;
    let (day, rest) = two_digits(rest)?;
    let (hour, rest) = two_digits(rest)?;
    let (minute, mut rest) = two_digits(rest)?;
    let mut second = 0;
    if let Some((s, after)) = two_digits(rest) {
        second = s;
        rest = after;
    }
    if generalized && let [b'.' | b',', fraction @ ..] = rest {
        let digits = fraction.iter().take_while(|b| b.is_ascii_digit()).count();
        if digits == 0 {
            return None;
        }
        rest = &fraction[digits..];
    }
    let offset_minutes = match rest {
        [b'Z'] => 0,
        [] if generalized => 0,
        [sign @ (b'+' | b'-'), zone @ ..] => {
            let (h, zone) = two_digits(zone)?;
            let (m, zone) = two_digits(zone)?;
            if !zone.is_empty() || h > 23 || m > 59 {
                return None;
            }
            let minutes = h * 60 + m;
            if *sign == b'-' { -minutes } else { minutes }
        }
        _ => return None,
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let month_days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    if day < 1 || day > month_days || hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    let seconds = days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second
        - offset_minutes * 60;
    Some(Timestamp::from_unix_seconds(seconds))
}

/// Colon-separated upper-case hex of the serial's magnitude (the `00` sign byte DER adds
/// before a high bit is dropped, as `openssl x509 -serial` does).
fn serial_to_string(raw: &[u8]) -> String {
    let mut bytes = raw;
    while bytes.len() > 1 && bytes[0] == 0 {
        bytes = &bytes[1..];
    }
    bytes
        .iter()
        .map(|b| format!("{b:02X}"))
        .collect::<Vec<_>>()
        .join(":")
}

/// A readable name for a signature algorithm OID; the dotted OID when unknown.
fn signature_algorithm_name(oid: &str) -> String {
    let name = match oid {
        "1.2.840.113549.1.1.2" => "md2WithRSAEncryption",
        "1.2.840.113549.1.1.4" => "md5WithRSAEncryption",
        "1.2.840.113549.1.1.5" => "sha1WithRSAEncryption",
        "1.2.840.113549.1.1.10" => "rsassaPss",
        "1.2.840.113549.1.1.11" => "sha256WithRSAEncryption",
        "1.2.840.113549.1.1.12" => "sha384WithRSAEncryption",
        "1.2.840.113549.1.1.13" => "sha512WithRSAEncryption",
        "1.2.840.113549.1.1.14" => "sha224WithRSAEncryption",
        "1.3.14.3.2.29" => "sha1WithRSASignature",
        "1.2.840.10045.4.1" => "ecdsa-with-SHA1",
        "1.2.840.10045.4.3.1" => "ecdsa-with-SHA224",
        "1.2.840.10045.4.3.2" => "ecdsa-with-SHA256",
        "1.2.840.10045.4.3.3" => "ecdsa-with-SHA384",
        "1.2.840.10045.4.3.4" => "ecdsa-with-SHA512",
        "1.2.840.10040.4.3" => "dsa-with-SHA1",
        "2.16.840.1.101.3.4.3.1" => "dsa-with-SHA224",
        "2.16.840.1.101.3.4.3.2" => "dsa-with-SHA256",
        "1.3.101.112" => "Ed25519",
        "1.3.101.113" => "Ed448",
        "1.2.643.2.2.3" => "GOST R 34.11-94 with GOST R 34.10-2001",
        "1.2.643.7.1.1.3.2" => "GOST R 34.10-2012 with GOST R 34.11-2012 (256 bit)",
        "1.2.643.7.1.1.3.3" => "GOST R 34.10-2012 with GOST R 34.11-2012 (512 bit)",
        "1.2.156.10197.1.501" => "SM2-with-SM3",
        _ => return oid.to_string(),
    };
    name.to_string()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::super::read_key_material;
    use super::*;

    #[test]
    fn serial_strips_sign_byte() {
        assert_eq!(serial_to_string(&[0x00, 0xE1, 0x02]), "E1:02");
        assert_eq!(serial_to_string(&[0x00]), "00");
        assert_eq!(serial_to_string(&[0x01]), "01");
    }

    // -----------------------------------------------------------------------------------------
    // X.509 reading, on certificates built here

    fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
        let mut out = vec![tag];
        let len = content.len();
        if len < 0x80 {
            out.push(len as u8);
        } else if len < 0x100 {
            out.extend([0x81, len as u8]);
        } else {
            out.extend([0x82, (len >> 8) as u8, len as u8]);
        }
        out.extend_from_slice(content);
        out
    }

    fn cat(parts: &[Vec<u8>]) -> Vec<u8> {
        parts.concat()
    }

    fn attribute(oid: &[u8], value: Vec<u8>) -> Vec<u8> {
        tlv(0x30, &cat(&[tlv(0x06, oid), value]))
    }

    fn cn(text: &str) -> Vec<u8> {
        tlv(
            0x30,
            &tlv(
                0x31,
                &attribute(&[0x55, 0x04, 0x03], tlv(0x0C, text.as_bytes())),
            ),
        )
    }

    const SPKI: &[u8] = include_bytes!("../../tests/fixtures/certs/rsa2048.spki.der");

    /// A certificate (with a meaningless signature) from its parts.
    fn build(issuer: &[u8], subject: &[u8], not_before: Vec<u8>, not_after: Vec<u8>) -> Vec<u8> {
        let algorithm = tlv(
            0x30,
            &cat(&[
                tlv(
                    0x06,
                    &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x0B],
                ),
                tlv(0x05, &[]),
            ]),
        );
        let tbs = tlv(
            0x30,
            &cat(&[
                tlv(0xA0, &tlv(0x02, &[2])),
                tlv(0x02, &[0x00, 0x9A, 0x01]),
                algorithm.clone(),
                issuer.to_vec(),
                tlv(0x30, &cat(&[not_before, not_after])),
                subject.to_vec(),
                SPKI.to_vec(),
            ]),
        );
        tlv(0x30, &cat(&[tbs, algorithm, tlv(0x03, &[0, 1, 2, 3])]))
    }

    fn utc(text: &str) -> Vec<u8> {
        tlv(0x17, text.as_bytes())
    }

    fn generalized(text: &str) -> Vec<u8> {
        tlv(0x18, text.as_bytes())
    }

    fn at(text: &str) -> Timestamp {
        Timestamp::parse(text).unwrap()
    }

    fn validity(not_before: Vec<u8>) -> Result<Timestamp, CertError> {
        let name = cn("t");
        parse_certificate(&build(&name, &name, not_before, utc("300101000000Z")))
            .map(|c| c.not_before)
    }

    /// The common name is read from the Name, not cut out of the subject text: a comma in
    /// it stays, and the last CN is the certificate's.
    #[test]
    fn the_common_name_is_read_from_the_name() {
        let name = |cns: &[&str]| {
            let rdns: Vec<Vec<u8>> = cns
                .iter()
                .map(|t| {
                    tlv(
                        0x31,
                        &attribute(&[0x55, 0x04, 0x03], tlv(0x0C, t.as_bytes())),
                    )
                })
                .collect();
            tlv(0x30, &cat(&rdns))
        };
        let read = |subject: &[u8]| {
            parse_certificate(&build(
                &cn("ca"),
                subject,
                utc("240101000000Z"),
                utc("250101000000Z"),
            ))
            .unwrap()
        };
        let c = read(&name(&["Contoso, Inc. SSO"]));
        assert_eq!(c.subject, "CN=Contoso, Inc. SSO");
        assert_eq!(c.common_name.as_deref(), Some("Contoso, Inc. SSO"));
        assert_eq!(
            read(&name(&["root", "leaf"])).common_name.as_deref(),
            Some("leaf")
        );
        let no_cn = tlv(
            0x30,
            &tlv(0x31, &attribute(&[0x55, 0x04, 0x0A], tlv(0x0C, b"Example"))),
        );
        assert_eq!(read(&no_cn).common_name, None);
    }

    #[test]
    fn built_certificate_reads() {
        let der = build(
            &cn("ca"),
            &cn("leaf"),
            utc("240101000000Z"),
            utc("250101000000Z"),
        );
        let c = parse_certificate(&der).unwrap();
        assert_eq!(
            (c.subject.as_str(), c.issuer.as_str()),
            ("CN=leaf", "CN=ca")
        );
        assert_eq!(c.serial, "9A:01");
        assert_eq!(c.signature_algorithm, "sha256WithRSAEncryption");
        assert_eq!(c.key.describe(), "RSA 2048");
        assert_eq!(c.key.spki_der, SPKI);
        assert_eq!(c.not_before, at("2024-01-01T00:00:00Z"));
        assert_eq!(c.not_after, at("2025-01-01T00:00:00Z"));
        // Expiring: valid, and less than 30 days left.
        assert!(!c.expires_soon(at("2024-12-02T00:00:00Z")));
        assert!(c.expires_soon(at("2024-12-02T00:00:01Z")));
        assert!(c.expires_soon(at("2025-01-01T00:00:00Z")));
        assert!(!c.expires_soon(at("2025-01-01T00:00:01Z")));
        assert!(!c.expires_soon(at("2023-12-31T00:00:00Z")));
        assert!(!c.self_signed);
        assert!(is_der_certificate(&der));
        let mut trailing = der.clone();
        trailing.push(0);
        assert!(!is_der_certificate(&trailing));
        assert!(!is_der_certificate(&der[..der.len() - 1]));
        // Same DER for subject and issuer.
        let der = build(
            &cn("me"),
            &cn("me"),
            utc("240101000000Z"),
            utc("250101000000Z"),
        );
        assert!(parse_certificate(&der).unwrap().self_signed);
    }

    #[test]
    fn utc_time_years_50_to_99_are_19xx() {
        assert_eq!(
            validity(utc("491231235959Z")).unwrap(),
            at("2049-12-31T23:59:59Z")
        );
        assert_eq!(
            validity(utc("500101000000Z")).unwrap(),
            at("1950-01-01T00:00:00Z")
        );
        assert_eq!(
            validity(utc("000229120000Z")).unwrap(),
            at("2000-02-29T12:00:00Z")
        );
        assert_eq!(
            validity(utc("991231235959Z")).unwrap(),
            at("1999-12-31T23:59:59Z")
        );
        // Lenient forms x509-parser read too: no seconds, an offset.
        assert_eq!(
            validity(utc("2401010930Z")).unwrap(),
            at("2024-01-01T09:30:00Z")
        );
        assert_eq!(
            validity(utc("240101000000+0130")).unwrap(),
            at("2023-12-31T22:30:00Z")
        );
        assert_eq!(
            validity(utc("240101000000-0200")).unwrap(),
            at("2024-01-01T02:00:00Z")
        );
        for bad in [
            "230229000000Z",
            "241301000000Z",
            "240100000000Z",
            "240101240000Z",
            "240101006000Z",
            "240101000060Z",
            "240101000000",
            "240101000000z",
            "2401010000001Z",
            "24010100000Z",
            "240101000000+01",
            "24-101000000Z",
            "",
        ] {
            let e = validity(utc(bad)).unwrap_err();
            assert!(
                e.message
                    .starts_with("not a DER certificate: the X.509 structure is invalid")
                    && e.message.contains("notBefore at byte")
                    && e.message.contains("is not a valid UTCTime"),
                "{bad}: {e}"
            );
        }
    }

    #[test]
    fn generalized_time() {
        assert_eq!(
            validity(generalized("20500101000000Z")).unwrap(),
            at("2050-01-01T00:00:00Z")
        );
        assert_eq!(
            validity(generalized("19491231235959Z")).unwrap(),
            at("1949-12-31T23:59:59Z")
        );
        // Fractions (dropped), a missing zone (UTC), an offset.
        assert_eq!(
            validity(generalized("20240229120000.123Z")).unwrap(),
            at("2024-02-29T12:00:00Z")
        );
        assert_eq!(
            validity(generalized("20240229120000,5")).unwrap(),
            at("2024-02-29T12:00:00Z")
        );
        assert_eq!(
            validity(generalized("20240101000000")).unwrap(),
            at("2024-01-01T00:00:00Z")
        );
        assert_eq!(
            validity(generalized("20240101000000+0100")).unwrap(),
            at("2023-12-31T23:00:00Z")
        );
        assert_eq!(
            validity(generalized("99991231235959Z")).unwrap(),
            at("9999-12-31T23:59:59Z")
        );
        for bad in [
            "21000229000000Z",
            "20240101000000.Z",
            "2024010100000Z",
            "240101000000Z",
        ] {
            let e = validity(generalized(bad)).unwrap_err();
            assert!(
                e.message.contains("is not a valid GeneralizedTime"),
                "{bad}: {e}"
            );
        }
        let e = validity(tlv(0x13, b"240101000000Z")).unwrap_err();
        assert!(
            e.message.contains(
                "expected notBefore (UTCTime or GeneralizedTime) at byte 49, found PrintableString"
            ),
            "{e}"
        );
    }

    #[test]
    fn distinguished_names_like_x509_parser() {
        let oid_cn = [0x55, 0x04, 0x03];
        let oid_o = [0x55, 0x04, 0x0A];
        let rdn = |attributes: &[Vec<u8>]| tlv(0x31, &cat(attributes));
        let name = tlv(
            0x30,
            &cat(&[
                rdn(&[attribute(&[0x55, 0x04, 0x06], tlv(0x13, b"FR"))]),
                // Multi-valued: kept in DER order, joined with " + ".
                rdn(&[
                    attribute(&oid_o, tlv(0x0C, b"Example")),
                    attribute(&[0x55, 0x04, 0x0B], tlv(0x0C, b"IT")),
                ]),
                // BMPString (UTF-16BE, with a surrogate pair), UniversalString (UCS-4).
                rdn(&[attribute(
                    &oid_cn,
                    tlv(0x1E, &[0x00, 0xE9, 0xD8, 0x3D, 0xDE, 0x00]),
                )]),
                rdn(&[attribute(
                    &oid_cn,
                    tlv(0x1C, &[0, 0, 0, 0x41, 0, 0, 0x20, 0xAC]),
                )]),
                // Registry short names, an unknown OID, a value that is not a string.
                rdn(&[attribute(&[0x55, 0x04, 0x05], tlv(0x13, b"42"))]),
                rdn(&[attribute(
                    &[
                        0x2B, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x3C, 0x02, 0x01, 0x03,
                    ],
                    tlv(0x13, b"US"),
                )]),
                rdn(&[attribute(
                    &[0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x01],
                    tlv(0x16, b"a@b.c"),
                )]),
                rdn(&[attribute(
                    &[0x09, 0x92, 0x26, 0x89, 0x93, 0xF2, 0x2C, 0x64, 0x01, 0x19],
                    tlv(0x16, b"org"),
                )]),
                rdn(&[attribute(
                    &[0x2B, 0x06, 0x01, 0x04, 0x01, 0x83, 0xE6, 0x1F, 0x01],
                    tlv(0x0C, b"x"),
                )]),
                rdn(&[attribute(&oid_cn, tlv(0x02, &[0x05]))]),
                // Invalid UTF-8 is replaced, not fatal.
                rdn(&[attribute(&oid_cn, tlv(0x0C, &[b'a', 0xFF, b'b']))]),
            ]),
        );
        let der = build(&cn("ca"), &name, utc("240101000000Z"), utc("250101000000Z"));
        let c = parse_certificate(&der).unwrap();
        assert_eq!(
            c.subject,
            "C=FR, O=Example + OU=IT, CN=\u{e9}\u{1f600}, CN=A\u{20ac}, serialNumber=42, \
             msJurisdictionCountry=US, Email=a@b.c, DC=org, 1.3.6.1.4.1.62239.1=x, CN=#020105, \
             CN=a\u{fffd}b"
        );
        // An empty Name and an empty RDN.
        let der = build(
            &tlv(0x30, &[]),
            &cn("x"),
            utc("240101000000Z"),
            utc("250101000000Z"),
        );
        assert_eq!(parse_certificate(&der).unwrap().issuer, "");
        let empty_rdn = tlv(0x30, &tlv(0x31, &[]));
        let der = build(
            &empty_rdn,
            &cn("x"),
            utc("240101000000Z"),
            utc("250101000000Z"),
        );
        let e = parse_certificate(&der).unwrap_err();
        assert!(
            e.message
                .contains("the X.509 structure is invalid (the RelativeDistinguishedName at byte"),
            "{e}"
        );
    }

    #[test]
    fn fields_that_do_not_fit_are_named() {
        // The serial number as an OCTET STRING.
        let mut der = build(
            &cn("a"),
            &cn("b"),
            utc("240101000000Z"),
            utc("250101000000Z"),
        );
        let at = der
            .windows(5)
            .position(|w| w == [0x02, 0x03, 0x00, 0x9A, 0x01])
            .unwrap();
        der[at] = 0x04;
        let e = parse_certificate(&der).unwrap_err();
        assert_eq!(
            e.message,
            format!(
                "not a DER certificate: the X.509 structure is invalid (expected the \
                 serialNumber (INTEGER) at byte {at}, found OCTET STRING)"
            )
        );
        // A non-minimal length anywhere: the structural walk says where.
        let mut der = build(
            &cn("a"),
            &cn("b"),
            utc("240101000000Z"),
            utc("250101000000Z"),
        );
        let tail = der.split_off(der.len() - 6);
        assert_eq!(tail, [0x03, 0x04, 0, 1, 2, 3]);
        der.extend([0x03, 0x81, 0x04, 0, 1, 2, 3]);
        assert_eq!(der[1], 0x82);
        der[3] += 1;
        let e = parse_certificate(&der).unwrap_err();
        assert!(
            e.message
                .starts_with("not a DER certificate: bad DER header for an element at byte")
                && e.message
                    .contains("a length below 128 in the long form (not DER)"),
            "{e}"
        );
    }

    #[test]
    fn every_prefix_and_byte_flip_of_a_certificate_is_an_error_not_a_panic() {
        let der: &[u8] = include_bytes!("../../tests/fixtures/certs/rsa2048.cert.der");
        assert!(parse_certificate(der).is_ok());
        for end in 0..der.len() {
            let e = parse_certificate(&der[..end]).unwrap_err();
            assert!(
                !e.message.contains('\n') && !e.message.is_empty(),
                "{end}: {e}"
            );
            assert!(!is_der_certificate(&der[..end]));
            let _ = read_key_material(None, &der[..end]);
        }
        for i in 0..der.len() {
            for flip in [0x01, 0x20, 0x80, 0xFF] {
                let mut x = der.to_vec();
                x[i] ^= flip;
                if let Err(e) = parse_certificate(&x) {
                    assert!(!e.message.contains('\n'), "{i}: {e}");
                }
                let _ = is_der_certificate(&x);
            }
        }
    }

    #[test]
    fn der_reader_reports_positions() {
        let m = Der::new(&[0x30, 0x05, 0x02, 0x01]).any("x").unwrap_err();
        assert!(m.contains("unexpected end of data at byte 4"), "{m}");
        let m = Der::new(&[0x30, 0x89, 1, 2, 3, 4, 5, 6, 7, 8, 9])
            .any("x")
            .unwrap_err();
        assert!(m.contains("bad DER header"), "{m}");
    }
}
