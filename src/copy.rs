//! Every "Copy" button of the page, handled by one click listener on the document.
//!
//! A Copy button is markup ([`button`]): the text to copy is in its `data-copy-text`
//! attribute. [`install`] listens for clicks on such buttons, puts the text on the clipboard
//! (`navigator.clipboard`) and, once the browser confirms, says "Copied" for a moment, on the
//! button and in its polite status for assistive technology. No component, no state: a view
//! written as [`Markup`] can have Copy buttons.

use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use web_sys::Element;

use crate::markup::Markup;

/// How long a Copy button says "Copied", in milliseconds.
const COPIED_MS: u32 = 1600;

/// Writes a Copy button for `text`: `what` names what is copied ("value of user.mail"),
/// `kind` is its `data-copy` (a stable hook for tests).
pub fn button(m: &mut Markup, text: &str, what: &str, kind: &'static str) {
    m.tag("<span class=\"copy-wrap\"><button type=\"button\" class=\"copy\" data-copy=\"")
        .tag(kind)
        .wrap("\" data-copy-text=\"", text, "\" title=\"Copy the ")
        .text(what)
        .tag("\">Copy<span class=\"visually-hidden\"> the ")
        .text(what)
        .tag("</span></button><span class=\"visually-hidden\" role=\"status\"></span></span>");
}

/// Shows or clears "Copied" on a Copy button and its status.
fn show_copied(button: &Element, copied: bool) {
    let _ = button.set_attribute("class", if copied { "copy is-copied" } else { "copy" });
    if let Some(word) = button.first_child() {
        word.set_text_content(Some(if copied { "Copied" } else { "Copy" }));
    }
    if let Some(status) = button.next_element_sibling() {
        status.set_text_content(Some(if copied {
            "Copied to the clipboard"
        } else {
            ""
        }));
    }
}

/// Listens for clicks on Copy buttons, for the life of the page.
pub fn install() {
    let document = gloo::utils::document();
    EventListener::new(&document, "click", |event| {
        let Some(button) = event
            .target()
            .and_then(|target| target.dyn_into::<Element>().ok())
            .and_then(|target| target.closest("button[data-copy-text]").ok().flatten())
        else {
            return;
        };
        let text = button.get_attribute("data-copy-text").unwrap_or_default();
        write(
            &text,
            Box::new(move |done| {
                if done {
                    show_copied(&button, true);
                    Timeout::new(COPIED_MS, move || show_copied(&button, false)).forget();
                }
            }),
        );
    })
    .forget();
}

/// Puts `text` on the clipboard, then calls `then` with whether the browser did. (One boxed
/// callback for every caller: one copy of the asynchronous code in the page.)
pub fn write(text: &str, then: Box<dyn FnOnce(bool)>) {
    let promise = gloo::utils::window()
        .navigator()
        .clipboard()
        .write_text(text);
    wasm_bindgen_futures::spawn_local(async move {
        then(wasm_bindgen_futures::JsFuture::from(promise).await.is_ok());
    });
}
