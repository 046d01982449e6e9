//! What an input is, said plainly: binary DER certificates and keys are read as they are saved
//! (Windows' `.cer` export, Entra's "Certificate (Raw)" download), and the decoding trail says
//! what was found even when it is nothing.

use std::path::{Path, PathBuf};

use samlscope_core::dsig::Verdict;
use samlscope_core::{Context, Timestamp, inspect};

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(path)
}

fn read(path: &str) -> Vec<u8> {
    std::fs::read(fixture(path)).expect("fixture")
}

fn ctx() -> Context {
    Context::new(Timestamp::parse("2027-01-15T10:05:00Z").expect("time"))
}

fn names(report: &samlscope_core::Report) -> Vec<&'static str> {
    report.findings.iter().map(|f| f.name()).collect()
}

/// The DER bytes of a PEM file's first block.
fn der_of_pem(path: &str) -> Vec<u8> {
    use base64::Engine as _;
    let text = String::from_utf8(read(path)).expect("PEM");
    let body: String = text
        .lines()
        .skip_while(|l| !l.starts_with("-----BEGIN"))
        .skip(1)
        .take_while(|l| !l.starts_with("-----END"))
        .collect();
    base64::engine::general_purpose::STANDARD
        .decode(body)
        .expect("base64")
}

#[test]
fn binary_der_certificates_and_keys_are_read() {
    for (file, kind) in [
        ("certs/rsa2048.cert.der", "certificate"),
        ("certs/rsa2048.pkcs8.der", "private-key"),
        ("certs/rsa2048.pkcs1.der", "private-key"),
        ("certs/rsa2048.spki.der", "public-key"),
        ("xmlenc/sp.key.der", "private-key"),
    ] {
        let report = inspect(read(file), &ctx());
        assert_eq!(report.kind.id(), kind, "{file}: {:?}", names(&report));
        assert_eq!(report.trail(), "DER", "{file}");
        assert!(
            !names(&report).contains(&"input-undecodable"),
            "{file}: {:?}",
            names(&report)
        );
        assert_eq!(
            names(&report).contains(&"input-private-key"),
            kind == "private-key",
            "{file}"
        );
    }
    let cert = inspect(read("certs/rsa2048.cert.der"), &ctx());
    assert_eq!(
        cert.summary.certificates[0].sha1,
        "B01EC9C7B22F54811EA2E69007E3FDFC5CEF5B6F"
    );
    // The text shown for binary DER is its base64, in PEM-sized lines.
    assert!(cert.text().lines().all(|l| l.len() <= 64));
}

#[test]
fn other_der_says_what_it_is_not() {
    for file in ["certs/rsa2048.p7b.der", "certs/csr.der"] {
        let report = inspect(read(file), &ctx());
        assert_eq!(report.kind.id(), "unknown", "{file}");
        assert!(names(&report).contains(&"input-undecodable"), "{file}");
    }
}

#[test]
fn text_that_happens_to_frame_like_der_stays_text() {
    // `0(` then 40 characters: a DER SEQUENCE header by its bytes, but printable text.
    let text = format!("0({}", "A".repeat(40));
    let report = inspect(text.as_bytes(), &ctx());
    assert_ne!(report.trail(), "DER");
}

#[test]
fn a_binary_der_certificate_is_a_trust_anchor() {
    let mut ctx = ctx();
    ctx.idp_certificates
        .push(der_of_pem("rules/keys/TEST-ONLY-idp.crt"));
    let report = inspect(read("rules/base_response.xml"), &ctx);
    assert_eq!(report.signatures.len(), 1);
    assert_eq!(report.signatures[0].verdict, Verdict::Valid);
    assert!(names(&report).is_empty(), "{:?}", names(&report));
}

#[test]
fn the_trail_says_what_was_decoded() {
    for (input, trail) in [
        (&b"<a><b></a>"[..], "XML (not well-formed)"),
        (
            b"hello world!!",
            "nothing: not XML, not PEM, not a URL or query string, not percent-encoded, not base64",
        ),
        (b"\x01\x02\x03\xff\xfe\x00", "nothing: not text"),
        (b"   ", "nothing (no text)"),
        (
            b"PHNhbWxwOlJlc3BvbnNlPjwvc2FtbHA6UmVzcG9uc2U+",
            "base64 → XML",
        ),
    ] {
        let report = inspect(input, &ctx());
        assert_eq!(report.trail(), trail, "{}", String::from_utf8_lossy(input));
    }
}
