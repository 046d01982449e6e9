//! HAR files (HTTP Archive, what a browser's network tab exports): the SAML messages of a
//! captured sign-in, in the order they were sent, each with its capture time.
//!
//! A message is found in a request URL's query (HTTP-Redirect: `SAMLRequest` /
//! `SAMLResponse`) or in a form-encoded POST body (HTTP-POST). Each is then inspected on its
//! own, with "now" set to its capture time (the time the service provider saw it).
//!
//! Reading the JSON ([`messages`]) is separate from finding the messages in its entries
//! ([`messages_in_entries`]) and inspecting them ([`inspect_messages`]), so that the web page
//! can read the JSON with the browser's own parser and keep serde_json out of its download.
//! [`inspect_har`] (the command line) and [`inspect_capture`] (the page) judge a capture as a
//! whole: its messages' reports and the findings about the flow; the callers only render them.

use serde_json::Value;

use crate::context::{Clock, Context};
use crate::finding::Finding;
use crate::report::{Kind, Report};
use crate::time::Timestamp;

/// One SAML message found in a HAR.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HarMessage {
    /// Position of its entry in the HAR (0-based).
    pub entry: usize,
    /// HTTP method of the request that carried it.
    pub method: String,
    /// URL of that request.
    pub url: String,
    /// `startedDateTime` of the entry, when it parses.
    pub captured_at: Option<Timestamp>,
    /// What to inspect: the full URL (Redirect) or the form body (POST).
    pub input: String,
}

/// Whether `input` looks like a HAR file (a JSON object with a `log`).
pub fn is_har(input: &[u8]) -> bool {
    let head = &input[..input.len().min(4096)];
    let text = String::from_utf8_lossy(head);
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    trimmed.starts_with('{') && trimmed.contains("\"log\"")
}

fn carries_saml(text: &str) -> bool {
    carries(text, "SAMLRequest=") || carries(text, "SAMLResponse=")
}

/// Whether a query or form body has the parameter `name=`.
fn carries(text: &str, name: &str) -> bool {
    text.split(['?', '&']).any(|p| p.starts_with(name))
}

/// The parts of a HAR entry that can carry a SAML message.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HarEntry {
    /// `request.method` (`GET` when absent).
    pub method: String,
    /// `request.url`.
    pub url: String,
    /// `startedDateTime`.
    pub started: Option<String>,
    /// `request.postData.text`.
    pub post_text: Option<String>,
    /// `request.postData.params` (name, value), used when there is no `text`.
    pub post_params: Vec<(String, String)>,
}

/// The SAML messages of HAR entries, in entry order: one in the URL's query (Redirect), one in
/// the form body (POST), or both.
pub fn messages_in_entries(entries: impl IntoIterator<Item = HarEntry>) -> Vec<HarMessage> {
    let mut out = Vec::new();
    for (entry, e) in entries.into_iter().enumerate() {
        let captured_at = e.started.as_deref().and_then(Timestamp::parse);
        if carries_saml(&e.url) {
            out.push(HarMessage {
                entry,
                method: e.method.clone(),
                url: e.url.clone(),
                captured_at,
                input: e.url.clone(),
            });
        }
        let body = e.post_text.or_else(|| {
            (!e.post_params.is_empty()).then(|| {
                e.post_params
                    .iter()
                    .map(|(name, value)| format!("{name}={value}"))
                    .collect::<Vec<_>>()
                    .join("&")
            })
        });
        if let Some(body) = body.filter(|b| carries_saml(b)) {
            out.push(HarMessage {
                entry,
                method: e.method,
                url: e.url,
                captured_at,
                input: body,
            });
        }
    }
    out
}

/// The SAML messages of a HAR, in entry order.
///
/// # Errors
///
/// A one-line reason when the input is not a readable HAR.
pub fn messages(input: &[u8]) -> Result<Vec<HarMessage>, String> {
    let value: Value = serde_json::from_slice(input.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(input))
        .map_err(|e| {
            if e.to_string().starts_with("recursion limit exceeded") {
                format!(
                    "not a readable HAR file: its JSON nests deeper than 128 levels (at line {}, column {})",
                    e.line(),
                    e.column()
                )
            } else {
                format!("not a readable HAR file: {e}")
            }
        })?;
    let entries = value["log"]["entries"]
        .as_array()
        .ok_or_else(|| "not a HAR file: no log.entries array".to_owned())?;
    let text = |v: &Value| v.as_str().map(str::to_owned);
    Ok(messages_in_entries(entries.iter().map(|e| {
        let request = &e["request"];
        let post = &request["postData"];
        HarEntry {
            method: text(&request["method"]).unwrap_or_else(|| "GET".to_owned()),
            url: text(&request["url"]).unwrap_or_default(),
            started: text(&e["startedDateTime"]),
            post_text: text(&post["text"]),
            post_params: post["params"]
                .as_array()
                .map(|params| {
                    params
                        .iter()
                        .filter_map(|p| Some((text(&p["name"])?, text(&p["value"])?)))
                        .collect()
                })
                .unwrap_or_default(),
        }
    })))
}

/// Most SAML messages of one HAR that are inspected (a sign-in has a handful; a capture of a
/// whole working day a few hundred); the rest are counted (see [`inspect_capture`]).
pub const MAX_MESSAGES: usize = 1_000;

/// Most requests captured before a response that it is checked against: the latest ones (a
/// response answers a request of the last few seconds, not one of hundreds back).
pub const MAX_SENT_REQUESTS: usize = 8;

/// A HAR's SAML messages inspected: each with its report, and the findings about the flow.
#[derive(Clone, Debug, Default)]
pub struct Capture {
    /// The messages inspected, in capture order, each with its report (without the flow
    /// findings).
    pub messages: Vec<(HarMessage, Report)>,
    /// The findings about the flow, each with the index in `messages` of the message its span
    /// points into: first, when the capture holds more messages than were inspected, the
    /// `input-limit-exceeded` finding that says so (located in the last message inspected),
    /// then those of [`take_flow_findings`].
    pub flow: Vec<(usize, Finding)>,
}

/// Inspects every SAML message of a HAR (up to [`MAX_MESSAGES`]), each at its capture time (or
/// `ctx.now` when the entry has none): see [`inspect_capture`].
///
/// # Errors
///
/// A one-line reason when the input is not a readable HAR (see [`unreadable`]).
pub fn inspect_har(input: &[u8], ctx: &Context) -> Result<Capture, String> {
    let messages = messages(input)?;
    let found = messages.len();
    Ok(inspect_capture(messages, found, MAX_MESSAGES, ctx))
}

/// Inspects the first `max` (at most [`MAX_MESSAGES`]) of the SAML messages of a capture that
/// holds `found` (more than `messages` when the caller stopped collecting them), with
/// [`inspect_messages`], and takes the flow findings out of their reports. When fewer than
/// `found` were inspected, the flow findings start with the `input-limit-exceeded` finding
/// that says how many there are.
pub fn inspect_capture(
    mut messages: Vec<HarMessage>,
    found: usize,
    max: usize,
    ctx: &Context,
) -> Capture {
    messages.truncate(max);
    let mut messages = inspect_messages(messages, ctx);
    let mut flow = take_flow_findings(&mut messages);
    if let Some(f) = too_many_messages(found, messages.len()) {
        flow.insert(0, (messages.len().saturating_sub(1), f));
    }
    Capture { messages, flow }
}

/// Inspects SAML messages found in a HAR, each at its capture time (or `ctx.now` when it has
/// none), a response with the requests captured before it (the latest
/// [`MAX_SENT_REQUESTS`]). Only the first [`MAX_MESSAGES`] are inspected.
pub fn inspect_messages(messages: Vec<HarMessage>, ctx: &Context) -> Vec<(HarMessage, Report)> {
    let mut sent: std::collections::VecDeque<Vec<u8>> = std::collections::VecDeque::new();
    // The metadata is read once for all messages, and not copied for each.
    let read = crate::expectations::MetadataRead::read(ctx);
    let base = Context {
        idp_metadata: None,
        sp_metadata: None,
        ..ctx.clone()
    };
    messages
        .into_iter()
        .take(MAX_MESSAGES)
        .map(|m| {
            let mut at = base.clone();
            if let Some(t) = m.captured_at
                && matches!(at.clock, Clock::Now | Clock::Capture)
            {
                at.now = t;
                at.clock = Clock::Capture;
            }
            // The requests captured before a response are the ones it may answer (a request
            // answers none: it is read without them).
            if carries(&m.input, "SAMLResponse=") {
                at.requests.extend(sent.iter().cloned());
            }
            let report = crate::inspect::inspect_read(m.input.as_bytes(), &at, &read);
            if matches!(report.kind, Kind::AuthnRequest | Kind::LogoutRequest) {
                if sent.len() == MAX_SENT_REQUESTS {
                    sent.pop_front();
                }
                sent.push_back(m.input.as_bytes().to_vec());
            }
            (m, report)
        })
        .collect()
}

/// The `input-limit-exceeded` finding of a capture holding `found` SAML messages, of which
/// only `inspected` were inspected.
fn too_many_messages(found: usize, inspected: usize) -> Option<Finding> {
    (found > inspected).then(|| {
        crate::rules::input_limit_exceeded::har_finding(format!(
            "this HAR file holds {found} SAML messages; only the first {inspected} are inspected"
        ))
    })
}

/// The `input-undecodable` finding of a file that looks like a HAR but cannot be read as one
/// (`reason` from [`messages`]).
pub fn unreadable(reason: &str) -> Finding {
    crate::rules::input_undecodable::har_finding(reason)
}

/// The Report of a file that looks like a HAR but cannot be read as one: the finding of
/// [`unreadable`], and the start of the file as its text (at most 64 KB).
pub fn unreadable_report(input: &[u8], reason: &str) -> Report {
    let head = &input[..input.len().min(64 * 1024)];
    Report {
        source: String::from_utf8_lossy(head).into_owned(),
        input_len: input.len(),
        findings: vec![unreadable(reason)],
        ..Report::default()
    }
}

/// Moves the findings about the flow (request ↔ response: `in-response-to-mismatch`,
/// `unsolicited-response`, `authn-context-mismatch`, `name-id-format-mismatch`) out of the
/// messages' reports, each with the index of its message: the outer `findings` of a HAR.
pub fn take_flow_findings(messages: &mut [(HarMessage, Report)]) -> Vec<(usize, Finding)> {
    let mut flow = Vec::new();
    for (i, (_, report)) in messages.iter_mut().enumerate() {
        let (outer, inner): (Vec<Finding>, Vec<Finding>) = std::mem::take(&mut report.findings)
            .into_iter()
            .partition(|f| crate::rules::FLOW_RULES.contains(&f.name()));
        report.findings = inner;
        flow.extend(outer.into_iter().map(|f| (i, f)));
    }
    flow
}
