//! Hostile HAR files through the command line: a finding and exit status 1, never a misuse.

use std::process::{Command, Output};

fn inspect_json(name: &str, bytes: &[u8]) -> (Output, serde_json::Value) {
    let dir = std::env::temp_dir().join(format!("samlscope-cli-hostile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join(name);
    std::fs::write(&file, bytes).expect("write");
    let out = Command::new(env!("CARGO_BIN_EXE_samlscope"))
        .args(["inspect", file.to_str().expect("path"), "--format", "json"])
        .output()
        .expect("run samlscope");
    let _ = std::fs::remove_file(&file);
    let value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&out.stdout)));
    (out, value)
}

#[test]
fn an_unreadable_har_is_a_finding_with_exit_one() {
    let bomb = format!("{{\"log\":{}{}}}", "[".repeat(100_000), "]".repeat(100_000));
    let (out, json) = inspect_json("bomb.har", bomb.as_bytes());
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(json["messages"], serde_json::json!([]));
    let finding = &json["findings"][0];
    assert_eq!(finding["name"], "input-undecodable");
    assert!(
        finding["message"]
            .as_str()
            .is_some_and(|m| m.contains("nests deeper than 128 levels")),
        "{finding}"
    );
    assert!(finding["message_index"].is_null());
}

#[test]
fn a_har_with_more_messages_than_are_inspected_says_so() {
    let url = "https://idp.example/sso?SAMLRequest=PHNhbWxwOkF1dGhuUmVxdWVzdCB4bWxuczpzYW1scD0idXJuOm9hc2lzOm5hbWVzOnRjOlNBTUw6Mi4wOnByb3RvY29sIiBJRD0iX3IiIFZlcnNpb249IjIuMCIgSXNzdWVJbnN0YW50PSIyMDI2LTExLTIzVDE2OjU3OjQxWiIvPg%3D%3D";
    let entry = format!("{{\"request\":{{\"method\":\"GET\",\"url\":\"{url}\"}}}}");
    let entries = vec![entry; samlscope_core::har::MAX_MESSAGES + 5].join(",");
    let har = format!("{{\"log\":{{\"entries\":[{entries}]}}}}");
    let (out, json) = inspect_json("many.har", har.as_bytes());
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        json["messages"].as_array().map(Vec::len),
        Some(samlscope_core::har::MAX_MESSAGES)
    );
    let first = &json["findings"][0];
    assert_eq!(first["name"], "input-limit-exceeded");
    assert!(
        first["message"]
            .as_str()
            .is_some_and(|m| m.contains("holds 1005 SAML messages")),
        "{first}"
    );
    assert_eq!(
        first["message_index"],
        samlscope_core::har::MAX_MESSAGES - 1
    );
}
