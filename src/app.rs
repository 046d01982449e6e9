//! The application: state, the debounced inspection, and the page layout.

use std::rc::Rc;

use gloo::timers::callback::Timeout;
use samlscope_core::{Clock, Context, LineIndex, Timestamp, inspect};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::components::acceptance_view::AcceptanceView;
use crate::components::claims_view::ClaimsView;
use crate::components::config_drawer::ConfigDrawer;
use crate::components::empty_state::empty_state;
use crate::components::error_text_view::ErrorTextView;
use crate::components::findings_list::FindingsList;
use crate::components::har_flow::HarFlow;
use crate::components::header::header;
use crate::components::input_pane::{InputPane, LoadedFile};
use crate::components::rules_reference::RulesReference;
use crate::components::share_menu::ShareMenu;
use crate::components::signatures_view::SignaturesView;
use crate::components::static_html;
use crate::components::summary_view::SummaryView;
use crate::components::theme_toggle::ThemeToggle;
use crate::components::timeline_view::TimelineView;
use crate::components::verdict::verdict;
use crate::components::xml_view::XmlView;
use crate::config::Config;
use crate::examples::Example;
use crate::har_input::HarInput;
use crate::state::{
    Action, ClockChoice, Inspection, LARGE_INPUT_BYTES, MAX_INPUT_BYTES, Source, State,
    TOO_LARGE_ADVICE, Tab,
};

/// Runs the core on `source`. Synchronous: large inputs block the page while they are
/// inspected (the "working…" state is painted before). A HAR file's SAML messages are each
/// inspected at their capture time; the page shows one of them at a time.
fn run_inspection(
    revision: u64,
    source: &Source,
    config: &Config,
    clock: ClockChoice,
) -> Inspection {
    let started = js_sys::Date::now();
    #[allow(clippy::cast_possible_truncation)] // milliseconds since 1970 fit an i64
    let now = Timestamp(started as i64);
    let mut ctx = Context::new(
        clock
            .custom
            .filter(|_| clock.basis == Clock::Custom)
            .unwrap_or(now),
    );
    ctx.clock = if clock.basis == Clock::Custom && clock.custom.is_none() {
        Clock::Now
    } else {
        clock.basis
    };
    config.apply(&mut ctx);
    let (report, har) = match crate::har_input::inspect_har(source.bytes(), &ctx) {
        HarInput::Capture(capture) if !capture.messages.is_empty() => {
            let capture = Rc::new(capture);
            let shown = capture.first_to_show();
            (capture.messages[shown].1.clone(), Some((capture, shown)))
        }
        // A HAR without SAML messages: the core's reading of the file, and the panel saying so.
        HarInput::Capture(capture) => (
            Rc::new(inspect(source.bytes(), &ctx)),
            Some((Rc::new(capture), 0)),
        ),
        HarInput::Unreadable(why) => (
            Rc::new(samlscope_core::har::unreadable_report(source.bytes(), &why)),
            None,
        ),
        HarInput::NotHar if source.len() > MAX_INPUT_BYTES => (
            Rc::new(samlscope_core::too_large(
                source.len(),
                MAX_INPUT_BYTES,
                TOO_LARGE_ADVICE,
            )),
            None,
        ),
        HarInput::NotHar => (Rc::new(inspect(source.bytes(), &ctx)), None),
    };
    let lines = LineIndex::new(report.text());
    Inspection {
        revision,
        triage: samlscope_core::triage::triage(&report),
        acceptance: samlscope_core::sps::acceptance(&report),
        // Not a SAML message: perhaps an error line an SP or an IdP wrote.
        error_texts: if report.kind == samlscope_core::Kind::Unknown && har.is_none() {
            samlscope_core::errors::lookup(&String::from_utf8_lossy(source.bytes()))
        } else {
            Vec::new()
        },
        report,
        har,
        lines,
        took_ms: js_sys::Date::now() - started,
    }
}

/// The samlscope page.
#[component]
pub fn App() -> Html {
    let state = use_reducer(|| State {
        config: Rc::new(crate::config::load_remembered().unwrap_or_default()),
        ..State::default()
    });

    // Inspect each new input after its debounce; a newer input cancels the pending timer.
    {
        let dispatcher = state.dispatcher();
        let source = state.source.clone();
        let config = state.config.clone();
        let clock = state.clock;
        let delay = state.delay_ms;
        use_effect_with(state.revision, move |&revision| {
            // A paste, a drop or an example is inspected right away (no timer hop); typing
            // waits for a pause, and a file for the "working…" state to paint.
            let timer = source.and_then(|source| {
                if delay == 0 {
                    let inspection = run_inspection(revision, &source, &config, clock);
                    dispatcher.dispatch(Action::Inspected(Rc::new(inspection)));
                    None
                } else {
                    Some(Timeout::new(delay, move || {
                        let inspection = run_inspection(revision, &source, &config, clock);
                        dispatcher.dispatch(Action::Inspected(Rc::new(inspection)));
                    }))
                }
            });
            move || drop(timer)
        });
    }

    let on_input = {
        let dispatcher = state.dispatcher();
        Callback::from(move |(text, whole): (String, bool)| {
            dispatcher.dispatch(if whole {
                Action::PasteInput(text)
            } else {
                Action::SetInput(text)
            });
        })
    };
    let on_file = {
        let dispatcher = state.dispatcher();
        Callback::from(move |file: LoadedFile| {
            dispatcher.dispatch(Action::LoadFile {
                name: file.name,
                bytes: file.bytes,
            });
        })
    };
    let on_example = {
        let dispatcher = state.dispatcher();
        Callback::from(move |example: &'static Example| {
            dispatcher.dispatch(Action::LoadExample(example))
        })
    };
    let on_clear = {
        let dispatcher = state.dispatcher();
        Callback::from(move |()| dispatcher.dispatch(Action::Clear))
    };
    let on_select = {
        let dispatcher = state.dispatcher();
        Callback::from(move |index: usize| dispatcher.dispatch(Action::SelectFinding(index)))
    };
    let on_open_rules = {
        let dispatcher = state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::ShowRules(true)))
    };
    let on_close_rules = {
        let dispatcher = state.dispatcher();
        Callback::from(move |()| dispatcher.dispatch(Action::ShowRules(false)))
    };
    let on_show_har_message = {
        let dispatcher = state.dispatcher();
        Callback::from(move |index: usize| dispatcher.dispatch(Action::ShowHarMessage(index)))
    };

    // Keyboard shortcuts (ignored while typing in a field, and with Ctrl / Cmd / Alt).
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |()| {
            let listener = gloo::events::EventListener::new_with_options(
                &gloo::utils::document(),
                "keydown",
                gloo::events::EventListenerOptions::enable_prevent_default(),
                move |event| {
                    let Some(event) = event.dyn_ref::<KeyboardEvent>() else {
                        return;
                    };
                    let field = typing(event);
                    if event.ctrl_key() || event.meta_key() || event.alt_key() || field.is_some() {
                        if event.key() == "Escape" {
                            // Escape leaves the field, so that the shortcuts work again.
                            if let Some(field) = field {
                                let _ = field.blur();
                            }
                            dispatcher.dispatch(Action::ShowHelp(false));
                            dispatcher.dispatch(Action::ShowRules(false));
                        }
                        return;
                    }
                    let action = match event.key().as_str() {
                        "/" => {
                            focus(r#"textarea[aria-label="SAML message"]"#);
                            None
                        }
                        "j" | "n" => Some(Action::StepFinding(1)),
                        "k" | "p" => Some(Action::StepFinding(-1)),
                        "1" => Some(Action::SetTab(Tab::Findings)),
                        "2" => Some(Action::SetTab(Tab::Claims)),
                        "3" => Some(Action::SetTab(Tab::Timeline)),
                        "4" => Some(Action::SetTab(Tab::Signatures)),
                        "," => Some(Action::FlipConfig),
                        "c" => {
                            click(r#"[data-action="copy-xml"]"#);
                            None
                        }
                        "?" => Some(Action::ShowHelp(true)),
                        "Escape" => {
                            dispatcher.dispatch(Action::ShowRules(false));
                            Some(Action::ShowHelp(false))
                        }
                        _ => return,
                    };
                    event.prevent_default();
                    if let Some(action) = action {
                        dispatcher.dispatch(action);
                    }
                },
            );
            move || drop(listener)
        });
    }

    // A share link opened (at load, or pasted into the address bar later): restore its
    // message, then drop the fragment from the address bar so that the message does not stay
    // in the tab's URL and history.
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |()| {
            let restore = move || {
                let location = gloo::utils::window().location();
                let fragment = location.hash().unwrap_or_default();
                assert!(
                    fragment != crate::panic::TEST_FRAGMENT,
                    "the panic test fragment was opened"
                );
                if let Some(shared) = crate::share::from_fragment(&fragment) {
                    let config = shared.config.as_deref().map(Config::from_shared_form);
                    dispatcher.dispatch(Action::OpenShared(shared.text, config, shared.clock));
                    let here = format!(
                        "{}{}",
                        location.pathname().unwrap_or_default(),
                        location.search().unwrap_or_default()
                    );
                    if let Ok(history) = gloo::utils::window().history() {
                        let _ = history.replace_state_with_url(
                            &wasm_bindgen::JsValue::NULL,
                            "",
                            Some(&here),
                        );
                    }
                }
            };
            restore();
            let listener =
                gloo::events::EventListener::new(&gloo::utils::window(), "hashchange", move |_| {
                    restore()
                });
            move || drop(listener)
        });
    }

    let on_config = {
        let dispatcher = state.dispatcher();
        // A configuration received with a share link is not stored, nor does it remove the
        // one this device remembers, until the recipient ticks "Remember on this device".
        let received = state.received_config;
        Callback::from(move |config: Config| {
            if !received || config.remember {
                crate::config::persist(&config);
            }
            dispatcher.dispatch(Action::SetConfig(config));
        })
    };
    let on_clock = {
        let dispatcher = state.dispatcher();
        Callback::from(move |clock: ClockChoice| dispatcher.dispatch(Action::SetClock(clock)))
    };
    // Applying the suggested profile is a change of the configuration like any other (stored
    // or not by the same rule).
    let on_apply_profile = {
        let on_config = on_config.clone();
        let config = state.config.clone();
        Callback::from(move |name: String| {
            on_config.emit(Config {
                profile: name,
                ..(*config).clone()
            });
        })
    };
    let on_toggle_config = {
        let dispatcher = state.dispatcher();
        let open = state.config_open;
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::ToggleConfig(!open)))
    };
    let on_close_config = {
        let dispatcher = state.dispatcher();
        Callback::from(move |()| dispatcher.dispatch(Action::ToggleConfig(false)))
    };

    let pending = state.pending();
    let input_len = state.source.as_ref().map_or(0, |source| source.len());
    let file_note = match state.source.as_deref() {
        Some(Source::File {
            name,
            bytes,
            echo: None,
        }) => Some((name.clone(), bytes.len())),
        _ => None,
    };
    let inspection = state.inspection.clone();

    let working = pending.then(|| {
        let immediate = input_len >= LARGE_INPUT_BYTES;
        html! {
            <p class={if immediate { "working is-immediate" } else { "working" }} role="status">
                <span class="spinner" aria-hidden="true" />{ "Working…" }
            </p>
        }
    });

    let results = match (&state.source, &inspection) {
        (None, _) => empty_state(&on_example),
        (Some(_), None) => html! {
            <div class="results-placeholder">{ for working.clone() }</div>
        },
        (Some(_), Some(inspection)) => html! {
            <>
                { for working }
                <div class={if pending { "results is-stale" } else { "results" }}>
                    if inspection.har.is_some() {
                        <HarFlow inspection={inspection.clone()} on_show={on_show_har_message} />
                    }
                    if state.shared {
                        { shared_banner(&inspection.report, state.received_config) }
                    }
                    { verdict(inspection, state.clock, &on_clock, &on_apply_profile) }
                    { tabs(&state, inspection) }
                    <div
                        class="tab-panel"
                        role="tabpanel"
                        id={format!("panel-{}", state.tab.id())}
                        aria-labelledby={format!("tab-{}", state.tab.id())}
                        data-view={state.tab.id()}
                    >
                        { match state.tab {
                            Tab::Findings => html! {
                                <>
                                    <ErrorTextView inspection={inspection.clone()} />
                                    <FindingsList
                                        inspection={inspection.clone()}
                                        selected={state.selected}
                                        on_select={on_select.clone()}
                                        on_clock={on_clock.clone()}
                                    />
                                    <AcceptanceView inspection={inspection.clone()} />
                                    <SummaryView inspection={inspection.clone()} />
                                </>
                            },
                            Tab::Claims => html! { <ClaimsView inspection={inspection.clone()} /> },
                            Tab::Timeline => html! { <TimelineView inspection={inspection.clone()} /> },
                            Tab::Signatures => html! { <SignaturesView inspection={inspection.clone()} /> },
                        } }
                    </div>
                </div>
            </>
        },
    };

    let xml = match (&state.source, &inspection) {
        (Some(_), Some(inspection)) => html! {
            <XmlView inspection={inspection.clone()} selected={state.selected} focus_seq={state.focus_seq} />
        },
        _ => html! {},
    };

    let toolbar = html! {
        <>
                <button
                    type="button"
                    class={if state.config_open { "tool is-on" } else { "tool" }}
                    aria-expanded={if state.config_open { "true" } else { "false" }}
                    aria-controls="config-drawer"
                    data-action="configure"
                    onclick={on_toggle_config}
                >
                    { "Configure" }
                    if state.config.count() > 0 {
                        <span class="tool-count">{ state.config.count() }</span>
                    }
                </button>
                <ShareMenu
                    source={state.source.clone()}
                    inspection={inspection.clone()}
                    config={state.config.clone()}
                    clock={state.clock}
                />
                <ThemeToggle />
        </>
    };

    html! {
        <div class="app">
            { header(toolbar) }
            if state.config_open {
                <ConfigDrawer
                    config={state.config.clone()}
                    inspection={inspection.clone()}
                    on_change={on_config}
                    on_close={on_close_config}
                />
            }
            <main class={if state.source.is_none() { "workspace is-empty" } else { "workspace" }}>
                <div class="column column-input">
                    <InputPane
                        value={state.textarea_value()}
                        {file_note}
                        has_input={state.source.is_some()}
                        compact={inspection.is_some()}
                        {on_input}
                        {on_file}
                        on_example={on_example.clone()}
                        {on_clear}
                    />
                    { xml }
                </div>
                <div class="column column-results" aria-busy={if pending { "true" } else { "false" }}>
                    { results }
                </div>
            </main>
            if state.help_open {
                { shortcuts_help(&state) }
            }
            if state.rules_open {
                <RulesReference on_close={on_close_rules} />
            }
            <footer class="footer">
                <p>
                    { static_html(FOOTER) }
                    { " · " }
                    <button type="button" class="link-button" data-action="rules" onclick={on_open_rules}>{ "Rule reference" }</button>
                    { static_html(RULE_DOCS_LINK) }
                </p>
            </footer>
        </div>
    }
}

/// The note over a message opened from a share link: a redacted copy (the core knows one by
/// its placeholders) and, when it came along, the sender's configuration, kept in memory only.
fn shared_banner(report: &samlscope_core::Report, with_config: bool) -> Html {
    let redacted = report.is_redacted_copy();
    let mut m = crate::markup::Markup::new();
    m.tag(if redacted {
        "<p class=\"shared-banner\" role=\"note\" data-view=\"shared-banner\" data-redacted=\"true\"><strong>A redacted copy, from a share link.</strong> Masked values are placeholders, such as [redacted-name-id-1] or user1@redacted.example (equal values share one), so a signature over them cannot be checked."
    } else {
        "<p class=\"shared-banner\" role=\"note\" data-view=\"shared-banner\" data-redacted=\"false\"><strong>From a share link.</strong> The message as the sender pasted it, unredacted."
    });
    if with_config {
        m.tag(" It came with the sender&#39;s configuration, used on this page only: it is not remembered unless you tick “Remember on this device” in Configure.");
    }
    m.tag("</p>");
    crate::components::markup_html(m)
}

/// The footer's text (static: see [`static_html`]); the rule reference button follows it.
const FOOTER: &str = concat!(
    r#"<span>samlscope "#,
    env!("CARGO_PKG_VERSION"),
    r#" · runs entirely in this page · the examples are signed with a throwaway test key</span>"#,
);

/// The footer's link to every rule's documentation (`rules.html`, in a new tab; static).
const RULE_DOCS_LINK: &str = r#"<span> · <a class="link-button" href="rules.html" target="_blank" rel="noopener" data-link="rule-docs">Rule docs<span class="visually-hidden"> (opens in a new tab)</span></a></span>"#;

/// The keyboard shortcuts (static).
const SHORTCUTS: &str = concat!(
    r#"<h2 id="shortcuts-title" class="section-title">Keyboard shortcuts</h2>"#,
    r#"<dl class="fields">"#,
    r#"<div class="row"><dt><kbd>/</kbd></dt><dd>focus the SAML message input</dd></div>"#,
    r#"<div class="row"><dt><kbd>j  k</kbd></dt><dd>next / previous finding (shows it in the XML)</dd></div>"#,
    r#"<div class="row"><dt><kbd>1 – 4</kbd></dt><dd>Findings, Claims, Conditions, Signatures</dd></div>"#,
    r#"<div class="row"><dt><kbd>,</kbd></dt><dd>open or close Configure</dd></div>"#,
    r#"<div class="row"><dt><kbd>c</kbd></dt><dd>copy the decoded XML</dd></div>"#,
    r#"<div class="row"><dt><kbd>?</kbd></dt><dd>this help</dd></div>"#,
    r#"<div class="row"><dt><kbd>Esc</kbd></dt><dd>close; leave the input (the shortcuts work again)</dd></div>"#,
    r#"</dl>"#,
);

/// The tab bar of the results column (counts from the Report).
fn tabs(state: &UseReducerHandle<State>, inspection: &Inspection) -> Html {
    let report = &inspection.report;
    let count = |tab: Tab| match tab {
        Tab::Findings => Some(inspection.triage.shown()),
        Tab::Claims => Some(report.summary.attributes.len()),
        Tab::Timeline => None,
        Tab::Signatures => {
            Some(report.signatures.len() + usize::from(report.redirect_signature.is_some()))
        }
    };
    let buttons = Tab::ALL.iter().map(|&tab| {
        let dispatcher = state.dispatcher();
        let selected = state.tab == tab;
        let onclick = Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::SetTab(tab)));
        html! {
            <button
                type="button"
                role="tab"
                id={format!("tab-{}", tab.id())}
                class={if selected { "tab is-selected" } else { "tab" }}
                aria-selected={if selected { "true" } else { "false" }}
                aria-controls={format!("panel-{}", tab.id())}
                tabindex={if selected { "0" } else { "-1" }}
                data-tab={tab.id()}
                {onclick}
            >
                { tab.label() }
                if let Some(n) = count(tab) {
                    <span class="tab-count">{ n }</span>
                }
            </button>
        }
    });
    html! { <div class="tabs" role="tablist" aria-label="Views">{ for buttons }</div> }
}

/// The field a key press goes to (an input, text area, select or editable element: the
/// focused element, so the editing host of an editable region), if any: then it is not a
/// shortcut.
fn typing(event: &KeyboardEvent) -> Option<web_sys::HtmlElement> {
    let target = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok())?;
    let field = matches!(target.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
        || target.has_attribute("contenteditable");
    field.then_some(target)
}

fn focus(selector: &str) {
    if let Ok(Some(element)) = gloo::utils::document().query_selector(selector)
        && let Ok(element) = element.dyn_into::<web_sys::HtmlElement>()
    {
        let _ = element.focus();
    }
}

fn click(selector: &str) {
    if let Ok(Some(element)) = gloo::utils::document().query_selector(selector)
        && let Ok(element) = element.dyn_into::<web_sys::HtmlElement>()
    {
        element.click();
    }
}

/// The keyboard-shortcut help (`?`), closed with Escape or its button.
fn shortcuts_help(state: &UseReducerHandle<State>) -> Html {
    let close = {
        let dispatcher = state.dispatcher();
        Callback::from(move |_: MouseEvent| dispatcher.dispatch(Action::ShowHelp(false)))
    };
    html! {
        <div class="shortcuts" role="dialog" aria-modal="false" aria-labelledby="shortcuts-title" data-view="shortcuts">
            <div class="shortcuts-card">
                { static_html(SHORTCUTS) }
                <button type="button" class="tool" onclick={close}>{ "Close" }</button>
            </div>
        </div>
    }
}
