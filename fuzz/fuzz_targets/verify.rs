//! XML-DSig verification over the one tree (`dsig::verify_all`), and HTTP-Redirect binding
//! signatures (`dsig::verify_redirect`), with no trust anchor, the fixtures' IdP certificate
//! (and a thumbprint), or an attacker's certificate (chosen by the first byte).
//!
//! Checks: a failure exactly when the verdict is not a success; `valid` only with a trusted
//! key, `valid-untrusted` only without anchors, `untrusted` only with them; an intact
//! signature has every digest matching, and its canonical reference hashes to its
//! DigestValue; it covers what it references; canonical bytes on demand never panic.
#![no_main]

use base64::Engine as _;
use libfuzzer_sys::fuzz_target;
use samlscope_core::decode::{Content, decode};
use samlscope_core::dsig::crypto::{DigestAlgorithm, digest};
use samlscope_core::dsig::{
    KeySource, TrustAnchors, Verdict, canonical_reference, canonical_signed_info, verify_all,
    verify_redirect,
};
use samlscope_core::xml::{ns, parse};
use samlscope_fuzz::{check_span, configured_anchors, keys, plain_context, split_first};

fn anchors(selector: u8) -> TrustAnchors {
    match selector % 3 {
        0 => TrustAnchors::default(),
        1 => configured_anchors(),
        _ => {
            let mut ctx = plain_context();
            ctx.idp_certificates = vec![keys::ATTACKER_CERT.as_bytes().to_vec()];
            samlscope_core::Expectations::from_context(&ctx).anchors
        }
    }
}

fn unb64(text: &str) -> Option<Vec<u8>> {
    let clean: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let engine = base64::engine::general_purpose::STANDARD;
    engine.decode(clean.as_bytes()).ok().or_else(|| {
        base64::engine::general_purpose::STANDARD_NO_PAD
            .decode(clean.trim_end_matches('='))
            .ok()
    })
}

fn check_verdict(verdict: Verdict, anchors: &TrustAnchors) {
    match verdict {
        Verdict::ValidUntrusted => assert!(anchors.is_empty(), "valid-untrusted with anchors"),
        Verdict::Untrusted => assert!(!anchors.is_empty(), "untrusted without anchors"),
        Verdict::Valid => assert!(!anchors.is_empty(), "valid without anchors"),
        Verdict::Invalid | Verdict::Unsupported => {}
    }
}

fuzz_target!(|data: &[u8]| {
    let (selector, rest) = split_first(data);
    let anchors = anchors(selector);
    let Ok(decoded) = decode(rest) else {
        return;
    };
    if let Some(binding) = &decoded.binding
        && let Some(r) = verify_redirect(binding, &anchors)
    {
        check_verdict(r.verdict, &anchors);
        assert_eq!(
            r.failure.is_none(),
            r.verdict.intact(),
            "redirect: failure iff not intact"
        );
        if r.verdict == Verdict::Valid {
            assert_eq!(r.key.as_ref().map(|k| k.source), Some(KeySource::Trusted));
        }
    }
    if decoded.content != Content::Xml {
        return;
    }
    let Ok(doc) = parse(decoded.text) else {
        return;
    };
    for report in verify_all(&doc, &anchors) {
        let element = doc
            .element(report.element)
            .expect("a signature is an element");
        assert!(
            element.is(ns::DS, "Signature"),
            "the report is of a ds:Signature"
        );
        assert_eq!(report.span, doc.span(report.element));
        check_span(doc.text(), report.span, "signature");
        check_verdict(report.verdict, &anchors);
        assert_eq!(
            report.failure.is_none(),
            report.verdict.intact(),
            "failure iff not intact: {:?}",
            report.failure
        );
        if let Some(f) = &report.failure {
            assert!(!f.describe().is_empty());
        }
        let _ = canonical_signed_info(&doc, &report);
        for (i, r) in report.references.iter().enumerate() {
            let bytes = canonical_reference(&doc, &report, i);
            if report.verdict.intact() {
                assert_eq!(
                    r.digest_ok,
                    Some(true),
                    "an intact signature with a failed digest"
                );
                let bytes = bytes.expect("an intact reference has canonical bytes");
                let alg = DigestAlgorithm::from_uri(&r.digest_method).expect("a known digest");
                let expected = report.structure.references[i]
                    .digest_value
                    .as_ref()
                    .and_then(|d| unb64(&d.value))
                    .expect("a DigestValue");
                assert_eq!(
                    digest(alg, &bytes),
                    expected,
                    "canonical reference does not hash to its DigestValue"
                );
            }
        }
        if report.verdict.intact() {
            let key = report
                .key
                .as_ref()
                .expect("an intact signature names its key");
            if report.verdict == Verdict::Valid {
                assert_eq!(
                    key.source,
                    KeySource::Trusted,
                    "valid with an untrusted key"
                );
            }
            let target = report.target.expect("an intact signature has a target");
            assert!(
                report.covers(&doc, target),
                "a signature covers what it references"
            );
        }
    }
});
