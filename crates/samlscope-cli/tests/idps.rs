//! Responses shaped like twelve identity providers' own: each scenario of
//! `samlscope-core/tests/fixtures/idps/scenarios.json` (written by `make-idps.py` there) is run
//! through `samlscope inspect --format json` — the CLI contract outside test suites use. A correct
//! response (`ok.xml`) must give no error and no warning; each broken one (the Audience, the ACS
//! URL, the signing key after a certificate rollover) must be caught by the expected rule.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

const IDPS: [&str; 12] = [
    "entra",
    "adfs",
    "okta",
    "google",
    "pingfederate",
    "pingone",
    "keycloak",
    "shibboleth",
    "onelogin",
    "auth0",
    "jumpcloud",
    "simplesamlphp",
];

#[test]
fn every_idp_shaped_response_is_judged_as_expected() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../samlscope-core/tests/fixtures/idps");
    let scenarios: Vec<serde_json::Value> = serde_json::from_str(
        &std::fs::read_to_string(dir.join("scenarios.json")).expect("scenarios.json"),
    )
    .expect("scenarios JSON");
    let mut failures = Vec::new();
    let mut files: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for s in &scenarios {
        let idp = s["idp"].as_str().expect("idp");
        let input = s["input"].as_str().expect("input");
        let file = Path::new(input).file_name().expect("file name");
        files
            .entry(idp.to_owned())
            .or_default()
            .insert(file.to_string_lossy().into_owned());
        let mut args = vec!["inspect", input, "--format", "json"];
        args.extend(
            s["args"]
                .as_array()
                .expect("args")
                .iter()
                .map(|a| a.as_str().expect("arg")),
        );
        let out = Command::new(env!("CARGO_BIN_EXE_samlscope"))
            .current_dir(&dir)
            .args(&args)
            .output()
            .expect("run samlscope");
        let report: serde_json::Value = match serde_json::from_slice(&out.stdout) {
            Ok(v) => v,
            Err(e) => {
                failures.push(format!(
                    "{input}: not JSON ({e}): {}",
                    String::from_utf8_lossy(&out.stderr)
                ));
                continue;
            }
        };
        let findings = report["findings"].as_array().expect("findings");
        let named = |severity: &str| -> Vec<&str> {
            findings
                .iter()
                .filter(|f| f["severity"] == severity)
                .filter_map(|f| f["name"].as_str())
                .collect()
        };
        if s["clean"].as_bool() == Some(true) {
            let (errors, warnings) = (named("error"), named("warning"));
            if !errors.is_empty() || !warnings.is_empty() || out.status.code() != Some(0) {
                failures.push(format!(
                    "{input}: expected no error and no warning, got errors {errors:?}, warnings \
                     {warnings:?}, exit status {:?}",
                    out.status.code()
                ));
            }
            continue;
        }
        let expected = s["expect"].as_str().expect("expect");
        let Some(hit) = findings.iter().find(|f| f["name"] == expected) else {
            let names: Vec<_> = findings.iter().filter_map(|f| f["name"].as_str()).collect();
            failures.push(format!("{input}: {expected} not among {names:?}"));
            continue;
        };
        if hit["severity"] != "error" {
            failures.push(format!(
                "{input}: {expected} is a {}, not an error",
                hit["severity"]
            ));
        }
        if out.status.code() != Some(1) {
            failures.push(format!(
                "{input}: exit status {:?} with an error",
                out.status.code()
            ));
        }
    }
    println!(
        "IdP-shaped responses: {} of {} scenarios as expected",
        scenarios.len() - failures.len(),
        scenarios.len()
    );
    for idp in IDPS {
        let want: BTreeSet<String> = ["ok.xml", "bad_audience.xml", "bad_acs.xml", "bad_cert.xml"]
            .map(String::from)
            .into();
        assert_eq!(
            files.get(idp),
            Some(&want),
            "{idp} has a scenario for each of its four responses"
        );
    }
    assert_eq!(files.len(), IDPS.len(), "no scenario for an unknown IdP");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
