//! A redacted copy is known as one: opened by its recipient, it raises no error or warning its
//! original did not have, and its signatures are "not checkable" (unsupported, because
//! redacted), never invalid. Checked on every signed fixture of the project and on the SAML
//! messages of ../shared/corpus (read in place; skipped with a notice when absent).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use samlscope_core::dsig::{Failure, Verdict};
use samlscope_core::redact::{RedactOptions, redact};
use samlscope_core::{Context, Report, Severity, Timestamp, inspect};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn xml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            xml_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "xml") {
            out.push(path);
        }
    }
}

fn context() -> Context {
    let mut ctx = Context::new(Timestamp::parse("2027-01-15T10:05:00Z").expect("time"));
    ctx.idp_certificates
        .push(std::fs::read(fixtures().join("rules/keys/TEST-ONLY-idp.crt")).expect("test cert"));
    ctx
}

/// Errors and warnings, by rule name.
fn serious(report: &Report) -> BTreeSet<&'static str> {
    report
        .findings
        .iter()
        .filter(|f| f.severity >= Severity::Warning)
        .map(|f| f.name())
        .collect()
}

/// Checks the redacted copy of `original` (every option on, and only the NameID masked);
/// returns how many signatures were masked into "not checkable".
fn check_copy(name: &str, original: &Report, ctx: &Context) -> usize {
    let mut masked_signatures = 0;
    let only_name_id = RedactOptions {
        name_id: true,
        ..RedactOptions::NONE
    };
    for options in [RedactOptions::ALL, only_name_id] {
        let text = redact(original, &options);
        if text == original.text() {
            continue; // nothing to mask
        }
        let copy = inspect(&text, ctx);
        let before = serious(original);
        let new: Vec<_> = serious(&copy).difference(&before).copied().collect();
        assert!(
            new.is_empty(),
            "{name}: the redacted copy ({options:?}) has new findings {new:?}:\n{}",
            copy.findings
                .iter()
                .filter(|f| new.contains(&f.name()))
                .map(|f| f.message.as_str())
                .collect::<Vec<_>>()
                .join("\n")
        );
        assert!(
            copy.findings.iter().any(|f| f.name() == "input-redacted"),
            "{name}: the copy is not known as redacted"
        );
        for (a, b) in original.signatures.iter().zip(&copy.signatures) {
            assert_ne!(
                (a.verdict.intact(), b.verdict),
                (true, Verdict::Invalid),
                "{name}: a signature that held is invalid in the copy: {:?}",
                b.failure
            );
            if matches!(b.failure, Some(Failure::Redacted(_))) {
                assert_eq!(b.verdict, Verdict::Unsupported);
                masked_signatures += 1;
            }
        }
    }
    masked_signatures
}

#[test]
fn redacted_copies_of_the_fixtures_raise_nothing_new() {
    let mut files = Vec::new();
    for dir in ["dsig", "rules", "incidents", "xmlenc"] {
        xml_files(&fixtures().join(dir), &mut files);
    }
    files.sort();
    let ctx = context();
    let (mut copies, mut masked) = (0, 0);
    for path in &files {
        let original = inspect(std::fs::read(path).expect("fixture"), &ctx);
        if original.document.is_none() {
            continue;
        }
        masked += check_copy(&path.display().to_string(), &original, &ctx);
        copies += 1;
    }
    println!("redacted copies: {copies} fixtures, {masked} signatures not checkable");
    assert!(
        copies > 100 && masked > 50,
        "{copies} copies, {masked} masked"
    );
}

#[test]
fn redacted_copies_of_the_corpus_raise_nothing_new() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    if !corpus.is_dir() {
        println!("notice: ../shared/corpus is absent; redacted corpus copies not checked");
        return;
    }
    let mut files = Vec::new();
    for dir in ["responses", "requests", "metadata", "xmldsig"] {
        xml_files(&corpus.join(dir), &mut files);
    }
    files.sort();
    let ctx = Context::new(Timestamp::parse("2026-11-23T00:00:00Z").expect("time"));
    let mut copies = 0;
    for path in &files {
        let original = inspect(std::fs::read(path).expect("corpus file"), &ctx);
        if original.document.is_none() {
            continue;
        }
        check_copy(&path.display().to_string(), &original, &ctx);
        copies += 1;
    }
    println!("redacted copies: {copies} corpus files agree");
}

#[test]
fn a_masked_signature_value_is_not_checkable() {
    let path = fixtures().join("dsig/entra-assertion-signed.xml");
    let ctx = context();
    let original = inspect(std::fs::read(path).expect("fixture"), &ctx);
    let copy = inspect(redact(&original, &RedactOptions::ALL), &ctx);
    let names: Vec<_> = copy.findings.iter().map(|f| f.name()).collect();
    assert!(!names.contains(&"signature-value-invalid"), "{names:?}");
    assert!(!names.contains(&"signature-digest-mismatch"), "{names:?}");
    let signature = copy.signatures.first().expect("signature");
    assert_eq!(signature.verdict, Verdict::Unsupported);
    assert_eq!(
        signature.failure.as_ref().map(Failure::describe).as_deref(),
        Some("not checkable: this is a redacted copy, and its SignatureValue was masked")
    );
    // Said as not checked, so that "no errors" is not read as "the signature holds".
    let not_checked: Vec<_> = copy.not_checked.iter().map(|n| n.what.as_str()).collect();
    assert_eq!(not_checked, ["the signature"]);
    assert!(original.not_checked.is_empty());
}

#[test]
fn a_placeholder_in_a_comment_does_not_hide_a_tampered_signature() {
    let text = std::fs::read_to_string(fixtures().join("dsig/entra-assertion-signed.xml"))
        .expect("fixture");
    let tampered = text.replacen(
        ">jordan.lee@contoso.com</NameID>",
        "><!--[redacted-name-1]-->admin@contoso.com</NameID>",
        1,
    );
    assert_ne!(tampered, text);
    let report = inspect(tampered, &context());
    let signature = report.signatures.first().expect("signature");
    assert_eq!(
        signature.verdict,
        Verdict::Invalid,
        "{:?}",
        signature.failure
    );
    assert!(matches!(
        signature.failure,
        Some(Failure::DigestMismatch { .. })
    ));
    assert!(report.not_checked.is_empty());
}

/// `rules/input-redacted/bad_redacted_copy.xml` is `rules/base_response.xml` redacted with
/// every option, as Share → Copy redacted makes it; `SAMLSCOPE_UPDATE=1` rewrites it.
#[test]
fn the_redacted_fixture_is_current() {
    let rules = fixtures().join("rules");
    let original = inspect(
        std::fs::read(rules.join("base_response.xml")).expect("fixture"),
        &context(),
    );
    let copy = redact(&original, &RedactOptions::ALL);
    let path = rules.join("input-redacted/bad_redacted_copy.xml");
    if std::env::var_os("SAMLSCOPE_UPDATE").is_some() {
        std::fs::write(&path, &copy).expect("write fixture");
    }
    assert_eq!(
        std::fs::read_to_string(&path).expect("fixture (SAMLSCOPE_UPDATE=1 makes it)"),
        copy,
        "stale: SAMLSCOPE_UPDATE=1 cargo test --test redacted_copies"
    );
}

/// Bug: a redacted share link carried a pasted private key word for word. Key material never
/// enters a redacted copy, whatever is masked, and sharing is refused for it.
#[test]
fn a_private_key_never_enters_a_redacted_copy() {
    use base64::Engine as _;
    use samlscope_core::redact::{redaction, share_refusal};
    let keys = fixtures().join("rules/keys");
    let pem = std::fs::read_to_string(keys.join("TEST-ONLY-idp.key")).expect("key");
    let cert = std::fs::read_to_string(keys.join("TEST-ONLY-idp.crt")).expect("cert");
    let body: String = pem
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .collect::<Vec<_>>()
        .concat();
    let der = base64::engine::general_purpose::STANDARD
        .decode(&body)
        .expect("base64");
    // A key whose body was cut short: not readable as a key, still key material.
    let broken = pem.replacen(&body[..64], "", 1);
    let in_xml = format!("<Config><SigningKey>{pem}</SigningKey></Config>");
    let in_entity = format!("<!DOCTYPE Config [ <!ENTITY key \"{pem}\"> ]>\n<Config/>");
    let in_system_id = format!("<!DOCTYPE Config SYSTEM \"{pem}\">\n<Config/>");
    let before_doctype = format!("<!--{pem}-->\n<!DOCTYPE Config SYSTEM \"k.dtd\">\n<Config/>");
    let inputs: Vec<(&str, Vec<u8>)> = vec![
        ("PEM key", pem.clone().into_bytes()),
        ("certificate and key", format!("{cert}{pem}").into_bytes()),
        ("binary DER", der),
        ("base64 DER", body.clone().into_bytes()),
        ("broken PEM key", broken.into_bytes()),
        ("XML holding a PEM key", in_xml.into_bytes()),
        (
            "a DOCTYPE's entity holding a PEM key",
            in_entity.into_bytes(),
        ),
        (
            "a DOCTYPE's system identifier holding a PEM key",
            in_system_id.into_bytes(),
        ),
        (
            "a comment before a DOCTYPE holding a PEM key",
            before_doctype.into_bytes(),
        ),
        (
            "a PEM key in JSON (line ends written as \\n)",
            format!("{{\"key\": \"{}\"}}", pem.trim_end().replace('\n', "\\n")).into_bytes(),
        ),
        (
            "a PEM key on one line",
            format!(
                "key: {}",
                pem.split_whitespace().collect::<Vec<_>>().join(" ")
            )
            .into_bytes(),
        ),
    ];
    let ctx = context();
    for (what, input) in inputs {
        let report = inspect(&input, &ctx);
        assert!(
            share_refusal(&report).is_some(),
            "{what}: sharing is not refused"
        );
        for options in [RedactOptions::ALL, RedactOptions::NONE] {
            let copy = redaction(&report, &options).text;
            if report.document.is_some() {
                assert!(
                    samlscope_core::xml::parse(copy.clone()).is_ok(),
                    "{what}: the redacted copy is no longer well-formed:\n{copy}"
                );
            }
            let compact: String = copy.split_whitespace().collect();
            for chunk in body.as_bytes().chunks(40).filter(|c| c.len() == 40) {
                let chunk = std::str::from_utf8(chunk).expect("ascii");
                assert!(
                    !compact.contains(chunk),
                    "{what} ({options:?}): key material in the redacted copy:\n{copy}"
                );
            }
        }
    }
    // A certificate alone is public: it may be shared.
    assert!(share_refusal(&inspect(&cert, &ctx)).is_none());
}

#[test]
fn a_pkcs12_bundle_is_a_private_key_never_shared() {
    use base64::Engine as _;
    use samlscope_core::redact::{redaction, share_refusal};
    let pfx = std::fs::read(fixtures().join("xmlenc/sp.pfx")).expect("sp.pfx");
    let b64 = base64::engine::general_purpose::STANDARD.encode(&pfx);
    let ctx = context();
    for (what, input) in [
        ("binary .pfx", pfx),
        ("base64 of a .pfx", b64.clone().into_bytes()),
    ] {
        let report = inspect(&input, &ctx);
        assert_eq!(
            report.kind,
            samlscope_core::report::Kind::PrivateKey,
            "{what}"
        );
        assert!(report.holds_private_key(), "{what}");
        assert!(
            report
                .findings
                .iter()
                .any(|f| f.rule.name == "input-private-key"),
            "{what}: {:?}",
            report.findings
        );
        assert!(
            share_refusal(&report).is_some(),
            "{what}: sharing is not refused"
        );
        for options in [RedactOptions::ALL, RedactOptions::NONE] {
            let copy: String = redaction(&report, &options)
                .text
                .split_whitespace()
                .collect();
            for chunk in b64.as_bytes().chunks(40).filter(|c| c.len() == 40) {
                let chunk = std::str::from_utf8(chunk).expect("ascii");
                assert!(
                    !copy.contains(chunk),
                    "{what}: the bundle in the redacted copy"
                );
            }
        }
    }
}
