//! `name-id-empty`: the NameID is empty.

use super::{Checker, short};
use crate::finding::{Finding, Rule, Severity};
use crate::model::{Message, NameId};

pub(crate) static RULE: Rule = Rule {
    name: "name-id-empty",
    code: "SUB002",
    severity: Severity::Error,
    summary: "the NameID is empty",
    docs: docs!(
        "## What it does
Checks that the NameID of each Assertion's Subject (and of a LogoutRequest) has a value: its text
must not be empty or only whitespace.

## Why is this bad?
The NameID is the user's identity for most service providers; an empty one cannot be matched to
an account (or, worse, matches an account with an empty login name). Service providers reject it:
ruby-saml / python3-saml \"An empty NameID value found\". A LogoutRequest with an empty NameID
cannot say whose session to end.

## Example
```xml
<saml:NameID Format=\"urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress\"></saml:NameID>
```

## How to fix
Entra does not send an empty NameID: when the source attribute of the \"Unique User Identifier
(Name ID)\" claim has no value for the user, it falls back to the user principal name, and when a
transformation yields nothing, to a persistent pairwise identifier. An empty NameID therefore
comes from another identity provider (or a proxy in between): make it release a value every
user has, for example the UPN or an immutable ID. If the message claims to be from Entra, it was
altered on the way.

## References
- SAML 2.0 Core §2.2.3 (NameID), §2.4.1 (Subject), §3.7.1 (LogoutRequest)
- Microsoft Entra: \"Customize SAML token claims\" (name identifier value)
"
    ),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    let mut found = Vec::new();
    for a in cx.assertions() {
        if let Some(name_id) = a.subject.as_ref().and_then(|s| s.name_id.as_ref()) {
            found.extend(finding(cx, name_id, false));
        }
    }
    if let Message::LogoutRequest(r) = cx.message
        && let Some(name_id) = &r.name_id
    {
        found.extend(finding(cx, name_id, true));
    }
    for f in found {
        cx.report(f);
    }
}

fn finding(cx: &Checker<'_>, name_id: &NameId, logout: bool) -> Option<Finding> {
    let value = &name_id.value.value;
    if !value.trim().is_empty() {
        return None;
    }
    let what = match name_id.format.as_ref().map(|f| f.trimmed()) {
        Some(format) if !format.is_empty() => format!("the NameID (Format `{}`)", short(format)),
        _ => "the NameID".to_owned(),
    };
    let state = if value.is_empty() {
        "is empty".to_owned()
    } else {
        let n = value.chars().count();
        format!(
            "holds only whitespace ({n} character{})",
            if n == 1 { "" } else { "s" }
        )
    };
    let (message, help) = if logout {
        (
            format!("{what} of the LogoutRequest {state}: it cannot say whose session to end"),
            "the party that sent the LogoutRequest must put the NameID it received at sign-in in it",
        )
    } else {
        (
            format!("{what} {state}: the service provider cannot tell who signed in"),
            if cx.words.may_be("entra") {
                "the identity provider that issued this one must release a value every user has, such as the UPN or an immutable ID (Entra never sends an empty NameID: one that claims to come from Entra was altered on the way)"
            } else {
                "the identity provider that issued this one must release a value every user has, such as the UPN or an immutable ID"
            },
        )
    };
    Some(
        Finding::new(&RULE, message)
            .at(cx.doc.span(name_id.element))
            .help(help),
    )
}
