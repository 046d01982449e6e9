//! `subject-confirmation-missing`: no bearer SubjectConfirmation, or one without NotOnOrAfter
//! or Recipient.

use super::Checker;
use crate::finding::{Finding, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    name: "subject-confirmation-missing",
    code: "TIM004",
    severity: Severity::Error,
    summary: "no bearer SubjectConfirmation, or it lacks NotOnOrAfter or Recipient",
    docs: docs!(
        "## What it does
Checks that the assertion's Subject has a bearer SubjectConfirmation
(`urn:oasis:names:tc:SAML:2.0:cm:bearer`) whose SubjectConfirmationData carries NotOnOrAfter and
Recipient.

## Why is this bad?
The Web Browser SSO profile requires them; service providers reject the assertion without
(ruby-saml / python3-saml \"A valid SubjectConfirmation was not found on this Response\",
Shibboleth \"bearer SubjectConfirmationData missing NotOnOrAfter attribute\").

## Example
```xml
<saml:SubjectConfirmation Method=\"urn:oasis:names:tc:SAML:2.0:cm:bearer\"/>
```

## How to fix
The identity provider must emit bearer confirmation data; for a custom IdP, set Recipient to
the ACS URL and NotOnOrAfter a few minutes ahead.

## References
- SAML 2.0 Profiles §4.1.4.2; SAML 2.0 Core §2.4.1.2
"
    ),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    let mut found = Vec::new();
    for a in cx.assertions() {
        let Some(subject) = &a.subject else {
            found.push(
                Finding::new(
                    &RULE,
                    "the Assertion has no Subject, hence no bearer SubjectConfirmation",
                )
                .at(a.start_tag)
                .help("the IdP must send a Subject with a bearer SubjectConfirmation"),
            );
            continue;
        };
        let bearer: Vec<_> = subject
            .confirmations
            .iter()
            .filter(|c| c.is_bearer())
            .collect();
        let Some(first) = bearer.first() else {
            found.push(
                Finding::new(&RULE, "the Subject has no bearer SubjectConfirmation (Method urn:oasis:names:tc:SAML:2.0:cm:bearer)")
                    .at(cx.doc.span(subject.element))
                    .help("the Web Browser SSO profile requires a bearer SubjectConfirmation"),
            );
            continue;
        };
        if bearer.iter().any(|c| {
            c.data
                .as_ref()
                .is_some_and(|d| d.not_on_or_after.is_some() && d.recipient.is_some())
        }) {
            continue;
        }
        let missing = match first.data.as_ref() {
            None => "SubjectConfirmationData".to_owned(),
            Some(d) => [
                ("NotOnOrAfter", d.not_on_or_after.is_none()),
                ("Recipient", d.recipient.is_none()),
            ]
            .iter()
            .filter(|(_, m)| *m)
            .map(|(n, _)| *n)
            .collect::<Vec<_>>()
            .join(" and "),
        };
        found.push(
            Finding::new(&RULE, format!("the bearer SubjectConfirmation lacks {missing}"))
                .at(cx.doc.span(first.element))
                .help("the bearer SubjectConfirmationData needs Recipient (the Reply URL) and NotOnOrAfter"),
        );
    }
    for f in found {
        cx.report(f);
    }
}
