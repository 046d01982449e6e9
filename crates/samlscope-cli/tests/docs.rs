//! `docs/cli.md` is the command line's reference (other tools and test suites depend on it).
//! These tests keep it in step with the code, both ways:
//!
//! * every subcommand and flag the parser accepts (read from the binary's own `--help`) is
//!   documented, with every value of a flag that has a closed list of them;
//! * every flag and subcommand the page names is accepted by the binary (an unknown one is
//!   clap's "unexpected argument" / "unrecognized subcommand", exit 2);
//! * every JSON key the CLI prints for a set of representative inputs (a signed response with
//!   every configuration flag, an error response, Redirect URLs, metadata, certificates and keys,
//!   an encrypted response, HAR files) is documented by its path (`summary.status.code`,
//!   `findings[].span.line`), and so is every value of the closed vocabularies (`kind`,
//!   `layers`, `verdict`, `severity`, key and configuration sources …);
//! * every line label of the text output for those inputs is documented;
//! * the exit statuses the CLI gives are the ones the page lists.
//!
//! Each test fails with the list of what is missing. Rules are documented by the tool itself
//! (`samlscope rules`, `samlscope explain`, `rules.html`), not here.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

mod support;

const DOC: &str = "docs/cli.md";

fn doc() -> String {
    std::fs::read_to_string(support::root().join(DOC)).unwrap_or_else(|e| panic!("{DOC}: {e}"))
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_samlscope"))
        .args(args)
        .current_dir(support::root())
        .stdin(Stdio::null())
        .output()
        .expect("run samlscope")
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// Fails with the list of what `docs/cli.md` lacks (or says wrongly).
fn report(problems: &BTreeSet<String>, what: &str) {
    assert!(
        problems.is_empty(),
        "{DOC} is out of step with the CLI: {what}:\n  {}\n(document each in {DOC}, or remove it \
         from there when the CLI no longer has it)",
        problems.iter().cloned().collect::<Vec<_>>().join("\n  ")
    );
}

fn is_word(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_'
}

/// Whether `needle` occurs in `text` as a whole token (not inside a longer flag or word).
fn mentions(text: &str, needle: &str) -> bool {
    text.match_indices(needle).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + needle.len()..].chars().next();
        !before.is_some_and(is_word) && !after.is_some_and(is_word)
    })
}

/// Whether the page has `needle` as code: `` `needle` ``.
fn documents(doc: &str, needle: &str) -> bool {
    doc.contains(&format!("`{needle}`"))
}

// ---- what the parser accepts, from its own help ----

/// The lines of a `--help` section (`Commands:`, `Options:`), trimmed.
fn section<'a>(help: &'a str, title: &str) -> Vec<&'a str> {
    help.lines()
        .skip_while(|l| l.trim() != title)
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .map(str::trim)
        .collect()
}

/// The subcommands `samlscope --help` lists.
fn subcommands() -> Vec<String> {
    let out = run(&["--help"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let help = stdout(&out);
    let list: Vec<String> = section(&help, "Commands:")
        .iter()
        .filter_map(|l| l.split_whitespace().next())
        .map(str::to_owned)
        .collect();
    assert!(
        list.iter().any(|c| c == "inspect"),
        "no `inspect` in samlscope --help:\n{help}"
    );
    list
}

/// A flag of a help text: its spellings (`-h`, `--help`) and its closed list of values.
struct Flag {
    names: Vec<String>,
    values: Vec<String>,
}

/// The flags a `--help` text lists under `Options:`.
fn flags(help: &str) -> Vec<Flag> {
    section(help, "Options:")
        .iter()
        .filter(|l| l.starts_with('-'))
        .map(|l| {
            let names = l
                .split_whitespace()
                .map(|t| t.trim_end_matches(','))
                .take_while(|t| t.starts_with('-'))
                .map(str::to_owned)
                .collect();
            let values = l
                .split_once("[possible values: ")
                .and_then(|(_, rest)| rest.split_once(']'))
                .map(|(list, _)| list.split(", ").map(str::to_owned).collect())
                .unwrap_or_default();
            Flag { names, values }
        })
        .collect()
}

fn help_of(args: &[&str]) -> String {
    let mut args = args.to_vec();
    args.push("--help");
    let out = run(&args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "samlscope {}: {}",
        args.join(" "),
        stderr(&out)
    );
    stdout(&out)
}

#[test]
fn every_subcommand_and_flag_the_parser_accepts_is_documented() {
    let doc = doc();
    let mut missing = BTreeSet::new();
    let mut helps = vec![(String::from("samlscope"), help_of(&[]))];
    for sub in subcommands() {
        if !mentions(&doc, &format!("samlscope {sub}")) {
            missing.insert(format!("the subcommand `samlscope {sub}`"));
        }
        // `samlscope help --help` is no help text: `help` takes subcommand names only.
        if sub != "help" {
            helps.push((format!("samlscope {sub}"), help_of(&[&sub])));
        }
    }
    let mut count = 0;
    for (command, help) in &helps {
        for flag in flags(help) {
            count += 1;
            for name in &flag.names {
                if !mentions(&doc, name) {
                    missing.insert(format!("the flag `{name}` of `{command}`"));
                }
            }
            let long = flag.names.last().cloned().unwrap_or_default();
            for value in &flag.values {
                if !mentions(&doc, &format!("{long} {value}")) {
                    missing.insert(format!("the value `{long} {value}` of `{command}`"));
                }
            }
        }
    }
    // The help texts must have been read: `inspect` alone has sixteen flags.
    assert!(count > 16, "only {count} flags found in the help texts");
    report(
        &missing,
        "the parser accepts these, the page does not mention them",
    );
}

/// The text of the page's code: fenced blocks and `inline` spans.
fn code(doc: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut fenced = false;
    for line in doc.lines() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
        } else if fenced {
            out.push(line.to_owned());
        } else {
            out.extend(line.split('`').skip(1).step_by(2).map(str::to_owned));
        }
    }
    out
}

/// Every `--flag` of the page, and every short `-x` written as code.
fn documented_flags(doc: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (at, _) in doc.match_indices("--") {
        if doc[..at].chars().next_back().is_some_and(is_word) {
            continue;
        }
        let name: String = doc[at + 2..].chars().take_while(|&c| is_word(c)).collect();
        if name.starts_with(|c: char| c.is_ascii_lowercase()) {
            out.insert(format!("--{name}"));
        }
    }
    for span in code(doc) {
        let bytes = span.as_bytes();
        if bytes.len() == 2 && bytes[0] == b'-' && bytes[1].is_ascii_alphabetic() {
            out.insert(span);
        }
    }
    out
}

/// Whether clap refused `args` as unknown (exit 2, "unexpected argument").
fn unknown(args: &[&str]) -> bool {
    let out = run(args);
    let err = stderr(&out);
    out.status.code() == Some(2)
        && (err.contains("unexpected argument") || err.contains("unrecognized subcommand"))
}

#[test]
fn every_flag_and_subcommand_the_page_names_is_accepted() {
    let doc = doc();
    let subs = subcommands();
    let flags = documented_flags(&doc);
    assert!(flags.contains("--format"), "no flag read from {DOC}");
    let mut refused = BTreeSet::new();
    for flag in &flags {
        // Accepted by some command: `samlscope inspect --skew` (a value is missing, but the flag
        // is known), `samlscope --version` …
        let mut commands: Vec<Vec<&str>> = vec![vec!["inspect"], vec![]];
        commands.extend(subs.iter().map(|s| vec![s.as_str()]));
        let accepted = commands.iter().any(|command| {
            let mut args = command.clone();
            args.push(flag);
            !unknown(&args)
        });
        if !accepted {
            refused.insert(format!(
                "`{flag}`: every command refuses it (\"unexpected argument\")"
            ));
        }
    }
    for span in code(&doc) {
        for (at, _) in span.match_indices("samlscope ") {
            let word: String = span[at + "samlscope ".len()..]
                .chars()
                .take_while(|c| c.is_ascii_lowercase())
                .collect();
            if !word.is_empty() && !subs.contains(&word) {
                refused.insert(format!("`samlscope {word}`: no such subcommand"));
            }
        }
    }
    report(&refused, "the page names these, the CLI refuses them");
}

// ---- JSON ----

/// Representative inputs: every kind of object the JSON has, and most optional keys.
fn inputs(dir: &Path) -> Vec<Vec<String>> {
    let f = |p: &str| {
        support::root()
            .join("crates/samlscope-core/tests/fixtures")
            .join(p)
            .to_string_lossy()
            .into_owned()
    };
    let example = |p: &str| {
        support::root()
            .join("static/examples")
            .join(p)
            .to_string_lossy()
            .into_owned()
    };
    let har = dir.join("another-sign-in.har");
    std::fs::write(&har, support::har_answering_another_sign_in()).expect("write the HAR");
    let broken_har = dir.join("broken.har");
    std::fs::write(&broken_har, "{\"log\": {\"entries\": [").expect("write the HAR");
    let list: Vec<Vec<String>> = vec![
        // A signed response checked against every kind of setting, with the canonical bytes.
        vec![
            f("rules/base_response.xml"),
            "--now".into(),
            "2027-01-15T10:05:00Z".into(),
            "--idp-cert".into(),
            f("rules/keys/TEST-ONLY-idp.crt"),
            "--sp-entity-id".into(),
            "https://contoso.example.com/saml".into(),
            "--acs".into(),
            "https://contoso.example.com/saml/acs".into(),
            "--idp-entity-id".into(),
            "https://sts.windows.net/00000000-1111-2222-3333-444444444444/".into(),
            "--require-attribute".into(),
            "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress".into(),
            "--relay-state".into(),
            "/home".into(),
            "--request".into(),
            f("rules/in-response-to-mismatch/context/request_req1.xml"),
            "--show-c14n".into(),
        ],
        // The Entra example with its federation metadata and app profile.
        vec![
            example("entra-response.b64"),
            "--idp-metadata".into(),
            example("entra-federation-metadata.xml"),
            "--profile".into(),
            "timetrack".into(),
        ],
        // The same, expired (the clock-skew line), with the profile only suggested.
        vec![
            example("entra-response.b64"),
            "--now".into(),
            "2026-11-23T19:00:00Z".into(),
        ],
        vec![f("rules/status-not-success/bad_aadsts50105.xml")],
        vec![f("rules/sp-name-qualifier-mismatch/bad_other_sp.xml")],
        vec![f("rules/session-expired/ok_session_open.xml")],
        vec![f("rules/input-undecodable/bad_prose.txt")],
        vec![example("redirect-authnrequest.url")],
        vec![
            f("dsig/authnrequest-redirect-signed.url"),
            "--idp-cert".into(),
            f("dsig/keys/TEST-ONLY-rsa2048-idp.crt"),
        ],
        vec![example("entra-federation-metadata.xml")],
        vec![f("rules/metadata-expired/bad_aggregate_expired.xml")],
        vec![f("rules/acs-not-registered/bad_other_path.xml")],
        vec![f("certs/rsa2048.cert.pem")],
        vec![f("rules/input-private-key/bad_certificate_and_key.pem")],
        vec![f("rules/input-redacted/bad_redacted_copy.xml")],
        vec![f("certs/ec-p256.spki.pem")],
        vec![f("certs/ec-p256.pkcs8.pem")],
        vec![f("certs/rsa2048.encrypted-pkcs8.pem")],
        vec![
            f("xmlenc/aes128-gcm.rsa-oaep-mgf1p.xml"),
            "--sp-key".into(),
            f("xmlenc/sp.key"),
        ],
        vec![f("xmlenc/aes128-gcm.rsa-oaep-mgf1p.xml")],
        vec![f("har/sign-in.har")],
        vec![f("har/sign-in-denied.har")],
        vec![har.to_string_lossy().into_owned()],
        vec![broken_har.to_string_lossy().into_owned()],
    ];
    for args in &list {
        assert!(Path::new(&args[0]).is_file(), "no such input: {}", args[0]);
    }
    list
}

/// A temporary directory, removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new(name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("samlscope-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temporary directory");
        Self(dir)
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn inspect(args: &[String], format: &str) -> Output {
    let mut all: Vec<&str> = vec!["inspect"];
    all.extend(args.iter().map(String::as_str));
    all.extend(["--format", format]);
    let out = run(&all);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "samlscope {}: {}",
        all.join(" "),
        stderr(&out)
    );
    out
}

/// Where a closed vocabulary's values are: each value must be documented as `value`.
const VOCABULARIES: &[&str] = &[
    "kind",
    "layers[]",
    "signatures[].target",
    "signatures[].verdict",
    "signatures[].key.source",
    "signatures[].inside",
    "findings[].severity",
    "configuration.sp_entity_id.source",
    "configuration.acs_urls[].source",
    "configuration.idp_entity_id.source",
    "summary.keys[].type",
    "summary.keys[].algorithm",
    "summary.keys[].key.algorithm",
    "summary.certificates[].key.algorithm",
];

/// Collects the path of every key (`summary.status.code`, `findings[].span.line`; an array's
/// elements are `[]`), and the values of the closed vocabularies.
fn walk(
    value: &serde_json::Value,
    path: &str,
    keys: &mut BTreeSet<String>,
    words: &mut BTreeSet<(String, String)>,
) {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                keys.insert(p.clone());
                walk(v, &p, keys, words);
            }
        }
        Value::Array(items) => {
            for item in items {
                walk(item, &format!("{path}[]"), keys, words);
            }
        }
        Value::String(s) if VOCABULARIES.contains(&path) => {
            words.insert((path.to_owned(), s.clone()));
        }
        _ => {}
    }
}

#[test]
fn every_json_key_the_cli_prints_is_documented() {
    let doc = doc();
    let dir = TempDir::new("docs-json");
    let (mut keys, mut words) = (BTreeSet::new(), BTreeSet::new());
    for args in inputs(&dir.0) {
        let out = inspect(&args, "json");
        let v: serde_json::Value = serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{}: not JSON ({e})", args.join(" ")));
        match v.get("messages").and_then(|m| m.as_array()) {
            // A HAR: each message is a report (documented once), plus its `source`; the outer
            // findings are findings, plus `message_index`.
            Some(messages) => {
                keys.insert("messages".to_owned());
                for m in messages {
                    walk(m, "", &mut keys, &mut words);
                }
                keys.insert("findings".to_owned());
                walk(&v["findings"], "findings", &mut keys, &mut words);
            }
            None => walk(&v, "", &mut keys, &mut words),
        }
    }
    // The inputs reach every part of the format (a guard against inputs that stopped working).
    for path in [
        "summary.status.aadsts[].meaning",
        "summary.entities[].endpoints[].location",
        "summary.keys[].format",
        "signatures[].key.sha256",
        "signatures[].canonical.signed_info",
        "findings[].span.column",
        "clock_skew[].reason",
        "configuration.sp_entity_id.source",
        "source.captured_at",
        "source.answer.location_is_error_page",
        "source.answer.content_type",
        "findings[].message_index",
    ] {
        assert!(keys.contains(path), "no input printed `{path}`");
    }
    let mut missing: BTreeSet<String> = keys
        .iter()
        .filter(|k| !documents(&doc, k))
        .map(|k| format!("the key `{k}`"))
        .collect();
    missing.extend(
        words
            .iter()
            .filter(|(_, w)| !documents(&doc, w))
            .map(|(path, w)| format!("the value `{w}` of `{path}`")),
    );
    report(&missing, "the CLI prints these JSON keys and values");
}

// ---- text ----

/// The labels of a text report's header: `  issuer        https://…` → `issuer`; `decoded`.
fn labels(text: &str) -> Vec<String> {
    text.lines()
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.strip_prefix("  "))
        .filter(|l| !l.starts_with(' '))
        .map(|l| {
            // Labels are padded to 13 columns; a longer one ends at the first space.
            let label = match l.get(..14) {
                Some(head) if head.ends_with(' ') => head.trim_end(),
                _ => l.split(' ').next().unwrap_or(l),
            };
            label.trim_end_matches(':').to_owned()
        })
        .collect()
}

#[test]
fn every_line_label_of_the_text_output_is_documented() {
    let doc = doc();
    let dir = TempDir::new("docs-text");
    let mut seen = BTreeSet::new();
    for args in inputs(&dir.0) {
        if args[0].ends_with(".har") {
            continue; // the same reports, one after the other
        }
        seen.extend(labels(&stdout(&inspect(&args, "text"))));
    }
    for label in ["decoded", "issuer", "status", "signature", "clock skew"] {
        assert!(seen.contains(label), "no input printed `{label}`: {seen:?}");
    }
    let missing: BTreeSet<String> = seen
        .iter()
        .filter(|l| !documents(&doc, l))
        .map(|l| format!("the text label `{l}`"))
        .collect();
    report(&missing, "the text output has these line labels");
}

/// The string literals of the function `signature` in a source file of the core crate, up to
/// the first line that is exactly `    }` (the function's end).
fn literals_of(file: &str, signature: &str) -> Vec<String> {
    let path = support::root().join("crates/samlscope-core/src").join(file);
    let source = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{file}: {e}"));
    let body: String = source
        .lines()
        .skip_while(|l| !l.contains(signature))
        .take_while(|l| *l != "    }")
        .collect::<Vec<_>>()
        .join("\n");
    assert!(!body.is_empty(), "no `{signature}` in {file}");
    body.split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_word_of_the_decoded_line_is_documented() {
    let doc = doc();
    let row = doc
        .lines()
        .find(|l| l.starts_with("| `decoded` |"))
        .expect("a `decoded` row in the text output's table");
    // The layers (`Layer::label`) and the endings (`Report::trail`), read from the code so that
    // a new one cannot be missed; `nothing: {}` is documented by its example.
    // Of `trail`'s literals, the rule names (`fired("…")`), the formats and the separators are
    // no words of the line.
    let trail = literals_of("report.rs", "pub fn trail(&self)");
    let source =
        std::fs::read_to_string(support::root().join("crates/samlscope-core/src/report.rs"))
            .expect("report.rs");
    let mut words = literals_of("decode/mod.rs", "pub const fn label(self)");
    words.extend(trail.into_iter().filter(|w| {
        !source.contains(&format!("fired(\"{w}\")"))
            && !w.contains('{')
            && w.chars().any(char::is_alphanumeric)
    }));
    for must in [
        "DEFLATE",
        "XML (over a size limit)",
        "nothing (no text)",
        "nothing",
    ] {
        assert!(
            words.iter().any(|w| w == must),
            "no `{must}` read: {words:?}"
        );
    }
    assert!(documents(row, "nothing: not XML, not PEM, …"), "{row}");
    let missing: BTreeSet<String> = words
        .iter()
        .filter(|w| !documents(row, w))
        .map(|w| format!("`{w}` in the `decoded` row"))
        .collect();
    report(&missing, "the `decoded` line can print these words");
}

// ---- exit status ----

#[test]
fn the_exit_statuses_are_those_documented() {
    let doc = doc();
    let fixture = |p: &str| {
        support::root()
            .join("crates/samlscope-core/tests/fixtures/rules")
            .join(p)
            .to_string_lossy()
            .into_owned()
    };
    let clean = fixture("base_response.xml");
    let cert = fixture("keys/TEST-ONLY-idp.crt");
    let error = fixture("status-not-success/bad_aadsts50105.xml");
    let cases: [(&str, Vec<&str>); 3] = [
        (
            "a clean response",
            vec![
                "inspect",
                &clean,
                "--now",
                "2027-01-15T10:05:00Z",
                "--idp-cert",
                &cert,
            ],
        ),
        ("an error finding", vec!["inspect", &error]),
        ("an unknown flag", vec!["inspect", "--no-such-flag"]),
    ];
    let mut problems = BTreeSet::new();
    let mut given = BTreeSet::new();
    for (what, args) in cases {
        let code = run(&args).status.code().expect("an exit status");
        given.insert(code);
        if !doc.contains(&format!("| `{code}` |")) {
            problems.insert(format!(
                "exit status {code} ({what}) has no row `| `{code}` |` in the Exit status table"
            ));
        }
    }
    assert_eq!(
        given.len(),
        3,
        "three cases, three exit statuses: {given:?}"
    );
    for code in 0..=255 {
        if doc.contains(&format!("| `{code}` |")) && !given.contains(&code) {
            problems.insert(format!("exit status {code} is documented but never given"));
        }
    }
    report(&problems, "exit status");
}
