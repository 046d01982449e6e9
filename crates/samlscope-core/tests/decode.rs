//! Decoding: every layer combination, and hostile inputs.
#![allow(clippy::unwrap_used)]

/// In a module named `decode` so that `cargo test decode` selects these tests.
mod decode {

    use std::io::Write as _;

    use base64::Engine as _;
    use base64::engine::general_purpose::{STANDARD, STANDARD_NO_PAD, URL_SAFE_NO_PAD};
    use flate2::Compression;
    use samlscope_core::decode::{
        BindingSource, Content, DecodeError, DecodeErrorKind, Decoded, Layer, MAX_ERROR_TEXT_BYTES,
        MAX_INFLATED_BYTES, MAX_INPUT_BYTES, MAX_LAYERS, decode,
    };

    const AUTHN: &str = concat!(
        r#"<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" "#,
        r#"ID="_8e8dc5f69a98cc4c1ff3427e5ce34606fd672f91e6" Version="2.0" "#,
        r#"IssueInstant="2024-01-01T00:00:00Z" Destination="https://idp.example.com/sso">"#,
        r#"<saml:Issuer xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion">https://sp.example.com</saml:Issuer>"#,
        r#"</samlp:AuthnRequest>"#,
    );

    /// XML whose base64 contains `+` (and `/`), to test `+` handling.
    const RESPONSE: &str = concat!(
        r#"<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" ID="_r1" Version="2.0" "#,
        r#"IssueInstant="2024-01-01T00:00:00Z"><samlp:Status><samlp:StatusCode "#,
        r#"Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>"#,
        r#"<x a="~~~~~~~~~" b="???????"/></samlp:Response>"#,
    );

    const CERT_PEM: &str = "-----BEGIN CERTIFICATE-----
MIIC/zCCAeegAwIBAgIUIKOvHMFtANq/oI2fS6fvn124znEwDQYJKoZIhvcNAQEL
BQAwDzENMAsGA1UEAwwEdGVzdDAeFw0yNjExMjMxNjM0NDZaFw0zNjExMjAxNjM0
NDZaMA8xDTALBgNVBAMMBHRlc3QwggEiMA0GCSqGSIb3DQEBAQUAA4IBDwAwggEK
AoIBAQCTRcf3qSShmX8US2X3TtK3JtqlBwabsmk0mbsjBa9XcsOgj0QXaUOvmaD3
67mk5n9keFNOITXqN1D0WzaQ4ywPxl9LMX8N1KOAmPzgMhmMKiQjF2h6kLE8PquN
hd5GvyGhvCszarGF8uXA0HbFaTiBgmenZpv719TzI4nqLAxAx1ND+z3qsvm/tRVc
lX8DPHM0ON7RnkF2eqDA0pgHffiSnB4ArXabL25sZuMxz5z9P9cDikKSFT0IBW9g
hQrZqRETWpBEpzAgd8GrXjSNNf2YzcLbLTkKTS0LBV7U/b60peKTG+/oPXk1Pqve
4pMdgU4rCBELY9+n6XeWAPizFxg9AgMBAAGjUzBRMB0GA1UdDgQWBBQrYMBKFh2Y
4ntxGp9ZPwsOhnO5HzAfBgNVHSMEGDAWgBQrYMBKFh2Y4ntxGp9ZPwsOhnO5HzAP
BgNVHRMBAf8EBTADAQH/MA0GCSqGSIb3DQEBCwUAA4IBAQBeTbI9Z/nmmZYOyDUQ
EqckYHaj5vTIHRmmga2/FqRWObGdQFbnBK7+Iz4mJyYsv2hFQQP8/FH6N/9hM7vZ
GgcvewiGOfhMJ7YhvJclRD2T7qUGvqABdXZ/3VqGn4oPxrgFMN/SDRTH6+62ABvS
ptybo4cqQz73bfkr0Bg2DkuarDTL92L9e77/DHw5rPG+y8JAhsOxmnw/ptvhoTnB
MMgsbTQZ+IxIpMZcUlC7JagDpfICxuPtgAKYuy8RR86zUsHNqVgDQ6KOt9OzIyKN
iF40LWWlwc+fMfzOLl1snsSeC7pW/GH6ESxEObOK4A+27l9ZGKdfhktmg2xMMjVZ
/1l8
-----END CERTIFICATE-----
";
    const EC_PUBLIC_KEY_PEM: &str = "-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEUTe56NykrSyjgn7HZGU4nbsbZZN4
GQZa5MaFGVQooK9+o9B29fvLulh6Xodh85/+aZoP6/2e2V/zSG07S2RHZQ==
-----END PUBLIC KEY-----
";

    fn b64(bytes: impl AsRef<[u8]>) -> String {
        STANDARD.encode(bytes)
    }

    fn deflate(bytes: &[u8]) -> Vec<u8> {
        let mut encoder = flate2::write::DeflateEncoder::new(Vec::new(), Compression::default());
        encoder.write_all(bytes).unwrap();
        encoder.finish().unwrap()
    }

    /// Percent-encodes everything but unreserved characters (like `encodeURIComponent`).
    fn pct(text: &str) -> String {
        let mut out = String::new();
        for b in text.bytes() {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                out.push(char::from(b));
            } else {
                out.push_str(&format!("%{b:02X}"));
            }
        }
        out
    }

    /// Form-encodes (`URLEncoder` style: space is `+`).
    fn form(text: &str) -> String {
        pct(text).replace("%20", "+")
    }

    fn ok(input: impl AsRef<[u8]>) -> Decoded {
        match decode(input.as_ref()) {
            Ok(decoded) => decoded,
            Err(e) => panic!("decode failed: {e:?}"),
        }
    }

    fn err(input: impl AsRef<[u8]>) -> DecodeError {
        match decode(input.as_ref()) {
            Ok(decoded) => panic!("decode unexpectedly succeeded: {:?}", decoded.layers),
            Err(e) => {
                if let Some(span) = e.span {
                    assert!(span.end <= e.text.len(), "span out of text: {e:?}");
                    assert!(
                        e.text.is_char_boundary(span.start) && e.text.is_char_boundary(span.end)
                    );
                }
                assert!(e.text.len() <= MAX_ERROR_TEXT_BYTES);
                assert!(
                    !e.message.contains('\n'),
                    "message is not one line: {}",
                    e.message
                );
                e
            }
        }
    }

    fn pem_der(pem: &str) -> Vec<u8> {
        let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
        STANDARD.decode(body).unwrap()
    }

    fn xorshift_bytes(len: usize, mut seed: u64) -> Vec<u8> {
        let mut out = Vec::with_capacity(len + 8);
        while out.len() < len {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            out.extend_from_slice(&seed.to_le_bytes());
        }
        out.truncate(len);
        out
    }

    // --- XML and text encodings ----------------------------------------------------------------

    #[test]
    fn raw_xml_passes_through_unchanged() {
        let d = ok(AUTHN);
        assert_eq!(d.content, Content::Xml);
        assert!(d.layers.is_empty());
        assert_eq!(d.text, AUTHN);
        assert!(d.binding.is_none());
    }

    #[test]
    fn xml_with_declaration_and_surrounding_whitespace_is_kept_exactly() {
        let input = format!("\r\n  <?xml version=\"1.0\" encoding=\"UTF-8\"?>\n{AUTHN}\n\n");
        let d = ok(&input);
        assert_eq!(d.content, Content::Xml);
        assert_eq!(d.text, input);
    }

    #[test]
    fn utf8_bom_is_stripped() {
        let d = ok(format!("\u{feff}{AUTHN}"));
        assert_eq!(d.layers, [Layer::Bom]);
        assert_eq!(d.text, AUTHN);
    }

    fn utf16(text: &str, little_endian: bool, bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        let units = bom.then_some(0xFEFF).into_iter().chain(text.encode_utf16());
        for unit in units {
            out.extend_from_slice(&if little_endian {
                unit.to_le_bytes()
            } else {
                unit.to_be_bytes()
            });
        }
        out
    }

    #[test]
    fn utf16_with_and_without_bom() {
        let xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><r>caf\u{e9} \u{1F600}</r>";
        for little_endian in [true, false] {
            for bom in [true, false] {
                let d = ok(utf16(xml, little_endian, bom));
                assert_eq!(d.layers, [Layer::Utf16], "le={little_endian} bom={bom}");
                assert_eq!(d.text, xml);
                assert_eq!(d.content, Content::Xml);
            }
        }
    }

    #[test]
    fn utf16_unpaired_surrogate_is_reported_with_its_byte() {
        let mut bytes = utf16("<r>ab</r>", true, true);
        // Replace `a` (code unit 4, byte 2 + 2*4 = 10) with a lone high surrogate.
        bytes[10] = 0x00;
        bytes[11] = 0xD8;
        let e = err(&bytes);
        assert_eq!(e.kind, DecodeErrorKind::Undecodable);
        assert!(e.message.contains("at byte 10"), "{}", e.message);
        assert_eq!(e.span.unwrap().slice(&e.text), "\u{FFFD}");
    }

    #[test]
    fn utf16_odd_length_is_an_error() {
        let mut bytes = utf16("<r/>", false, true);
        bytes.push(b'x');
        let e = err(&bytes);
        assert!(e.message.contains("odd number of bytes"), "{}", e.message);
    }

    #[test]
    fn latin1_declared_is_transcoded() {
        let mut bytes = b"<?xml version='1.0' encoding='ISO-8859-1'?>\n<r>caf".to_vec();
        bytes.extend_from_slice(&[0xE9, b' ', 0x80, b' ', 0xFF]);
        bytes.extend_from_slice(b"</r>");
        let d = ok(&bytes);
        assert_eq!(d.layers, [Layer::Latin1]);
        assert!(
            d.text.ends_with("<r>caf\u{e9} \u{20ac} \u{ff}</r>"),
            "{}",
            d.text
        );
        assert!(
            d.text
                .starts_with("<?xml version='1.0' encoding='ISO-8859-1'?>")
        );

        let mut bytes = b"<?xml version=\"1.0\" encoding=\"windows-1252\"?><r>".to_vec();
        bytes.extend_from_slice(&[0x93, b'q', 0x94]);
        bytes.extend_from_slice(b"</r>");
        assert!(ok(&bytes).text.contains("<r>\u{201c}q\u{201d}</r>"));
    }

    #[test]
    fn invalid_utf8_names_the_byte() {
        let mut bytes = b"<r>".to_vec();
        bytes.extend(std::iter::repeat_n(b'a', 1231));
        bytes.push(0xFF);
        bytes.extend_from_slice(b"</r>");
        let e = err(&bytes);
        assert_eq!(e.kind, DecodeErrorKind::Undecodable);
        assert!(
            e.message.contains("invalid UTF-8 at byte 1234"),
            "{}",
            e.message
        );
        assert_eq!(e.span.unwrap().start, 1234);
        assert_eq!(e.span.unwrap().slice(&e.text), "\u{FFFD}");
    }

    #[test]
    fn utf8_declared_but_invalid_mentions_the_declaration() {
        let mut bytes = b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><r>".to_vec();
        bytes.push(0xE9);
        bytes.extend_from_slice(b"</r>");
        let e = err(&bytes);
        assert!(
            e.message.contains("invalid UTF-8 at byte 41"),
            "{}",
            e.message
        );
        assert!(e.message.contains("UTF-8"));
    }

    // --- base64, DEFLATE, percent-encoding -------------------------------------------------------

    #[test]
    fn base64_standard() {
        let d = ok(b64(AUTHN));
        assert_eq!(d.layers, [Layer::Base64]);
        assert_eq!(d.text, AUTHN);
        assert_eq!(d.content, Content::Xml);
    }

    #[test]
    fn base64_with_line_breaks_and_stray_whitespace() {
        let encoded = b64(RESPONSE);
        let wrapped: Vec<String> = encoded
            .as_bytes()
            .chunks(64)
            .map(|c| String::from_utf8(c.to_vec()).unwrap())
            .collect();
        let d = ok(format!("\n  {}\r\n\t ", wrapped.join("\r\n ")));
        assert_eq!(d.layers, [Layer::Base64]);
        assert_eq!(d.text, RESPONSE);
    }

    #[test]
    fn base64_without_padding() {
        let encoded = STANDARD_NO_PAD.encode(AUTHN);
        assert!(!encoded.ends_with('='));
        assert_eq!(ok(&encoded).text, AUTHN);
        let encoded = STANDARD_NO_PAD.encode(format!("{AUTHN} "));
        assert_eq!(ok(&encoded).text, format!("{AUTHN} "));
    }

    #[test]
    fn base64_url_safe() {
        let encoded = URL_SAFE_NO_PAD.encode(RESPONSE);
        assert!(encoded.contains('-') || encoded.contains('_'));
        let d = ok(&encoded);
        assert_eq!(d.layers, [Layer::Base64Url]);
        assert_eq!(d.text, RESPONSE);
    }

    #[test]
    fn base64_of_bom_xml() {
        let d = ok(b64(format!("\u{feff}{AUTHN}")));
        assert_eq!(d.layers, [Layer::Base64, Layer::Bom]);
        assert_eq!(d.text, AUTHN);
    }

    #[test]
    fn base64_of_utf16_xml() {
        let d = ok(b64(utf16(AUTHN, true, true)));
        assert_eq!(d.layers, [Layer::Base64, Layer::Utf16]);
        assert_eq!(d.text, AUTHN);
    }

    #[test]
    fn deflate_base64() {
        let d = ok(b64(deflate(AUTHN.as_bytes())));
        assert_eq!(d.layers, [Layer::Base64, Layer::Deflate]);
        assert_eq!(d.text, AUTHN);
    }

    #[test]
    fn zlib_and_gzip_wrapped_deflate_are_tolerated() {
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), Compression::default());
        z.write_all(AUTHN.as_bytes()).unwrap();
        let d = ok(b64(z.finish().unwrap()));
        assert_eq!(d.layers, [Layer::Base64, Layer::Deflate]);
        assert_eq!(d.text, AUTHN);

        let mut g = flate2::GzBuilder::new()
            .filename("authn.xml")
            .comment("c")
            .write(Vec::new(), Compression::default());
        g.write_all(AUTHN.as_bytes()).unwrap();
        let gz = g.finish().unwrap();
        let d = ok(b64(&gz));
        assert_eq!(d.layers, [Layer::Base64, Layer::Deflate]);
        assert_eq!(d.text, AUTHN);

        // A corrupted gzip CRC is caught.
        let mut bad = gz;
        let n = bad.len();
        bad[n - 8] ^= 1;
        let e = err(b64(&bad));
        assert!(e.tried.iter().any(|t| t.contains("CRC")), "{:?}", e.tried);
    }

    #[test]
    fn percent_encoded_deflate_base64() {
        let encoded = pct(&b64(deflate(RESPONSE.as_bytes())));
        assert!(encoded.contains('%'));
        let d = ok(&encoded);
        assert_eq!(
            d.layers,
            [Layer::PercentDecoding, Layer::Base64, Layer::Deflate]
        );
        assert_eq!(d.text, RESPONSE);
    }

    #[test]
    fn doubly_percent_encoded_shows_twice() {
        let encoded = pct(&pct(&b64(deflate(RESPONSE.as_bytes()))));
        assert!(encoded.contains("%25"));
        let d = ok(&encoded);
        assert_eq!(
            d.layers,
            [
                Layer::PercentDecoding,
                Layer::PercentDecoding,
                Layer::Base64,
                Layer::Deflate
            ]
        );
        assert_eq!(d.text, RESPONSE);
    }

    #[test]
    fn percent_encoded_xml_both_styles() {
        let d = ok(pct(AUTHN));
        assert_eq!(d.layers, [Layer::PercentDecoding]);
        assert_eq!(d.text, AUTHN);
        // Java URLEncoder style: spaces as `+`.
        let encoded = form(AUTHN);
        assert!(encoded.contains('+'));
        let d = ok(&encoded);
        assert_eq!(d.layers, [Layer::PercentDecoding]);
        assert_eq!(d.text, AUTHN);
    }

    #[test]
    fn percent_encoded_base64_with_unencoded_plus() {
        let encoded = b64(RESPONSE);
        assert!(encoded.contains('+'));
        // Only `=` and `/` escaped, `+` left raw (as devtools "view decoded" copies often are).
        let input = encoded.replace('/', "%2F").replace('=', "%3D");
        let d = ok(&input);
        assert_eq!(d.layers, [Layer::PercentDecoding, Layer::Base64]);
        assert_eq!(d.text, RESPONSE);
    }

    #[test]
    fn nested_base64_three_times() {
        let d = ok(b64(b64(b64(AUTHN))));
        assert_eq!(d.layers, [Layer::Base64; 3]);
        assert_eq!(d.text, AUTHN);
    }

    #[test]
    fn base64_of_a_url() {
        let url = format!(
            "https://idp.example.com/sso?SAMLRequest={}",
            pct(&b64(deflate(AUTHN.as_bytes())))
        );
        let d = ok(b64(&url));
        assert_eq!(
            d.layers,
            [Layer::Base64, Layer::Url, Layer::Base64, Layer::Deflate]
        );
        assert_eq!(d.text, AUTHN);
        assert_eq!(d.binding.unwrap().source, BindingSource::Url);
    }

    // --- bindings ---------------------------------------------------------------------------------

    const SIG_ALG: &str = samlscope_core::algorithms::RSA_SHA256;

    fn signature_b64() -> String {
        // Bytes chosen so that the base64 has `+`, `/` and padding.
        b64([0xfb, 0xef, 0xff, 0xfe, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06])
    }

    #[test]
    fn full_redirect_url_with_relay_state_and_signature() {
        let sig = signature_b64();
        assert!(sig.contains('+') && sig.contains('/') && sig.ends_with('='));
        let query = format!(
            "SAMLRequest={}&RelayState={}&SigAlg={}&Signature={}",
            pct(&b64(deflate(AUTHN.as_bytes()))),
            form("/app?x=1 & y"),
            pct(SIG_ALG),
            pct(&sig)
        );
        let url = format!("https://idp.example.com/sso/redirect?{query}#fragment");
        let d = ok(&url);
        assert_eq!(d.layers, [Layer::Url, Layer::Base64, Layer::Deflate]);
        assert_eq!(d.text, AUTHN);
        let b = d.binding.unwrap();
        assert_eq!(b.source, BindingSource::Url);
        assert_eq!(
            b.endpoint.as_deref(),
            Some("https://idp.example.com/sso/redirect")
        );
        assert_eq!(b.parameter, "SAMLRequest");
        assert_eq!(b.relay_state.as_deref(), Some("/app?x=1 & y"));
        assert_eq!(b.sig_alg.as_deref(), Some(SIG_ALG));
        assert_eq!(b.signature.as_deref(), Some(sig.as_str()));
        assert_eq!(b.raw_query, query);
    }

    #[test]
    fn url_with_unencoded_base64_plus() {
        let encoded = b64(deflate(RESPONSE.as_bytes()));
        let encoded = if encoded.contains('+') {
            encoded
        } else {
            b64(RESPONSE)
        };
        assert!(encoded.contains('+'));
        let url = format!("http://sp.example.com/acs?SAMLResponse={encoded}&RelayState=a+b");
        let d = ok(&url);
        assert_eq!(d.text, RESPONSE);
        let b = d.binding.unwrap();
        assert_eq!(b.parameter, "SAMLResponse");
        assert_eq!(b.relay_state.as_deref(), Some("a b"));
        assert_eq!(b.endpoint.as_deref(), Some("http://sp.example.com/acs"));
    }

    #[test]
    fn query_where_plus_became_space() {
        let encoded = b64(RESPONSE);
        assert!(encoded.contains('+'));
        let query = format!("SAMLResponse={}&RelayState=r", encoded.replace('+', " "));
        let d = ok(&query);
        assert_eq!(d.text, RESPONSE);
        assert_eq!(d.binding.unwrap().relay_state.as_deref(), Some("r"));
    }

    #[test]
    fn bare_query_string_redirect() {
        let query = format!(
            "SAMLRequest={}&RelayState=xyz&SigAlg={}&Signature={}",
            pct(&b64(deflate(AUTHN.as_bytes()))),
            pct(SIG_ALG),
            pct(&signature_b64())
        );
        let d = ok(&query);
        assert_eq!(
            d.layers,
            [Layer::QueryString, Layer::Base64, Layer::Deflate]
        );
        assert_eq!(d.text, AUTHN);
        let b = d.binding.unwrap();
        assert_eq!(b.source, BindingSource::QueryString);
        assert_eq!(b.endpoint, None);
        assert_eq!(b.raw_query, query);
        assert_eq!(b.sig_alg.as_deref(), Some(SIG_ALG));

        // An unsigned deflated query is still a query string; so is one with a leading `?`.
        let query = format!("SAMLRequest={}", pct(&b64(deflate(AUTHN.as_bytes()))));
        assert_eq!(ok(&query).layers[0], Layer::QueryString);
        let d = ok(format!("?SAMLRequest={}", pct(&b64(AUTHN))));
        assert_eq!(d.layers, [Layer::QueryString, Layer::Base64]);
        assert_eq!(
            d.binding.unwrap().raw_query,
            format!("SAMLRequest={}", pct(&b64(AUTHN)))
        );
    }

    #[test]
    fn post_form_body() {
        let body = format!(
            "SAMLResponse={}&RelayState={}\n",
            form(&b64(RESPONSE)),
            form("hello world/1")
        );
        let d = ok(&body);
        assert_eq!(d.layers, [Layer::FormBody, Layer::Base64]);
        assert_eq!(d.text, RESPONSE);
        let b = d.binding.unwrap();
        assert_eq!(b.source, BindingSource::FormBody);
        assert_eq!(b.parameter, "SAMLResponse");
        assert_eq!(b.relay_state.as_deref(), Some("hello world/1"));
        assert_eq!(b.raw_query, body.trim_end());
    }

    #[test]
    fn post_form_body_with_unencoded_plus_and_line_breaks() {
        let encoded = b64(RESPONSE);
        let wrapped = format!("{}\r\n{}", &encoded[..40], &encoded[40..]);
        let body = format!(
            "RelayState=s&SAMLResponse={}",
            pct(&wrapped).replace("%2B", "+")
        );
        let d = ok(&body);
        assert_eq!(d.layers, [Layer::FormBody, Layer::Base64]);
        assert_eq!(d.text, RESPONSE);
    }

    #[test]
    fn parameter_names_match_case_insensitively_and_first_saml_one_wins() {
        let first = b64(AUTHN);
        let second = b64(RESPONSE);
        let d = ok(format!(
            "samlrequest={}&SAMLResponse={}",
            pct(&first),
            pct(&second)
        ));
        assert_eq!(d.text, AUTHN);
        assert_eq!(d.binding.unwrap().parameter, "SAMLRequest");
    }

    #[test]
    fn url_without_saml_parameter_is_undecodable() {
        for url in [
            "https://idp.example.com/sso?foo=bar&RelayState=x",
            "https://idp.example.com/sso",
        ] {
            let e = err(url);
            assert_eq!(e.kind, DecodeErrorKind::Undecodable);
            assert!(
                e.message
                    .contains("URL without SAMLRequest or SAMLResponse parameter"),
                "{}",
                e.message
            );
        }
    }

    #[test]
    fn empty_saml_parameter() {
        let e = err("https://idp.example.com/sso?SAMLRequest=&RelayState=x");
        assert!(
            e.message.contains("SAMLRequest parameter is empty"),
            "{}",
            e.message
        );
    }

    // --- PEM and DER ------------------------------------------------------------------------------

    #[test]
    fn pem_certificate() {
        let d = ok(CERT_PEM);
        assert_eq!(d.layers, [Layer::Pem]);
        let Content::Pem(blocks) = &d.content else {
            panic!("not PEM: {:?}", d.content)
        };
        assert_eq!(blocks.len(), 1);
        assert_eq!(blocks[0].label, "CERTIFICATE");
        assert_eq!(blocks[0].der, pem_der(CERT_PEM));
        assert_eq!(&blocks[0].der[..2], &[0x30, 0x82]);
        assert_eq!(blocks[0].span.slice(&d.text), CERT_PEM.trim_end());
    }

    #[test]
    fn multiple_pem_blocks_with_text_between() {
        let input = format!(
            "subject=CN = test\r\n{}\r\nBag Attributes\n{EC_PUBLIC_KEY_PEM}",
            CERT_PEM.replace('\n', "\r\n")
        );
        let d = ok(&input);
        let Content::Pem(blocks) = &d.content else {
            panic!("not PEM")
        };
        assert_eq!(blocks.len(), 2);
        assert_eq!(blocks[0].label, "CERTIFICATE");
        assert_eq!(blocks[1].label, "PUBLIC KEY");
        assert_eq!(blocks[1].der, pem_der(EC_PUBLIC_KEY_PEM));
        assert!(
            blocks[1]
                .span
                .slice(&d.text)
                .starts_with("-----BEGIN PUBLIC KEY-----")
        );
        assert!(
            blocks[1]
                .span
                .slice(&d.text)
                .ends_with("-----END PUBLIC KEY-----")
        );
        assert!(blocks[0].span.end < blocks[1].span.start);
    }

    #[test]
    fn malformed_pem_names_block_and_position() {
        let broken = EC_PUBLIC_KEY_PEM.replacen("GQZa", "GQ!a", 1);
        let input = format!("{CERT_PEM}{broken}");
        let e = err(&input);
        assert_eq!(e.kind, DecodeErrorKind::Undecodable);
        assert!(
            e.message.contains("PEM block 2 (PUBLIC KEY)"),
            "{}",
            e.message
        );
        let at = input.find('!').unwrap();
        assert!(e.message.contains(&format!("byte {at}")), "{}", e.message);
        assert_eq!(e.span.unwrap().slice(&e.text), "!");

        let e = err(CERT_PEM.replace("-----END CERTIFICATE-----", ""));
        assert!(
            e.message.contains("no `-----END CERTIFICATE-----` line"),
            "{}",
            e.message
        );

        let e = err(CERT_PEM.replace("END CERTIFICATE", "END PUBLIC KEY"));
        assert!(e.message.contains("END line"), "{}", e.message);
    }

    #[test]
    fn bare_base64_der_certificate() {
        let body: String = CERT_PEM
            .lines()
            .filter(|l| !l.starts_with("-----"))
            .collect();
        let d = ok(&body);
        assert_eq!(d.layers, [Layer::Base64]);
        assert_eq!(d.content, Content::Der(pem_der(CERT_PEM)));
        // Wrapped lines work too.
        let wrapped: String = CERT_PEM
            .lines()
            .filter(|l| !l.starts_with("-----"))
            .map(|l| format!("{l}\n"))
            .collect();
        assert_eq!(ok(&wrapped).content, Content::Der(pem_der(CERT_PEM)));
        // Short-form DER length (an EC public key is 91 bytes).
        assert_eq!(
            ok(b64(pem_der(EC_PUBLIC_KEY_PEM))).content,
            Content::Der(pem_der(EC_PUBLIC_KEY_PEM))
        );
    }

    #[test]
    fn base64_of_pem() {
        let d = ok(b64(CERT_PEM));
        assert_eq!(d.layers, [Layer::Base64, Layer::Pem]);
        assert!(matches!(d.content, Content::Pem(ref blocks) if blocks.len() == 1));
    }

    // --- hostile and broken inputs ---------------------------------------------------------------

    #[test]
    fn empty_and_whitespace() {
        for input in ["", " ", "\r\n\t  \n"] {
            let e = err(input);
            assert_eq!(e.kind, DecodeErrorKind::Empty, "{input:?}");
        }
        assert_eq!(err("\u{feff}  ").kind, DecodeErrorKind::Empty);
        assert_eq!(err(b64("   ")).kind, DecodeErrorKind::Empty);
    }

    #[test]
    fn input_over_the_limit() {
        let input = vec![b'A'; MAX_INPUT_BYTES + 1];
        let e = err(&input);
        assert_eq!(e.kind, DecodeErrorKind::LimitExceeded);
        assert!(
            e.message.contains(&format!("{}", MAX_INPUT_BYTES + 1)),
            "{}",
            e.message
        );
        assert!(e.message.contains("128 MB"), "{}", e.message);
    }

    #[test]
    fn random_64_mb_fails_fast() {
        let input = xorshift_bytes(64 * 1024 * 1024, 0x9E37_79B9_7F4A_7C15);
        let e = err(&input);
        assert_eq!(e.kind, DecodeErrorKind::Undecodable);
        assert!(e.message.contains("invalid UTF-8 at byte"), "{}", e.message);
        // Generous for unoptimized builds on a loaded machine; release takes milliseconds.
    }

    #[test]
    fn random_base64_fails_with_deflate_reason() {
        let input = b64(xorshift_bytes(300, 42));
        let e = err(&input);
        assert_eq!(e.kind, DecodeErrorKind::Undecodable);
        assert!(e.layers.is_empty());
        assert_eq!(e.text, input);
        assert!(
            e.tried.iter().any(|t| t.starts_with("DEFLATE: ")),
            "{:?}",
            e.tried
        );
        assert!(e.message.contains("binary"), "{}", e.message);
    }

    /// Raw DEFLATE expanding to `megabytes` MB of zeros: one sync-flushed 1 MB block repeated
    /// (each starts with a literal, then distance-1 matches, so repeating it is valid), then an
    /// empty final stored block. About 1 KB per MB.
    fn zeros_bomb(megabytes: usize) -> Vec<u8> {
        let mut compress = flate2::Compress::new(Compression::best(), false);
        let mut block = Vec::with_capacity(64 * 1024);
        compress
            .compress_vec(&vec![0; 1 << 20], &mut block, flate2::FlushCompress::Sync)
            .unwrap();
        assert_eq!(compress.total_in(), 1 << 20);
        let mut out = Vec::with_capacity(block.len() * megabytes + 5);
        for _ in 0..megabytes {
            out.extend_from_slice(&block);
        }
        out.extend_from_slice(&[0x01, 0x00, 0x00, 0xff, 0xff]);
        out
    }

    #[test]
    fn deflate_bomb_is_refused() {
        // Sanity: a small one inflates fine (and is text? no: zeros are control characters).
        let small = zeros_bomb(2);
        let mut inflated = Vec::new();
        std::io::Read::read_to_end(
            &mut flate2::read::DeflateDecoder::new(&small[..]),
            &mut inflated,
        )
        .unwrap();
        assert_eq!(inflated.len(), 2 << 20);

        let bomb = zeros_bomb(400);
        assert!(bomb.len() < 1024 * 1024, "{}", bomb.len());
        let e = err(b64(&bomb));
        assert_eq!(e.kind, DecodeErrorKind::LimitExceeded);
        assert_eq!(
            e.message,
            "the DEFLATE stream expands past 64 MB; refusing to go on (decompression bomb?)"
        );
        assert_eq!(e.layers, [Layer::Base64]);
        assert_eq!(MAX_INFLATED_BYTES, 64 << 20);
    }

    #[test]
    fn deflate_of_exactly_the_limit_is_accepted_but_not_text() {
        // 64 MB of zeros inflates (not past the limit) but is not text: the error says so.
        let e = err(b64(zeros_bomb(64)));
        assert_eq!(e.kind, DecodeErrorKind::Undecodable);
    }

    #[test]
    fn nesting_past_max_layers() {
        let mut input = AUTHN.to_owned();
        for _ in 0..MAX_LAYERS {
            input = b64(&input);
        }
        assert_eq!(ok(&input).layers.len(), MAX_LAYERS);
        let e = err(b64(&input));
        assert_eq!(e.kind, DecodeErrorKind::LimitExceeded);
        assert_eq!(e.layers.len(), MAX_LAYERS);
    }

    #[test]
    fn truncated_base64() {
        let encoded = b64(deflate(AUTHN.as_bytes()));
        // Two groups short: DEFLATE runs out.
        let cut = &encoded[..encoded.len() - 8];
        let e = err(cut);
        assert_eq!(e.kind, DecodeErrorKind::Undecodable);
        assert!(
            e.tried.iter().any(|t| t.contains("DEFLATE")),
            "{:?}",
            e.tried
        );
        // A lone last character can never be base64.
        let symbols = encoded.trim_end_matches('=');
        let cut = &symbols[..symbols.len() / 4 * 4 - 3];
        let e = err(cut);
        assert!(e.message.contains("one too many"), "{}", e.message);
        assert_eq!(e.span.unwrap().start, cut.len() - 1);
    }

    #[test]
    fn garbage() {
        let e = err("hello, world!");
        assert_eq!(e.kind, DecodeErrorKind::Undecodable);
        assert!(e.tried.len() >= 4, "{:?}", e.tried);
        assert!(e.tried.iter().any(|t| t.starts_with("XML: ")));
        assert!(
            e.tried
                .iter()
                .any(|t| t.starts_with("base64: `,` at byte 5")),
            "{:?}",
            e.tried
        );
        assert_eq!(e.span.unwrap().slice(&e.text), ",");

        let e = err("#!/bin/sh");
        assert!(e.message.contains("starts with `#`"), "{}", e.message);

        let e = err("  PHNhbWxw%ZZOlJlc3BvbnNl");
        assert_eq!(
            e.message,
            "not base64: `%` at byte 10 is not a base64 character"
        );
        assert_eq!(e.span.unwrap().slice(&e.text), "%");

        let e = err("a=b&c=d");
        assert!(e.message.contains("query string without"), "{}", e.message);

        let e = err(r#"{"log": {"entries": []}}"#);
        assert!(
            e.message.contains("a HAR file holds several messages"),
            "{}",
            e.message
        );
    }

    #[test]
    fn invalid_utf8_inside_base64() {
        let mut xml = b"<r>".to_vec();
        xml.push(0xC3);
        xml.extend_from_slice(b"</r>");
        let e = err(b64(&xml));
        assert_eq!(e.layers, [Layer::Base64]);
        assert!(
            e.message.contains("invalid UTF-8 at byte 3"),
            "{}",
            e.message
        );
        assert_eq!(e.span.unwrap().slice(&e.text), "\u{FFFD}");
    }

    #[test]
    fn fifty_megabytes_of_xml_pass_through() {
        let mut xml = String::with_capacity(50 << 20);
        xml.push_str("<r>");
        while xml.len() < 50 << 20 {
            xml.push_str("<a>caf\u{e9}</a>");
        }
        xml.push_str("</r>");
        let d = ok(&xml);
        assert_eq!(d.text.len(), xml.len());
        assert!(d.text == xml);
    }
}
