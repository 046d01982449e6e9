//! Conformance over `../shared/corpus`: third-party SAML artifacts with what their own
//! projects' tests expect (MANIFEST.json). The corpus is read in place, never copied here;
//! when it is absent the test prints a notice and passes.

use std::path::PathBuf;

use samlscope_core::{Context, Timestamp, inspect};
use serde_json::Value;

fn corpus_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    dir.join("MANIFEST.json").is_file().then_some(dir)
}

/// The Report kinds a MANIFEST kind may map to.
fn expected_kinds(kind: &str) -> Option<&'static [&'static str]> {
    Some(match kind {
        "response" => &["response"],
        "artifact_response" => &["artifact-response"],
        "authn_request" => &["authn-request"],
        "logout_request" => &["logout-request"],
        "logout_response" => &["logout-response"],
        "metadata" => &["entity-descriptor", "entities-descriptor"],
        "certificate" => &["certificate"],
        "private_key" => &["private-key"],
        "public_key" => &["public-key"],
        _ => return None,
    })
}

/// Files whose MANIFEST kind is not what they are, with the reason.
const KNOWN_EXCEPTIONS: &[(&str, &str)] = &[(
    "responses/ruby-saml/attackxee.xml",
    "a billion-laughs DTD whose root element is `<lolz>`: filed under responses by ruby-saml's tests, but it is no SAML message",
)];

#[test]
fn corpus_kinds_agree() {
    let Some(dir) = corpus_dir() else {
        println!("notice: ../shared/corpus is absent; corpus conformance skipped");
        return;
    };
    let manifest: Vec<Value> =
        serde_json::from_slice(&std::fs::read(dir.join("MANIFEST.json")).expect("manifest"))
            .expect("manifest JSON");
    let ctx = Context::new(Timestamp::parse("2026-01-01T00:00:00Z").expect("time"));
    let mut agree = 0;
    let mut total = 0;
    let mut disagreements = Vec::new();
    for entry in &manifest {
        let file = entry["file"].as_str().expect("file");
        let kind = entry["kind"].as_str().expect("kind");
        let Some(expected) = expected_kinds(kind) else {
            continue;
        };
        total += 1;
        let bytes = std::fs::read(dir.join(file)).expect("corpus file");
        let report = inspect(&bytes, &ctx);
        if expected.contains(&report.kind.id()) {
            agree += 1;
        } else if let Some((_, why)) = KNOWN_EXCEPTIONS.iter().find(|(f, _)| *f == file) {
            println!("  known exception: {file}: {why}");
        } else {
            let first = report
                .findings
                .first()
                .map(|f| format!("{}: {}", f.name(), f.message))
                .unwrap_or_default();
            disagreements.push(format!(
                "{file}: expected {kind}, got {} ({first})",
                report.kind.id()
            ));
        }
    }
    println!("corpus kinds agree {agree}/{total}");
    for d in &disagreements {
        println!("  disagree: {d}");
    }
    assert!(
        disagreements.is_empty(),
        "{} corpus files decode to another kind",
        disagreements.len()
    );
}

#[test]
fn corpus_never_panics_and_is_fast() {
    let Some(dir) = corpus_dir() else {
        println!("notice: ../shared/corpus is absent; corpus replay skipped");
        return;
    };
    let manifest: Vec<Value> =
        serde_json::from_slice(&std::fs::read(dir.join("MANIFEST.json")).expect("manifest"))
            .expect("manifest JSON");
    let ctx = Context::new(Timestamp::parse("2026-01-01T00:00:00Z").expect("time"));
    for entry in &manifest {
        let file = entry["file"].as_str().expect("file");
        let bytes = std::fs::read(dir.join(file)).expect("corpus file");
        let report = inspect(&bytes, &ctx);
        // Every span points inside the text it refers to.
        for f in &report.findings {
            if let Some(span) = f.span {
                assert!(
                    span.start <= span.end && span.end <= report.text().len(),
                    "{file}: {} span out of range",
                    f.name()
                );
            }
        }
        let _ = samlscope_core::render::json::render(&report);
        let _ = samlscope_core::render::text::render(&report, file);
    }
}

/// What the file says as a whole, from our signature reports: `none` without signatures,
/// `valid` when every signature verifies with the trusted key, otherwise `invalid` (or
/// `unsupported` when one cannot be checked and none failed).
fn file_verdict(report: &samlscope_core::Report) -> &'static str {
    use samlscope_core::dsig::Verdict;
    let mut verdicts: Vec<Verdict> = report.signatures.iter().map(|s| s.verdict).collect();
    verdicts.extend(
        report
            .decrypted
            .iter()
            .flat_map(|d| d.signatures.iter().map(|s| s.verdict)),
    );
    verdicts.extend(report.redirect_signature.as_ref().map(|r| r.verdict));
    if verdicts.is_empty() {
        "none"
    } else if verdicts.iter().all(|v| *v == Verdict::Valid) {
        "valid"
    } else if verdicts.iter().any(|v| {
        matches!(
            v,
            Verdict::Invalid | Verdict::Untrusted | Verdict::ValidUntrusted
        )
    }) {
        "invalid"
    } else {
        "unsupported"
    }
}

/// Files whose expected verdict we do not reproduce, with the reason (at most one allowed).
const SIGNATURE_EXCEPTIONS: &[(&str, &str)] = &[];

#[test]
fn corpus_signature_verdicts_agree() {
    let Some(dir) = corpus_dir() else {
        println!("notice: ../shared/corpus is absent; signature conformance skipped");
        return;
    };
    let manifest: Vec<Value> =
        serde_json::from_slice(&std::fs::read(dir.join("MANIFEST.json")).expect("manifest"))
            .expect("manifest JSON");
    let (mut agree, mut total, mut false_valid) = (0, 0, 0);
    let mut disagreements = Vec::new();
    for entry in &manifest {
        let Some(expected) = entry["expected"]["signature"].as_str() else {
            continue;
        };
        let Some(cert) = entry["verify_with"].as_str() else {
            continue;
        };
        let file = entry["file"].as_str().expect("file");
        let expected = expected.split_whitespace().next().unwrap_or("");
        total += 1;
        let mut ctx = Context::new(Timestamp::parse("2026-01-01T00:00:00Z").expect("time"));
        ctx.idp_certificates
            .push(std::fs::read(dir.join(cert)).expect("cert"));
        if let Some(key) = entry["decrypt_with"].as_str() {
            ctx.sp_key = Some(std::fs::read(dir.join(key)).expect("key"));
        }
        let report = inspect(std::fs::read(dir.join(file)).expect("file"), &ctx);
        let ours = file_verdict(&report);
        if ours == expected {
            agree += 1;
            continue;
        }
        if ours == "valid" {
            false_valid += 1;
        }
        let detail: Vec<String> = report
            .signatures
            .iter()
            .map(|s| {
                format!(
                    "{}:{}",
                    s.target_id.as_deref().unwrap_or("?"),
                    s.verdict.as_str()
                ) + &s
                    .failure
                    .as_ref()
                    .map(|f| format!(" ({})", f.describe()))
                    .unwrap_or_default()
            })
            .collect();
        if let Some((_, why)) = SIGNATURE_EXCEPTIONS.iter().find(|(f, _)| *f == file) {
            println!("  known exception: {file}: {why}");
        } else {
            disagreements.push(format!(
                "{file}: expected {expected}, ours {ours} [{}]",
                detail.join("; ")
            ));
        }
    }
    println!("signature verdicts agree {agree}/{total}, false valid {false_valid}");
    for d in &disagreements {
        println!("  disagree: {d}");
    }
    assert_eq!(
        false_valid, 0,
        "a signature the source's tests reject was reported valid"
    );
    assert!(
        disagreements.is_empty(),
        "{} signature verdicts disagree",
        disagreements.len()
    );
}

/// Signature-wrapping samples of the corpus (crewjam's permutations, samael's ancestor and
/// object attacks, ruby-saml's and python3-saml's XSW files, node-saml's Advice wrapping).
const WRAPPING_SAMPLES: &[&str] = &[
    "responses/crewjam-saml/TestXswPermutationOneIsRejected_response.b64",
    "responses/crewjam-saml/TestXswPermutationThreeIsRejected_response.b64",
    "responses/crewjam-saml/TestXswPermutationFiveIsRejected_response.b64",
    "responses/crewjam-saml/TestXswPermutationSevenIsRejected_response.b64",
    "responses/samael/ancestor_attack_signed.xml",
    "responses/samael/object_attack_response.xml",
    "responses/ruby-saml/invalids_response_with_doubled_signed_assertion.xml",
    "responses/ruby-saml/invalids_response_with_concealed_signed_assertion.xml",
    "responses/ruby-saml/invalids_signature_wrapping_attack.xml.base64",
    "responses/python3-saml/response4.xml.base64",
    "responses/crewjam-saml/TestSPMultipleAssertions.xml",
    "responses/node-saml/invalid_response.root-unsigned.assertion-signed.1advice-signed.xml",
];

#[test]
fn corpus_wrapping_samples_are_flagged() {
    let Some(dir) = corpus_dir() else {
        println!("notice: ../shared/corpus is absent; wrapping samples skipped");
        return;
    };
    let manifest: Vec<Value> =
        serde_json::from_slice(&std::fs::read(dir.join("MANIFEST.json")).expect("manifest"))
            .expect("manifest JSON");
    let mut flagged = 0;
    let mut problems = Vec::new();
    for file in WRAPPING_SAMPLES {
        let entry = manifest
            .iter()
            .find(|e| e["file"] == *file)
            .expect("in manifest");
        let mut ctx = Context::new(Timestamp::parse("2026-01-01T00:00:00Z").expect("time"));
        if let Some(cert) = entry["verify_with"].as_str() {
            ctx.idp_certificates
                .push(std::fs::read(dir.join(cert)).expect("cert"));
        }
        let report = inspect(std::fs::read(dir.join(file)).expect("file"), &ctx);
        let names: Vec<&str> = report.findings.iter().map(|f| f.name()).collect();
        if names.contains(&"signature-wrapping") {
            flagged += 1;
        } else {
            problems.push(format!(
                "{file}: not flagged signature-wrapping ({names:?})"
            ));
        }
        if !report.has_errors() {
            problems.push(format!("{file}: reported valid and clean"));
        }
    }
    println!(
        "wrapping samples flagged {flagged}/{}",
        WRAPPING_SAMPLES.len()
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
