//! Private key material in what a user pasted: found so that it is masked in every redacted
//! copy, never put in a share link and never stored, whatever shape it came in.

use base64::Engine as _;

use crate::cert::{KeyMaterial, is_pkcs12, read_key_material};
use crate::span::Span;

/// The bodies of the private-key PEM blocks of `text`: from the end of each BEGIN marker whose
/// label names a private key (`-----BEGIN PRIVATE KEY-----`, `RSA PRIVATE KEY`, `ENCRYPTED
/// PRIVATE KEY`, `OPENSSH PRIVATE KEY` …) to the next END marker (or the end of the text),
/// without the white space around them. Lines do not matter: a block on one line, or with its
/// line ends written as `\n` (JSON, an environment variable), is found too.
pub(crate) fn blocks(text: &str) -> Vec<Span> {
    const BEGIN: &str = "-----BEGIN ";
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(found) = text[from..].find(BEGIN) {
        let label_start = from + found + BEGIN.len();
        // A label has no '-' (RFC 7468): it ends at the marker's closing dashes, or at the
        // end of the line when they are missing.
        let label_len = text[label_start..]
            .find(['-', '\n', '\r', '\\'])
            .unwrap_or(text.len() - label_start);
        let label = &text[label_start..label_start + label_len];
        let marker_end = label_start
            + label_len
            + text[label_start + label_len..]
                .bytes()
                .take(5)
                .take_while(|&b| b == b'-')
                .count();
        from = marker_end;
        if !label.contains("PRIVATE KEY") {
            continue;
        }
        let body_end = text[marker_end..]
            .find("-----END ")
            .map_or(text.len(), |i| marker_end + i);
        let body = &text[marker_end..body_end];
        let start = marker_end + (body.len() - body.trim_start().len());
        let end = marker_end + body.trim_end().len();
        if start < end {
            out.push(Span::new(start, end));
        }
        from = body_end;
    }
    out
}

/// Whether `value` — the text of a field, or a pasted input — holds private key material: a
/// private-key PEM block (see [`blocks`]), or base64 of DER that is a private key or a
/// PKCS#12 (`.pfx`) bundle (what a binary key file dropped on a field becomes).
pub fn holds(value: &str) -> bool {
    if !blocks(value).is_empty() {
        return true;
    }
    // Keys and bundles are a few kilobytes; a long field is metadata or XML.
    if value.len() > 64 * 1024 {
        return false;
    }
    let compact: String = value.split_ascii_whitespace().collect();
    BASE64.decode(compact).is_ok_and(|der| is_private_der(&der))
}

/// Whether `der` is a private key or a PKCS#12 bundle (which holds one).
pub(crate) fn is_private_der(der: &[u8]) -> bool {
    is_pkcs12(der) || matches!(read_key_material(None, der), Ok(KeyMaterial::PrivateKey(_)))
}

/// Standard alphabet, padding optional.
const BASE64: base64::engine::GeneralPurpose = base64::engine::GeneralPurpose::new(
    &base64::alphabet::STANDARD,
    base64::engine::GeneralPurposeConfig::new()
        .with_decode_padding_mode(base64::engine::DecodePaddingMode::Indifferent),
);

#[cfg(test)]
mod tests {
    use super::*;

    fn bodies(text: &str) -> Vec<&str> {
        blocks(text).into_iter().map(|s| s.slice(text)).collect()
    }

    #[test]
    fn blocks_are_found_on_lines_on_one_line_and_with_escaped_line_ends() {
        let multi = "-----BEGIN PRIVATE KEY-----\nMIIEvQ\nIBADAN\n-----END PRIVATE KEY-----\n";
        assert_eq!(bodies(multi), ["MIIEvQ\nIBADAN"]);
        let one_line =
            "key: -----BEGIN RSA PRIVATE KEY----- MIIEvQIBADAN -----END RSA PRIVATE KEY-----";
        assert_eq!(bodies(one_line), ["MIIEvQIBADAN"]);
        let json =
            r#"{"key": "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADAN\n-----END PRIVATE KEY-----\n"}"#;
        assert_eq!(bodies(json), [r"\nMIIEvQIBADAN\n"]);
        let no_end = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE";
        assert_eq!(bodies(no_end), ["MHcCAQEE"]);
        let no_dashes = "-----BEGIN PRIVATE KEY\nMIIEvQ\n";
        assert_eq!(bodies(no_dashes), ["MIIEvQ"]);
    }

    #[test]
    fn certificates_and_empty_blocks_are_no_keys() {
        let cert = "-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----\n";
        assert!(bodies(cert).is_empty());
        assert!(bodies("-----BEGIN PRIVATE KEY----------END PRIVATE KEY-----").is_empty());
        assert!(bodies("-----BEGIN ").is_empty());
        assert!(!holds(cert));
        assert!(holds(
            "-----BEGIN PRIVATE KEY----- MIIE -----END PRIVATE KEY-----"
        ));
    }
}
