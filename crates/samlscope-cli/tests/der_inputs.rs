//! Binary DER certificates and keys, as Windows' `.cer` export and Entra's "Certificate (Raw)"
//! download save them, are read on every path: the input FILE, `--idp-cert` and `--sp-key`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../samlscope-core/tests/fixtures")
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_samlscope"))
        .args(args)
        .output()
        .expect("run samlscope")
}

fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).expect("JSON")
}

fn path(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

fn rule_names(report: &serde_json::Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| f["name"].as_str().expect("name").to_owned())
        .collect()
}

#[test]
fn a_der_certificate_file_is_inspected() {
    let file = fixtures().join("certs/rsa2048.cert.der");
    let out = run(&["inspect", path(&file)]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.contains("X.509 certificate"), "{text}");
    assert!(text.contains("decoded: DER"), "{text}");
    assert!(!text.contains("input-undecodable"), "{text}");
}

#[test]
fn a_der_private_key_file_is_described_and_flagged() {
    let file = fixtures().join("certs/rsa2048.pkcs8.der");
    let report = json(&run(&["inspect", path(&file), "--format", "json"]));
    assert_eq!(report["kind"], "private-key");
    assert_eq!(rule_names(&report), ["input-private-key"]);
}

#[test]
fn a_der_idp_certificate_is_a_trust_anchor() {
    use base64::Engine as _;
    let keys = fixtures().join("rules/keys");
    let pem = std::fs::read_to_string(keys.join("TEST-ONLY-idp.crt")).expect("cert");
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    let der = base64::engine::general_purpose::STANDARD
        .decode(body)
        .expect("base64");
    let dir = std::env::temp_dir().join(format!("samlscope-der-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let cer = dir.join("idp.cer");
    std::fs::write(&cer, der).expect("write .cer");
    let response = fixtures().join("rules/base_response.xml");
    let out = run(&[
        "inspect",
        path(&response),
        "--format",
        "json",
        "--now",
        "2027-01-15T10:05:00Z",
        "--idp-cert",
        path(&cer),
    ]);
    let _ = std::fs::remove_dir_all(&dir);
    let report = json(&out);
    assert_eq!(report["signatures"][0]["verdict"], "valid", "{report}");
    assert_eq!(report["signatures"][0]["key"]["source"], "trusted");
    assert!(!rule_names(&report).contains(&"config-unreadable".to_owned()));
}

#[test]
fn a_der_sp_key_decrypts() {
    let xmlenc = fixtures().join("xmlenc");
    let out = run(&[
        "inspect",
        path(&xmlenc.join("aes256-gcm.rsa-oaep-mgf1p.xml")),
        "--format",
        "json",
        "--sp-key",
        path(&xmlenc.join("sp.key.der")),
    ]);
    let report = json(&out);
    let names = rule_names(&report);
    assert!(
        !names.contains(&"decryption-failed".to_owned()),
        "{names:?}"
    );
    assert!(
        !names.contains(&"assertion-encrypted".to_owned()),
        "{names:?}"
    );
    assert!(report["summary"]["name_id"].is_string(), "{report}");
}
