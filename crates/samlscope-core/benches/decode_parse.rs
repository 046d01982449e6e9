//! Decode + parse throughput (issue 2), and the full Report of a signed response (issue 3): a typical 10 KB Entra response and a 50 MB metadata
//! aggregate; plus the full `inspect` of the response. Reference numbers (lxml on the same
//! files, in the same run) come from `scripts/bench.sh`.

#[path = "support/mod.rs"]
mod support;

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use samlscope_core::decode::decode;
use samlscope_core::{Context, Timestamp, inspect, xml};

fn decode_and_parse(input: &[u8]) -> usize {
    let decoded = decode(input).expect("decodes");
    xml::parse(decoded.text).expect("parses").len()
}

fn response(c: &mut Criterion) {
    let input = support::entra_response_10kb_base64();
    let xml_len = support::entra_response_10kb().len();
    let mut group = c.benchmark_group("entra_response");
    group.throughput(Throughput::Bytes(xml_len as u64));
    group.bench_function(format!("decode_parse_{}b_xml", xml_len), |b| {
        b.iter(|| decode_and_parse(black_box(input.as_bytes())));
    });
    let ctx = Context::new(Timestamp::parse("2026-11-23T17:00:00Z").expect("time"));
    group.bench_function("inspect", |b| {
        b.iter(|| inspect(black_box(input.as_bytes()), &ctx).findings.len())
    });
    group.finish();
}

fn metadata(c: &mut Criterion) {
    let input = support::metadata_aggregate(20_000);
    let mut group = c.benchmark_group("metadata_aggregate");
    group.sample_size(10);
    group.throughput(Throughput::Bytes(input.len() as u64));
    group.bench_function(format!("decode_parse_{}mb", input.len() >> 20), |b| {
        b.iter(|| decode_and_parse(black_box(input.as_bytes())));
    });
    group.finish();
}

/// The full Report of a signed 10 KB Entra response, from base64, with a trust anchor: decode,
/// parse, model, signature verification (C14N, SHA-256, RSA-2048) and every rule, with a full
/// configuration (SP and IdP entity IDs, Reply URL, the AuthnRequest, required claims, profile).
fn signed_response(c: &mut Criterion) {
    let input = include_str!("data/entra-response-10kb-signed.b64");
    let mut ctx = Context::new(Timestamp::parse("2026-11-23T17:00:00Z").expect("time"));
    ctx.idp_certificates
        .push(include_bytes!("../tests/fixtures/dsig/keys/TEST-ONLY-rsa2048-idp.crt").to_vec());
    // The whole configuration, so that every configuration rule has something to compare.
    ctx.sp_entity_id = Some("https://contoso.timetrackenterprise.com".to_owned());
    ctx.acs_urls = vec!["https://contoso.timetrackenterprise.com/api/v2/azure/callback".to_owned()];
    ctx.idp_entity_id =
        Some("https://sts.windows.net/7d2c9b14-3e6a-4f8b-a5c1-92e04b6f1d38/".to_owned());
    ctx.requests
        .push(include_bytes!("../../../static/examples/redirect-authnrequest.xml").to_vec());
    ctx.required_attributes = vec![
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress".to_owned(),
        "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/givenname".to_owned(),
    ];
    ctx.profile = Some("timetrack".to_owned());
    let report = inspect(input.as_bytes(), &ctx);
    assert_eq!(report.signatures[0].verdict.as_str(), "valid");
    let mut group = c.benchmark_group("signed_entra_response");
    group.throughput(Throughput::Bytes(input.len() as u64));
    group.bench_function("inspect_full_report", |b| {
        b.iter(|| inspect(black_box(input.as_bytes()), &ctx).findings.len());
    });
    group.finish();
}

criterion_group!(benches, response, signed_response, metadata);
criterion_main!(benches);
