//! Responses shaped like twelve identity providers' own: each scenario of
//! `samlscope-core/tests/fixtures/idps/scenarios.json` (written by `make-idps.py` there) is run
//! through `samlscope inspect --format json` — the CLI contract outside test suites use. A correct
//! response (`ok.xml`) must give no error and no warning; each broken one (the Audience, the ACS
//! URL, the signing key after a certificate rollover) must be caught by the expected rule.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use samlscope_core::Setting;
use samlscope_core::idps::{self, Words};

mod scenarios;

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

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../samlscope-core/tests/fixtures/idps")
}

fn scenarios() -> Vec<serde_json::Value> {
    scenarios::read(&dir())
}

fn run(s: &serde_json::Value, format: &str) -> std::process::Output {
    scenarios::inspect(&dir(), s, format)
}

/// Words that are Entra's alone: none may reach the admin of another identity provider.
const ENTRA_WORDS: [&str; 7] = [
    "Entra",
    "AADSTS",
    "Basic SAML Configuration",
    "Reply URL",
    "My Apps",
    "SAML Certificates",
    "Attributes & Claims",
];

#[test]
fn each_idp_is_recognised_and_its_fixes_name_its_own_settings() {
    for s in scenarios().iter().filter(|s| s["clean"] != true) {
        let key = s["idp"].as_str().expect("idp");
        let input = s["input"].as_str().expect("input");
        let out = run(s, "json");
        let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
        assert_eq!(report["idp"]["product"], key, "{input}: {}", report["idp"]);
        let idp = idps::find(key).expect("known IdP");
        let words = Words::of(idp);
        let expected = s["expect"].as_str().expect("expect");
        let hits: Vec<&serde_json::Value> = report["findings"]
            .as_array()
            .expect("findings")
            .iter()
            .filter(|f| f["name"] == expected)
            .collect();
        assert!(!hits.is_empty(), "{input}: no {expected}");
        for f in hits {
            let help = f["help"].as_str().unwrap_or_default();
            let setting = f["setting"]
                .as_str()
                .and_then(Setting::from_key)
                .unwrap_or_else(|| panic!("{input}: {expected} names no setting"));
            // The IdP's own screen and field, or (for a new certificate) its rollover.
            let said = help.contains(&words.place(setting))
                || words.aside(setting).is_some_and(|a| help.contains(&a))
                || (setting == Setting::IdpSigningCertificate && help.contains(words.rollover()));
            assert!(
                said,
                "{input}: {expected}'s fix does not name {key}'s {setting:?}: {help}"
            );
            assert!(
                f["evidence"].is_object() || expected == "signature-value-invalid",
                "{input}: {f}"
            );
        }
        if key != "entra" {
            for f in report["findings"].as_array().expect("findings") {
                let text = format!("{} {}", f["message"], f["help"]);
                for word in ENTRA_WORDS {
                    assert!(!text.contains(word), "{input}: `{word}` for {key}: {text}");
                }
            }
        }
        let text = run(s, "text");
        let name = format!(
            "{key}__{}",
            Path::new(input)
                .file_stem()
                .and_then(|n| n.to_str())
                .expect("name")
        );
        let expect_suffix = if expected == "recipient-mismatch" {
            "__recipient"
        } else {
            ""
        };
        insta::assert_snapshot!(
            format!("{name}{expect_suffix}"),
            String::from_utf8_lossy(&text.stdout)
        );
    }
}

#[test]
fn every_idp_shaped_response_is_judged_as_expected() {
    let scenarios = scenarios();
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
        let out = run(s, "json");
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
