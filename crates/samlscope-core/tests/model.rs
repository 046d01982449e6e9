//! The model reads what SAML messages and metadata say, with spans into the decoded text.
//! Inputs: the project's own examples (static/examples, see its README) and the shared corpus
//! when present.

use std::path::{Path, PathBuf};

use samlscope_core::model::{Message, RoleKind};
use samlscope_core::{Context, Report, Timestamp, inspect};

fn example(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../static/examples")
        .join(name);
    std::fs::read(path).expect("example")
}

fn ctx() -> Context {
    Context::new(Timestamp::parse("2026-11-23T17:00:00Z").expect("time"))
}

fn corpus(file: &str) -> Option<Vec<u8>> {
    let path: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpus")
        .join(file);
    std::fs::read(path).ok()
}

#[test]
fn entra_response() {
    let report = inspect(example("entra-response.b64"), &ctx());
    assert_eq!(report.kind.id(), "response");
    assert_eq!(report.trail(), "base64 → XML");
    let Some(Message::Response(r)) = &report.message else {
        panic!("not a response")
    };
    let text = report.text();
    let id = r.header.id.as_ref().expect("id");
    assert_eq!(id.span.slice(text), id.value);
    assert!(r.status.as_ref().is_some_and(|s| s.is_success()));
    assert_eq!(r.assertions.len(), 1);
    let a = &r.assertions[0];
    assert_eq!(a.signatures.len(), 1);
    let name_id = a
        .subject
        .as_ref()
        .and_then(|s| s.name_id.as_ref())
        .expect("NameID");
    assert_eq!(name_id.value.value, "jordan.lee@contoso.com");
    assert_eq!(name_id.value.span.slice(text), "jordan.lee@contoso.com");
    assert!(
        a.subject
            .as_ref()
            .is_some_and(|s| s.confirmations[0].is_bearer())
    );
    let audiences: Vec<_> = a.audiences().map(|t| t.value.as_str()).collect();
    assert_eq!(audiences, ["https://contoso.timetrackenterprise.com"]);
    assert!(a.attributes.len() >= 9);
    let s = &report.summary;
    assert_eq!(
        s.not_before, s.issue_instant,
        "Entra: NotBefore = IssueInstant"
    );
    assert_eq!(
        s.not_on_or_after
            .map(|t| t.seconds_since(s.not_before.expect("nb"))),
        Some(70 * 60)
    );
    let mail = s
        .attributes
        .iter()
        .find(|a| a.known_as == Some("user.mail"))
        .expect("mail claim");
    assert_eq!(mail.values, ["jordan.lee@contoso.com"]);
    let cert = &s.certificates[0];
    assert_eq!(cert.sha1.len(), 40);
    assert!(
        cert.sha1
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
    );
    assert_eq!(cert.key.describe(), "RSA 2048");
}

#[test]
fn redirect_url_with_relay_state() {
    let report = inspect(example("redirect-authnrequest.url"), &ctx());
    assert_eq!(report.kind.id(), "authn-request");
    assert_eq!(report.trail(), "URL → base64 → DEFLATE → XML");
    assert_eq!(
        report.detected(),
        "deflate+base64 AuthnRequest from a Redirect URL"
    );
    assert_eq!(
        report.summary.relay_state.as_deref(),
        Some("/app/timesheets?week=2026-W48")
    );
    let Some(Message::AuthnRequest(r)) = &report.message else {
        panic!("not a request")
    };
    assert!(r.acs_url.is_some());
    assert!(r.header.issuer().is_some());
}

#[test]
fn entra_federation_metadata() {
    let report = inspect(example("entra-federation-metadata.xml"), &ctx());
    assert_eq!(report.kind.id(), "entity-descriptor");
    assert!(
        report.layers.iter().any(|l| l.id() == "bom"),
        "{:?}",
        report.layers
    );
    let Some(Message::EntityDescriptor(e)) = &report.message else {
        panic!("not metadata")
    };
    assert!(
        e.entity_id
            .as_ref()
            .is_some_and(|id| id.value.starts_with("https://sts.windows.net/"))
    );
    let kinds: Vec<_> = e.roles.iter().map(|r| r.kind.clone()).collect();
    assert!(kinds.contains(&RoleKind::RoleDescriptor(
        "fed:SecurityTokenServiceType".into()
    )));
    assert!(kinds.contains(&RoleKind::RoleDescriptor(
        "fed:ApplicationServiceType".into()
    )));
    let idp = e.idp().expect("IDPSSODescriptor");
    assert!(idp.signing_keys().count() >= 1);
    assert!(
        idp.signing_keys()
            .all(|k| k.certificates.iter().all(|c| c.parse().is_ok()))
    );
    assert!(
        idp.endpoints_named("SingleSignOnService")
            .any(|p| p.binding_short() == "HTTP-Redirect")
    );
    let summary = &report.summary.entities[0];
    assert!(
        summary
            .endpoints
            .iter()
            .any(|p| p.kind == "SingleSignOnService")
    );
    assert!(!summary.signing_thumbprints.is_empty());
}

#[test]
fn error_response_explains_aadsts() {
    let report = inspect(example("error-response-aadsts50105.b64"), &ctx());
    let status = report.summary.status.as_ref().expect("status");
    assert!(!status.success);
    assert_eq!(status.aadsts[0].code, 50105);
    assert!(
        report
            .findings
            .iter()
            .any(|f| f.name() == "status-not-success")
    );
}

fn corpus_report(file: &str) -> Option<Report> {
    let Some(bytes) = corpus(file) else {
        println!("notice: ../shared/corpus is absent; {file} skipped");
        return None;
    };
    Some(inspect(bytes, &ctx()))
}

#[test]
fn corpus_encrypted_assertion_is_present_but_opaque() {
    let Some(report) = corpus_report("responses/python3-saml/valid_encrypted_assertion.xml.base64")
    else {
        return;
    };
    let response = report
        .message
        .as_ref()
        .and_then(Message::response)
        .expect("response");
    assert_eq!(response.assertions.len(), 0);
    assert_eq!(response.encrypted_assertions.len(), 1);
    assert!(response.encrypted_assertions[0].data_algorithm.is_some());
    assert!(report.summary.assertion_encrypted);
}

#[test]
fn corpus_metadata_aggregate_and_endpoints() {
    let Some(report) = corpus_report("metadata/python3-saml/entities_metadata.xml") else {
        return;
    };
    let Some(Message::EntitiesDescriptor(g)) = &report.message else {
        panic!("not an aggregate")
    };
    assert!(g.entities.len() >= 2);
    assert_eq!(report.summary.entity_count, Some(g.entities.len()));
    let Some(report) = corpus_report("metadata/samael/idp_metadata_nested.xml") else {
        return;
    };
    assert!(report.message.is_some());
}

#[test]
fn corpus_artifact_response_carries_a_response() {
    let Some(report) =
        corpus_report("responses/crewjam-saml/TestParseXMLArtifactResponse_response.xml")
    else {
        return;
    };
    assert_eq!(report.kind.id(), "artifact-response");
    let response = report
        .message
        .as_ref()
        .and_then(Message::response)
        .expect("inner response");
    assert!(!response.assertions.is_empty() || !response.encrypted_assertions.is_empty());
}

#[test]
fn corpus_logout_request_and_response() {
    let Some(report) = corpus_report("requests/python3-saml/logout_request.xml") else {
        return;
    };
    let Some(Message::LogoutRequest(r)) = &report.message else {
        panic!("not a LogoutRequest")
    };
    assert!(r.name_id.is_some());
    let Some(report) = corpus_report("requests/python3-saml/logout_response_deflated.xml.base64")
    else {
        return;
    };
    assert_eq!(report.kind.id(), "logout-response");
    assert_eq!(report.trail(), "base64 → DEFLATE → XML");
}
