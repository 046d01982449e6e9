//! The assertion rules also read an EncryptedAssertion once the SP key decrypts it; their
//! findings point at the EncryptedAssertion (the text the user sees) and say so.

use std::path::Path;

use samlscope_core::{Context, Timestamp, inspect};

#[test]
fn assertion_rules_read_the_decrypted_assertion() {
    let enc = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/xmlenc");
    let input = std::fs::read(enc.join("aes256-gcm.rsa-oaep-mgf1p.xml")).expect("fixture");
    let mut ctx = Context::new(Timestamp::parse("2026-12-01T00:00:00Z").expect("time"));
    ctx.idp_entity_id = Some("https://idp.example.org/".to_owned());
    ctx.required_attributes = vec!["mail".to_owned()];

    // Without the key, nothing can be said about what the assertion holds.
    let without_key = inspect(&input, &ctx);
    for rule in ["attribute-missing", "audience-missing"] {
        assert!(
            !without_key.findings.iter().any(|f| f.name() == rule),
            "{rule} without key"
        );
    }

    ctx.sp_key = Some(std::fs::read(enc.join("sp.key")).expect("key"));
    let report = inspect(&input, &ctx);
    let encrypted = report
        .text()
        .find("<saml:EncryptedAssertion")
        .or_else(|| report.text().find("EncryptedAssertion"))
        .expect("an EncryptedAssertion in the text");
    for rule in ["issuer-mismatch", "attribute-missing", "audience-missing"] {
        let f = report
            .findings
            .iter()
            .find(|f| f.name() == rule && f.message.starts_with("in the decrypted assertion: "))
            .unwrap_or_else(|| panic!("{rule} does not fire on the decrypted assertion"));
        let span = f.span.expect("span");
        assert!(
            span.start <= encrypted + 1 && span.end > encrypted,
            "{rule} span {span:?}"
        );
    }
    assert!(
        report
            .findings
            .iter()
            .any(|f| f.message.contains("https://idp.xmlenc.test")),
        "the decrypted Issuer is quoted"
    );
}

#[test]
fn an_encrypted_id_is_decrypted_into_the_summary() {
    let enc = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/xmlenc");
    let input = std::fs::read(enc.join("encrypted-id.xml")).expect("fixture");
    let mut ctx = Context::new(Timestamp::parse("2026-12-01T00:00:00Z").expect("time"));
    assert_eq!(
        inspect(&input, &ctx).summary.name_id,
        None,
        "no key, no NameID"
    );
    ctx.sp_key = Some(std::fs::read(enc.join("sp.key")).expect("key"));
    let report = inspect(&input, &ctx);
    assert_eq!(report.summary.name_id.as_deref(), Some("8f1c2e"));
    assert_eq!(
        report.summary.name_id_format.as_deref(),
        Some("urn:oasis:names:tc:SAML:2.0:nameid-format:persistent")
    );
    ctx.sp_key = Some(std::fs::read(enc.join("other.key")).expect("key"));
    let wrong = inspect(&input, &ctx);
    assert!(
        wrong
            .findings
            .iter()
            .any(|f| f.name() == "decryption-failed")
    );
}

#[test]
fn required_attributes_are_looked_up_in_decrypted_encrypted_attributes() {
    let enc = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/xmlenc");
    let input = std::fs::read(enc.join("encrypted-attribute.xml")).expect("fixture");
    let mut ctx = Context::new(Timestamp::parse("2024-01-01T00:00:00Z").expect("time"));
    ctx.required_attributes = vec!["mail".to_owned(), "cn".to_owned(), "Mail".to_owned()];
    let missing = |report: &samlscope_core::Report| -> Vec<String> {
        report
            .findings
            .iter()
            .filter(|f| f.name() == "attribute-missing")
            .map(|f| f.message.clone())
            .collect()
    };

    // Without the key, an EncryptedAttribute could hold anything: nothing is said.
    assert_eq!(missing(&inspect(&input, &ctx)), Vec::<String>::new());

    ctx.sp_key = Some(std::fs::read(enc.join("sp.key")).expect("key"));
    let report = inspect(&input, &ctx);
    // `mail` (decrypted) and `cn` (plain) are there; `Mail` is not, and its close match is
    // the decrypted `mail`, placed on the EncryptedAttribute.
    let found = missing(&report);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].contains("`Mail`") && found[0].contains("`mail`"),
        "{}",
        found[0]
    );
    let f = report
        .findings
        .iter()
        .find(|f| f.name() == "attribute-missing")
        .expect("finding");
    let encrypted = report
        .text()
        .find("<saml:EncryptedAttribute")
        .expect("text");
    assert!(
        f.labels.iter().any(|l| l.span.start == encrypted),
        "{:?}",
        f.labels
    );
    assert!(
        report.summary.attributes.iter().any(|a| a.name == "mail"),
        "the decrypted attribute is in the summary"
    );

    // A wrong key: the EncryptedAttribute stays unread, so nothing is said.
    ctx.sp_key = Some(std::fs::read(enc.join("other.key")).expect("key"));
    assert_eq!(missing(&inspect(&input, &ctx)), Vec::<String>::new());
}

/// Bug: a response whose assertion could not be decrypted said "0 errors" with the Identifier
/// and Reply URL set, though neither could be checked. What was not checked, and why, is data.
#[test]
fn what_an_undecrypted_assertion_hides_is_said() {
    let enc = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/xmlenc");
    let input = std::fs::read(enc.join("aes256-gcm.rsa-oaep-mgf1p.xml")).expect("fixture");
    let mut ctx = Context::new(Timestamp::parse("2026-12-01T00:00:00Z").expect("time"));
    ctx.sp_entity_id = Some("https://sp.example/".to_owned());
    ctx.acs_urls = vec!["https://sp.example/acs".to_owned()];

    let without_key = inspect(&input, &ctx);
    let settings: Vec<_> = without_key
        .not_checked
        .iter()
        .filter_map(|n| n.setting.map(samlscope_core::Setting::as_str))
        .collect();
    assert_eq!(settings, ["sp-entity-id", "acs-url"]);
    assert!(
        without_key
            .not_checked
            .iter()
            .all(|n| n.why.contains("no SP key was given"))
    );
    // Its IdP is unknown: neutral words (an Entra message says Identifier and Reply URL).
    let text = samlscope_core::render::text::render(&without_key, "r.xml");
    assert!(
        text.contains(
            "not checked: the Audience against the SP entity ID, the bearer Recipient against the ACS URL"
        ),
        "{text}"
    );
    ctx.idp = Some("entra".to_owned());
    let text = samlscope_core::render::text::render(&inspect(&input, &ctx), "r.xml");
    assert!(
        text.contains("not checked: the Audience against the Identifier (Entity ID), the bearer Recipient against the Reply URL"),
        "{text}"
    );
    let json = samlscope_core::render::json::to_value(&without_key);
    assert_eq!(json["not_checked"][0]["setting"], "sp-entity-id");

    ctx.sp_key = Some(std::fs::read(enc.join("other.key")).expect("key"));
    let wrong_key = inspect(&input, &ctx);
    assert!(
        wrong_key
            .not_checked
            .iter()
            .all(|n| n.why == "the assertion could not be decrypted with the SP key given")
    );
    assert_eq!(wrong_key.not_checked.len(), 5);

    ctx.sp_key = Some(std::fs::read(enc.join("sp.key")).expect("key"));
    assert!(inspect(&input, &ctx).not_checked.is_empty());
}

/// A signed Response whose encrypted Assertion is not signed itself: once decrypted, it gets
/// the `assertion-unsigned` note a plain one gets (it did not, when decrypted assertions were
/// checked apart from the rules' table), and no `signature-missing`.
#[test]
fn a_decrypted_unsigned_assertion_of_a_signed_response_is_said_unsigned() {
    let idps = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/idps");
    let input = std::fs::read(idps.join("shibboleth/ok.xml")).expect("fixture");
    let mut ctx = Context::new(Timestamp::parse("2027-03-09T14:23:05Z").expect("time"));
    let names = |report: &samlscope_core::Report| -> Vec<(&str, String)> {
        report
            .findings
            .iter()
            .filter(|f| f.rule.name.starts_with("assertion-") || f.rule.name == "signature-missing")
            .map(|f| (f.name(), f.message.clone()))
            .collect()
    };
    // Without the key: only that the assertion is encrypted.
    let without_key = inspect(&input, &ctx);
    assert_eq!(
        names(&without_key).iter().map(|n| n.0).collect::<Vec<_>>(),
        ["assertion-encrypted"]
    );

    ctx.sp_key = Some(
        std::fs::read(idps.join("keys/TEST-ONLY-shibboleth-sp-encryption-current.key"))
            .expect("key"),
    );
    let report = inspect(&input, &ctx);
    assert_eq!(
        names(&report),
        [(
            "assertion-unsigned",
            "in the decrypted assertion: the Response is signed, the Assertion is not".to_owned()
        )]
    );
    let f = report
        .findings
        .iter()
        .find(|f| f.name() == "assertion-unsigned")
        .expect("finding");
    let encrypted = report
        .text()
        .find("<saml2:EncryptedAssertion")
        .expect("text");
    assert_eq!(f.span.map(|s| s.start), Some(encrypted));
}
