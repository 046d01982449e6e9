//! HAR files in the page: the JSON is read by the browser's own `JSON.parse` (no JSON parser
//! in the wasm), the SAML messages are found and inspected by the core
//! ([`samlscope_core::har`]), each at its capture time.

use js_sys::{Array, JSON, JsString, Reflect};
use samlscope_core::Context;
use samlscope_core::har::{self, HarAnswer, HarEntry};
use wasm_bindgen::JsCast as _;
use wasm_bindgen::JsValue;

use crate::state::{HarCapture, MAX_HAR_MESSAGES};

/// What an input is, as a HAR file.
pub enum HarInput {
    /// Not a HAR file (the core says what it is).
    NotHar,
    /// It looks like a HAR file but cannot be read as one: why.
    Unreadable(String),
    /// A HAR file, its SAML messages inspected.
    Capture(HarCapture),
}

/// `value[key]`, or `undefined`.
fn field(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn text(value: &JsValue, key: &str) -> Option<String> {
    field(value, key).as_string()
}

/// Whether a JavaScript string holds a SAML parameter (looked at without copying it into
/// the wasm: most entries of a HAR are not SAML).
fn names_saml(value: &JsValue) -> bool {
    value
        .dyn_ref::<JsString>()
        .is_some_and(|s| s.includes("SAMLRequest=", 0) || s.includes("SAMLResponse=", 0))
}

/// Whether a `postData.params` array has a SAMLRequest or SAMLResponse parameter.
fn params_name_saml(params: &JsValue) -> bool {
    params.dyn_ref::<Array>().is_some_and(|params| {
        params.iter().any(|p| {
            matches!(
                text(&p, "name").as_deref(),
                Some("SAMLRequest" | "SAMLResponse")
            )
        })
    })
}

/// What the server answered (an entry's `response`: its status, headers and content type),
/// read as the core reads it ([`har::messages`]): it keeps the status, a Location, a content
/// type and cookie names, never a value.
fn answer(response: &JsValue) -> Option<HarAnswer> {
    let mut answer = HarAnswer::new(field(response, "status").as_f64()?);
    if let Ok(headers) = field(response, "headers").dyn_into::<Array>() {
        for header in headers.iter() {
            if let (Some(name), Some(value)) = (text(&header, "name"), text(&header, "value")) {
                answer.header(&name, &value);
            }
        }
    }
    if let Some(mime) = text(&field(response, "content"), "mimeType") {
        answer.mime_type(&mime);
    }
    Some(answer)
}

/// The entries of a HAR file — the ones that may carry a SAML message, of which only the first
/// [`MAX_HAR_MESSAGES`] are copied (the others stand as empty entries, keeping the entry
/// numbers) — with how many more may carry one; or why it is not a readable HAR file (in the
/// core's words).
fn entries(bytes: &[u8]) -> Result<(Vec<HarEntry>, usize), String> {
    let json = std::str::from_utf8(bytes)
        .map_err(|e| format!("not a readable HAR file: not UTF-8 ({e})"))?;
    let value = JSON::parse(json.trim_start_matches('\u{feff}')).map_err(|e| {
        let why = e
            .dyn_ref::<js_sys::Error>()
            .map_or_else(|| "not JSON".to_owned(), |e| String::from(e.message()));
        format!("not a readable HAR file: {why}")
    })?;
    let entries: Array = field(&field(&value, "log"), "entries")
        .dyn_into()
        .map_err(|_| "not a HAR file: no log.entries array".to_owned())?;
    let mut copied = 0;
    let mut more = 0;
    let list = entries
        .iter()
        .map(|entry| {
            let request = field(&entry, "request");
            let post = field(&request, "postData");
            let params = field(&post, "params");
            let carries = names_saml(&field(&request, "url"))
                || names_saml(&field(&post, "text"))
                || params_name_saml(&params);
            if !carries {
                return HarEntry::default();
            }
            if copied == MAX_HAR_MESSAGES {
                more += 1;
                return HarEntry::default();
            }
            copied += 1;
            let params = params
                .dyn_into::<Array>()
                .map(|params| {
                    params
                        .iter()
                        .filter_map(|p| Some((text(&p, "name")?, text(&p, "value")?)))
                        .collect()
                })
                .unwrap_or_default();
            HarEntry {
                method: text(&request, "method").unwrap_or_else(|| "GET".to_owned()),
                url: text(&request, "url").unwrap_or_default(),
                started: text(&entry, "startedDateTime"),
                post_text: text(&post, "text"),
                post_params: params,
                answer: answer(&field(&entry, "response")),
            }
        })
        .collect();
    Ok((list, more))
}

/// The SAML messages of a HAR file (the first [`MAX_HAR_MESSAGES`]), inspected, each report
/// with its findings about the flow; apart, the findings about the whole capture (when it
/// holds more messages than are inspected, the one that says so).
pub fn inspect_har(bytes: &[u8], ctx: &Context) -> HarInput {
    if !har::is_har(bytes) {
        return HarInput::NotHar;
    }
    let (entries, more) = match entries(bytes) {
        Ok(entries) => entries,
        Err(why) => return HarInput::Unreadable(why),
    };
    let entry_count = entries.len();
    let messages = har::messages_in_entries(entries);
    let found = messages.len() + more;
    let har::Capture { mut messages, flow } =
        har::inspect_capture(messages, found, MAX_HAR_MESSAGES, ctx);
    // A finding about the flow (a response that answers another request …) is said once, with
    // the message it concerns, where the verdict and the counts include it; the flow section
    // keeps what concerns the whole capture.
    let mut about_capture = Vec::new();
    for (index, finding) in flow {
        match messages.get_mut(index) {
            Some((_, report)) if samlscope_core::rules::is_flow(finding.name()) => {
                report.findings.push(finding);
            }
            _ => about_capture.push((index, finding)),
        }
    }
    HarInput::Capture(HarCapture {
        messages: messages
            .into_iter()
            .map(|(message, report)| (message, std::rc::Rc::new(report)))
            .collect(),
        flow: about_capture,
        entries: entry_count,
    })
}
