//! HAR files: every SAML message of a captured sign-in, in order, each at its capture time.

use std::path::Path;

use samlscope_core::har::{inspect_har, is_har, messages};
use samlscope_core::{Context, Timestamp};

fn fixture() -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/har/sign-in.har"))
        .expect("fixture")
}

#[test]
fn finds_the_redirect_request_and_the_posted_response() {
    let har = fixture();
    assert!(is_har(&har));
    let found = messages(&har).expect("readable");
    let entries: Vec<(usize, &str)> = found.iter().map(|m| (m.entry, m.method.as_str())).collect();
    assert_eq!(entries, [(0, "GET"), (2, "POST")]);
    assert_eq!(
        found[1].captured_at,
        Timestamp::parse("2026-11-23T16:57:44.100Z")
    );
}

#[test]
fn each_message_is_inspected_at_its_capture_time() {
    // "now" far in the future: a message inspected at that time would be expired; at its
    // capture time its signature and certificate are current.
    let ctx = Context::new(Timestamp::parse("2031-01-01T00:00:00Z").expect("time"));
    let reports = inspect_har(&fixture(), &ctx).expect("readable");
    assert_eq!(reports.len(), 2);
    assert_eq!(reports[0].1.kind.id(), "authn-request");
    assert_eq!(reports[1].1.kind.id(), "response");
    assert_eq!(
        reports[1].1.summary.relay_state.as_deref(),
        Some("/app/timesheets?week=2026-W48")
    );
    assert!(
        !reports[1]
            .1
            .findings
            .iter()
            .any(|f| f.name() == "certificate-expiring")
    );
}

#[test]
fn broken_har_is_an_error_not_a_panic() {
    assert!(messages(b"{\"log\": 3}").is_err());
    assert!(messages(b"{\"log\": {\"entries\": [").is_err());
    assert!(!is_har(b"<samlp:Response/>"));
}
