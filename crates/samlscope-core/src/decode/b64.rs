//! Base64: strict and tolerant, standard and URL-safe, with absolute error positions.

use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::{Engine as _, alphabet};

use super::walk::show_char;
use crate::span::Span;

const B64_CONFIG: GeneralPurposeConfig = GeneralPurposeConfig::new()
    .with_decode_padding_mode(DecodePaddingMode::RequireNone)
    .with_decode_allow_trailing_bits(true);
pub(super) const B64_STANDARD: GeneralPurpose =
    GeneralPurpose::new(&alphabet::STANDARD, B64_CONFIG);
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
pub(super) fn b64_strict(text: &str) -> Option<(Vec<u8>, bool)> {
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
pub(super) struct B64Error {
    pub(super) reason: String,
    pub(super) span: Span,
}

pub(super) fn is_base64_symbol(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '-' | '_')
}

/// Decodes standard or URL-safe base64, skipping whitespace, with or without padding.
///
/// `base` is the offset of `text` in the caller's text (for positions). Returns the bytes and
/// whether the URL-safe alphabet was used. When `plus_context` (a SAML parameter value),
/// spaces stand for `+` unless the text has line breaks.
pub(super) fn b64_decode(
    text: &str,
    base: usize,
    plus_context: bool,
) -> Result<(Vec<u8>, bool), B64Error> {
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
pub(super) fn padding_says_spaces_are_plus(bytes: &[u8]) -> bool {
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
pub(super) fn nth_symbol(text: &str, n: usize) -> Option<usize> {
    text.bytes()
        .enumerate()
        .filter(|&(_, b)| is_base64_symbol(char::from(b)))
        .nth(n)
        .map(|(i, _)| i)
}
