//! Light / dark / system theme, chosen by the user (kept in memory for this page only). The
//! button shows the theme on: its icon and its name.

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

    const fn id(self) -> &'static str {
        match self {
            Self::System => "system",
            Self::Light => "light",
            Self::Dark => "dark",
        }
    }

    /// What the button shows: the theme's icon and name.
    const fn shown(self) -> &'static str {
        match self {
            Self::System => "◐ System",
            Self::Light => "☀ Light",
            Self::Dark => "☾ Dark",
        }
    }

    /// The button's accessible name (its visible name in it).
    const fn label(self) -> &'static str {
        match self {
            Self::System => "Theme: system (click to change)",
            Self::Light => "Theme: light (click to change)",
            Self::Dark => "Theme: dark (click to change)",
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
            class="tool"
            data-action="theme"
            data-theme-choice={theme.id()}
            title={theme.label()}
            aria-label={theme.label()}
            {onclick}
        >
            { theme.shown() }
        </button>
    }
}
