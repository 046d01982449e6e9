//! The triage view: the verdict, findings by cause, the same problem once, an old copy's time
//! findings gathered, and the clock the times were judged at.

use std::path::{Path, PathBuf};

use samlscope_core::triage::{Cause, Verdict, triage};
use samlscope_core::{Clock, Context, Kind, Report, Severity, Timestamp, inspect};

fn fixture(path: &str) -> Vec<u8> {
    let root: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules");
    std::fs::read(root.join(path)).expect("fixture")
}

/// The rules fixtures are issued at 2027-01-15T10:00:00Z and valid until 11:10.
fn at(time: &str) -> Context {
    Context::new(Timestamp::parse(time).expect("time"))
}

fn names(report: &Report, indices: impl IntoIterator<Item = usize>) -> Vec<&'static str> {
    indices
        .into_iter()
        .map(|i| report.findings[i].name())
        .collect()
}

/// The issue's case: a six-day-old Entra response for TimeTrack whose Identifier names
/// another customer than its Reply URL, pasted with no configuration. The tenant mismatch
/// leads; the expiry is one gathered note.
#[test]
fn an_old_copy_naming_another_tenant_leads_with_the_tenant() {
    let report = inspect(
        fixture("audience-mismatch/bad_unconfigured_profile_tenant.xml"),
        &at("2027-01-21T10:00:00Z"),
    );
    let t = triage(&report);
    let Verdict::Fails { lead } = t.verdict else {
        panic!("{:?}", t.verdict)
    };
    assert_eq!(report.findings[lead].name(), "audience-mismatch");
    assert_eq!(t.cards[0].finding, lead);
    let old = t.old_copy.as_ref().expect("an old copy");
    assert_eq!(old.age_seconds, 6 * 86_400);
    assert_eq!(old.lifetime_seconds, 70 * 60);
    let gathered = names(&report, old.findings.iter().copied());
    for rule in [
        "conditions-expired",
        "subject-confirmation-expired",
        "issue-instant-skew",
    ] {
        assert!(
            gathered.contains(&rule),
            "{rule} not gathered: {gathered:?}"
        );
    }
    let shown = names(&report, t.cards.iter().map(|c| c.finding));
    assert!(
        !shown.iter().any(|n| gathered.contains(n)),
        "time findings shown again: {shown:?}"
    );
    assert_eq!(Verdict::Fails { lead }.words(report.kind), "Rejected");
}

/// Within a severity, configuration comes before "no trust anchor was given".
#[test]
fn a_configuration_problem_comes_before_an_unverified_signature() {
    // The Response's Destination is outside the signed Assertion: the signature still holds.
    let xml = String::from_utf8(fixture("base_response.xml"))
        .expect("UTF-8")
        .replacen(
            "Destination=\"https://contoso.example.com/saml/acs\"",
            "Destination=\"https://fabrikam.example.com/saml/acs\"",
            1,
        );
    let report = inspect(xml, &at("2027-01-15T10:05:00Z"));
    let t = triage(&report);
    let shown = names(&report, t.cards.iter().map(|c| c.finding));
    assert_eq!(shown[..2], ["audience-mismatch", "signature-untrusted"]);
    assert!(matches!(t.verdict, Verdict::Doubtful { .. }));
    assert!(t.old_copy.is_none());
    assert!(!t.configured);
}

/// The same rule on the Response and on the Assertion is one card that says which.
#[test]
fn the_same_rule_on_response_and_assertion_is_one_card() {
    let mut ctx = at("2027-01-15T10:05:00Z");
    ctx.idp_entity_id = Some("https://other.example/".to_owned());
    let report = inspect(fixture("base_response.xml"), &ctx);
    assert_eq!(
        report
            .findings
            .iter()
            .filter(|f| f.name() == "issuer-mismatch")
            .count(),
        2
    );
    let t = triage(&report);
    let cards: Vec<_> = t
        .cards
        .iter()
        .filter(|c| report.findings[c.finding].name() == "issuer-mismatch")
        .collect();
    assert_eq!(cards.len(), 1);
    assert_eq!(cards[0].on, Some("Response"));
    let (other, part) = cards[0].also.expect("the assertion's finding");
    assert_eq!(part, "Assertion");
    assert_eq!(report.findings[other].name(), "issuer-mismatch");
    assert!(t.configured);
}

/// Judged at its IssueInstant, an old message has no time finding, and the report says so.
#[test]
fn judging_at_the_issue_instant_moves_every_time_check() {
    let mut ctx = at("2027-03-01T00:00:00Z");
    let old = inspect(fixture("base_response.xml"), &ctx);
    assert!(
        old.findings
            .iter()
            .any(|f| f.name() == "conditions-expired")
    );
    ctx.clock = Clock::IssueInstant;
    let report = inspect(fixture("base_response.xml"), &ctx);
    assert_eq!(report.clock, Clock::IssueInstant);
    assert_eq!(
        report.judged_at,
        Timestamp::parse("2027-01-15T10:00:00Z").expect("time")
    );
    assert!(
        !report
            .findings
            .iter()
            .any(|f| Cause::of(f.rule) == Cause::Timing && f.severity > Severity::Info),
        "{:?}",
        names(&report, 0..report.findings.len())
    );
    assert!(report.clock_skew.iter().all(|s| s.accepted));
    assert!(triage(&report).old_copy.is_none());
}

/// A time the user chose, or a capture time, is never an "old copy": its failures are real.
#[test]
fn only_the_time_of_inspection_makes_an_old_copy() {
    let mut ctx = at("2027-03-01T00:00:00Z");
    ctx.clock = Clock::Custom;
    let report = inspect(fixture("base_response.xml"), &ctx);
    let t = triage(&report);
    assert!(t.old_copy.is_none());
    assert!(
        matches!(t.verdict, Verdict::Fails { lead } if report.findings[lead].name() == "subject-confirmation-expired" || report.findings[lead].name() == "conditions-expired")
    );
    ctx.clock = Clock::Now;
    let t = triage(&inspect(fixture("base_response.xml"), &ctx));
    assert!(t.old_copy.is_some());
    assert_eq!(
        t.verdict,
        Verdict::Unverified {
            lead: t.cards[0].finding
        }
    );
    assert_eq!(t.verdict.words(Kind::Response), "Not verified");
}

/// Fully configured and in time, the clean fixture is clean.
#[test]
fn a_clean_message_against_its_configuration() {
    let mut ctx = at("2027-01-15T10:05:00Z");
    ctx.sp_entity_id = Some("https://contoso.example.com/saml".to_owned());
    ctx.acs_urls = vec!["https://contoso.example.com/saml/acs".to_owned()];
    ctx.idp_certificates.push(fixture("keys/TEST-ONLY-idp.crt"));
    let report = inspect(fixture("base_response.xml"), &ctx);
    let t = triage(&report);
    assert!(
        t.cards
            .iter()
            .all(|c| report.findings[c.finding].severity == Severity::Info),
        "{:?}",
        names(&report, t.cards.iter().map(|c| c.finding))
    );
    assert_eq!(t.verdict, Verdict::Clean);
    assert!(t.configured);
    assert_eq!(t.verdict.words(report.kind), "Nothing wrong found");
}

/// A rule repeated over an aggregate's entities is one card that counts them all.
#[test]
fn a_rule_repeated_over_metadata_is_one_card_with_its_count() {
    let mut xml = String::from(
        "<EntitiesDescriptor xmlns=\"urn:oasis:names:tc:SAML:2.0:metadata\" validUntil=\"2030-01-01T00:00:00Z\">",
    );
    for i in 0..150 {
        xml.push_str(&format!(
            "<EntityDescriptor entityID=\"https://sp{i}.example.test/\"><SPSSODescriptor protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\"><AssertionConsumerService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\" Location=\"http://sp{i}.example.test/acs\" index=\"0\"/></SPSSODescriptor></EntityDescriptor>"
        ));
    }
    xml.push_str("</EntitiesDescriptor>");
    let report = inspect(xml, &at("2027-01-15T10:05:00Z"));
    let t = triage(&report);
    let cards: Vec<_> = t
        .cards
        .iter()
        .filter(|c| report.findings[c.finding].name() == "metadata-endpoint-insecure")
        .collect();
    assert_eq!(cards.len(), 1);
    assert_eq!(cards[0].count, 150);
    assert_eq!(cards[0].rest.len(), 100);
}
