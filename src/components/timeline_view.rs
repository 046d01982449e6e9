//! The Conditions view: the message's times on a timeline against "now ± skew" — IssueInstant,
//! Conditions NotBefore / NotOnOrAfter, the bearer SubjectConfirmationData NotOnOrAfter, the
//! AuthnStatement's AuthnInstant / SessionNotOnOrAfter, metadata validUntil and the validity of
//! the certificates — then whether common SP libraries accept it now (`report.clock_skew`).
//!
//! Every fact is text (each row says its times and how long ago or ahead they are, and flags
//! what is outside its window); the drawing (inline SVG, no library, no inline style: the CSP
//! forbids it) only repeats it and is hidden from assistive technology.

use std::fmt::Write as _;
use std::rc::Rc;

use samlscope_core::cert::{CertificateInfo, Validity};
use samlscope_core::model::Assertion;
use samlscope_core::time::{Window, duration_words, relative, valid_until_passed};
use samlscope_core::{Clock, DEFAULT_CLOCK_SKEW_SECONDS, Report, Timestamp};
use yew::prelude::*;

use super::markup_html;
use crate::markup::Markup;
use crate::markup::parts::span;
use crate::state::Inspection;

/// Props of [`TimelineView`].
#[derive(Properties, PartialEq)]
pub struct TimelineViewProps {
    /// The inspection shown.
    pub inspection: Rc<Inspection>,
}

/// Most certificates drawn (metadata can list many).
const MAX_CERTIFICATES: usize = 6;

/// How an item stands at the time of inspection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tone {
    Ok,
    Warn,
    Bad,
    Neutral,
}

impl Tone {
    const fn class(self) -> &'static str {
        match self {
            Self::Ok => "is-ok",
            Self::Warn => "is-warn",
            Self::Bad => "is-bad",
            Self::Neutral => "is-neutral",
        }
    }

    /// The `data-tone` value.
    const fn name(self) -> &'static str {
        match self {
            Self::Ok => "ok",
            Self::Warn => "warn",
            Self::Bad => "bad",
            Self::Neutral => "neutral",
        }
    }
}

/// One time of an item, with its name in the message ("NotOnOrAfter").
struct Stamp {
    key: &'static str,
    at: Timestamp,
}

/// How an item is drawn.
enum Shape {
    /// An instant.
    Point(Timestamp),
    /// A period; an open end is drawn to the edge.
    Bar {
        from: Option<Timestamp>,
        to: Option<Timestamp>,
    },
}

/// One row of the timeline.
struct Item {
    /// Stable hook (`data-item`).
    id: &'static str,
    label: String,
    note: Option<String>,
    stamps: Vec<Stamp>,
    shape: Shape,
    /// Tone of the drawing and of the flag.
    tone: Tone,
    /// Flag word ("expired"), when there is one.
    flag: Option<String>,
    /// Whether the item is a certificate (not part of the message's own window).
    certificate: bool,
}

/// The flag of where the time of inspection stands against a validity window: the core's
/// judgement ([`Window::at`], with the skew), the one the time rules make.
fn window_flag(window: Window) -> (Tone, String) {
    let (tone, flag) = match window {
        Window::NotYetValid => (Tone::Bad, "not yet valid"),
        Window::NotYetWithinSkew => (Tone::Warn, "not yet valid, within the skew"),
        Window::Valid => (Tone::Ok, "valid"),
        Window::ExpiredWithinSkew => (Tone::Warn, "expired, within the skew"),
        Window::Expired => (Tone::Bad, "expired"),
    };
    (tone, flag.to_owned())
}

/// Whether an instant (an IssueInstant, an AuthnInstant) lies in the future beyond the skew:
/// the core's judgement ([`Window`] with the instant as its start), the one
/// `issue-instant-skew` makes.
fn in_the_future(at: Timestamp, now: Timestamp, skew: i64) -> bool {
    Window::at(Some(at), None, now, skew) == Window::NotYetValid
}

/// The assertion the times are read from: the first of the Response, else the first decrypted.
fn assertion(report: &Report) -> Option<&Assertion> {
    let message = report.message.as_ref()?;
    message
        .response()
        .and_then(|r| r.assertions.first())
        .or_else(|| report.decrypted.iter().find_map(|d| d.assertion.as_ref()))
}

fn push_stamp(stamps: &mut Vec<Stamp>, key: &'static str, at: Option<Timestamp>) {
    if let Some(at) = at {
        stamps.push(Stamp { key, at });
    }
}

/// The message's own items (no certificates).
fn message_items(report: &Report, now: Timestamp, skew: i64) -> Vec<Item> {
    let s = &report.summary;
    let mut items = Vec::new();
    let assertion = assertion(report);
    let assertion_issued = assertion
        .and_then(|a| a.issue_instant.as_ref())
        .and_then(|t| t.at);

    // IssueInstant (the message's, and the assertion's when it differs).
    let issued = s.issue_instant.or(assertion_issued);
    if let Some(at) = issued {
        let same = assertion_issued.is_none_or(|a| a == at);
        let whose = match (report.kind, assertion.is_some()) {
            (samlscope_core::Kind::Response, true) if same => {
                Some("Response and Assertion".to_owned())
            }
            (samlscope_core::Kind::Response, _) => Some("Response".to_owned()),
            (kind, _) => Some(kind.label().to_owned()),
        };
        let future = in_the_future(at, now, skew);
        items.push(Item {
            id: "issue-instant",
            label: "Issued".to_owned(),
            note: whose,
            stamps: vec![Stamp {
                key: "IssueInstant",
                at,
            }],
            shape: Shape::Point(at),
            tone: if future { Tone::Bad } else { Tone::Neutral },
            flag: future.then(|| "in the future".to_owned()),
            certificate: false,
        });
        if let Some(a_at) = assertion_issued.filter(|&a| a != at) {
            let future = in_the_future(a_at, now, skew);
            items.push(Item {
                id: "assertion-issue-instant",
                label: "Assertion issued".to_owned(),
                note: Some("Assertion".to_owned()),
                stamps: vec![Stamp {
                    key: "IssueInstant",
                    at: a_at,
                }],
                shape: Shape::Point(a_at),
                tone: if future { Tone::Bad } else { Tone::Neutral },
                flag: future.then(|| "in the future".to_owned()),
                certificate: false,
            });
        }
    }

    if let Some(a) = assertion {
        // Conditions.
        if let Some(c) = a.conditions.first() {
            let from = c.not_before.as_ref().and_then(|t| t.at);
            let to = c.not_on_or_after.as_ref().and_then(|t| t.at);
            if from.is_some() || to.is_some() {
                let mut stamps = Vec::new();
                push_stamp(&mut stamps, "NotBefore", from);
                push_stamp(&mut stamps, "NotOnOrAfter", to);
                let (tone, flag) = window_flag(Window::at(from, to, now, skew));
                items.push(Item {
                    id: "conditions",
                    label: "Conditions".to_owned(),
                    note: Some("the assertion's validity".to_owned()),
                    stamps,
                    shape: Shape::Bar { from, to },
                    tone,
                    flag: Some(flag),
                    certificate: false,
                });
            }
        }
        // The bearer SubjectConfirmationData.
        if let Some(data) = a
            .subject
            .iter()
            .flat_map(|subject| &subject.confirmations)
            .find(|c| c.is_bearer())
            .and_then(|c| c.data.as_ref())
        {
            let from = data.not_before.as_ref().and_then(|t| t.at);
            let to = data.not_on_or_after.as_ref().and_then(|t| t.at);
            if from.is_some() || to.is_some() {
                let mut stamps = Vec::new();
                push_stamp(&mut stamps, "NotBefore", from);
                push_stamp(&mut stamps, "NotOnOrAfter", to);
                let (tone, flag) = window_flag(Window::at(from, to, now, skew));
                let start = from.or(assertion_issued).or(issued);
                items.push(Item {
                    id: "bearer",
                    label: "Bearer confirmation".to_owned(),
                    note: Some(if from.is_some() {
                        "SubjectConfirmationData".to_owned()
                    } else {
                        "SubjectConfirmationData, drawn from IssueInstant".to_owned()
                    }),
                    stamps,
                    shape: Shape::Bar { from: start, to },
                    tone,
                    flag: Some(flag),
                    certificate: false,
                });
            }
        }
        // The AuthnStatement: when the user signed in, and until when the session may last.
        if let Some(st) = a.authn_statements.first() {
            let authn = st.authn_instant.as_ref().and_then(|t| t.at);
            let until = st.session_not_on_or_after.as_ref().and_then(|t| t.at);
            let mut stamps = Vec::new();
            push_stamp(&mut stamps, "AuthnInstant", authn);
            push_stamp(&mut stamps, "SessionNotOnOrAfter", until);
            match (authn, until) {
                (_, Some(until)) => {
                    // As `session-expired` judges it: ended once past the skew.
                    let window = Window::at(None, Some(until), now, skew);
                    items.push(Item {
                        id: "session",
                        label: "Session".to_owned(),
                        note: Some("AuthnStatement".to_owned()),
                        stamps,
                        shape: Shape::Bar {
                            from: authn,
                            to: Some(until),
                        },
                        tone: match window {
                            Window::Expired => Tone::Warn,
                            Window::ExpiredWithinSkew => Tone::Neutral,
                            _ => Tone::Ok,
                        },
                        flag: Some(
                            match window {
                                Window::Expired => "ended",
                                Window::ExpiredWithinSkew => "ended, within the skew",
                                _ => "open",
                            }
                            .to_owned(),
                        ),
                        certificate: false,
                    });
                }
                (Some(at), None) => {
                    let future = in_the_future(at, now, skew);
                    items.push(Item {
                        id: "authn-instant",
                        label: "Signed in".to_owned(),
                        note: Some("AuthnStatement, no SessionNotOnOrAfter".to_owned()),
                        stamps,
                        shape: Shape::Point(at),
                        tone: if future { Tone::Bad } else { Tone::Neutral },
                        flag: future.then(|| "in the future".to_owned()),
                        certificate: false,
                    });
                }
                (None, None) => {}
            }
        }
    }

    // Metadata validUntil, judged as `metadata-expired` judges it.
    if let Some(until) = s.valid_until {
        let expired = valid_until_passed(until, now);
        items.push(Item {
            id: "valid-until",
            label: "Metadata valid until".to_owned(),
            note: Some(report.kind.label().to_owned()),
            stamps: vec![Stamp {
                key: "validUntil",
                at: until,
            }],
            shape: Shape::Bar {
                from: issued,
                to: Some(until),
            },
            tone: if expired { Tone::Bad } else { Tone::Ok },
            flag: Some(if expired { "expired" } else { "valid" }.to_owned()),
            certificate: false,
        });
    }
    items
}

/// Whether the certificate is the one a signature of the message was verified with.
fn signs(report: &Report, cert: &CertificateInfo) -> bool {
    report.signatures.iter().any(|s| {
        s.key
            .as_ref()
            .and_then(|k| k.certificate.as_ref())
            .or(s.embedded_certificate.as_ref())
            .is_some_and(|c| c.sha256 == cert.sha256)
    })
}

fn certificate_items(report: &Report, now: Timestamp) -> Vec<Item> {
    report
        .summary
        .certificates
        .iter()
        .take(MAX_CERTIFICATES)
        .map(|cert| {
            let (tone, flag) = match cert.validity_at(now) {
                Validity::NotYetValid => (Tone::Bad, "not yet valid".to_owned()),
                Validity::Expired => (Tone::Bad, "expired".to_owned()),
                // As `certificate-expiring` judges it.
                Validity::Valid if cert.expires_soon(now) => (
                    Tone::Warn,
                    format!(
                        "expires in {}",
                        duration_words(cert.not_after.seconds_since(now))
                    ),
                ),
                Validity::Valid => (Tone::Ok, "valid".to_owned()),
            };
            let cn = cert
                .common_name
                .as_deref()
                .unwrap_or(&cert.subject)
                .to_owned();
            Item {
                id: "certificate",
                label: if signs(report, cert) {
                    "Signing certificate".to_owned()
                } else {
                    "Certificate".to_owned()
                },
                note: Some(cn),
                stamps: vec![
                    Stamp {
                        key: "notBefore",
                        at: cert.not_before,
                    },
                    Stamp {
                        key: "notAfter",
                        at: cert.not_after,
                    },
                ],
                shape: Shape::Bar {
                    from: Some(cert.not_before),
                    to: Some(cert.not_after),
                },
                tone,
                flag: Some(flag),
                certificate: true,
            }
        })
        .collect()
}

// ---- the scale ---------------------------------------------------------------------------

/// A stretch of time drawn linearly between two x positions (percent of the track).
#[derive(Clone, Copy, Debug)]
struct Segment {
    t0: f64,
    t1: f64,
    x0: f64,
    x1: f64,
}

impl Segment {
    fn x(&self, t: f64) -> f64 {
        if self.t1 <= self.t0 {
            return f64::midpoint(self.x0, self.x1);
        }
        self.x0 + (t - self.t0) / (self.t1 - self.t0) * (self.x1 - self.x0)
    }
}

/// Time (milliseconds) → x (percent): linear, or two linear stretches with a break between
/// them when the message and "now" are far apart.
struct Scale {
    segments: Vec<Segment>,
    /// The break, in x, when there is one.
    gap: Option<(f64, f64)>,
}

#[allow(clippy::cast_precision_loss)] // display only
fn ms(t: Timestamp) -> f64 {
    t.unix_millis() as f64
}

impl Scale {
    /// A scale showing every time of `core` and `[now - skew, now + skew]`.
    fn new(core: &[Timestamp], now: Timestamp, skew_ms: f64) -> Self {
        let band = (ms(now) - skew_ms, ms(now) + skew_ms);
        let cluster = core
            .iter()
            .map(|&t| ms(t))
            .fold(None, |acc: Option<(f64, f64)>, t| {
                Some(acc.map_or((t, t), |(lo, hi)| (lo.min(t), hi.max(t))))
            });
        let Some(message) = cluster else {
            return Self::linear(band.0, band.1);
        };
        let len = |c: (f64, f64)| c.1 - c.0;
        let gap = (band.0 - message.1).max(message.0 - band.1);
        // A break only when the message's own times would be squeezed together: a single
        // instant (or times close to now) read well on one linear scale.
        if len(message) <= 0.0 || gap <= 3.0 * (len(message) + len(band)) {
            return Self::linear(message.0.min(band.0), message.1.max(band.1));
        }
        // Two stretches with a break: the message's times (most of the width), and now with
        // its skew band in the middle of some room either side.
        let pad = len(message) * 0.08;
        let message = (message.0 - pad, message.1 + pad);
        let room = (skew_ms * 4.0).max(600_000.0);
        let now_stretch = (ms(now) - room, ms(now) + room);
        const EDGE: f64 = 1.0;
        const GAP: f64 = 6.0;
        const MESSAGE_SHARE: f64 = 0.62;
        let avail = 100.0 - 2.0 * EDGE - GAP;
        let message_first = message.0 < now_stretch.0;
        let (left, right, share) = if message_first {
            (message, now_stretch, MESSAGE_SHARE)
        } else {
            (now_stretch, message, 1.0 - MESSAGE_SHARE)
        };
        let split = EDGE + avail * share;
        Self {
            segments: vec![
                Segment {
                    t0: left.0,
                    t1: left.1,
                    x0: EDGE,
                    x1: split,
                },
                Segment {
                    t0: right.0,
                    t1: right.1,
                    x0: split + GAP,
                    x1: 100.0 - EDGE,
                },
            ],
            gap: Some((split, split + GAP)),
        }
    }

    fn linear(lo: f64, hi: f64) -> Self {
        let pad = ((hi - lo) * 0.06).max(30_000.0);
        Self {
            segments: vec![Segment {
                t0: lo - pad,
                t1: hi + pad,
                x0: 0.0,
                x1: 100.0,
            }],
            gap: None,
        }
    }

    /// x (percent, possibly outside 0..100) of time `t` (milliseconds).
    fn x(&self, t: f64) -> f64 {
        let first = self.segments[0];
        let last = self.segments[self.segments.len() - 1];
        if t <= first.t1 {
            return first.x(t);
        }
        if t >= last.t0 {
            return last.x(t);
        }
        // In the break: across it, proportionally.
        let frac = (t - first.t1) / (last.t0 - first.t1);
        first.x1 + frac * (last.x0 - first.x1)
    }

    /// Tick marks: (x, label) for each stretch, with a step that gives a few per stretch
    /// (calendar months and years for long stretches).
    fn ticks(&self) -> Vec<(f64, String)> {
        const STEPS_S: [i64; 16] = [
            1, 5, 15, 30, 60, 300, 900, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400, 172_800,
            604_800,
        ];
        const STEPS_MONTHS: [i64; 8] = [1, 3, 6, 12, 24, 60, 120, 240];
        let mut out = Vec::new();
        for seg in &self.segments {
            let wanted = ((seg.x1 - seg.x0) / 100.0 * 6.0).round().max(1.0);
            let span_s = (seg.t1 - seg.t0) / 1000.0;
            #[allow(clippy::cast_precision_loss)]
            let step = STEPS_S
                .iter()
                .copied()
                .find(|&s| span_s / (s as f64) <= wanted);
            let mut push = |at: Timestamp, label: String| {
                let x = seg.x(ms(at));
                if (5.0..=95.0).contains(&x) {
                    out.push((x, label));
                }
            };
            if let Some(step) = step {
                #[allow(clippy::cast_possible_truncation)]
                let start = (seg.t0 / 1000.0).ceil() as i64;
                let mut t = start.div_euclid(step) * step;
                if t < start {
                    t += step;
                }
                #[allow(clippy::cast_precision_loss)]
                while (t as f64) * 1000.0 <= seg.t1 {
                    let at = Timestamp::from_unix_seconds(t);
                    push(at, tick_label(at, step));
                    t += step;
                }
            } else {
                // Whole months or years.
                let months = span_s / (30.44 * 86_400.0);
                #[allow(clippy::cast_precision_loss)]
                let n = STEPS_MONTHS
                    .iter()
                    .copied()
                    .find(|&n| months / (n as f64) <= wanted)
                    .unwrap_or(240);
                #[allow(clippy::cast_possible_truncation)]
                let first = month_index(Timestamp((seg.t0) as i64));
                let mut index = first.div_euclid(n) * n;
                while let Some(at) = month_start(index) {
                    if ms(at) > seg.t1 {
                        break;
                    }
                    if ms(at) >= seg.t0 {
                        let text = at.to_string();
                        let label = if n >= 12 { &text[..4] } else { &text[..7] };
                        push(at, label.to_owned());
                    }
                    index += n;
                }
            }
        }
        out
    }
}

/// Months since year 0 of `at` (UTC).
fn month_index(at: Timestamp) -> i64 {
    let text = at.to_string();
    let year: i64 = text.get(..4).and_then(|y| y.parse().ok()).unwrap_or(1970);
    let month: i64 = text.get(5..7).and_then(|m| m.parse().ok()).unwrap_or(1);
    year * 12 + month - 1
}

/// The first instant of month `index` (see [`month_index`]).
fn month_start(index: i64) -> Option<Timestamp> {
    let (year, month) = (index.div_euclid(12), index.rem_euclid(12) + 1);
    if !(1..=9999).contains(&year) {
        return None;
    }
    Timestamp::parse(&format!("{year:04}-{month:02}-01T00:00:00Z"))
}

/// "16:55", "16:57:30", "11-24 06:00", "2026-11-23".
fn tick_label(at: Timestamp, step: i64) -> String {
    let text = at.to_string(); // 2026-11-23T16:57:43Z
    if step < 60 {
        text.get(11..19).unwrap_or(&text).to_owned()
    } else if step < 86_400 {
        if text.get(11..16) == Some("00:00") {
            text.get(5..10).unwrap_or(&text).to_owned()
        } else {
            text.get(11..16).unwrap_or(&text).to_owned()
        }
    } else {
        text.get(0..10).unwrap_or(&text).to_owned()
    }
}

/// Writes a percentage with three decimals ("12.345%"), formatted from an integer (float
/// formatting would add several kilobytes to the wasm).
fn pct(m: &mut Markup, x: f64) {
    // Within ±101 %, so the thousandths fit an i32.
    let thousandths = (x.clamp(-1.0, 101.0) * 1000.0).round() as i32;
    let sign = if thousandths < 0 { "-" } else { "" };
    let t = thousandths.unsigned_abs();
    let _ = write!(m, "{sign}{}.{:03}%", t / 1000, t % 1000);
}

// ---- drawing -----------------------------------------------------------------------------

/// An attribute whose value is a percentage: `open` is its start (` x="`).
fn pct_attr(m: &mut Markup, open: &'static str, x: f64) {
    m.tag(open);
    pct(m, x);
    m.tag("\"");
}

/// A vertical line across the track at `x`, from `y1` down.
fn vline(m: &mut Markup, class: &'static str, x: f64, y1: &'static str) {
    m.tag("<line class=\"").tag(class).tag("\"");
    pct_attr(m, " x1=\"", x);
    pct_attr(m, " x2=\"", x);
    m.tag(" y1=\"").tag(y1).tag("\" y2=\"100%\"/>");
}

/// A rectangle the full height of the track, from `x`, `width` wide.
fn full_rect(m: &mut Markup, class: &'static str, x: f64, width: f64) {
    m.tag("<rect class=\"").tag(class).tag("\"");
    pct_attr(m, " x=\"", x);
    m.tag(" y=\"0\"");
    pct_attr(m, " width=\"", width);
    m.tag(" height=\"100%\"/>");
}

/// Opens the small `<svg>` a mark is drawn in, at `x` and mid-height; closed by
/// [`mark_path`].
fn overflow_start(m: &mut Markup, x: f64) {
    m.tag("<svg class=\"tl-overflow\"");
    pct_attr(m, " x=\"", x);
    m.tag(" y=\"50%\">");
}

/// `<path class="{class} {tone}" d="{d}"/>`, closing the `<svg>` it is drawn in.
fn mark_path(m: &mut Markup, class: &'static str, tone: &'static str, d: &'static str) {
    m.tag("<path class=\"").tag(class).tag(" ").tag(tone);
    m.tag("\" d=\"").tag(d).tag("\"/></svg>");
}

/// The layers every row shares: grid lines, the break, the skew band.
fn backdrop(m: &mut Markup, scale: &Scale, ticks: &[(f64, String)], band: (f64, f64)) {
    for (x, _) in ticks {
        vline(m, "tl-grid", *x, "0");
    }
    if let Some((g0, g1)) = scale.gap {
        full_rect(m, "tl-gap", g0, g1 - g0);
    }
    let (b0, b1) = (band.0.clamp(0.0, 100.0), band.1.clamp(0.0, 100.0));
    full_rect(m, "tl-band", b0, (b1 - b0).max(0.4));
}

fn mark(m: &mut Markup, item: &Item, scale: &Scale) {
    let tone = item.tone.class();
    match item.shape {
        Shape::Point(at) => {
            let x = scale.x(ms(at));
            if (0.0..=100.0).contains(&x) {
                overflow_start(m, x);
                mark_path(m, "tl-point", tone, "M0 -6 L6 0 L0 6 L-6 0 Z");
            }
        }
        Shape::Bar { from, to } => {
            let x0 = from.map_or(0.0, |t| scale.x(ms(t)));
            let x1 = to.map_or(100.0, |t| scale.x(ms(t)));
            let (a, b) = (x0.clamp(0.0, 100.0), x1.clamp(0.0, 100.0));
            let clipped_left = x0 < 0.0 || from.is_none();
            let clipped_right = x1 > 100.0 || to.is_none();
            if x1 < 0.0 || x0 > 100.0 {
                // Entirely outside the drawn range: an arrow at the edge it lies beyond.
                if x0 > 100.0 {
                    m.tag("<svg class=\"tl-overflow\" x=\"100%\" y=\"50%\">");
                    mark_path(m, "tl-arrow", tone, "M-12 -6 L-4 0 L-12 6");
                } else {
                    m.tag("<svg class=\"tl-overflow\" x=\"0%\" y=\"50%\">");
                    mark_path(m, "tl-arrow", tone, "M12 -6 L4 0 L12 6");
                }
                return;
            }
            m.tag("<rect class=\"tl-bar ").tag(tone);
            m.tag(if item.certificate { " is-cert\"" } else { "\"" });
            pct_attr(m, " x=\"", a);
            m.tag(" y=\"50%\"");
            pct_attr(m, " width=\"", (b - a).max(0.6));
            m.tag(" height=\"12\" rx=\"2\" transform=\"translate(0 -6)\"/>");
            if clipped_left {
                m.tag("<svg class=\"tl-overflow\" x=\"0%\" y=\"50%\">");
                mark_path(m, "tl-arrow", tone, "M9 -6 L3 0 L9 6");
            }
            if clipped_right {
                m.tag("<svg class=\"tl-overflow\" x=\"100%\" y=\"50%\">");
                mark_path(m, "tl-arrow", tone, "M-9 -6 L-3 0 L-9 6");
            }
        }
    }
}

fn stamp_line(m: &mut Markup, stamp: &Stamp, now: Timestamp) {
    let text = stamp.at.to_string();
    m.wrap("<div class=\"tl-stamp\"><dt>", stamp.key, "</dt><dd>");
    m.wrap("<time datetime=\"", &text, "\">");
    m.text(&text).tag("</time>");
    m.tag(if stamp.at < now {
        "<span class=\"rel is-past\">"
    } else {
        "<span class=\"rel is-future\">"
    });
    m.text(&relative(stamp.at, now)).tag("</span></dd></div>");
}

fn row(
    m: &mut Markup,
    item: &Item,
    scale: &Scale,
    ticks: &[(f64, String)],
    band: (f64, f64),
    now_x: f64,
    now: Timestamp,
) {
    let tone = item.tone.class();
    m.tag("<li class=\"tl-row ").tag(tone);
    m.wrap("\" data-item=\"", item.id, "\" data-tone=\"");
    m.text(item.tone.name()).tag("\">");
    m.wrap(
        "<div class=\"tl-text\"><p class=\"tl-label\"><span class=\"tl-name\">",
        &item.label,
        "</span>",
    );
    if let Some(flag) = &item.flag {
        m.tag("<span class=\"tl-flag ").tag(tone);
        m.wrap("\" data-flag=\"", flag, "\">");
        m.text(flag).tag("</span>");
    }
    if let Some(note) = &item.note {
        span(m, "tl-note", note);
    }
    m.tag("</p><dl class=\"tl-stamps\">");
    for stamp in &item.stamps {
        stamp_line(m, stamp, now);
    }
    m.tag(concat!(
        "</dl></div><div class=\"tl-track\">",
        "<svg class=\"tl-svg\" aria-hidden=\"true\" focusable=\"false\">"
    ));
    backdrop(m, scale, ticks, band);
    mark(m, item, scale);
    vline(m, "tl-now", now_x, "0");
    m.tag("</svg></div></li>");
}

/// The axis above the rows: tick labels, "now", the break.
fn axis(
    m: &mut Markup,
    scale: &Scale,
    ticks: &[(f64, String)],
    band: (f64, f64),
    now_x: f64,
    now: Timestamp,
    word: &str,
) {
    // Tick labels that would run into the "now" label are left out.
    let (clear_left, clear_right) = if now_x > 92.0 {
        (22.0, 2.0)
    } else if now_x < 8.0 {
        (2.0, 22.0)
    } else {
        (15.0, 15.0)
    };
    m.wrap(
        "<div class=\"tl-axis\" aria-hidden=\"true\"><div class=\"tl-axis-caption\">",
        &axis_caption(scale, now),
        "</div><div class=\"tl-track\"><svg class=\"tl-svg\">",
    );
    backdrop(m, scale, ticks, band);
    let labels = ticks
        .iter()
        .filter(|(x, _)| *x < now_x - clear_left || *x > now_x + clear_right)
        .filter(|(x, _)| {
            scale
                .gap
                .is_none_or(|(g0, g1)| *x < g0 - 5.0 || *x > g1 + 5.0)
        });
    for (x, label) in labels {
        m.tag("<text class=\"tl-tick\"");
        pct_attr(m, " x=\"", *x);
        m.wrap(" y=\"17\">", label, "</text>");
    }
    if let Some((g0, g1)) = scale.gap {
        overflow_start(m, f64::midpoint(g0, g1));
        m.tag("<path class=\"tl-break\" d=\"M-7 8 L-1 -8 M1 8 L7 -8\"/></svg>");
    }
    if (0.0..=100.0).contains(&now_x) {
        m.tag(if now_x > 92.0 {
            "<text class=\"tl-now-label is-end\""
        } else if now_x < 8.0 {
            "<text class=\"tl-now-label is-start\""
        } else {
            "<text class=\"tl-now-label\""
        });
        pct_attr(m, " x=\"", now_x);
        m.tag(" y=\"17\">").text(word).tag("</text>");
        vline(m, "tl-now", now_x, "21");
    }
    m.tag("</svg></div></div>");
}

/// "UTC", and the day of the stretch across the break when it is not today.
fn axis_caption(scale: &Scale, now: Timestamp) -> String {
    let today = now.to_string();
    let other = scale
        .segments
        .iter()
        .find(|seg| !(seg.t0..=seg.t1).contains(&ms(now)))
        .filter(|seg| seg.t1 - seg.t0 < 86_400_000.0);
    match (scale.gap, other) {
        (Some(_), Some(seg)) => {
            #[allow(clippy::cast_possible_truncation)]
            let day = Timestamp(f64::midpoint(seg.t0, seg.t1) as i64).to_string();
            let side = if seg.t1 < ms(now) { "before" } else { "after" };
            if day.get(..10) == today.get(..10) {
                "UTC".to_owned()
            } else {
                format!("UTC · {side} the break: {}", day.get(..10).unwrap_or(&day))
            }
        }
        _ => "UTC".to_owned(),
    }
}

/// The headline: the window every SP enforces (latest NotBefore, earliest NotOnOrAfter).
fn headline(m: &mut Markup, report: &Report, now: Timestamp, skew: i64) {
    let Some(message) = report.message.as_ref() else {
        return;
    };
    let window = samlscope_core::skew::window(message);
    if window.not_before.is_none() && window.not_on_or_after.is_none() {
        return;
    }
    let at = Window::at(window.not_before, window.not_on_or_after, now, skew);
    let (tone, _) = window_flag(at);
    m.tag("<p class=\"tl-headline ").tag(tone.class());
    m.tag("\" data-view=\"window\">");
    let _ = match (at, window.not_before, window.not_on_or_after) {
        (Window::NotYetValid | Window::NotYetWithinSkew, Some(nb), _) => write!(
            m,
            "The assertion becomes valid {} (at {nb}).",
            relative(nb, now)
        ),
        (Window::ExpiredWithinSkew | Window::Expired, _, Some(na)) => write!(
            m,
            "The assertion's window closed {} (at {na}).",
            relative(na, now)
        ),
        (_, _, Some(na)) => write!(
            m,
            "The assertion is within its window: {} left (until {na}).",
            duration_words(na.seconds_since(now))
        ),
        (_, _, None) => write!(m, "The assertion has no end time."),
    };
    m.tag(concat!(
        "<span class=\"tl-headline-note\"> The window is the latest NotBefore and the earliest ",
        "NotOnOrAfter of Conditions and the bearer confirmation.</span></p>"
    ));
}

/// Whether the SP libraries people use accept the message now, with their default clock skew
/// (`report.clock_skew`): a table, each row `data-sp` / `data-accepted`.
pub(crate) fn skew_acceptance(m: &mut Markup, report: &Report) {
    if report.clock_skew.is_empty() {
        return;
    }
    let accepted = report.clock_skew.iter().filter(|a| a.accepted).count();
    m.tag(concat!(
        "<section class=\"card view-card\" aria-labelledby=\"skew-title\" ",
        "data-view=\"clock-skew\"><h3 id=\"skew-title\" class=\"card-title\">",
        "Would common SP libraries accept it now?<span class=\"card-note\">"
    ));
    let _ = write!(
        m,
        "{accepted} of {} accept, with their default clock skew",
        report.clock_skew.len()
    );
    m.tag(concat!(
        "</span></h3><div class=\"table-scroll\"><table class=\"skew-table\"><thead><tr>",
        "<th scope=\"col\">Library</th><th scope=\"col\">Default skew</th>",
        "<th scope=\"col\">Verdict</th><th scope=\"col\">Why</th></tr></thead><tbody>"
    ));
    for a in &report.clock_skew {
        m.tag(if a.accepted {
            "<tr class=\"skew-row is-accepted\" data-accepted=\"true\" data-sp=\""
        } else {
            "<tr class=\"skew-row is-rejected\" data-accepted=\"false\" data-sp=\""
        });
        m.text(a.sp);
        m.wrap("\"><th scope=\"row\" class=\"skew-lib\">", a.sp, "</th>");
        m.tag("<td class=\"skew-secs\">");
        let _ = write!(m, "{} s", a.skew_seconds);
        m.tag(if a.accepted {
            "</td><td><span class=\"skew-verdict is-accepted\">accepts</span></td>"
        } else {
            "</td><td><span class=\"skew-verdict is-rejected\">rejects</span></td>"
        });
        m.wrap("<td class=\"skew-why\">", &a.reason, "</td></tr>");
    }
    m.tag("</tbody></table></div></section>");
}

/// The timeline card, or what is said when the message has no times.
fn timeline(m: &mut Markup, report: &Report, now: Timestamp) {
    let skew = i64::from(report.configuration.clock_skew_seconds);
    let mut items = message_items(report, now, skew);
    let certificates = certificate_items(report, now);
    let more_certificates = report
        .summary
        .certificates
        .len()
        .saturating_sub(MAX_CERTIFICATES);

    if items.is_empty() && certificates.is_empty() {
        m.tag("<div class=\"view-empty\" data-empty=\"timeline\"><p class=\"view-empty-title\">");
        let _ = write!(m, "This {} carries no times to check.", report.kind.label());
        m.tag(concat!(
            "</p><p class=\"view-empty-detail\">IssueInstant, Conditions, the bearer ",
            "confirmation, the session and certificate validity appear here when the input has ",
            "them.</p></div>"
        ));
        return;
    }
    // The scale follows the message's own times and now ± skew; certificates (often years
    // long) are drawn against it, cut at the edges, unless there is nothing else.
    let cert_times = certificates
        .iter()
        .flat_map(|i| i.stamps.iter().map(|s| s.at));
    let mut core: Vec<Timestamp> = items
        .iter()
        .flat_map(|i| i.stamps.iter().map(|s| s.at))
        .collect();
    if core.is_empty() {
        core.extend(cert_times);
    } else {
        // Certificate times close to the message's are drawn too, not cut off.
        let lo = core.iter().copied().chain([now]).min().unwrap_or(now);
        let hi = core.iter().copied().chain([now]).max().unwrap_or(now);
        let reach = hi.seconds_since(lo) / 2;
        let near: Vec<Timestamp> = cert_times
            .filter(|t| lo.seconds_since(*t) <= reach && t.seconds_since(hi) <= reach)
            .collect();
        core.extend(near);
    }
    #[allow(clippy::cast_precision_loss)]
    let skew_ms = skew as f64 * 1000.0;
    let scale = Scale::new(&core, now, skew_ms);
    let ticks = scale.ticks();
    let now_x = scale.x(ms(now));
    let band = (scale.x(ms(now) - skew_ms), scale.x(ms(now) + skew_ms));
    items.extend(certificates);
    let outside = items
        .iter()
        .filter(|i| matches!(i.tone, Tone::Bad | Tone::Warn))
        .count();

    m.tag(concat!(
        "<section class=\"card view-card\" aria-labelledby=\"timeline-title\" ",
        "data-view=\"timeline-chart\"><h3 id=\"timeline-title\" class=\"card-title\">",
        "Timeline<span class=\"card-note\">"
    ));
    let word = now_word(report.clock);
    let _ = write!(m, "{word} {now} · skew ± {skew} s");
    m.tag("</span></h3>");
    headline(m, report, now, skew);
    m.tag("<div class=\"tl\">");
    axis(m, &scale, &ticks, band, now_x, now, word);
    m.tag("<ol class=\"tl-rows\" aria-label=\"Times of the message, compared with ");
    m.text(report.clock.words()).tag("\">");
    for item in &items {
        row(m, item, &scale, &ticks, band, now_x, now);
    }
    m.tag(concat!(
        "</ol></div><p class=\"tl-legend\"><span class=\"tl-key-now\" aria-hidden=\"true\">",
        "</span>"
    ));
    m.text(word)
        .tag("<span class=\"tl-key-band\" aria-hidden=\"true\"></span>");
    let _ = write!(
        m,
        "± {skew} s clock skew (as configured; default {DEFAULT_CLOCK_SKEW_SECONDS} s)"
    );
    if scale.gap.is_some() {
        m.tag("<span class=\"tl-key-gap\" aria-hidden=\"true\"></span>time left out");
    }
    if outside > 0 {
        m.tag("<span class=\"tl-legend-count\">");
        let _ = write!(m, "{outside} outside their window");
        m.tag("</span>");
    }
    m.tag("</p>");
    if more_certificates > 0 {
        m.tag("<p class=\"note\">");
        let _ = write!(
            m,
            "… and {more_certificates} more certificates (see Signatures & certificates)."
        );
        m.tag("</p>");
    }
    m.tag("</section>");
}

/// The word the timeline marks its "now" with: the clock the times were judged at.
const fn now_word(clock: Clock) -> &'static str {
    match clock {
        Clock::Now => "now",
        Clock::Capture => "captured",
        Clock::IssueInstant => "issued",
        Clock::Custom => "chosen time",
    }
}

/// The Conditions tab. Written as [`Markup`] (it only shows the Report).
#[component]
pub fn TimelineView(props: &TimelineViewProps) -> Html {
    let inspection = &props.inspection;
    let report = &inspection.report;
    let mut m = Markup::new();
    m.tag("<div class=\"view view-timeline\"><h2 class=\"visually-hidden\">Conditions</h2>");
    timeline(&mut m, report, inspection.report.judged_at);
    skew_acceptance(&mut m, report);
    m.tag("</div>");
    markup_html(m)
}
