//! Which identity provider a message is from, and its words: detection from the Issuer, IdP
//! metadata, the URL a request went to and an app profile; the user's choice over all of them;
//! each IdP's status and error codes explained; neutral words when nothing says.

use std::path::{Path, PathBuf};

use samlscope_core::idps::DetectedFrom;
use samlscope_core::{Context, Report, Setting, Timestamp, inspect};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/idps")
}

fn ctx() -> Context {
    Context::new(Timestamp::parse("2027-03-09T14:23:05Z").expect("time"))
}

fn detected(report: &Report) -> (Option<&'static str>, Option<DetectedFrom>) {
    (report.idp.idp.map(|i| i.key), report.idp.from)
}

/// An unsigned error Response from `issuer` whose StatusMessage is `message`.
fn error_response(issuer: &str, message: &str) -> String {
    format!(
        r#"<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_e1" Version="2.0" IssueInstant="2027-03-09T14:23:00Z" Destination="https://app.example.com/saml/acs"><saml:Issuer>{issuer}</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Requester"><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:RequestDenied"/></samlp:StatusCode><samlp:StatusMessage>{message}</samlp:StatusMessage></samlp:Status></samlp:Response>"#
    )
}

#[test]
fn the_issuer_says_which_idp_and_the_user_can_choose_another() {
    let okta = std::fs::read(fixtures().join("okta/bad_audience.xml")).expect("fixture");
    let report = inspect(&okta, &ctx());
    assert_eq!(
        detected(&report),
        (Some("okta"), Some(DetectedFrom::Issuer))
    );
    let mut chosen = ctx();
    chosen.idp = Some("keycloak".to_owned());
    chosen.sp_entity_id = Some("https://app.example.com/saml/metadata".to_owned());
    let report = inspect(&okta, &chosen);
    assert_eq!(
        detected(&report),
        (Some("keycloak"), Some(DetectedFrom::Chosen))
    );
    let f = report
        .findings
        .iter()
        .find(|f| f.name() == "audience-mismatch")
        .expect("audience-mismatch");
    let help = f.help.as_deref().unwrap_or_default();
    assert!(
        help.contains("Keycloak's client → Settings → Client ID"),
        "{help}"
    );
}

#[test]
fn idp_metadata_says_which_idp_when_the_issuer_does_not() {
    let response = std::fs::read(fixtures().join("pingfederate/ok.xml")).expect("fixture");
    let report = inspect(&response, &ctx());
    assert_eq!(
        detected(&report),
        (None, None),
        "a PingFederate issuer is the admin's choice"
    );
    let mut with_metadata = ctx();
    with_metadata.idp_metadata =
        Some(std::fs::read(fixtures().join("pingfederate/idp-metadata.xml")).expect("metadata"));
    let report = inspect(&response, &with_metadata);
    assert_eq!(
        detected(&report),
        (Some("pingfederate"), Some(DetectedFrom::Metadata))
    );
    // Pasted on its own, the metadata is recognised by its endpoints.
    let metadata =
        std::fs::read(fixtures().join("pingfederate/idp-metadata.xml")).expect("metadata");
    assert_eq!(
        detected(&inspect(&metadata, &ctx())),
        (Some("pingfederate"), Some(DetectedFrom::Metadata))
    );
}

#[test]
fn the_url_a_request_went_to_says_which_idp() {
    let request = r#"<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r1" Version="2.0" IssueInstant="2027-03-09T14:23:00Z" Destination="https://northwind.okta.com/app/northwind_app_1/exk8q2w1zrT4nYv6p5d7/sso/saml" AssertionConsumerServiceURL="https://app.example.com/saml/acs"><saml:Issuer>https://app.example.com/saml/metadata</saml:Issuer></samlp:AuthnRequest>"#;
    let report = inspect(request, &ctx());
    assert_eq!(detected(&report), (Some("okta"), Some(DetectedFrom::Url)));
    // The request's Issuer is the SP's: an SP whose entity ID looks like an IdP's says nothing.
    let keycloak_like = request.replace(
        "https://app.example.com/saml/metadata",
        "https://app.example.com/realms/app",
    );
    assert_eq!(
        detected(&inspect(&keycloak_like, &ctx())),
        (Some("okta"), Some(DetectedFrom::Url))
    );
    // Entra's limits are not Okta's.
    assert!(
        report
            .findings
            .iter()
            .all(|f| f.name() != "request-unsupported-by-entra")
    );
}

#[test]
fn an_app_profile_is_an_entra_tutorial() {
    let response = error_response("https://idp.example.com/saml", "denied");
    let mut with_profile = ctx();
    with_profile.profile = Some("timetrack".to_owned());
    assert_eq!(
        detected(&inspect(&response, &with_profile)),
        (Some("entra"), Some(DetectedFrom::Profile))
    );
}

#[test]
fn each_idps_error_codes_are_explained_with_the_setting_to_change() {
    for (issuer, message, idp, setting) in [
        (
            "https://accounts.google.com/o/saml2?idpid=C01abc",
            "Error: app_not_configured_for_user",
            "Google app_not_configured_for_user: ",
            Some(Setting::SpEntityId),
        ),
        (
            "http://fs.fabrikam.example.com/adfs/services/trust",
            "MSIS7007: The requested relying party trust 'https://app.example.com' is unspecified or unsupported.",
            "AD FS MSIS7007: ",
            Some(Setting::SpEntityId),
        ),
        (
            "https://sts.windows.net/7d2c9b14-3e6a-4f8b-a5c1-92e04b6f1d38/",
            "AADSTS50105: Your administrator has configured the application to block users unless they are specifically granted access.",
            "AADSTS50105 (EntitlementGrantsNotFound): ",
            Some(Setting::UserAccess),
        ),
    ] {
        let report = inspect(error_response(issuer, message), &ctx());
        let f = report
            .findings
            .iter()
            .find(|f| f.name() == "status-not-success")
            .expect("status-not-success");
        let help = f.help.as_deref().unwrap_or_default();
        assert!(help.starts_with(idp), "{issuer}: {help}");
        assert_eq!(f.setting, setting, "{issuer}");
    }
}

#[test]
fn an_unknown_idp_gets_neutral_words() {
    let mut configured = ctx();
    configured.sp_entity_id = Some("https://app.example.com/other".to_owned());
    let okta = std::fs::read_to_string(fixtures().join("okta/bad_audience.xml")).expect("fixture");
    // The same message, its Issuer no product's.
    let unknown = okta.replace("http://www.okta.com/", "https://idp.example.net/");
    let report = inspect(&unknown, &configured);
    assert_eq!(detected(&report), (None, None));
    for f in &report.findings {
        let text = format!("{} {}", f.message, f.help.as_deref().unwrap_or_default());
        for word in ["Entra", "Okta", "Basic SAML Configuration", "Reply URL"] {
            assert!(!text.contains(word), "{}: {text}", f.name());
        }
    }
    let help = report
        .findings
        .iter()
        .find(|f| f.name() == "audience-mismatch")
        .and_then(|f| f.help.as_deref())
        .expect("audience-mismatch");
    assert!(
        help.contains("the IdP's configuration of this SP → SP entity ID"),
        "{help}"
    );
}
