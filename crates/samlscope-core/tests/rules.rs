//! Every rule has fixtures that fire it (`bad_*`) and that do not (`ok_*`, and the clean
//! `base_response.xml`), and a snapshot of its rendered findings.
//!
//! Fixtures live in `tests/fixtures/rules/<rule-name>/`; see `tests/fixtures/README.md`.

use std::path::{Path, PathBuf};

use samlscope_core::render::text::render_finding;
use samlscope_core::span::LineIndex;
use samlscope_core::{Context, Report, Timestamp, inspect, rules};

/// Rules whose fixtures live elsewhere: generated hostile inputs (`tests/hostile.rs`) and the
/// xmlsec1-made signature and encryption fixtures (`tests/dsig.rs`, `tests/fixtures/{dsig,xmlenc}/`).
const ELSEWHERE: &[&str] = &[
    "input-limit-exceeded",
    "xml-limit-exceeded",
    "assertion-unsigned",
    "signature-value-invalid",
    "signature-reference-invalid",
    "signature-transform-unexpected",
    "signature-algorithm-weak",
    "signature-algorithm-unsupported",
    "signature-wrapping",
    "signature-structure-suspicious",
    "certificate-untrusted",
    "certificate-expired",
    "certificate-not-yet-valid",
    "certificate-expiring",
    "certificate-weak-key",
    "config-unreadable",
    "assertion-encrypted",
    "decryption-failed",
    "encryption-algorithm-weak",
];

/// Rules checked without a trust anchor (the others get the fixtures' test certificate).
const WITHOUT_ANCHOR: &[&str] = &["signature-untrusted"];

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules")
}

fn context(anchor: bool) -> Context {
    let mut ctx = Context::new(Timestamp::parse("2027-01-15T10:05:00Z").expect("time"));
    // The configuration the fixtures were made for (Entra's Basic SAML Configuration).
    ctx.sp_entity_id = Some("https://contoso.example.com/saml".to_owned());
    ctx.acs_urls = vec!["https://contoso.example.com/saml/acs".to_owned()];
    ctx.idp_entity_id =
        Some("https://sts.windows.net/00000000-1111-2222-3333-444444444444/".to_owned());
    if anchor {
        ctx.idp_certificates
            .push(std::fs::read(fixtures().join("keys/TEST-ONLY-idp.crt")).expect("test cert"));
    }
    ctx
}

fn run(path: &Path, anchor: bool) -> Report {
    inspect(std::fs::read(path).expect("fixture"), &context(anchor))
}

fn rendered(report: &Report, rule: &str, file: &str) -> String {
    let index = LineIndex::new(report.text());
    report
        .findings
        .iter()
        .filter(|f| f.name() == rule)
        .map(|f| render_finding(f, report.text(), &index, file))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn the_clean_response_has_no_findings() {
    let report = run(&fixtures().join("base_response.xml"), true);
    let names: Vec<_> = report.findings.iter().map(|f| f.name()).collect();
    assert!(names.is_empty(), "{names:?}");
    assert_eq!(report.kind.id(), "response");
}

#[test]
fn every_rule_fires_on_its_bad_fixtures_and_not_on_its_ok_ones() {
    let mut checked = 0;
    for rule in rules::RULES {
        if ELSEWHERE.contains(&rule.name) {
            continue;
        }
        let anchor = !WITHOUT_ANCHOR.contains(&rule.name);
        let dir = fixtures().join(rule.name);
        let mut entries: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|_| panic!("no fixtures for {}", rule.name))
            .map(|e| e.expect("entry").path())
            .filter(|p| p.is_file())
            .collect();
        entries.sort();
        let mut bad = 0;
        for path in entries {
            let file = path
                .file_name()
                .and_then(|n| n.to_str())
                .expect("name")
                .to_owned();
            let report = run(&path, anchor);
            let fired = report
                .findings
                .iter()
                .filter(|f| f.name() == rule.name)
                .count();
            if file.starts_with("bad_") {
                bad += 1;
                assert!(
                    fired > 0,
                    "{}/{file} does not fire {}",
                    rule.name,
                    rule.name
                );
                insta::assert_snapshot!(
                    format!("{}__{}", rule.name, file.replace('.', "_")),
                    rendered(&report, rule.name, &file)
                );
            } else {
                assert_eq!(fired, 0, "{}/{file} fires {}", rule.name, rule.name);
            }
            checked += 1;
        }
        assert!(bad > 0, "{} has no bad_ fixture", rule.name);
    }
    assert!(checked > 20);
}
