//! XML-DSig verification over the one parsed tree.
//!
//! There is no second XML parser: the verifier canonicalises the very [`Document`] the model
//! and the rules read, and reports which nodes each signature covers, so a rule can ask
//! "was the value I read signed?" — what defeats signature wrapping and parser differentials.
//!
//! ## Why not the `xml-sec` crate
//! The pure-Rust `xml-sec` crate (pre-release) parses with roxmltree. Using it would mean a
//! second parse of every message by a second parser, so the tree the rules read would not be
//! the tree that was verified — exactly the gap signature-wrapping and parser-differential
//! attacks (CVE-2024-45409, CVE-2025-25291/25292) live in. It also reports a yes/no verdict,
//! not the covered nodes or which step failed. So canonicalisation (`c14n`), references and
//! transforms (`verify`) are implemented here over `crate::xml`, and only the primitives
//! (hashes, RSA, ECDSA, DSA) come from RustCrypto (`crypto`).

pub mod c14n;
pub mod coverage;
pub mod crypto;
pub mod redirect;
pub mod structure;
pub mod trust;
pub mod verify;

pub use coverage::Coverage;
pub use redirect::{RedirectSignature, verify_redirect};
pub use trust::{AnchorSource, TrustAnchors, TrustedKey};
pub use verify::{
    Failure, KeySource, KeyUsed, ReferenceReport, SignatureReport, Verdict, c14n_from_uri,
    canonical_reference, canonical_signed_info, is_saml_transform,
};

use crate::xml::{Document, ns};

/// Verifies every `ds:Signature` of `doc`, in document order: the first
/// [`verify::MAX_SIGNATURES`], within a bound on the canonicalisation all of them may do
/// ([`verify::C14N_BUDGET_FACTOR`] times the document, plus 4 MB); the others are reported
/// with the verdict `unsupported` and a [`Failure::Limit`] saying why they were not checked.
pub fn verify_all(doc: &Document, anchors: &TrustAnchors) -> Vec<SignatureReport> {
    let ids = verify::IdIndex::new(doc);
    let mut budget = verify::Budget::new(doc);
    doc.descendant_elements(doc.document_node())
        .filter(|e| e.is(ns::DS, "Signature"))
        .enumerate()
        .filter_map(|(i, e)| {
            let checked = i < verify::MAX_SIGNATURES;
            verify::verify(doc, &ids, e.id(), anchors, &mut budget, checked)
        })
        .collect()
}
