//! Bytes to text: UTF-8, UTF-8 BOM, UTF-16, Latin-1 (windows-1252) when the XML declaration
//! says so.

use std::borrow::Cow;

use super::walk::{bounded, lossy_prefix};
use super::{Layer, MAX_ERROR_TEXT_BYTES};
use crate::span::Span;

/// Why bytes are not text.
pub(super) struct TextError {
    pub(super) message: String,
    pub(super) tried: Vec<String>,
    /// Lossy text of the bytes, bounded.
    pub(super) text: String,
    pub(super) span: Option<Span>,
}

/// Reads bytes as text, returning the layer undone (BOM, UTF-16, Latin-1), if any.
pub(super) fn bytes_to_text(bytes: Cow<'_, [u8]>) -> Result<(String, Option<Layer>), TextError> {
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
pub(super) fn utf16_order(bytes: &[u8]) -> Option<(bool, usize)> {
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
pub(super) fn declared_encoding(bytes: &[u8]) -> Option<&[u8]> {
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

pub(super) fn is_windows_1252(label: &[u8]) -> bool {
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
