//! Decoding: detect what the user pasted and undo its layers in order.
//!
//! Accepts raw XML (with or without declaration, UTF-8 BOM, UTF-16 with BOM), standard and
//! URL-safe base64 (with line breaks or stray whitespace), raw DEFLATE + base64 (HTTP-Redirect
//! binding), percent-encoding (also doubly encoded), full URLs and bare query strings with
//! `SAMLRequest` / `SAMLResponse` / `RelayState` / `SigAlg` / `Signature`, POST form bodies,
//! and PEM or bare base64 certificates and keys.
//!
//! Every expansion is bounded: input larger than [`MAX_INPUT_BYTES`] and DEFLATE streams
//! expanding past [`MAX_INFLATED_BYTES`] are refused with a clear error (no decompression
//! bombs).
//!
//! TODO(helper): implementation in progress.

use serde::Serialize;

use crate::span::Span;

/// Largest input accepted, in bytes.
pub const MAX_INPUT_BYTES: usize = 128 * 1024 * 1024;
/// Largest size a DEFLATE stream may expand to, in bytes.
pub const MAX_INFLATED_BYTES: usize = 64 * 1024 * 1024;
/// Most layers undone before giving up (a guard against pathological nesting).
pub const MAX_LAYERS: usize = 12;

/// One layer of encoding that decoding undid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Layer {
    /// A UTF-8 byte order mark was removed.
    Bom,
    /// UTF-16 (with BOM) was transcoded to UTF-8.
    Utf16,
    /// ISO-8859-1 / windows-1252 text (as its XML declaration said) was transcoded to UTF-8.
    Latin1,
    /// A full URL: the SAML parameter was taken from its query string.
    Url,
    /// A bare query string (`SAMLRequest=…&RelayState=…`).
    QueryString,
    /// An HTML form body (`SAMLResponse=…&RelayState=…`, `+` for spaces).
    FormBody,
    /// Percent-decoding (applied once per layer: doubly encoded input shows it twice).
    PercentDecoding,
    /// Standard base64.
    Base64,
    /// URL-safe base64 (`-` and `_`).
    Base64Url,
    /// Raw DEFLATE (RFC 1951), as the HTTP-Redirect binding uses.
    Deflate,
    /// PEM armour (`-----BEGIN …-----`).
    Pem,
}

impl Layer {
    /// Stable kebab-case identifier, as in the JSON `layers` array.
    pub const fn id(self) -> &'static str {
        match self {
            Self::Bom => "bom",
            Self::Utf16 => "utf-16",
            Self::Latin1 => "latin-1",
            Self::Url => "url",
            Self::QueryString => "query-string",
            Self::FormBody => "form-body",
            Self::PercentDecoding => "percent-decoding",
            Self::Base64 => "base64",
            Self::Base64Url => "base64url",
            Self::Deflate => "deflate",
            Self::Pem => "pem",
        }
    }

    /// Human label for breadcrumbs ("percent-decoding → base64 → DEFLATE → XML").
    pub const fn label(self) -> &'static str {
        match self {
            Self::Bom => "UTF-8 BOM",
            Self::Utf16 => "UTF-16",
            Self::Latin1 => "ISO-8859-1",
            Self::Url => "URL",
            Self::QueryString => "query string",
            Self::FormBody => "form body",
            Self::PercentDecoding => "percent-decoding",
            Self::Base64 => "base64",
            Self::Base64Url => "URL-safe base64",
            Self::Deflate => "DEFLATE",
            Self::Pem => "PEM",
        }
    }
}

/// What the decoded text is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Content {
    /// XML text (to be parsed by [`crate::xml`]).
    Xml,
    /// One or more PEM blocks; `text` is the PEM text.
    Pem(Vec<PemBlock>),
    /// Bare base64 of DER (a certificate or key without armour); `text` is the base64 text.
    Der(Vec<u8>),
}

/// One `-----BEGIN LABEL-----` … `-----END LABEL-----` block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PemBlock {
    /// The label, e.g. `CERTIFICATE`, `PRIVATE KEY`, `RSA PRIVATE KEY`, `PUBLIC KEY`.
    pub label: String,
    /// The decoded DER bytes.
    pub der: Vec<u8>,
    /// Where the block is in the decoded text (BEGIN line to END line).
    pub span: Span,
}

/// Where binding parameters came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum BindingSource {
    /// A full URL (HTTP-Redirect binding, typically).
    Url,
    /// A bare query string.
    QueryString,
    /// A POST form body.
    FormBody,
}

/// The parameters of a binding (URL, query string or form body) the message came in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct BindingParams {
    /// Where they came from.
    pub source: BindingSource,
    /// The URL without its query string, when a full URL was given.
    pub endpoint: Option<String>,
    /// `SAMLRequest` or `SAMLResponse`.
    pub parameter: String,
    /// `RelayState`, percent-decoded.
    pub relay_state: Option<String>,
    /// `SigAlg`, percent-decoded.
    pub sig_alg: Option<String>,
    /// `Signature`, percent-decoded (still base64).
    pub signature: Option<String>,
    /// The query string exactly as received (the HTTP-Redirect signature is over its bytes).
    pub raw_query: String,
}

/// The result of decoding: text ready to parse, and the layers that were undone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Decoded {
    /// The decoded text; every span of a Report points into it.
    pub text: String,
    /// Layers undone, outermost first.
    pub layers: Vec<Layer>,
    /// What the text is.
    pub content: Content,
    /// Binding parameters, when the input was a URL, query string or form body.
    pub binding: Option<BindingParams>,
}

/// Why decoding failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecodeErrorKind {
    /// Nothing but whitespace.
    Empty,
    /// A size bound was hit (input size, DEFLATE expansion, layer count).
    LimitExceeded,
    /// No known encoding fits.
    Undecodable,
}

/// A decoding failure, with what was tried and where it broke.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeError {
    /// The kind of failure.
    pub kind: DecodeErrorKind,
    /// One line saying what is wrong ("not base64: `%` at byte 12 is not a base64 character").
    pub message: String,
    /// What was tried, in order ("XML: does not start with `<`", "base64: …").
    pub tried: Vec<String>,
    /// Layers successfully undone before the failure.
    pub layers: Vec<Layer>,
    /// The text the span points into: the input, or the output of the last layer undone,
    /// as (lossy) UTF-8, possibly truncated to a bounded length.
    pub text: String,
    /// Where in `text` it broke, when known.
    pub span: Option<Span>,
}

/// Detects what `input` is and undoes its layers. Never panics.
pub fn decode(input: &[u8]) -> Result<Decoded, DecodeError> {
    let text = String::from_utf8_lossy(input).into_owned();
    if text.trim().is_empty() {
        return Err(DecodeError {
            kind: DecodeErrorKind::Empty,
            message: "the input is empty".into(),
            tried: Vec::new(),
            layers: Vec::new(),
            text,
            span: None,
        });
    }
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with('<') {
        return Ok(Decoded {
            text,
            layers: Vec::new(),
            content: Content::Xml,
            binding: None,
        });
    }
    Err(DecodeError {
        kind: DecodeErrorKind::Undecodable,
        message: "not yet implemented".into(),
        tried: Vec::new(),
        layers: Vec::new(),
        text,
        span: None,
    })
}
