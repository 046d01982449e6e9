//! Benchmark inputs, generated deterministically (shared by the criterion bench and by
//! `examples/bench_data.rs`, which writes them to disk for the reference tools).
#![allow(dead_code, reason = "each user takes what it needs")]

use base64::Engine as _;

const CERT_PEM: &str = include_str!("../../../../static/examples/keys/TEST-ONLY-signing-cert.pem");
const ENTRA_RESPONSE: &str = include_str!("../../../../static/examples/entra-response.xml");

fn cert_base64() -> String {
    CERT_PEM
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .collect()
}

/// A typical Entra response of about 10 KB: the project's signed example plus the group
/// claims a real tenant adds (the signature no longer matches; decoding and parsing do not care).
pub(crate) fn entra_response_10kb() -> String {
    let mut groups = String::from(
        "<Attribute Name=\"http://schemas.microsoft.com/ws/2008/06/identity/claims/groups\">",
    );
    for i in 0..60 {
        groups.push_str(&format!(
            "<AttributeValue>{:08x}-4c2e-4f1a-9b7d-{:012x}</AttributeValue>",
            0x5a3c_0000_u32 + i,
            0x1e2d_3c4b_5a69_u64 + u64::from(i)
        ));
    }
    groups.push_str("</Attribute>");
    ENTRA_RESPONSE.replacen(
        "</AttributeStatement>",
        &format!("{groups}</AttributeStatement>"),
        1,
    )
}

/// The same, base64-encoded as the HTTP-POST binding carries it.
pub(crate) fn entra_response_10kb_base64() -> String {
    base64::engine::general_purpose::STANDARD.encode(entra_response_10kb())
}

/// An `md:EntitiesDescriptor` aggregate of `entities` entities (20,000 ≈ 50 MB), each an IdP
/// or SP with a signing certificate, endpoints and NameID formats, like a federation feed.
pub(crate) fn metadata_aggregate(entities: usize) -> String {
    let cert = cert_base64();
    let mut out = String::with_capacity(entities * 2700);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<md:EntitiesDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" xmlns:ds=\"");
    out.push_str(samlscope_core::xml::ns::DS);
    out.push_str("\" xmlns:mdui=\"urn:oasis:names:tc:SAML:metadata:ui\" ID=\"_aggregate\" Name=\"https://federation.example.org\" validUntil=\"2027-01-01T00:00:00Z\">\n");
    for i in 0..entities {
        let host = format!("service{i:05}.example.org");
        if i % 3 == 0 {
            out.push_str(&format!(
                "  <md:EntityDescriptor entityID=\"https://{host}/idp\">\n    <md:IDPSSODescriptor protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">\n      <md:Extensions><mdui:UIInfo><mdui:DisplayName xml:lang=\"en\">Identity provider {i}</mdui:DisplayName></mdui:UIInfo></md:Extensions>\n      <md:KeyDescriptor use=\"signing\"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>{cert}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>\n      <md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:persistent</md:NameIDFormat>\n      <md:SingleSignOnService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect\" Location=\"https://{host}/idp/sso\"/>\n      <md:SingleSignOnService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\" Location=\"https://{host}/idp/sso\"/>\n    </md:IDPSSODescriptor>\n<md:Organization><md:OrganizationName xml:lang=\"en\">Example Service {i}</md:OrganizationName><md:OrganizationDisplayName xml:lang=\"en\">Example Service number {i}</md:OrganizationDisplayName><md:OrganizationURL xml:lang=\"en\">https://{host}/</md:OrganizationURL></md:Organization>\n    <md:ContactPerson contactType=\"technical\"><md:GivenName>Operations</md:GivenName><md:EmailAddress>mailto:ops@{host}</md:EmailAddress></md:ContactPerson>\n    <md:ContactPerson contactType=\"support\"><md:GivenName>Help desk</md:GivenName><md:EmailAddress>mailto:help@{host}</md:EmailAddress></md:ContactPerson>\n  </md:EntityDescriptor>\n"
            ));
        } else {
            out.push_str(&format!(
                "  <md:EntityDescriptor entityID=\"https://{host}/sp\">\n    <md:SPSSODescriptor protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\" AuthnRequestsSigned=\"true\" WantAssertionsSigned=\"true\">\n      <md:KeyDescriptor use=\"signing\"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>{cert}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>\n      <md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:transient</md:NameIDFormat>\n      <md:AssertionConsumerService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\" Location=\"https://{host}/saml/acs\" index=\"0\" isDefault=\"true\"/>\n      <md:SingleLogoutService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect\" Location=\"https://{host}/saml/slo\"/>\n    </md:SPSSODescriptor>\n<md:Organization><md:OrganizationName xml:lang=\"en\">Example Service {i}</md:OrganizationName><md:OrganizationDisplayName xml:lang=\"en\">Example Service number {i}</md:OrganizationDisplayName><md:OrganizationURL xml:lang=\"en\">https://{host}/</md:OrganizationURL></md:Organization>\n    <md:ContactPerson contactType=\"technical\"><md:GivenName>Operations</md:GivenName><md:EmailAddress>mailto:ops@{host}</md:EmailAddress></md:ContactPerson>\n    <md:ContactPerson contactType=\"support\"><md:GivenName>Help desk</md:GivenName><md:EmailAddress>mailto:help@{host}</md:EmailAddress></md:ContactPerson>\n  </md:EntityDescriptor>\n"
            ));
        }
    }
    out.push_str("</md:EntitiesDescriptor>\n");
    out
}
