//! `name-id-format-mismatch`: the NameID Format differs from the requested NameIDPolicy Format.

use super::{Checker, short};
use crate::finding::{Finding, Origin, Rule, Setting, Severity};

pub(crate) static RULE: Rule = Rule {
    name: "name-id-format-mismatch",
    code: "REQ004",
    severity: Severity::Warning,
    summary: "the NameID Format differs from the requested NameIDPolicy Format",
    docs: docs!(
        "## What it does
When the AuthnRequest this response answers (CLI `--request`) asks for a NameIDPolicy Format
other than `unspecified`, checks the assertion's NameID Format against it.

## Why is this bad?
The SP asked for one kind of identifier (a persistent pseudonym, an e-mail address) and looks
users up by it; a different kind either fails the lookup or, worse, matches the wrong account.

## Example
Requested `emailAddress`, the NameID is `persistent`.

## How to fix
In Entra → Attributes & Claims → Unique User Identifier (Name ID), choose the Name identifier
format the app requests (and the source attribute that fits it), or make the app request the
format the IdP sends.

## References
- SAML 2.0 Core §3.4.1.1 (NameIDPolicy), §8.3 (Name identifier formats)
"
    ),
};

pub(crate) fn check(cx: &mut Checker<'_>) {
    let Some(request) = super::answered_request(cx) else {
        return;
    };
    let Some(wanted) = request
        .name_id_policy
        .as_ref()
        .and_then(|p| p.format.as_ref())
        .map(|f| f.trimmed())
        .filter(|f| !f.is_empty() && short(f) != "unspecified")
    else {
        return;
    };
    let mut found = Vec::new();
    for a in cx.assertions() {
        let Some(name_id) = a.subject.as_ref().and_then(|s| s.name_id.as_ref()) else {
            continue;
        };
        let got = name_id.format.as_ref().map_or("", |f| f.trimmed());
        if got == wanted {
            continue;
        }
        let got_words = if got.is_empty() {
            "no Format (unspecified)".to_owned()
        } else {
            format!("the Format `{}`", short(got))
        };
        found.push(
            Finding::new(
                &RULE,
                format!(
                    "the request asked for NameID Format `{}`, the NameID `{}` has {got_words}",
                    short(wanted),
                    name_id.value.trimmed()
                ),
            )
            .at(name_id
                .format
                .as_ref()
                .map_or(name_id.value.span, |f| f.span))
            .help(format!(
                "set {} to `{}` (or make the app request the format it gets)",
                cx.words.place(Setting::NameIdFormat),
                short(wanted)
            ))
            .setting(Setting::NameIdFormat)
            .evidence(
                Some((wanted.to_owned(), Origin::Request)),
                name_id.format.as_ref().map(crate::model::Text::found),
            ),
        );
    }
    for f in found {
        cx.report(f);
    }
}
