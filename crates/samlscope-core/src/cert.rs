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
use x509_parser::asn1_rs::{Class, FromDer as _, Header, Length, Tag};
use x509_parser::certificate::X509CertificateParser;
use x509_parser::nom::{self, Parser as _};
use x509_parser::objects::{oid_registry, oid2abbrev};
use x509_parser::x509::X509Name;

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
    let (rest, cert) = match X509CertificateParser::new()
        .with_deep_parse_extensions(false)
        .parse(der)
    {
        Ok(parsed) => parsed,
        Err(e) => {
            // Prefer a structural problem with a byte position over x509-parser's words.
            if let Some(problem) = der_structure_problem(der) {
                return Err(problem);
            }
            let what = match e {
                nom::Err::Incomplete(_) => "unexpected end of data".to_string(),
                nom::Err::Error(e) | nom::Err::Failure(e) => e.to_string(),
            };
            return Err(format!("the X.509 structure is invalid ({what})"));
        }
    };
    if !rest.is_empty() {
        // The envelope said the outer SEQUENCE ends here, so this cannot happen; be safe.
        return Err(format!(
            "{} bytes of trailing data after the certificate at byte {}",
            rest.len(),
            der.len() - rest.len()
        ));
    }
    let tbs = &cert.tbs_certificate;
    let spki = tbs.subject_pki.raw;
    // A key we cannot size should not hide the rest of the certificate.
    let key = public_key_from_spki(spki).unwrap_or_else(|_| PublicKeyInfo {
        algorithm: key_algorithm_from_oid(&tbs.subject_pki.algorithm.algorithm.to_id_string()),
        bits: None,
        curve: None,
        spki_der: spki.to_vec(),
    });
    let subject = name_to_string(&tbs.subject);
    let issuer = name_to_string(&tbs.issuer);
    let self_signed = tbs.subject.as_raw() == tbs.issuer.as_raw() || subject == issuer;
    let sig_oid = cert.signature_algorithm.algorithm.to_id_string();
    Ok(CertificateInfo {
        serial: serial_to_string(tbs.raw_serial()),
        not_before: Timestamp::from_unix_seconds(tbs.validity.not_before.timestamp()),
        not_after: Timestamp::from_unix_seconds(tbs.validity.not_after.timestamp()),
        key,
        signature_algorithm: signature_algorithm_name(&sig_oid),
        self_signed,
        sha1: hex_upper(&Sha1::digest(der)),
        sha256: hex_upper(&Sha256::digest(der)),
        der: der.to_vec(),
        subject,
        issuer,
    })
}

/// The DN as x509-parser's Display writes it; attributes it cannot show as text are written
/// lossily rather than losing the whole name.
fn name_to_string(name: &X509Name<'_>) -> String {
    if let Ok(text) = name.to_string_with_registry(oid_registry()) {
        return text;
    }
    let registry = oid_registry();
    name.iter()
        .map(|rdn| {
            rdn.iter()
                .map(|attr| {
                    let key = oid2abbrev(attr.attr_type(), registry)
                        .map(str::to_string)
                        .unwrap_or_else(|_| attr.attr_type().to_id_string());
                    let value = match attr.as_str() {
                        Ok(s) => s.to_string(),
                        Err(_) => String::from_utf8_lossy(attr.as_slice()).into_owned(),
                    };
                    format!("{key}={value}")
                })
                .collect::<Vec<_>>()
                .join(" + ")
        })
        .collect::<Vec<_>>()
        .join(", ")
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

fn hex_upper(bytes: &[u8]) -> String {
    use fmt::Write as _;
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(out, "{b:02X}");
    }
    out
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
    let Ok(outer) = top.expect(Tag::Sequence, "certificate") else {
        return false;
    };
    let mut inner = outer.reader();
    let Ok(tbs) = inner.expect(Tag::Sequence, "TBSCertificate") else {
        return false;
    };
    let mut tbs = tbs.reader();
    matches!(tbs.any("version"), Ok(v) if v.is_context(0)) || inner.remaining_elements() == Some(2)
}

/// Names the DER structures people paste instead of a certificate or key.
fn classify_other_der(der: &[u8]) -> Option<String> {
    let mut top = Der::new(der);
    let outer = top.expect(Tag::Sequence, "structure").ok()?;
    let mut r = outer.reader();
    let first = r.any("first element").ok()?;
    if first.is(Tag::Oid) && oid_to_string(first.content) == "1.2.840.113549.1.7.2" {
        return Some(
            "a PKCS#7 bundle (.p7b), not a certificate: extract the certificates with `openssl \
             pkcs7 -inform DER -print_certs`"
                .to_string(),
        );
    }
    if first.is(Tag::Integer) && first.content == [3] {
        let second = r.any("authSafe").ok()?;
        if second.is(Tag::Sequence) {
            let mut s = second.reader();
            if let Ok(oid) = s.expect(Tag::Oid, "content type")
                && oid_to_string(oid.content).starts_with("1.2.840.113549.1.7.")
            {
                return Some(
                    "a PKCS#12 (.pfx/.p12) bundle, not a certificate: export the certificate with \
                     `openssl pkcs12 -nokeys`"
                        .to_string(),
                );
            }
        }
    }
    if first.is(Tag::Sequence) {
        let mut info = first.reader();
        if let Ok(version) = info.any("version")
            && version.is(Tag::Integer)
            && version.content == [0]
            && info.expect(Tag::Sequence, "subject").is_ok()
            && info.expect(Tag::Sequence, "subjectPKInfo").is_ok()
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
    let mut top = Der::new(spki);
    let outer = top.expect(Tag::Sequence, "SubjectPublicKeyInfo")?;
    top.finish("the SubjectPublicKeyInfo")?;
    let mut r = outer.reader();
    let alg = AlgorithmId::read(&mut r, "the key's AlgorithmIdentifier")?;
    let key_bits = r.expect(Tag::BitString, "the public key BIT STRING")?;
    r.finish("the public key")?;
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
                Some(p) if p.is(Tag::Sequence) => Some(dsa_params_bits(p)?),
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
    let seq = top.expect(Tag::Sequence, "RSAPublicKey")?;
    top.finish("the RSAPublicKey")?;
    let mut r = seq.reader();
    let n = r.expect(Tag::Integer, "the RSA modulus")?;
    r.expect(Tag::Integer, "the RSA public exponent")?;
    r.finish("the RSAPublicKey")?;
    positive_bits(&n, "RSA modulus")
}

/// PKCS#8 PrivateKeyInfo / OneAsymmetricKey.
fn pkcs8_private_key(der: &[u8]) -> Result<PrivateKeyInfo, String> {
    let mut top = Der::new(der);
    let seq = top.expect(Tag::Sequence, "PrivateKeyInfo")?;
    top.finish("the PrivateKeyInfo")?;
    let mut r = seq.reader();
    let version = r.expect(Tag::Integer, "the version")?;
    if !matches!(version.content, [0] | [1]) {
        return Err(format!("version at byte {} is not 0 or 1", version.start));
    }
    let alg = AlgorithmId::read(&mut r, "the private key's AlgorithmIdentifier")?;
    let key = r.expect(Tag::OctetString, "the privateKey OCTET STRING")?;
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
                Some(p) if p.is(Tag::Sequence) => Some(dsa_params_bits(p)?),
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
    let seq = top.expect(Tag::Sequence, "EncryptedPrivateKeyInfo")?;
    top.finish("the EncryptedPrivateKeyInfo")?;
    let mut r = seq.reader();
    let alg = AlgorithmId::read(&mut r, "the encryption AlgorithmIdentifier")?;
    r.expect(Tag::OctetString, "the encryptedData OCTET STRING")?;
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
    let mut top = Der::at(der, base);
    let seq = top.expect(Tag::Sequence, "RSAPrivateKey")?;
    top.finish("the RSAPrivateKey")?;
    let mut r = seq.reader();
    let version = r.expect(Tag::Integer, "the version")?;
    if !matches!(version.content, [0] | [1]) {
        return Err(format!("version at byte {} is not 0 or 1", version.start));
    }
    let n = r.expect(Tag::Integer, "the modulus")?;
    for what in [
        "the public exponent",
        "the private exponent",
        "prime1",
        "prime2",
        "exponent1",
        "exponent2",
        "coefficient",
    ] {
        r.expect(Tag::Integer, what)?;
    }
    if !r.at_end() && version.content == [1] {
        r.expect(Tag::Sequence, "otherPrimeInfos")?;
    }
    r.finish("the RSAPrivateKey")?;
    Ok(PrivateKeyInfo {
        algorithm: KeyAlgorithm::Rsa,
        bits: Some(positive_bits(&n, "RSA modulus")?),
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
    let seq = top.expect(Tag::Sequence, "ECPrivateKey")?;
    top.finish("the ECPrivateKey")?;
    let mut r = seq.reader();
    let version = r.expect(Tag::Integer, "the version")?;
    if version.content != [1] {
        return Err(format!("version at byte {} is not 1", version.start));
    }
    let key = r.expect(Tag::OctetString, "the privateKey OCTET STRING")?;
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
    let seq = top.expect(Tag::Sequence, "DSAPrivateKey")?;
    top.finish("the DSAPrivateKey")?;
    let mut r = seq.reader();
    let version = r.expect(Tag::Integer, "the version")?;
    if version.content != [0] {
        return Err(format!("version at byte {} is not 0", version.start));
    }
    let p = r.expect(Tag::Integer, "p")?;
    for what in ["q", "g", "the public key y", "the private key x"] {
        r.expect(Tag::Integer, what)?;
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
    if params.is(Tag::Oid) {
        let oid = oid_to_string(params.content);
        return Ok(match curve_by_oid(&oid) {
            Some((name, bits)) => (name.to_string(), Some(bits)),
            None => (oid, None),
        });
    }
    if params.is(Tag::Null) {
        return Ok(("implicit curve".to_string(), None));
    }
    if params.is(Tag::Sequence) {
        // SpecifiedECDomain { version, fieldID SEQUENCE { fieldType, prime p }, ... }
        let mut r = params.reader();
        let bits = (|| -> Result<u32, String> {
            r.expect(Tag::Integer, "the version")?;
            let field = r.expect(Tag::Sequence, "fieldID")?;
            let mut f = field.reader();
            f.expect(Tag::Oid, "fieldType")?;
            let p = f.expect(Tag::Integer, "the prime")?;
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
    let p = r.expect(Tag::Integer, "DSA p")?;
    r.expect(Tag::Integer, "DSA q")?;
    r.expect(Tag::Integer, "DSA g")?;
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

/// Dotted form of OID content bytes; never panics (overlong arcs are shown in hex).
fn oid_to_string(content: &[u8]) -> String {
    let mut arcs: Vec<String> = Vec::new();
    let mut value: u128 = 0;
    let mut overflow = false;
    let mut arc_start = 0;
    for (i, &b) in content.iter().enumerate() {
        if value > (u128::MAX >> 7) {
            overflow = true;
        }
        value = (value << 7) | u128::from(b & 0x7F);
        if b & 0x80 == 0 {
            let text = if overflow {
                format!("0x{}", hex_upper(&content[arc_start..=i]))
            } else if arcs.is_empty() {
                let (first, second) = match value {
                    0..=39 => (0, value),
                    40..=79 => (1, value - 40),
                    _ => (2, value - 80),
                };
                arcs.push(first.to_string());
                second.to_string()
            } else {
                value.to_string()
            };
            arcs.push(text);
            value = 0;
            overflow = false;
            arc_start = i + 1;
        }
    }
    if arc_start < content.len() || content.is_empty() {
        arcs.push("(truncated)".to_string());
    }
    arcs.join(".")
}

/// An AlgorithmIdentifier: OID and optional parameters.
struct AlgorithmId<'a> {
    oid: String,
    params: Option<Tlv<'a>>,
}

impl<'a> AlgorithmId<'a> {
    fn read(r: &mut Der<'a>, what: &str) -> Result<Self, String> {
        let seq = r.expect(Tag::Sequence, what)?;
        let mut inner = seq.reader();
        let oid = inner.expect(Tag::Oid, "the algorithm OID")?;
        let params = if inner.at_end() {
            None
        } else {
            Some(inner.any("the algorithm parameters")?)
        };
        inner.finish(what)?;
        Ok(Self {
            oid: oid_to_string(oid.content),
            params: params.filter(|p| !p.is(Tag::Null)),
        })
    }
}

// ---------------------------------------------------------------------------------------------
// A small DER reader over asn1-rs headers that knows absolute byte offsets, for messages like
// "unexpected end of data at byte 812".

/// One TLV element.
#[derive(Clone, Copy, Debug)]
struct Tlv<'a> {
    class: Class,
    constructed: bool,
    tag: u32,
    content: &'a [u8],
    /// Absolute offset of the identifier byte.
    start: usize,
    /// Absolute offset of the content.
    content_start: usize,
}

impl<'a> Tlv<'a> {
    fn is(&self, tag: Tag) -> bool {
        self.class == Class::Universal && self.tag == tag.0
    }

    fn is_context(&self, n: u32) -> bool {
        self.class == Class::ContextSpecific && self.tag == n
    }

    fn end(&self) -> usize {
        self.content_start + self.content.len()
    }

    fn reader(&self) -> Der<'a> {
        Der::at(self.content, self.content_start)
    }

    fn type_name(&self) -> String {
        type_name(self.class, self.tag)
    }
}

fn type_name(class: Class, tag: u32) -> String {
    match class {
        Class::Universal => match Tag(tag) {
            Tag::Boolean => "BOOLEAN".to_string(),
            Tag::Integer => "INTEGER".to_string(),
            Tag::BitString => "BIT STRING".to_string(),
            Tag::OctetString => "OCTET STRING".to_string(),
            Tag::Null => "NULL".to_string(),
            Tag::Oid => "OBJECT IDENTIFIER".to_string(),
            Tag::Utf8String => "UTF8String".to_string(),
            Tag::Sequence => "SEQUENCE".to_string(),
            Tag::Set => "SET".to_string(),
            Tag::PrintableString => "PrintableString".to_string(),
            Tag::UtcTime => "UTCTime".to_string(),
            Tag::GeneralizedTime => "GeneralizedTime".to_string(),
            _ => format!("universal tag {tag}"),
        },
        Class::ContextSpecific => format!("[{tag}]"),
        Class::Application => format!("[APPLICATION {tag}]"),
        Class::Private => format!("[PRIVATE {tag}]"),
    }
}

struct Der<'a> {
    data: &'a [u8],
    /// Absolute offset of `data[0]`.
    base: usize,
    pos: usize,
}

impl<'a> Der<'a> {
    fn new(data: &'a [u8]) -> Self {
        Self::at(data, 0)
    }

    fn at(data: &'a [u8], base: usize) -> Self {
        Self { data, base, pos: 0 }
    }

    fn at_end(&self) -> bool {
        self.pos >= self.data.len()
    }

    /// The next element, whatever it is.
    fn any(&mut self, what: &str) -> Result<Tlv<'a>, String> {
        let start = self.base + self.pos;
        let end_abs = self.base + self.data.len();
        let rest = self.data.get(self.pos..).unwrap_or_default();
        if rest.is_empty() {
            return Err(format!(
                "unexpected end of data at byte {start}: expected {what}"
            ));
        }
        let (after_header, header) = match Header::from_der(rest) {
            Ok(parsed) => parsed,
            Err(nom::Err::Incomplete(_)) => {
                return Err(format!(
                    "unexpected end of data at byte {end_abs}: the header of {what} at byte \
                     {start} is cut off"
                ));
            }
            Err(nom::Err::Error(e) | nom::Err::Failure(e)) => {
                return Err(format!(
                    "bad DER header for {what} at byte {start}: {}",
                    header_error(&e)
                ));
            }
        };
        let header_len = rest.len() - after_header.len();
        let len = match header.length() {
            Length::Definite(len) => len,
            Length::Indefinite => {
                return Err(format!(
                    "{what} at byte {start} has an indefinite length (BER, not DER)"
                ));
            }
        };
        if len > after_header.len() {
            return Err(format!(
                "unexpected end of data at byte {end_abs}: {what} at byte {start} declares {len} \
                 bytes of content but only {} remain",
                after_header.len()
            ));
        }
        let content = &after_header[..len];
        self.pos += header_len + len;
        Ok(Tlv {
            class: header.class(),
            constructed: header.is_constructed(),
            tag: header.tag().0,
            content,
            start,
            content_start: start + header_len,
        })
    }

    /// The next element, which must be the universal type `tag`.
    fn expect(&mut self, tag: Tag, what: &str) -> Result<Tlv<'a>, String> {
        let tlv = self.any(what)?;
        if !tlv.is(tag) {
            return Err(format!(
                "expected {what} ({}) at byte {}, found {}",
                type_name(Class::Universal, tag.0),
                tlv.start,
                tlv.type_name()
            ));
        }
        let must_be_constructed = matches!(tag, Tag::Sequence | Tag::Set);
        if tlv.constructed != must_be_constructed {
            return Err(format!(
                "{what} at byte {} has the wrong constructed bit",
                tlv.start
            ));
        }
        Ok(tlv)
    }

    /// The context-specific tag number of the next element, if it is one.
    fn peek_context(&self) -> Result<Option<u32>, String> {
        if self.at_end() {
            return Ok(None);
        }
        let mut copy = Der {
            data: self.data,
            base: self.base,
            pos: self.pos,
        };
        let tlv = copy.any("the next element")?;
        Ok((tlv.class == Class::ContextSpecific).then_some(tlv.tag))
    }

    /// Elements left (None when they do not parse).
    fn remaining_elements(&self) -> Option<usize> {
        let mut copy = Der {
            data: self.data,
            base: self.base,
            pos: self.pos,
        };
        let mut n = 0;
        while !copy.at_end() {
            copy.any("element").ok()?;
            n += 1;
        }
        Some(n)
    }

    /// No bytes may follow.
    fn finish(&self, what: &str) -> Result<(), String> {
        let left = self.data.len().saturating_sub(self.pos);
        if left == 0 {
            Ok(())
        } else {
            Err(format!(
                "{left} unexpected bytes after {what}, at byte {}",
                self.base + self.pos
            ))
        }
    }
}

fn header_error(e: &x509_parser::asn1_rs::Error) -> String {
    use x509_parser::asn1_rs::Error as E;
    match e {
        E::InvalidLength => "invalid or too large length field".to_string(),
        E::DerConstraintFailed(c) => format!("not DER ({c:?})"),
        E::InvalidTag => "invalid tag".to_string(),
        other => format!("{other}"),
    }
}

/// Checks that the input is exactly one DER SEQUENCE (with `allow_trailing`, starts with
/// one), with messages for the common mistakes (empty, text instead of DER, truncated).
fn envelope(der: &[u8], allow_trailing: bool) -> Result<Tlv<'_>, String> {
    let Some(&first) = der.first() else {
        return Err("empty input (0 bytes)".to_string());
    };
    // `0` is 0x30: hex text of DER starts like DER.
    if der.len() >= 8
        && der
            .iter()
            .take(64)
            .all(|b| b.is_ascii_hexdigit() || b.is_ascii_whitespace())
    {
        return Err("this is hex text, not DER".to_string());
    }
    if first != 0x30 {
        let text = der
            .iter()
            .take(64)
            .all(|b| b.is_ascii_graphic() || b.is_ascii_whitespace());
        if text {
            let start = String::from_utf8_lossy(&der[..der.len().min(16)]).into_owned();
            let kind = if start.trim_start().starts_with("-----BEGIN") {
                "PEM"
            } else if start.trim_start().starts_with('<') {
                "XML"
            } else {
                "base64 or other"
            };
            return Err(format!(
                "this is {kind} text, not DER (starts with \"{}\")",
                start.trim()
            ));
        }
        return Err(format!(
            "starts with byte 0x{first:02X}, not a DER SEQUENCE (0x30)"
        ));
    }
    let mut r = Der::new(der);
    let outer = r.any("the outer SEQUENCE")?;
    if !outer.constructed {
        return Err("the outer SEQUENCE at byte 0 is not constructed".to_string());
    }
    if !allow_trailing && !r.at_end() {
        return Err(format!(
            "{} bytes of trailing data after the end of the DER structure at byte {}",
            der.len() - outer.end(),
            outer.end()
        ));
    }
    Ok(outer)
}

/// Walks nested constructed elements to find the first length that does not fit, for a
/// message with a byte position.
fn der_structure_problem(der: &[u8]) -> Option<String> {
    fn walk(r: &mut Der<'_>, depth: usize) -> Option<String> {
        if depth > 32 {
            return None;
        }
        while !r.at_end() {
            match r.any("an element") {
                Err(m) => return Some(m),
                Ok(tlv) if tlv.constructed => {
                    if let Some(m) = walk(&mut tlv.reader(), depth + 1) {
                        return Some(m);
                    }
                }
                Ok(_) => {}
            }
        }
        None
    }
    walk(&mut Der::new(der), 0)
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
