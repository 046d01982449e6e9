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
