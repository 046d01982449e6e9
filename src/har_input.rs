//! HAR files in the page: the JSON is read by the browser's own `JSON.parse` (no JSON parser
//! in the wasm), the SAML messages are found and inspected by the core
//! ([`samlscope_core::har`]), each at its capture time.

use js_sys::{Array, JSON, Reflect};
use samlscope_core::Context;
use samlscope_core::har::{self, HarEntry};
use wasm_bindgen::JsCast as _;
use wasm_bindgen::JsValue;

use crate::state::HarCapture;

/// `value[key]`, or `undefined`.
fn field(value: &JsValue, key: &str) -> JsValue {
    Reflect::get(value, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn text(value: &JsValue, key: &str) -> Option<String> {
    field(value, key).as_string()
}

/// The entries of a HAR file, `None` when `bytes` is not a readable HAR.
fn entries(bytes: &[u8]) -> Option<Vec<HarEntry>> {
    let json = std::str::from_utf8(bytes).ok()?;
    let value = JSON::parse(json.trim_start_matches('\u{feff}')).ok()?;
    let entries: Array = field(&field(&value, "log"), "entries").dyn_into().ok()?;
    Some(
        entries
            .iter()
            .map(|entry| {
                let request = field(&entry, "request");
                let post = field(&request, "postData");
                let params = field(&post, "params")
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
                }
            })
            .collect(),
    )
}

/// The SAML messages of a HAR file, inspected, with the flow findings taken out of their
/// reports; `None` when `bytes` is not a readable HAR (the core then says what it is).
pub fn inspect_har(bytes: &[u8], ctx: &Context) -> Option<HarCapture> {
    if !har::is_har(bytes) {
        return None;
    }
    let entries = entries(bytes)?;
    let entry_count = entries.len();
    let messages = har::messages_in_entries(entries);
    let mut inspected = har::inspect_messages(messages, ctx);
    let flow = har::take_flow_findings(&mut inspected);
    Some(HarCapture {
        messages: inspected
            .into_iter()
            .map(|(message, report)| (message, std::rc::Rc::new(report)))
            .collect(),
        flow,
        entries: entry_count,
    })
}
