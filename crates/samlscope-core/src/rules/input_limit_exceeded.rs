//! `input-limit-exceeded`: decoding hit a size bound (input size, DEFLATE expansion, nesting),
//! or an input holds more of something than is read (PEM blocks, a HAR's messages).

use crate::decode::DecodeError;
use crate::finding::{Finding, Rule, Severity};

pub(crate) static RULE: Rule = Rule {
    name: "input-limit-exceeded",
    code: "INP003",
    severity: Severity::Error,
    summary: "decoding stopped at a size bound (input size, DEFLATE expansion, layer count, PEM blocks, HAR messages)",
    docs: docs!(
        "## What it does
Reports input whose decoding would exceed a bound: input larger than 128 MB (32 MB in the page,
which inspects on its main thread), a DEFLATE stream expanding past 64 MB, or more than 12
nested encodings. Also says when only part of an input is read: the first 200 PEM blocks, the
first 1,000 SAML messages of a HAR file (200 in the page).

## Why is this bad?
Real SAML messages are kilobytes; metadata aggregates tens of megabytes. Anything beyond is a
decompression bomb or not SAML, and expanding it would exhaust memory.

## Example
A 400 KB DEFLATE stream of zeros that expands to 400 MB.

## How to fix
Check that the right file was pasted. Service providers should reject such input too.

## References
- CWE-409: Improper Handling of Highly Compressed Data (Data Amplification)
"
    ),
};

pub(crate) fn finding(error: &DecodeError) -> Finding {
    Finding::new(&RULE, error.message.clone())
        .at_opt(error.span)
        .help("this is not a SAML message of any plausible size; check what was pasted")
}

pub(crate) fn har_finding(message: String) -> Finding {
    Finding::new(&RULE, message).help(
        "save a HAR of just the sign-in (clear the network tab, sign in, export), or inspect one message of it",
    )
}

/// `found` PEM blocks, of which the first `read` are read.
pub(crate) fn pem_finding(found: usize, read: usize) -> Finding {
    Finding::new(
        &RULE,
        format!("the input holds {found} PEM blocks; only the first {read} are read"),
    )
    .help("give the certificate (and its chain) that signs, not a whole bundle")
}

pub(crate) fn too_large_finding(input_len: usize, limit: usize, advice: &str) -> Finding {
    let mb = |bytes: usize| bytes.div_ceil(1024 * 1024);
    Finding::new(
        &RULE,
        format!(
            "the input is {} MB; inputs over {} MB are not read here",
            mb(input_len),
            mb(limit)
        ),
    )
    .help(advice.to_owned())
}
