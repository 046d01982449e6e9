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
//! # Heuristics
//!
//! Each round looks at the current text (whitespace-trimmed for detection only; the text
//! handed back is never altered) and tries, in order: XML (`<`); strict base64 (one unbroken
//! run of symbols, at most two `=`: nothing else this module knows can pass, so this fast path
//! goes first); PEM (`-----BEGIN `); a URL, query string or form body with a SAML parameter;
//! percent-encoding; tolerant base64 (whitespace, `=` padding optional). Bytes produced
//! by a layer are read as text (UTF-8, UTF-8 BOM, UTF-16, or Latin-1 when the XML declaration
//! says so); when they are binary they are tried as DER (a single SEQUENCE spanning all the
//! bytes, base64 only) and then as DEFLATE (raw, with zlib or gzip wrappers tolerated).
//!
//! `+` in binding parameters: `RelayState` and `SigAlg` are decoded as
//! `application/x-www-form-urlencoded` (`+` is a space). The `SAMLRequest` / `SAMLResponse`
//! and `Signature` values are percent-decoded *keeping* a literal `+`: they are base64,
//! which never contains spaces, so a literal `+` there is a base64 `+` that was pasted
//! without percent-encoding. Conversely, spaces in such a value (a `+` someone already turned
//! into a space) are read back as `+` when the value has no line breaks. Outside bindings, a
//! space in base64 counts as `+` only when the padding proves it. When percent-decoding
//! yields XML, a literal `+` is a space (Java's `URLEncoder` style).
//!
//! A bare query string is reported as [`Layer::FormBody`] / [`BindingSource::FormBody`] when
//! it has no `SigAlg` / `Signature` and its value was not DEFLATE-compressed (the POST binding
//! never deflates; the Redirect binding always does); otherwise as a query string.
//!
//! ISO-8859-1 and windows-1252 are both decoded as windows-1252, as browsers do.
//!
//! The walk over the layers is `walk`; each kind of layer has its module: `text` (bytes to
//! text), `binding` (URLs, query strings, form bodies), `percent`, `b64`, `binary` (DER and
//! DEFLATE) and `pem`.

// `DecodeError` is the public error type, large by design (it carries the text its span
// points into); boxing it only inside this module would buy nothing.
#![allow(clippy::result_large_err)]

mod b64;
mod binary;
mod binding;
mod pem;
mod percent;
#[cfg(test)]
mod tests;
mod text;
mod walk;

use std::borrow::Cow;

use serde::Serialize;

use self::binary::{base64_lines, is_der_sequence};
use self::text::bytes_to_text;
use self::walk::{Walk, is_texty, lossy_prefix};
use crate::span::Span;

/// Largest input accepted, in bytes.
pub const MAX_INPUT_BYTES: usize = 128 * 1024 * 1024;
/// Largest size a DEFLATE stream may expand to, in bytes.
pub const MAX_INFLATED_BYTES: usize = 64 * 1024 * 1024;
/// Most layers undone before giving up (a guard against pathological nesting).
pub const MAX_LAYERS: usize = 12;
/// Longest [`DecodeError::text`], in bytes: longer texts are truncated (and spans beyond the
/// cut dropped), so that a huge undecodable blob does not make a huge error.
pub const MAX_ERROR_TEXT_BYTES: usize = 1024 * 1024;

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
///
/// Runs in time linear in the size of the input (times at most [`MAX_LAYERS`]), and memory
/// bounded by [`MAX_INPUT_BYTES`] and [`MAX_INFLATED_BYTES`].
///
/// # Errors
///
/// [`DecodeErrorKind::Empty`] for nothing but whitespace, [`DecodeErrorKind::LimitExceeded`]
/// when a bound is hit, [`DecodeErrorKind::Undecodable`] when no known encoding fits.
pub fn decode(input: &[u8]) -> Result<Decoded, DecodeError> {
    decode_cow(Cow::Borrowed(input))
}

/// Like [`decode`], taking ownership of the input: XML that is already UTF-8 becomes the
/// decoded text without a copy (what keeps a 50 MB metadata file at 1× in memory).
///
/// # Errors
///
/// As [`decode`].
pub fn decode_owned(input: Vec<u8>) -> Result<Decoded, DecodeError> {
    decode_cow(Cow::Owned(input))
}

fn decode_cow(input: Cow<'_, [u8]>) -> Result<Decoded, DecodeError> {
    let walk = Walk::default();
    if input.len() > MAX_INPUT_BYTES {
        return Err(walk.error(
            DecodeErrorKind::LimitExceeded,
            format!(
                "the input is {} bytes ({}), more than the {} limit; refusing to decode it",
                input.len(),
                megabytes(input.len()),
                megabytes(MAX_INPUT_BYTES),
            ),
            Vec::new(),
            &lossy_prefix(&input),
            None,
        ));
    }
    let mut walk = walk;
    // A binary DER file (Windows' `.cer` export, Entra's "Certificate (Raw)" download, a
    // `.der` key): one SEQUENCE spanning every byte, which no text can be (its length bytes
    // are not UTF-8 after the `0`, or it holds control characters).
    if is_der_sequence(&input) && !std::str::from_utf8(&input).is_ok_and(is_texty) {
        let der = input.into_owned();
        return Ok(walk.finish(base64_lines(&der), Content::Der(der)));
    }
    match bytes_to_text(input) {
        Ok((text, layer)) => {
            walk.layers.extend(layer);
            walk.run(text)
        }
        Err(e) => Err(walk.text_error(e, Vec::new())),
    }
}

/// `"1 byte"`, `"2 bytes"`.
pub(super) fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("{n} {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// `"128 MB"`: a byte count in binary megabytes, for messages.
pub(super) fn megabytes(bytes: usize) -> String {
    let mb = bytes / (1024 * 1024);
    if mb * 1024 * 1024 == bytes {
        format!("{mb} MB")
    } else {
        // One decimal, rounded, in integers (float formatting costs the page kilobytes).
        let tenths = (bytes as u128 * 10 + 512 * 1024) / (1024 * 1024);
        format!("{}.{} MB", tenths / 10, tenths % 10)
    }
}
