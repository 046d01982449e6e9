//! Writes the benchmark inputs to a directory so reference tools (lxml, xmlsec1) can read the
//! very same bytes: `cargo run --release -p samlscope-core --example bench_data -- DIR`.

#[path = "../benches/support/mod.rs"]
mod support;

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "target/bench-data".to_owned());
    std::fs::create_dir_all(&dir).expect("create dir");
    let write = |name: &str, data: &str| {
        let path = std::path::Path::new(&dir).join(name);
        std::fs::write(&path, data).expect("write");
        println!("{} ({} bytes)", path.display(), data.len());
    };
    write("entra-response-10kb.xml", &support::entra_response_10kb());
    write(
        "entra-response-10kb.b64",
        &support::entra_response_10kb_base64(),
    );
    write("metadata-50mb.xml", &support::metadata_aggregate(20_000));
}
