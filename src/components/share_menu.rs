//! TODO: "Copy redacted" and the share link.

use std::rc::Rc;

use yew::prelude::*;

use crate::config::Config;
use crate::state::{Inspection, Source};

/// Props of [`ShareMenu`].
#[derive(Properties, PartialEq)]
pub struct ShareMenuProps {
    /// The input.
    pub source: Option<Rc<Source>>,
    /// The latest inspection.
    pub inspection: Option<Rc<Inspection>>,
    /// The configuration.
    pub config: Rc<Config>,
}

/// The share menu.
#[component]
pub fn ShareMenu(props: &ShareMenuProps) -> Html {
    let _ = props;
    html! {}
}
