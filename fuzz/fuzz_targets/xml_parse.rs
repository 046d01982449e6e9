//! `xml::parse`: the one strict parser (quick-xml underneath) and its arena tree.
//!
//! Checks: the tree's invariants (every span inside the text, on character boundaries and
//! inside its parent's; contiguous subtrees; attributes inside start tags); the text given
//! back unchanged, also on error; an error's span inside the text; tight limits (chosen by
//! the first byte) give LimitExceeded, never a panic; the Pretty view parses again.
#![no_main]

use libfuzzer_sys::fuzz_target;
use samlscope_core::xml::{Limits, parse, parse_with, pretty};
use samlscope_fuzz::{check_document, check_span, split_first};

fuzz_target!(|data: &[u8]| {
    let (selector, rest) = split_first(data);
    let text = String::from_utf8_lossy(rest).into_owned();
    let result = if selector & 1 == 0 {
        parse(text.clone())
    } else {
        // Tight bounds, so that every limit is hit somewhere.
        let small = usize::from(selector >> 1);
        let limits = Limits {
            max_depth: small % 8 + 1,
            max_nodes: small * 4 + 1,
            max_value_bytes: small + 1,
            max_attributes: small % 5,
            max_name_bytes: small % 16 + 1,
            ..Limits::default()
        };
        parse_with(text.clone(), limits)
    };
    match result {
        Ok(doc) => {
            assert_eq!(doc.text(), text, "the document keeps the text as given");
            check_document(&doc);
            if let Some(p) = pretty(&doc)
                && let Err(e) = parse(p.clone())
            {
                panic!(
                    "the Pretty view is not well-formed: {} at {:?}\n{p}",
                    e.message, e.span
                );
            }
        }
        Err(e) => {
            assert_eq!(e.text, text, "the text is given back");
            check_span(&e.text, e.span, "parse error");
            if let Some(d) = e.doctype {
                check_span(&e.text, d, "DOCTYPE");
            }
        }
    }
});
