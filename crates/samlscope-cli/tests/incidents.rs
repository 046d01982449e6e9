//! The incidents of the five seed apps (`../../shared/seeds`): each scenario of
//! `samlscope-core/tests/fixtures/incidents/scenarios.json` (written by `make-incidents.py`
//! there) is run through `samlscope inspect --format json` — the CLI contract outside test
//! suites use — and must be caught by the right rule with an Entra-worded fix, or, for the
//! correct configurations, give no error.

use std::path::Path;

mod scenarios;

#[test]
fn every_seed_app_incident_is_caught_by_the_right_rule() {
    let dir =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../samlscope-core/tests/fixtures/incidents");
    let scenarios = scenarios::read(&dir);
    let mut failures = Vec::new();
    let mut apps = std::collections::BTreeSet::new();
    for s in &scenarios {
        let app = s["app"].as_str().expect("app");
        apps.insert(app.to_owned());
        let incident = s["incident"].as_str().expect("incident");
        let out = scenarios::inspect(&dir, s, "json");
        let report: serde_json::Value = match serde_json::from_slice(&out.stdout) {
            Ok(v) => v,
            Err(e) => {
                failures.push(format!(
                    "{app} / {incident}: not JSON ({e}): {}",
                    String::from_utf8_lossy(&out.stderr)
                ));
                continue;
            }
        };
        let findings = report["findings"].as_array().expect("findings");
        let errors: Vec<&str> = findings
            .iter()
            .filter(|f| f["severity"] == "error")
            .filter_map(|f| f["name"].as_str())
            .collect();
        if s["clean"].as_bool() == Some(true) {
            if !errors.is_empty() || out.status.code() != Some(0) {
                failures.push(format!(
                    "{app} / {incident}: expected no error, got {errors:?}"
                ));
            }
            continue;
        }
        let expected = s["expect"].as_str().expect("expect");
        let Some(hit) = findings.iter().find(|f| f["name"] == expected) else {
            let names: Vec<_> = findings.iter().filter_map(|f| f["name"].as_str()).collect();
            failures.push(format!(
                "{app} / {incident}: {expected} not among {names:?}"
            ));
            continue;
        };
        if let Some(want) = s["help_contains"].as_str() {
            let help = hit["help"].as_str().unwrap_or_default();
            if !help.contains(want) {
                failures.push(format!("{app} / {incident}: help lacks `{want}`: {help}"));
            }
        }
        if let Some(sev) = s["severity"].as_str()
            && hit["severity"] != sev
        {
            failures.push(format!(
                "{app} / {incident}: severity {} instead of {sev}",
                hit["severity"]
            ));
        }
        if hit["severity"] == "error" && out.status.code() != Some(1) {
            failures.push(format!(
                "{app} / {incident}: exit status {:?} with an error",
                out.status.code()
            ));
        }
    }
    println!(
        "seed-app incidents: {} of {} scenarios as expected, apps: {apps:?}",
        scenarios.len() - failures.len(),
        scenarios.len()
    );
    assert_eq!(apps.len(), 5, "every seed app has scenarios");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
