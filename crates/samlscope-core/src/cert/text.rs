//! Certificate text: the content of an `X509Certificate` element or a pasted certificate
//! (base64 with any whitespace, PEM armour, missing padding, double encoding), and what was
//! tolerated.

use base64::Engine as _;

use super::x509::parse_certificate;
use super::{CertError, CertificateInfo};
use crate::der::envelope;

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
