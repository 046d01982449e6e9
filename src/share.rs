//! Share links: the (redacted, by default) message in the URL *fragment*, compressed.
//!
//! `#m=` + base64url (no padding) of the raw DEFLATE of the text, and optionally `&c=` + the
//! same of the sender's configuration (in [`crate::config::Config::shared_form`], masked like
//! the message when the message is). Browsers never send the
//! fragment to a server (it is not part of the HTTP request), so a link made here carries the
//! message from one browser to another without any server seeing it. Opening a link decodes
//! it in the page, bounded: a fragment that would expand past [`MAX_SHARED_BYTES`] is refused.
//!
//! The page compresses with the browser's own `CompressionStream("deflate-raw")` ([`deflate`]),
//! so that no DEFLATE encoder is compiled into the wasm; it inflates with the core's decoder.

use base64::Engine as _;
use samlscope_core::{Clock, Timestamp};

use crate::config::ClockChoice;
use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};

/// The largest message a share link may carry (decoded), in bytes.
pub const MAX_SHARED_BYTES: usize = 1024 * 1024;

/// The fragment's key.
const PREFIX: &str = "m=";

/// base64url without padding when encoding; with or without it when decoding.
const BASE64URL: GeneralPurpose = GeneralPurpose::new(
    &alphabet::URL_SAFE,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(DecodePaddingMode::Indifferent),
);

/// The key of the configuration in the fragment.
const CONFIG: &str = "&c=";

/// The key of the clock the sender judged times at, last in the fragment: `issue-instant`, or
/// a chosen time (`2026-11-23T17:00:00Z`). Absent: now.
const CLOCK: &str = "&t=";

/// What a share link carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shared {
    /// The message text.
    pub text: String,
    /// The sender's configuration ([`crate::config::Config::shared_form`]), when the link
    /// carries it (and it is readable).
    pub config: Option<String>,
    /// The clock the sender judged times at (now, when the link does not say, or says
    /// something unreadable), so that the recipient sees the same time findings.
    pub clock: ClockChoice,
}

/// What to append, last, to a link's fragment to carry the clock times are judged at: nothing
/// for now (the recipient's now is theirs).
pub fn clock_fragment(clock: ClockChoice) -> String {
    match (clock.basis, clock.custom) {
        (Clock::IssueInstant, _) => format!("{CLOCK}issue-instant"),
        (Clock::Custom, Some(at)) => format!("{CLOCK}{at}"),
        _ => String::new(),
    }
}

/// The clock a link's `&t=` value names.
fn clock_of(value: &str) -> ClockChoice {
    match value {
        "issue-instant" => ClockChoice {
            basis: Clock::IssueInstant,
            custom: None,
        },
        _ => Timestamp::parse(value).map_or_else(ClockChoice::default, |at| ClockChoice {
            basis: Clock::Custom,
            custom: Some(at),
        }),
    }
}

/// The fragment (`#m=…`) that carries a message, given the raw DEFLATE of its text (see
/// [`deflate`]). Callers keep the text within [`MAX_SHARED_BYTES`]: a longer one makes a link
/// that [`from_fragment`] refuses.
pub fn fragment_from_deflated(deflated: &[u8]) -> String {
    format!("#{PREFIX}{}", BASE64URL.encode(deflated))
}

/// What to append to [`fragment_from_deflated`]'s fragment to carry a configuration too, given
/// the raw DEFLATE of its shared form (within [`MAX_SHARED_BYTES`] likewise).
pub fn config_fragment(deflated: &[u8]) -> String {
    format!("{CONFIG}{}", BASE64URL.encode(deflated))
}

/// The shared message in a location fragment (`#m=…`, with or without the `#`), if it holds
/// one: `None` for any other fragment, for garbage, for text that is not UTF-8, and for a
/// message larger than [`MAX_SHARED_BYTES`].
pub fn from_fragment(fragment: &str) -> Option<Shared> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    let payload = fragment.strip_prefix(PREFIX)?;
    // base64url has no `&`: the clock, last, is split off first.
    let (payload, clock) = match payload.rsplit_once(CLOCK) {
        Some((payload, clock)) => (payload, clock_of(clock)),
        None => (payload, ClockChoice::default()),
    };
    let (message, config) = match payload.split_once(CONFIG) {
        Some((message, config)) => (message, Some(config)),
        None => (payload, None),
    };
    Some(Shared {
        text: inflate(message)?,
        config: config.and_then(inflate),
        clock,
    })
}

/// The text in one base64url DEFLATE payload: `None` for garbage, for text that is not UTF-8,
/// for an empty text and for one larger than [`MAX_SHARED_BYTES`].
fn inflate(payload: &str) -> Option<String> {
    // A link for the largest message is at most about 1.4 MB of base64 (text DEFLATE cannot
    // shrink); anything longer is refused before it is decoded.
    if payload.is_empty() || payload.len() > MAX_SHARED_BYTES * 2 {
        return None;
    }
    let compressed = BASE64URL.decode(payload).ok()?;
    // Bounded: inflating stops with an error past the limit (a DEFLATE bomb costs nothing).
    let bytes =
        miniz_oxide::inflate::decompress_to_vec_with_limit(&compressed, MAX_SHARED_BYTES).ok()?;
    let text = String::from_utf8(bytes).ok()?;
    (!text.is_empty()).then_some(text)
}

#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen(inline_js = "
export async function deflateRaw(bytes) {
  const stream = new Blob([bytes]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
")]
extern "C" {
    #[wasm_bindgen(js_name = deflateRaw)]
    fn deflate_raw(bytes: &[u8]) -> js_sys::Promise;
}

/// The raw DEFLATE of `text`, made by the browser (`CompressionStream("deflate-raw")`, in
/// memory: nothing is sent anywhere). `None` when the browser cannot compress.
#[cfg(target_arch = "wasm32")]
pub async fn deflate(text: &str) -> Option<Vec<u8>> {
    let compressed = wasm_bindgen_futures::JsFuture::from(deflate_raw(text.as_bytes()))
        .await
        .ok()?;
    Some(js_sys::Uint8Array::new(&compressed).to_vec())
}

#[cfg(test)]
mod tests {
    use std::io::Write as _;

    use super::*;

    fn deflated(text: &str) -> Vec<u8> {
        let mut encoder =
            flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
        encoder.write_all(text.as_bytes()).expect("write");
        encoder.finish().expect("finish")
    }

    /// What the page does with the browser's compressor, with flate2's.
    fn to_fragment(text: &str) -> String {
        fragment_from_deflated(&deflated(text))
    }

    #[test]
    fn a_link_carries_a_configuration_too() {
        let fragment = format!(
            "{}{}",
            to_fragment("<samlp:Response/>"),
            config_fragment(&deflated("identifier=https://app.example.com/\n"))
        );
        let shared = from_fragment(&fragment).expect("shared");
        assert_eq!(shared.text, "<samlp:Response/>");
        assert_eq!(
            shared.config.as_deref(),
            Some("identifier=https://app.example.com/\n")
        );
        // Without one, or with an unreadable one: the message alone.
        assert_eq!(from_fragment(&to_fragment("x")).expect("x").config, None);
        let garbage = format!("{}&c=!!!", to_fragment("x"));
        assert_eq!(
            from_fragment(&garbage),
            Some(Shared {
                text: "x".to_owned(),
                config: None,
                clock: ClockChoice::default(),
            })
        );
    }

    /// A link carries the clock the sender judged times at (last, after the configuration),
    /// so that the recipient sees the same time findings; now, or garbage, is now.
    #[test]
    fn a_link_carries_the_clock() {
        let issue_instant = ClockChoice {
            basis: Clock::IssueInstant,
            custom: None,
        };
        let chosen = ClockChoice {
            basis: Clock::Custom,
            custom: Timestamp::parse("2026-11-23T17:00:00Z"),
        };
        for clock in [issue_instant, chosen] {
            let fragment = format!(
                "{}{}{}",
                to_fragment("x"),
                config_fragment(&deflated("identifier=a\n")),
                clock_fragment(clock)
            );
            let shared = from_fragment(&fragment).expect("shared");
            assert_eq!(shared.clock, clock, "{fragment}");
            assert_eq!(shared.config.as_deref(), Some("identifier=a\n"));
            assert_eq!(shared.text, "x");
        }
        assert_eq!(clock_fragment(ClockChoice::default()), "");
        for odd in ["&t=", "&t=yesterday", "&t=now"] {
            let shared = from_fragment(&format!("{}{odd}", to_fragment("x"))).expect("x");
            assert_eq!(shared.clock, ClockChoice::default(), "{odd}");
            assert_eq!(shared.text, "x");
        }
    }

    #[test]
    fn round_trip() {
        for text in [
            "x",
            "<samlp:Response ID=\"_1\">café — 日本語 ✓</samlp:Response>\n",
            &"<a>lorem ipsum</a>\n".repeat(5000),
        ] {
            let fragment = to_fragment(text);
            assert!(fragment.starts_with("#m="));
            assert!(
                fragment[3..]
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'),
                "not base64url: {fragment}"
            );
            assert_eq!(
                from_fragment(&fragment).map(|s| s.text).as_deref(),
                Some(text)
            );
            // Without the `#`, and with padding added by a tool on the way.
            assert!(from_fragment(&fragment[1..]).is_some());
            let mut padded = fragment.clone();
            while !(padded.len() - 3).is_multiple_of(4) {
                padded.push('=');
            }
            assert_eq!(
                from_fragment(&padded).map(|s| s.text).as_deref(),
                Some(text)
            );
        }
        // Compressed: a repetitive 90 kB message makes a short link.
        assert!(to_fragment(&"<a>lorem ipsum</a>\n".repeat(5000)).len() < 2000);
    }

    #[test]
    fn garbage_and_other_fragments_are_refused() {
        for fragment in [
            "",
            "#",
            "#m=",
            "#top",
            "#findings",
            "#x=abc",
            "#m=!!!not-base64!!!",
            "#m=AAAA",
            "#m=aGVsbG8",    // base64 of "hello", not DEFLATE
            "#m=%2Fpercent", // percent-encoded
        ] {
            assert_eq!(from_fragment(fragment), None, "{fragment}");
        }
        // Valid DEFLATE of bytes that are not UTF-8.
        let mut encoder =
            flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(&[0xff, 0xfe, 0x00]).expect("write");
        let fragment = format!("#m={}", BASE64URL.encode(encoder.finish().expect("finish")));
        assert_eq!(from_fragment(&fragment), None);
        // DEFLATE of an empty text.
        assert_eq!(from_fragment(&to_fragment("")), None);
    }

    #[test]
    fn bounded() {
        let at_limit = "a".repeat(MAX_SHARED_BYTES);
        assert_eq!(
            from_fragment(&to_fragment(&at_limit)).map(|s| s.text.len()),
            Some(MAX_SHARED_BYTES)
        );
        // A 1 MB + 1 byte message, and a DEFLATE bomb (64 MB of zeros in about 64 kB).
        assert_eq!(
            from_fragment(&to_fragment(&"a".repeat(MAX_SHARED_BYTES + 1))),
            None
        );
        let bomb = to_fragment(&"\0".repeat(64 * 1024 * 1024));
        assert!(bomb.len() < 200_000, "{}", bomb.len());
        assert_eq!(from_fragment(&bomb), None);
        // A fragment too long to be a link for a message within the bound.
        assert_eq!(
            from_fragment(&format!("#m={}", "A".repeat(MAX_SHARED_BYTES * 2 + 1))),
            None
        );
    }
}
