//! The clock-skew view: would the service-provider libraries people use accept this message's
//! time window at the time of inspection, with their default clock skew?
//!
//! Defaults (../shared/research/LANDSCAPE.md): ruby-saml `allowed_clock_drift` 0 s, node-saml
//! `acceptedClockSkewMs` 0, python3-saml `ALLOWED_CLOCK_DRIFT` 300 s, crewjam/saml
//! `MaxClockSkew` 180 s, Shibboleth SP `clockSkew` 180 s.

use serde::Serialize;

use crate::model::Message;
use crate::time::{Timestamp, duration_words};

/// The SP implementations and their default skew, in seconds.
pub const DEFAULT_SKEWS: &[(&str, u32)] = &[
    ("ruby-saml", 0),
    ("node-saml", 0),
    ("python3-saml", 300),
    ("crewjam/saml", 180),
    ("Shibboleth SP", 180),
];

/// Whether one SP implementation accepts the message's time window.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SkewAcceptance {
    /// The implementation (`ruby-saml`).
    pub sp: &'static str,
    /// Its default clock skew, in seconds.
    pub skew_seconds: u32,
    /// Whether it accepts the message at the time of inspection.
    pub accepted: bool,
    /// Why, in words ("NotBefore is 12 s after the time of inspection, beyond its 0 s skew").
    pub reason: String,
}

/// The message's validity window: the latest NotBefore and the earliest NotOnOrAfter of the
/// assertions' Conditions and bearer SubjectConfirmationData.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Window {
    /// Latest NotBefore.
    pub not_before: Option<Timestamp>,
    /// Earliest NotOnOrAfter.
    pub not_on_or_after: Option<Timestamp>,
}

/// The time window of a Response's assertions (none for other messages).
pub fn window(message: &Message) -> Window {
    let mut w = Window::default();
    let Some(response) = message.response() else {
        return w;
    };
    let mut lower = |t: Option<Timestamp>| {
        if let Some(t) = t {
            w.not_before = Some(w.not_before.map_or(t, |b| b.max(t)));
        }
    };
    for a in &response.assertions {
        for c in &a.conditions {
            lower(c.not_before.as_ref().and_then(|t| t.at));
        }
        for c in a.subject.iter().flat_map(|s| &s.confirmations) {
            lower(
                c.data
                    .as_ref()
                    .and_then(|d| d.not_before.as_ref())
                    .and_then(|t| t.at),
            );
        }
    }
    let mut upper = |t: Option<Timestamp>| {
        if let Some(t) = t {
            w.not_on_or_after = Some(w.not_on_or_after.map_or(t, |b| b.min(t)));
        }
    };
    for a in &response.assertions {
        for c in &a.conditions {
            upper(c.not_on_or_after.as_ref().and_then(|t| t.at));
        }
        for c in a.subject.iter().flat_map(|s| &s.confirmations) {
            upper(
                c.data
                    .as_ref()
                    .and_then(|d| d.not_on_or_after.as_ref())
                    .and_then(|t| t.at),
            );
        }
    }
    w
}

/// For each implementation of [`DEFAULT_SKEWS`], whether it accepts the message at `now`.
/// Empty when the message has no time window.
pub fn acceptance(message: &Message, now: Timestamp) -> Vec<SkewAcceptance> {
    let w = window(message);
    if w.not_before.is_none() && w.not_on_or_after.is_none() {
        return Vec::new();
    }
    DEFAULT_SKEWS
        .iter()
        .map(|&(sp, skew_seconds)| {
            let skew = i64::from(skew_seconds);
            let early = w
                .not_before
                .map(|nb| nb.seconds_since(now))
                .filter(|&ahead| ahead > skew);
            let late = w
                .not_on_or_after
                .map(|na| now.seconds_since(na))
                .filter(|&past| past >= skew);
            let reason = match (early, late) {
                (Some(ahead), _) => format!(
                    "NotBefore is {} after the time of inspection, beyond its {skew_seconds} s skew",
                    duration_words(ahead)
                ),
                (None, Some(past)) => format!(
                    "NotOnOrAfter passed {} before the time of inspection, beyond its {skew_seconds} s skew",
                    duration_words(past)
                ),
                (None, None) => margin(w, now, skew),
            };
            SkewAcceptance {
                sp,
                skew_seconds,
                accepted: early.is_none() && late.is_none(),
                reason,
            }
        })
        .collect()
}

/// "valid for another 1 h 5 min" / "valid since 5 min".
fn margin(w: Window, now: Timestamp, skew: i64) -> String {
    match w.not_on_or_after {
        Some(na) => format!(
            "within the window, {} left (skew included)",
            duration_words(na.seconds_since(now) + skew)
        ),
        None => "within the window".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_skew_sps_reject_a_not_before_seconds_ahead() {
        let xml = r#"<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r" Version="2.0" IssueInstant="2027-01-15T10:00:00Z"><saml:Assertion ID="_a" Version="2.0" IssueInstant="2027-01-15T10:00:00Z"><saml:Conditions NotBefore="2027-01-15T10:00:00Z" NotOnOrAfter="2027-01-15T11:10:00Z"/></saml:Assertion></samlp:Response>"#;
        let doc = crate::xml::parse(xml.to_owned()).expect("xml");
        let message = Message::read(&doc);
        let now = Timestamp::parse("2027-01-15T09:59:48Z").expect("now");
        let verdicts = acceptance(&message, now);
        let accepted: Vec<_> = verdicts.iter().map(|v| (v.sp, v.accepted)).collect();
        assert_eq!(
            accepted,
            [
                ("ruby-saml", false),
                ("node-saml", false),
                ("python3-saml", true),
                ("crewjam/saml", true),
                ("Shibboleth SP", true)
            ]
        );
        assert!(
            verdicts[0].reason.contains("12 s after"),
            "{}",
            verdicts[0].reason
        );
        let later = Timestamp::parse("2027-01-15T11:14:00Z").expect("now");
        let v = acceptance(&message, later);
        assert!(v[2].accepted, "python3-saml 300 s: {v:?}");
        assert!(!v[3].accepted, "crewjam 180 s: {v:?}");
    }
}
