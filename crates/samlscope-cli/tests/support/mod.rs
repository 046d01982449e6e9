//! Inputs shared by the CLI's tests.

use std::path::{Path, PathBuf};

/// The repository's root.
pub(crate) fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A HAR capture of a sign-in whose response answers another request: the AuthnRequest of
/// `static/examples` with another ID (POST binding), then the example Entra response. It gives
/// an `in-response-to-mismatch` flow finding located in message 1.
pub(crate) fn har_answering_another_sign_in() -> String {
    use base64::Engine as _;
    let examples = root().join("static/examples");
    let request = std::fs::read_to_string(examples.join("redirect-authnrequest.xml"))
        .expect("request")
        .replacen(" ID=\"_", " ID=\"_another-sign-in", 1);
    let response = std::fs::read_to_string(examples.join("entra-response.b64")).expect("response");
    let form = |name: &str, base64: &str| {
        let value = base64
            .trim()
            .replace('+', "%2B")
            .replace('/', "%2F")
            .replace('=', "%3D");
        format!("{name}={value}")
    };
    let entry = |at: &str, url: &str, body: String| {
        serde_json::json!({
            "startedDateTime": at,
            "request": {"method": "POST", "url": url, "postData": {
                "mimeType": "application/x-www-form-urlencoded", "text": body}},
        })
    };
    serde_json::json!({"log": {"version": "1.2", "entries": [
        entry(
            "2026-11-23T16:57:30.000Z",
            "https://login.microsoftonline.com/saml2",
            form("SAMLRequest", &base64::engine::general_purpose::STANDARD.encode(request)),
        ),
        entry(
            "2026-11-23T16:57:44.000Z",
            "https://contoso.timetrackenterprise.com/api/v2/azure/callback",
            form("SAMLResponse", &response),
        ),
    ]}})
    .to_string()
}
