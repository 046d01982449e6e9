//! TODO: the claims view tab.

use std::rc::Rc;

use yew::prelude::*;

use crate::state::Inspection;

/// Props of [`ClaimsView`].
#[derive(Properties, PartialEq)]
pub struct ClaimsViewProps {
    /// The inspection shown.
    pub inspection: Rc<Inspection>,
}

/// The claims view tab.
#[component]
pub fn ClaimsView(props: &ClaimsViewProps) -> Html {
    let _ = &props.inspection;
    html! { <p class="muted">{ "Coming soon." }</p> }
}
