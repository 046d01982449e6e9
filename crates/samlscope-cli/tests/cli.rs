//! The command-line contract of `docs/cli.md`: flags, JSON shape, exit status.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

mod support;

fn samlscope() -> Command {
    Command::new(env!("CARGO_BIN_EXE_samlscope"))
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../samlscope-core/tests/fixtures/rules")
        .join(name)
}

fn run(args: &[&str]) -> Output {
    samlscope().args(args).output().expect("run samlscope")
}

fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}",
            String::from_utf8_lossy(&output.stdout)
        )
    })
}

#[test]
fn clean_response_exits_zero_with_the_contract_shape() {
    let path = fixture("base_response.xml");
    let cert = fixture("keys/TEST-ONLY-idp.crt");
    let out = run(&[
        "inspect",
        path.to_str().expect("path"),
        "--format",
        "json",
        "--now",
        "2027-01-15T10:05:00Z",
        "--idp-cert",
        cert.to_str().expect("path"),
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json(&out);
    assert_eq!(v["kind"], "response");
    assert!(v["layers"].as_array().is_some_and(Vec::is_empty));
    assert_eq!(
        v["summary"]["issuer"],
        "https://sts.windows.net/00000000-1111-2222-3333-444444444444/"
    );
    assert_eq!(
        v["summary"]["audiences"][0],
        "https://contoso.example.com/saml"
    );
    assert_eq!(v["signatures"][0]["target"], "assertion");
    assert_eq!(v["signatures"][0]["target_id"], "_assert1");
    assert_eq!(v["signatures"][0]["verdict"], "valid");
    assert_eq!(v["signatures"][0]["key"]["source"], "trusted");
    assert_eq!(
        v["signatures"][0]["key"]["sha1"].as_str().map(str::len),
        Some(40)
    );
    assert!(v["findings"].as_array().is_some_and(Vec::is_empty));
    assert_eq!(v["idp"]["product"], "entra");
    assert_eq!(v["idp"]["detected_from"], "issuer");
}

#[test]
fn a_finding_that_compares_carries_its_evidence_and_the_setting() {
    let path = fixture("audience-mismatch/bad_trailing_slash.xml");
    let out = run(&[
        "inspect",
        path.to_str().expect("path"),
        "--format",
        "json",
        "--sp-entity-id",
        "https://contoso.example.com/saml",
    ]);
    let v = json(&out);
    let f = v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["name"] == "audience-mismatch")
        .expect("audience-mismatch");
    assert_eq!(f["setting"], "sp-entity-id");
    assert_eq!(
        f["evidence"]["expected"],
        serde_json::json!({"value": "https://contoso.example.com/saml", "source": "flag"})
    );
    assert_eq!(
        f["evidence"]["found"]["value"],
        "https://contoso.example.com/saml/"
    );
    assert_eq!(f["evidence"]["found"]["span"], f["span"]);
    // A finding that compares nothing has neither.
    let out = run(&[
        "inspect",
        fixture("status-not-success/bad_aadsts50105.xml")
            .to_str()
            .expect("path"),
        "--format",
        "json",
    ]);
    let v = json(&out);
    assert_eq!(v["findings"][0]["evidence"], serde_json::Value::Null);
    // With --idp, the fixes speak that IdP's words whatever the Issuer says.
    let out = run(&[
        "inspect",
        path.to_str().expect("path"),
        "--format",
        "json",
        "--sp-entity-id",
        "https://contoso.example.com/saml",
        "--idp",
        "okta",
    ]);
    let v = json(&out);
    assert_eq!(
        v["idp"],
        serde_json::json!({"product": "okta", "detected_from": "chosen"})
    );
    let help = v["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["name"] == "audience-mismatch")
        .and_then(|f| f["help"].as_str())
        .expect("help");
    assert!(help.contains("Audience URI (SP Entity ID)"), "{help}");
    assert_eq!(
        run(&["inspect", path.to_str().expect("path"), "--idp", "nope"])
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn an_error_finding_exits_one_and_carries_name_code_span_help() {
    let path = fixture("status-not-success/bad_aadsts50105.xml");
    let out = run(&["inspect", path.to_str().expect("path"), "--format", "json"]);
    assert_eq!(out.status.code(), Some(1));
    let v = json(&out);
    let f = &v["findings"][0];
    assert_eq!(f["name"], "status-not-success");
    assert_eq!(f["code"], "STS001");
    assert_eq!(f["severity"], "error");
    assert!(
        f["message"]
            .as_str()
            .is_some_and(|m| m.contains("AADSTS50105"))
    );
    assert!(
        f["help"]
            .as_str()
            .is_some_and(|h| h.contains("Users and groups"))
    );
    assert_eq!(f["span"]["line"], 5);
    assert!(f["span"]["start"].as_u64() < f["span"]["end"].as_u64());
}

#[test]
fn reads_standard_input_and_decodes_layers() {
    let xml = std::fs::read(fixture("base_response.xml")).expect("fixture");
    use base64::Engine as _;
    let b64 = base64::engine::general_purpose::STANDARD.encode(xml);
    let mut child = samlscope()
        .args([
            "inspect",
            "-",
            "--format",
            "json",
            "--now",
            "2027-01-15T10:05:00Z",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(b64.as_bytes())
        .expect("write");
    let out = child.wait_with_output().expect("wait");
    let v = json(&out);
    assert_eq!(v["kind"], "response");
    assert_eq!(v["layers"][0], "base64");
}

#[test]
fn text_format_is_linter_style() {
    let path = fixture("id-duplicate/bad_response_and_assertion_share_id.xml");
    let out = run(&[
        "inspect",
        path.to_str().expect("path"),
        "--now",
        "2027-01-15T10:05:00Z",
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("error[MSG004] id-duplicate: ID `_resp1` is used twice"),
        "{text}"
    );
    assert!(text.contains("^^^^^^"), "{text}");
    assert!(text.contains("= help:"), "{text}");
    assert!(text.contains(" errors, 0 warnings, 0 info"), "{text}");
}

#[test]
fn every_flag_of_the_contract_is_accepted() {
    let dir = std::env::temp_dir().join(format!("samlscope-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let file = dir.join("f.xml");
    std::fs::copy(fixture("base_response.xml"), &file).expect("copy");
    let f = file.to_str().expect("path");
    let out = run(&[
        "inspect",
        f,
        "--format",
        "text",
        "--now",
        "2027-01-15T10:05:00Z",
        "--skew",
        "60",
        "--sp-entity-id",
        "https://contoso.example.com/saml",
        "--acs",
        "https://contoso.example.com/saml/acs",
        "--acs",
        "https://other.example.com/acs",
        "--idp-entity-id",
        "https://sts.windows.net/x/",
        "--thumbprint",
        "AB:CD",
        "--idp-cert",
        f,
        "--idp-metadata",
        f,
        "--sp-metadata",
        f,
        "--request",
        f,
        "--require-attribute",
        "email",
        "--profile",
        "timetrack",
        "--sp-key",
        f,
        "--idp",
        "entra",
    ]);
    assert_ne!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn misuse_exits_two_with_one_line() {
    let out = run(&["inspect", "--no-such-flag"]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["inspect", "/no/such/file.xml"]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.trim().lines().count(), 1, "{stderr}");
    assert!(stderr.contains("/no/such/file.xml"));
    let out = run(&["inspect", "--now", "yesterday", "-"]);
    assert_eq!(out.status.code(), Some(2));
    let out = run(&["explain", "no-such-rule"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn explain_prints_the_rule_docs_by_name_or_code() {
    for key in ["xml-doctype", "XML002", "xml002"] {
        let out = run(&["explain", key]);
        assert_eq!(out.status.code(), Some(0));
        let text = String::from_utf8_lossy(&out.stdout);
        for section in [
            "xml-doctype (XML002)",
            "## What it does",
            "## How to fix",
            "## References",
        ] {
            assert!(text.contains(section), "{key}: {text}");
        }
    }
}

#[test]
fn show_c14n_prints_the_bytes_that_were_hashed() {
    let path = fixture("base_response.xml");
    let out = run(&[
        "inspect",
        path.to_str().expect("path"),
        "--show-c14n",
        "--now",
        "2027-01-15T10:05:00Z",
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("canonical SignedInfo"), "{text}");
    // Exclusive C14N: the Assertion carries its own namespace, the enveloped Signature is gone.
    let reference = text
        .split("canonical Reference 1")
        .nth(1)
        .expect("reference bytes");
    assert!(
        reference
            .contains("<Assertion xmlns=\"urn:oasis:names:tc:SAML:2.0:assertion\" ID=\"_assert1\"")
    );
    assert!(!reference.contains("<SignatureValue>"));
    let out = run(&[
        "inspect",
        path.to_str().expect("path"),
        "--show-c14n",
        "--format",
        "json",
    ]);
    let v = json(&out);
    assert!(
        v["signatures"][0]["canonical"]["signed_info"]
            .as_str()
            .is_some_and(|s| s.starts_with("<SignedInfo"))
    );
}

#[test]
fn a_har_gives_one_report_per_message() {
    let har = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../samlscope-core/tests/fixtures/har/sign-in.har");
    let out = run(&["inspect", har.to_str().expect("path"), "--format", "json"]);
    assert_ne!(out.status.code(), Some(2));
    let v = json(&out);
    let kinds: Vec<&str> = v["messages"]
        .as_array()
        .expect("messages")
        .iter()
        .filter_map(|m| m["kind"].as_str())
        .collect();
    assert_eq!(kinds, ["authn-request", "response"]);
    assert!(v["findings"].is_array());
    assert_eq!(v["messages"][1]["source"]["entry"], 2);
}

/// What the app answered to the POST of the response: in JSON under `source.answer`, in text
/// one line under the message's heading; never a cookie value nor another header's value.
#[test]
fn a_har_says_what_the_app_answered_to_the_response_and_no_secret() {
    let har = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../samlscope-core/tests/fixtures/har/sign-in-denied.har");
    let path = har.to_str().expect("path");
    let out = run(&["inspect", path, "--format", "json"]);
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(!stdout.contains("SECRET"), "a secret in the JSON output");
    let v = json(&out);
    assert_eq!(v["messages"][0]["source"].get("answer"), None, "a request");
    assert_eq!(
        v["messages"][1]["source"]["answer"],
        serde_json::json!({
            "status": 302,
            "location": "https://contoso.timetrackenterprise.com/login/error?reason=saml_access_denied",
            "location_is_error_page": true,
            "cookies_set": ["tt_sso_state", "ARRAffinity"],
        })
    );
    let out = run(&["inspect", path]);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(!text.contains("SECRET"), "a secret in the text output");
    assert!(
        text.contains(
            "\n   answered 302 → https://contoso.timetrackenterprise.com/login/error?reason=saml_access_denied (looks like an error page) · cookies set: tt_sso_state, ARRAffinity\n"
        ),
        "{text}"
    );
    // A 200: its status and content type, nothing more.
    let ok = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../samlscope-core/tests/fixtures/har/sign-in.har");
    let v = json(&run(&[
        "inspect",
        ok.to_str().expect("path"),
        "--format",
        "json",
    ]));
    assert_eq!(
        v["messages"][1]["source"]["answer"],
        serde_json::json!({"status": 200, "content_type": "text/html"})
    );
}

#[test]
fn profiles_lists_the_five_seed_apps_with_their_patterns() {
    let out = run(&["profiles"]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    for needle in [
        "timetrack — TimeTrack (SP- and IdP-initiated sign-on)",
        "trakstar — Trakstar (SP-initiated sign-on only)",
        "it-conductor — IT-Conductor (IdP-initiated sign-on only)",
        "pymetrics",
        "topdesk-secure",
        "https://<tenant>.timetrackenterprise.com/api/v2/azure/saml20",
        "PERSON_Email ← user.mail",
    ] {
        assert!(text.contains(needle), "{needle} not in:\n{text}");
    }
}

#[test]
fn an_unknown_profile_is_a_misuse() {
    let path = fixture("base_response.xml");
    let out = run(&["inspect", path.to_str().expect("path"), "--profile", "nope"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no app profile named `nope`"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

#[test]
fn json_carries_the_clock_skew_view_and_the_configuration() {
    let path = fixture("base_response.xml");
    let out = run(&[
        "inspect",
        path.to_str().expect("path"),
        "--format",
        "json",
        "--now",
        "2027-01-15T11:11:30Z",
        "--sp-entity-id",
        "https://contoso.example.com/saml",
    ]);
    let v = json(&out);
    let skew: Vec<(String, bool)> = v["clock_skew"]
        .as_array()
        .expect("clock_skew")
        .iter()
        .map(|a| {
            (
                a["sp"].as_str().expect("sp").to_owned(),
                a["accepted"].as_bool().expect("accepted"),
            )
        })
        .collect();
    // NotOnOrAfter 11:10:00 passed 90 s ago: only the SPs with a skew of more than 90 s accept.
    assert_eq!(
        skew,
        [
            ("ruby-saml".to_owned(), false),
            ("node-saml".to_owned(), false),
            ("python3-saml".to_owned(), true),
            ("crewjam/saml".to_owned(), true),
            ("Shibboleth SP".to_owned(), true)
        ]
    );
    assert_eq!(
        v["configuration"]["sp_entity_id"],
        serde_json::json!({"value": "https://contoso.example.com/saml", "source": "given"})
    );
}

#[test]
fn a_known_apps_urls_suggest_its_profile() {
    let dir =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../samlscope-core/tests/fixtures/incidents");
    let out = samlscope()
        .current_dir(&dir)
        .args([
            "inspect",
            "trakstar/response.xml",
            "--now",
            "2027-01-15T10:05:00Z",
        ])
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("add --profile trakstar"), "{text}");
    let out = samlscope()
        .current_dir(&dir)
        .args(["inspect", "trakstar/response.xml", "--format", "json"])
        .output()
        .expect("run");
    assert_eq!(json(&out)["configuration"]["suggested_profile"], "trakstar");
}

#[test]
fn relay_state_flag_is_checked_and_listed_in_the_configuration() {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join(
        "../samlscope-core/tests/fixtures/rules/relay-state-mismatch/bad_other_relay_state.txt",
    );
    let out = samlscope()
        .args([
            "inspect",
            "--format",
            "json",
            "--now",
            "2027-01-15T10:01:00Z",
            "--relay-state",
            "/dashboard",
        ])
        .arg(&fixture)
        .output()
        .expect("run");
    let report = json(&out);
    assert_eq!(report["configuration"]["relay_state"], "/dashboard");
    let names: Vec<&str> = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter_map(|f| f["name"].as_str())
        .collect();
    assert!(names.contains(&"relay-state-mismatch"), "{names:?}");
}

#[test]
fn a_har_flow_finding_keeps_its_message_and_names_its_message_by_index() {
    let dir = std::env::temp_dir().join(format!("samlscope-cli-har-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let file = dir.join("another-sign-in.har");
    std::fs::write(&file, support::har_answering_another_sign_in()).expect("write");
    let out = run(&["inspect", file.to_str().expect("path"), "--format", "json"]);
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = json(&out);
    assert_eq!(v["messages"][1]["kind"], "response");
    let flow = v["findings"].as_array().expect("findings");
    assert!(!flow.is_empty(), "no flow finding: {v}");
    for f in flow {
        assert_eq!(f["name"], "in-response-to-mismatch", "{f}");
        assert_eq!(f["message_index"], 1, "{f}");
        assert!(
            f["message"]
                .as_str()
                .is_some_and(|m| m.contains("_another-sign-in")),
            "the finding lost its message: {f}"
        );
    }
}

/// The text output says the cause first: the verdict line (the core's triage) before the
/// facts, and an old copy's time findings as one line that says how to judge it when issued.
#[test]
fn text_output_leads_with_the_verdict_and_the_old_copy() {
    let path = fixture("audience-mismatch/bad_unconfigured_profile_tenant.xml");
    let output = run(&[
        "inspect",
        path.to_str().expect("UTF-8 path"),
        "--now",
        "2027-01-21T10:00:00Z",
    ]);
    let text = String::from_utf8(output.stdout).expect("UTF-8");
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[2].starts_with("  verdict       Rejected: the Audience `https://fabrikam."),
        "{text}"
    );
    assert!(
        lines[3].starts_with("  old copy      this message is 6 days old (valid for 1 h 10 min): its 3 time findings fail as expected for a copy; --now 2027-01-15T10:00:00"),
        "{text}"
    );
}

#[test]
fn sp_software_says_whether_it_accepts_and_what_it_logs() {
    let path = fixture("audience-mismatch/bad_trailing_slash.xml");
    let out = run(&[
        "inspect",
        path.to_str().expect("path"),
        "--sp-entity-id",
        "https://contoso.example.com/saml",
        "--sp-software",
        "python3-saml",
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    let line = text
        .lines()
        .find(|l| l.trim_start().starts_with("sp-software"))
        .expect("an sp-software line");
    assert!(
        line.contains("python3-saml rejects it (") && line.contains("audience-mismatch"),
        "{line}"
    );
    let json = json(&run(&[
        "inspect",
        path.to_str().expect("path"),
        "--format",
        "json",
        "--sp-entity-id",
        "https://contoso.example.com/saml",
    ]));
    let python = json["acceptance"]
        .as_array()
        .expect("acceptance")
        .iter()
        .find(|a| a["sp"] == "python3-saml")
        .expect("python3-saml");
    assert_eq!(python["verdict"], "rejects");
    assert!(
        python["because"]
            .as_array()
            .is_some_and(|b| b.iter().any(|r| r == "audience-mismatch"))
    );
    assert_eq!(
        run(&[
            "inspect",
            path.to_str().expect("path"),
            "--sp-software",
            "nope"
        ])
        .status
        .code(),
        Some(2)
    );
    let listed = String::from_utf8_lossy(&run(&["sps"]).stdout).into_owned();
    for key in ["python3-saml", "pysaml2", "node-saml", "shibboleth-sp"] {
        assert!(listed.contains(key), "{listed}");
    }
}

#[test]
fn explain_traces_an_error_line_to_its_software_and_rule() {
    let out = run(&[
        "explain",
        "2026-12-07 10:00:01 ERROR https://app.example.com/ is not a valid audience for this Response",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("python3-saml") && text.contains("(SP)"),
        "{text}"
    );
    assert!(text.contains("rule: audience-mismatch (AUD002)"), "{text}");
    let out = run(&[
        "explain",
        "MSIS7007: The requested relying party trust is unspecified",
    ]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("adfs (IdP): MSIS7007"), "{text}");
    assert!(text.contains("means: "), "{text}");
    assert_eq!(
        run(&["explain", "nothing anyone ever logged"])
            .status
            .code(),
        Some(2)
    );
}
