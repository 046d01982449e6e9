//! HAR files (the network tab's export): `har::messages` finds the SAML messages of a capture,
//! `har::inspect_messages` inspects each at its capture time with the requests sent before
//! it, `har::take_flow_findings` moves the request ↔ response findings out.
//!
//! Checks: messages in entry order, each carrying a SAML parameter; every report's
//! invariants; each flow finding names an existing message and its span lies in that
//! message's text; the flow findings are exactly the flow rules'.
#![no_main]

use libfuzzer_sys::fuzz_target;
use samlscope_core::har::{inspect_messages, is_har, messages, take_flow_findings};
use samlscope_core::rules::is_flow;
use samlscope_fuzz::{check_report, check_span, plain_context};

fuzz_target!(|data: &[u8]| {
    let _ = is_har(data);
    let Ok(found) = messages(data) else {
        return;
    };
    assert!(
        found.windows(2).all(|w| w[0].entry <= w[1].entry),
        "messages out of entry order"
    );
    for m in &found {
        assert!(
            m.input.contains("SAMLRequest=") || m.input.contains("SAMLResponse="),
            "{:?}",
            m.input
        );
    }
    // Each message is inspected in full: keep the cost per input bounded.
    if found.len() > 16 {
        return;
    }
    let mut inspected = inspect_messages(found, &plain_context());
    for (_, report) in &inspected {
        check_report(report);
    }
    let flow = take_flow_findings(&mut inspected);
    for (index, finding) in &flow {
        let (_, report) = inspected
            .get(*index)
            .expect("a flow finding names a message");
        assert!(
            is_flow(finding.name()),
            "{} is no flow rule",
            finding.name()
        );
        if let Some(span) = finding.span {
            check_span(report.text(), span, finding.name());
        }
    }
    for (_, report) in &inspected {
        assert!(
            report
                .findings
                .iter()
                .all(|f| !is_flow(f.name())),
            "a flow finding left behind"
        );
    }
});
