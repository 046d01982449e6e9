//! `conditions-count`: more than one Conditions, or AuthnStatement count is not 1 where required.

use super::Checker;
use crate::finding::{Finding, Rule, Severity};
use crate::xml::NodeId;

pub(crate) static RULE: Rule = Rule {
    name: "conditions-count",
    code: "MSG008",
    severity: Severity::Error,
    summary: "more than one Conditions, or AuthnStatement count is not 1 where required",
    docs: docs!(
        "## What it does
Counts the `saml:Conditions` and `saml:AuthnStatement` children of each Assertion of a Response:
an Assertion may have at most one Conditions, and the Web Browser SSO assertion must have an
AuthnStatement — exactly one is expected. An Assertion without AuthnStatement is not reported
when another Assertion of the Response (or an EncryptedAssertion, which cannot be looked into)
may carry it. Error Responses without an assertion are not checked.

## Why is this bad?
SAML Core allows a single Conditions element; with two, the service provider checks one set of
time limits and audiences while the other is ignored, which is a sign of tampering. The Web
Browser SSO profile requires the bearer assertion to say how and when the user signed in
(AuthnStatement); several statements make the session ambiguous. Service providers reject both:
ruby-saml \"The Assertion must include one Conditions element\" and \"The Assertion must include
one AuthnStatement element\".

## Example
```xml
<saml:Assertion …>
  <saml:Conditions NotBefore=\"…\" NotOnOrAfter=\"…\">…</saml:Conditions>
  <saml:Conditions NotOnOrAfter=\"2099-01-01T00:00:00Z\"/>
  <saml:AttributeStatement>…</saml:AttributeStatement>
  <!-- no AuthnStatement -->
</saml:Assertion>
```

## How to fix
Entra always emits one Conditions and one AuthnStatement: a response that differs was altered on
the way or produced by something else; reject it and find out what rewrote it. For another
identity provider, make it issue one Conditions and one AuthnStatement per assertion (an
attribute-query style assertion without AuthnStatement cannot sign a user in).

## References
- SAML 2.0 Core §2.3.3 (Element <Assertion>: `<Conditions>` [Optional], at most once), §2.7.2
  (AuthnStatement)
- SAML 2.0 Profiles §4.1.4.2 (<Response> Usage: at least one bearer assertion with an
  AuthnStatement)
"
    ),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    let Some(response) = cx.message.response() else {
        return;
    };
    let all = cx.assertions();
    // The AuthnStatement may be in an assertion read apart from these: one still encrypted,
    // another decrypted one, or (for a decrypted assertion) a plain one.
    let apart = match cx.decrypted {
        None => !response.encrypted_assertions.is_empty(),
        Some(_) => {
            response.encrypted_assertions.len() > 1
                || response
                    .assertions
                    .iter()
                    .any(|a| !a.authn_statements.is_empty())
        }
    };
    let statement_elsewhere = |me: NodeId| {
        apart
            || all
                .iter()
                .any(|a| a.element != me && !a.authn_statements.is_empty())
    };
    let start_tag = |id: NodeId| {
        cx.doc
            .element(id)
            .map_or_else(|| cx.doc.span(id), |e| e.start_tag())
    };
    let mut found = Vec::new();
    for a in all {
        if let [first, second, rest @ ..] = a.conditions.as_slice() {
            let mut f = Finding::new(
                &RULE,
                format!(
                    "the Assertion has {} Conditions elements; at most one is allowed",
                    a.conditions.len()
                ),
            )
            .at(start_tag(second.element))
            .label(start_tag(first.element), "the first Conditions");
            for c in rest {
                f = f.label(start_tag(c.element), "another Conditions");
            }
            found.push(f.help(
                "a second Conditions means the SP checks one set of time limits and audiences and ignores the other: reject the message and find out what rewrote it",
            ));
        }
        match a.authn_statements.as_slice() {
            [] if !statement_elsewhere(a.element) => found.push(
                Finding::new(
                    &RULE,
                    "the Assertion has no AuthnStatement; the Web Browser SSO profile requires one saying how and when the user signed in",
                )
                .at(a.start_tag)
                .help("the identity provider must issue an AuthnStatement in the assertion"),
            ),
            [first, second, rest @ ..] => {
                let mut f = Finding::new(
                    &RULE,
                    format!(
                        "the Assertion has {} AuthnStatement elements; exactly one is expected",
                        a.authn_statements.len()
                    ),
                )
                .at(start_tag(second.element))
                .label(start_tag(first.element), "the first AuthnStatement");
                for s in rest {
                    f = f.label(start_tag(s.element), "another AuthnStatement");
                }
                found.push(f.help(
                    "service providers accept one AuthnStatement (ruby-saml: \"The Assertion must include one AuthnStatement element\"): several make the session ambiguous; reject the message unless the identity provider is known to do this",
                ));
            }
            _ => {}
        }
    }
    for f in found {
        cx.report(f);
    }
}
