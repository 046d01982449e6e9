//! Binary layers: DER (a certificate or key pasted as base64) and DEFLATE (raw, zlib or
//! gzip), bounded by [`MAX_INFLATED_BYTES`].

use base64::Engine as _;
use miniz_oxide::inflate::stream::{InflateState, inflate};
use miniz_oxide::{DataFormat, MZError, MZFlush, MZStatus};

use super::MAX_INFLATED_BYTES;
use super::b64::B64_STANDARD;

/// Whether `bytes` are exactly one DER SEQUENCE (tag 0x30, definite length matching).
pub(super) fn is_der_sequence(bytes: &[u8]) -> bool {
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
pub(super) fn base64_lines(der: &[u8]) -> String {
    let encoded = B64_STANDARD.encode(der);
    let mut text = String::with_capacity(encoded.len() + encoded.len() / 64 + 1);
    for line in encoded.as_bytes().chunks(64) {
        // Base64 is ASCII: every chunk is a whole line of text.
        text.push_str(std::str::from_utf8(line).unwrap_or_default());
        text.push('\n');
    }
    text
}

pub(super) enum InflateError {
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
pub(super) fn inflate_any(data: &[u8]) -> Result<Vec<u8>, InflateError> {
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
pub(super) fn inflate_stream(data: &[u8], zlib: bool) -> Result<(Vec<u8>, usize), InflateError> {
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
pub(super) fn crc32(bytes: &[u8]) -> u32 {
    !bytes.iter().fold(!0u32, |crc, &byte| {
        CRC32_TABLE[usize::from((crc as u8) ^ byte)] ^ (crc >> 8)
    })
}

/// Inflates a gzip member (RFC 1952), checking its CRC and size.
pub(super) fn inflate_gzip(data: &[u8]) -> Result<Vec<u8>, InflateError> {
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
