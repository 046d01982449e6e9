//! Service-provider implementations, and whether each would accept a message.
//!
//! Each implementation is one JSON file in this directory (see its README): its default clock
//! skew, which signatures it requires, and what it does with a message that trips each rule —
//! with the exact text it logs — every fact with its source. `build.rs` embeds them. From a
//! [`Report`] and that data, [`acceptance`] predicts each implementation's verdict: the rules
//! behind a rejection, and its log line.

use serde::Serialize;

use crate::model::Message;
use crate::report::{Kind, Report};
use crate::skew;
use crate::time::Timestamp;

include!(concat!(env!("OUT_DIR"), "/sps.rs"));

/// One SP implementation.
#[derive(Debug, PartialEq, Eq)]
pub struct Sp {
    /// The stable key (`python3-saml`): `--sp-software`, JSON `acceptance[].sp`.
    pub key: &'static str,
    /// Its name, as the project writes it.
    pub name: &'static str,
    /// The release (or commit) whose source the data was read from.
    pub version: &'static str,
    /// The mode predicted: its defaults, or its strict mode where it has one.
    pub strict: &'static str,
    /// Its default clock skew, in seconds, when the source settles it.
    pub skew_seconds: Option<u32>,
    /// Which signatures a Response must carry by default.
    pub requires: Requires,
    /// The setting that changes `requires`.
    pub requires_setting: Option<&'static str>,
    /// What it does with a message that trips each rule, by rule name.
    pub rules: &'static [(&'static str, Behaviour)],
}

/// Which signatures a Response must carry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Requires {
    /// The Response must be signed.
    Response,
    /// Every Assertion must be signed.
    Assertion,
    /// Either suffices.
    Either,
    /// Both.
    Both,
    /// Unsigned messages are accepted.
    Nothing,
}

/// What an implementation does with a message that trips one rule.
#[derive(Debug, PartialEq, Eq)]
pub struct Behaviour {
    /// Whether it rejects the message (with its default settings).
    pub rejects: bool,
    /// The setting that changes that.
    pub setting: Option<&'static str>,
    /// The text it raises or logs when it rejects (`%s` for interpolated values).
    pub message: Option<&'static str>,
    /// What the calling code sees: exception class and code, or error constant.
    pub error: Option<&'static str>,
}

impl Sp {
    /// What it does with a message that trips `rule`, when its source shows it.
    pub fn behaviour(&self, rule: &str) -> Option<&'static Behaviour> {
        self.rules.iter().find(|(r, _)| *r == rule).map(|(_, b)| b)
    }
}

/// Every SP implementation known, in the order of their keys.
pub fn all() -> &'static [Sp] {
    EMBEDDED
}

/// The implementation with this key (`node-saml`), case-insensitively.
pub fn find(key: &str) -> Option<&'static Sp> {
    EMBEDDED
        .iter()
        .find(|s| s.key.eq_ignore_ascii_case(key.trim()))
}

/// An implementation's predicted verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// It accepts the message.
    Accepts,
    /// It rejects it.
    Rejects,
    /// What it does is not known: an error samlscope found is one its data does not cover.
    Unknown,
}

/// One implementation's predicted verdict on a message (the JSON `acceptance[]`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Acceptance {
    /// The implementation's key.
    pub sp: &'static str,
    /// Accepts, rejects or unknown.
    pub verdict: Verdict,
    /// The line it logs (or raises) for the first reason it rejects; for `unknown`, what is
    /// not known.
    pub message: Option<String>,
    /// The rules behind a rejection, in the order of the findings.
    pub because: Vec<&'static str>,
}

/// The rules about time: judged again with each implementation's own clock skew, not the one
/// configured.
const TIME_RULES: [&str; 6] = [
    "conditions-not-yet-valid",
    "conditions-expired",
    "subject-confirmation-expired",
    "session-expired",
    "issue-instant-skew",
    "clock-skew-sensitive",
];

/// The rules about which signatures are present: judged from [`Sp::requires`].
const SIGNATURE_PRESENCE: [&str; 2] = ["signature-missing", "assertion-unsigned"];

/// Each implementation's verdict on the Response of `report` (none for other inputs: the
/// acceptance of a request or of metadata is the IdP's).
pub fn acceptance(report: &Report) -> Vec<Acceptance> {
    let Some(message) = report
        .message
        .as_ref()
        .filter(|_| report.kind == Kind::Response)
    else {
        return Vec::new();
    };
    let signed = Signed::of(report);
    EMBEDDED
        .iter()
        .map(|sp| judge(sp, report, message, signed))
        .collect()
}

/// Which parts of a Response carry a signature (valid or not: an invalid one is its own rule).
#[derive(Clone, Copy, Debug)]
struct Signed {
    response: bool,
    /// Whether every assertion (plain or decrypted) carries one.
    assertions: bool,
}

impl Signed {
    fn of(report: &Report) -> Self {
        let Some(doc) = report.document.as_ref() else {
            return Self {
                response: false,
                assertions: false,
            };
        };
        let targets: Vec<&str> = report
            .signatures
            .iter()
            .map(|s| s.coverage(doc).target())
            .collect();
        let plain = report
            .message
            .as_ref()
            .and_then(Message::response)
            .map_or(0, |r| r.assertions.len());
        let signed_plain = targets.iter().filter(|t| **t == "assertion").count();
        let decrypted_unsigned = report
            .decrypted
            .iter()
            .filter(|d| d.signatures.is_empty())
            .count();
        Self {
            response: targets.contains(&"response"),
            assertions: signed_plain >= plain && decrypted_unsigned == 0,
        }
    }
}

fn judge(sp: &'static Sp, report: &Report, message: &Message, signed: Signed) -> Acceptance {
    let mut because: Vec<&'static str> = Vec::new();
    let mut first: Option<String> = None;
    let mut unknown: Option<&'static str> = None;
    let mut reject = |rule: &'static str, text: Option<String>| {
        if !because.contains(&rule) {
            because.push(rule);
        }
        if first.is_none() {
            first = text;
        }
    };
    for f in &report.findings {
        let rule = f.rule.name;
        if TIME_RULES.contains(&rule) || SIGNATURE_PRESENCE.contains(&rule) {
            continue;
        }
        match sp.behaviour(rule) {
            Some(b) if b.rejects => reject(rule, b.message.map(str::to_owned)),
            Some(_) => {}
            None if f.severity == crate::finding::Severity::Error && unknown.is_none() => {
                unknown = Some(rule);
            }
            None => {}
        }
    }
    // Signatures, as the implementation requires them by default.
    let missing = match sp.requires {
        Requires::Nothing => None,
        Requires::Either if signed.response || signed.assertions => None,
        Requires::Response if signed.response => None,
        Requires::Assertion if signed.assertions => None,
        Requires::Both if signed.response && signed.assertions => None,
        Requires::Assertion | Requires::Both if signed.response => Some("assertion-unsigned"),
        _ => Some("signature-missing"),
    };
    if let Some(rule) = missing {
        let text = sp.behaviour(rule).and_then(|b| b.message).map_or_else(
            || {
                format!(
                    "(its default requires a signed {}{})",
                    match sp.requires {
                        Requires::Response => "Response",
                        Requires::Assertion => "Assertion",
                        Requires::Both => "Response and Assertion",
                        _ => "Response or Assertion",
                    },
                    sp.requires_setting
                        .map_or(String::new(), |s| format!("; {s}"))
                )
            },
            str::to_owned,
        );
        reject(rule, Some(text));
    }
    // Times, with its own clock skew.
    match sp.skew_seconds {
        Some(skew) => {
            if let Some(rule) = time_failure(message, report.judged_at, skew)
                && sp.behaviour(rule).is_none_or(|b| b.rejects)
            {
                let text = sp
                    .behaviour(rule)
                    .and_then(|b| b.message)
                    .map(str::to_owned);
                reject(rule, text);
            }
        }
        None => {
            if unknown.is_none()
                && report.findings.iter().any(|f| {
                    TIME_RULES.contains(&f.rule.name)
                        && f.severity == crate::finding::Severity::Error
                })
            {
                unknown = Some("conditions-expired");
            }
        }
    }
    let (verdict, message) = if !because.is_empty() {
        (Verdict::Rejects, first)
    } else if let Some(rule) = unknown {
        (
            Verdict::Unknown,
            Some(format!("what {} does with `{rule}` is not known", sp.name)),
        )
    } else {
        (Verdict::Accepts, None)
    };
    Acceptance {
        sp: sp.key,
        verdict,
        message,
        because,
    }
}

/// Whether the message's window fails at `now` with `skew` seconds allowed: which rule.
fn time_failure(message: &Message, now: Timestamp, skew: u32) -> Option<&'static str> {
    let window = skew::window(message);
    let skew = i64::from(skew);
    let at = |w: Option<Timestamp>, n, s| crate::time::Window::at(w, n, now, s);
    if let Some(not_before) = window.not_before
        && at(Some(not_before), None, skew) == crate::time::Window::NotYetValid
    {
        return Some("conditions-not-yet-valid");
    }
    if let Some(not_on_or_after) = window.not_on_or_after
        && at(None, Some(not_on_or_after), skew) == crate::time::Window::Expired
    {
        return Some("conditions-expired");
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_names_real_rules() {
        assert_eq!(EMBEDDED.len(), 14);
        for sp in EMBEDDED {
            for (rule, _) in sp.rules {
                assert!(crate::rules::find(rule).is_some(), "{}: `{rule}`", sp.key);
            }
        }
    }
}
