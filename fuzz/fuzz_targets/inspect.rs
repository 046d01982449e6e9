//! `inspect` end to end: decode → parse → model → rules → verify → report → render, with
//! nothing configured, and (by the input's length) with everything configured or with the
//! `timetrack` app profile and an AuthnRequest sent.
//!
//! Checks: every report's invariants (spans inside the text and on character boundaries,
//! findings sorted and of known rules, both renderings, the JSON parses); `inspect` and
//! `inspect_owned` agree.
#![no_main]

use libfuzzer_sys::fuzz_target;
use samlscope_core::{inspect, inspect_owned};
use samlscope_fuzz::{check_report, configured_context, plain_context};

const REQUEST: &str =
    include_str!("../../crates/samlscope-core/tests/fixtures/incidents/timetrack/request.xml");

fuzz_target!(|data: &[u8]| {
    let plain = plain_context();
    let report = inspect(data, &plain);
    check_report(&report);
    let owned = inspect_owned(data.to_vec(), &plain);
    assert_eq!(
        report.text(),
        owned.text(),
        "inspect and inspect_owned: texts differ"
    );
    assert_eq!(
        report.findings, owned.findings,
        "inspect and inspect_owned: findings differ"
    );

    let ctx = if data.len() % 2 == 1 {
        configured_context()
    } else {
        let mut ctx = plain_context();
        ctx.profile = Some("timetrack".to_owned());
        ctx.requests = vec![REQUEST.as_bytes().to_vec()];
        ctx
    };
    check_report(&inspect(data, &ctx));
});
