//! Generators of hostile inputs, shared by `tests/hostile.rs` (which checks the finding each
//! gives) and `examples/hostile.rs` (which measures time and peak memory per input).

use std::io::Write as _;

use base64::Engine as _;

/// One hostile input and the rule it must produce.
pub(crate) struct Case {
    /// Short name.
    pub(crate) name: &'static str,
    /// Makes the input.
    pub(crate) generate: fn() -> Vec<u8>,
    /// The rule whose finding says what is wrong.
    pub(crate) rule: &'static str,
}

/// Every hostile input of issue 2.
pub(crate) const CASES: &[Case] = &[
    Case {
        name: "billion-laughs",
        generate: billion_laughs,
        rule: "xml-doctype",
    },
    Case {
        name: "nested-200000",
        generate: nested,
        rule: "xml-limit-exceeded",
    },
    Case {
        name: "random-64mb",
        generate: random_64mb,
        rule: "input-undecodable",
    },
    Case {
        name: "attribute-50mb",
        generate: attribute_50mb,
        rule: "xml-limit-exceeded",
    },
    Case {
        name: "deflate-400mb",
        generate: deflate_bomb,
        rule: "input-limit-exceeded",
    },
    Case {
        name: "invalid-utf8",
        generate: invalid_utf8,
        rule: "input-undecodable",
    },
    Case {
        name: "utf16-response",
        generate: utf16_response,
        rule: "status-not-success",
    },
];

/// The classic billion-laughs DTD: ten levels of ten-fold entity expansion.
pub(crate) fn billion_laughs() -> Vec<u8> {
    let mut s = String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n");
    for i in 2..=9 {
        let prev = if i == 2 {
            "lol".to_owned()
        } else {
            format!("lol{}", i - 1)
        };
        s.push_str(&format!(
            " <!ENTITY lol{i} \"{}\">\n",
            format!("&{prev};").repeat(10)
        ));
    }
    s.push_str("]>\n<lolz>&lol9;</lolz>\n");
    s.into_bytes()
}

/// 200,000 nested elements.
pub(crate) fn nested() -> Vec<u8> {
    let n = 200_000;
    let mut s = String::with_capacity(n * 7);
    s.push_str(&"<a>".repeat(n));
    s.push_str(&"</a>".repeat(n));
    s.into_bytes()
}

/// 64 MB of deterministic pseudo-random bytes.
pub(crate) fn random_64mb() -> Vec<u8> {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut out = Vec::with_capacity(64 << 20);
    while out.len() < 64 << 20 {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        out.extend_from_slice(&x.to_le_bytes());
    }
    out
}

/// A Response whose one attribute value is 50 MB long.
pub(crate) fn attribute_50mb() -> Vec<u8> {
    let mut s = String::from(
        "<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" ID=\"_r\" Version=\"2.0\" IssueInstant=\"2026-01-01T00:00:00Z\" Destination=\"",
    );
    s.push_str(&"A".repeat(50 << 20));
    s.push_str("\"/>");
    s.into_bytes()
}

/// base64 of a raw DEFLATE stream that expands to 400 MB (as a Redirect-binding value).
pub(crate) fn deflate_bomb() -> Vec<u8> {
    let mut encoder = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    let chunk = vec![b' '; 1 << 20];
    let _ = encoder.write_all(b"<samlp:AuthnRequest");
    for _ in 0..400 {
        let _ = encoder.write_all(&chunk);
    }
    let compressed = encoder.finish().unwrap_or_default();
    base64::engine::general_purpose::STANDARD
        .encode(compressed)
        .into_bytes()
}

/// Well-formed XML except for one byte that is not UTF-8.
pub(crate) fn invalid_utf8() -> Vec<u8> {
    let mut v = b"<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" ID=\"_r\" Version=\"2.0\"><x>caf".to_vec();
    v.push(0xE9); // Latin-1 e-acute, invalid as UTF-8
    v.extend_from_slice(b"</x></samlp:Response>");
    v
}

/// An error Response encoded as UTF-16LE with a BOM (as Windows tools save it).
pub(crate) fn utf16_response() -> Vec<u8> {
    let xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\r\n<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" ID=\"_r\" Version=\"2.0\" IssueInstant=\"2026-01-01T00:00:00Z\"><saml:Issuer xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\">https://sts.windows.net/00000000-1111-2222-3333-444444444444/</saml:Issuer><samlp:Status><samlp:StatusCode Value=\"urn:oasis:names:tc:SAML:2.0:status:Responder\"/><samlp:StatusMessage>AADSTS50105: not assigned — café</samlp:StatusMessage></samlp:Status></samlp:Response>";
    let mut v = vec![0xFF, 0xFE];
    for unit in xml.encode_utf16() {
        v.extend_from_slice(&unit.to_le_bytes());
    }
    v
}
