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
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod algorithms;
pub mod cert;
pub mod context;
pub mod decode;
mod der;
pub mod dsig;
pub mod entra;
pub mod expectations;
pub mod finding;
pub mod groups;
pub mod har;
pub mod idps;
pub mod inspect;
pub mod model;
mod placeholder;
pub mod private_key;
pub mod profiles;
pub mod redact;
pub mod render;
pub mod report;
pub mod rules;
pub mod skew;
pub mod sort;
pub mod span;
pub mod summary;
pub mod time;
pub mod triage;
mod url_parts;
pub mod xml;
pub mod xmlenc;

pub use context::Context;
pub use finding::{Finding, Label, Rule, Severity};
pub use inspect::{inspect, inspect_owned};
pub use report::{Kind, Report};
pub use span::Span;
pub use time::Timestamp;
