//! TODO: the configuration drawer (Entra's Basic SAML Configuration).

use std::rc::Rc;

use yew::prelude::*;

use crate::config::Config;
use crate::state::Inspection;

/// Props of [`ConfigDrawer`].
#[derive(Properties, PartialEq)]
pub struct ConfigDrawerProps {
    /// The current configuration.
    pub config: Rc<Config>,
    /// The latest inspection (for the suggested profile and the "Set up" values).
    pub inspection: Option<Rc<Inspection>>,
    /// The configuration changed.
    pub on_change: Callback<Config>,
    /// The drawer should close.
    pub on_close: Callback<()>,
}

/// The configuration drawer.
#[component]
pub fn ConfigDrawer(props: &ConfigDrawerProps) -> Html {
    let _ = props;
    html! {}
}
