//! Time and peak memory of samlscope's stages on one file, for side-by-side runs with the
//! reference tools (`/usr/bin/time -v xmlsec1 --verify …` on the same file):
//! `cargo run --release -p samlscope-core --example measure -- FILE [parse|verify|inspect] [TRUSTED-CERT]`.

mod support;

use std::time::Instant;

use support::peak_rss_mb;

use samlscope_core::{Context, Timestamp, decode, dsig, inspect_owned, xml};

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: measure FILE [parse|inspect]");
    let stage = args.next().unwrap_or_else(|| "parse".to_owned());
    let bytes = std::fs::read(&path).expect("read");
    let size_mb = bytes.len() as f64 / (1024.0 * 1024.0);
    let started = Instant::now();
    let what = match stage.as_str() {
        "parse" => {
            let decoded = decode::decode_owned(bytes).expect("decodes");
            let doc = xml::parse(decoded.text).expect("parses");
            format!("{} nodes", doc.len())
        }
        "verify" => {
            let mut ctx = Context::new(Timestamp(0));
            if let Some(cert) = args.next() {
                ctx.idp_certificates
                    .push(std::fs::read(cert).expect("cert"));
            }
            let anchors = samlscope_core::Expectations::from_context(&ctx).anchors;
            let decoded = decode::decode_owned(bytes).expect("decodes");
            let doc = xml::parse(decoded.text).expect("parses");
            let signatures = dsig::verify_all(&doc, &anchors);
            let verdicts: Vec<&str> = signatures.iter().map(|s| s.verdict.as_str()).collect();
            format!("{} nodes, signatures {verdicts:?}", doc.len())
        }
        _ => {
            let mut ctx = Context::new(Timestamp(0));
            if let Some(cert) = args.next() {
                ctx.idp_certificates
                    .push(std::fs::read(cert).expect("cert"));
            }
            let report = inspect_owned(bytes, &ctx);
            format!("{} findings", report.findings.len())
        }
    };
    println!(
        "{stage}: {path}: {size_mb:.1} MB in {:.1} ms, peak RSS {:.1} MB ({:.2}× the file) — {what}",
        started.elapsed().as_secs_f64() * 1000.0,
        peak_rss_mb(),
        peak_rss_mb() / size_mb
    );
}
