//! Every rule has fixtures that fire it (`bad_*`) and that do not (`ok_*`, and the clean
//! `base_response.xml`), and a snapshot of its rendered findings.
//!
//! Fixtures live in `tests/fixtures/rules/<rule-name>/`; see `tests/fixtures/README.md`. Files a
//! fixture's context refers to (requests, metadata) live in a `context/` subdirectory.

mod hostile_inputs;

use std::path::{Path, PathBuf};

use samlscope_core::render::text::render_finding;
use samlscope_core::{Context, LineIndex, Report, Timestamp, inspect, rules};

/// Rules whose bad fixtures live elsewhere, each with the test that fires it there: generated
/// hostile inputs (`tests/hostile.rs`), the xmlsec1-made signature fixtures (`tests/dsig.rs`,
/// `tests/fixtures/dsig/`), and tests of their own. `rules_tested_elsewhere_fire_there` runs
/// each one's input here too; every other rule has a fixture directory of its own.
const ELSEWHERE: &[(&str, Elsewhere)] = &[
    (
        "input-limit-exceeded",
        Elsewhere::Hostile("percent-encoded"),
    ),
    ("xml-limit-exceeded", Elsewhere::Hostile("nested")),
    ("assertion-unsigned", Elsewhere::Dsig),
    ("signature-value-invalid", Elsewhere::Dsig),
    ("signature-reference-invalid", Elsewhere::Dsig),
    ("signature-transform-unexpected", Elsewhere::Dsig),
    ("signature-algorithm-weak", Elsewhere::Dsig),
    ("signature-algorithm-unsupported", Elsewhere::Dsig),
    ("signature-wrapping", Elsewhere::Dsig),
    ("signature-structure-suspicious", Elsewhere::Dsig),
    ("certificate-untrusted", Elsewhere::Dsig),
    ("certificate-expired", Elsewhere::Dsig),
    ("certificate-not-yet-valid", Elsewhere::Dsig),
    (
        "certificate-expiring",
        Elsewhere::Test(
            "dsig.rs: certificate_expiring_fires_within_30_days_of_now",
            elsewhere::expiring_certificate,
        ),
    ),
    ("certificate-weak-key", Elsewhere::Dsig),
    (
        "config-unreadable",
        Elsewhere::Test(
            "dsig.rs: unreadable_configuration_is_reported",
            elsewhere::unreadable_thumbprint,
        ),
    ),
    (
        "assertion-encrypted",
        Elsewhere::Test(
            "dsig.rs: encryption_rules_fire_and_do_not",
            elsewhere::encrypted_without_key,
        ),
    ),
    (
        "decryption-failed",
        Elsewhere::Test(
            "dsig.rs: encryption_rules_fire_and_do_not",
            elsewhere::encrypted_with_another_key,
        ),
    ),
    (
        "encryption-algorithm-weak",
        Elsewhere::Test(
            "dsig.rs: encryption_rules_fire_and_do_not",
            elsewhere::encrypted_with_cbc_and_rsa15,
        ),
    ),
];

/// Where a rule's bad fixture lives, when not in `tests/fixtures/rules/<rule-name>/`.
#[derive(Clone, Copy)]
enum Elsewhere {
    /// The case of `tests/hostile_inputs/` of this name, which `tests/hostile.rs`
    /// (`every_hostile_input_gives_its_finding`) fires the rule on.
    Hostile(&'static str),
    /// The fixtures of `tests/fixtures/dsig/expected.json` that list the rule, which
    /// `tests/dsig.rs` (`fixtures_have_their_verdicts_and_rules`) fires it on.
    Dsig,
    /// The test that fires it, and the report of the input (and context) it fires it on.
    Test(&'static str, fn() -> Report),
}

/// The inputs the tests of [`Elsewhere::Test`] fire their rules on.
mod elsewhere {
    use std::path::{Path, PathBuf};

    use samlscope_core::{Context, Report, Timestamp, inspect};

    fn dir(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name)
    }

    fn context() -> Context {
        Context::new(Timestamp::parse("2026-12-01T00:00:00Z").expect("time"))
    }

    /// The signed Entra-shaped response of the dsig fixtures, in `ctx`.
    fn signed(ctx: &Context) -> Report {
        let file = dir("dsig").join("entra-assertion-signed.xml");
        inspect(std::fs::read(file).expect("fixture"), ctx)
    }

    /// Judged ten days before its trusted signing certificate expires.
    pub(super) fn expiring_certificate() -> Report {
        let mut ctx = context();
        ctx.idp_certificates
            .push(std::fs::read(dir("dsig").join("keys/TEST-ONLY-rsa2048-idp.crt")).expect("cert"));
        let not_after = signed(&ctx).signatures[0]
            .key
            .as_ref()
            .and_then(|k| k.certificate.as_ref())
            .expect("certificate")
            .not_after;
        ctx.now = Timestamp(not_after.unix_millis() - 10 * 86_400_000);
        signed(&ctx)
    }

    /// With a thumbprint that is no thumbprint.
    pub(super) fn unreadable_thumbprint() -> Report {
        let mut ctx = context();
        ctx.thumbprints.push("3A:9B:…".to_owned());
        signed(&ctx)
    }

    fn encrypted(name: &str, key: Option<&str>) -> Report {
        let mut ctx = context();
        if let Some(key) = key {
            ctx.sp_key = Some(std::fs::read(dir("xmlenc").join(key)).expect("key"));
        }
        inspect(
            std::fs::read(dir("xmlenc").join(name)).expect("fixture"),
            &ctx,
        )
    }

    /// An encrypted assertion, and no SP key.
    pub(super) fn encrypted_without_key() -> Report {
        encrypted("aes256-gcm.rsa-oaep-mgf1p.xml", None)
    }

    /// An encrypted assertion, and the key of another SP.
    pub(super) fn encrypted_with_another_key() -> Report {
        encrypted("aes256-gcm.rsa-oaep-mgf1p.xml", Some("other.key"))
    }

    /// An assertion encrypted with AES-CBC and RSA 1.5 key transport.
    pub(super) fn encrypted_with_cbc_and_rsa15() -> Report {
        encrypted("aes128-cbc.rsa-1_5.xml", Some("sp.key"))
    }
}

/// Rules checked without a trust anchor (the others get the fixtures' test certificate).
const WITHOUT_ANCHOR: &[&str] = &["signature-untrusted"];

/// Where the bad fixtures of `rule` live, when not in its own fixture directory.
fn elsewhere(rule: &str) -> Option<Elsewhere> {
    ELSEWHERE
        .iter()
        .find(|(name, _)| *name == rule)
        .map(|(_, at)| *at)
}

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

/// A fixture's context: the base one, changed by `<fixture>.context.json` next to it or else by
/// `context.json` in its rule directory. Keys: `sp_entity_id`, `idp_entity_id` (string or
/// null), `acs_urls`, `required_attributes` (lists), `profile`, `relay_state`, `now`, and the files (relative
/// to the rule directory) `requests` (list), `sp_metadata`, `idp_metadata`.
fn run(path: &Path, anchor: bool) -> Report {
    let mut ctx = context(anchor);
    let dir = path.parent().expect("rule directory");
    let stem = path.file_stem().and_then(|s| s.to_str()).expect("name");
    let own = dir.join(format!("{stem}.context.json"));
    let shared = dir.join("context.json");
    if let Some(file) = [own, shared].into_iter().find(|p| p.is_file()) {
        let text = std::fs::read_to_string(&file).expect("context file");
        let changes: serde_json::Value = serde_json::from_str(&text).expect("context JSON");
        apply(&mut ctx, dir, &changes);
    }
    inspect(std::fs::read(path).expect("fixture"), &ctx)
}

fn apply(ctx: &mut Context, dir: &Path, changes: &serde_json::Value) {
    let text = |v: &serde_json::Value| v.as_str().map(str::to_owned);
    let list = |v: &serde_json::Value| -> Vec<String> {
        v.as_array()
            .expect("a list")
            .iter()
            .filter_map(|x| x.as_str().map(str::to_owned))
            .collect()
    };
    let file = |name: &str| std::fs::read(dir.join(name)).expect("context file");
    for (key, value) in changes.as_object().expect("an object") {
        match key.as_str() {
            "sp_entity_id" => ctx.sp_entity_id = text(value),
            "idp_entity_id" => ctx.idp_entity_id = text(value),
            "acs_urls" => ctx.acs_urls = list(value),
            "required_attributes" => ctx.required_attributes = list(value),
            "profile" => ctx.profile = text(value),
            "relay_state" => ctx.relay_state = text(value),
            "now" => ctx.now = Timestamp::parse(value.as_str().expect("time")).expect("time"),
            "requests" => ctx.requests = list(value).iter().map(|n| file(n)).collect(),
            "sp_metadata" => ctx.sp_metadata = value.as_str().map(file),
            "idp_metadata" => ctx.idp_metadata = value.as_str().map(file),
            other => panic!("unknown context key {other}"),
        }
    }
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
    // `RULES_ONLY=name,name` checks just those rules (while working on them).
    let only = std::env::var("RULES_ONLY").unwrap_or_default();
    let only: Vec<&str> = only.split(',').filter(|s| !s.is_empty()).collect();
    for rule in rules::RULES {
        if elsewhere(rule.name).is_some() || !(only.is_empty() || only.contains(&rule.name)) {
            continue;
        }
        let anchor = !WITHOUT_ANCHOR.contains(&rule.name);
        let dir = fixtures().join(rule.name);
        let mut entries: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|_| panic!("no fixtures for {}", rule.name))
            .map(|e| e.expect("entry").path())
            .filter(|p| p.is_file())
            .filter(|p| !p.to_string_lossy().ends_with("context.json"))
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
    assert!(checked > 20 || !only.is_empty());
}

#[test]
fn every_rule_has_its_own_fixtures_or_is_fired_elsewhere_not_both() {
    for rule in rules::RULES {
        let own = fixtures().join(rule.name).is_dir();
        let listed = ELSEWHERE.iter().filter(|(n, _)| *n == rule.name).count();
        assert!(listed <= 1, "{} is listed twice in ELSEWHERE", rule.name);
        assert!(
            own != (listed == 1),
            "{}: {}",
            rule.name,
            if own {
                "has a fixture directory and is listed in ELSEWHERE"
            } else {
                "has no fixture directory and is not listed in ELSEWHERE"
            }
        );
    }
    for (name, _) in ELSEWHERE {
        assert!(
            rules::RULES.iter().any(|r| r.name == *name),
            "ELSEWHERE lists {name}, which is no rule"
        );
    }
}

#[test]
fn rules_tested_elsewhere_fire_there() {
    let fires = |findings: &[samlscope_core::Finding], rule: &str| {
        findings.iter().any(|f| f.name() == rule)
    };
    let dsig = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/dsig");
    let expected: Vec<serde_json::Value> =
        serde_json::from_slice(&std::fs::read(dsig.join("expected.json")).expect("expected.json"))
            .expect("JSON");
    for &(rule, at) in ELSEWHERE {
        match at {
            Elsewhere::Hostile(case) => {
                let case = hostile_inputs::CASES
                    .iter()
                    .find(|c| c.name == case)
                    .unwrap_or_else(|| panic!("{rule}: no hostile input `{case}`"));
                assert_eq!(case.rule, rule, "the hostile input `{}`", case.name);
                let ctx = Context::new(Timestamp::parse("2026-11-23T00:00:00Z").expect("time"));
                let findings = hostile_inputs::findings(&case.full(), &ctx);
                assert!(fires(&findings, rule), "{}: no {rule}", case.name);
            }
            Elsewhere::Dsig => {
                let listing: Vec<&serde_json::Value> = expected
                    .iter()
                    .filter(|e| {
                        e["rules"]
                            .as_array()
                            .is_some_and(|r| r.iter().any(|n| n == rule))
                    })
                    .collect();
                assert!(!listing.is_empty(), "no dsig fixture lists {rule}");
                for entry in listing {
                    let file = entry["file"].as_str().expect("file");
                    let mut ctx =
                        Context::new(Timestamp::parse("2026-12-01T00:00:00Z").expect("time"));
                    if let Some(cert) = entry["trusted_cert"].as_str() {
                        ctx.idp_certificates
                            .push(std::fs::read(dsig.join(cert)).expect("cert"));
                    }
                    let report = inspect(std::fs::read(dsig.join(file)).expect("fixture"), &ctx);
                    assert!(fires(&report.findings, rule), "dsig/{file}: no {rule}");
                }
            }
            Elsewhere::Test(test, input) => {
                assert!(fires(&input().findings, rule), "{test}: no {rule}");
            }
        }
    }
}

/// The rules that compare the message with configuration (or one part of it with another),
/// with the setting each names (`None`: evidence, but no setting fixes it). Those whose
/// fixtures live elsewhere (`certificate-untrusted`) are checked with them.
const COMPARING: &[(&str, Option<&str>)] = &[
    ("audience-mismatch", Some("sp-entity-id")),
    ("destination-mismatch", Some("acs-url")),
    ("recipient-mismatch", Some("acs-url")),
    ("issuer-mismatch", Some("idp-entity-id")),
    ("issuer-inconsistent", None),
    ("sp-name-qualifier-mismatch", Some("sp-entity-id")),
    ("acs-not-registered", Some("acs-url")),
    ("request-issuer-mismatch", Some("sp-entity-id")),
    ("in-response-to-mismatch", None),
    ("authn-context-mismatch", None),
    ("name-id-format-mismatch", Some("name-id-format")),
    ("attribute-missing", Some("claims")),
    ("conditions-expired", Some("clock")),
    ("conditions-not-yet-valid", Some("clock")),
    ("subject-confirmation-expired", Some("clock")),
    ("session-expired", Some("clock")),
    ("issue-instant-skew", Some("clock")),
];

#[test]
fn findings_that_compare_carry_evidence_and_the_setting_in_json() {
    for &(rule, setting) in COMPARING {
        let dir = fixtures().join(rule);
        let mut bad: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|_| panic!("no fixtures for {rule}"))
            .map(|e| e.expect("entry").path())
            .filter(|p| {
                p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with("bad_"))
            })
            .filter(|p| !p.to_string_lossy().ends_with("context.json"))
            .collect();
        bad.sort();
        for path in bad {
            let report = run(&path, !WITHOUT_ANCHOR.contains(&rule));
            let json = samlscope_core::render::json::to_value(&report);
            let findings = json["findings"].as_array().expect("findings");
            for f in findings.iter().filter(|f| f["name"] == rule) {
                // A finding standing for the ones past the cap says so, and compares nothing.
                if f["message"]
                    .as_str()
                    .is_some_and(|m| m.contains("not listed"))
                {
                    continue;
                }
                let at = path.display();
                let evidence = &f["evidence"];
                assert!(evidence.is_object(), "{at}: {rule} has no evidence: {f}");
                assert!(
                    evidence["expected"].is_object() || evidence["found"].is_object(),
                    "{at}: {rule}'s evidence is empty: {f}"
                );
                if let Some(expected) = evidence["expected"].as_object() {
                    let source = expected["source"].as_str().unwrap_or_default();
                    assert!(
                        [
                            "flag",
                            "sp-metadata",
                            "idp-metadata",
                            "profile",
                            "request",
                            "message",
                            "clock"
                        ]
                        .contains(&source),
                        "{at}: {rule}: source `{source}`"
                    );
                }
                assert_eq!(f["setting"].as_str(), setting, "{at}: {rule}'s setting");
            }
        }
    }
}
