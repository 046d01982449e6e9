//! `decode`: whatever a user pastes, undone layer by layer (URL, percent-encoding, base64,
//! DEFLATE, UTF-16, PEM …).
//!
//! Checks: decode and decode_owned agree; at most MAX_LAYERS layers; every span (PEM blocks,
//! the error position) inside its text and on character boundaries; an error's text bounded;
//! decoded XML text decodes again to itself with no layer (what the page's "copy decoded"
//! gives).
#![no_main]

use libfuzzer_sys::fuzz_target;
use samlscope_core::decode::{Content, MAX_ERROR_TEXT_BYTES, MAX_LAYERS, decode, decode_owned};
use samlscope_fuzz::check_span;

fuzz_target!(|data: &[u8]| {
    let borrowed = decode(data);
    let owned = decode_owned(data.to_vec());
    assert_eq!(borrowed, owned, "decode and decode_owned disagree");
    match borrowed {
        Ok(decoded) => {
            assert!(decoded.layers.len() <= MAX_LAYERS, "{:?}", decoded.layers);
            match &decoded.content {
                Content::Xml => {
                    assert!(
                        decoded.text.trim_start().starts_with('<'),
                        "XML starts with <"
                    );
                    // Text XML may hold (no control character but whitespace: NULs would make
                    // it look like UTF-16) decodes to itself.
                    let xml_chars = !decoded
                        .text
                        .chars()
                        .any(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'));
                    if !xml_chars {
                        return;
                    }
                    let again = decode(decoded.text.as_bytes()).expect("decoded XML decodes");
                    assert_eq!(again.content, Content::Xml, "decoded XML is XML again");
                    assert_eq!(again.text, decoded.text, "decoded XML decodes to itself");
                    assert!(
                        again.layers.is_empty(),
                        "decoded XML has no layer left: {:?}",
                        again.layers
                    );
                }
                Content::Pem(blocks) => {
                    assert!(!blocks.is_empty(), "PEM content without a block");
                    for b in blocks {
                        check_span(&decoded.text, b.span, "PEM block");
                    }
                }
                Content::Der(der) => assert!(!der.is_empty(), "empty DER"),
            }
            if let Some(binding) = &decoded.binding {
                assert!(
                    !binding.parameter.is_empty(),
                    "a binding names its parameter"
                );
            }
        }
        Err(e) => {
            assert!(e.layers.len() <= MAX_LAYERS, "{:?}", e.layers);
            assert!(
                e.text.len() <= MAX_ERROR_TEXT_BYTES,
                "error text of {} bytes",
                e.text.len()
            );
            assert!(!e.message.is_empty(), "an error says what is wrong");
            if let Some(span) = e.span {
                check_span(&e.text, span, "decode error");
            }
        }
    }
});
