//! `id-invalid`: an ID that is not a valid xs:ID (NCName).

use super::Checker;
use crate::finding::{Finding, Rule, Severity};
use crate::model::Message;

pub(crate) static RULE: Rule = Rule {
    name: "id-invalid",
    code: "MSG005",
    severity: Severity::Warning,
    summary: "an ID starts with a digit or is otherwise not a valid xs:ID (Entra: AADSTS7500529)",
    docs: docs!(
        "## What it does
Checks that message and assertion IDs are valid `xs:ID` values (NCNames): they start with a
letter or `_`, and contain no spaces or colons.

## Why is this bad?
Schema-validating parsers reject the message, and XML-DSig references by ID fail in libxmlsec1.
Entra answers an AuthnRequest whose ID starts with a digit with AADSTS7500529 (\"The value is
not a valid SAML ID\").

## Example
```xml
<samlp:AuthnRequest ID=\"5f8e0c1a-…\" …>
```

## How to fix
Prefix generated IDs with `_` or `id` (`_5f8e0c1a-…`).

## References
- XML Schema Part 2 §3.3.8 (ID), Namespaces in XML §3 (NCName); SAML 2.0 Core §1.3.4
"
    ),
};

/// `NameStartChar` of XML 1.0 (fifth edition) §2.3 without `:` (an NCName's first character).
fn is_name_start(c: char) -> bool {
    matches!(c,
        'A'..='Z' | '_' | 'a'..='z' | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}'
        | '\u{F8}'..='\u{2FF}' | '\u{370}'..='\u{37D}' | '\u{37F}'..='\u{1FFF}'
        | '\u{200C}'..='\u{200D}' | '\u{2070}'..='\u{218F}' | '\u{2C00}'..='\u{2FEF}'
        | '\u{3001}'..='\u{D7FF}' | '\u{F900}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FFFD}'
        | '\u{10000}'..='\u{EFFFF}')
}

fn is_ncname(value: &str) -> bool {
    let mut chars = value.chars();
    let start = is_name_start;
    let rest = |c: char| {
        start(c)
            || c.is_ascii_digit()
            || c == '-'
            || c == '.'
            || c == '\u{b7}'
            || (!c.is_ascii() && !c.is_whitespace())
    };
    matches!(chars.next(), Some(c) if start(c)) && chars.all(rest)
}

pub(crate) fn check(cx: &mut Checker<'_>) {
    let is_request = matches!(cx.message, Message::AuthnRequest(_));
    let mut ids: Vec<(String, &crate::model::Text)> = cx
        .headers()
        .into_iter()
        .filter_map(|h| h.id.as_ref().map(|id| (h.name.clone(), id)))
        .collect();
    ids.extend(
        cx.assertions()
            .iter()
            .filter_map(|a| a.id.as_ref().map(|id| ("Assertion".to_owned(), id))),
    );
    for (name, id) in ids {
        if id.value.is_empty() || is_ncname(&id.value) {
            continue;
        }
        let why = if id.value.starts_with(|c: char| c.is_ascii_digit()) {
            "starts with a digit"
        } else {
            "is not an NCName (letters, digits, `_`, `-`, `.`; no spaces or colons; not starting with a digit)"
        };
        let mut help = "prefix generated IDs with `_` (for example `_5f8e…`)".to_owned();
        if is_request && cx.words.may_be("entra") {
            help.push_str("; Entra rejects such an AuthnRequest with AADSTS7500529");
        }
        cx.report(
            Finding::new(&RULE, format!("the ID `{}` of `{name}` {why}", id.value))
                .at(id.span)
                .help(help),
        );
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn ncnames() {
        assert!(super::is_ncname("_abc-1.2"));
        assert!(super::is_ncname("id123"));
        assert!(!super::is_ncname("123"));
        assert!(!super::is_ncname("a b"));
        assert!(!super::is_ncname("a:b"));
        // XML 1.0 NameStartChar: letters of any script may start, digits and marks may not.
        assert!(super::is_ncname("été"));
        assert!(super::is_ncname("标识"));
        assert!(!super::is_ncname("\u{300}a"));
        assert!(!super::is_ncname("-a"));
    }
}
