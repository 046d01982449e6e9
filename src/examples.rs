//! Example inputs for "Try an example".
//!
//! The project made every one of them itself (`scripts/make-examples.sh`; provenance in
//! `static/examples/README.md`). They are compiled into the wasm with `include_str!`, so
//! picking one makes no request. The signing key behind them is a throwaway TEST key.

/// One example input.
#[derive(Debug, PartialEq, Eq)]
pub struct Example {
    /// Stable identifier (used in `data-example` attributes and tests).
    pub id: &'static str,
    /// What the menu shows.
    pub title: &'static str,
    /// One line about what it is and where one would find it.
    pub description: &'static str,
    /// The input, exactly as a user would paste it.
    pub text: &'static str,
}

/// An Entra ID SAML Response with a signed Assertion, base64 as the browser's network tab
/// shows the `SAMLResponse` form field.
pub const ENTRA_RESPONSE: Example = Example {
    id: "entra-response",
    title: "Entra ID SAML Response",
    description: "Signed assertion, base64 as in the network tab",
    text: include_str!("../static/examples/entra-response.b64"),
};

/// An HTTP-Redirect binding URL carrying a deflate+base64 AuthnRequest and a RelayState.
pub const REDIRECT_AUTHN_REQUEST: Example = Example {
    id: "redirect-authnrequest",
    title: "AuthnRequest in a Redirect URL",
    description: "deflate+base64 SAMLRequest with RelayState",
    text: include_str!("../static/examples/redirect-authnrequest.url"),
};

/// Entra-style federation metadata (starts with a UTF-8 byte order mark, like the download).
pub const ENTRA_METADATA: Example = Example {
    id: "entra-metadata",
    title: "Entra ID federation metadata",
    description: "EntityDescriptor with WS-Fed roles and an IdP descriptor",
    text: include_str!("../static/examples/entra-federation-metadata.xml"),
};

/// An error Response: Requester / RequestDenied with AADSTS50105 (user not assigned).
pub const ERROR_RESPONSE: Example = Example {
    id: "error-response",
    title: "Error Response (AADSTS50105)",
    description: "RequestDenied: the user is not assigned to the app",
    text: include_str!("../static/examples/error-response-aadsts50105.b64"),
};

/// All examples, in menu order.
pub const EXAMPLES: [&Example; 4] = [
    &ENTRA_RESPONSE,
    &REDIRECT_AUTHN_REQUEST,
    &ENTRA_METADATA,
    &ERROR_RESPONSE,
];

/// The example with identifier `id`.
pub fn by_id(id: &str) -> Option<&'static Example> {
    EXAMPLES.into_iter().find(|example| example.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn identifiers_are_unique_and_found() {
        for example in EXAMPLES {
            assert_eq!(by_id(example.id), Some(example));
            assert!(!example.text.trim().is_empty(), "{}", example.id);
        }
    }

    #[test]
    fn examples_are_small_and_shaped_as_documented() {
        for example in EXAMPLES {
            assert!(example.text.len() < 16 * 1024, "{} is too big", example.id);
        }
        assert!(ENTRA_METADATA.text.starts_with('\u{feff}'));
        assert!(
            REDIRECT_AUTHN_REQUEST
                .text
                .starts_with("https://login.microsoftonline.com/")
        );
        assert!(REDIRECT_AUTHN_REQUEST.text.contains("&RelayState="));
        for base64 in [ENTRA_RESPONSE.text, ERROR_RESPONSE.text] {
            assert!(
                base64
                    .trim_end()
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/' || b == b'=')
            );
        }
    }
}
