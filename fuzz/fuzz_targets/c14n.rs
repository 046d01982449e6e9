//! Canonical XML (1.0, 1.1, exclusive; with and without comments; InclusiveNamespaces) over
//! a node set of the parsed tree: an apex and an excluded subtree chosen by the first bytes.
//!
//! Checks: the output is UTF-8; for an element or the document as apex (no relative
//! namespace URI, where the canonical form is undefined), the output is well-formed XML and
//! canonicalising it again (whole, same algorithm) gives the same bytes (idempotence); writing
//! through a hashing sink gives the digest of the same bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use samlscope_core::dsig::c14n::{
    Algorithm, NodeSet, canonicalize, canonicalize_to_vec, relative_namespace_uri,
};
use samlscope_core::dsig::crypto::{DigestAlgorithm, Hasher, digest};
use samlscope_core::xml::{Document, NodeKind, parse};
use samlscope_fuzz::nth_node;

fn algorithm(selector: u8, doc: &Document) -> Algorithm {
    let comments = selector & 1 == 1;
    match (selector >> 1) % 4 {
        0 => Algorithm::Inclusive10 { comments },
        1 => Algorithm::Inclusive11 { comments },
        2 => Algorithm::Exclusive10 {
            comments,
            inclusive_prefixes: Vec::new(),
        },
        _ => {
            // An InclusiveNamespaces PrefixList from the prefixes the document declares.
            let mut prefixes: Vec<String> = doc
                .descendant_elements(doc.document_node())
                .flat_map(|e| {
                    e.namespace_declarations()
                        .map(|d| d.prefix.to_owned())
                        .collect::<Vec<_>>()
                })
                .map(|p| {
                    if p.is_empty() {
                        "#default".to_owned()
                    } else {
                        p
                    }
                })
                .take(usize::from(selector >> 3) % 4 + 1)
                .collect();
            if selector & 0x80 != 0 {
                prefixes.push("#default".to_owned());
            }
            Algorithm::Exclusive10 {
                comments,
                inclusive_prefixes: prefixes,
            }
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let [alg, apex, excluded, rest @ ..] = data else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let Ok(doc) = parse(text.to_owned()) else {
        return;
    };
    let algorithm = algorithm(*alg, &doc);
    let apex = if *apex == 0 {
        doc.document_node()
    } else {
        nth_node(&doc, usize::from(*apex))
    };
    let excluded = match *excluded {
        0 => Vec::new(),
        n => vec![nth_node(&doc, usize::from(n))],
    };
    let set = NodeSet { apex, excluded };
    let out = canonicalize_to_vec(&doc, &set, &algorithm);
    let mut hasher = Hasher::new(DigestAlgorithm::Sha256);
    canonicalize(&doc, &set, &algorithm, &mut hasher);
    assert_eq!(
        hasher.finish(),
        digest(DigestAlgorithm::Sha256, &out),
        "hashing sink and buffer differ"
    );
    let out = String::from_utf8(out).expect("canonical XML is UTF-8");

    let apex_is_tree = matches!(doc.kind(apex), NodeKind::Element | NodeKind::Document);
    // The apex, and for the document the root element, is in the node set.
    let kept = |n| !set.excluded.iter().any(|&x| doc.is_inside(n, x));
    let in_set = kept(apex) && (apex != doc.document_node() || kept(doc.root()));
    if !apex_is_tree || !in_set || relative_namespace_uri(&doc, &set).is_some() {
        return;
    }
    let again = match parse(out.clone()) {
        Ok(again) => again,
        Err(e) => panic!(
            "canonical form is not well-formed: {} at {:?}\n{out}",
            e.message, e.span
        ),
    };
    if !set.excluded.is_empty() {
        return;
    }
    let whole = NodeSet {
        apex: again.document_node(),
        excluded: Vec::new(),
    };
    let twice = String::from_utf8(canonicalize_to_vec(&again, &whole, &algorithm)).expect("UTF-8");
    assert_eq!(
        out, twice,
        "canonicalisation is not idempotent ({algorithm:?})"
    );
});
