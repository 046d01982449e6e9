//! Microsoft Entra ID knowledge: AADSTS error codes and the friendly names of its claims.

/// An AADSTS error code explained.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Aadsts {
    /// The number after `AADSTS`.
    pub code: u32,
    /// Entra's symbolic name.
    pub name: &'static str,
    /// What it means and what to change, in the portal's words.
    pub meaning: &'static str,
}

const AADSTS: &[Aadsts] = &[
    Aadsts {
        code: 50003,
        name: "MissingSigningKey",
        meaning: "Entra has no signing key or certificate configured for this app: in Single sign-on → SAML Certificates, create or activate a certificate.",
    },
    Aadsts {
        code: 50006,
        name: "InvalidSignature",
        meaning: "the signature of the request did not verify: the app signs AuthnRequests with a key Entra does not have (upload the app's verification certificate).",
    },
    Aadsts {
        code: 50008,
        name: "InvalidSamlToken",
        meaning: "the SAML token is missing or misconfigured in the identity provider.",
    },
    Aadsts {
        code: 50011,
        name: "InvalidReplyTo",
        meaning: "the AssertionConsumerServiceURL in the AuthnRequest is not one of the app's Reply URLs: add it under Basic SAML Configuration → Reply URL (Assertion Consumer Service URL), exactly, including scheme, case and trailing slash.",
    },
    Aadsts {
        code: 50032,
        name: "WeakRsaKey",
        meaning: "the app used an RSA key shorter than 2048 bits.",
    },
    Aadsts {
        code: 50105,
        name: "EntitlementGrantsNotFound",
        meaning: "the signed-in user is not assigned to this application: in Enterprise applications → the app → Users and groups, assign the user or a group they belong to (or set Assignment required? to No).",
    },
    Aadsts {
        code: 50146,
        name: "MissingCustomSigningKey",
        meaning: "the app requires an app-specific signing key that is not configured: add a SAML signing certificate to the app.",
    },
    Aadsts {
        code: 53003,
        name: "BlockedByConditionalAccess",
        meaning: "access was blocked by a Conditional Access policy: check the sign-in logs for the policy that applied.",
    },
    Aadsts {
        code: 65005,
        name: "MisconfiguredApplication",
        meaning: "the app is misconfigured (often a wrong Identifier (Entity ID)): compare the AuthnRequest Issuer with Basic SAML Configuration → Identifier.",
    },
    Aadsts {
        code: 75005,
        name: "Saml2MessageInvalid",
        meaning: "Entra could not read the SAML message the app sent: check its encoding (Redirect binding: deflate + base64 + URL-encoding) and that it is well-formed.",
    },
    Aadsts {
        code: 75008,
        name: "RequestDeniedUnexpectedDestination",
        meaning: "the Destination of the AuthnRequest does not match the Entra endpoint it was sent to.",
    },
    Aadsts {
        code: 75011,
        name: "NoMatchedAuthnContextInOutputClaims",
        meaning: "the user authenticated in a way the app's RequestedAuthnContext does not accept: remove RequestedAuthnContext from the app's requests or request a method the user used.",
    },
    Aadsts {
        code: 75016,
        name: "Saml2AuthenticationRequestInvalidNameIDPolicy",
        meaning: "the NameIDPolicy Format in the AuthnRequest is not supported: use persistent, emailAddress, unspecified or transient (or omit it).",
    },
    Aadsts {
        code: 76021,
        name: "ApplicationRequiresSignedRequests",
        meaning: "the app requires signed AuthnRequests but this one was not signed.",
    },
    Aadsts {
        code: 76026,
        name: "RequestIssueTimeExpired",
        meaning: "the IssueInstant of the AuthnRequest is too old: check the app server's clock.",
    },
    Aadsts {
        code: 650056,
        name: "MisconfiguredApplication",
        meaning: "the app is misconfigured: often the AuthnRequest Issuer does not match Basic SAML Configuration → Identifier (Entity ID), or the app has no permissions consented.",
    },
    Aadsts {
        code: 700016,
        name: "UnauthorizedClient_DoesNotMatchRequest",
        meaning: "no application with this Identifier was found in the tenant: the AuthnRequest Issuer must equal Basic SAML Configuration → Identifier (Entity ID) exactly, and the request must go to the right tenant.",
    },
    Aadsts {
        code: 750054,
        name: "SAMLRequestNotPresent",
        meaning: "the SAMLRequest parameter is missing from the Redirect query (or the request was POSTed to a Redirect endpoint).",
    },
    Aadsts {
        code: 900236,
        name: "InvalidSamlRequestProperty",
        meaning: "the AuthnRequest uses a feature Entra does not support (for example Subject, Scoping, or a Comparison other than exact).",
    },
    Aadsts {
        code: 7500529,
        name: "InvalidSamlId",
        meaning: "the ID of the AuthnRequest is not a valid xs:ID: it must not start with a digit (prefix it with `_` or `id`).",
    },
];

/// Looks up an AADSTS code.
pub fn aadsts(code: u32) -> Option<&'static Aadsts> {
    AADSTS.iter().find(|a| a.code == code)
}

/// Every `AADSTS<digits>` in `text`, in order, without duplicates.
pub fn aadsts_codes(text: &str) -> Vec<u32> {
    let mut codes = Vec::new();
    let mut rest = text;
    while let Some(pos) = rest.find("AADSTS") {
        let after = &rest[pos + 6..];
        let digits: String = after
            .chars()
            .take_while(char::is_ascii_digit)
            .take(9)
            .collect();
        if let Ok(code) = digits.parse::<u32>()
            && !codes.contains(&code)
        {
            codes.push(code);
        }
        rest = after;
    }
    codes
}

const CLAIMS: &[(&str, &str)] = &[
    (
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress",
        "user.mail",
    ),
    (
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname",
        "user.givenname",
    ),
    (
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/surname",
        "user.surname",
    ),
    (
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/name",
        "user.userprincipalname",
    ),
    (
        "http://schemas.microsoft.com/identity/claims/tenantid",
        "tenant ID",
    ),
    (
        "http://schemas.microsoft.com/identity/claims/objectidentifier",
        "user.objectid",
    ),
    (
        "http://schemas.microsoft.com/identity/claims/displayname",
        "user.displayname",
    ),
    (
        "http://schemas.microsoft.com/identity/claims/identityprovider",
        "identity provider",
    ),
    (
        "http://schemas.microsoft.com/claims/authnmethodsreferences",
        "authentication methods",
    ),
    (
        "http://schemas.microsoft.com/ws/2008/06/identity/claims/groups",
        "user.groups",
    ),
    (
        "http://schemas.microsoft.com/claims/groups.link",
        "groups overage link",
    ),
    (
        "http://schemas.microsoft.com/ws/2008/06/identity/claims/role",
        "user.assignedroles",
    ),
    (
        "http://schemas.microsoft.com/ws/2008/06/identity/claims/wids",
        "directory roles",
    ),
];

/// The name Entra's "Attributes & Claims" page shows for a well-known claim URI.
pub fn claim_friendly_name(uri: &str) -> Option<&'static str> {
    CLAIMS
        .iter()
        .find(|(u, _)| *u == uri.trim())
        .map(|&(_, n)| n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_codes_in_status_messages() {
        let text =
            "AADSTS50105: Your administrator has configured … AADSTS50105 again, AADSTS7500529.";
        assert_eq!(aadsts_codes(text), [50105, 7_500_529]);
        assert!(aadsts(50105).is_some_and(|a| a.meaning.contains("not assigned")));
        assert_eq!(
            claim_friendly_name(
                "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"
            ),
            Some("user.mail")
        );
    }
}
