//! Property tests: `inspect` never panics, whatever it is given, and every span it reports
//! points inside the text it reports against.

use proptest::prelude::*;
use samlscope_core::{Context, Timestamp, inspect};

const BASE: &str = include_str!("fixtures/rules/base_response.xml");

fn check(input: &[u8]) {
    let ctx = Context::new(Timestamp(0));
    let report = inspect(input, &ctx);
    let len = report.text().len();
    for f in &report.findings {
        if let Some(s) = f.span {
            assert!(
                s.start <= s.end && s.end <= len,
                "{}: {s:?} outside {len}",
                f.name()
            );
        }
        for l in &f.labels {
            assert!(l.span.end <= len);
        }
    }
    let _ = samlscope_core::render::text::render(&report, "input");
    let _ = samlscope_core::render::json::render(&report);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_bytes(input in proptest::collection::vec(any::<u8>(), 0..512)) {
        check(&input);
    }

    #[test]
    fn mutated_response(pos in 0..BASE.len(), len in 0usize..40, byte in any::<u8>(), insert in any::<bool>()) {
        let mut bytes = BASE.as_bytes().to_vec();
        let end = (pos + len).min(bytes.len());
        if insert {
            bytes.splice(pos..pos, std::iter::repeat_n(byte, len));
        } else {
            bytes.splice(pos..end, std::iter::once(byte));
        }
        check(&bytes);
    }

    #[test]
    fn truncated_response(cut in 0..BASE.len()) {
        check(&BASE.as_bytes()[..cut]);
    }

    #[test]
    fn xml_like_soup(parts in proptest::collection::vec(prop_oneof![
        Just("<a>"), Just("</a>"), Just("<b x='1'/>"), Just("&amp;"), Just("&x;"), Just("<!--c-->"),
        Just("<![CDATA[d]]>"), Just("<?p i?>"), Just("<!DOCTYPE a>"), Just("text"), Just("<s:e xmlns:s='u'>"),
        Just("</s:e>"), Just("\u{feff}"), Just("\r\n"), Just("<a ID='_1'/>"),
    ], 0..30)) {
        check(parts.concat().as_bytes());
    }
}
