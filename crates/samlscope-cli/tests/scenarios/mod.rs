//! Fixture scenarios shared by the CLI's tests: a `scenarios.json` lists inputs with the
//! context flags they are inspected with (`{"input": "<file>", "args": ["--sp-entity-id", …]}`),
//! paths relative to its directory.

use std::path::Path;
use std::process::{Command, Output};

/// The scenarios of `dir/scenarios.json`.
pub(crate) fn read(dir: &Path) -> Vec<serde_json::Value> {
    serde_json::from_str(
        &std::fs::read_to_string(dir.join("scenarios.json")).expect("scenarios.json"),
    )
    .expect("scenarios JSON")
}

/// `samlscope inspect INPUT --format FORMAT ARGS…` for scenario `s`, run in `dir`.
pub(crate) fn inspect(dir: &Path, s: &serde_json::Value, format: &str) -> Output {
    let input = s["input"].as_str().expect("input");
    let mut args = vec!["inspect", input, "--format", format];
    args.extend(
        s["args"]
            .as_array()
            .expect("args")
            .iter()
            .map(|a| a.as_str().expect("arg")),
    );
    Command::new(env!("CARGO_BIN_EXE_samlscope"))
        .current_dir(dir)
        .args(&args)
        .output()
        .expect("run samlscope")
}
