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

use std::fmt;

use base64::Engine as _;
use serde::Serialize;
use sha1::{Digest as _, Sha1};
use sha2::Sha256;

use crate::der::{
    AlgorithmId, Class, Der, Tag, Tlv, der_structure_problem, envelope, hex_upper, oid_to_string,
};
use crate::time::{Timestamp, days_from_civil};

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

fn describe_key(algorithm: &KeyAlgorithm, bits: Option<u32>, curve: Option<&str>) -> String {
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
}

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

// ---------------------------------------------------------------------------------------------
// Certificates

/// Parses a DER X.509 certificate. Trailing bytes after the certificate are an error.
pub fn parse_certificate(der: &[u8]) -> Result<CertificateInfo, CertError> {
    parse_certificate_der(der, false)
        .map_err(|m| CertError::new(format!("not a DER certificate: {m}")))
}

/// Parses a certificate; with `allow_trailing`, bytes after it are ignored (OpenSSL's
/// `TRUSTED CERTIFICATE` appends its trust settings there).
fn parse_certificate_der(der: &[u8], allow_trailing: bool) -> Result<CertificateInfo, String> {
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

// ---------------------------------------------------------------------------------------------
// Certificate text (X509Certificate content, pasted certificates)

/// Parses the text of an `X509Certificate` element or a pasted certificate: base64 with any
/// whitespace, tolerating PEM armour, missing padding and double encoding (see
/// [`certificate_text_problems`] for what was tolerated).
pub fn parse_certificate_text(text: &str) -> Result<CertificateInfo, CertError> {
    parse_certificate_text_with_problems(text).map(|(info, _)| info)
}

/// [`parse_certificate_text`] and [`certificate_text_problems`] in one pass: the certificate
/// and the list of things that were wrong with the text but tolerated.
pub fn parse_certificate_text_with_problems(
    text: &str,
) -> Result<(CertificateInfo, Vec<String>), CertError> {
    let mut problems = Vec::new();
    let mut der = decode_certificate_text(text, 0, &mut problems).map_err(CertError::new)?;
    // OpenSSL's TRUSTED CERTIFICATE appends trust settings after the certificate.
    if text.contains("BEGIN TRUSTED CERTIFICATE")
        && let Ok(outer) = envelope(&der, true)
        && outer.end() < der.len()
    {
        let end = outer.end();
        der.truncate(end);
        problems.push("OpenSSL trust settings after the certificate were ignored".to_string());
    }
    let info = parse_certificate(&der).map_err(|e| {
        CertError::new(format!(
            "{} (the text decodes to {} bytes)",
            e.message,
            der.len()
        ))
    })?;
    Ok((info, problems))
}

/// What is wrong but tolerated in a certificate's text: PEM armour inside `X509Certificate`,
/// missing base64 padding, double encoding, extra PEM blocks, character references…
/// One sentence each; empty for clean base64. Problems found before a fatal error are listed
/// too (the error itself comes from [`parse_certificate_text`]).
pub fn certificate_text_problems(text: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let _ = decode_certificate_text(text, 0, &mut problems);
    problems
}

const MAX_TEXT_DEPTH: usize = 3;

/// Turns certificate text into DER bytes, noting what it tolerated.
fn decode_certificate_text(
    text: &str,
    depth: usize,
    problems: &mut Vec<String>,
) -> Result<Vec<u8>, String> {
    let outer = depth == 0;
    let mut owned;
    let mut body: &str = text;

    // Character references left in by copying from an XML source.
    if body.contains("&#") {
        owned = body.to_string();
        let mut found = false;
        for reference in [
            "&#13;", "&#xD;", "&#xd;", "&#10;", "&#xA;", "&#xa;", "&#9;", "&#x9;",
        ] {
            if owned.contains(reference) {
                found = true;
                owned = owned.replace(reference, "");
            }
        }
        if found {
            problems.push(
                "character references (&#13; / &#10;) in the text were read as whitespace"
                    .to_string(),
            );
            body = &owned;
        }
    }

    // PEM armour.
    let pem_inner;
    if let Some(begin) = body.find("-----BEGIN") {
        let after_begin = &body[begin + "-----BEGIN".len()..];
        let Some(label_end) = after_begin.find("-----") else {
            return Err("the PEM BEGIN line is not closed with -----".to_string());
        };
        let label = after_begin[..label_end].trim().to_string();
        if !matches!(
            label.to_ascii_uppercase().as_str(),
            "CERTIFICATE" | "X509 CERTIFICATE" | "TRUSTED CERTIFICATE"
        ) {
            return Err(format!(
                "the PEM block is '{label}', not CERTIFICATE (not a certificate)"
            ));
        }
        if outer {
            problems.push(format!(
                "the base64 is wrapped in PEM armour (-----BEGIN {label}-----): X509Certificate \
                 holds bare base64"
            ));
        }
        if !body[..begin].trim().is_empty() {
            problems.push("text before the PEM armour was ignored".to_string());
        }
        let content = &after_begin[label_end + 5..];
        let (inner, after) = match content.find("-----END") {
            Some(end) => {
                let rest = &content[end + "-----END".len()..];
                let after = rest.find("-----").map_or("", |i| &rest[i + 5..]);
                (&content[..end], after)
            }
            None => {
                problems.push(format!("the PEM armour has no -----END {label}----- line"));
                (content, "")
            }
        };
        let more = after.matches("-----BEGIN").count();
        if more > 0 {
            problems.push(format!(
                "{} more PEM block(s) after the first were ignored",
                more
            ));
        } else if !after.trim().is_empty() {
            problems.push("text after the PEM armour was ignored".to_string());
        }
        // PEM headers (RFC 1421 `Name: value` lines) carry nothing for a certificate.
        if inner.lines().any(|l| l.contains(':')) {
            problems.push("PEM header lines inside the armour were ignored".to_string());
            pem_inner = inner
                .lines()
                .filter(|l| !l.contains(':'))
                .collect::<Vec<_>>()
                .join("\n");
            body = &pem_inner;
        } else {
            body = inner;
        }
    } else if body.contains("-----END") {
        return Err("the text has a PEM -----END line but no -----BEGIN line".to_string());
    }

    // Whitespace anywhere (and invisible characters that copying adds).
    let mut compact: String = body
        .chars()
        .filter(|c| {
            !c.is_whitespace() && !matches!(c, '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{FEFF}')
        })
        .collect();
    if compact.is_empty() {
        return Err(if depth == 0 {
            "empty: the text holds no base64".to_string()
        } else {
            "the inner text of the double encoding holds no base64".to_string()
        });
    }

    // Hex DER (someone pasted `xxd -p` output) decodes as base64 into garbage.
    if compact.len().is_multiple_of(2)
        && compact.len() >= 4
        && compact.bytes().all(|b| b.is_ascii_hexdigit())
        && compact.starts_with("30")
    {
        let bytes: Option<Vec<u8>> = (0..compact.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&compact[i..i + 2], 16).ok())
            .collect();
        if let Some(bytes) = bytes {
            problems.push("the text is hex, not base64".to_string());
            return Ok(bytes);
        }
    }

    // Alphabet: standard, or URL-safe (tolerated).
    let has_std = compact.contains('+') || compact.contains('/');
    let has_url = compact.contains('-') || compact.contains('_');
    if has_url && !has_std {
        problems.push("URL-safe base64 (- and _) instead of standard base64 (+ and /)".to_string());
        compact = compact.replace('-', "+").replace('_', "/");
    }
    if let Some((i, c)) = compact
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_alphanumeric() || c == '+' || c == '/' || c == '='))
    {
        let shown = if c.is_control() {
            format!("U+{:04X}", u32::from(c))
        } else {
            format!("'{c}'")
        };
        let position = compact[..i].chars().count();
        return Err(format!(
            "not base64: unexpected character {shown} at position {position} of the base64 \
             (whitespace removed)"
        ));
    }
    let data_len = compact.trim_end_matches('=').len();
    let padding = compact.len() - data_len;
    if compact[..data_len].contains('=') {
        return Err(format!(
            "not base64: padding '=' in the middle, at position {} (two values glued together?)",
            compact.find('=').unwrap_or(0)
        ));
    }
    if data_len % 4 == 1 {
        return Err(format!(
            "not base64: {data_len} base64 characters cannot be a whole number of bytes \
             (a character is missing or extra; truncated?)"
        ));
    }
    if padding > 2 || (padding > 0 && !(data_len + padding).is_multiple_of(4)) {
        return Err("not base64: wrong number of '=' padding characters at the end".to_string());
    }
    if padding == 0 && !data_len.is_multiple_of(4) {
        problems.push("base64 padding (=) is missing at the end".to_string());
    }
    let bytes = BASE64
        .decode(compact.as_bytes())
        .map_err(|e| format!("not base64: {e}"))?;

    if bytes.first() == Some(&0x30) || depth >= MAX_TEXT_DEPTH {
        return Ok(bytes);
    }
    // Double encoding: the base64 decodes to text again.
    if let Ok(inner) = std::str::from_utf8(&bytes) {
        let printable = inner
            .chars()
            .all(|c| !c.is_control() || c.is_ascii_whitespace());
        if printable && inner.contains("-----BEGIN") {
            problems.push(
                "double-encoded: the base64 decodes to PEM text (base64 of a PEM certificate), \
                 not to DER"
                    .to_string(),
            );
            return decode_certificate_text(inner, depth + 1, problems);
        }
        // Base64 of DER starts `MI` (SEQUENCE with a long length); of PEM, `LS0tLS1`.
        let trimmed = inner.trim_start();
        let looks_base64 = trimmed.len() >= 8
            && (trimmed.starts_with("MI") || trimmed.starts_with("LS0tLS1"))
            && inner.chars().all(|c| {
                c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=') || c.is_ascii_whitespace()
            });
        if looks_base64 {
            problems.push(
                "double-encoded: the base64 decodes to base64 text again, not to DER".to_string(),
            );
            return decode_certificate_text(inner, depth + 1, problems);
        }
        if printable && !inner.trim().is_empty() {
            let start: String = inner.trim().chars().take(40).collect();
            return Err(format!(
                "the base64 decodes to text, not to a DER certificate: \"{start}\""
            ));
        }
    }
    Ok(bytes)
}

/// Standard alphabet, padding optional, non-canonical final bits tolerated.
const BASE64: base64::engine::GeneralPurpose = base64::engine::GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    base64::engine::GeneralPurposeConfig::new()
        .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true),
);

// ---------------------------------------------------------------------------------------------
// Keys

/// Reads a PEM block (by label) or bare DER as a certificate, public key or private key.
///
/// Labels: `CERTIFICATE`, `X509 CERTIFICATE`, `TRUSTED CERTIFICATE`, `PUBLIC KEY`,
/// `RSA PUBLIC KEY`, `PRIVATE KEY`, `RSA PRIVATE KEY`, `EC PRIVATE KEY`, `DSA PRIVATE KEY`,
/// `ENCRYPTED PRIVATE KEY`, `OPENSSH PRIVATE KEY`. With no label the DER is tried as a
/// certificate, SubjectPublicKeyInfo, PKCS#8, PKCS#1 RSA private key, SEC1 EC private key,
/// encrypted PKCS#8, PKCS#1 RSA public key and OpenSSL DSA private key, in that order.
pub fn read_key_material(label: Option<&str>, der: &[u8]) -> Result<KeyMaterial, CertError> {
    let Some(label) = label else {
        return read_bare_der(der).map_err(CertError::new);
    };
    let label = label.split_whitespace().collect::<Vec<_>>().join(" ");
    let upper = label.to_ascii_uppercase();
    let traditional_hint = " (if the PEM block has 'Proc-Type: 4,ENCRYPTED' and 'DEK-Info' \
                            headers, it is encrypted with OpenSSL's legacy scheme: decrypt it \
                            with `openssl pkey`)";
    let result = match upper.as_str() {
        "CERTIFICATE" | "X509 CERTIFICATE" => parse_certificate_der(der, false)
            .map(KeyMaterial::Certificate)
            .map_err(|m| format!("not a DER certificate: {m}")),
        "TRUSTED CERTIFICATE" => parse_certificate_der(der, true)
            .map(KeyMaterial::Certificate)
            .map_err(|m| format!("not a DER certificate: {m}")),
        "PUBLIC KEY" => envelope(der, false)
            .and_then(|_| public_key_from_spki(der))
            .map(KeyMaterial::PublicKey)
            .map_err(|m| format!("not a SubjectPublicKeyInfo public key: {m}")),
        "RSA PUBLIC KEY" => envelope(der, false)
            .and_then(|_| rsa_public_key_pkcs1(der))
            .map(KeyMaterial::PublicKey)
            .map_err(|m| format!("not a PKCS#1 RSA public key: {m}")),
        "PRIVATE KEY" => envelope(der, false)
            .and_then(|_| pkcs8_private_key(der))
            .map(KeyMaterial::PrivateKey)
            .map_err(|m| format!("not a PKCS#8 private key: {m}")),
        "ENCRYPTED PRIVATE KEY" => envelope(der, false)
            .and_then(|_| encrypted_pkcs8_private_key(der))
            .map(KeyMaterial::PrivateKey)
            .map_err(|m| format!("not an encrypted PKCS#8 private key: {m}")),
        "RSA PRIVATE KEY" => envelope(der, false)
            .and_then(|_| rsa_private_key_pkcs1(der))
            .map(KeyMaterial::PrivateKey)
            .map_err(|m| format!("not a PKCS#1 RSA private key: {m}{traditional_hint}")),
        "EC PRIVATE KEY" => envelope(der, false)
            .and_then(|_| ec_private_key_sec1(der))
            .map(KeyMaterial::PrivateKey)
            .map_err(|m| format!("not a SEC1 EC private key: {m}{traditional_hint}")),
        "DSA PRIVATE KEY" => envelope(der, false)
            .and_then(|_| dsa_private_key_openssl(der))
            .map(KeyMaterial::PrivateKey)
            .map_err(|m| format!("not an OpenSSL DSA private key: {m}{traditional_hint}")),
        "OPENSSH PRIVATE KEY" => openssh_private_key(der)
            .map(KeyMaterial::PrivateKey)
            .map_err(|m| format!("not an OpenSSH private key: {m}")),
        "EC PARAMETERS" => Err(match ec_parameters(der) {
            Ok(Some(curve)) => format!(
                "EC PARAMETERS (curve {curve}) is not a key; the EC PRIVATE KEY block that usually \
                 follows it is"
            ),
            _ => "EC PARAMETERS is not a key; the EC PRIVATE KEY block that usually follows it is"
                .to_string(),
        }),
        "CERTIFICATE REQUEST" | "NEW CERTIFICATE REQUEST" => Err(
            "a certificate signing request (CSR), not a certificate: it has not been issued yet"
                .to_string(),
        ),
        "X509 CRL" => Err("a certificate revocation list (CRL), not a certificate".to_string()),
        "PKCS7" | "PKCS #7 SIGNED DATA" | "CMS" => Err(
            "a PKCS#7 bundle, not a certificate: extract the certificates with `openssl pkcs7 \
             -print_certs`"
                .to_string(),
        ),
        "DH PARAMETERS" | "X9.42 DH PARAMETERS" => {
            Err("Diffie-Hellman parameters, not a certificate or key".to_string())
        }
        _ => Err(format!(
            "unknown PEM label '{label}': not a certificate or key samlscope reads"
        )),
    };
    result.map_err(CertError::new)
}

/// A parser of one private key container.
type PrivateKeyParser = fn(&[u8]) -> Result<PrivateKeyInfo, String>;

/// Bare DER: try every container in turn.
fn read_bare_der(der: &[u8]) -> Result<KeyMaterial, String> {
    envelope(der, false).map_err(|m| format!("not a DER certificate or key: {m}"))?;
    if let Ok(cert) = parse_certificate_der(der, false) {
        return Ok(KeyMaterial::Certificate(cert));
    }
    if let Ok(key) = public_key_from_spki(der) {
        return Ok(KeyMaterial::PublicKey(key));
    }
    let private: [PrivateKeyParser; 4] = [
        pkcs8_private_key,
        rsa_private_key_pkcs1,
        ec_private_key_sec1,
        encrypted_pkcs8_private_key,
    ];
    for parse in private {
        if let Ok(key) = parse(der) {
            return Ok(KeyMaterial::PrivateKey(key));
        }
    }
    if let Ok(key) = rsa_public_key_pkcs1(der) {
        return Ok(KeyMaterial::PublicKey(key));
    }
    if let Ok(key) = dsa_private_key_openssl(der) {
        return Ok(KeyMaterial::PrivateKey(key));
    }
    Err(match classify_other_der(der) {
        Some(what) => what,
        None => {
            let cert_error = parse_certificate_der(der, false).err().unwrap_or_default();
            if looks_like_certificate(der) {
                format!("not a DER certificate: {cert_error}")
            } else {
                "DER, but not a certificate or key: not an X.509 certificate, SubjectPublicKeyInfo, \
                 PKCS#8, PKCS#1, SEC1 or encrypted PKCS#8 structure"
                    .to_string()
            }
        }
    })
}

/// A SEQUENCE whose first element is a SEQUENCE starting with `[0]` (the version of a
/// TBSCertificate) is meant to be a certificate.
fn looks_like_certificate(der: &[u8]) -> bool {
    let mut top = Der::new(der);
    let Ok(outer) = top.expect(Tag::SEQUENCE, "certificate") else {
        return false;
    };
    let mut inner = outer.reader();
    let Ok(tbs) = inner.expect(Tag::SEQUENCE, "TBSCertificate") else {
        return false;
    };
    let mut tbs = tbs.reader();
    matches!(tbs.any("version"), Ok(v) if v.is_context(0)) || inner.remaining_elements() == Some(2)
}

/// Whether `der` is a PKCS#12 (`.pfx`, `.p12`) bundle: `SEQUENCE { INTEGER 3, SEQUENCE {
/// OID 1.2.840.113549.1.7.…, … } … }`. It holds a private key (and certificates), which
/// samlscope does not read; it is treated as a private key all the same.
pub fn is_pkcs12(der: &[u8]) -> bool {
    let mut top = Der::new(der);
    let Ok(outer) = top.expect(Tag::SEQUENCE, "PFX") else {
        return false;
    };
    let mut r = outer.reader();
    let (Ok(version), Ok(auth_safe)) = (r.any("version"), r.any("authSafe")) else {
        return false;
    };
    if !version.is(Tag::INTEGER) || version.content != [3] || !auth_safe.is(Tag::SEQUENCE) {
        return false;
    }
    auth_safe
        .reader()
        .expect(Tag::OID, "content type")
        .is_ok_and(|oid| oid_to_string(oid.content).starts_with("1.2.840.113549.1.7."))
}

/// Names the DER structures people paste instead of a certificate or key.
fn classify_other_der(der: &[u8]) -> Option<String> {
    let mut top = Der::new(der);
    let outer = top.expect(Tag::SEQUENCE, "structure").ok()?;
    let mut r = outer.reader();
    let first = r.any("first element").ok()?;
    if first.is(Tag::OID) && oid_to_string(first.content) == "1.2.840.113549.1.7.2" {
        return Some(
            "a PKCS#7 bundle (.p7b), not a certificate: extract the certificates with `openssl \
             pkcs7 -inform DER -print_certs`"
                .to_string(),
        );
    }
    if is_pkcs12(der) {
        return Some(
            "a PKCS#12 (.pfx/.p12) bundle, not a certificate: export the certificate with \
             `openssl pkcs12 -nokeys`"
                .to_string(),
        );
    }
    if first.is(Tag::SEQUENCE) {
        let mut info = first.reader();
        if let Ok(version) = info.any("version")
            && version.is(Tag::INTEGER)
            && version.content == [0]
            && info.expect(Tag::SEQUENCE, "subject").is_ok()
            && info.expect(Tag::SEQUENCE, "subjectPKInfo").is_ok()
            && matches!(info.any("attributes"), Ok(a) if a.is_context(0))
        {
            return Some(
                "a certificate signing request (CSR), not a certificate: it has not been issued \
                 yet"
                .to_string(),
            );
        }
    }
    None
}

/// Reads a SubjectPublicKeyInfo (the whole input must be one).
fn public_key_from_spki(spki: &[u8]) -> Result<PublicKeyInfo, String> {
    let (alg, key_bits) = crate::der::subject_public_key_info(spki)?;
    let key = bit_string_bytes(&key_bits)?;
    let (algorithm, bits, curve) = match alg.oid.as_str() {
        OID_RSA | OID_RSA_PSS => {
            let bits = rsa_public_bits(key, key_bits.content_start + 1)?;
            (KeyAlgorithm::Rsa, Some(bits), None)
        }
        OID_EC | OID_EC_DH | OID_EC_MQV => {
            let params = alg.params.ok_or("EC key without curve parameters")?;
            let (curve, curve_bits) = ec_curve_from_params(&params)?;
            let bits = curve_bits.or_else(|| ec_point_bits(key));
            (KeyAlgorithm::Ec, bits, Some(curve))
        }
        OID_DSA => {
            let bits = match &alg.params {
                Some(p) if p.is(Tag::SEQUENCE) => Some(dsa_params_bits(p)?),
                _ => None,
            };
            (KeyAlgorithm::Dsa, bits, None)
        }
        OID_ED25519 => (KeyAlgorithm::Ed25519, None, None),
        OID_ED448 => (KeyAlgorithm::Ed448, None, None),
        other => (KeyAlgorithm::Other(key_algorithm_name(other)), None, None),
    };
    Ok(PublicKeyInfo {
        algorithm,
        bits,
        curve,
        spki_der: spki.to_vec(),
    })
}

/// PKCS#1 RSAPublicKey: SEQUENCE { modulus INTEGER, publicExponent INTEGER }.
fn rsa_public_key_pkcs1(der: &[u8]) -> Result<PublicKeyInfo, String> {
    let bits = rsa_public_bits(der, 0)?;
    Ok(PublicKeyInfo {
        algorithm: KeyAlgorithm::Rsa,
        bits: Some(bits),
        curve: None,
        spki_der: Vec::new(),
    })
}

/// Bits of the modulus of a PKCS#1 RSAPublicKey at absolute offset `base`.
fn rsa_public_bits(der: &[u8], base: usize) -> Result<u32, String> {
    let mut top = Der::at(der, base);
    let seq = top.expect(Tag::SEQUENCE, "RSAPublicKey")?;
    top.finish("the RSAPublicKey")?;
    let mut r = seq.reader();
    let n = r.expect(Tag::INTEGER, "the RSA modulus")?;
    r.expect(Tag::INTEGER, "the RSA public exponent")?;
    r.finish("the RSAPublicKey")?;
    positive_bits(&n, "RSA modulus")
}

/// PKCS#8 PrivateKeyInfo / OneAsymmetricKey.
fn pkcs8_private_key(der: &[u8]) -> Result<PrivateKeyInfo, String> {
    let mut top = Der::new(der);
    let seq = top.expect(Tag::SEQUENCE, "PrivateKeyInfo")?;
    top.finish("the PrivateKeyInfo")?;
    let mut r = seq.reader();
    let version = r.expect(Tag::INTEGER, "the version")?;
    if !matches!(version.content, [0] | [1]) {
        return Err(format!("version at byte {} is not 0 or 1", version.start));
    }
    let alg = AlgorithmId::read(&mut r, "the private key's AlgorithmIdentifier")?;
    let key = r.expect(Tag::OCTET_STRING, "the privateKey OCTET STRING")?;
    if let Some(attrs) = r.peek_context()?
        && attrs == 0
    {
        r.any("attributes")?;
    }
    if let Some(public) = r.peek_context()?
        && public == 1
    {
        r.any("publicKey")?;
    }
    r.finish("the PrivateKeyInfo")?;
    let mut curve = None;
    let (algorithm, bits) = match alg.oid.as_str() {
        OID_RSA | OID_RSA_PSS => {
            let inner = rsa_private_key_pkcs1_at(key.content, key.content_start)
                .map_err(|m| format!("the RSA key inside: {m}"))?;
            (KeyAlgorithm::Rsa, inner.bits)
        }
        OID_EC | OID_EC_DH | OID_EC_MQV => {
            let inner = ec_private_key_sec1_at(key.content, key.content_start)
                .map_err(|m| format!("the EC key inside: {m}"))?;
            let (c, b) = match &alg.params {
                Some(p) => {
                    let (c, b) = ec_curve_from_params(p)?;
                    (Some(c), b)
                }
                None => (inner.curve.clone(), None),
            };
            curve = c;
            (KeyAlgorithm::Ec, b.or(inner.bits))
        }
        OID_DSA => {
            let bits = match &alg.params {
                Some(p) if p.is(Tag::SEQUENCE) => Some(dsa_params_bits(p)?),
                _ => None,
            };
            (KeyAlgorithm::Dsa, bits)
        }
        OID_ED25519 => (KeyAlgorithm::Ed25519, None),
        OID_ED448 => (KeyAlgorithm::Ed448, None),
        other => (KeyAlgorithm::Other(key_algorithm_name(other)), None),
    };
    Ok(PrivateKeyInfo {
        algorithm,
        bits,
        format: "PKCS#8".to_string(),
        encrypted: false,
        curve,
        encryption: None,
    })
}

/// PKCS#8 EncryptedPrivateKeyInfo: SEQUENCE { AlgorithmIdentifier, OCTET STRING }.
fn encrypted_pkcs8_private_key(der: &[u8]) -> Result<PrivateKeyInfo, String> {
    let mut top = Der::new(der);
    let seq = top.expect(Tag::SEQUENCE, "EncryptedPrivateKeyInfo")?;
    top.finish("the EncryptedPrivateKeyInfo")?;
    let mut r = seq.reader();
    let alg = AlgorithmId::read(&mut r, "the encryption AlgorithmIdentifier")?;
    r.expect(Tag::OCTET_STRING, "the encryptedData OCTET STRING")?;
    r.finish("the EncryptedPrivateKeyInfo")?;
    Ok(PrivateKeyInfo {
        algorithm: KeyAlgorithm::Other("encrypted".to_string()),
        bits: None,
        format: "encrypted PKCS#8".to_string(),
        encrypted: true,
        curve: None,
        encryption: Some(describe_pbe(&alg)),
    })
}

/// "PBES2 (PBKDF2, aes256-CBC)", "pbeWithSHAAnd3-KeyTripleDES-CBC", or the OID.
fn describe_pbe(alg: &AlgorithmId<'_>) -> String {
    let name = |oid: &str| -> String {
        match oid {
            "1.2.840.113549.1.5.12" => "PBKDF2",
            "1.3.6.1.4.1.11591.4.11" => "scrypt",
            "2.16.840.1.101.3.4.1.2" => "aes128-CBC",
            "2.16.840.1.101.3.4.1.22" => "aes192-CBC",
            "2.16.840.1.101.3.4.1.42" => "aes256-CBC",
            "1.2.840.113549.3.7" => "des-ede3-CBC",
            "1.3.14.3.2.7" => "des-CBC",
            "1.2.840.113549.3.2" => "rc2-CBC",
            "1.2.840.113549.1.5.3" => "pbeWithMD5AndDES-CBC",
            "1.2.840.113549.1.5.10" => "pbeWithSHA1AndDES-CBC",
            "1.2.840.113549.1.12.1.1" => "pbeWithSHAAnd128BitRC4",
            "1.2.840.113549.1.12.1.3" => "pbeWithSHAAnd3-KeyTripleDES-CBC",
            "1.2.840.113549.1.12.1.6" => "pbeWithSHAAnd40BitRC2-CBC",
            "1.2.840.113549.1.5.13" => "PBES2",
            other => return other.to_string(),
        }
        .to_string()
    };
    if alg.oid != "1.2.840.113549.1.5.13" {
        return name(&alg.oid);
    }
    // PBES2-params ::= SEQUENCE { keyDerivationFunc AlgorithmIdentifier,
    //                             encryptionScheme AlgorithmIdentifier }
    let parts = (|| -> Result<(String, String), String> {
        let params = alg.params.as_ref().ok_or("no parameters")?;
        let mut r = params.reader();
        let kdf = AlgorithmId::read(&mut r, "keyDerivationFunc")?;
        let enc = AlgorithmId::read(&mut r, "encryptionScheme")?;
        Ok((name(&kdf.oid), name(&enc.oid)))
    })();
    match parts {
        Ok((kdf, enc)) => format!("PBES2 ({kdf}, {enc})"),
        Err(_) => "PBES2".to_string(),
    }
}

/// PKCS#1 RSAPrivateKey.
fn rsa_private_key_pkcs1(der: &[u8]) -> Result<PrivateKeyInfo, String> {
    rsa_private_key_pkcs1_at(der, 0)
}

fn rsa_private_key_pkcs1_at(der: &[u8], base: usize) -> Result<PrivateKeyInfo, String> {
    let key = crate::der::rsa_private_key(der, base)?;
    Ok(PrivateKeyInfo {
        algorithm: KeyAlgorithm::Rsa,
        bits: Some(positive_bits(&key.integers[0], "RSA modulus")?),
        format: "PKCS#1".to_string(),
        encrypted: false,
        curve: None,
        encryption: None,
    })
}

/// SEC1 ECPrivateKey: SEQUENCE { 1, OCTET STRING, [0] ECParameters OPTIONAL,
/// [1] BIT STRING OPTIONAL }.
fn ec_private_key_sec1(der: &[u8]) -> Result<PrivateKeyInfo, String> {
    ec_private_key_sec1_at(der, 0)
}

fn ec_private_key_sec1_at(der: &[u8], base: usize) -> Result<PrivateKeyInfo, String> {
    let mut top = Der::at(der, base);
    let seq = top.expect(Tag::SEQUENCE, "ECPrivateKey")?;
    top.finish("the ECPrivateKey")?;
    let mut r = seq.reader();
    let version = r.expect(Tag::INTEGER, "the version")?;
    if version.content != [1] {
        return Err(format!("version at byte {} is not 1", version.start));
    }
    let key = r.expect(Tag::OCTET_STRING, "the privateKey OCTET STRING")?;
    let mut curve = None;
    let mut bits = None;
    if r.peek_context()? == Some(0) {
        let params = r.any("parameters")?;
        let mut p = params.reader();
        let inner = p.any("ECParameters")?;
        p.finish("the parameters")?;
        let (c, b) = ec_curve_from_params(&inner)?;
        curve = Some(c);
        bits = b;
    }
    if r.peek_context()? == Some(1) {
        r.any("publicKey")?;
    }
    r.finish("the ECPrivateKey")?;
    if bits.is_none() && !key.content.is_empty() {
        bits = u32::try_from(key.content.len().saturating_mul(8)).ok();
    }
    Ok(PrivateKeyInfo {
        algorithm: KeyAlgorithm::Ec,
        bits,
        format: "SEC1".to_string(),
        encrypted: false,
        curve,
        encryption: None,
    })
}

/// OpenSSL's traditional DSA key: SEQUENCE { 0, p, q, g, y, x }.
fn dsa_private_key_openssl(der: &[u8]) -> Result<PrivateKeyInfo, String> {
    let mut top = Der::new(der);
    let seq = top.expect(Tag::SEQUENCE, "DSAPrivateKey")?;
    top.finish("the DSAPrivateKey")?;
    let mut r = seq.reader();
    let version = r.expect(Tag::INTEGER, "the version")?;
    if version.content != [0] {
        return Err(format!("version at byte {} is not 0", version.start));
    }
    let p = r.expect(Tag::INTEGER, "p")?;
    for what in ["q", "g", "the public key y", "the private key x"] {
        r.expect(Tag::INTEGER, what)?;
    }
    r.finish("the DSAPrivateKey")?;
    Ok(PrivateKeyInfo {
        algorithm: KeyAlgorithm::Dsa,
        bits: Some(positive_bits(&p, "DSA p")?),
        format: "OpenSSL DSA".to_string(),
        encrypted: false,
        curve: None,
        encryption: None,
    })
}

/// The curve of an `EC PARAMETERS` block.
fn ec_parameters(der: &[u8]) -> Result<Option<String>, String> {
    let mut top = Der::new(der);
    let params = top.any("ECParameters")?;
    top.finish("the ECParameters")?;
    Ok(Some(ec_curve_from_params(&params)?.0))
}

/// OpenSSH's own private key format (`openssh-key-v1`): the public half says what the key is.
fn openssh_private_key(data: &[u8]) -> Result<PrivateKeyInfo, String> {
    const MAGIC: &[u8] = b"openssh-key-v1\0";
    let mut rest = data
        .strip_prefix(MAGIC)
        .ok_or("does not start with 'openssh-key-v1'")?;
    let cipher = ssh_string(&mut rest, "the cipher name")?;
    let _kdf = ssh_string(&mut rest, "the KDF name")?;
    let _kdf_options = ssh_string(&mut rest, "the KDF options")?;
    let count = ssh_u32(&mut rest, "the number of keys")?;
    if count == 0 {
        return Err("it holds no key".to_string());
    }
    let mut public = ssh_string(&mut rest, "the public key")?;
    let kind = ssh_string(&mut public, "the key type")?;
    let kind = String::from_utf8_lossy(kind).into_owned();
    let (algorithm, bits, curve) = match kind.as_str() {
        "ssh-rsa" => {
            let _e = ssh_string(&mut public, "the RSA exponent")?;
            let n = ssh_string(&mut public, "the RSA modulus")?;
            (KeyAlgorithm::Rsa, Some(magnitude_bits(n)), None)
        }
        "ssh-dss" => {
            let p = ssh_string(&mut public, "the DSA p")?;
            (KeyAlgorithm::Dsa, Some(magnitude_bits(p)), None)
        }
        "ssh-ed25519" => (KeyAlgorithm::Ed25519, None, None),
        "ssh-ed448" => (KeyAlgorithm::Ed448, None, None),
        "ecdsa-sha2-nistp256" => (KeyAlgorithm::Ec, Some(256), Some("P-256".to_string())),
        "ecdsa-sha2-nistp384" => (KeyAlgorithm::Ec, Some(384), Some("P-384".to_string())),
        "ecdsa-sha2-nistp521" => (KeyAlgorithm::Ec, Some(521), Some("P-521".to_string())),
        other => (KeyAlgorithm::Other(other.to_string()), None, None),
    };
    let cipher = String::from_utf8_lossy(cipher).into_owned();
    let encrypted = cipher != "none";
    Ok(PrivateKeyInfo {
        algorithm,
        bits,
        format: "OpenSSH".to_string(),
        encrypted,
        curve,
        encryption: encrypted.then_some(cipher),
    })
}

fn ssh_u32(rest: &mut &[u8], what: &str) -> Result<u32, String> {
    match rest.split_first_chunk::<4>() {
        Some((head, tail)) => {
            *rest = tail;
            Ok(u32::from_be_bytes(*head))
        }
        None => Err(format!("unexpected end of data reading {what}")),
    }
}

fn ssh_string<'a>(rest: &mut &'a [u8], what: &str) -> Result<&'a [u8], String> {
    let len = ssh_u32(rest, what)?;
    let len = usize::try_from(len).map_err(|_| format!("{what} is too long"))?;
    if len > rest.len() {
        return Err(format!(
            "unexpected end of data: {what} declares {len} bytes, only {} remain",
            rest.len()
        ));
    }
    let (value, tail) = rest.split_at(len);
    *rest = tail;
    Ok(value)
}

// ---------------------------------------------------------------------------------------------
// Algorithms and curves

const OID_RSA: &str = "1.2.840.113549.1.1.1";
const OID_RSA_PSS: &str = "1.2.840.113549.1.1.10";
const OID_EC: &str = "1.2.840.10045.2.1";
const OID_EC_DH: &str = "1.3.132.1.12";
const OID_EC_MQV: &str = "1.3.132.1.13";
const OID_DSA: &str = "1.2.840.10040.4.1";
const OID_ED25519: &str = "1.3.101.112";
const OID_ED448: &str = "1.3.101.113";

fn key_algorithm_from_oid(oid: &str) -> KeyAlgorithm {
    match oid {
        OID_RSA | OID_RSA_PSS => KeyAlgorithm::Rsa,
        OID_EC | OID_EC_DH | OID_EC_MQV => KeyAlgorithm::Ec,
        OID_DSA => KeyAlgorithm::Dsa,
        OID_ED25519 => KeyAlgorithm::Ed25519,
        OID_ED448 => KeyAlgorithm::Ed448,
        other => KeyAlgorithm::Other(key_algorithm_name(other)),
    }
}

fn key_algorithm_name(oid: &str) -> String {
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
fn ec_curve_from_params(params: &Tlv<'_>) -> Result<(String, Option<u32>), String> {
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
fn ec_point_bits(point: &[u8]) -> Option<u32> {
    let bytes = match point {
        [4, rest @ ..] if !rest.is_empty() && rest.len() % 2 == 0 => rest.len() / 2,
        [2 | 3, rest @ ..] if !rest.is_empty() => rest.len(),
        _ => return None,
    };
    u32::try_from(bytes.saturating_mul(8)).ok()
}

/// Dss-Parms ::= SEQUENCE { p INTEGER, q INTEGER, g INTEGER }: the bits of p.
fn dsa_params_bits(params: &Tlv<'_>) -> Result<u32, String> {
    let mut r = params.reader();
    let p = r.expect(Tag::INTEGER, "DSA p")?;
    r.expect(Tag::INTEGER, "DSA q")?;
    r.expect(Tag::INTEGER, "DSA g")?;
    r.finish("the DSA parameters")?;
    positive_bits(&p, "DSA p")
}

/// Bit length of a big-endian magnitude, ignoring leading zero bytes.
fn magnitude_bits(bytes: &[u8]) -> u32 {
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
fn positive_bits(int: &Tlv<'_>, what: &str) -> Result<u32, String> {
    match magnitude_bits(int.content) {
        0 => Err(format!("the {what} at byte {} is zero", int.start)),
        bits => Ok(bits),
    }
}

/// The bytes of a BIT STRING with no unused bits.
fn bit_string_bytes<'a>(bits: &Tlv<'a>) -> Result<&'a [u8], String> {
    match bits.content.split_first() {
        Some((0, rest)) => Ok(rest),
        Some((unused, _)) => Err(format!(
            "the BIT STRING at byte {} has {unused} unused bits; a key has whole bytes",
            bits.start
        )),
        None => Err(format!("the BIT STRING at byte {} is empty", bits.start)),
    }
}

// ---------------------------------------------------------------------------------------------
// Thumbprints

/// Normalises a thumbprint as people paste it (any case, colons, spaces, dashes,
/// `SHA1 Fingerprint=` / `sha256:` prefix, invisible marks copied from Windows) to upper-case
/// hex. Returns `None` unless it is 40 (SHA-1) or 64 (SHA-256) hex digits.
pub fn normalize_thumbprint(text: &str) -> Option<String> {
    let text = text.trim_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{FEFF}' | '"' | '\''
            )
    });
    // `SHA1 Fingerprint=AB:CD…` (openssl), `Thumbprint = …`.
    let mut rest = match text.rfind('=') {
        Some(i) => &text[i + 1..],
        None => text,
    };
    // `sha256:AB…`, `SHA-1 ab cd…`, `Thumbprint: …`: labels contain non-hex letters, so a
    // label is never mistaken for digits.
    loop {
        let trimmed = rest.trim_start_matches(|c: char| c.is_whitespace() || c == ':');
        let lower = trimmed.to_ascii_lowercase();
        let label = [
            "sha-256",
            "sha256",
            "sha-1",
            "sha1",
            "thumbprint",
            "fingerprint",
            "digest",
            "hash",
            "x5t#s256",
            "x5t",
        ]
        .into_iter()
        .find(|l| lower.starts_with(l));
        match label {
            Some(l) => rest = &trimmed[l.len()..],
            None => {
                rest = trimmed;
                break;
            }
        }
    }
    let mut hex = String::with_capacity(64);
    for c in rest.chars() {
        if c.is_ascii_hexdigit() {
            hex.push(c.to_ascii_uppercase());
        } else if c.is_whitespace()
            || matches!(
                c,
                ':' | '-' | '.' | '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{FEFF}'
            )
        {
            continue;
        } else {
            return None;
        }
    }
    matches!(hex.len(), 40 | 64).then_some(hex)
}

/// Whether a thumbprint (as people paste it, see [`normalize_thumbprint`]) is the SHA-1 or
/// SHA-256 thumbprint of `cert`.
pub fn thumbprint_matches(cert: &CertificateInfo, thumbprint: &str) -> bool {
    match normalize_thumbprint(thumbprint) {
        Some(t) if t.len() == 40 => t == cert.sha1,
        Some(t) => t == cert.sha256,
        None => false,
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

    const SPKI: &[u8] = include_bytes!("../tests/fixtures/certs/rsa2048.spki.der");

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
        let der: &[u8] = include_bytes!("../tests/fixtures/certs/rsa2048.cert.der");
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
