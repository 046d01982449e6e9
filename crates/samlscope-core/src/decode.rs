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

// `DecodeError` is the public error type, large by design (it carries the text its span
// points into); boxing it only inside this module would buy nothing.
#![allow(clippy::result_large_err)]

use std::borrow::Cow;

use base64::Engine as _;
use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use miniz_oxide::inflate::stream::{InflateState, inflate};
use miniz_oxide::{DataFormat, MZError, MZFlush, MZStatus};
use serde::Serialize;

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
fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("{n} {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// `"128 MB"`: a byte count in binary megabytes, for messages.
fn megabytes(bytes: usize) -> String {
    let mb = bytes / (1024 * 1024);
    if mb * 1024 * 1024 == bytes {
        format!("{mb} MB")
    } else {
        // One decimal, rounded, in integers (float formatting costs the page kilobytes).
        let tenths = (bytes as u128 * 10 + 512 * 1024) / (1024 * 1024);
        format!("{}.{} MB", tenths / 10, tenths % 10)
    }
}

// ---------------------------------------------------------------------------------------------
// The walk: one round per layer.

/// What interpreting a layer's output bytes gave.
enum Next {
    /// Text to look at in the next round.
    Text(String),
    /// DER bytes (a certificate or key): decoding is done.
    Der(Vec<u8>),
}

/// State carried from round to round.
#[derive(Default)]
struct Walk {
    layers: Vec<Layer>,
    binding: Option<BindingParams>,
    /// Index in `layers` of the layer that produced `binding`.
    binding_layer: Option<usize>,
    /// The binding is a bare query without signature: a form body unless DEFLATE shows up.
    form_candidate: bool,
    /// The current text is a SAML parameter value: spaces in base64 stand for `+`.
    space_as_plus: bool,
}

impl Walk {
    /// A DecodeError with the layers so far, `text` bounded to [`MAX_ERROR_TEXT_BYTES`].
    fn error(
        &self,
        kind: DecodeErrorKind,
        message: String,
        tried: Vec<String>,
        text: &str,
        span: Option<Span>,
    ) -> DecodeError {
        let (text, span) = bounded(text, span);
        DecodeError {
            kind,
            message,
            tried,
            layers: self.layers.clone(),
            text,
            span,
        }
    }

    /// A DecodeError from a failed reading of bytes as text.
    fn text_error(&self, e: TextError, mut tried: Vec<String>) -> DecodeError {
        tried.extend(e.tried);
        DecodeError {
            kind: DecodeErrorKind::Undecodable,
            message: e.message,
            tried,
            layers: self.layers.clone(),
            text: e.text,
            span: e.span,
        }
    }

    /// Records `layer`, or fails when that would make more than [`MAX_LAYERS`].
    fn push(&mut self, layer: Layer, text: &str) -> Result<(), DecodeError> {
        if self.layers.len() >= MAX_LAYERS {
            return Err(self.error(
                DecodeErrorKind::LimitExceeded,
                format!(
                    "more than {MAX_LAYERS} layers of encoding (the next would be {}); giving up",
                    layer.label()
                ),
                Vec::new(),
                text,
                None,
            ));
        }
        self.layers.push(layer);
        Ok(())
    }

    fn finish(mut self, text: String, content: Content) -> Decoded {
        if self.form_candidate && !self.layers.contains(&Layer::Deflate) {
            if let Some(binding) = &mut self.binding {
                binding.source = BindingSource::FormBody;
            }
            if let Some(layer) = self.binding_layer.and_then(|i| self.layers.get_mut(i)) {
                *layer = Layer::FormBody;
            }
        }
        Decoded {
            text,
            layers: self.layers,
            content,
            binding: self.binding,
        }
    }

    fn empty(&self, text: &str) -> DecodeError {
        let message = match self.layers.last() {
            None if text.is_empty() => "the input is empty".to_owned(),
            None => "the input is only whitespace".to_owned(),
            Some(layer) => format!("{} decoded to nothing but whitespace", layer.label()),
        };
        self.error(DecodeErrorKind::Empty, message, Vec::new(), text, None)
    }

    /// Undoes layers until XML, PEM or DER is found.
    fn run(mut self, mut text: String) -> Result<Decoded, DecodeError> {
        loop {
            let plus_context = std::mem::take(&mut self.space_as_plus);
            let start = text.len() - text.trim_start().len();
            let trimmed = text.trim();
            if trimmed.is_empty() {
                return Err(self.empty(&text));
            }
            if trimmed.starts_with('<') {
                return Ok(self.finish(text, Content::Xml));
            }
            if let Some((bytes, url_safe)) = b64_strict(trimmed) {
                match self.base64_step(bytes, url_safe, &text)? {
                    Next::Text(next) => text = next,
                    Next::Der(der) => return Ok(self.finish(text, Content::Der(der))),
                }
                continue;
            }
            if looks_like_pem(trimmed) {
                let blocks = match parse_pem(&text) {
                    Ok(blocks) => blocks,
                    Err((message, span)) => {
                        let tried = vec![message.clone()];
                        return Err(self.error(
                            DecodeErrorKind::Undecodable,
                            message,
                            tried,
                            &text,
                            span,
                        ));
                    }
                };
                self.push(Layer::Pem, &text)?;
                return Ok(self.finish(text, Content::Pem(blocks)));
            }
            if trimmed.starts_with('{') && trimmed.contains("\"log\"") {
                return Err(self.error(
                    DecodeErrorKind::Undecodable,
                    "a HAR file holds several messages: the command line inspects each of them (`samlscope inspect capture.har`); here, paste one SAMLRequest or SAMLResponse out of it"
                        .to_owned(),
                    vec!["HAR: several messages (inspect_har / the CLI)".to_owned()],
                    &text,
                    None,
                ));
            }
            let mut tried = vec![
                "XML: does not start with `<`".to_owned(),
                "PEM: no `-----BEGIN` line".to_owned(),
            ];
            match scan_binding(trimmed) {
                Scan::Found(found) => {
                    let next = self.binding_step(&found, &text)?;
                    text = next;
                    continue;
                }
                Scan::UrlWithoutParameter(message) => {
                    tried.push(format!("URL: {message}"));
                    return Err(self.error(
                        DecodeErrorKind::Undecodable,
                        message.to_owned(),
                        tried,
                        &text,
                        Some(Span::new(start, start + trimmed.len())),
                    ));
                }
                Scan::NotFound => tried.push(
                    "URL / query string: no SAMLRequest or SAMLResponse parameter".to_owned(),
                ),
            }
            if has_percent_escape(trimmed.as_bytes()) {
                self.push(Layer::PercentDecoding, &text)?;
                let bytes = percent_decode_smart(trimmed.as_bytes());
                match self.interpret(bytes, &text, false, &|_| None)? {
                    Next::Text(next) => {
                        self.space_as_plus = plus_context;
                        text = next;
                        continue;
                    }
                    Next::Der(_) => {
                        return Err(self.error(
                            DecodeErrorKind::Undecodable,
                            "percent-decoding gave DER bytes, which is not a known format".into(),
                            tried,
                            &text,
                            None,
                        ));
                    }
                }
            }
            tried.push("percent-encoding: no `%XX` escape".to_owned());
            match b64_decode(trimmed, start, plus_context) {
                Ok((bytes, url_safe)) => match self.base64_step(bytes, url_safe, &text)? {
                    Next::Text(next) => text = next,
                    Next::Der(der) => return Ok(self.finish(text, Content::Der(der))),
                },
                Err(e) => {
                    tried.push(format!("base64: {}", e.reason));
                    let message = unrecognised_message(trimmed, &e, self.layers.is_empty());
                    return Err(self.error(
                        DecodeErrorKind::Undecodable,
                        message,
                        tried,
                        &text,
                        Some(e.span),
                    ));
                }
            }
        }
    }

    /// Records a base64 layer undone from `text` and reads the bytes it gave.
    fn base64_step(
        &mut self,
        bytes: Vec<u8>,
        url_safe: bool,
        text: &str,
    ) -> Result<Next, DecodeError> {
        let layer = if url_safe {
            Layer::Base64Url
        } else {
            Layer::Base64
        };
        self.push(layer, text)?;
        let start = text.len() - text.trim_start().len();
        let trimmed = text.trim();
        let locate = |byte: usize| {
            nth_symbol(trimmed, byte / 3 * 4).map(|at| Span::new(start + at, start + at + 1))
        };
        self.interpret(bytes, text, true, &locate)
    }

    /// Records the binding parameters and returns the SAML parameter's value, decoded.
    fn binding_step(&mut self, found: &Found<'_>, text: &str) -> Result<String, DecodeError> {
        let layer = match found.source {
            BindingSource::Url => Layer::Url,
            BindingSource::QueryString | BindingSource::FormBody => Layer::QueryString,
        };
        if found.value.trim().is_empty() {
            return Err(self.error(
                DecodeErrorKind::Undecodable,
                format!("the {} parameter is empty", found.parameter),
                vec![format!(
                    "{}: the {} parameter is empty",
                    layer.label(),
                    found.parameter
                )],
                text,
                None,
            ));
        }
        self.push(layer, text)?;
        if self.binding.is_none() {
            let has_signature = found.sig_alg.is_some() || found.signature.is_some();
            self.binding = Some(BindingParams {
                source: found.source,
                endpoint: found.endpoint.map(str::to_owned),
                parameter: found.parameter.to_owned(),
                relay_state: found.relay_state.map(form_decode),
                sig_alg: found.sig_alg.map(form_decode),
                signature: found
                    .signature
                    .map(|value| lossy(percent_decode(value.as_bytes(), false)).replace(' ', "+")),
                raw_query: found.raw_query.to_owned(),
            });
            self.binding_layer = Some(self.layers.len() - 1);
            self.form_candidate = found.bare && !has_signature;
        }
        let bytes = percent_decode_smart(found.value.as_bytes());
        match self.interpret(bytes, text, false, &|_| None)? {
            Next::Text(value) => {
                self.space_as_plus = true;
                Ok(value)
            }
            Next::Der(_) => Err(self.error(
                DecodeErrorKind::Undecodable,
                format!("the {} parameter is binary", found.parameter),
                Vec::new(),
                text,
                None,
            )),
        }
    }

    /// Reads the bytes a layer produced: text, DER (only after base64), or DEFLATE.
    ///
    /// `prev` is the text the layer read; `locate` maps a byte of `bytes` to a span in it.
    fn interpret(
        &mut self,
        bytes: Vec<u8>,
        prev: &str,
        from_base64: bool,
        locate: &dyn Fn(usize) -> Option<Span>,
    ) -> Result<Next, DecodeError> {
        let mut tried = Vec::new();
        let mut text_problem = None;
        // Fast path, without a copy: plain UTF-8 text.
        let bytes = if bytes.starts_with(b"\xEF\xBB\xBF") || utf16_order(&bytes).is_some() {
            bytes
        } else {
            match String::from_utf8(bytes) {
                Ok(text) if is_texty(&text) => return Ok(Next::Text(text)),
                Ok(text) => text.into_bytes(),
                Err(e) => e.into_bytes(),
            }
        };
        match bytes_to_text(Cow::Borrowed(&bytes)) {
            Ok((text, layer)) if is_texty(&text) => {
                if let Some(layer) = layer {
                    self.push(layer, &text)?;
                }
                return Ok(Next::Text(text));
            }
            Ok(_) => tried.push("text: contains control characters".to_owned()),
            Err(e) => {
                tried.push(format!("text: {}", e.message));
                text_problem = Some(e);
            }
        }
        if from_base64 {
            if is_der_sequence(&bytes) {
                return Ok(Next::Der(bytes));
            }
            tried.push("DER: not a DER SEQUENCE spanning all the bytes".to_owned());
        }
        let (at, why) = match inflate_any(&bytes) {
            Ok(inflated) => {
                self.push(Layer::Deflate, prev)?;
                return match bytes_to_text(Cow::Owned(inflated)) {
                    Ok((text, layer)) => {
                        if let Some(layer) = layer {
                            self.push(layer, &text)?;
                        }
                        Ok(Next::Text(text))
                    }
                    Err(e) => Err(self.text_error(e, Vec::new())),
                };
            }
            Err(InflateError::Limit) => {
                return Err(self.error(
                    DecodeErrorKind::LimitExceeded,
                    format!(
                        "the DEFLATE stream expands past {}; refusing to go on (decompression bomb?)",
                        megabytes(MAX_INFLATED_BYTES)
                    ),
                    Vec::new(),
                    prev,
                    None,
                ));
            }
            Err(InflateError::Corrupt { at, why }) => (at, why),
        };
        tried.push(format!("DEFLATE: {why} at byte {at}"));
        if let Some(e) = text_problem
            && looks_textual(&bytes)
        {
            // Text with a bad byte (e.g. XML in an undeclared encoding): that is the problem.
            return Err(self.text_error(e, tried));
        }
        let label = self.layers.last().map_or("decoding", |layer| layer.label());
        let message = format!(
            "{label} gave {} of binary data that is not text{} or DEFLATE \
             (DEFLATE: {why} at byte {at})",
            plural(bytes.len(), "byte"),
            if from_base64 { ", DER" } else { "" },
        );
        // The text the error points into is the layer's input: report the layers before it.
        self.layers.pop();
        Err(self.error(
            DecodeErrorKind::Undecodable,
            message,
            tried,
            prev,
            locate(at),
        ))
    }
}

/// One line for "nothing fits", from the base64 failure.
fn unrecognised_message(trimmed: &str, e: &B64Error, top_level: bool) -> String {
    let first = trimmed.chars().next().unwrap_or(' ');
    if trimmed.contains('=') && trimmed.contains('&') {
        return "a query string without SAMLRequest or SAMLResponse parameter".to_owned();
    }
    if top_level && !is_base64_symbol(first) {
        return format!(
            "not XML, PEM, a SAML URL or base64: it starts with {}",
            show_char(first)
        );
    }
    format!("not base64: {}", e.reason)
}

/// `` `x` `` for printable characters, `U+0001` for the others.
fn show_char(c: char) -> String {
    if c.is_control() || c.is_whitespace() {
        format!("U+{:04X}", u32::from(c))
    } else {
        format!("`{c}`")
    }
}

/// The span and the first [`MAX_ERROR_TEXT_BYTES`] of `text`; spans past the cut are dropped.
fn bounded(text: &str, span: Option<Span>) -> (String, Option<Span>) {
    let mut cut = text.len().min(MAX_ERROR_TEXT_BYTES);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let text = text.get(..cut).unwrap_or_default().to_owned();
    let span = span.filter(|s| s.start <= s.end && s.end <= text.len());
    (text, span)
}

/// Lossy UTF-8 of (at most about [`MAX_ERROR_TEXT_BYTES`] of) `bytes`.
fn lossy_prefix(bytes: &[u8]) -> String {
    let head = bytes.get(..MAX_ERROR_TEXT_BYTES).unwrap_or(bytes);
    bounded(&String::from_utf8_lossy(head), None).0
}

fn lossy(bytes: Vec<u8>) -> String {
    match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    }
}

/// Whether decoded text is worth another round: XML, or free of control characters.
fn is_texty(text: &str) -> bool {
    text.trim_start().starts_with('<')
        || !text
            .bytes()
            .any(|b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) || b == 0x7f)
}

/// Whether bytes look like text gone wrong rather than binary: `<` first, or a BOM.
fn looks_textual(bytes: &[u8]) -> bool {
    bytes.trim_ascii_start().starts_with(b"<")
        || bytes.starts_with(b"\xEF\xBB\xBF")
        || utf16_order(bytes).is_some()
}

// ---------------------------------------------------------------------------------------------
// Bytes to text: UTF-8, UTF-8 BOM, UTF-16, Latin-1.

/// Why bytes are not text.
struct TextError {
    message: String,
    tried: Vec<String>,
    /// Lossy text of the bytes, bounded.
    text: String,
    span: Option<Span>,
}

/// Reads bytes as text, returning the layer undone (BOM, UTF-16, Latin-1), if any.
fn bytes_to_text(bytes: Cow<'_, [u8]>) -> Result<(String, Option<Layer>), TextError> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        if let Err(e) = std::str::from_utf8(&bytes[3..]) {
            return Err(utf8_error(&bytes, 3 + e.valid_up_to()));
        }
        let text = match bytes {
            Cow::Borrowed(b) => String::from_utf8_lossy(&b[3..]).into_owned(),
            Cow::Owned(mut b) => {
                b.drain(..3);
                String::from_utf8(b)
                    .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
            }
        };
        return Ok((text, Some(Layer::Bom)));
    }
    if let Some((little_endian, skip)) = utf16_order(&bytes) {
        return utf16_to_text(&bytes, little_endian, skip).map(|text| (text, Some(Layer::Utf16)));
    }
    let (bytes, error) = match bytes {
        Cow::Borrowed(bytes) => match std::str::from_utf8(bytes) {
            Ok(text) => return Ok((text.to_owned(), None)),
            Err(e) => (Cow::Borrowed(bytes), e),
        },
        Cow::Owned(bytes) => match String::from_utf8(bytes) {
            Ok(text) => return Ok((text, None)),
            Err(e) => {
                let error = e.utf8_error();
                (Cow::Owned(e.into_bytes()), error)
            }
        },
    };
    let declared = declared_encoding(&bytes);
    if declared.is_some_and(is_windows_1252) {
        return Ok((windows_1252_to_string(&bytes), Some(Layer::Latin1)));
    }
    let mut e = utf8_error(&bytes, error.valid_up_to());
    if let Some(declared) = declared {
        let declared = String::from_utf8_lossy(declared);
        e.message
            .push_str(&format!(" (the XML declaration says `{declared}`)"));
    }
    Err(e)
}

/// "invalid UTF-8 at byte N", with the lossy text and a span on the replacement character.
fn utf8_error(bytes: &[u8], at: usize) -> TextError {
    let byte = bytes.get(at).copied().unwrap_or(0);
    let text = lossy_prefix(bytes);
    let span = Some(Span::new(at, at + '\u{FFFD}'.len_utf8())).filter(|s| s.end <= text.len());
    TextError {
        message: format!("invalid UTF-8 at byte {at} (0x{byte:02X})"),
        tried: vec![
            format!("UTF-8: invalid at byte {at}"),
            "UTF-16: no byte order mark".to_owned(),
            "ISO-8859-1: no XML declaration saying so".to_owned(),
        ],
        text,
        span,
    }
}

/// UTF-16 byte order (little-endian?) and BOM length, from a BOM or from `<` / whitespace
/// followed by ASCII in UTF-16 (`<\0?\0`, `\0<\0?`).
fn utf16_order(bytes: &[u8]) -> Option<(bool, usize)> {
    let lead = |b: u8| b == b'<' || b.is_ascii_whitespace();
    let ascii = |b: u8| b != 0 && b.is_ascii();
    match *bytes {
        [0xFF, 0xFE, ..] => Some((true, 2)),
        [0xFE, 0xFF, ..] => Some((false, 2)),
        [a, 0, c, 0, ..] if lead(a) && ascii(c) => Some((true, 0)),
        [0, a, 0, c, ..] if lead(a) && ascii(c) => Some((false, 0)),
        _ => None,
    }
}

fn utf16_to_text(bytes: &[u8], little_endian: bool, skip: usize) -> Result<String, TextError> {
    let body = bytes.get(skip..).unwrap_or_default();
    let (units, rest) = body.as_chunks::<2>();
    let mut text = String::with_capacity(body.len() + body.len() / 2);
    let mut problem: Option<(String, usize)> = None;
    let mut unit = 0usize;
    let codes = units.iter().map(|&pair| {
        if little_endian {
            u16::from_le_bytes(pair)
        } else {
            u16::from_be_bytes(pair)
        }
    });
    for decoded in char::decode_utf16(codes) {
        match decoded {
            Ok(c) => {
                text.push(c);
                unit += c.len_utf16();
            }
            Err(e) => {
                if problem.is_none() {
                    let at = skip + unit * 2;
                    problem = Some((
                        format!(
                            "invalid UTF-16: unpaired surrogate 0x{:04X} at byte {at}",
                            e.unpaired_surrogate()
                        ),
                        text.len(),
                    ));
                }
                text.push('\u{FFFD}');
                unit += 1;
            }
        }
        if problem.is_some() && text.len() > MAX_ERROR_TEXT_BYTES {
            break;
        }
    }
    if problem.is_none() && !rest.is_empty() {
        problem = Some((
            format!(
                "invalid UTF-16: odd number of bytes ({}), the last byte is half a character",
                bytes.len()
            ),
            text.len(),
        ));
        text.push('\u{FFFD}');
    }
    match problem {
        None => Ok(text),
        Some((message, at)) => {
            let (text, span) = bounded(&text, Some(Span::new(at, at + 3)));
            Err(TextError {
                tried: vec![format!("UTF-16: {message}")],
                message,
                text,
                span,
            })
        }
    }
}

/// The `encoding` of an XML declaration at the start of `bytes`, if any.
fn declared_encoding(bytes: &[u8]) -> Option<&[u8]> {
    let rest = bytes.trim_ascii_start().strip_prefix(b"<?xml")?;
    let rest = rest.get(..rest.len().min(1024)).unwrap_or(rest);
    let declaration = rest.get(..find(rest, b"?>")?)?;
    let after = declaration.get(find(declaration, b"encoding")? + 8..)?;
    let after = after
        .trim_ascii_start()
        .strip_prefix(b"=")?
        .trim_ascii_start();
    let (&quote, value) = after.split_first()?;
    if quote != b'"' && quote != b'\'' {
        return None;
    }
    value.get(..value.iter().position(|&b| b == quote)?)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn is_windows_1252(label: &[u8]) -> bool {
    const LABELS: [&str; 11] = [
        "iso-8859-1",
        "iso8859-1",
        "iso_8859-1",
        "iso-ir-100",
        "latin1",
        "latin-1",
        "l1",
        "windows-1252",
        "cp1252",
        "x-cp1252",
        "cp819",
    ];
    LABELS
        .iter()
        .any(|known| known.as_bytes().eq_ignore_ascii_case(label.trim_ascii()))
}

/// windows-1252 to UTF-8 (as the WHATWG Encoding standard does for `iso-8859-1` too).
fn windows_1252_to_string(bytes: &[u8]) -> String {
    const HIGH: [char; 32] = [
        '\u{20AC}', '\u{81}', '\u{201A}', '\u{192}', '\u{201E}', '\u{2026}', '\u{2020}',
        '\u{2021}', '\u{2C6}', '\u{2030}', '\u{160}', '\u{2039}', '\u{152}', '\u{8D}', '\u{17D}',
        '\u{8F}', '\u{90}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}',
        '\u{2014}', '\u{2DC}', '\u{2122}', '\u{161}', '\u{203A}', '\u{153}', '\u{9D}', '\u{17E}',
        '\u{178}',
    ];
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 2);
    for &b in bytes {
        let c = match b {
            0x80..=0x9F => HIGH
                .get(usize::from(b - 0x80))
                .copied()
                .unwrap_or('\u{FFFD}'),
            _ => char::from(b),
        };
        text.push(c);
    }
    text
}

// ---------------------------------------------------------------------------------------------
// URLs, query strings, form bodies.

/// A SAML parameter found in a URL, query string or form body.
struct Found<'a> {
    source: BindingSource,
    endpoint: Option<&'a str>,
    raw_query: &'a str,
    parameter: &'static str,
    value: &'a str,
    relay_state: Option<&'a str>,
    sig_alg: Option<&'a str>,
    signature: Option<&'a str>,
    /// No `?` at all: could be a form body.
    bare: bool,
}

enum Scan<'a> {
    Found(Found<'a>),
    UrlWithoutParameter(&'static str),
    NotFound,
}

fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.as_bytes()
        .get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// Looks for `SAMLRequest` / `SAMLResponse` in a URL, query string or form body.
fn scan_binding(text: &str) -> Scan<'_> {
    let absolute =
        starts_with_ignore_case(text, "http://") || starts_with_ignore_case(text, "https://");
    let (endpoint, rest, url) = match text.split_once('?') {
        Some((before, after)) if absolute || before.starts_with('/') => (Some(before), after, true),
        Some(("", after)) => (None, after, false),
        Some(_) | None if absolute => {
            return Scan::UrlWithoutParameter(
                "a URL without SAMLRequest or SAMLResponse parameter (it has no query string)",
            );
        }
        _ => (None, text, false),
    };
    let raw_query = rest.split_once('#').map_or(rest, |(query, _)| query);
    let mut saml: Option<(&'static str, &str)> = None;
    let (mut relay_state, mut sig_alg, mut signature) = (None, None, None);
    for pair in raw_query.split('&') {
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        match parameter_name(name) {
            Some(name @ ("SAMLRequest" | "SAMLResponse")) => {
                saml.get_or_insert((name, value));
            }
            Some("RelayState") => {
                relay_state.get_or_insert(value);
            }
            Some("SigAlg") => {
                sig_alg.get_or_insert(value);
            }
            Some("Signature") => {
                signature.get_or_insert(value);
            }
            _ => {}
        }
    }
    match saml {
        Some((parameter, value)) => Scan::Found(Found {
            source: if url {
                BindingSource::Url
            } else {
                BindingSource::QueryString
            },
            endpoint,
            raw_query,
            parameter,
            value,
            relay_state,
            sig_alg,
            signature,
            bare: !url && !text.starts_with('?'),
        }),
        None if url => {
            Scan::UrlWithoutParameter("a URL without SAMLRequest or SAMLResponse parameter")
        }
        None => Scan::NotFound,
    }
}

/// The canonical spelling of a binding parameter name (matched case-insensitively).
fn parameter_name(name: &str) -> Option<&'static str> {
    const NAMES: [&str; 5] = [
        "SAMLRequest",
        "SAMLResponse",
        "RelayState",
        "SigAlg",
        "Signature",
    ];
    if name.len() > 40 {
        return None;
    }
    let decoded;
    let name = if name.contains('%') {
        decoded = lossy(percent_decode(name.as_bytes(), false));
        decoded.as_str()
    } else {
        name
    };
    let name = name.trim();
    NAMES
        .into_iter()
        .find(|known| known.eq_ignore_ascii_case(name))
}

// ---------------------------------------------------------------------------------------------
// Percent-encoding.

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

fn has_percent_escape(bytes: &[u8]) -> bool {
    bytes.contains(&b'%')
        && bytes.windows(3).any(|w| {
        matches!(w, [b'%', high, low] if hex_value(*high).is_some() && hex_value(*low).is_some())
    })
}

/// Percent-decodes once; an invalid `%` is kept as is. `+` becomes a space if `plus_as_space`.
fn percent_decode(bytes: &[u8], plus_as_space: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%'
            && let Some(high) = bytes.get(i + 1).copied().and_then(hex_value)
            && let Some(low) = bytes.get(i + 2).copied().and_then(hex_value)
        {
            out.push(high << 4 | low);
            i += 3;
            continue;
        }
        out.push(if plus_as_space && b == b'+' { b' ' } else { b });
        i += 1;
    }
    out
}

/// Percent-decodes once, keeping a literal `+` (base64) unless the result is XML, where a
/// literal `+` can only be a form-encoded space.
fn percent_decode_smart(bytes: &[u8]) -> Vec<u8> {
    let decoded = percent_decode(bytes, false);
    if bytes.contains(&b'+') && decoded.trim_ascii_start().starts_with(b"<") {
        percent_decode(bytes, true)
    } else {
        decoded
    }
}

/// `application/x-www-form-urlencoded` value decoding (`+` is a space), lossy UTF-8.
fn form_decode(value: &str) -> String {
    lossy(percent_decode(value.as_bytes(), true))
}

// ---------------------------------------------------------------------------------------------
// Base64.

const B64_CONFIG: GeneralPurposeConfig = GeneralPurposeConfig::new()
    .with_decode_padding_mode(DecodePaddingMode::RequireNone)
    .with_decode_allow_trailing_bits(true);
const B64_STANDARD: GeneralPurpose = GeneralPurpose::new(&alphabet::STANDARD, B64_CONFIG);
const B64_URL_SAFE: GeneralPurpose = GeneralPurpose::new(&alphabet::URL_SAFE, B64_CONFIG);

/// Per byte, for the tolerant base64 reader: one of the `B64_*` classes.
static B64_CLASS: [u8; 256] = {
    let mut classes = [B64_OTHER; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        classes[i] = if b.is_ascii_alphanumeric() {
            B64_SYMBOL
        } else if b == b'+' || b == b'/' {
            B64_STANDARD_ONLY
        } else if b == b'-' || b == b'_' {
            B64_URL_SAFE_ONLY
        } else if b == b'=' {
            B64_PAD
        } else if b == b' ' {
            B64_SPACE
        } else if b == b'\t' || b == b'\n' || b == b'\r' || b == 0x0b || b == 0x0c {
            B64_WHITESPACE
        } else {
            B64_OTHER
        };
        i += 1;
    }
    classes
};
/// A letter or digit.
const B64_SYMBOL: u8 = 0;
/// `+` or `/`.
const B64_STANDARD_ONLY: u8 = 1;
/// `-` or `_`.
const B64_URL_SAFE_ONLY: u8 = 2;
/// `=`.
const B64_PAD: u8 = 3;
/// A space (maybe a `+` turned into a space).
const B64_SPACE: u8 = 4;
/// Other whitespace.
const B64_WHITESPACE: u8 = 5;
/// Anything else.
const B64_OTHER: u8 = 6;

/// Strict base64, standard or URL-safe: one unbroken run of symbols and at most two `=`.
/// Text that passes cannot be anything else this module knows, so it is tried first.
fn b64_strict(text: &str) -> Option<(Vec<u8>, bool)> {
    let body = text.trim_end_matches('=');
    if text.len() - body.len() > 2 || body.is_empty() {
        return None;
    }
    if let Ok(decoded) = B64_STANDARD.decode(body) {
        return Some((decoded, false));
    }
    B64_URL_SAFE
        .decode(body)
        .ok()
        .map(|decoded| (decoded, true))
}

/// Why text is not base64, and where (a span in the caller's text).
struct B64Error {
    reason: String,
    span: Span,
}

fn is_base64_symbol(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '-' | '_')
}

/// Decodes standard or URL-safe base64, skipping whitespace, with or without padding.
///
/// `base` is the offset of `text` in the caller's text (for positions). Returns the bytes and
/// whether the URL-safe alphabet was used. When `plus_context` (a SAML parameter value),
/// spaces stand for `+` unless the text has line breaks.
fn b64_decode(text: &str, base: usize, plus_context: bool) -> Result<(Vec<u8>, bool), B64Error> {
    let bytes = text.as_bytes();
    let spaces_as_plus = bytes.contains(&b' ')
        && !bytes
            .iter()
            .any(|&b| matches!(b, b'\n' | b'\r' | b'\t' | 0x0b | 0x0c))
        && (plus_context || padding_says_spaces_are_plus(bytes));
    let mut symbols = Vec::with_capacity(bytes.len());
    let mut first_standard: Option<usize> = None;
    let mut first_url_safe: Option<usize> = None;
    let mut padding = 0usize;
    let mut first_padding = 0usize;
    let mut pos = 0;
    while let Some(rest) = bytes.get(pos..)
        && let Some(&b) = rest.first()
    {
        // Copy a whole run of letters and digits at once.
        let run = rest
            .iter()
            .position(|&b| B64_CLASS[usize::from(b)] != B64_SYMBOL)
            .unwrap_or(rest.len());
        if run > 0 && padding == 0 {
            symbols.extend_from_slice(rest.get(..run).unwrap_or_default());
            pos += run;
            continue;
        }
        // One byte that is not a letter or digit (or anything after the padding) at `i`.
        let i = pos;
        pos += 1;
        let symbol = match B64_CLASS[usize::from(b)] {
            B64_SYMBOL => b,
            B64_STANDARD_ONLY => {
                first_standard.get_or_insert(i);
                b
            }
            B64_SPACE if spaces_as_plus => {
                first_standard.get_or_insert(i);
                b'+'
            }
            B64_URL_SAFE_ONLY => {
                first_url_safe.get_or_insert(i);
                b
            }
            B64_PAD => {
                if padding == 0 {
                    first_padding = i;
                }
                padding += 1;
                if padding > 2 {
                    return Err(B64Error {
                        reason: format!("too much `=` padding (byte {})", base + i),
                        span: Span::new(base + i, base + i + 1),
                    });
                }
                continue;
            }
            B64_SPACE | B64_WHITESPACE => continue,
            _ => {
                let c = text.get(i..).and_then(|s| s.chars().next()).unwrap_or(' ');
                return Err(B64Error {
                    reason: format!(
                        "{} at byte {} is not a base64 character",
                        show_char(c),
                        base + i
                    ),
                    span: Span::new(base + i, base + i + c.len_utf8()),
                });
            }
        };
        if padding > 0 {
            return Err(B64Error {
                reason: format!(
                    "`{}` at byte {} comes after the `=` padding at byte {}",
                    char::from(b),
                    base + i,
                    base + first_padding
                ),
                span: Span::new(base + i, base + i + 1),
            });
        }
        symbols.push(symbol);
    }
    if symbols.is_empty() {
        return Err(B64Error {
            reason: "no base64 characters".to_owned(),
            span: Span::new(base, base + text.len()),
        });
    }
    if let (Some(standard), Some(url_safe)) = (first_standard, first_url_safe) {
        let at = standard.max(url_safe);
        return Err(B64Error {
            reason: format!(
                "mixes the standard (`+` `/`, byte {}) and URL-safe (`-` `_`, byte {}) alphabets",
                base + standard,
                base + url_safe
            ),
            span: Span::new(base + at, base + at + 1),
        });
    }
    if symbols.len() % 4 == 1 {
        let last = nth_symbol(text, symbols.len() - 1).unwrap_or(0);
        return Err(B64Error {
            reason: format!(
                "{} base64 characters is not a valid length: one too many, or truncated",
                symbols.len()
            ),
            span: Span::new(base + last, base + last + 1),
        });
    }
    let url_safe = first_url_safe.is_some();
    let engine = if url_safe {
        &B64_URL_SAFE
    } else {
        &B64_STANDARD
    };
    match engine.decode(&symbols) {
        Ok(decoded) => Ok((decoded, url_safe)),
        Err(e) => Err(B64Error {
            reason: e.to_string(),
            span: Span::new(base, base + text.len()),
        }),
    }
}

/// Outside a binding, spaces in base64 stand for `+` only if the length proves it.
fn padding_says_spaces_are_plus(bytes: &[u8]) -> bool {
    let symbols = bytes
        .iter()
        .filter(|&&b| is_base64_symbol(char::from(b)))
        .count();
    let spaces = bytes.iter().filter(|&&b| b == b' ').count();
    let padding = bytes.iter().filter(|&&b| b == b'=').count();
    let fits = |n: usize| {
        if padding > 0 {
            (n + padding).is_multiple_of(4)
        } else {
            n % 4 != 1
        }
    };
    fits(symbols + spaces) && !fits(symbols)
}

/// Byte offset in `text` of its `n`-th base64 symbol (0-based; whitespace and `=` skipped).
fn nth_symbol(text: &str, n: usize) -> Option<usize> {
    text.bytes()
        .enumerate()
        .filter(|&(_, b)| is_base64_symbol(char::from(b)))
        .nth(n)
        .map(|(i, _)| i)
}

// ---------------------------------------------------------------------------------------------
// DER and DEFLATE.

/// Whether `bytes` are exactly one DER SEQUENCE (tag 0x30, definite length matching).
fn is_der_sequence(bytes: &[u8]) -> bool {
    let [0x30, first, rest @ ..] = bytes else {
        return false;
    };
    if *first < 0x80 {
        return rest.len() == usize::from(*first);
    }
    let count = usize::from(first & 0x7f);
    if count == 0 || count > 4 {
        return false;
    }
    let Some((length, content)) = rest.split_at_checked(count) else {
        return false;
    };
    if length.first() == Some(&0) {
        return false;
    }
    let length = length
        .iter()
        .fold(0usize, |acc, &b| (acc << 8) | usize::from(b));
    length >= 0x80 && content.len() == length
}

/// Binary DER shown as text: standard base64 in lines of 64, as PEM bodies are.
fn base64_lines(der: &[u8]) -> String {
    let encoded = B64_STANDARD.encode(der);
    let mut text = String::with_capacity(encoded.len() + encoded.len() / 64 + 1);
    for line in encoded.as_bytes().chunks(64) {
        // Base64 is ASCII: every chunk is a whole line of text.
        text.push_str(std::str::from_utf8(line).unwrap_or_default());
        text.push('\n');
    }
    text
}

enum InflateError {
    /// The output would exceed [`MAX_INFLATED_BYTES`].
    Limit,
    /// Not a valid stream; `at` is a byte offset into the compressed data.
    Corrupt { at: usize, why: String },
}

fn corrupt(at: usize, why: impl Into<String>) -> InflateError {
    InflateError::Corrupt {
        at,
        why: why.into(),
    }
}

/// Inflates gzip, zlib or raw DEFLATE (in that order of detection).
fn inflate_any(data: &[u8]) -> Result<Vec<u8>, InflateError> {
    if data.starts_with(&[0x1f, 0x8b]) {
        return inflate_gzip(data);
    }
    if let [cmf, flg, ..] = *data
        && cmf & 0x0f == 8
        && cmf >> 4 <= 7
        && flg & 0x20 == 0
        && (u16::from(cmf) << 8 | u16::from(flg)).is_multiple_of(31)
    {
        match inflate_whole(data, true) {
            Err(InflateError::Corrupt { .. }) => {}
            done => return done,
        }
    }
    inflate_whole(data, false)
}

/// Inflates a stream that must fill `data` exactly.
fn inflate_whole(data: &[u8], zlib: bool) -> Result<Vec<u8>, InflateError> {
    let (out, used) = inflate_stream(data, zlib)?;
    if used < data.len() {
        return Err(corrupt(
            used,
            format!(
                "{} unexpected bytes after the end of the stream",
                data.len() - used
            ),
        ));
    }
    Ok(out)
}

/// Names the commonest ways the first block header is wrong.
fn check_first_block(data: &[u8], at: usize) -> Result<(), InflateError> {
    let Some(&first) = data.get(at) else {
        return Err(corrupt(at, "the stream is empty"));
    };
    match (first >> 1) & 3 {
        3 => Err(corrupt(at, "invalid block type")),
        0 => match data.get(at + 1..at + 5) {
            Some(&[a, b, c, d]) if u16::from_le_bytes([a, b]) == !u16::from_le_bytes([c, d]) => {
                Ok(())
            }
            Some(_) => Err(corrupt(at + 1, "invalid stored block lengths")),
            None => Err(corrupt(data.len(), "the stream ends inside a block header")),
        },
        _ => Ok(()),
    }
}

/// Inflates one stream, with output bounded by [`MAX_INFLATED_BYTES`]; returns the output and
/// the number of input bytes used.
fn inflate_stream(data: &[u8], zlib: bool) -> Result<(Vec<u8>, usize), InflateError> {
    check_first_block(data, if zlib { 2 } else { 0 })?;
    let format = if zlib {
        DataFormat::Zlib
    } else {
        DataFormat::Raw
    };
    let mut state = InflateState::new_boxed(format);
    let cap = MAX_INFLATED_BYTES + 1;
    let mut out = Vec::new();
    let mut used = 0;
    let mut room = data.len().saturating_mul(4).clamp(1024, cap);
    loop {
        let start = out.len();
        room = room.min(cap - start);
        if room == 0 {
            return Err(InflateError::Limit);
        }
        out.resize(start + room, 0);
        let input = data.get(used..).unwrap_or_default();
        let step = inflate(&mut state, input, &mut out[start..], MZFlush::None);
        used += step.bytes_consumed;
        out.truncate(start + step.bytes_written);
        if out.len() > MAX_INFLATED_BYTES {
            return Err(InflateError::Limit);
        }
        match step.status {
            Ok(MZStatus::StreamEnd) => return Ok((out, used)),
            Ok(_) | Err(MZError::Buf) => {
                let full = step.bytes_written == room;
                if !full && step.bytes_consumed == 0 && step.bytes_written == 0 {
                    return Err(corrupt(
                        data.len(),
                        "the stream ends before its last block (truncated?)",
                    ));
                }
            }
            Err(_) => return Err(corrupt(used, "corrupt data")),
        }
        room = out.len().max(4096);
    }
}

/// The CRC-32 table of gzip (RFC 1952 §8), made at compile time: one table of 1 KB rather
/// than the 16 KB of slice-by-16 tables a CRC crate would put in the page.
const CRC32_TABLE: [u32; 256] = {
    let mut table = [0u32; 256];
    let mut n = 0;
    while n < 256 {
        #[allow(clippy::cast_possible_truncation)]
        let mut c = n as u32;
        let mut bit = 0;
        while bit < 8 {
            c = if c & 1 == 1 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
            bit += 1;
        }
        table[n] = c;
        n += 1;
    }
    table
};

/// The CRC-32 of gzip (RFC 1952 §8).
fn crc32(bytes: &[u8]) -> u32 {
    !bytes.iter().fold(!0u32, |crc, &byte| {
        CRC32_TABLE[usize::from((crc as u8) ^ byte)] ^ (crc >> 8)
    })
}

/// Inflates a gzip member (RFC 1952), checking its CRC and size.
fn inflate_gzip(data: &[u8]) -> Result<Vec<u8>, InflateError> {
    let [0x1f, 0x8b, method, flags, _, _, _, _, _, _, ..] = *data else {
        return Err(corrupt(data.len(), "truncated gzip header"));
    };
    if method != 8 {
        return Err(corrupt(2, "the gzip compression method is not DEFLATE"));
    }
    let mut pos = 10usize;
    if flags & 4 != 0 {
        let Some(&[low, high]) = data.get(pos..pos + 2) else {
            return Err(corrupt(data.len(), "truncated gzip header"));
        };
        pos += 2 + usize::from(u16::from_le_bytes([low, high]));
    }
    for flag in [8u8, 16] {
        if flags & flag != 0 {
            let Some(nul) = data
                .get(pos..)
                .and_then(|rest| rest.iter().position(|&b| b == 0))
            else {
                return Err(corrupt(data.len(), "truncated gzip header"));
            };
            pos += nul + 1;
        }
    }
    if flags & 2 != 0 {
        pos += 2;
    }
    let Some(body) = data.get(pos..) else {
        return Err(corrupt(data.len(), "truncated gzip header"));
    };
    let (out, used) = inflate_stream(body, false).map_err(|e| match e {
        InflateError::Corrupt { at, why } => corrupt(pos + at, why),
        InflateError::Limit => InflateError::Limit,
    })?;
    let trailer_at = pos + used;
    let Some(&[c0, c1, c2, c3, s0, s1, s2, s3]) = body.get(used..used + 8) else {
        return Err(corrupt(data.len(), "truncated gzip trailer"));
    };
    if crc32(&out) != u32::from_le_bytes([c0, c1, c2, c3]) {
        return Err(corrupt(trailer_at, "gzip CRC mismatch"));
    }
    // ISIZE is the size modulo 2^32.
    #[allow(clippy::cast_possible_truncation)]
    if out.len() as u32 != u32::from_le_bytes([s0, s1, s2, s3]) {
        return Err(corrupt(trailer_at + 4, "gzip size mismatch"));
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// PEM.

fn looks_like_pem(trimmed: &str) -> bool {
    trimmed.starts_with("-----BEGIN ") || trimmed.contains("\n-----BEGIN ")
}

/// A PEM block being read.
struct OpenBlock {
    label: String,
    begin: usize,
    begin_end: usize,
    body: usize,
    seen_data: bool,
}

/// Parses every PEM block of `text`; text outside blocks is ignored. Spans point into `text`.
fn parse_pem(text: &str) -> Result<Vec<PemBlock>, (String, Option<Span>)> {
    let mut blocks = Vec::new();
    let mut open: Option<OpenBlock> = None;
    let mut pos = 0;
    for raw_line in text.split_inclusive('\n') {
        let line_start = pos;
        pos += raw_line.len();
        let first = line_start + (raw_line.len() - raw_line.trim_start().len());
        let end = line_start + raw_line.trim_end().len();
        let line = raw_line.trim();
        let line_span = Some(Span::new(first, end.max(first)));
        let number = blocks.len() + 1;
        match &mut open {
            None => {
                if let Some(rest) = line.strip_prefix("-----BEGIN ") {
                    let Some(label) = rest.strip_suffix("-----") else {
                        return Err((
                            format!(
                                "PEM block {number}: the BEGIN line at byte {first} does not end with `-----`"
                            ),
                            line_span,
                        ));
                    };
                    open = Some(OpenBlock {
                        label: label.to_owned(),
                        begin: first,
                        begin_end: end,
                        body: pos,
                        seen_data: false,
                    });
                }
            }
            Some(block) => {
                if let Some(rest) = line.strip_prefix("-----END ") {
                    let label = &block.label;
                    if rest.strip_suffix("-----") != Some(label.as_str()) {
                        return Err((
                            format!(
                                "PEM block {number} ({label}): the END line at byte {first} is not `-----END {label}-----`"
                            ),
                            line_span,
                        ));
                    }
                    let body = text.get(block.body..line_start).unwrap_or_default();
                    if body.trim().is_empty() {
                        return Err((
                            format!("PEM block {number} ({label}) is empty"),
                            Some(Span::new(block.begin, end)),
                        ));
                    }
                    let der = match b64_decode(body, block.body, false) {
                        Ok((der, _)) => der,
                        Err(e) => {
                            return Err((
                                format!("PEM block {number} ({label}): {}", e.reason),
                                Some(e.span),
                            ));
                        }
                    };
                    blocks.push(PemBlock {
                        label: label.clone(),
                        der,
                        span: Span::new(block.begin, end),
                    });
                    open = None;
                } else if !block.seen_data && line.contains(':') {
                    // RFC 1421 header (`Proc-Type: 4,ENCRYPTED`): not part of the base64.
                    block.body = pos;
                } else if !line.is_empty() {
                    block.seen_data = true;
                }
            }
        }
    }
    if let Some(block) = open {
        let label = block.label;
        return Err((
            format!(
                "PEM block {} ({label}) at byte {} has no `-----END {label}-----` line",
                blocks.len() + 1,
                block.begin
            ),
            Some(Span::new(block.begin, block.begin_end)),
        ));
    }
    if blocks.is_empty() {
        return Err(("PEM: no complete PEM block".to_owned(), None));
    }
    Ok(blocks)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use std::io::Write as _;

    use proptest::prelude::*;

    use super::*;

    fn deflate(bytes: &[u8]) -> Vec<u8> {
        let mut encoder =
            flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(bytes).unwrap();
        encoder.finish().unwrap()
    }

    fn b64(bytes: &[u8]) -> String {
        base64::engine::general_purpose::STANDARD.encode(bytes)
    }

    #[test]
    fn megabytes_with_one_decimal() {
        assert_eq!(megabytes(64 * 1024 * 1024), "64 MB");
        assert_eq!(megabytes(64 * 1024 * 1024 + 1), "64.0 MB");
        assert_eq!(megabytes(3 * 512 * 1024), "1.5 MB");
        assert_eq!(megabytes(1024 * 1024 - 1), "1.0 MB");
        assert_eq!(megabytes(100 * 1024), "0.1 MB");
        assert_eq!(megabytes(20 * 1024), "0.0 MB");
    }

    #[test]
    fn der_sequence_detection() {
        assert!(is_der_sequence(&[0x30, 0x00]));
        assert!(is_der_sequence(&[0x30, 0x02, 0x05, 0x00]));
        assert!(!is_der_sequence(&[0x30, 0x03, 0x05, 0x00]));
        let mut long = vec![0x30, 0x81, 0x80];
        long.extend([0; 0x80]);
        assert!(is_der_sequence(&long));
        // Non-minimal lengths are not DER.
        assert!(!is_der_sequence(&[0x30, 0x81, 0x01, 0x00]));
        assert!(!is_der_sequence(&[0x30, 0x82, 0x00, 0x80]));
        // Huge or indefinite lengths never overflow or match.
        assert!(!is_der_sequence(&[
            0x30, 0x84, 0xff, 0xff, 0xff, 0xff, 0x00
        ]));
        assert!(!is_der_sequence(&[0x30, 0x88, 0xff, 0xff, 0xff, 0xff]));
        assert!(!is_der_sequence(&[0x30, 0x80, 0x00, 0x00]));
        assert!(!is_der_sequence(&[0x31, 0x00]));
        assert!(!is_der_sequence(&[]));
    }

    #[test]
    fn base64_positions_are_absolute() {
        let e = b64_decode("PHNh%bWxw", 100, false).err().unwrap();
        assert_eq!(e.reason, "`%` at byte 104 is not a base64 character");
        assert_eq!(e.span, Span::new(104, 105));
        let e = b64_decode("PHNh\u{e9}", 0, false).err().unwrap();
        assert_eq!(e.span, Span::new(4, 6));
        let e = b64_decode("ab+-", 0, false).err().unwrap();
        assert!(e.reason.contains("mixes"), "{}", e.reason);
        let e = b64_decode("ab==cd", 0, false).err().unwrap();
        assert!(
            e.reason.contains("after the `=` padding at byte 2"),
            "{}",
            e.reason
        );
        let e = b64_decode("abc===", 0, false).err().unwrap();
        assert!(e.reason.contains("too much"), "{}", e.reason);
        assert!(b64_decode(" \n ", 0, false).is_err());
        assert_eq!(
            b64_decode("YQ", 0, false).ok().unwrap(),
            (b"a".to_vec(), false)
        );
        assert_eq!(b64_decode("Y Q = =", 0, false).ok().unwrap().0, b"a");
        assert_eq!(
            b64_decode("-_8", 0, false).ok().unwrap(),
            (vec![0xfb, 0xff], true)
        );
    }

    #[test]
    fn spaces_in_base64() {
        // `abc+/8==`, with the `+` turned into a space.
        assert_eq!(
            b64_decode("abc /8==", 0, true).ok().unwrap().0,
            [105, 183, 62, 255]
        );
        // Outside a binding, the padding decides.
        assert_eq!(
            b64_decode("abc /8==", 0, false).ok().unwrap().0,
            [105, 183, 62, 255]
        );
        assert_eq!(b64_decode("abcd efgh", 0, false).ok().unwrap().0.len(), 6);
        // With line breaks, spaces are whitespace even in a binding.
        assert_eq!(
            b64_decode("abcd efgh\nijkl", 0, true).ok().unwrap().0.len(),
            9
        );
        assert!(padding_says_spaces_are_plus(b"abc /8=="));
        assert!(!padding_says_spaces_are_plus(b"abcd efgh"));
        assert!(padding_says_spaces_are_plus(b"abcd e"));
    }

    #[test]
    fn percent_decoding_keeps_invalid_escapes() {
        assert_eq!(percent_decode(b"a%2Bb+c%zz%4", false), b"a+b+c%zz%4");
        assert_eq!(percent_decode(b"a%2Bb+c", true), b"a+b c");
        assert_eq!(
            percent_decode_smart(b"%3Cr+a%3D%221%2B1%22%2F%3E"),
            b"<r a=\"1+1\"/>"
        );
        assert_eq!(percent_decode_smart(b"ab+c%3D"), b"ab+c=");
        assert!(has_percent_escape(b"x%3d"));
        assert!(!has_percent_escape(b"100%"));
        assert!(!has_percent_escape(b"%g0"));
    }

    #[test]
    fn declared_encoding_is_read() {
        assert_eq!(
            declared_encoding(b" <?xml version=\"1.0\" encoding = 'latin1' ?><r/>"),
            Some(&b"latin1"[..])
        );
        assert_eq!(declared_encoding(b"<?xml version=\"1.0\"?><r/>"), None);
        assert_eq!(declared_encoding(b"<r encoding=\"latin1\"/>"), None);
        assert_eq!(declared_encoding(b"<?xml encoding=\"latin1"), None);
        assert!(is_windows_1252(b"ISO-8859-1"));
        assert!(!is_windows_1252(b"UTF-8"));
    }

    #[test]
    fn inflate_errors_are_named() {
        let Err(InflateError::Corrupt { at, why }) = inflate_any(&[0x07, 0, 0]) else {
            panic!()
        };
        assert_eq!((at, why.as_str()), (0, "invalid block type"));
        let Err(InflateError::Corrupt { at, why }) = inflate_any(&[0x01, 5, 0, 5, 0, 1]) else {
            panic!()
        };
        assert_eq!((at, why.as_str()), (1, "invalid stored block lengths"));
        let mut stream = deflate(b"<r/>");
        assert_eq!(inflate_any(&stream).ok().unwrap(), b"<r/>");
        stream.push(0);
        let Err(InflateError::Corrupt { why, .. }) = inflate_any(&stream) else {
            panic!()
        };
        assert!(why.contains("unexpected bytes after the end"), "{why}");
        let stream = deflate(&[b'x'; 10_000]);
        let Err(InflateError::Corrupt { why, .. }) = inflate_any(&stream[..stream.len() - 2])
        else {
            panic!()
        };
        assert!(why.contains("truncated"), "{why}");
    }

    #[test]
    fn crc32_is_gzips() {
        assert_eq!(crc32(b""), 0);
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    }

    #[test]
    fn gzip_and_zlib_members_inflate_and_are_checked() {
        use std::io::Write as _;
        let text = b"<samlp:Response/>".repeat(2000);
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(&text).expect("writes");
        let mut gz = gz.finish().expect("finishes");
        assert_eq!(inflate_gzip(&gz).ok(), Some(text.clone()));
        let crc_at = gz.len() - 8;
        gz[crc_at] ^= 1;
        let Err(InflateError::Corrupt { at, why }) = inflate_gzip(&gz) else {
            panic!("a wrong CRC is an error")
        };
        assert_eq!((at, why.as_str()), (crc_at, "gzip CRC mismatch"));
        gz[crc_at] ^= 1;
        gz[crc_at + 4] ^= 1;
        let Err(InflateError::Corrupt { why, .. }) = inflate_gzip(&gz) else {
            panic!("a wrong size is an error")
        };
        assert_eq!(why, "gzip size mismatch");
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
        z.write_all(&text).expect("writes");
        let z = z.finish().expect("finishes");
        let (out, used) = inflate_stream(&z, true).ok().expect("zlib inflates");
        assert_eq!((out, used), (text, z.len()));
    }

    #[test]
    fn error_text_is_bounded_on_char_boundaries() {
        let text = "\u{e9}".repeat(MAX_ERROR_TEXT_BYTES);
        let (bounded_text, span) = bounded(&text, Some(Span::new(0, 2)));
        assert!(bounded_text.len() <= MAX_ERROR_TEXT_BYTES);
        assert_eq!(span, Some(Span::new(0, 2)));
        let (_, span) = bounded(&text, Some(Span::at(MAX_ERROR_TEXT_BYTES + 2)));
        assert_eq!(span, None);
    }

    #[test]
    fn binding_scan() {
        let Scan::Found(found) = scan_binding("/sso?a=1&SAMLRequest=x%3D&Signature=s#f") else {
            panic!()
        };
        assert_eq!(found.endpoint, Some("/sso"));
        assert_eq!(found.source, BindingSource::Url);
        assert_eq!(found.value, "x%3D");
        assert_eq!(found.raw_query, "a=1&SAMLRequest=x%3D&Signature=s");
        assert!(matches!(scan_binding("abc"), Scan::NotFound));
        assert!(matches!(
            scan_binding("HTTPS://x/?y=1"),
            Scan::UrlWithoutParameter(_)
        ));
        let Scan::Found(found) = scan_binding("SAML%52equest=v") else {
            panic!()
        };
        assert_eq!(found.parameter, "SAMLRequest");
    }

    fn check_invariants(input: &[u8]) {
        match decode(input) {
            Ok(decoded) => {
                assert!(decoded.layers.len() <= MAX_LAYERS);
                if let Content::Pem(blocks) = &decoded.content {
                    for block in blocks {
                        assert!(decoded.text.get(block.span.start..block.span.end).is_some());
                    }
                }
            }
            Err(e) => {
                assert!(e.text.len() <= MAX_ERROR_TEXT_BYTES);
                assert!(e.layers.len() <= MAX_LAYERS);
                if let Some(span) = e.span {
                    assert!(e.text.get(span.start..span.end).is_some(), "{e:?}");
                }
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        #[test]
        fn never_panics_on_bytes(input in proptest::collection::vec(any::<u8>(), 0..512)) {
            check_invariants(&input);
            check_invariants(b64(&input).as_bytes());
            check_invariants(b64(&deflate(&input)).as_bytes());
        }

        #[test]
        fn never_panics_on_text(input in "[<>?&=%+/ a-zA-Z0-9\\-_\n\u{e9}]{0,300}") {
            check_invariants(input.as_bytes());
            check_invariants(format!("https://x/?SAMLRequest={input}").as_bytes());
            check_invariants(format!("-----BEGIN X-----\n{input}\n-----END X-----").as_bytes());
        }

        #[test]
        fn mutated_redirect_urls_never_panic(cut in 0usize..400, flip in 0usize..400, bit in 0u8..8) {
            let xml = "<samlp:AuthnRequest xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" ID=\"_1\"/>";
            let url = format!(
                "https://idp.example.com/sso?SAMLRequest={}&RelayState=r",
                b64(&deflate(xml.as_bytes())).replace('+', "%2B").replace('=', "%3D")
            );
            let mut bytes = url.into_bytes();
            if let Some(b) = bytes.get_mut(flip) {
                *b ^= 1 << bit;
            }
            bytes.truncate(cut);
            check_invariants(&bytes);
        }
    }
}
