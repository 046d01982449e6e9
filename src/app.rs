//! The application: state, the debounced inspection, and the page layout.

use std::rc::Rc;

use gloo::timers::callback::Timeout;
use samlscope_core::span::LineIndex;
use samlscope_core::{Context, Timestamp, inspect};
use yew::prelude::*;

use crate::components::empty_state::EmptyState;
use crate::components::findings_list::FindingsList;
use crate::components::header::Header;
use crate::components::input_pane::{InputPane, LoadedFile};
use crate::components::summary_view::SummaryView;
use crate::components::verdict::Verdict;
use crate::components::xml_view::XmlView;
use crate::examples::Example;
use crate::state::{Action, Inspection, LARGE_INPUT_BYTES, Source, State};

/// Runs the core on `source`. Synchronous: large inputs block the page while they are
/// inspected (the "working…" state is painted before).
fn run_inspection(revision: u64, source: &Source) -> Inspection {
    let started = js_sys::Date::now();
    #[allow(clippy::cast_possible_truncation)] // milliseconds since 1970 fit an i64
    let now = Timestamp(started as i64);
    let report = inspect(source.bytes(), &Context::new(now));
    let lines = LineIndex::new(report.text());
    Inspection {
        revision,
        report,
        lines,
        now,
        took_ms: js_sys::Date::now() - started,
    }
}

/// The samlscope page.
#[component]
pub fn App() -> Html {
    let state = use_reducer(State::default);

    // Inspect each new input after its debounce; a newer input cancels the pending timer.
    {
        let dispatcher = state.dispatcher();
        let source = state.source.clone();
        let delay = state.delay_ms;
        use_effect_with(state.revision, move |&revision| {
            let timer = source.map(|source| {
                Timeout::new(delay, move || {
                    let inspection = run_inspection(revision, &source);
                    dispatcher.dispatch(Action::Inspected(Rc::new(inspection)));
                })
            });
            move || drop(timer)
        });
    }

    let on_input = {
        let dispatcher = state.dispatcher();
        Callback::from(move |text: String| dispatcher.dispatch(Action::SetInput(text)))
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
            <p class={classes!("working", immediate.then_some("is-immediate"))} role="status">
                <span class="spinner" aria-hidden="true" />{ "Working…" }
            </p>
        }
    });

    let results = match (&state.source, &inspection) {
        (None, _) => html! { <EmptyState on_example={on_example.clone()} /> },
        (Some(_), None) => html! {
            <div class="results-placeholder">{ for working.clone() }</div>
        },
        (Some(_), Some(inspection)) => html! {
            <>
                { for working }
                <div class={classes!("results", pending.then_some("is-stale"))}>
                    <Verdict inspection={inspection.clone()} />
                    <FindingsList
                        inspection={inspection.clone()}
                        selected={state.selected}
                        on_select={on_select.clone()}
                    />
                    <SummaryView inspection={inspection.clone()} />
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

    html! {
        <div class="app">
            <Header />
            <main class={classes!("workspace", state.source.is_none().then_some("is-empty"))}>
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
            <footer class="footer">
                <p>
                    { "samlscope " }{ env!("CARGO_PKG_VERSION") }
                    { " · runs entirely in this page · the examples are signed with a throwaway test key" }
                </p>
            </footer>
        </div>
    }
}
