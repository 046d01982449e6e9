//! `metadata-endpoint-insecure`: an endpoint uses http://.

use super::Checker;
use crate::finding::{Finding, Rule, Severity};
use crate::model::{Message, Text};

pub(crate) static RULE: Rule = Rule {
    name: "metadata-endpoint-insecure",
    code: "MET003",
    severity: Severity::Warning,
    summary: "an endpoint uses http://",
    docs: docs!(
        "## What it does
Reports every metadata endpoint — SingleSignOnService, SingleLogoutService,
AssertionConsumerService, ArtifactResolutionService and the others — whose `Location` or
`ResponseLocation` starts with `http://` (in any letter case). One finding per endpoint, naming
the endpoint, its binding, its role and its entity.

## Why is this bad?
SAML messages are bearer credentials: whoever sees a Response posted to an `http://`
AssertionConsumerService (or an artifact resolved over plain HTTP) can replay it and sign in as
the user. Over plain HTTP anyone on the path can read or change the messages, and browsers warn
about, or block, forms posted from an HTTPS page to an HTTP one. Entra accepts an `http://`
Reply URL only for `localhost`.

## Example
```xml
<md:AssertionConsumerService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\"
    Location=\"http://sp.example.org/Shibboleth.sso/SAML2/POST\" index=\"1\"/>
```

## How to fix
Serve the endpoint over HTTPS and publish its `https://` URL in the metadata (regenerate it
from the SP or IdP software rather than editing a signed file). For an SP in Entra, change the
Reply URL (Assertion Consumer Service URL) in the Basic SAML Configuration to the `https://`
address as well.

## References
- SAML 2.0 Metadata §2.2.2 (EndpointType: Location, ResponseLocation)
- SAML 2.0 Bindings §3.5.5.1 and §3.4.5.1 (HTTP POST / Redirect: TLS recommended)
- Microsoft Entra: Redirect URI (reply URL) restrictions
"
    ),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    let entities = match cx.message {
        Message::EntityDescriptor(e) => std::slice::from_ref(e),
        Message::EntitiesDescriptor(g) => g.entities.as_slice(),
        _ => return,
    };
    let mut found = Vec::new();
    for e in entities {
        for role in &e.roles {
            for p in &role.endpoints {
                let insecure = [
                    ("Location", p.location.as_ref()),
                    ("ResponseLocation", p.response_location.as_ref()),
                ]
                .into_iter()
                .filter_map(|(name, t)| t.filter(|t| is_http(t)).map(|t| (name, t)));
                let mut finding: Option<Finding> = None;
                for (name, t) in insecure {
                    finding = Some(match finding {
                        None => {
                            let id = e.entity_id.as_ref().map_or("", |t| t.trimmed());
                            let binding = match p.binding_short() {
                                "" => String::new(),
                                b => format!(" ({b})"),
                            };
                            Finding::new(
                                &RULE,
                                format!(
                                    "the {}{binding} of the {} of `{id}` uses plain HTTP: {name} `{}`",
                                    p.kind,
                                    role.kind.label(),
                                    t.trimmed()
                                ),
                            )
                            .at(t.span)
                            .help(help(&p.kind, t.trimmed()))
                        }
                        Some(f) => f.label(t.span, format!("{name} is plain HTTP too")),
                    });
                }
                found.extend(finding);
            }
        }
    }
    for f in found {
        cx.report(f);
    }
}

fn is_http(t: &Text) -> bool {
    t.trimmed()
        .get(..7)
        .is_some_and(|s| s.eq_ignore_ascii_case("http://"))
}

fn help(kind: &str, url: &str) -> String {
    let https = format!("https://{}", url.get(7..).unwrap_or_default());
    if kind == "AssertionConsumerService" {
        format!(
            "serve the ACS over HTTPS and publish `{https}` in the SP's metadata; set the ACS URL the IdP has for this SP to the https:// address too (Entra, for one, allows http:// only for localhost)"
        )
    } else {
        format!(
            "serve this endpoint over HTTPS and publish `{https}` in the metadata (regenerate the metadata from the SP or IdP software: editing a signed file breaks its signature)"
        )
    }
}
