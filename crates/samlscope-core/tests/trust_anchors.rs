//! Trust anchors come only from the role of the metadata entity that is meant: a response is
//! checked against the signing keys of its identity provider (the configured Microsoft Entra
//! Identifier, else the response's Issuer), never against any other key of the file, such as
//! an SP entity's in a federation aggregate.

use std::path::{Path, PathBuf};

use samlscope_core::dsig::Verdict;
use samlscope_core::xml::ns;
use samlscope_core::{Context, Report, Timestamp, inspect};

const TENANT: &str = "https://sts.windows.net/00000000-1111-2222-3333-444444444444/";

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// The base64 body of a PEM certificate fixture.
fn cert(path: &str) -> String {
    std::fs::read_to_string(fixtures().join(path))
        .expect("certificate")
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .collect()
}

/// The key that signed `rules/base_response.xml`, and an unrelated one.
fn signer() -> String {
    cert("rules/keys/TEST-ONLY-idp.crt")
}
fn other() -> String {
    cert("certs/rsa2048.cert.pem")
}

fn key(cert: &str) -> String {
    format!(
        r#"<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>{cert}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>"#
    )
}

fn idp(entity_id: &str, signing: &str) -> String {
    format!(
        r#"<md:EntityDescriptor entityID="{entity_id}"><md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">{}<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="https://idp.example/sso"/></md:IDPSSODescriptor></md:EntityDescriptor>"#,
        key(signing)
    )
}

fn sp(entity_id: &str, signing: &str) -> String {
    format!(
        r#"<md:EntityDescriptor entityID="{entity_id}"><md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">{}<md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://sp.example/acs" index="0"/></md:SPSSODescriptor></md:EntityDescriptor>"#,
        key(signing)
    )
}

fn aggregate(entities: &[String]) -> Vec<u8> {
    format!(
        r#"<md:EntitiesDescriptor xmlns:md="{}" xmlns:ds="{}" Name="urn:example:federation">{}</md:EntitiesDescriptor>"#,
        ns::MD,
        ns::DS,
        entities.concat()
    )
    .into_bytes()
}

fn inspect_with(idp_metadata: Vec<u8>, configure: impl FnOnce(&mut Context)) -> Report {
    let mut ctx = Context::new(Timestamp::parse("2027-01-15T10:05:00Z").expect("time"));
    ctx.idp_metadata = Some(idp_metadata);
    configure(&mut ctx);
    inspect(
        std::fs::read(fixtures().join("rules/base_response.xml")).expect("fixture"),
        &ctx,
    )
}

fn verdict(report: &Report) -> Verdict {
    report.signatures.first().expect("signature").verdict
}

/// The message of the `config-unreadable` finding, which must be there.
fn config_problem(report: &Report) -> &str {
    &report
        .findings
        .iter()
        .find(|f| f.name() == "config-unreadable")
        .expect("config-unreadable")
        .message
}

fn names(report: &Report) -> Vec<&'static str> {
    report.findings.iter().map(|f| f.name()).collect()
}

/// Bug: with a 31-entity aggregate, a signing key belonging to an SP entity was trusted.
#[test]
fn an_sp_entitys_key_is_never_trusted_for_a_response() {
    let mut entities: Vec<String> = (0..29)
        .map(|i| sp(&format!("https://sp{i}.example/"), &other()))
        .collect();
    entities.push(sp("https://contoso.example.com/saml", &signer()));
    entities.push(idp(TENANT, &other()));
    let report = inspect_with(aggregate(&entities), |_| {});
    assert_eq!(verdict(&report), Verdict::Untrusted, "{:?}", names(&report));
    assert!(names(&report).contains(&"certificate-untrusted"));
}

#[test]
fn the_idp_entity_named_by_the_issuer_is_trusted() {
    let entities = [
        idp("https://other-idp.example/", &other()),
        idp(TENANT, &signer()),
        sp("https://contoso.example.com/saml", &other()),
    ];
    let report = inspect_with(aggregate(&entities), |_| {});
    assert_eq!(verdict(&report), Verdict::Valid, "{:?}", names(&report));
    assert!(!names(&report).contains(&"config-unreadable"));
}

#[test]
fn another_idp_entity_of_the_aggregate_is_not_trusted() {
    // The signer's key belongs to an identity provider that is not the response's Issuer.
    let entities = [
        idp("https://other-idp.example/", &signer()),
        idp(TENANT, &other()),
    ];
    let report = inspect_with(aggregate(&entities), |_| {});
    assert_eq!(verdict(&report), Verdict::Untrusted);
}

#[test]
fn the_configured_idp_entity_id_picks_the_entity() {
    let entities = [
        idp("https://picked.example/", &signer()),
        idp(TENANT, &other()),
    ];
    let report = inspect_with(aggregate(&entities), |ctx| {
        ctx.idp_entity_id = Some("https://picked.example/".to_owned());
    });
    assert_eq!(verdict(&report), Verdict::Valid);
    // The Issuer is then not the configured one: that is its own finding.
    assert!(names(&report).contains(&"issuer-mismatch"));
}

#[test]
fn an_aggregate_without_the_issuer_trusts_nothing_and_says_so() {
    let entities = [
        idp("https://a.example/", &signer()),
        idp("https://b.example/", &signer()),
    ];
    let report = inspect_with(aggregate(&entities), |_| {});
    assert_eq!(verdict(&report), Verdict::ValidUntrusted);
    let problem = config_problem(&report);
    assert!(
        problem.contains(&format!(
            "describes 2 identity providers and none of them is `{TENANT}`"
        )),
        "{problem}"
    );
}

/// Bug: SP metadata without a signing certificate was `config-unreadable` (an error). Most SPs
/// never sign: that is normal.
#[test]
fn sp_metadata_without_a_signing_key_is_normal() {
    let sp_metadata = r#"<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://contoso.example.com/saml"><md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"><md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="https://contoso.example.com/saml/acs" index="0"/></md:SPSSODescriptor></md:EntityDescriptor>"#;
    let mut ctx = Context::new(Timestamp::parse("2027-01-15T10:05:00Z").expect("time"));
    ctx.sp_metadata = Some(sp_metadata.as_bytes().to_vec());
    ctx.idp_certificates
        .push(std::fs::read(fixtures().join("rules/keys/TEST-ONLY-idp.crt")).expect("cert"));
    let report = inspect(
        std::fs::read(fixtures().join("rules/base_response.xml")).expect("fixture"),
        &ctx,
    );
    assert!(names(&report).is_empty(), "{:?}", names(&report));
    assert_eq!(verdict(&report), Verdict::Valid);
    // And its settings are used: the Identifier and Reply URL come from it.
    assert_eq!(
        report.configuration.sp_entity_id.as_ref().map(|v| v.source),
        Some("sp-metadata")
    );
}

/// An SP's own signing key, from SP metadata, never verifies a response.
#[test]
fn sp_metadata_keys_do_not_verify_responses() {
    let mut ctx = Context::new(Timestamp::parse("2027-01-15T10:05:00Z").expect("time"));
    ctx.sp_metadata = Some(aggregate(&[sp(
        "https://contoso.example.com/saml",
        &signer(),
    )]));
    let report = inspect(
        std::fs::read(fixtures().join("rules/base_response.xml")).expect("fixture"),
        &ctx,
    );
    assert_eq!(
        verdict(&report),
        Verdict::ValidUntrusted,
        "{:?}",
        names(&report)
    );
}

/// Review: a configured IdP entity ID that the aggregate lacks fell back to the response's
/// Issuer, so the message chose whose keys were trusted.
#[test]
fn a_configured_idp_entity_id_missing_from_the_aggregate_trusts_nothing() {
    let entities = [idp(TENANT, &signer()), idp("https://b.example/", &other())];
    let report = inspect_with(aggregate(&entities), |ctx| {
        ctx.idp_entity_id = Some("https://configured.example/".to_owned());
    });
    assert_eq!(
        verdict(&report),
        Verdict::ValidUntrusted,
        "{:?}",
        names(&report)
    );
    let problem = config_problem(&report);
    assert!(
        problem.contains("none of them is `https://configured.example/`"),
        "{problem}"
    );
}

/// Review: an aggregate pasted where the IdP certificate goes gave `config-unreadable` (an
/// error) on every AuthnRequest, which IdP keys never verify; as IdP metadata it did not.
#[test]
fn an_aggregate_in_the_certificate_field_is_no_problem_for_an_authn_request() {
    let entities = [
        idp("https://a.example/", &signer()),
        idp("https://b.example/", &other()),
    ];
    let request = r#"<samlp:AuthnRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r1" Version="2.0" IssueInstant="2027-01-15T10:04:00Z" Destination="https://a.example/sso" AssertionConsumerServiceURL="https://contoso.example.com/saml/acs"><saml:Issuer>https://contoso.example.com/saml</saml:Issuer></samlp:AuthnRequest>"#;
    for as_certificate in [true, false] {
        let mut ctx = Context::new(Timestamp::parse("2027-01-15T10:05:00Z").expect("time"));
        if as_certificate {
            ctx.idp_certificates.push(aggregate(&entities));
        } else {
            ctx.idp_metadata = Some(aggregate(&entities));
        }
        let report = inspect(request.as_bytes(), &ctx);
        assert!(
            !names(&report).contains(&"config-unreadable"),
            "as certificate: {as_certificate}: {:?}",
            report.findings
        );
    }
    // For a response, the same aggregate in the certificate field says which entity is missing.
    let mut ctx = Context::new(Timestamp::parse("2027-01-15T10:05:00Z").expect("time"));
    ctx.idp_certificates.push(aggregate(&entities));
    let report = inspect(
        std::fs::read(fixtures().join("rules/base_response.xml")).expect("fixture"),
        &ctx,
    );
    assert!(names(&report).contains(&"config-unreadable"));
}
