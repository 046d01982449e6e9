//! `name-id-missing`: no NameID (and no EncryptedID) in the Subject.

use super::Checker;
use crate::finding::{Finding, Rule, Setting, Severity};
use crate::model::is_lenient;
use crate::xml::ns;

pub(crate) static RULE: Rule = Rule {
    name: "name-id-missing",
    code: "SUB001",
    severity: Severity::Error,
    summary: "no NameID (and no EncryptedID) in the Subject",
    docs: docs!("## What it does
Checks that the Subject of each Assertion of a Response identifies the user: with a `NameID`, an
`EncryptedID` (which carries one, encrypted) or a `BaseID`. An Assertion without any Subject is
reported too. Error Responses without an assertion are not checked.

## Why is this bad?
The NameID is what most service providers take as the user's identity (the login name or the
key of the account); without it they refuse the sign-in: python3-saml \"NameID not found in the
assertion of the Response\", ruby-saml \"No NameID element found in the assertion\" (both unless
told not to want one).

## Example
```xml
<saml:Subject>
  <saml:SubjectConfirmation Method=\"urn:oasis:names:tc:SAML:2.0:cm:bearer\">…</saml:SubjectConfirmation>
</saml:Subject>
```

## How to fix
Entra always sends the \"Unique User Identifier (Name ID)\" claim: check it under Enterprise
applications → the app → Single sign-on → Attributes & Claims (for example `user.userprincipalname`
or `user.mail`). A response from Entra without a NameID was altered on the way; another identity
provider must be configured to release a NameID to this service provider.

## References
- SAML 2.0 Core §2.4.1 (Element <Subject>), §2.2.3 (NameID)
- SAML 2.0 Profiles §4.1.4.2 (the bearer assertion's Subject)
"),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    let mut found = Vec::new();
    for a in cx.assertions() {
        let Some(subject) = &a.subject else {
            found.push(
                Finding::new(
                    &RULE,
                    "the Assertion has no Subject, so no NameID says who signed in",
                )
                .at(a.start_tag)
                .help(format!(
                    "the identity provider must send a Subject with a NameID: {}",
                    cx.words.place(Setting::NameId)
                ))
                .setting(Setting::NameId),
            );
            continue;
        };
        if subject.name_id.is_some() || subject.encrypted_id.is_some() {
            continue;
        }
        let Some(element) = cx.doc.element(subject.element) else {
            continue;
        };
        if element
            .child_elements()
            .any(|c| is_lenient(&c, ns::SAML, "BaseID"))
        {
            continue;
        }
        found.push(
            Finding::new(
                &RULE,
                "the Subject has no NameID (nor EncryptedID or BaseID): nothing says who signed in",
            )
            .at(element.start_tag())
            .help(format!(
                "the identity provider must send a NameID in the Subject: check {}",
                cx.words.place(Setting::NameId)
            ))
            .setting(Setting::NameId),
        );
    }
    for f in found {
        cx.report(f);
    }
}
