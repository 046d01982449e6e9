//! `input-undecodable`: not XML, base64, deflate+base64, URL, query, form body, HAR or PEM.

use crate::decode::DecodeError;
use crate::finding::{Finding, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    name: "input-undecodable",
    code: "INP002",
    severity: Severity::Error,
    summary: "the input is none of the encodings SAML travels in",
    docs: docs!(
        "## What it does
Reports input that is not XML, base64, DEFLATE + base64, a URL or query string with a
SAMLRequest/SAMLResponse parameter, a form body, or PEM, and says what was tried and where each
attempt broke.

## Why is this bad?
A message that cannot be decoded cannot be inspected; a service provider would reject it too
(ruby-saml: \"Blank response\"; Entra: AADSTS75005 Saml2MessageInvalid).

## Example
A value truncated by a log line limit, or copied with an ellipsis (`PHNhbWxwOlJlc3Bv…`).

## How to fix
Copy the whole parameter value again (the browser's network tab shows it in full under
Payload → view source), or paste the whole URL.

## References
- SAML 2.0 Bindings §3.4.4.1 (DEFLATE encoding), §3.5.4 (base64 in HTTP-POST)
- RFC 4648 (base64), RFC 1951 (DEFLATE), RFC 3986 (percent-encoding)
"
    ),
};

pub(crate) fn finding(error: &DecodeError) -> Finding {
    let mut finding = Finding::new(&RULE, error.message.clone()).at_opt(error.span);
    if !error.tried.is_empty() {
        finding = finding.help(format!("tried: {}", error.tried.join("; ")));
    } else {
        finding =
            finding.help("paste the whole SAMLResponse/SAMLRequest value, a full URL, XML or PEM");
    }
    finding
}

pub(crate) fn unreadable_key(message: String, span: Option<crate::span::Span>) -> Finding {
    Finding::new(&RULE, message).at_opt(span).help(
        "copy the certificate or key again in full (PEM armour lines included, nothing cut off)",
    )
}

pub(crate) fn har_finding(reason: &str) -> Finding {
    Finding::new(&RULE, reason.to_owned())
        .help("export the HAR again from the browser's network tab (\"Save all as HAR\"), or paste one SAMLRequest or SAMLResponse out of it")
}
