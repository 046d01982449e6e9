//! Measures each hostile input: time to a Report and peak memory (VmHWM), one process per
//! input. Usage: `cargo run --release -p samlscope-core --example hostile [NAME]`; without a
//! name it re-runs itself once per input and prints a table.

#[path = "../tests/hostile_inputs/mod.rs"]
mod hostile_inputs;

mod support;

use std::time::Instant;

use support::peak_rss_mb;

use samlscope_core::{Context, Timestamp, inspect};

fn main() {
    let ctx = Context::new(Timestamp::parse("2026-11-23T00:00:00Z").expect("time"));
    match std::env::args().nth(1) {
        Some(name) => {
            let Some(hostile_inputs::Case { generate, rule, .. }) =
                hostile_inputs::CASES.iter().find(|c| c.name == name)
            else {
                eprintln!("unknown case {name}");
                std::process::exit(2);
            };
            let input = generate();
            let before = peak_rss_mb();
            let started = Instant::now();
            let report = inspect(&input, &ctx);
            let elapsed = started.elapsed();
            let found = report.findings.iter().any(|f| f.name() == *rule);
            println!(
                "{name:<16} {:>8} bytes in  {:>9.1} ms  peak RSS {:>7.1} MB (input generation alone {:>7.1} MB)  {rule}: {}",
                input.len(),
                elapsed.as_secs_f64() * 1000.0,
                peak_rss_mb(),
                before,
                if found { "yes" } else { "NO" }
            );
        }
        None => {
            let me = std::env::current_exe().expect("exe");
            for case in hostile_inputs::CASES {
                let status = std::process::Command::new(&me)
                    .arg(case.name)
                    .status()
                    .expect("run");
                assert!(status.success(), "{} failed", case.name);
            }
        }
    }
}
