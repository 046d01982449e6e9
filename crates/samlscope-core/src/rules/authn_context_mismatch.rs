//! `authn-context-mismatch`: the AuthnContextClassRef does not satisfy the RequestedAuthnContext.

use super::{Checker, short};
use crate::finding::{Finding, Origin, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    name: "authn-context-mismatch",
    code: "REQ003",
    severity: Severity::Warning,
    summary: "the AuthnContextClassRef does not satisfy the RequestedAuthnContext",
    docs: docs!(
        "## What it does
When the AuthnRequest this response answers (CLI `--request`) carries a RequestedAuthnContext,
checks that the assertion's AuthnContextClassRef satisfies it: one of the requested classes for
`exact` (the default); at least (`minimum`), more than (`better`) or at most (`maximum`) the
strongest requested class, by the usual strength order (Password < PasswordProtectedTransport <
X509 / Smartcard / multi-factor).

## Why is this bad?
SPs that ask for a context reject an assertion made with a weaker one (ruby-saml, python3-saml
\"The AuthnContext returned is not the one requested\"); Entra answers AADSTS75011
(\"Authentication method X by which the user authenticated with the service doesn't match requested
authentication method Y\") when the user's session was made another way.

## Example
Requested `PasswordProtectedTransport` (exact), asserted `X509`.

## How to fix
Request what the IdP actually does: drop RequestedAuthnContext, or request the class the users
sign in with (with Comparison `minimum` where the SP supports it); or make the user sign in
again with the required method (ForceAuthn).

## References
- SAML 2.0 Core §3.3.2.2.1 (RequestedAuthnContext), SAML 2.0 Authentication Context
"
    ),
};

/// Strength of well-known classes (higher is stronger); unknown classes are not ranked.
fn strength(class: &str) -> Option<u8> {
    Some(match short(class) {
        "unspecified" => 0,
        "InternetProtocol" | "PreviousSession" => 1,
        "InternetProtocolPassword" | "Password" => 2,
        "PasswordProtectedTransport" | "SecureRemotePassword" | "Kerberos" => 3,
        "TLSClient" | "X509" | "PGP" | "SPKI" | "XMLDSig" | "TimeSyncToken" => 4,
        "Smartcard"
        | "SmartcardPKI"
        | "SoftwarePKI"
        | "MobileTwoFactorContract"
        | "MobileTwoFactorUnregistered"
        | "multipleauthn" => 5,
        _ => return None,
    })
}

pub(crate) fn check(cx: &mut Checker<'_>) {
    let Some(request) = super::answered_request(cx) else {
        return;
    };
    let Some(wanted) = request.requested_authn_context.as_ref() else {
        return;
    };
    let requested: Vec<&str> = wanted.class_refs.iter().map(|c| c.trimmed()).collect();
    if requested.is_empty() {
        return;
    }
    let comparison = wanted.comparison.as_ref().map_or("exact", |c| c.trimmed());
    let mut found = Vec::new();
    for a in cx.assertions() {
        for st in &a.authn_statements {
            let Some(class) = st.class_ref.as_ref() else {
                continue;
            };
            let got = class.trimmed();
            let ok = match comparison {
                "minimum" | "better" | "maximum" => {
                    let Some(g) = strength(got) else { continue };
                    let Some(r) = requested.iter().filter_map(|c| strength(c)).max() else {
                        continue;
                    };
                    match comparison {
                        "minimum" => g >= r,
                        "better" => g > r,
                        _ => g <= r,
                    }
                }
                _ => requested.contains(&got),
            };
            if ok {
                continue;
            }
            found.push(
                Finding::new(
                    &RULE,
                    format!(
                        "the user authenticated with `{}`, but the request asked for {} {}",
                        short(got),
                        if comparison == "exact" { "exactly" } else { comparison },
                        requested.iter().map(|c| format!("`{}`", short(c))).collect::<Vec<_>>().join(" or ")
                    ),
                )
                .at(class.span)
                .evidence(Some((requested.join(", "), Origin::Request)), Some(class.found()))
                .help(if cx.words.may_be("entra") {
                    "request the method users actually sign in with (or drop RequestedAuthnContext from the app's requests); Entra answers such requests with AADSTS75011 when the session was made another way — signing in again with the required method (ForceAuthn) also works"
                } else {
                    "request the method users actually sign in with (or drop RequestedAuthnContext from the app's requests); signing in again with the required method (ForceAuthn) also works"
                }),
            );
        }
    }
    for f in found {
        cx.report(f);
    }
}
