//! TODO: the signatures view tab.

use std::rc::Rc;

use yew::prelude::*;

use crate::state::Inspection;

/// Props of [`SignaturesView`].
#[derive(Properties, PartialEq)]
pub struct SignaturesViewProps {
    /// The inspection shown.
    pub inspection: Rc<Inspection>,
}

/// The signatures view tab.
#[component]
pub fn SignaturesView(props: &SignaturesViewProps) -> Html {
    let _ = &props.inspection;
    html! { <p class="muted">{ "Coming soon." }</p> }
}
