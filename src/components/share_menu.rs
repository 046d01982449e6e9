//! "Share": copy or download a redacted copy of the message, or copy a share link.
//!
//! What is masked is decided by the core ([`samlscope_core::redact`]); this menu only says
//! which kinds of values to mask. The link carries the message in its `#fragment`
//! ([`crate::share`]), which browsers never send to a server: nothing leaves the page until
//! the user pastes the link somewhere.

use std::rc::Rc;

use gloo::events::EventListener;
use samlscope_core::redact::{RedactOptions, Redactor, redaction, share_refusal};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::config::Config;
use crate::share::{
    MAX_SHARED_BYTES, clock_fragment, config_fragment, deflate, fragment_from_deflated,
};
use crate::state::{ClockChoice, Inspection, Source};

/// Props of [`ShareMenu`].
#[derive(Properties, PartialEq)]
pub struct ShareMenuProps {
    /// The input.
    pub source: Option<Rc<Source>>,
    /// The latest inspection.
    pub inspection: Option<Rc<Inspection>>,
    /// The configuration.
    pub config: Rc<Config>,
    /// The clock times are judged at (a link carries it, unless it is now).
    pub clock: ClockChoice,
}

/// One "mask" checkbox: its id, label, and the option it sets.
struct MaskChoice {
    id: &'static str,
    label: &'static str,
    flag: fn(&mut RedactOptions) -> &mut bool,
}

const CHOICES: [MaskChoice; 8] = [
    MaskChoice {
        id: "name-id",
        label: "NameID",
        flag: |o| &mut o.name_id,
    },
    MaskChoice {
        id: "emails",
        label: "E-mail addresses",
        flag: |o| &mut o.emails,
    },
    MaskChoice {
        id: "names",
        label: "Names",
        flag: |o| &mut o.names,
    },
    MaskChoice {
        id: "attribute-values",
        label: "Attribute values",
        flag: |o| &mut o.attribute_values,
    },
    MaskChoice {
        id: "session-index",
        label: "SessionIndex",
        flag: |o| &mut o.session_index,
    },
    MaskChoice {
        id: "client-addresses",
        label: "Client IP addresses",
        flag: |o| &mut o.client_addresses,
    },
    MaskChoice {
        id: "signature-values",
        label: "Signature values",
        flag: |o| &mut o.signature_values,
    },
    MaskChoice {
        id: "tenant-id",
        label: "Tenant ID",
        flag: |o| &mut o.tenant_id,
    },
];

/// Feedback after an action (announced politely).
#[derive(Clone, PartialEq)]
struct Status {
    text: String,
    error: bool,
}

impl Status {
    fn ok(text: impl Into<String>) -> Option<Self> {
        Some(Self {
            text: text.into(),
            error: false,
        })
    }

    fn error(text: impl Into<String>) -> Option<Self> {
        Some(Self {
            text: text.into(),
            error: true,
        })
    }
}

/// Copies `text`, then reports `done` (or the browser's refusal) in `status`.
fn copy(text: String, done: String, status: UseStateHandle<Option<Status>>) {
    let promise = gloo::utils::window()
        .navigator()
        .clipboard()
        .write_text(&text);
    wasm_bindgen_futures::spawn_local(async move {
        match wasm_bindgen_futures::JsFuture::from(promise).await {
            Ok(_) => status.set(Status::ok(done)),
            Err(_) => status.set(Status::error(
                "The browser refused access to the clipboard: use Download instead.",
            )),
        }
    });
}

/// Offers `text` as a download named `name`, from memory (a Blob URL; nothing is sent).
fn download(text: &str, name: &str, mime: &str) -> bool {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return false;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return false;
    };
    let document = gloo::utils::document();
    let clicked = if let Ok(element) = document.create_element("a")
        && let Ok(anchor) = element.dyn_into::<web_sys::HtmlAnchorElement>()
    {
        anchor.set_href(&url);
        anchor.set_download(name);
        anchor.click();
        true
    } else {
        false
    };
    // Revoked once the download has started (revoking at once breaks it in some browsers).
    gloo::timers::callback::Timeout::new(10_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
    clicked
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The Share button and its panel.
#[component]
pub fn ShareMenu(props: &ShareMenuProps) -> Html {
    let open = use_state(|| false);
    let options = use_state(RedactOptions::default);
    let unredacted = use_state(|| false);
    let with_config = use_state(|| false);
    let status = use_state(|| None::<Status>);
    let root = use_node_ref();
    let button = use_node_ref();
    let panel = use_node_ref();

    let inspection = props.inspection.clone().filter(|_| props.source.is_some());
    // A private key is never shared, not even redacted (the core says so, and why).
    let refusal = inspection.as_ref().and_then(|i| share_refusal(&i.report));
    let inspection = inspection.filter(|_| refusal.is_none());
    let disabled = inspection.is_none();

    // Nothing to share any more: close.
    {
        let open = open.clone();
        use_effect_with(disabled, move |&disabled| {
            if disabled {
                open.set(false);
            }
        });
    }

    // While open: Escape closes and gives focus back to the button; a click elsewhere closes.
    // On opening, focus goes to the first checkbox.
    {
        let open = open.clone();
        let root = root.clone();
        let button = button.clone();
        let panel = panel.clone();
        let status = status.clone();
        use_effect_with(*open, move |&is_open| {
            let mut listeners = None;
            if is_open {
                if let Some(first) = panel
                    .cast::<web_sys::Element>()
                    .and_then(|p| p.query_selector("input").ok().flatten())
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = first.focus();
                }
                let document = gloo::utils::document();
                let click_open = open.clone();
                let on_click = EventListener::new(&document, "click", move |event| {
                    // The path as dispatched: the element clicked may have been re-rendered
                    // (and detached) since.
                    let inside = root
                        .get()
                        .is_some_and(|menu| event.composed_path().includes(&menu, 0));
                    if !inside {
                        click_open.set(false);
                    }
                });
                let on_key = EventListener::new(&document, "keydown", move |event| {
                    let escape = event
                        .dyn_ref::<KeyboardEvent>()
                        .is_some_and(|key| key.key() == "Escape");
                    if escape {
                        open.set(false);
                        if let Some(button) = button.cast::<web_sys::HtmlElement>() {
                            let _ = button.focus();
                        }
                    }
                });
                listeners = Some((on_click, on_key));
            } else {
                status.set(None);
            }
            move || drop(listeners)
        });
    }

    let toggle = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(!*open))
    };

    let checkboxes = CHOICES.iter().map(|choice| {
        let mut current = *options;
        let checked = *(choice.flag)(&mut current);
        let onchange = {
            let options = options.clone();
            let flag = choice.flag;
            Callback::from(move |event: Event| {
                let Some(input) = event.target_dyn_into::<web_sys::HtmlInputElement>() else {
                    return;
                };
                let mut next = *options;
                *flag(&mut next) = input.checked();
                options.set(next);
            })
        };
        let id = format!("share-mask-{}", choice.id);
        html! {
            <li>
                <input type="checkbox" id={id.clone()} data-mask={choice.id} {checked} {onchange} />
                <label for={id}>{ choice.label }</label>
            </li>
        }
    });

    let structured = inspection
        .as_ref()
        .is_none_or(|i| i.report.document.is_some());

    // A message of a HAR file: a link never carries the rest of the capture.
    let har_message = inspection.as_ref().is_some_and(|i| i.har.is_some());

    let on_copy_redacted = {
        let inspection = inspection.clone();
        let options = options.clone();
        let status = status.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(inspection) = &inspection else {
                return;
            };
            let redacted = redaction(&inspection.report, &options);
            let done = format!(
                "Copied the redacted message ({} masked).",
                plural(redacted.masked, "value", "values")
            );
            copy(redacted.text, done, status.clone());
        })
    };

    let on_download = {
        let inspection = inspection.clone();
        let options = options.clone();
        let status = status.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(inspection) = &inspection else {
                return;
            };
            let redacted = redaction(&inspection.report, &options);
            let (name, mime) = if redacted.structured {
                ("samlscope-redacted.xml", "application/xml;charset=utf-8")
            } else {
                ("samlscope-redacted.txt", "text/plain;charset=utf-8")
            };
            if download(&redacted.text, name, mime) {
                status.set(Status::ok(format!(
                    "Saved {name} ({} masked).",
                    plural(redacted.masked, "value", "values")
                )));
            }
        })
    };

    let configured = props.config.count() > 0;
    let on_copy_link = {
        let source = props.source.clone();
        let options = options.clone();
        let unredacted = unredacted.clone();
        let config = (*with_config && configured).then(|| props.config.clone());
        let clock = props.clock;
        let status = status.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(inspection) = &inspection else {
                return;
            };
            // Unredacted: the input exactly as given (its encoding layers, RelayState and
            // Redirect signature included) when it is text; else the decoded text. Of a HAR
            // file only the message shown: the capture holds the whole sign-in's cookies,
            // tokens and typed passwords, which never go into a link.
            // The configuration, when asked for, masked as the message is (one numbering).
            let (text, settings) = if *unredacted {
                let text = source
                    .as_deref()
                    .filter(|_| inspection.har.is_none())
                    .and_then(|s| std::str::from_utf8(s.bytes()).ok())
                    .map_or_else(|| inspection.report.text().to_owned(), str::to_owned);
                (
                    text,
                    config.as_ref().map(|c| c.shared_form(&mut str::to_owned)),
                )
            } else {
                let mut redactor = Redactor::new(*options);
                let text = redactor.redact(&inspection.report).text;
                let settings = config
                    .as_ref()
                    .map(|c| c.shared_form(&mut |v| redactor.redact_setting(v)));
                (text, settings)
            };
            if text.len().max(settings.as_ref().map_or(0, String::len)) > MAX_SHARED_BYTES {
                status.set(Status::error(
                    "This message is too large for a link (over 1 MB): use Download instead.",
                ));
                return;
            }
            let href = gloo::utils::window().location().href().unwrap_or_default();
            let base = href.split('#').next().unwrap_or_default().to_owned();
            let how = if *unredacted {
                "unredacted"
            } else {
                "redacted"
            };
            let status = status.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let Some(deflated) = deflate(&text).await else {
                    status.set(Status::error(
                        "This browser cannot compress a link (no CompressionStream): use Download instead.",
                    ));
                    return;
                };
                let mut link = format!("{base}{}", fragment_from_deflated(&deflated));
                if let Some(settings) = settings {
                    let Some(deflated) = deflate(&settings).await else {
                        return;
                    };
                    link.push_str(&config_fragment(&deflated));
                }
                link.push_str(&clock_fragment(clock));
                let done = format!(
                    "Copied a share link ({how}, {}).",
                    plural(link.len(), "character", "characters")
                );
                copy(link, done, status);
            });
        })
    };

    let on_unredacted = {
        let unredacted = unredacted.clone();
        Callback::from(move |event: Event| {
            if let Some(input) = event.target_dyn_into::<web_sys::HtmlInputElement>() {
                unredacted.set(input.checked());
            }
        })
    };

    let on_with_config = {
        let with_config = with_config.clone();
        Callback::from(move |event: Event| {
            if let Some(input) = event.target_dyn_into::<web_sys::HtmlInputElement>() {
                with_config.set(input.checked());
            }
        })
    };

    let panel_html = (*open).then(|| {
        html! {
            <div
                class="share-panel"
                id="share-panel"
                role="dialog"
                aria-modal="false"
                aria-labelledby="share-title"
                ref={panel.clone()}
            >
                <h2 id="share-title" class="share-title">{ "Share this message" }</h2>
                <fieldset class="share-mask">
                    <legend>{ "Mask before sharing" }</legend>
                    <ul class="share-choices">{ for checkboxes }</ul>
                    <p class="share-hint">
                        { "Masked values get numbered placeholders; equal values, equal placeholders. An unticked field is kept as written. Masking breaks the signatures of the copy." }
                    </p>
                </fieldset>
                if !structured {
                    <p class="share-warning" data-view="share-unstructured">
                        { "This input has no XML tree: only e-mail addresses are masked. Read it before sharing." }
                    </p>
                }
                <div class="share-actions">
                    <button type="button" class="button" data-action="copy-redacted" onclick={on_copy_redacted}>
                        { "Copy redacted" }
                    </button>
                    <button type="button" class="button" data-action="download-redacted" onclick={on_download}>
                        { "Download redacted .xml" }
                    </button>
                </div>
                <div class="share-link">
                    <button type="button" class="button" data-action="copy-link" onclick={on_copy_link}>
                        { if *unredacted { "Copy share link (unredacted)" } else { "Copy share link" } }
                    </button>
                    <div class="share-check">
                        <input
                            type="checkbox"
                            id="share-unredacted"
                            data-option="unredacted"
                            checked={*unredacted}
                            onchange={on_unredacted}
                        />
                        <label for="share-unredacted">{ "include unredacted message" }</label>
                    </div>
                    if configured {
                        <div class="share-check">
                            <input
                                type="checkbox"
                                id="share-config"
                                data-option="config"
                                checked={*with_config}
                                onchange={on_with_config}
                            />
                            <label for="share-config">{ "include my configuration (masked like the message, never a key), so that the recipient sees the same findings" }</label>
                        </div>
                    }
                    if *unredacted {
                        <p class="share-warning">
                            { if har_message {
                                "The link will carry the message shown, with every personal value in it (never the rest of the HAR file)."
                            } else {
                                "The link will carry the message as pasted, with every personal value in it."
                            } }
                        </p>
                    }
                    <p class="share-note">
                        { "The link carries the message in its #fragment, which browsers never send to a server." }
                    </p>
                </div>
                <p
                    class={if status.as_ref().is_some_and(|s| s.error) { "share-status is-error" } else { "share-status" }}
                    role="status"
                    aria-live="polite"
                >
                    { status.as_ref().map(|s| s.text.clone()).unwrap_or_default() }
                </p>
            </div>
        }
    });

    html! {
        <div class="share" ref={root}>
            <button
                type="button"
                class={if *open { "tool is-on" } else { "tool" }}
                aria-expanded={open.to_string()}
                aria-controls={open.then_some("share-panel")}
                aria-haspopup="dialog"
                data-action="share"
                title={refusal.unwrap_or(if disabled { "Paste a message first" } else { "Copy or download a redacted copy, or a share link" })}
                {disabled}
                onclick={toggle}
                ref={button}
            >
                { "Share" }<span class="caret" aria-hidden="true" />
            </button>
            // One child, present or not: the button is never re-created (focus stays on it).
            { panel_html.unwrap_or_default() }
        </div>
    }
}
