//! A HAR capture, as the CLI prints it: every SAML message's report in capture order, then the
//! findings about the flow (request ↔ response).
//!
//! JSON: `{"messages": [<report>, ...], "findings": [...]}`. Each report is the one of
//! [`super::json::to_value`] with `source` added (where in the capture the message was, and
//! what the app answered to it); each outer finding has `message_index`, the message its span
//! points into (`null` for the finding of an unreadable file).

use std::fmt::Write as _;

use serde_json::{Value, json};

use crate::finding::Finding;
use crate::har::{Capture, HarAnswer, HarMessage};
use crate::span::LineIndex;

/// The JSON object of a capture.
pub fn to_value(capture: &Capture) -> Value {
    let messages: Vec<Value> = capture
        .messages
        .iter()
        .map(|(m, r)| {
            let mut v = super::json::to_value(r);
            v["source"] = source_value(m);
            v
        })
        .collect();
    let findings: Vec<Value> = capture
        .flow
        .iter()
        .map(|(i, f)| {
            let mut v = super::json::finding_value(f, capture.messages[*i].1.text());
            v["message_index"] = json!(i);
            v
        })
        .collect();
    json!({"messages": messages, "findings": findings})
}

/// Pretty-printed JSON text of a capture.
pub fn json(capture: &Capture) -> String {
    serde_json::to_string_pretty(&to_value(capture)).unwrap_or_default()
}

/// Where a message was in the capture (`source`): its entry, method, URL and capture time, and
/// what the app answered to it.
fn source_value(m: &HarMessage) -> Value {
    let mut v = json!({
        "entry": m.entry,
        "method": m.method,
        "url": m.url,
        "captured_at": m.captured_at.map(|t| t.to_string()),
    });
    if let Some(answer) = &m.answer {
        v["answer"] = answer_value(answer);
    }
    v
}

/// What the app answered to the request that carried a response, as JSON (`source.answer`):
/// the status; a redirect's Location and whether it looks like an error page; the content type
/// of any other answer; the names of the cookies set, except for a success (2xx).
pub fn answer_value(answer: &HarAnswer) -> Value {
    let mut v = json!({ "status": answer.status() });
    if let Some(location) = answer.location() {
        v["location"] = location.into();
        v["location_is_error_page"] = answer.location_is_error_page().into();
    }
    if let Some(content_type) = answer.content_type() {
        v["content_type"] = content_type.into();
    }
    if answer.shows_cookies() {
        v["cookies_set"] = answer.cookies().into();
    }
    v
}

/// The text of a capture read from `source_name`: each message's report under a line that
/// says where it was captured (and what the app answered), then the findings about the flow.
pub fn text(capture: &Capture, source_name: &str) -> String {
    let Capture { messages, flow } = capture;
    let mut out = String::new();
    if messages.is_empty() {
        let _ = writeln!(
            out,
            "{source_name}: a HAR file with no SAML message (no SAMLRequest or SAMLResponse in any request)"
        );
    }
    for (i, (m, r)) in messages.iter().enumerate() {
        let at = m
            .captured_at
            .map_or(String::new(), |t| format!(", captured {t}"));
        let url = m
            .url
            .split_once('?')
            .map_or(m.url.as_str(), |(base, _)| base);
        let query = if m.url.contains('?') { "?…" } else { "" };
        let _ = writeln!(
            out,
            "── message {} of {} · HAR entry {}: {} {url}{query}{at}",
            i + 1,
            messages.len(),
            m.entry,
            m.method
        );
        if let Some(answer) = &m.answer {
            let _ = writeln!(out, "   answered {}", answer.describe());
        }
        out.push_str(&super::text::render(
            r,
            &format!("{source_name}#{}", m.entry),
        ));
        out.push('\n');
    }
    if !flow.is_empty() {
        out.push_str("── the flow (request ↔ response)\n");
        for (i, f) in flow {
            let (m, r) = &messages[*i];
            let index = LineIndex::new(r.text());
            out.push_str(&super::text::render_finding(
                f,
                r.text(),
                &index,
                &format!("{source_name}#{} (message {})", m.entry, i + 1),
            ));
            out.push('\n');
        }
    }
    out
}

/// The JSON object of a file that looks like a HAR but cannot be read as one (`finding` from
/// [`crate::har::unreadable`]): `{"messages": [], "findings": [<finding>]}`, the finding's
/// `message_index` `null`.
pub fn unreadable_to_value(finding: &Finding) -> Value {
    let mut v = super::json::finding_value(finding, "");
    v["message_index"] = Value::Null;
    json!({"messages": [], "findings": [v]})
}

/// Pretty-printed JSON text of [`unreadable_to_value`].
pub fn unreadable_json(finding: &Finding) -> String {
    serde_json::to_string_pretty(&unreadable_to_value(finding)).unwrap_or_default()
}

/// The text of a file `source_name` that looks like a HAR but cannot be read as one: a line
/// that says so, then its one finding.
pub fn unreadable_text(finding: &Finding, source_name: &str) -> String {
    let mut out = format!("{source_name}: a HAR file that cannot be read\n\n");
    out.push_str(&super::text::render_finding(
        finding,
        "",
        &LineIndex::new(""),
        source_name,
    ));
    out
}
