//! Percent-encoding, keeping invalid escapes as they are.

use super::walk::lossy;

fn hex_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

pub(super) fn has_percent_escape(bytes: &[u8]) -> bool {
    bytes.contains(&b'%')
        && bytes.windows(3).any(|w| {
        matches!(w, [b'%', high, low] if hex_value(*high).is_some() && hex_value(*low).is_some())
    })
}

/// Percent-decodes once; an invalid `%` is kept as is. `+` becomes a space if `plus_as_space`.
pub(super) fn percent_decode(bytes: &[u8], plus_as_space: bool) -> Vec<u8> {
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
pub(super) fn percent_decode_smart(bytes: &[u8]) -> Vec<u8> {
    let decoded = percent_decode(bytes, false);
    if bytes.contains(&b'+') && decoded.trim_ascii_start().starts_with(b"<") {
        percent_decode(bytes, true)
    } else {
        decoded
    }
}

/// `application/x-www-form-urlencoded` value decoding (`+` is a space), lossy UTF-8.
pub(super) fn form_decode(value: &str) -> String {
    lossy(percent_decode(value.as_bytes(), true))
}
