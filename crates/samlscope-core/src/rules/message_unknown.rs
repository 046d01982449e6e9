//! `message-unknown`: well-formed XML that is none of the message kinds we know.

use super::Checker;
use crate::finding::{Finding, Rule, Severity};
use crate::model::Message;
use crate::xml::ns;

pub(crate) static RULE: Rule = Rule {
    name: "message-unknown",
    code: "MSG001",
    severity: Severity::Warning,
    summary: "well-formed XML that is none of the SAML message or metadata kinds samlscope knows",
    docs: docs!(
        "## What it does
Reports a well-formed XML document whose root element is not a SAML 2.0 protocol message
(Response, AuthnRequest, LogoutRequest, LogoutResponse, ArtifactResolve, ArtifactResponse) or
metadata (EntityDescriptor, EntitiesDescriptor), and says what it looks like instead.

## Why is this bad?
Nothing SAML-specific can be checked. Often the wrong thing was copied: a bare Assertion, a
SAML 1.1 or WS-Federation token, a SOAP fault.

## Example
```xml
<saml:Assertion xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\" …>
```

## How to fix
Paste the whole message: the SAMLResponse parameter of the POST to the Reply URL, or the
SAMLRequest parameter of the Redirect to the identity provider.

## References
- SAML 2.0 Core §3 (protocols), SAML 2.0 Metadata §2
"
    ),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    let Message::Unknown(unknown) = cx.message else {
        return;
    };
    let Some(e) = cx.doc.element(unknown.element) else {
        return;
    };
    let ns_uri = e.namespace().unwrap_or("");
    let hint = match (ns_uri, e.local_name()) {
        (ns::SAML, "Assertion") => {
            "a bare SAML 2.0 Assertion, not a whole Response: paste the SAMLResponse parameter instead"
        }
        (ns::SAML, "EncryptedAssertion") => "a bare EncryptedAssertion: paste the whole Response",
        (ns::SAML1 | ns::SAMLP1, _) => "SAML 1.x, which samlscope does not inspect",
        (ns::DS, _) => "an XML-DSig document, not a SAML message",
        (_, "RequestSecurityTokenResponse" | "RequestSecurityTokenResponseCollection") => {
            "a WS-Federation token response, not SAML 2.0 protocol"
        }
        (ns::SOAP, "Envelope") => "a SOAP envelope without a SAML message in its Body",
        (ns::SAMLP, _) => "a SAML 2.0 protocol message of a kind samlscope does not inspect",
        (ns::MD, _) => "a metadata element that is not EntityDescriptor or EntitiesDescriptor",
        _ => "not a SAML message",
    };
    let name = if ns_uri.is_empty() {
        format!("`{}`", e.qname())
    } else {
        format!("`{}` (namespace `{ns_uri}`)", e.qname())
    };
    cx.report(
        Finding::new(&RULE, format!("the root element {name} is {hint}"))
            .at(e.start_tag())
            .help("paste a Response, AuthnRequest, LogoutRequest/Response, ArtifactResponse or metadata"),
    );
}
