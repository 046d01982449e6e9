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
    let reports = inspect_har(&fixture(), &ctx).expect("readable").messages;
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

/// A HAR of a request and a response as a browser exports it (both POST binding).
fn har_of(request: &str, response: &str) -> Vec<u8> {
    use base64::Engine as _;
    let b64 = |s: &str| base64::engine::general_purpose::STANDARD.encode(s);
    let entry = |url: &str, field: &str, value: String, at: &str| {
        serde_json::json!({
            "startedDateTime": at,
            "request": {"method": "POST", "url": url, "headers": [],
                "postData": {"mimeType": "application/x-www-form-urlencoded",
                    "params": [{"name": field, "value": value}]}},
            "response": {"status": 200}
        })
    };
    serde_json::to_vec(&serde_json::json!({"log": {"entries": [
        entry("https://login.microsoftonline.com/00000000-1111-2222-3333-444444444444/saml2", "SAMLRequest", b64(request), "2027-01-15T09:59:51.000Z"),
        entry("https://contoso.example.com/saml/acs", "SAMLResponse", b64(response), "2027-01-15T10:00:01.000Z"),
    ]}}))
    .expect("json")
}

fn rules_fixture(name: &str) -> String {
    std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/rules")
            .join(name),
    )
    .expect("fixture")
}

#[test]
fn a_response_is_correlated_with_the_request_captured_before_it() {
    let response = rules_fixture("base_response.xml");
    let ctx = Context::new(Timestamp::parse("2031-01-01T00:00:00Z").expect("time"));
    for (request_file, expected) in [
        ("in-response-to-mismatch/context/request_req1.xml", vec![]),
        (
            "in-response-to-mismatch/context/request_req2.xml",
            vec![
                (1, "in-response-to-mismatch"),
                (1, "in-response-to-mismatch"),
            ],
        ),
    ] {
        let har = har_of(&rules_fixture(request_file), &response);
        let capture = inspect_har(&har, &ctx).expect("readable");
        let (reports, flow) = (capture.messages, capture.flow);
        assert_eq!(reports.len(), 2);
        let names: Vec<(usize, &str)> = flow.iter().map(|(i, f)| (*i, f.name())).collect();
        assert_eq!(names, expected, "{request_file}");
        assert!(
            reports.iter().all(|(_, r)| r
                .findings
                .iter()
                .all(|f| !samlscope_core::rules::is_flow(f.name()))),
            "flow findings are moved out of the messages"
        );
    }
}

/// The IdP metadata configured is read once for a whole capture, not for (and copied with)
/// each message — a federation's metadata is tens of MB, and a capture holds up to 1,000
/// messages (that took minutes). Each message is still checked against it.
#[test]
fn every_message_is_checked_against_the_metadata_read_once() {
    use samlscope_core::dsig::Verdict;
    use samlscope_core::har::inspect_messages;
    let mut ctx = Context::new(Timestamp::parse("2031-01-01T00:00:00Z").expect("time"));
    ctx.idp_metadata = Some(
        std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("../../static/examples/entra-federation-metadata.xml"),
        )
        .expect("metadata"),
    );
    let one = messages(&fixture()).expect("readable");
    let many: Vec<_> = (0..50).flat_map(|_| one.iter().cloned()).collect();
    let reports = inspect_messages(many, &ctx);
    assert_eq!(reports.len(), 100);
    for (m, report) in &reports {
        if report.kind.id() == "response" {
            assert_eq!(
                report.signatures[0].verdict,
                Verdict::Valid,
                "entry {}",
                m.entry
            );
            assert_eq!(
                report
                    .configuration
                    .idp_entity_id
                    .as_ref()
                    .map(|v| v.source),
                Some("idp-metadata")
            );
        }
    }
}

/// A capture holding more SAML messages than are inspected: the flow findings start with the
/// `input-limit-exceeded` finding that says so, located in the last message inspected (as the
/// command line and the page show it); the messages' own findings do not have it.
#[test]
fn more_messages_than_are_inspected_is_the_first_flow_finding() {
    use samlscope_core::har::{MAX_MESSAGES, inspect_capture};
    let request = rules_fixture("in-response-to-mismatch/context/request_req2.xml");
    let har = har_of(&request, &rules_fixture("base_response.xml"));
    let ctx = Context::new(Timestamp::parse("2031-01-01T00:00:00Z").expect("time"));
    let pair = messages(&har).expect("readable");
    // Of a capture of 7 (request, response, request, …), the first 4 are inspected.
    let five: Vec<_> = pair.iter().cycle().take(5).cloned().collect();
    let capture = inspect_capture(five, 7, 4, &ctx);
    assert_eq!(capture.messages.len(), 4);
    let flow: Vec<(usize, &str)> = capture.flow.iter().map(|(i, f)| (*i, f.name())).collect();
    // First the finding that says so, located in the last message inspected; then the flow
    // findings of the responses (each answers another sign-in), in order.
    assert_eq!(
        flow,
        [
            (3, "input-limit-exceeded"),
            (1, "in-response-to-mismatch"),
            (1, "in-response-to-mismatch"),
            (3, "in-response-to-mismatch"),
            (3, "in-response-to-mismatch"),
        ]
    );
    assert_eq!(
        capture.flow[0].1.message,
        "this HAR file holds 7 SAML messages; only the first 4 are inspected"
    );
    assert!(
        capture.messages.iter().all(|(_, r)| r
            .findings
            .iter()
            .all(|f| f.name() != "input-limit-exceeded")),
        "the finding is about the capture, not in a message"
    );
    // As many as are inspected: no such finding.
    let capture = inspect_capture(pair, 2, MAX_MESSAGES, &ctx);
    assert!(
        capture
            .flow
            .iter()
            .all(|(_, f)| f.name() != "input-limit-exceeded")
    );
}

fn denied_fixture() -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/har/sign-in-denied.har"),
    )
    .expect("fixture")
}

/// What the app answered to the POST of the response is kept with the response: a 302 to an
/// error page, and the names (never the values) of the cookies it set.
#[test]
fn the_answer_to_the_posted_response_is_kept_without_secrets() {
    let found = messages(&denied_fixture()).expect("readable");
    assert_eq!(found.len(), 2);
    assert_eq!(found[0].answer, None, "a request's answer is not kept");
    let answer = found[1].answer.as_ref().expect("the POST's answer");
    assert_eq!(answer.status(), Some(302));
    assert!(answer.is_redirect());
    assert_eq!(
        answer.location(),
        Some("https://contoso.timetrackenterprise.com/login/error?reason=saml_access_denied")
    );
    assert!(answer.location_is_error_page());
    assert_eq!(answer.cookies(), ["tt_sso_state", "ARRAffinity"]);
    assert_eq!(
        answer.content_type(),
        None,
        "a redirect's body says nothing"
    );
    assert!(
        !format!("{answer:?}").contains("SECRET"),
        "a cookie or header value was kept: {answer:?}"
    );
    assert!(answer.is_failure());
    assert_eq!(
        answer.describe(),
        "302 → https://contoso.timetrackenterprise.com/login/error?reason=saml_access_denied \
         (looks like an error page) · cookies set: tt_sso_state, ARRAffinity"
    );
}

/// A 200 is its status and content type, nothing more.
#[test]
fn a_success_answer_is_its_status_and_content_type() {
    let found = messages(&fixture()).expect("readable");
    let answer = found[1].answer.as_ref().expect("the POST's answer");
    assert_eq!(answer.status(), Some(200));
    assert_eq!(answer.content_type(), Some("text/html"));
    assert_eq!(answer.location(), None);
    assert!(!answer.shows_cookies());
    assert!(!answer.is_failure());
    assert_eq!(answer.describe(), "200 · text/html");
}

#[test]
fn answers_read_headers_cookies_and_statuses() {
    use samlscope_core::har::HarAnswer;
    // No answer captured (Chrome writes 0 for a blocked or failed request).
    assert_eq!(HarAnswer::new(0.0).status(), None);
    assert!(
        HarAnswer::new(0.0)
            .describe()
            .starts_with("nothing (no response captured")
    );
    assert_eq!(HarAnswer::new(-1.0).status(), None);
    // Set-Cookie headers joined by a line feed (Firefox); values dropped; names once.
    let mut answer = HarAnswer::new(303.0);
    answer.header("Set-Cookie", "a=1; Path=/\nb=2");
    answer.header("set-cookie", "a=3");
    answer.header("set-cookie", "b=4");
    answer.header("set-cookie", "not a name=5");
    answer.header("X-Token", "secret");
    answer.header("Location", "/dashboard");
    answer.header("Content-Type", "text/html; charset=utf-8");
    assert_eq!(answer.cookies(), ["a", "b"]);
    assert_eq!(answer.location(), Some("/dashboard"));
    assert!(!answer.location_is_error_page());
    assert!(!format!("{answer:?}").contains("secret"));
    // The content type loses its parameters; a 4xx has no Location but shows its content
    // type and its cookies (none).
    let mut answer = HarAnswer::new(403.0);
    answer.header("content-type", "application/json; charset=utf-8");
    answer.header("location", "https://app.example/elsewhere");
    assert_eq!(answer.location(), None, "not a redirect");
    assert_eq!(answer.content_type(), Some("application/json"));
    assert!(answer.shows_cookies() && answer.cookies().is_empty());
    assert!(answer.is_failure());
    assert_eq!(
        answer.describe(),
        "403 · application/json · no Set-Cookie in the capture"
    );
    // Error pages, by path or query, never by host.
    for (location, error) in [
        ("https://app.example/login?error=access_denied", true),
        ("https://app.example/AccessDenied", true),
        ("/sso/login_failed", true),
        ("https://app.example/errors/403.html", true),
        ("https://app.example/account/Unauthorized", true),
        ("https://errors.example/home", false),
        ("https://app.example/app/timesheets?week=2026-W48", false),
        ("https://app.example/1403/home", false),
        ("https://app.example/500", true),
    ] {
        let mut answer = HarAnswer::new(302.0);
        answer.header("location", location);
        assert_eq!(answer.location_is_error_page(), error, "{location}");
    }
}
