//! Embeds every app profile of `src/profiles/*.json` as Rust code (adding an app is adding one
//! data file). The JSON is read here, at build time, so that the page carries no JSON parser.

use std::fmt::Write as _;
use std::path::Path;

use serde_json::Value;

fn text(v: &Value, key: &str, file: &str) -> String {
    match v.get(key) {
        Some(Value::String(s)) => format!("{s:?}.to_owned()"),
        _ => panic!("{file}: `{key}` must be a string"),
    }
}

fn opt_text(v: &Value, key: &str, file: &str) -> String {
    match v.get(key) {
        None | Some(Value::Null) => "None".to_owned(),
        Some(Value::String(s)) => format!("Some({s:?}.to_owned())"),
        _ => panic!("{file}: `{key}` must be a string"),
    }
}

fn texts(v: &Value, key: &str, file: &str) -> String {
    match v.get(key) {
        None => "Vec::new()".to_owned(),
        Some(Value::Array(items)) => {
            let items: Vec<String> = items
                .iter()
                .map(|i| match i {
                    Value::String(s) => format!("{s:?}.to_owned()"),
                    _ => panic!("{file}: `{key}` must hold strings"),
                })
                .collect();
            format!("vec![{}]", items.join(", "))
        }
        _ => panic!("{file}: `{key}` must be a list"),
    }
}

fn only(v: &Value, keys: &[&str], file: &str) {
    for k in v
        .as_object()
        .unwrap_or_else(|| panic!("{file}: an object expected"))
        .keys()
    {
        assert!(keys.contains(&k.as_str()), "{file}: unknown key `{k}`");
    }
}

fn field(v: &Value, key: &str, file: &str) -> String {
    match v.get(key) {
        None | Some(Value::Null) => "None".to_owned(),
        Some(f) => {
            only(f, &["pattern", "wording"], file);
            format!(
                "Some(Field {{ pattern: {}, wording: {} }})",
                text(f, "pattern", file),
                text(f, "wording", file)
            )
        }
    }
}

fn profile(v: &Value, file: &str) -> String {
    only(
        v,
        &[
            "name",
            "title",
            "tutorial",
            "sso",
            "identifier",
            "reply_url",
            "sign_on_url",
            "relay_state",
            "hosts",
            "certificate",
            "claims",
            "notes",
        ],
        file,
    );
    let cert = v
        .get("certificate")
        .unwrap_or_else(|| panic!("{file}: `certificate` missing"));
    only(cert, &["kind", "wording"], file);
    let claims: Vec<String> = v
        .get("claims")
        .and_then(Value::as_array)
        .map(|c| {
            c.iter()
                .map(|c| {
                    only(c, &["name", "source", "why"], file);
                    format!(
                        "Claim {{ name: {}, source: {}, why: {} }}",
                        text(c, "name", file),
                        text(c, "source", file),
                        opt_text(c, "why", file)
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    format!(
        "Profile {{ name: {}, title: {}, tutorial: {}, sso: {}, identifier: {}, reply_url: {}, \
         sign_on_url: {}, relay_state: {}, hosts: {}, certificate: CertificateHandover {{ kind: {}, \
         wording: {} }}, claims: vec![{}], notes: {} }}",
        text(v, "name", file),
        text(v, "title", file),
        text(v, "tutorial", file),
        texts(v, "sso", file),
        field(v, "identifier", file),
        field(v, "reply_url", file),
        field(v, "sign_on_url", file),
        field(v, "relay_state", file),
        texts(v, "hosts", file),
        text(cert, "kind", file),
        text(cert, "wording", file),
        claims.join(", "),
        texts(v, "notes", file),
    )
}

fn main() {
    let dir = Path::new("src/profiles");
    println!("cargo::rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("src/profiles")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    let mut out = String::from(
        "/// The app profiles of `src/profiles/*.json`, as read at build time.\n\
         pub(crate) fn embedded() -> Vec<Profile> {\n    vec![\n",
    );
    for path in &files {
        let name = path.display().to_string();
        println!("cargo::rerun-if-changed={name}");
        let json = std::fs::read_to_string(path).expect("profile file");
        let value: Value =
            serde_json::from_str(&json).unwrap_or_else(|e| panic!("{name}: not JSON: {e}"));
        writeln!(out, "        {},", profile(&value, &name)).expect("write");
    }
    out.push_str("    ]\n}\n");
    let target = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("profiles.rs");
    std::fs::write(target, out).expect("write profiles.rs");
}
