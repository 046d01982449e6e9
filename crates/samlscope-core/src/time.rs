//! Time without a clock: `xs:dateTime` parsing and formatting, and relative wording.
//!
//! The core never reads the system clock (wasm32 has none): "now" always comes from the
//! [`crate::Context`].

use std::fmt;

use serde::Serialize;

/// A point in time: milliseconds since the Unix epoch, UTC.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct Timestamp(pub i64);

impl Timestamp {
    /// From seconds since the epoch.
    pub const fn from_unix_seconds(seconds: i64) -> Self {
        Self(seconds.saturating_mul(1000))
    }

    /// Milliseconds since the epoch.
    pub const fn unix_millis(self) -> i64 {
        self.0
    }

    /// Seconds since the epoch (rounded towards negative infinity).
    pub const fn unix_seconds(self) -> i64 {
        self.0.div_euclid(1000)
    }

    /// Parses an `xs:dateTime` as SAML uses it (`2024-05-01T12:00:00Z`, optional fraction,
    /// `Z` or `±hh:mm`; a missing zone is read as UTC). Returns `None` when it is not one.
    pub fn parse(text: &str) -> Option<Self> {
        let t = text.trim();
        let b = t.as_bytes();
        if b.len() < 19 {
            return None;
        }
        let num = |range: std::ops::Range<usize>| -> Option<i64> {
            let s = t.get(range)?;
            if s.bytes().all(|c| c.is_ascii_digit()) {
                s.parse().ok()
            } else {
                None
            }
        };
        if b[4] != b'-'
            || b[7] != b'-'
            || !matches!(b[10], b'T' | b't')
            || b[13] != b':'
            || b[16] != b':'
        {
            return None;
        }
        let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
        let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
        if !(1..=12).contains(&month)
            || day < 1
            || day > days_in_month(year, month)
            || hour > 24
            || minute > 59
            || second > 60
        {
            return None;
        }
        let mut rest = &t[19..];
        let mut millis = 0i64;
        if let Some(frac) = rest.strip_prefix('.') {
            let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 {
                return None;
            }
            let padded: String = frac[..digits]
                .chars()
                .chain("000".chars())
                .take(3)
                .collect();
            millis = padded.parse().ok()?;
            rest = &frac[digits..];
        }
        let offset_minutes = match rest {
            "" | "Z" | "z" => 0,
            zone if zone.len() == 6 && (zone.starts_with('+') || zone.starts_with('-')) => {
                let zb = zone.as_bytes();
                if zb[3] != b':' {
                    return None;
                }
                let h: i64 = zone[1..3].parse().ok()?;
                let m: i64 = zone[4..6].parse().ok()?;
                let sign = if zb[0] == b'-' { -1 } else { 1 };
                sign * (h * 60 + m)
            }
            _ => return None,
        };
        let days = days_from_civil(year, month, day);
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset_minutes * 60;
        Some(Self(seconds * 1000 + millis))
    }

    /// Signed difference `self - other` in seconds.
    pub const fn seconds_since(self, other: Self) -> i64 {
        (self.0 - other.0).div_euclid(1000)
    }
}

impl fmt::Display for Timestamp {
    /// RFC 3339 in UTC, with milliseconds only when they are not zero.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let seconds = self.0.div_euclid(1000);
        let millis = self.0.rem_euclid(1000);
        let days = seconds.div_euclid(86_400);
        let rem = seconds.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        write!(
            f,
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}",
            rem / 3600,
            rem % 3600 / 60,
            rem % 60
        )?;
        if millis != 0 {
            write!(f, ".{millis:03}")?;
        }
        f.write_str("Z")
    }
}

/// Where a time stands against a validity window `[from, to)` (NotBefore, NotOnOrAfter) when
/// a clock skew is allowed: the one judgement the time rules and every view of the times share,
/// so that none can call "ended" what a rule accepts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Window {
    /// Before `from` by more than the skew: rejected.
    NotYetValid,
    /// Before `from`, within the skew: accepted by an SP allowing that skew.
    NotYetWithinSkew,
    /// Inside the window.
    Valid,
    /// At or after `to`, by less than the skew: accepted by an SP allowing that skew.
    ExpiredWithinSkew,
    /// At or after `to` by the skew or more: rejected.
    Expired,
}

impl Window {
    /// Where `now` stands against `[from, to)`, allowing `skew_seconds` either way (a bound
    /// that is absent does not limit).
    pub const fn at(
        from: Option<Timestamp>,
        to: Option<Timestamp>,
        now: Timestamp,
        skew_seconds: i64,
    ) -> Self {
        if let Some(from) = from {
            let ahead = from.seconds_since(now);
            if ahead > skew_seconds {
                return Self::NotYetValid;
            }
            if ahead > 0 {
                return Self::NotYetWithinSkew;
            }
        }
        if let Some(to) = to {
            let past = now.seconds_since(to);
            if past >= skew_seconds {
                return Self::Expired;
            }
            if past >= 0 {
                return Self::ExpiredWithinSkew;
            }
        }
        Self::Valid
    }
}

/// Whether a metadata `validUntil` has passed at `now`: strictly after it, with no clock skew
/// (metadata is published and cached, not a message in flight). The judgement of
/// `metadata-expired`, which every view of the time shares.
pub const fn valid_until_passed(valid_until: Timestamp, now: Timestamp) -> bool {
    valid_until.0 < now.0
}

/// "2 h 28 min", "45 s", "3 days 4 h": a duration in words, coarse enough to read at once.
pub fn duration_words(seconds: i64) -> String {
    let s = seconds.unsigned_abs();
    let (days, hours, minutes, secs) = (s / 86_400, s % 86_400 / 3600, s % 3600 / 60, s % 60);
    if days >= 2 {
        if hours > 0 && days < 30 {
            format!("{days} days {hours} h")
        } else {
            format!("{days} days")
        }
    } else if s >= 3600 {
        let hours = s / 3600;
        if minutes > 0 {
            format!("{hours} h {minutes} min")
        } else {
            format!("{hours} h")
        }
    } else if s >= 60 {
        if secs > 0 && minutes < 10 {
            format!("{minutes} min {secs} s")
        } else {
            format!("{minutes} min")
        }
    } else {
        format!("{secs} s")
    }
}

/// "in 5 min" / "12 min ago" / "now" for `then` seen from `now`.
pub fn relative(then: Timestamp, now: Timestamp) -> String {
    let delta = then.seconds_since(now);
    match delta {
        0 => "now".to_owned(),
        d if d > 0 => format!("in {}", duration_words(d)),
        d => format!("{} ago", duration_words(d)),
    }
}

fn is_leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if is_leap(year) => 29,
        _ => 28,
    }
}

// Howard Hinnant's civil calendar algorithms.

/// Days from 1970-01-01 to a proleptic Gregorian date (year, month 1–12, day 1–31).
pub(crate) fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_window_with_a_skew() {
        let t = |s: &str| Timestamp::parse(s).expect("time");
        let (from, to) = (
            Some(t("2027-01-15T10:00:00Z")),
            Some(t("2027-01-15T11:00:00Z")),
        );
        let at = |now: &str, skew: i64| Window::at(from, to, t(now), skew);
        assert_eq!(at("2027-01-15T09:56:59Z", 180), Window::NotYetValid);
        assert_eq!(at("2027-01-15T09:57:00Z", 180), Window::NotYetWithinSkew);
        assert_eq!(at("2027-01-15T10:00:00Z", 180), Window::Valid);
        assert_eq!(at("2027-01-15T10:59:59Z", 0), Window::Valid);
        assert_eq!(at("2027-01-15T11:00:00Z", 0), Window::Expired);
        assert_eq!(at("2027-01-15T11:00:00Z", 180), Window::ExpiredWithinSkew);
        assert_eq!(at("2027-01-15T11:02:59Z", 180), Window::ExpiredWithinSkew);
        assert_eq!(at("2027-01-15T11:03:00Z", 180), Window::Expired);
        assert_eq!(
            Window::at(None, None, t("2000-01-01T00:00:00Z"), 0),
            Window::Valid
        );
    }

    #[test]
    fn a_valid_until_passes_strictly_after_it() {
        let until = Timestamp::parse("2027-01-12T00:00:00Z").expect("time");
        assert!(!valid_until_passed(until, until));
        assert!(valid_until_passed(until, Timestamp(until.0 + 1)));
        assert!(!valid_until_passed(until, Timestamp(until.0 - 1)));
    }

    #[test]
    fn parses_and_formats_round_trip() {
        let t = Timestamp::parse("2024-02-29T23:59:58.5Z").expect("valid");
        assert_eq!(t.to_string(), "2024-02-29T23:59:58.500Z");
        assert_eq!(Timestamp::parse("1970-01-01T00:00:00Z"), Some(Timestamp(0)));
        assert_eq!(
            Timestamp::parse("2014-07-17T01:01:48+02:00"),
            Timestamp::parse("2014-07-16T23:01:48Z")
        );
    }

    #[test]
    fn rejects_what_is_not_a_date_time() {
        for bad in [
            "",
            "2024-13-01T00:00:00Z",
            "2023-02-29T00:00:00Z",
            "yesterday",
            "2024-01-01 00:00:00Z",
        ] {
            assert_eq!(Timestamp::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn words() {
        assert_eq!(duration_words(2 * 3600 + 28 * 60), "2 h 28 min");
        assert_eq!(duration_words(45), "45 s");
        assert_eq!(
            relative(
                Timestamp::from_unix_seconds(0),
                Timestamp::from_unix_seconds(720)
            ),
            "12 min ago"
        );
    }
}
