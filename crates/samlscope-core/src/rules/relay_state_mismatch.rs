//! `relay-state-mismatch`: an IdP-initiated Response came with another RelayState than the
//! Relay State configured for the app.

use super::Checker;
use crate::finding::{Finding, Origin, Rule, Setting, Severity};
use crate::model::Message;

pub(crate) static RULE: Rule = Rule {
    name: "relay-state-mismatch",
    code: "DST004",
    severity: Severity::Warning,
    summary: "an IdP-initiated Response came with another RelayState than the configured Relay State",
    docs: docs!(
        "## What it does
When a Response answers no request (IdP-initiated sign-on) and arrived with its binding — a POST
form body or a Redirect URL, as the network tab or a HAR file shows it — compares its
`RelayState` with the Relay State configured for the app (Entra: Basic SAML Configuration →
Relay State). Reports a different or missing RelayState. SP-initiated responses are not checked:
there the RelayState is the app's own, echoed back.

## Why is this bad?
For IdP-initiated sign-on, Entra sends the Relay State of the app's configuration with the
Response, and the app uses it to decide where the user lands (some apps require a particular
value, such as a tenant or customer ID). A different value sends users to the wrong page, or
makes the app reject the sign-in although the assertion itself is fine.

## Example
```text
SAMLResponse=PHNhbWxwOlJlc3BvbnNl…&RelayState=%2Fhome
```
with Relay State configured as `/dashboard`.

## How to fix
Set Relay State in Entra → Enterprise applications → <app> → Single sign-on → Basic SAML
Configuration to the value the app expects (its tutorial says which), or clear the one here if
the app needs none.

## References
- SAML 2.0 Bindings §3.4.3, §3.5.3 (RelayState)
- Microsoft Entra: Basic SAML Configuration → Relay State (optional)
"
    ),
};

/// Compares the RelayState of the binding the Response came with (if any) with the
/// configured one.
pub(crate) fn check(cx: &mut Checker<'_>) {
    let Some(expected) = cx.ctx.configured_relay_state() else {
        return;
    };
    let Some(binding) = cx.binding else {
        return;
    };
    let Message::Response(response) = cx.message else {
        return;
    };
    let header = &response.header;
    if header
        .in_response_to
        .as_ref()
        .is_some_and(|t| !t.trimmed().is_empty())
    {
        return;
    }
    let message = match binding.relay_state.as_deref() {
        Some(got) if got == expected => return,
        Some(got) => format!(
            "this IdP-initiated Response came with RelayState `{got}`, not the configured Relay State `{expected}`"
        ),
        None => format!(
            "this IdP-initiated Response came without a RelayState; the configured Relay State is `{expected}`"
        ),
    };
    let help = match cx.words.parts(Setting::RelayState) {
        Some((idp, screen, label)) => format!(
            "{idp} sends the {label} of {screen} with IdP-initiated sign-ons: set it there to the value the app expects (its tutorial says which)"
        ),
        None => "the IdP sends its default RelayState with IdP-initiated sign-ons: set it in its configuration of this SP to the value the app expects".to_owned(),
    };
    cx.report(
        Finding::new(&RULE, message)
            .at(header.start_tag)
            .help(help)
            .setting(Setting::RelayState)
            .evidence(
                Some((expected.to_owned(), Origin::Flag)),
                binding.relay_state.as_deref().map(|got| (got, None)),
            ),
    );
}
