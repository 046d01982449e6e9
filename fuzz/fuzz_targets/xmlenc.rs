//! XML Encryption: `xmlenc::decrypt` with the fixtures' TEST-ONLY SP key, and `inspect` with
//! that key as `Context::sp_key`.
//!
//! First byte even: the rest is an XML document; every EncryptedAssertion / EncryptedID /
//! EncryptedAttribute / EncryptedData in it is decrypted. First byte odd: the rest is the
//! *plaintext*, encrypted here (AES-128-CBC with the fuzzer's own last block as padding, or
//! AES-128-GCM) under the content key of a fixture's EncryptedKey, so that decryption gets
//! past the key transport and the fuzzer reaches padding, UTF-8 and the parsing of the
//! decrypted assertion in its namespace context.
//!
//! Checks: the structured mode decrypts exactly when it must (GCM: plaintext is UTF-8; CBC:
//! last byte 1..=16 and the rest UTF-8) and gives back exactly the plaintext; otherwise the
//! failing step is the one expected; every report's invariants.
#![no_main]

use std::sync::OnceLock;

use aes_gcm::KeyInit as _;
use aes_gcm::aead::Aead as _;
use base64::Engine as _;
use cbc::cipher::block_padding::NoPadding;
use cbc::cipher::{BlockModeEncrypt as _, KeyIvInit as _};
use libfuzzer_sys::fuzz_target;
use rsa::pkcs8::DecodePrivateKey as _;
use samlscope_core::inspect;
use samlscope_core::xml::{Document, parse};
use samlscope_core::xmlenc::{DecryptStep, SpKey, decrypt};
use samlscope_fuzz::{check_report, keys, plain_context, split_first};

const CBC: &str =
    include_str!("../../crates/samlscope-core/tests/fixtures/xmlenc/aes128-cbc.rsa-oaep-mgf1p.xml");
const GCM: &str =
    include_str!("../../crates/samlscope-core/tests/fixtures/xmlenc/aes128-gcm.rsa-oaep-mgf1p.xml");

/// A fixture split around the EncryptedData's CipherValue, with its content key.
struct Template {
    before: String,
    after: String,
    content_key: Vec<u8>,
}

const OPEN: &str = "<xenc:CipherValue>";
const CLOSE: &str = "</xenc:CipherValue>";

fn template(fixture: &str) -> Template {
    let unb64 = |s: &str| {
        let clean: String = s.chars().filter(|c| !c.is_whitespace()).collect();
        base64::engine::general_purpose::STANDARD
            .decode(clean)
            .expect("fixture base64")
    };
    // The first CipherValue is the EncryptedKey's, the last the EncryptedData's.
    let key_start = fixture.find(OPEN).expect("EncryptedKey CipherValue") + OPEN.len();
    let key_end = key_start + fixture[key_start..].find(CLOSE).expect("its end");
    let data_start = fixture.rfind(OPEN).expect("EncryptedData CipherValue") + OPEN.len();
    let data_end = data_start + fixture[data_start..].find(CLOSE).expect("its end");
    let sp = rsa::PrivateKey::from_pkcs8_der(&keys::pem_der(keys::SP_KEY)).expect("the SP key");
    let padding = rsa::Oaep::<sha1::Sha1, sha1::Sha1>::new_with_mgf_hash();
    let content_key = sp
        .decrypt(padding, &unb64(&fixture[key_start..key_end]))
        .expect("content key");
    Template {
        before: fixture[..data_start].to_owned(),
        after: fixture[data_end..].to_owned(),
        content_key,
    }
}

struct Fixed {
    sp_key: SpKey,
    cbc: Template,
    gcm: Template,
}

fn fixed() -> &'static Fixed {
    static FIXED: OnceLock<Fixed> = OnceLock::new();
    FIXED.get_or_init(|| Fixed {
        sp_key: SpKey::read(keys::SP_KEY_DER).expect("the SP key reads"),
        cbc: template(CBC),
        gcm: template(GCM),
    })
}

fn encrypted_elements(doc: &Document) -> Vec<samlscope_core::xml::NodeId> {
    doc.descendant_elements(doc.document_node())
        .filter(|e| {
            matches!(
                e.local_name(),
                "EncryptedAssertion" | "EncryptedID" | "EncryptedAttribute" | "EncryptedData"
            )
        })
        .map(|e| e.id())
        .take(4)
        .collect()
}

fn structured(gcm: bool, plaintext: &[u8]) {
    let f = fixed();
    let t = if gcm { &f.gcm } else { &f.cbc };
    let padded_storage;
    let (data, expected): (Vec<u8>, Result<&[u8], DecryptStep>) = if gcm {
        let iv = [7u8; 12];
        let cipher = aes_gcm::Aes128Gcm::new_from_slice(&t.content_key).expect("key");
        let nonce = aes_gcm::Nonce::<aes_gcm::aead::consts::U12>::try_from(&iv[..]).expect("iv");
        let sealed = cipher.encrypt(&nonce, plaintext).expect("encrypts");
        ([&iv[..], &sealed].concat(), Ok(plaintext))
    } else {
        // The fuzzer's bytes, zero-filled to whole blocks, are the padded plaintext.
        let mut padded = plaintext.to_vec();
        padded.resize(plaintext.len().div_ceil(16).max(1) * 16, 0);
        padded_storage = padded;
        let padded = &padded_storage;
        let iv = [9u8; 16];
        let enc = cbc::Encryptor::<aes::Aes128>::new_from_slices(&t.content_key, &iv).expect("key");
        let len = padded.len();
        let mut buf = padded.clone();
        let ct = enc
            .encrypt_padded::<NoPadding>(&mut buf, len)
            .expect("whole blocks")
            .to_vec();
        // XML Encryption padding: the last byte says how many bytes to drop (1 to 16).
        let pad = usize::from(padded[len - 1]);
        let expected = if (1..=16).contains(&pad) {
            Ok(&padded[..len - pad])
        } else {
            Err(DecryptStep::Padding)
        };
        ([&iv[..], &ct].concat(), expected)
    };
    let value = base64::engine::general_purpose::STANDARD.encode(&data);
    let xml = format!("{}{value}{}", t.before, t.after);
    let doc = parse(xml.clone()).expect("the template parses");
    let target = encrypted_elements(&doc)[0];
    let outcome = decrypt(&doc, target, &f.sp_key);
    match (expected, &outcome) {
        (Ok(bytes), Ok(d)) => assert_eq!(d.plaintext.as_bytes(), bytes, "plaintext differs"),
        (Ok(bytes), Err(e)) => {
            assert!(
                std::str::from_utf8(bytes).is_err(),
                "failed on UTF-8 plaintext: {e}"
            );
            assert_eq!(e.step, DecryptStep::Plaintext, "{e}");
        }
        (Err(step), Err(e)) => assert_eq!(e.step, step, "{e}"),
        (Err(step), Ok(d)) => panic!("decrypted though {step} must fail: {:?}", d.plaintext),
    }
    if outcome.is_ok() {
        let mut ctx = plain_context();
        ctx.sp_key = Some(keys::SP_KEY_DER.to_vec());
        check_report(&inspect(xml.as_bytes(), &ctx));
    }
}

fuzz_target!(|data: &[u8]| {
    let (selector, rest) = split_first(data);
    if selector & 1 == 1 {
        structured(selector & 2 == 2, rest);
        return;
    }
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let Ok(doc) = parse(text.to_owned()) else {
        return;
    };
    let elements = encrypted_elements(&doc);
    if elements.is_empty() {
        return;
    }
    for id in elements {
        match decrypt(&doc, id, &fixed().sp_key) {
            Ok(d) => assert!(!d.data_algorithm.is_empty()),
            Err(e) => assert!(!e.message.is_empty()),
        }
    }
    let mut ctx = plain_context();
    ctx.sp_key = Some(keys::SP_KEY_DER.to_vec());
    check_report(&inspect(rest, &ctx));
});
