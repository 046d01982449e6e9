//! Hostile input is normal input: each shape of issue 11 gives a finding that says what is
//! wrong, without panicking. (Time and peak memory per input, and how time scales from n/10 to
//! n, are measured by `cargo run --release -p samlscope-core --example hostile`, not asserted
//! here: `scripts/hostile.sh` prints both tables.)

mod hostile_inputs;

use samlscope_core::{Context, Timestamp, inspect};

fn ctx() -> Context {
    Context::new(Timestamp::parse("2026-11-23T00:00:00Z").expect("time"))
}

#[test]
fn every_hostile_input_gives_its_finding() {
    let ctx = ctx();
    for case in hostile_inputs::CASES {
        let input = case.full();
        let findings = hostile_inputs::findings(&input, &ctx);
        let names: Vec<_> = findings.iter().map(|f| f.name()).collect();
        let Some(finding) = findings.iter().find(|f| f.name() == case.rule) else {
            panic!("{}: expected {}, got {names:?}", case.name, case.rule);
        };
        assert!(
            finding.message.contains(case.says),
            "{}: the {} finding does not say `{}`: {}",
            case.name,
            case.rule,
            case.says,
            finding.message
        );
        println!("{}: {}: {}", case.name, case.rule, finding.message);
    }
}

#[test]
fn undecodable_input_keeps_a_bounded_text() {
    let ctx = ctx();
    for case in hostile_inputs::CASES
        .iter()
        .filter(|c| c.rule.starts_with("input-") && !c.name.starts_with("har-"))
    {
        let report = inspect(case.full(), &ctx);
        if !report.keys.is_empty() {
            continue; // read, not undecodable: the text is the input's
        }
        assert!(
            report.text().len() <= 2 << 20,
            "{}: kept {} bytes of text",
            case.name,
            report.text().len()
        );
    }
}

#[test]
fn utf16_input_is_transcoded() {
    let ctx = ctx();
    let report = inspect(hostile_inputs::utf16_response(1), &ctx);
    assert_eq!(report.kind.id(), "response");
    assert!(report.layers.iter().any(|l| l.id() == "utf-16"));
    assert!(report.text().contains("café"));
    assert_eq!(
        report.summary.status.as_ref().map(|s| s.aadsts.len()),
        Some(1)
    );
}

#[test]
fn verification_work_is_bounded_and_says_so() {
    use samlscope_core::dsig::verify::{C14N_BUDGET_EXTRA, C14N_BUDGET_FACTOR, MAX_SIGNATURES};
    use samlscope_core::dsig::{Failure, SignatureReport};
    /// Why a signature was not checked, when a limit stopped it.
    fn limit(s: &SignatureReport) -> Option<&str> {
        match &s.failure {
            Some(Failure::Limit(why)) => Some(why),
            _ => None,
        }
    }
    let ctx = ctx();
    // An ordinary signed response is checked whole.
    let report = inspect(hostile_inputs::ENTRA_RESPONSE, &ctx);
    assert!(report.signatures[0].verdict.intact());
    // 100 Signatures, each over the whole assertion that holds them all: the first ones are
    // checked (each fails on its digest: the others are inside what it signs) until the
    // canonicalisation budget is spent; the rest of the first MAX_SIGNATURES are not checked
    // because of the budget, and every one past MAX_SIGNATURES because of that bound.
    let report = inspect(hostile_inputs::signatures(100), &ctx);
    assert_eq!(report.signatures.len(), 100);
    let past = format!("only the first {MAX_SIGNATURES} Signatures of a document are verified");
    let (first, rest) = report.signatures.split_at(MAX_SIGNATURES);
    assert!(
        rest.iter().all(|s| limit(s) == Some(past.as_str())),
        "{:?}",
        rest.iter().map(limit).collect::<Vec<_>>()
    );
    let checked = first.iter().take_while(|s| limit(s).is_none()).count();
    assert!(
        checked >= 1,
        "no signature was checked: {:?}",
        limit(&first[0])
    );
    assert!(
        first[checked..]
            .iter()
            .all(|s| limit(s).is_some_and(|why| why != past)),
        "after the {checked} checked, the budget stops each of the first {MAX_SIGNATURES}: {:?}",
        first.iter().map(limit).collect::<Vec<_>>()
    );
    // The budget (twice the document plus 4 MB) runs out where it should: each signature
    // checked canonicalised the assertion (a second time to tell whether a mismatching digest
    // comes from reformatting) and its SignedInfo; one more would not have fitted.
    let text = report.text();
    let span = |start: &str, end: &str| {
        text.find(end).expect("end") + end.len() - text.find(start).expect("start")
    };
    let assertion = span("<Assertion ", "</Assertion>");
    let each = 2 * assertion + span("<SignedInfo>", "</SignedInfo>");
    let budget = C14N_BUDGET_FACTOR * text.len() + C14N_BUDGET_EXTRA;
    assert!(
        checked * assertion <= budget && budget < (checked + 1) * each,
        "{checked} checked, of {assertion} bytes each, within a budget of {budget}"
    );
    let finding = report
        .findings
        .iter()
        .find(|f| f.message.contains("not checked"))
        .expect("a finding says which were not checked");
    assert_eq!(finding.name(), "signature-structure-suspicious");
    // A SignedInfo with 20 References is not checked, and says why.
    let report = inspect(hostile_inputs::references(20), &ctx);
    assert!(
        matches!(&report.signatures[0].failure, Some(Failure::Limit(why)) if why.contains("20 References")),
        "{:?}",
        report.signatures[0].failure
    );
}

#[test]
fn reports_made_without_reading_the_input_say_why() {
    let bomb = hostile_inputs::har_json_bomb(1_000);
    let reason = samlscope_core::har::messages(&bomb).expect_err("unreadable");
    let report = samlscope_core::har::unreadable_report(&bomb, &reason);
    assert_eq!(report.findings.len(), 1);
    assert_eq!(report.findings[0].name(), "input-undecodable");
    assert!(
        report.findings[0]
            .message
            .contains("nests deeper than 128 levels")
    );
    assert_eq!(report.input_len, bomb.len());
    // The page's bound on what it inspects on its main thread.
    let report = samlscope_core::too_large(50 << 20, 32 << 20, "use the CLI");
    assert_eq!(report.findings[0].name(), "input-limit-exceeded");
    assert_eq!(
        report.findings[0].message,
        "the input is 50 MB; inputs over 32 MB are not read here"
    );
    assert_eq!(report.findings[0].help.as_deref(), Some("use the CLI"));
}
