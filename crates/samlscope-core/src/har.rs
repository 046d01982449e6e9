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
    /// What the server answered to the request that carried a SAML response (the POST to the
    /// ACS): how the sign-in ended. `None` for requests, and when the entry has no response.
    pub answer: Option<HarAnswer>,
}

/// What a server answered to a request of a HAR (its `response`), reduced to what says how a
/// sign-in ended: the HTTP status; for a redirect (3xx) its Location, for any other answer its
/// content type; and, but for a success (2xx: its status and content type say all), the names
/// of the cookies it set. Cookie values and the values of other headers are never kept: they
/// are session secrets.
///
/// Built by a HAR reader from the entry's `response` ([`HarAnswer::new`] with its `status`,
/// [`header`](HarAnswer::header) for each of its `headers`, [`mime_type`](HarAnswer::mime_type)
/// with its `content.mimeType`). The headers are what browsers export in full: the `cookies`
/// list and `redirectURL` repeat the Set-Cookie and Location headers.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HarAnswer {
    status: u16,
    location: Option<String>,
    content_type: Option<String>,
    cookies: Vec<String>,
}

/// Most cookie names kept of one answer.
const MAX_COOKIES: usize = 16;
/// Longest cookie name kept (in bytes); a longer one is not a cookie name.
const MAX_COOKIE_NAME: usize = 128;

/// What in a Location's path or query says it is an error page (lowercase, searched ignoring
/// case: `AccessDenied` and `login_failed` match too), with the error statuses that pages are
/// named after (`/403.html`).
const ERROR_WORDS: &[&str] = &[
    "error",
    "denied",
    "fail",
    "unauthori",
    "notauthori",
    "not_authori",
    "not-authori",
    "forbidden",
    "invalid",
    "reject",
    "expired",
    "/401",
    "/403",
    "/500",
];

impl HarAnswer {
    /// An answer with the HTTP status `status` (`response.status`). A status outside
    /// 100–999 (browsers write 0 for a request that failed or got no response) is no answer.
    #[must_use]
    pub fn new(status: f64) -> Self {
        Self {
            // In range, so the cast is exact (a fraction is dropped).
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            status: if (100.0..1000.0).contains(&status) {
                status as u16
            } else {
                0
            },
            ..Self::default()
        }
    }

    /// Reads one response header (`response.headers[]`): the Location, the Content-Type
    /// (without its parameters) and the name of a Set-Cookie's cookie are kept; every other
    /// header, and every cookie value, is dropped.
    pub fn header(&mut self, name: &str, value: &str) {
        if name.eq_ignore_ascii_case("location") {
            let url = value.trim();
            if self.location.is_none() && !url.is_empty() {
                self.location = Some(url.to_owned());
            }
        } else if name.eq_ignore_ascii_case("content-type") {
            self.mime_type(value);
        } else if name.eq_ignore_ascii_case("set-cookie") {
            // Firefox joins several Set-Cookie headers with line feeds.
            for line in value.lines() {
                if let Some((cookie, _)) = line.split_once('=') {
                    self.cookie(cookie);
                }
            }
        }
    }

    /// The name of a cookie the response set, once.
    fn cookie(&mut self, name: &str) {
        let name = name.trim();
        let token = !name.is_empty()
            && name.len() <= MAX_COOKIE_NAME
            && name
                .bytes()
                .all(|b| b.is_ascii_graphic() && !b"()<>@,;:\\\"/[]?={}".contains(&b));
        if token && self.cookies.len() < MAX_COOKIES && !self.cookies.iter().any(|c| c == name) {
            self.cookies.push(name.to_owned());
        }
    }

    /// The content type (`response.content.mimeType`, or the Content-Type header; the first
    /// non-empty one is kept), without its parameters (`; charset=…`).
    pub fn mime_type(&mut self, mime: &str) {
        let mime = mime.split(';').next().unwrap_or_default().trim();
        if self.content_type.is_none() && !mime.is_empty() {
            self.content_type = Some(mime.to_owned());
        }
    }

    /// The HTTP status, or `None` when no answer was captured (the request failed, was
    /// blocked, or was still pending).
    #[must_use]
    pub const fn status(&self) -> Option<u16> {
        if self.status == 0 {
            None
        } else {
            Some(self.status)
        }
    }

    /// Whether the answer is a redirect (3xx) with a Location.
    #[must_use]
    pub fn is_redirect(&self) -> bool {
        (300..400).contains(&self.status) && self.location.is_some()
    }

    /// Where a redirect (3xx) sends the browser; `None` for any other answer.
    #[must_use]
    pub fn location(&self) -> Option<&str> {
        self.location.as_deref().filter(|_| self.is_redirect())
    }

    /// Whether the redirect's Location looks like an error page: its path or query says
    /// error, denied, failed, unauthorized, forbidden, invalid, rejected or expired, or starts
    /// a path segment with 401, 403 or 500.
    #[must_use]
    pub fn location_is_error_page(&self) -> bool {
        let Some(location) = self.location() else {
            return false;
        };
        // The host is left out (a host named "errors.example" is not an error page).
        let rest = location.split_once("://").map_or(location, |(_, rest)| {
            rest.find(['/', '?', '#']).map_or("", |at| &rest[at..])
        });
        ERROR_WORDS.iter().any(|word| {
            rest.as_bytes()
                .windows(word.len())
                .any(|at| at.eq_ignore_ascii_case(word.as_bytes()))
        })
    }

    /// What the app answered, in one line: `302 → https://…/login/error?… (looks like an
    /// error page) · cookies set: a, b`, `200 · text/html`, or that no answer was captured.
    #[must_use]
    pub fn describe(&self) -> String {
        let Some(status) = self.status() else {
            return "nothing (no response captured: the request failed or was blocked)".to_owned();
        };
        let mut line = status.to_string();
        if let Some(location) = self.location() {
            line = line + " → " + location;
            if self.location_is_error_page() {
                line.push_str(" (looks like an error page)");
            }
        }
        if let Some(content_type) = self.content_type() {
            line = line + " · " + content_type;
        }
        if self.shows_cookies() {
            line.push_str(if self.cookies.is_empty() {
                " · no Set-Cookie in the capture"
            } else {
                " · cookies set: "
            });
            line.push_str(&self.cookies.join(", "));
        }
        line
    }

    /// Whether the answer says the sign-in failed: an error status (4xx, 5xx) or a redirect to
    /// what looks like an error page.
    #[must_use]
    pub fn is_failure(&self) -> bool {
        self.status >= 400 || self.location_is_error_page()
    }

    /// The content type of an answer that is not a redirect.
    #[must_use]
    pub fn content_type(&self) -> Option<&str> {
        self.content_type.as_deref().filter(|_| !self.is_redirect())
    }

    /// The names of the cookies set by an answer that is not a success (2xx: its status and
    /// content type say all); empty when it set none.
    #[must_use]
    pub fn cookies(&self) -> &[String] {
        if self.shows_cookies() {
            &self.cookies
        } else {
            &[]
        }
    }

    /// Whether [`cookies`](Self::cookies) is part of this answer (every captured answer but a
    /// success, 2xx): an empty list then means no cookie was set.
    #[must_use]
    pub fn shows_cookies(&self) -> bool {
        self.status != 0 && !(200..300).contains(&self.status)
    }
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
    /// `response`, when there is one: what the server answered.
    pub answer: Option<HarAnswer>,
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
                answer: carries(&e.url, "SAMLResponse=")
                    .then(|| e.answer.clone())
                    .flatten(),
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
                answer: carries(&body, "SAMLResponse=")
                    .then_some(e.answer)
                    .flatten(),
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
        let response = &e["response"];
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
            answer: response["status"].as_f64().map(|status| {
                let mut answer = HarAnswer::new(status);
                for header in response["headers"].as_array().into_iter().flatten() {
                    if let (Some(name), Some(value)) =
                        (header["name"].as_str(), header["value"].as_str())
                    {
                        answer.header(name, value);
                    }
                }
                if let Some(mime) = response["content"]["mimeType"].as_str() {
                    answer.mime_type(mime);
                }
                answer
            }),
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

impl Capture {
    /// Whether a message or the flow has an error-severity finding (the CLI's exit status 1).
    pub fn has_errors(&self) -> bool {
        self.messages.iter().any(|(_, r)| r.has_errors())
            || self
                .flow
                .iter()
                .any(|(_, f)| f.severity == crate::finding::Severity::Error)
    }
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
            .partition(|f| crate::rules::is_flow(f.name()));
        report.findings = inner;
        flow.extend(outer.into_iter().map(|f| (i, f)));
    }
    flow
}
