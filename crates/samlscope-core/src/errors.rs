//! Error-text lookup: which software wrote a pasted error line, what it means, and the rule
//! that finds its cause in a message. SP texts come from the SP implementations' data (each
//! rule's `message`, with `%s` for what it interpolates), IdP texts from the identity
//! providers' codes (AADSTS…, MSIS…, `app_not_configured_for_user` …).

use serde::Serialize;
use wildmatch::WildMatch;

use crate::finding::Rule;
use crate::{idps, rules, sps};

/// Longest pasted text compared (a log excerpt; a whole log file is not an error line).
const MAX_TEXT: usize = 16 * 1024;

/// Fewest literal characters a known text must have to be matched (`%s` alone matches
/// everything).
const MIN_LITERAL: usize = 12;

/// One known text a pasted line matches.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Match {
    /// Who writes it: SP implementation keys (several share texts), or one IdP's key.
    pub software: Vec<&'static str>,
    /// Whether an SP (or else an IdP) writes it.
    pub side: Side,
    /// The known text, as the software writes it (`%s` for interpolated values).
    pub text: &'static str,
    /// The rule that finds its cause in a message, when there is one.
    #[serde(serialize_with = "rule_name")]
    pub rule: Option<&'static Rule>,
    /// What it means, for an IdP's code.
    pub meaning: Option<&'static str>,
}

/// Who writes an error text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    /// A service provider (the app), rejecting a response.
    Sp,
    /// The identity provider, refusing a request.
    Idp,
}

fn rule_name<S: serde::Serializer>(rule: &Option<&'static Rule>, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_some(&rule.map(|r| r.name))
}

/// The glob of a known text: its interpolations (`%s`, `%q`, `%d`, `#{…}`, `{…}`) become `*`,
/// and anything may come before and after (a log line's timestamp, a stack trace).
fn glob(text: &str) -> Option<String> {
    let mut out = String::from("*");
    let mut literal = 0;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '%' if chars
                .peek()
                .is_some_and(|n| matches!(n, 's' | 'q' | 'd' | 'v')) =>
            {
                chars.next();
                out.push('*');
            }
            '#' if chars.peek() == Some(&'{') => {
                for c in chars.by_ref() {
                    if c == '}' {
                        break;
                    }
                }
                out.push('*');
            }
            '*' | '?' => out.push('?'),
            c => {
                literal += usize::from(!c.is_whitespace());
                out.extend(c.to_lowercase());
            }
        }
    }
    out.push('*');
    (literal >= MIN_LITERAL).then_some(out)
}

/// The known error texts `pasted` contains, SP texts first, each once (texts several SP
/// implementations share are one match naming them all).
pub fn lookup(pasted: &str) -> Vec<Match> {
    let pasted = pasted.trim();
    if pasted.is_empty() || pasted.len() > MAX_TEXT {
        return Vec::new();
    }
    let lower = pasted.to_lowercase();
    let mut out: Vec<Match> = Vec::new();
    for sp in sps::all() {
        for (rule, behaviour) in sp.rules {
            let Some(text) = behaviour.message else {
                continue;
            };
            let Some(pattern) = glob(text) else { continue };
            if !WildMatch::new(&pattern).matches(&lower) {
                continue;
            }
            match out.iter_mut().find(|m| m.text == text) {
                Some(m) if !m.software.contains(&sp.key) => m.software.push(sp.key),
                Some(_) => {}
                None => out.push(Match {
                    software: vec![sp.key],
                    side: Side::Sp,
                    text,
                    rule: rules::find(rule),
                    meaning: None,
                }),
            }
        }
    }
    for idp in idps::all() {
        for code in idp.codes_in(pasted) {
            out.push(Match {
                software: vec![idp.key],
                side: Side::Idp,
                text: code.code,
                rule: code.setting.and_then(rule_for_setting),
                meaning: Some(code.meaning),
            });
        }
    }
    out
}

/// The rule that checks a message against `setting`, for an IdP's error about it.
fn rule_for_setting(setting: &str) -> Option<&'static Rule> {
    let name = match setting {
        "sp-entity-id" => "request-issuer-mismatch",
        "acs-url" => "acs-not-registered",
        "name-id-format" => "name-id-format-mismatch",
        "idp-signing-certificate" => "certificate-untrusted",
        _ => return None,
    };
    rules::find(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interpolations_become_wildcards_and_short_texts_are_not_matched() {
        assert_eq!(
            glob("%s is not a valid audience for this Response").as_deref(),
            Some("** is not a valid audience for this response*")
        );
        assert_eq!(glob("Error: %s"), None);
    }

    #[test]
    fn an_sp_log_line_is_traced_to_its_rule() {
        let found = lookup(
            "2026-12-07 10:00:01 ERROR onelogin.saml2: https://app.example.com/saml/ is not a valid audience for this Response",
        );
        let m = found
            .iter()
            .find(|m| m.software.contains(&"python3-saml"))
            .expect("python3-saml");
        assert_eq!(m.side, Side::Sp);
        assert_eq!(m.rule.map(|r| r.name), Some("audience-mismatch"));
    }

    #[test]
    fn an_idp_error_page_is_explained() {
        let found = lookup("403. That's an error. Error: app_not_configured_for_user");
        let m = found.iter().find(|m| m.side == Side::Idp).expect("google");
        assert_eq!(m.software, ["google"]);
        assert!(m.meaning.is_some());
        assert!(lookup(&"x".repeat(MAX_TEXT + 1)).is_empty());
    }
}
