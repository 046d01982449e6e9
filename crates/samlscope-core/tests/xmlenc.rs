//! XML Encryption decryption: fixtures made with xmlsec1 (tests/fixtures/xmlenc, see its
//! README.md) and the shared corpus (read in place; skipped with a notice when absent).

use std::path::{Path, PathBuf};

use base64::Engine as _;
use samlscope_core::algorithms::{self, short_name};
use samlscope_core::xml::ns::{XENC, XENC11};
use samlscope_core::xml::{self, Document, NodeId, ns};
use samlscope_core::xmlenc::{DecryptError, DecryptStep, SpKey, decrypt, is_weak};
use serde_json::Value;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/xmlenc")
}

fn read(name: &str) -> Vec<u8> {
    let path = fixtures().join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn text(name: &str) -> String {
    String::from_utf8(read(name)).expect("fixture is UTF-8")
}

fn sp_key() -> SpKey {
    SpKey::read(&read("sp.key")).expect("sp.key reads")
}

fn parse(text: String) -> Document {
    xml::parse(text).expect("fixture parses")
}

/// Every EncryptedAssertion / EncryptedID / EncryptedAttribute, in document order (an
/// undeclared `saml:` prefix, as in samael's fixtures, leaves them without a namespace).
fn encrypted_elements(doc: &Document) -> Vec<NodeId> {
    doc.descendant_elements(doc.document_node())
        .filter(|e| {
            matches!(
                e.local_name(),
                "EncryptedAssertion" | "EncryptedID" | "EncryptedAttribute"
            ) && (e.namespace() == Some(ns::SAML) || e.namespace().is_none())
        })
        .map(|e| e.id())
        .collect()
}

fn decrypt_text(
    xml_text: String,
    key: &SpKey,
) -> Result<samlscope_core::xmlenc::Decrypted, DecryptError> {
    let doc = parse(xml_text);
    let found = encrypted_elements(&doc);
    assert_eq!(found.len(), 1, "one encrypted element expected");
    decrypt(&doc, found[0], key)
}

fn decrypt_fixture(
    name: &str,
    key: &SpKey,
) -> Result<samlscope_core::xmlenc::Decrypted, DecryptError> {
    decrypt_text(text(name), key)
}

/// The content encryption algorithms; the fixtures are named after their short names.
const CONTENT: [&str; 7] = [
    algorithms::AES128_CBC,
    algorithms::AES192_CBC,
    algorithms::AES256_CBC,
    algorithms::TRIPLEDES_CBC,
    algorithms::AES128_GCM,
    algorithms::AES192_GCM,
    algorithms::AES256_GCM,
];
const TRANSPORT: [&str; 2] = [algorithms::RSA_OAEP_MGF1P, algorithms::RSA_1_5];

#[test]
fn xmlenc_every_content_algorithm_with_every_key_transport() {
    let key = sp_key();
    let assertion = text("assertion.xml");
    for content in CONTENT {
        for transport in TRANSPORT {
            let name = format!("{}.{}.xml", short_name(content), short_name(transport));
            let out = decrypt_fixture(&name, &key).unwrap_or_else(|e| panic!("{name}: {e:?}"));
            assert_eq!(out.plaintext, assertion, "{name}");
            assert_eq!(out.data_algorithm, content, "{name}");
            assert_eq!(out.key_algorithm.as_deref(), Some(transport), "{name}");
        }
    }
}

#[test]
fn xmlenc_key_formats_all_read_and_decrypt() {
    let der = read("sp.key.der");
    let b64 = base64::engine::general_purpose::STANDARD.encode(&der);
    let mut pem_with_cert = read("sp.crt");
    pem_with_cert.extend_from_slice(&read("sp.rsa.key"));
    let assertion = text("assertion.xml");
    for (what, bytes) in [
        ("PKCS#8 PEM", read("sp.key")),
        ("PKCS#1 PEM", read("sp.rsa.key")),
        ("DER", der),
        ("base64 DER", b64.into_bytes()),
        ("certificate then key", pem_with_cert),
    ] {
        let key = SpKey::read(&bytes).unwrap_or_else(|e| panic!("{what}: {e:?}"));
        assert_eq!(key.bits(), 2048, "{what}");
        assert!(
            key.describe().contains("RSA 2048"),
            "{what}: {}",
            key.describe()
        );
        assert!(
            !format!("{key:?}").contains("PrivateKey {"),
            "Debug shows no secret"
        );
        let out = decrypt_fixture("aes256-gcm.rsa-oaep-mgf1p.xml", &key).expect(what);
        assert_eq!(out.plaintext, assertion, "{what}");
    }
}

#[test]
fn xmlenc_unusable_keys_are_reported_at_the_key_step() {
    let cases: [(&str, Vec<u8>, &str); 6] = [
        (
            "certificate",
            read("sp.crt"),
            "certificate, not a private key",
        ),
        ("encrypted", read("sp.enc.key"), "password-protected"),
        (
            "legacy encrypted",
            read("sp.legacy-enc.key"),
            "password-protected",
        ),
        ("xml", read("assertion.xml"), "XML, not a private key"),
        (
            "garbage",
            b"hello world, not a key".to_vec(),
            "not a private key",
        ),
        ("empty", Vec::new(), "not a private key"),
    ];
    for (what, bytes, needle) in cases {
        let e = SpKey::read(&bytes).expect_err(what);
        println!("{what}: {e}");
        assert_eq!(e.step, DecryptStep::Key, "{what}: {e:?}");
        assert!(e.message.contains(needle), "{what}: {}", e.message);
        assert!(!e.message.contains('\n'), "{what}: one line");
    }
}

#[test]
fn xmlenc_encrypted_id_decrypts_to_the_name_id() {
    let out = decrypt_fixture("encrypted-id.xml", &sp_key()).expect("EncryptedID decrypts");
    assert_eq!(out.plaintext, text("nameid.xml"));
    assert_eq!(out.data_algorithm, algorithms::AES128_GCM);
}

#[test]
fn xmlenc_encrypted_data_itself_can_be_given() {
    let doc = parse(text("aes128-cbc.rsa-oaep-mgf1p.xml"));
    let data = doc
        .descendant_elements(doc.document_node())
        .find(|e| e.is(XENC, "EncryptedData"))
        .expect("EncryptedData")
        .id();
    let out = decrypt(&doc, data, &sp_key()).expect("decrypts");
    assert_eq!(out.plaintext, text("assertion.xml"));
}

#[test]
fn xmlenc_encrypted_key_placements() {
    let key = sp_key();
    let assertion = text("assertion.xml");
    for name in [
        "sibling-encrypted-key.xml",
        "retrieval-method.xml",
        "two-recipients.xml",
    ] {
        let out = decrypt_fixture(name, &key).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert_eq!(out.plaintext, assertion, "{name}");
    }
    // An EncryptedKey outside the element, found through its ReferenceList.
    let by_reference = text("retrieval-method.xml")
        .replace(
            &format!("<ds:RetrievalMethod Type=\"{XENC}EncryptedKey\" URI=\"#_ek1\"/>"),
            "",
        )
        .replace(
            "<xenc:EncryptedData ",
            "<xenc:EncryptedData Id=\"_ed1\" ",
        )
        .replace(
            "</xenc:CipherData></xenc:EncryptedKey>",
            "</xenc:CipherData><xenc:ReferenceList><xenc:DataReference URI=\"#_ed1\"/></xenc:ReferenceList></xenc:EncryptedKey>",
        );
    assert!(!by_reference.contains("RetrievalMethod"));
    let out = decrypt_text(by_reference, &key).expect("found through ReferenceList");
    assert_eq!(out.plaintext, assertion);
    // The first of the two recipients is other.key: with it alone, the second fails.
    let other = SpKey::read(&read("other.key")).expect("other.key");
    let out = decrypt_fixture("two-recipients.xml", &other).expect("other recipient decrypts");
    assert_eq!(out.plaintext, assertion);
}

#[test]
fn xmlenc_oaep_parameters() {
    let key = sp_key();
    let assertion = text("assertion.xml");
    for (name, uri) in [
        ("oaep-mgf1p-sha256.xml", algorithms::RSA_OAEP_MGF1P),
        ("oaep11-sha256-mgf1sha256.xml", algorithms::RSA_OAEP),
        ("oaep11-sha512-label.xml", algorithms::RSA_OAEP),
    ] {
        let out = decrypt_fixture(name, &key).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert_eq!(out.plaintext, assertion, "{name}");
        assert_eq!(out.key_algorithm.as_deref(), Some(uri), "{name}");
    }
    // Dropping the DigestMethod (so SHA-1) must make the SHA-256 one fail at key transport.
    let edited = text("oaep-mgf1p-sha256.xml").replace(
        &format!(
            "<ds:DigestMethod xmlns:ds=\"{}\" Algorithm=\"{}\"/>",
            ns::DS,
            algorithms::SHA256
        ),
        "",
    );
    let e = decrypt_text(edited, &key).expect_err("wrong OAEP digest");
    assert_eq!(e.step, DecryptStep::KeyTransport, "{e:?}");
    // A wrong label fails too.
    let edited = text("oaep11-sha512-label.xml").replace("c2FtbHNjb3BlIGxhYmVs", "b3RoZXI=");
    let e = decrypt_text(edited, &key).expect_err("wrong OAEP label");
    assert_eq!(e.step, DecryptStep::KeyTransport, "{e:?}");
}

#[test]
fn xmlenc_wrong_key_fails_at_key_transport() {
    let other = SpKey::read(&read("other.key")).expect("other.key");
    for transport in TRANSPORT {
        let name = format!("aes256-cbc.{}.xml", short_name(transport));
        let e = decrypt_fixture(&name, &other).expect_err(&name);
        assert_eq!(e.step, DecryptStep::KeyTransport, "{name}: {e:?}");
        assert!(
            e.message.contains("does not decrypt with this key")
                && e.message
                    .contains("the key is not the one the IdP encrypted for"),
            "{name}: {}",
            e.message
        );
    }
}

#[test]
fn xmlenc_tampered_ciphertext_is_caught() {
    let key = sp_key();
    let e = decrypt_fixture("tampered-gcm.xml", &key).expect_err("GCM tag");
    assert_eq!(e.step, DecryptStep::Content, "{e:?}");
    assert!(
        e.message.contains("authentication tag does not check"),
        "{}",
        e.message
    );
    let e = decrypt_fixture("tampered-cbc.xml", &key).expect_err("CBC padding");
    assert_eq!(e.step, DecryptStep::Padding, "{e:?}");
    assert!(
        e.message.contains("padding does not check"),
        "{}",
        e.message
    );
}

#[test]
fn xmlenc_non_utf8_plaintext_is_reported() {
    let doc = parse(text("binary.xml"));
    let e = decrypt(&doc, doc.root(), &sp_key()).expect_err("binary plaintext");
    assert_eq!(e.step, DecryptStep::Plaintext, "{e:?}");
    assert!(e.message.contains("not UTF-8"), "{}", e.message);
}

#[test]
fn xmlenc_structural_problems_name_their_step() {
    let key = sp_key();
    let base = text("aes256-cbc.rsa-oaep-mgf1p.xml");
    let ek_start = base.find("<xenc:EncryptedKey>").expect("EncryptedKey");
    let ek_end = base.find("</xenc:EncryptedKey>").expect("end") + "</xenc:EncryptedKey>".len();
    let cipher_values: Vec<(usize, usize)> = base
        .match_indices("<xenc:CipherValue>")
        .map(|(i, m)| {
            let start = i + m.len();
            (
                start,
                start + base[start..].find("</xenc:CipherValue>").expect("end"),
            )
        })
        .collect();
    let (ek_value, data_value) = (cipher_values[0], cipher_values[1]);

    let mut no_key = base.clone();
    no_key.replace_range(ek_start..ek_end, "");
    let mut bad_ek_b64 = base.clone();
    bad_ek_b64.replace_range(ek_value.0..ek_value.1, "not*base64");
    let mut short_data = base.clone();
    short_data.replace_range(data_value.0..data_value.1, "AAAA");
    let mut dangling = base.clone();
    dangling.replace_range(
        ek_start..ek_end,
        &format!("<ds:RetrievalMethod Type=\"{XENC}EncryptedKey\" URI=\"#_nowhere\"/>"),
    );
    let cases: Vec<(&str, String, DecryptStep, &str)> = vec![
        (
            "no EncryptedKey",
            no_key,
            DecryptStep::EncryptedKey,
            "no xenc:EncryptedKey",
        ),
        (
            "EncryptedKey not base64",
            bad_ek_b64,
            DecryptStep::EncryptedKey,
            "not base64",
        ),
        (
            "dangling RetrievalMethod",
            dangling,
            DecryptStep::EncryptedKey,
            "no element has that Id",
        ),
        (
            "unsupported content algorithm",
            base.replace(algorithms::AES256_CBC, &format!("{XENC11}chacha")),
            DecryptStep::Content,
            "unsupported content encryption algorithm",
        ),
        (
            "unsupported key transport",
            base.replace(algorithms::RSA_OAEP_MGF1P, &format!("{XENC11}kw-aes128")),
            DecryptStep::KeyTransport,
            "unsupported key transport algorithm",
        ),
        (
            "ciphertext too short",
            short_data,
            DecryptStep::Content,
            "CipherValue is 3 bytes",
        ),
        (
            "key of another algorithm",
            base.replace(algorithms::AES256_CBC, algorithms::AES128_CBC),
            DecryptStep::KeyTransport,
            "32-byte key, but aes128-cbc needs 16 bytes",
        ),
    ];
    for (what, xml_text, step, needle) in cases {
        let e = decrypt_text(xml_text, &key).expect_err(what);
        assert_eq!(e.step, step, "{what}: {e:?}");
        assert!(e.message.contains(needle), "{what}: {}", e.message);
        assert!(!e.message.contains('\n'), "{what}: one line");
    }
    // Nothing to decrypt.
    let doc = parse(
        "<saml:EncryptedAssertion xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\"/>"
            .to_string(),
    );
    let e = decrypt(&doc, doc.root(), &key).expect_err("empty");
    assert_eq!(e.step, DecryptStep::Content);
    assert!(e.message.contains("no xenc:EncryptedData"), "{}", e.message);
}

#[test]
fn xmlenc_weak_algorithms() {
    for content in CONTENT {
        assert_eq!(is_weak(content), content.ends_with("-cbc"), "{content}");
    }
    assert!(is_weak(algorithms::RSA_1_5));
    assert!(!is_weak(algorithms::RSA_OAEP_MGF1P));
    assert!(!is_weak(algorithms::RSA_OAEP));
}

// ---------------------------------------------------------------------------------------------
// The shared corpus
// ---------------------------------------------------------------------------------------------

fn corpus_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    dir.join("MANIFEST.json").is_file().then_some(dir)
}

/// Entries whose MANIFEST has no `local_check.decryption`, with what we expect and why.
const NO_LOCAL_CHECK: &[(&str, &str, &str)] = &[
    (
        "responses/samael/response_encrypted.xml",
        "decrypted",
        "not namespace-well-formed (undeclared saml: prefix), so libxml2 refused it; the \
         MANIFEST notes say libxmlsec1 decrypts it with xmlns:saml added, and samael's tests \
         expect it to decrypt",
    ),
    (
        "responses/samael/response_encrypted_valid.xml",
        "decrypted",
        "same as response_encrypted.xml",
    ),
];

fn outcome(result: &Result<samlscope_core::xmlenc::Decrypted, DecryptError>) -> String {
    match result {
        Ok(_) => "decrypted".to_string(),
        Err(e) => format!("failed: {} ({})", e.message, e.step),
    }
}

fn corpus_file(dir: &Path, entry: &Value) -> Option<(String, Vec<String>, Vec<String>)> {
    let file = entry["file"].as_str()?;
    let key_file = entry["decrypt_with"].as_str()?;
    let expected: Vec<String> = match entry["local_check"]["decryption"].as_array() {
        Some(list) => list
            .iter()
            .map(|v| v.as_str().unwrap_or("").to_string())
            .collect(),
        None => {
            let (_, verdict, _) = NO_LOCAL_CHECK
                .iter()
                .find(|(f, _, _)| *f == file)
                .unwrap_or_else(|| panic!("{file}: no local_check.decryption and no exception"));
            vec![verdict.to_string()]
        }
    };
    let bytes = std::fs::read(dir.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
    let key_bytes = std::fs::read(dir.join(key_file)).unwrap_or_else(|e| panic!("{key_file}: {e}"));
    let key = SpKey::read(&key_bytes).unwrap_or_else(|e| panic!("{key_file}: {e:?}"));
    let decoded =
        samlscope_core::decode::decode(&bytes).unwrap_or_else(|e| panic!("{file}: {e:?}"));
    let doc = xml::parse(decoded.text).unwrap_or_else(|e| panic!("{file}: {e:?}"));
    let got: Vec<String> = encrypted_elements(&doc)
        .into_iter()
        .map(|id| {
            let result = decrypt(&doc, id, &key);
            if let Ok(d) = &result {
                // What comes out is the XML of an element: it parses.
                // It is the element the container says.
                let inner = xml::parse(d.plaintext.clone())
                    .unwrap_or_else(|e| panic!("{file}: the plaintext does not parse: {e:?}"));
                let outer = doc.element(id).map(|e| e.local_name()).unwrap_or_default();
                let root = inner.element(inner.root()).map(|e| e.local_name());
                let want = outer
                    .strip_prefix("Encrypted")
                    .map(|w| if w == "ID" { "NameID" } else { w });
                assert_eq!(
                    root, want,
                    "{file}: <{outer}> decrypts to the wrong element"
                );
            }
            outcome(&result)
        })
        .collect();
    Some((file.to_string(), expected, got))
}

#[test]
fn xmlenc_corpus_decryption_agrees() {
    let Some(dir) = corpus_dir() else {
        println!("notice: ../shared/corpus is absent; xmlenc corpus check skipped");
        return;
    };
    let manifest: Value = serde_json::from_slice(
        &std::fs::read(dir.join("MANIFEST.json")).expect("MANIFEST.json reads"),
    )
    .expect("MANIFEST.json parses");
    let entries = manifest.as_array().expect("MANIFEST is an array");
    let (mut agree, mut total) = (0, 0);
    let mut disagreements = Vec::new();
    for entry in entries.iter().filter(|e| e.get("decrypt_with").is_some()) {
        let Some((file, expected, got)) = corpus_file(&dir, entry) else {
            continue;
        };
        total += 1;
        let same = expected.len() == got.len()
            && expected
                .iter()
                .zip(&got)
                .all(|(e, g)| e.starts_with("failed") == g.starts_with("failed"));
        if same {
            agree += 1;
        } else {
            disagreements.push(format!("{file}: expected {expected:?}, got {got:?}"));
        }
        println!("{file}: {got:?}");
    }
    println!("xmlenc corpus agree {agree}/{total}");
    for (file, verdict, why) in NO_LOCAL_CHECK {
        println!("  exception: {file}: expected {verdict} ({why})");
    }
    assert!(total > 0, "no corpus entry has decrypt_with");
    assert!(
        disagreements.is_empty(),
        "disagreements:\n{}",
        disagreements.join("\n")
    );
}
