//! TODO: the timeline view tab.

use std::rc::Rc;

use yew::prelude::*;

use crate::state::Inspection;

/// Props of [`TimelineView`].
#[derive(Properties, PartialEq)]
pub struct TimelineViewProps {
    /// The inspection shown.
    pub inspection: Rc<Inspection>,
}

/// The timeline view tab.
#[component]
pub fn TimelineView(props: &TimelineViewProps) -> Html {
    let _ = &props.inspection;
    html! { <p class="muted">{ "Coming soon." }</p> }
}
