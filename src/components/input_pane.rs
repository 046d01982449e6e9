//! The input: one text area that takes paste, typing and dropped files, plus "Open file",
//! "Try an example" and "Clear".

use std::cell::RefCell;
use std::rc::Rc;

use gloo::file::callbacks::{FileReader, read_as_bytes};
use web_sys::{DragEvent, HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

use super::byte_size;
use super::examples_menu::ExamplesMenu;
use crate::examples::Example;

/// A file read from disk.
#[derive(Debug, PartialEq, Eq)]
pub struct LoadedFile {
    /// File name.
    pub name: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// Props of [`InputPane`].
#[derive(Properties, PartialEq)]
pub struct InputPaneProps {
    /// What the text area shows.
    pub value: Rc<str>,
    /// When the input is a file that is not shown in the text area: its name and size.
    #[prop_or_default]
    pub file_note: Option<(String, usize)>,
    /// Whether there is any input.
    pub has_input: bool,
    /// Whether results are showing (the text area is smaller then).
    pub compact: bool,
    /// The text area changed.
    pub on_input: Callback<(String, bool)>,
    /// A file was opened or dropped.
    pub on_file: Callback<LoadedFile>,
    /// An example was picked.
    pub on_example: Callback<&'static Example>,
    /// "Clear" was pressed.
    pub on_clear: Callback<()>,
}

/// Starts reading `file` as bytes; the reader is kept in `slot` (dropping it cancels).
fn read_file(
    file: web_sys::File,
    slot: &Rc<RefCell<Option<FileReader>>>,
    on_file: Callback<LoadedFile>,
    on_error: Callback<String>,
) {
    let name = file.name();
    let blob = gloo::file::File::from(file);
    let done = slot.clone();
    let reader = read_as_bytes(&blob, move |result| {
        done.borrow_mut().take();
        match result {
            Ok(bytes) => on_file.emit(LoadedFile { name, bytes }),
            Err(_) => on_error.emit(format!("Could not read {name}.")),
        }
    });
    *slot.borrow_mut() = Some(reader);
}

/// The input pane.
#[component]
pub fn InputPane(props: &InputPaneProps) -> Html {
    let reader = use_mut_ref(|| None::<FileReader>);
    let dragging = use_state(|| false);
    let error = use_state(|| None::<String>);

    let on_error = {
        let error = error.clone();
        Callback::from(move |message: String| error.set(Some(message)))
    };
    let on_file = {
        let error = error.clone();
        let on_file = props.on_file.clone();
        Callback::from(move |file: LoadedFile| {
            error.set(None);
            on_file.emit(file);
        })
    };

    let oninput = {
        let on_input = props.on_input.clone();
        Callback::from(move |event: InputEvent| {
            // A paste or drop is a whole message: inspect at once; typing is debounced.
            // (Read through Reflect: a synthetic `Event("input")` has no inputType at all.)
            let whole = js_sys::Reflect::get(&event, &"inputType".into())
                .ok()
                .and_then(|v| v.as_string())
                .is_some_and(|t| t.starts_with("insertFrom"));
            if let Some(area) = event.target_dyn_into::<HtmlTextAreaElement>() {
                on_input.emit((area.value(), whole));
            }
        })
    };

    let ondragover = {
        let dragging = dragging.clone();
        Callback::from(move |event: DragEvent| {
            let has_files = event
                .data_transfer()
                .is_some_and(|data| data.types().includes(&"Files".into(), 0));
            if has_files {
                event.prevent_default();
                dragging.set(true);
            }
        })
    };
    let ondragleave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let ondrop = {
        let dragging = dragging.clone();
        let reader = reader.clone();
        let on_file = on_file.clone();
        let on_error = on_error.clone();
        Callback::from(move |event: DragEvent| {
            dragging.set(false);
            let file = event
                .data_transfer()
                .and_then(|data| data.files())
                .and_then(|files| files.get(0));
            // Text drops fall through to the text area's own handling (an input event).
            if let Some(file) = file {
                event.prevent_default();
                read_file(file, &reader, on_file.clone(), on_error.clone());
            }
        })
    };

    let onchange = {
        Callback::from(move |event: Event| {
            let Some(input) = event.target_dyn_into::<HtmlInputElement>() else {
                return;
            };
            if let Some(file) = input.files().and_then(|files| files.get(0)) {
                read_file(file, &reader, on_file.clone(), on_error.clone());
            }
            // Allow opening the same file again.
            input.set_value("");
        })
    };

    let on_clear = {
        let on_clear = props.on_clear.clone();
        let error = error.clone();
        Callback::from(move |_: MouseEvent| {
            error.set(None);
            on_clear.emit(());
        })
    };

    let note = props.file_note.as_ref().map(|(name, size)| {
        html! {
            <p class="file-note" role="status">
                { "Inspecting the file " }<strong>{ name.clone() }</strong>{ format!(" ({}). ", byte_size(*size)) }
                { "Its text is not shown here; type, paste or drop to replace it." }
            </p>
        }
    });
    let error_note = (*error)
        .clone()
        .map(|message| html! { <p class="file-note is-error" role="alert">{ message }</p> });

    html! {
        <div class={if props.compact { "input-pane is-compact" } else { "input-pane" }}>
            <div class="pane-bar">
                <h2 class="pane-title">{ "Input" }</h2>
                <div class="actions">
                    <ExamplesMenu on_pick={props.on_example.clone()} />
                    <label class="button file-button">
                        <input type="file" class="visually-hidden" {onchange} />
                        { "Open file" }
                    </label>
                    <button type="button" class="button is-quiet" onclick={on_clear} disabled={!props.has_input}>
                        { "Clear" }
                    </button>
                </div>
            </div>
            { for note }
            { for error_note }
            <textarea
                class={if *dragging { "input is-drop-target" } else { "input" }}
                aria-label="SAML message"
                placeholder="Paste a SAMLResponse, a Redirect URL, an AuthnRequest, metadata or a certificate — or drop a file here (a HAR file too)"
                spellcheck="false"
                autocomplete="off"
                autocapitalize="off"
                value={AttrValue::from(props.value.clone())}
                {oninput}
                {ondragover}
                {ondragleave}
                {ondrop}
            />
        </div>
    }
}
