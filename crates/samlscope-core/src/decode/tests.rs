//! Unit tests of the decoding layers (the public behaviour is tested in `tests/decode.rs`).
#![allow(clippy::unwrap_used)]

use std::io::Write as _;

use base64::Engine as _;
use proptest::prelude::*;

use super::b64::{b64_decode, padding_says_spaces_are_plus};
use super::binary::{InflateError, crc32, inflate_any, inflate_gzip, inflate_stream};
use super::binding::{Scan, scan_binding};
use super::percent::{has_percent_escape, percent_decode, percent_decode_smart};
use super::text::{declared_encoding, is_windows_1252};
use super::walk::bounded;
use super::*;

fn deflate(bytes: &[u8]) -> Vec<u8> {
    let mut encoder =
        flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

#[test]
fn megabytes_with_one_decimal() {
    assert_eq!(megabytes(64 * 1024 * 1024), "64 MB");
    assert_eq!(megabytes(64 * 1024 * 1024 + 1), "64.0 MB");
    assert_eq!(megabytes(3 * 512 * 1024), "1.5 MB");
    assert_eq!(megabytes(1024 * 1024 - 1), "1.0 MB");
    assert_eq!(megabytes(100 * 1024), "0.1 MB");
    assert_eq!(megabytes(20 * 1024), "0.0 MB");
}

#[test]
fn der_sequence_detection() {
    assert!(is_der_sequence(&[0x30, 0x00]));
    assert!(is_der_sequence(&[0x30, 0x02, 0x05, 0x00]));
    assert!(!is_der_sequence(&[0x30, 0x03, 0x05, 0x00]));
    let mut long = vec![0x30, 0x81, 0x80];
    long.extend([0; 0x80]);
    assert!(is_der_sequence(&long));
    // Non-minimal lengths are not DER.
    assert!(!is_der_sequence(&[0x30, 0x81, 0x01, 0x00]));
    assert!(!is_der_sequence(&[0x30, 0x82, 0x00, 0x80]));
    // Huge or indefinite lengths never overflow or match.
    assert!(!is_der_sequence(&[
        0x30, 0x84, 0xff, 0xff, 0xff, 0xff, 0x00
    ]));
    assert!(!is_der_sequence(&[0x30, 0x88, 0xff, 0xff, 0xff, 0xff]));
    assert!(!is_der_sequence(&[0x30, 0x80, 0x00, 0x00]));
    assert!(!is_der_sequence(&[0x31, 0x00]));
    assert!(!is_der_sequence(&[]));
}

#[test]
fn base64_positions_are_absolute() {
    let e = b64_decode("PHNh%bWxw", 100, false).err().unwrap();
    assert_eq!(e.reason, "`%` at byte 104 is not a base64 character");
    assert_eq!(e.span, Span::new(104, 105));
    let e = b64_decode("PHNh\u{e9}", 0, false).err().unwrap();
    assert_eq!(e.span, Span::new(4, 6));
    let e = b64_decode("ab+-", 0, false).err().unwrap();
    assert!(e.reason.contains("mixes"), "{}", e.reason);
    let e = b64_decode("ab==cd", 0, false).err().unwrap();
    assert!(
        e.reason.contains("after the `=` padding at byte 2"),
        "{}",
        e.reason
    );
    let e = b64_decode("abc===", 0, false).err().unwrap();
    assert!(e.reason.contains("too much"), "{}", e.reason);
    assert!(b64_decode(" \n ", 0, false).is_err());
    assert_eq!(
        b64_decode("YQ", 0, false).ok().unwrap(),
        (b"a".to_vec(), false)
    );
    assert_eq!(b64_decode("Y Q = =", 0, false).ok().unwrap().0, b"a");
    assert_eq!(
        b64_decode("-_8", 0, false).ok().unwrap(),
        (vec![0xfb, 0xff], true)
    );
}

#[test]
fn spaces_in_base64() {
    // `abc+/8==`, with the `+` turned into a space.
    assert_eq!(
        b64_decode("abc /8==", 0, true).ok().unwrap().0,
        [105, 183, 62, 255]
    );
    // Outside a binding, the padding decides.
    assert_eq!(
        b64_decode("abc /8==", 0, false).ok().unwrap().0,
        [105, 183, 62, 255]
    );
    assert_eq!(b64_decode("abcd efgh", 0, false).ok().unwrap().0.len(), 6);
    // With line breaks, spaces are whitespace even in a binding.
    assert_eq!(
        b64_decode("abcd efgh\nijkl", 0, true).ok().unwrap().0.len(),
        9
    );
    assert!(padding_says_spaces_are_plus(b"abc /8=="));
    assert!(!padding_says_spaces_are_plus(b"abcd efgh"));
    assert!(padding_says_spaces_are_plus(b"abcd e"));
}

#[test]
fn percent_decoding_keeps_invalid_escapes() {
    assert_eq!(percent_decode(b"a%2Bb+c%zz%4", false), b"a+b+c%zz%4");
    assert_eq!(percent_decode(b"a%2Bb+c", true), b"a+b c");
    assert_eq!(
        percent_decode_smart(b"%3Cr+a%3D%221%2B1%22%2F%3E"),
        b"<r a=\"1+1\"/>"
    );
    assert_eq!(percent_decode_smart(b"ab+c%3D"), b"ab+c=");
    assert!(has_percent_escape(b"x%3d"));
    assert!(!has_percent_escape(b"100%"));
    assert!(!has_percent_escape(b"%g0"));
}

#[test]
fn declared_encoding_is_read() {
    assert_eq!(
        declared_encoding(b" <?xml version=\"1.0\" encoding = 'latin1' ?><r/>"),
        Some(&b"latin1"[..])
    );
    assert_eq!(declared_encoding(b"<?xml version=\"1.0\"?><r/>"), None);
    assert_eq!(declared_encoding(b"<r encoding=\"latin1\"/>"), None);
    assert_eq!(declared_encoding(b"<?xml encoding=\"latin1"), None);
    assert!(is_windows_1252(b"ISO-8859-1"));
    assert!(!is_windows_1252(b"UTF-8"));
}

#[test]
fn inflate_errors_are_named() {
    let Err(InflateError::Corrupt { at, why }) = inflate_any(&[0x07, 0, 0]) else {
        panic!()
    };
    assert_eq!((at, why.as_str()), (0, "invalid block type"));
    let Err(InflateError::Corrupt { at, why }) = inflate_any(&[0x01, 5, 0, 5, 0, 1]) else {
        panic!()
    };
    assert_eq!((at, why.as_str()), (1, "invalid stored block lengths"));
    let mut stream = deflate(b"<r/>");
    assert_eq!(inflate_any(&stream).ok().unwrap(), b"<r/>");
    stream.push(0);
    let Err(InflateError::Corrupt { why, .. }) = inflate_any(&stream) else {
        panic!()
    };
    assert!(why.contains("unexpected bytes after the end"), "{why}");
    let stream = deflate(&[b'x'; 10_000]);
    let Err(InflateError::Corrupt { why, .. }) = inflate_any(&stream[..stream.len() - 2]) else {
        panic!()
    };
    assert!(why.contains("truncated"), "{why}");
}

#[test]
fn crc32_is_gzips() {
    assert_eq!(crc32(b""), 0);
    assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
}

#[test]
fn gzip_and_zlib_members_inflate_and_are_checked() {
    use std::io::Write as _;
    let text = b"<samlp:Response/>".repeat(2000);
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&text).expect("writes");
    let mut gz = gz.finish().expect("finishes");
    assert_eq!(inflate_gzip(&gz).ok(), Some(text.clone()));
    let crc_at = gz.len() - 8;
    gz[crc_at] ^= 1;
    let Err(InflateError::Corrupt { at, why }) = inflate_gzip(&gz) else {
        panic!("a wrong CRC is an error")
    };
    assert_eq!((at, why.as_str()), (crc_at, "gzip CRC mismatch"));
    gz[crc_at] ^= 1;
    gz[crc_at + 4] ^= 1;
    let Err(InflateError::Corrupt { why, .. }) = inflate_gzip(&gz) else {
        panic!("a wrong size is an error")
    };
    assert_eq!(why, "gzip size mismatch");
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
    z.write_all(&text).expect("writes");
    let z = z.finish().expect("finishes");
    let (out, used) = inflate_stream(&z, true).ok().expect("zlib inflates");
    assert_eq!((out, used), (text, z.len()));
}

#[test]
fn error_text_is_bounded_on_char_boundaries() {
    let text = "\u{e9}".repeat(MAX_ERROR_TEXT_BYTES);
    let (bounded_text, span) = bounded(&text, Some(Span::new(0, 2)));
    assert!(bounded_text.len() <= MAX_ERROR_TEXT_BYTES);
    assert_eq!(span, Some(Span::new(0, 2)));
    let (_, span) = bounded(&text, Some(Span::at(MAX_ERROR_TEXT_BYTES + 2)));
    assert_eq!(span, None);
}

#[test]
fn binding_scan() {
    let Scan::Found(found) = scan_binding("/sso?a=1&SAMLRequest=x%3D&Signature=s#f") else {
        panic!()
    };
    assert_eq!(found.endpoint, Some("/sso"));
    assert_eq!(found.source, BindingSource::Url);
    assert_eq!(found.value, "x%3D");
    assert_eq!(found.raw_query, "a=1&SAMLRequest=x%3D&Signature=s");
    assert!(matches!(scan_binding("abc"), Scan::NotFound));
    assert!(matches!(
        scan_binding("HTTPS://x/?y=1"),
        Scan::UrlWithoutParameter(_)
    ));
    let Scan::Found(found) = scan_binding("SAML%52equest=v") else {
        panic!()
    };
    assert_eq!(found.parameter, "SAMLRequest");
}

fn check_invariants(input: &[u8]) {
    match decode(input) {
        Ok(decoded) => {
            assert!(decoded.layers.len() <= MAX_LAYERS);
            if let Content::Pem(blocks) = &decoded.content {
                for block in blocks {
                    assert!(decoded.text.get(block.span.start..block.span.end).is_some());
                }
            }
        }
        Err(e) => {
            assert!(e.text.len() <= MAX_ERROR_TEXT_BYTES);
            assert!(e.layers.len() <= MAX_LAYERS);
            if let Some(span) = e.span {
                assert!(e.text.get(span.start..span.end).is_some(), "{e:?}");
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn never_panics_on_bytes(input in proptest::collection::vec(any::<u8>(), 0..512)) {
        check_invariants(&input);
        check_invariants(b64(&input).as_bytes());
        check_invariants(b64(&deflate(&input)).as_bytes());
    }

    #[test]
    fn never_panics_on_text(input in "[<>?&=%+/ a-zA-Z0-9\\-_\n\u{e9}]{0,300}") {
        check_invariants(input.as_bytes());
        check_invariants(format!("https://x/?SAMLRequest={input}").as_bytes());
        check_invariants(format!("-----BEGIN X-----\n{input}\n-----END X-----").as_bytes());
    }

    #[test]
    fn mutated_redirect_urls_never_panic(cut in 0usize..400, flip in 0usize..400, bit in 0u8..8) {
        let xml = "<samlp:AuthnRequest xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" ID=\"_1\"/>";
        let url = format!(
            "https://idp.example.com/sso?SAMLRequest={}&RelayState=r",
            b64(&deflate(xml.as_bytes())).replace('+', "%2B").replace('=', "%3D")
        );
        let mut bytes = url.into_bytes();
        if let Some(b) = bytes.get_mut(flip) {
            *b ^= 1 << bit;
        }
        bytes.truncate(cut);
        check_invariants(&bytes);
    }
}
