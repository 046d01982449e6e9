//! Application state and its reducer (the Yew todomvc pattern: one `State`, one `Action`).
//!
//! The reducer is pure: it never inspects. The app schedules an inspection (debounced) when
//! `revision` changes and comes back with [`Action::Inspected`]; stale results are dropped.

use std::rc::Rc;

use samlscope_core::har::HarMessage;
use samlscope_core::triage::Triage;
use samlscope_core::{Finding, LineIndex, Report, Severity};

use crate::config::Config;
use crate::examples::Example;

/// Debounce after typing or pasting, in milliseconds.
pub const TYPING_DEBOUNCE_MS: u32 = 150;
/// Delay before inspecting a loaded file: long enough for the "working…" state to paint.
pub const FILE_DELAY_MS: u32 = 40;
/// Inputs at least this large show the "working…" state at once (smaller ones only when
/// inspection takes noticeably long).
pub const LARGE_INPUT_BYTES: usize = 512 * 1024;
/// Files up to this size (and valid UTF-8) are shown in the text area; larger ones are only
/// named.
pub const MAX_FILE_ECHO_BYTES: usize = 2 * 1024 * 1024;

/// Largest input the page inspects (HAR files apart, whose JSON the browser reads and whose
/// messages are few): the page inspects on its main thread, and a bigger message would keep it
/// from painting for seconds. The command line reads up to 128 MB.
pub const MAX_INPUT_BYTES: usize = 32 * 1024 * 1024;

/// Most SAML messages of one HAR file the page inspects (the command line: 1,000).
pub const MAX_HAR_MESSAGES: usize = 200;

/// What the page says of an input over [`MAX_INPUT_BYTES`]: where it can be read.
pub const TOO_LARGE_ADVICE: &str = "this page inspects on its main thread, and would be busy for seconds: inspect the file with the command line (samlscope inspect FILE), which reads up to 128 MB";

/// Where the current input came from.
#[derive(Debug, PartialEq, Eq)]
pub enum Source {
    /// Typed or pasted into the text area.
    Text(Rc<str>),
    /// An example.
    Example(&'static Example),
    /// A file that was opened or dropped, kept as bytes (so that UTF-16 reaches the core
    /// intact).
    File {
        /// File name.
        name: String,
        /// Its bytes.
        bytes: Vec<u8>,
        /// Its text, when it is valid UTF-8 and small enough to show.
        echo: Option<Rc<str>>,
    },
}

impl Source {
    /// The bytes to inspect.
    pub fn bytes(&self) -> &[u8] {
        match self {
            Self::Text(text) => text.as_bytes(),
            Self::Example(example) => example.text().as_bytes(),
            Self::File { bytes, .. } => bytes,
        }
    }

    /// Size of the input in bytes.
    pub fn len(&self) -> usize {
        self.bytes().len()
    }

    /// Whether the input is empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The SAML messages of a HAR file, each inspected at its capture time.
#[derive(Debug)]
pub struct HarCapture {
    /// The messages in capture order, with their reports (which hold their findings about the
    /// flow: a response that answers no captured request …).
    pub messages: Vec<(HarMessage, Rc<Report>)>,
    /// Findings about the whole capture (more messages than the page inspects), each with the
    /// index of the message it is shown with.
    pub flow: Vec<(usize, Finding)>,
    /// How many entries (requests) the HAR holds.
    pub entries: usize,
}

impl HarCapture {
    /// The message shown first: the first one with an error, else the last one (the end of
    /// the sign-in, where it failed).
    pub fn first_to_show(&self) -> usize {
        let errors = |i: usize| {
            self.flow
                .iter()
                .any(|(m, f)| *m == i && f.severity == Severity::Error)
                || self.messages[i].1.has_errors()
        };
        (0..self.messages.len())
            .find(|&i| errors(i))
            .unwrap_or_else(|| self.messages.len().saturating_sub(1))
    }
}

/// The outcome of one inspection.
#[derive(Debug)]
pub struct Inspection {
    /// The revision of the input it belongs to.
    pub revision: u64,
    /// What the core found (for a HAR file: about the message shown).
    pub report: Rc<Report>,
    /// For a HAR file: its messages, and which one is shown.
    pub har: Option<(Rc<HarCapture>, usize)>,
    /// Line starts of `report.text()`, shared by the findings list and the XML view.
    pub lines: LineIndex,
    /// The core's ordering of the report for a reader: verdict, cards, an old copy's note.
    pub triage: Triage,
    /// Whether each SP implementation would accept the message (the core's prediction).
    pub acceptance: Vec<samlscope_core::sps::Acceptance>,
    /// The SP and IdP error texts the input holds, when it is not a SAML message.
    pub error_texts: Vec<samlscope_core::errors::Match>,
    /// How long `inspect` took, in milliseconds.
    pub took_ms: f64,
}

impl PartialEq for Inspection {
    /// Same input revision, and (for a HAR file) the same message shown.
    fn eq(&self, other: &Self) -> bool {
        self.revision == other.revision
            && self.har.as_ref().map(|(_, shown)| shown)
                == other.har.as_ref().map(|(_, shown)| shown)
    }
}

impl Inspection {
    /// The same inspection showing message `index` of its HAR capture (`None` without one,
    /// or for an index out of range).
    pub fn showing_har_message(&self, index: usize) -> Option<Self> {
        let (capture, _) = self.har.as_ref()?;
        let report = capture.messages.get(index)?.1.clone();
        Some(Self {
            revision: self.revision,
            lines: LineIndex::new(report.text()),
            triage: samlscope_core::triage::triage(&report),
            acceptance: samlscope_core::sps::acceptance(&report),
            error_texts: Vec::new(),
            report,
            har: Some((capture.clone(), index)),
            took_ms: self.took_ms,
        })
    }

    /// The 1-based line and column (in characters) of byte `offset` of the decoded text.
    pub fn position_of(&self, offset: usize) -> (usize, usize) {
        let position = self.lines.line_column(self.report.text(), offset);
        (position.line, position.column)
    }

    /// The 1-based line of byte `offset` of the decoded text.
    pub fn line_of(&self, offset: usize) -> usize {
        self.lines.line_column(self.report.text(), offset).line
    }
}

pub use crate::config::ClockChoice;

/// The views of the results column.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Tab {
    /// The verdict, the findings and the summary.
    #[default]
    Findings,
    /// The claims (attributes) table.
    Claims,
    /// The conditions timeline and clock-skew acceptance.
    Timeline,
    /// Signatures and certificates.
    Signatures,
}

impl Tab {
    /// Every tab, in order.
    pub const ALL: [Self; 4] = [
        Self::Findings,
        Self::Claims,
        Self::Timeline,
        Self::Signatures,
    ];

    /// The tab's label.
    pub const fn label(self) -> &'static str {
        match self {
            Self::Findings => "Findings",
            Self::Claims => "Claims",
            Self::Timeline => "Conditions",
            Self::Signatures => "Signatures & certificates",
        }
    }

    /// A stable identifier (element ids, `data-tab`).
    pub const fn id(self) -> &'static str {
        match self {
            Self::Findings => "findings",
            Self::Claims => "claims",
            Self::Timeline => "timeline",
            Self::Signatures => "signatures",
        }
    }
}

/// The whole state of the page.
#[derive(Debug, Default, PartialEq)]
pub struct State {
    /// The input (`None` when empty).
    pub source: Option<Rc<Source>>,
    /// Bumped on every input change.
    pub revision: u64,
    /// How long to wait before inspecting the current revision.
    pub delay_ms: u32,
    /// The latest inspection (possibly of an older revision while a new one is pending).
    pub inspection: Option<Rc<Inspection>>,
    /// The selected finding (index into `report.findings`).
    pub selected: Option<usize>,
    /// Bumped on every selection, so that selecting the same finding scrolls to it again.
    pub focus_seq: u32,
    /// The configuration the message is checked against.
    pub config: Rc<Config>,
    /// Whether the configuration drawer is open.
    pub config_open: bool,
    /// The view shown in the results column.
    pub tab: Tab,
    /// Whether the keyboard-shortcut help is shown.
    pub help_open: bool,
    /// Whether the rule reference is shown.
    pub rules_open: bool,
    /// The clock the time checks are judged at.
    pub clock: ClockChoice,
    /// The input came from a share link (its banner shows until the input changes).
    pub shared: bool,
    /// The configuration came with a share link: used in memory only, never stored (nor
    /// does it remove the recipient's remembered one) until "Remember on this device".
    pub received_config: bool,
}

/// Everything that can happen to the state.
#[derive(Debug)]
pub enum Action {
    /// The text area changed by typing (inspected after a short pause).
    SetInput(String),
    /// A whole text was pasted or dropped into the text area (inspected at once).
    PasteInput(String),
    /// A share link was opened: its message, and the sender's configuration if it has one.
    OpenShared(String, Option<Config>, ClockChoice),
    /// An example was picked.
    LoadExample(&'static Example),
    /// A file was opened or dropped.
    LoadFile {
        /// File name.
        name: String,
        /// Its bytes.
        bytes: Vec<u8>,
    },
    /// An inspection finished.
    Inspected(Rc<Inspection>),
    /// Another message of a HAR file was picked.
    ShowHarMessage(usize),
    /// A finding was clicked.
    SelectFinding(usize),
    /// The input was cleared.
    Clear,
    /// The configuration changed (re-inspects the input).
    SetConfig(Config),
    /// The configuration drawer was opened or closed.
    ToggleConfig(bool),
    /// Another view was chosen.
    SetTab(Tab),
    /// Select the next (+1) or previous (-1) finding, in display order (keyboard).
    StepFinding(i32),
    /// Open the configuration drawer if closed, close it if open (keyboard).
    FlipConfig,
    /// Show or hide the rule reference.
    ShowRules(bool),
    /// Show or hide the keyboard-shortcut help.
    ShowHelp(bool),
    /// Judge times at another clock (re-inspects the input).
    SetClock(ClockChoice),
}

impl State {
    /// Whether an inspection of the current input is still to come.
    pub fn pending(&self) -> bool {
        self.source.is_some()
            && self
                .inspection
                .as_ref()
                .is_none_or(|inspection| inspection.revision != self.revision)
    }

    /// The text to show in the text area (empty for a file too large, or not UTF-8, to show).
    pub fn textarea_value(&self) -> Rc<str> {
        match self.source.as_deref() {
            Some(Source::Text(text)) => text.clone(),
            Some(Source::Example(example)) => Rc::from(example.text()),
            Some(Source::File {
                echo: Some(echo), ..
            }) => echo.clone(),
            Some(Source::File { echo: None, .. }) | None => Rc::from(""),
        }
    }

    fn with_source(&self, source: Option<Source>, delay_ms: u32) -> Self {
        let revision = self.revision + 1;
        Self {
            source: source.map(Rc::new),
            revision,
            delay_ms,
            // Keep the previous result on screen (dimmed) until the new one arrives, unless
            // the input is now empty.
            inspection: self.inspection.clone(),
            selected: None,
            focus_seq: self.focus_seq,
            config: self.config.clone(),
            config_open: self.config_open,
            tab: self.tab,
            help_open: self.help_open,
            rules_open: self.rules_open,
            clock: self.clock,
            shared: false,
            received_config: self.received_config,
        }
        .cleared_if_empty()
    }

    /// A copy sharing the input, inspection and configuration.
    fn copy(&self) -> Self {
        Self {
            source: self.source.clone(),
            revision: self.revision,
            delay_ms: self.delay_ms,
            inspection: self.inspection.clone(),
            selected: self.selected,
            focus_seq: self.focus_seq,
            config: self.config.clone(),
            config_open: self.config_open,
            tab: self.tab,
            help_open: self.help_open,
            rules_open: self.rules_open,
            clock: self.clock,
            shared: self.shared,
            received_config: self.received_config,
        }
    }

    /// With `text` pasted (inspected at once).
    fn pasted(&self, text: String) -> Self {
        // A large paste waits for the "working…" state to paint, like a file.
        let delay = if text.len() >= LARGE_INPUT_BYTES {
            FILE_DELAY_MS
        } else {
            0
        };
        if text.is_empty() {
            self.with_source(None, 0)
        } else {
            self.with_source(Some(Source::Text(Rc::from(text))), delay)
        }
    }

    fn cleared_if_empty(mut self) -> Self {
        if self.source.is_none() {
            self.inspection = None;
        }
        self
    }
}

impl yew::Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let next = match action {
            Action::SetInput(text) => {
                if text.is_empty() {
                    self.with_source(None, 0)
                } else {
                    self.with_source(Some(Source::Text(Rc::from(text))), TYPING_DEBOUNCE_MS)
                }
            }
            Action::PasteInput(text) => self.pasted(text),
            Action::OpenShared(text, config, clock) => {
                let mut next = self.pasted(text);
                next.shared = next.source.is_some();
                next.clock = clock;
                if let Some(config) = config {
                    next.config = Rc::new(config);
                    next.received_config = true;
                }
                next
            }
            Action::LoadExample(example) => self.with_source(Some(Source::Example(example)), 0),
            Action::LoadFile { name, bytes } => {
                let echo = (bytes.len() <= MAX_FILE_ECHO_BYTES)
                    .then(|| std::str::from_utf8(&bytes).ok().map(Rc::from))
                    .flatten();
                let source = (!bytes.is_empty()).then_some(Source::File { name, bytes, echo });
                self.with_source(source, FILE_DELAY_MS)
            }
            Action::Inspected(inspection) => {
                if inspection.revision != self.revision || self.source.is_none() {
                    return self;
                }
                Self {
                    inspection: Some(inspection),
                    selected: None,
                    ..self.copy()
                }
            }
            Action::ShowHarMessage(index) => {
                let Some(next) = self
                    .inspection
                    .as_ref()
                    .and_then(|i| i.showing_har_message(index))
                else {
                    return self;
                };
                Self {
                    inspection: Some(Rc::new(next)),
                    selected: None,
                    ..self.copy()
                }
            }
            Action::SelectFinding(index) => Self {
                selected: Some(index),
                focus_seq: self.focus_seq.wrapping_add(1),
                ..self.copy()
            },
            Action::Clear => self.with_source(None, 0),
            Action::SetConfig(config) => {
                if *self.config == config {
                    return self;
                }
                let mut next = Self {
                    // Remembered now: the recipient asked, so it is theirs to store.
                    received_config: self.received_config && !config.remember,
                    config: Rc::new(config),
                    ..self.copy()
                };
                if next.source.is_some() {
                    next.revision += 1;
                    next.delay_ms = TYPING_DEBOUNCE_MS;
                }
                next
            }
            Action::SetClock(clock) => {
                if self.clock == clock {
                    return self;
                }
                let mut next = Self {
                    clock,
                    ..self.copy()
                };
                if next.source.is_some() {
                    next.revision += 1;
                    next.delay_ms = 0;
                }
                next
            }
            Action::ToggleConfig(open) => Self {
                config_open: open,
                ..self.copy()
            },
            Action::SetTab(tab) => Self { tab, ..self.copy() },
            Action::StepFinding(delta) => {
                let Some(order) = self.inspection.as_ref().map(|i| display_order(&i.triage)) else {
                    return self;
                };
                if order.is_empty() {
                    return self;
                }
                let position = self
                    .selected
                    .and_then(|s| order.iter().position(|&i| i == s));
                let len = i64::try_from(order.len()).unwrap_or(i64::MAX);
                let next = match position {
                    None if delta < 0 => len - 1,
                    None => 0,
                    Some(p) => (i64::try_from(p).unwrap_or(0) + i64::from(delta)).rem_euclid(len),
                };
                Self {
                    selected: usize::try_from(next)
                        .ok()
                        .and_then(|n| order.get(n).copied()),
                    focus_seq: self.focus_seq.wrapping_add(1),
                    tab: Tab::Findings,
                    ..self.copy()
                }
            }
            Action::FlipConfig => Self {
                config_open: !self.config_open,
                ..self.copy()
            },
            Action::ShowHelp(open) => Self {
                help_open: open,
                ..self.copy()
            },
            Action::ShowRules(open) => Self {
                rules_open: open,
                ..self.copy()
            },
        };
        Rc::new(next)
    }
}

/// The findings' indices in the order the list shows them: the triage's cards (a card's
/// other findings, folded or not, with it), then an old copy's gathered time findings.
pub fn display_order(triage: &Triage) -> Vec<usize> {
    triage
        .cards
        .iter()
        .flat_map(|c| {
            std::iter::once(c.finding)
                .chain(c.also.map(|(i, _)| i))
                .chain(c.rest.iter().copied())
        })
        .chain(
            triage
                .old_copy
                .iter()
                .flat_map(|o| o.findings.iter().copied()),
        )
        .collect()
}
