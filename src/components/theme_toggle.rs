//! Light / dark / system theme, chosen by the user (kept in memory for this page only). The
//! button shows the theme on: its icon and its name, and for "system" which one the system
//! gives (followed as it changes).

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

    /// The name shown on the button.
    const fn name(self) -> &'static str {
        match self {
            Self::System => "System",
            Self::Light => "Light",
            Self::Dark => "Dark",
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

/// The system's dark-mode query.
fn dark_query() -> Option<web_sys::MediaQueryList> {
    gloo::utils::window()
        .match_media("(prefers-color-scheme: dark)")
        .ok()
        .flatten()
}

/// The toolbar button cycling system → light → dark.
#[component]
pub fn ThemeToggle() -> Html {
    let theme = use_state(|| Theme::System);
    // Whether the system asks for dark, kept current.
    let system_dark = use_state(|| dark_query().is_some_and(|q| q.matches()));
    {
        let system_dark = system_dark.clone();
        use_effect_with((), move |()| {
            let listener = dark_query().map(|query| {
                let target = query.clone();
                gloo::events::EventListener::new(&target, "change", move |_| {
                    system_dark.set(query.matches());
                })
            });
            move || drop(listener)
        });
    }
    let onclick = {
        let theme = theme.clone();
        Callback::from(move |_: MouseEvent| {
            let next = theme.next();
            apply(next);
            theme.set(next);
        })
    };
    let label = match *theme {
        Theme::System => format!(
            "Theme: system, now {} (click to change)",
            if *system_dark { "dark" } else { "light" }
        ),
        on => format!("Theme: {} (click to change)", on.id()),
    };
    html! {
        <button
            type="button"
            class="tool tool-theme"
            data-action="theme"
            data-theme-choice={theme.id()}
            title={label.clone()}
            aria-label={label}
            {onclick}
        >
            <span class="tool-theme-icon" aria-hidden="true">{ theme.icon() }</span>
            { theme.name() }
        </button>
    }
}
