//! "Try an example": a small disclosure menu of the examples the project made itself.

use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::examples::{EXAMPLES, Example};

/// Props of [`ExamplesMenu`].
#[derive(Properties, PartialEq)]
pub struct ExamplesMenuProps {
    /// Called with the example picked.
    pub on_pick: Callback<&'static Example>,
}

/// A `<details>` menu listing the examples; it closes on pick, on Escape and on a click
/// elsewhere.
#[component]
pub fn ExamplesMenu(props: &ExamplesMenuProps) -> Html {
    let details = use_node_ref();

    // Close when clicking outside or pressing Escape.
    {
        let details = details.clone();
        use_effect_with((), move |()| {
            let document = gloo::utils::document();
            let click_details = details.clone();
            let on_click = EventListener::new(&document, "click", move |event| {
                let Some(menu) = click_details.cast::<web_sys::Element>() else {
                    return;
                };
                let inside = event
                    .target()
                    .and_then(|target| target.dyn_into::<web_sys::Node>().ok())
                    .is_some_and(|node| menu.contains(Some(&node)));
                if !inside {
                    let _ = menu.remove_attribute("open");
                }
            });
            let on_key = EventListener::new(&document, "keydown", move |event| {
                let escape = event
                    .dyn_ref::<KeyboardEvent>()
                    .is_some_and(|key| key.key() == "Escape");
                if let (true, Some(menu)) = (escape, details.cast::<web_sys::Element>()) {
                    let _ = menu.remove_attribute("open");
                }
            });
            move || drop((on_click, on_key))
        });
    }

    let items: Vec<Html> = EXAMPLES.into_iter().map(|example| {
        let on_pick = props.on_pick.clone();
        let details = details.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            if let Some(menu) = details.cast::<web_sys::Element>() {
                let _ = menu.remove_attribute("open");
            }
            on_pick.emit(example);
        });
        html! {
            <li role="none">
                <button type="button" role="menuitem" class="menu-item" data-example={example.id} {onclick}>
                    <span class="menu-item-title">{ example.title }</span>
                    <span class="menu-item-desc">{ example.description }</span>
                </button>
            </li>
        }
    }).collect();

    html! {
        <details class="menu" ref={details}>
            <summary class="button">{ "Try an example" }<span class="caret" aria-hidden="true" /></summary>
            <ul class="menu-panel" role="menu" aria-label="Examples">
                { for items }
            </ul>
        </details>
    }
}
