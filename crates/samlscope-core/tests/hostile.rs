//! Hostile input is normal input: each of these gives a finding that says what is wrong,
//! without panicking. (Time and peak memory per input are measured by
//! `cargo run --release -p samlscope-core --example hostile`, not asserted here.)

mod hostile_inputs;

use samlscope_core::{Context, Timestamp, inspect};

#[test]
fn every_hostile_input_gives_its_finding() {
    let ctx = Context::new(Timestamp::parse("2026-11-23T00:00:00Z").expect("time"));
    for hostile_inputs::Case {
        name,
        generate,
        rule,
    } in hostile_inputs::CASES
    {
        let input = generate();
        let report = inspect(&input, &ctx);
        let names: Vec<_> = report.findings.iter().map(|f| f.name()).collect();
        assert!(
            names.contains(rule),
            "{name}: expected {rule}, got {names:?}"
        );
        let finding = report
            .findings
            .iter()
            .find(|f| f.name() == *rule)
            .expect("finding");
        assert!(!finding.message.is_empty());
        // Nothing unbounded is kept for display when decoding fails.
        if rule.starts_with("input-") {
            assert!(
                report.text().len() <= 2 << 20,
                "{name}: kept {} bytes of text",
                report.text().len()
            );
        }
        println!("{name}: {rule}: {}", finding.message);
    }
}

#[test]
fn utf16_input_is_transcoded() {
    let ctx = Context::new(Timestamp::parse("2026-11-23T00:00:00Z").expect("time"));
    let report = inspect(hostile_inputs::utf16_response(), &ctx);
    assert_eq!(report.kind.id(), "response");
    assert!(report.layers.iter().any(|l| l.id() == "utf-16"));
    assert!(report.text().contains("café"));
    assert_eq!(
        report.summary.status.as_ref().map(|s| s.aadsts.len()),
        Some(1)
    );
}
