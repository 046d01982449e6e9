//! Example inputs for "Try an example".
//!
//! The project made every one of them itself (`scripts/make-examples.sh`; provenance in
//! `static/examples/README.md`). They are compiled into the wasm with `include_str!`, so
//! picking one makes no request. The signing key behind them is a throwaway TEST key.
//! Base64 inputs are compiled in as their XML and encoded when first picked (base64 text
//! compresses badly: this keeps about 2 KB out of the download).

use std::sync::OnceLock;

use base64::Engine as _;

/// How an example's input is stored.
#[derive(Debug, PartialEq, Eq)]
enum Stored {
    /// The input itself.
    Text(&'static str),
    /// XML whose standard base64 (one line, as the network tab shows a form field) is the input.
    Base64Of(&'static str),
}

/// One example input.
#[derive(Debug, PartialEq, Eq)]
pub struct Example {
    /// Stable identifier (used in `data-example` attributes and tests).
    pub id: &'static str,
    /// What the menu shows.
    pub title: &'static str,
    /// One line about what it is and where one would find it.
    pub description: &'static str,
    /// The input as stored.
    stored: Stored,
    /// The input, once made.
    text: OnceLock<String>,
}

impl Example {
    /// The input, exactly as a user would paste it.
    pub fn text(&'static self) -> &'static str {
        match self.stored {
            Stored::Text(text) => text,
            Stored::Base64Of(xml) => self
                .text
                .get_or_init(|| base64::engine::general_purpose::STANDARD.encode(xml)),
        }
    }
}

/// An Entra ID SAML Response with a signed Assertion, base64 as the browser's network tab
/// shows the `SAMLResponse` form field.
pub static ENTRA_RESPONSE: Example = Example {
    id: "entra-response",
    title: "Entra ID SAML Response",
    description: "Signed assertion, base64 as in the network tab",
    stored: Stored::Base64Of(include_str!("../static/examples/entra-response.xml")),
    text: OnceLock::new(),
};

/// An HTTP-Redirect binding URL carrying a deflate+base64 AuthnRequest and a RelayState.
pub static REDIRECT_AUTHN_REQUEST: Example = Example {
    id: "redirect-authnrequest",
    title: "AuthnRequest in a Redirect URL",
    description: "deflate+base64 SAMLRequest with RelayState",
    stored: Stored::Text(include_str!("../static/examples/redirect-authnrequest.url")),
    text: OnceLock::new(),
};

/// Entra-style federation metadata (starts with a UTF-8 byte order mark, like the download).
pub static ENTRA_METADATA: Example = Example {
    id: "entra-metadata",
    title: "Entra ID federation metadata",
    description: "EntityDescriptor with WS-Fed roles and an IdP descriptor",
    stored: Stored::Text(include_str!(
        "../static/examples/entra-federation-metadata.xml"
    )),
    text: OnceLock::new(),
};

/// An error Response: Requester / RequestDenied with AADSTS50105 (user not assigned).
pub static ERROR_RESPONSE: Example = Example {
    id: "error-response",
    title: "Error Response (AADSTS50105)",
    description: "RequestDenied: the user is not assigned to the app",
    stored: Stored::Base64Of(include_str!(
        "../static/examples/error-response-aadsts50105.xml"
    )),
    text: OnceLock::new(),
};

/// All examples, in menu order.
pub static EXAMPLES: [&Example; 4] = [
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
            assert!(!example.text().trim().is_empty(), "{}", example.id);
        }
    }

    #[test]
    fn examples_are_small_and_shaped_as_documented() {
        for example in EXAMPLES {
            assert!(
                example.text().len() < 16 * 1024,
                "{} is too big",
                example.id
            );
        }
        assert!(ENTRA_METADATA.text().starts_with('\u{feff}'));
        assert!(
            REDIRECT_AUTHN_REQUEST
                .text()
                .starts_with("https://login.microsoftonline.com/")
        );
        assert!(REDIRECT_AUTHN_REQUEST.text().contains("&RelayState="));
        // The base64 inputs are exactly the committed `.b64` files.
        assert_eq!(
            ENTRA_RESPONSE.text(),
            include_str!("../static/examples/entra-response.b64").trim_end()
        );
        assert_eq!(
            ERROR_RESPONSE.text(),
            include_str!("../static/examples/error-response-aadsts50105.b64").trim_end()
        );
        for base64 in [ENTRA_RESPONSE.text(), ERROR_RESPONSE.text()] {
            assert!(
                base64
                    .trim_end()
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/' || b == b'=')
            );
        }
    }
}
