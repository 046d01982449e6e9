//! Light / dark / system theme, chosen by the user (kept in memory for this page only).

use yew::prelude::*;

/// The theme choice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Theme {
    System,
    Light,
    Dark,
}

impl Theme {
    const fn next(self) -> Self {
        match self {
            Self::System => Self::Light,
            Self::Light => Self::Dark,
            Self::Dark => Self::System,
        }
    }

    const fn label(self) -> &'static str {
        match self {
            Self::System => "Theme: system",
            Self::Light => "Theme: light",
            Self::Dark => "Theme: dark",
        }
    }

    const fn icon(self) -> &'static str {
        match self {
            Self::System => "◐",
            Self::Light => "☀",
            Self::Dark => "☾",
        }
    }
}

/// Sets `data-theme` on the root element (removed for "system").
fn apply(theme: Theme) {
    let Some(root) = gloo::utils::document().document_element() else {
        return;
    };
    let _ = match theme {
        Theme::System => root.remove_attribute("data-theme"),
        Theme::Light => root.set_attribute("data-theme", "light"),
        Theme::Dark => root.set_attribute("data-theme", "dark"),
    };
}

/// The toolbar button cycling system → light → dark.
#[component]
pub fn ThemeToggle() -> Html {
    let theme = use_state(|| Theme::System);
    let onclick = {
        let theme = theme.clone();
        Callback::from(move |_: MouseEvent| {
            let next = theme.next();
            apply(next);
            theme.set(next);
        })
    };
    html! {
        <button
            type="button"
            class="tool tool-icon"
            data-action="theme"
            data-theme-choice={match *theme { Theme::System => "system", Theme::Light => "light", Theme::Dark => "dark" }}
            title={format!("{} (click to change)", theme.label())}
            aria-label={format!("{} (click to change)", theme.label())}
            {onclick}
        >
            <span aria-hidden="true">{ theme.icon() }</span>
        </button>
    }
}
