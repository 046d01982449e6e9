//! Would each SP implementation accept a response? Predictions from the SP data
//! (`src/sps/*.json`) over the IdP-shaped fixtures: the rules behind a rejection with the
//! implementation's own log line, the signatures it requires, and times judged with its own
//! clock skew.

use std::path::{Path, PathBuf};

use samlscope_core::sps::{Acceptance, Verdict, acceptance};
use samlscope_core::{Context, Report, Timestamp, inspect};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/idps")
}

/// The IdP-shaped response `file`, configured as its scenario is (SP entity ID, ACS and the
/// trusted certificate), judged at `now`.
fn run(idp: &str, file: &str, (sp, acs): (&str, &str), now: &str) -> Report {
    let mut ctx = Context::new(Timestamp::parse(now).expect("time"));
    ctx.sp_entity_id = Some(sp.to_owned());
    ctx.acs_urls = vec![acs.to_owned()];
    ctx.idp_certificates = vec![
        std::fs::read(fixtures().join(format!("keys/TEST-ONLY-{idp}-current.crt"))).expect("cert"),
    ];
    inspect(
        std::fs::read(fixtures().join(idp).join(file)).expect("fixture"),
        &ctx,
    )
}

const OKTA_SP: (&str, &str) = (
    "https://app.example.com/saml/metadata",
    "https://app.example.com/saml/acs",
);
const NOW: &str = "2027-03-09T14:23:05Z";

fn of<'a>(all: &'a [Acceptance], sp: &str) -> &'a Acceptance {
    all.iter().find(|a| a.sp == sp).expect("that SP")
}

#[test]
fn a_correct_response_is_accepted_by_every_implementation() {
    let all = acceptance(&run("okta", "ok.xml", OKTA_SP, NOW));
    assert_eq!(all.len(), samlscope_core::sps::all().len());
    for a in &all {
        assert_eq!(a.verdict, Verdict::Accepts, "{a:?}");
    }
}

#[test]
fn a_wrong_audience_is_rejected_with_each_implementations_own_words() {
    let all = acceptance(&run("okta", "bad_audience.xml", OKTA_SP, NOW));
    let python = of(&all, "python3-saml");
    assert_eq!(python.verdict, Verdict::Rejects);
    assert_eq!(python.because, ["audience-mismatch"]);
    assert_eq!(
        python.message.as_deref(),
        Some("%s is not a valid audience for this Response")
    );
    let node = of(&all, "node-saml");
    assert!(
        node.message
            .as_deref()
            .is_some_and(|m| m.starts_with("SAML assertion audience mismatch")),
        "{node:?}"
    );
}

#[test]
fn the_signatures_each_implementation_requires() {
    // Keycloak signs the Response only: node-saml wants the assertion signed too.
    let report = run(
        "keycloak",
        "ok.xml",
        (
            "https://grafana.example.org/saml/metadata",
            "https://grafana.example.org/saml/acs",
        ),
        NOW,
    );
    let all = acceptance(&report);
    assert_eq!(of(&all, "node-saml").verdict, Verdict::Rejects);
    assert_eq!(of(&all, "node-saml").because, ["assertion-unsigned"]);
    assert_eq!(of(&all, "python3-saml").verdict, Verdict::Accepts);
}

#[test]
fn times_are_judged_with_each_implementations_own_skew() {
    // Two minutes after NotOnOrAfter (14:27:31.482Z): past a 0 s skew, within 300 s.
    let all = acceptance(&run("okta", "ok.xml", OKTA_SP, "2027-03-09T14:29:31Z"));
    let ruby = of(&all, "ruby-saml");
    assert_eq!(ruby.verdict, Verdict::Rejects, "{ruby:?}");
    assert_eq!(ruby.because, ["conditions-expired"]);
    assert_eq!(of(&all, "python3-saml").verdict, Verdict::Accepts);
}

#[test]
fn only_responses_are_judged() {
    let metadata = std::fs::read(fixtures().join("pingfederate/idp-metadata.xml")).expect("md");
    let report = inspect(
        metadata,
        &Context::new(Timestamp::parse(NOW).expect("time")),
    );
    assert!(acceptance(&report).is_empty());
}
