//! The walk: one round per layer, each trying in turn what the text can be (see the
//! heuristics of [`super`]).

use std::borrow::Cow;

use super::b64::{B64Error, b64_decode, b64_strict, is_base64_symbol, nth_symbol};
use super::binary::{InflateError, inflate_any, is_der_sequence};
use super::binding::{Found, Scan, scan_binding};
use super::pem::{looks_like_pem, parse_pem};
use super::percent::{form_decode, has_percent_escape, percent_decode, percent_decode_smart};
use super::text::{TextError, bytes_to_text, utf16_order};
use super::{
    BindingParams, BindingSource, Content, DecodeError, DecodeErrorKind, Decoded, Layer,
    MAX_ERROR_TEXT_BYTES, MAX_INFLATED_BYTES, MAX_LAYERS, megabytes, plural,
};
use crate::span::Span;

/// What interpreting a layer's output bytes gave.
enum Next {
    /// Text to look at in the next round.
    Text(String),
    /// DER bytes (a certificate or key): decoding is done.
    Der(Vec<u8>),
}

/// State carried from round to round.
#[derive(Default)]
pub(super) struct Walk {
    pub(super) layers: Vec<Layer>,
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
    pub(super) fn error(
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
    pub(super) fn text_error(&self, e: TextError, mut tried: Vec<String>) -> DecodeError {
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

    pub(super) fn finish(mut self, text: String, content: Content) -> Decoded {
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
    pub(super) fn run(mut self, mut text: String) -> Result<Decoded, DecodeError> {
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
pub(super) fn show_char(c: char) -> String {
    if c.is_control() || c.is_whitespace() {
        format!("U+{:04X}", u32::from(c))
    } else {
        format!("`{c}`")
    }
}

/// The span and the first [`MAX_ERROR_TEXT_BYTES`] of `text`; spans past the cut are dropped.
pub(super) fn bounded(text: &str, span: Option<Span>) -> (String, Option<Span>) {
    let mut cut = text.len().min(MAX_ERROR_TEXT_BYTES);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let text = text.get(..cut).unwrap_or_default().to_owned();
    let span = span.filter(|s| s.start <= s.end && s.end <= text.len());
    (text, span)
}

/// Lossy UTF-8 of (at most about [`MAX_ERROR_TEXT_BYTES`] of) `bytes`.
pub(super) fn lossy_prefix(bytes: &[u8]) -> String {
    let head = bytes.get(..MAX_ERROR_TEXT_BYTES).unwrap_or(bytes);
    bounded(&String::from_utf8_lossy(head), None).0
}

pub(super) fn lossy(bytes: Vec<u8>) -> String {
    match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    }
}

/// Whether decoded text is worth another round: XML, or free of control characters.
pub(super) fn is_texty(text: &str) -> bool {
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
