//! samlscope-core: everything samlscope knows about SAML, with no web dependency.
//!
//! The paved path is [`inspect`]: give it whatever a user pasted (bytes or text) and a
//! [`Context`] (everything that is not the message: the time, the configuration, trust
//! anchors), and get a [`Report`] back. `inspect` never panics and never fails: a problem at
//! any stage becomes a [`Finding`], and the Report keeps everything recovered before it.
//!
//! ```text
//! input ──► decode ──► parse ──► model ──► check ──► Report ──► render (text | json | web)
//! ```
//!
//! * [`decode`] undoes the layers a message travels in (URL, percent-encoding, base64,
//!   DEFLATE, UTF-16, PEM) and says which it undid.
//! * [`xml`] parses the decoded text once, strictly, into a tree that keeps a byte span for
//!   every node. It is the only XML representation in the project.
//! * [`model`] gives typed, span-carrying views of SAML messages and metadata over that tree.
//! * [`rules`] holds the checks of the public catalogue (one rule, one file).
//! * [`render`] turns a Report into linter-style text or the JSON of the CLI contract.
//!
//! The API is what this file exports: the root re-exports what every user needs (`inspect`
//! and its variants, [`Context`], [`Report`], [`Finding`] with its [`Evidence`] and
//! [`Setting`], spans and time), and the public modules are the namespaces a user reads a
//! Report's parts through (`model`, `xml`, `dsig`, `cert`, `report`, `triage`, `skew`), or
//! the catalogues and tools beside it (`rules`, `idps`, `profiles`, `algorithms`, `har`,
//! `redact`, `render`, `decode`, `xmlenc`, `time`). Everything else is the core's own.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod algorithms;
pub mod cert;
mod context;
pub mod decode;
mod der;
pub mod dsig;
mod entra;
pub mod errors;
mod expectations;
mod finding;
mod groups;
pub mod har;
pub mod idps;
mod inspect;
pub mod model;
mod placeholder;
mod private_key;
pub mod profiles;
pub mod redact;
pub mod render;
pub mod report;
pub mod rules;
pub mod skew;
mod sort;
mod span;
pub mod sps;
mod summary;
pub mod time;
pub mod triage;
mod url_parts;
pub mod xml;
pub mod xmlenc;

pub use context::{Clock, Context, DEFAULT_CLOCK_SKEW_SECONDS};
pub use expectations::{
    Expectations, Expected, MetadataRead, MetadataSettings, RequiredAttribute, SentRequest,
    metadata_settings,
};
pub use finding::{
    Evidence, Finding, Found, Label, MAX_LABELS, MAX_PER_RULE, Origin, Rule, Setting, Severity,
};
pub use inspect::{MAX_PEM_BLOCKS, inspect, inspect_owned, inspect_read, too_large};
pub use private_key::holds as holds_private_key;
pub use report::{Kind, Report};
pub use span::{LineColumn, LineIndex, Span, floor_char_boundary, utf16_offset};
pub use time::Timestamp;
