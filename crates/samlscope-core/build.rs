//! Embeds every app profile of `src/profiles/*.json` and every identity provider of
//! `src/idps/*.json` as Rust code (adding an app or an IdP is adding one data file). The JSON is
//! read here, at build time, so that the page carries no JSON parser.

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

/// `"text"` as a `&'static str` literal.
fn lit(v: &Value, key: &str, file: &str) -> String {
    match v.get(key) {
        Some(Value::String(s)) => format!("{s:?}"),
        _ => panic!("{file}: `{key}` must be a string"),
    }
}

/// A list of strings as a `&'static [&'static str]`, lower-cased.
fn globs(v: &Value, key: &str, file: &str) -> String {
    let items: Vec<String> = v
        .get(key)
        .and_then(Value::as_array)
        .unwrap_or_else(|| panic!("{file}: `{key}` must be a list"))
        .iter()
        .map(|i| match i {
            Value::String(s) => format!("{:?}", s.to_lowercase()),
            _ => panic!("{file}: `{key}` must hold strings"),
        })
        .collect();
    format!("&[{}]", items.join(", "))
}

fn sourced(v: &Value, file: &str, sources: &Value) {
    if let Some(Value::String(key)) = v.get("source") {
        assert!(
            sources.get(key).is_some(),
            "{file}: source `{key}` is not among `sources`"
        );
    } else {
        panic!("{file}: every fact needs a `source`");
    }
}

fn idp(v: &Value, file: &str) -> String {
    only(
        v,
        &[
            "key", "name", "short", "detect", "settings", "rollover", "portal", "codes", "claims",
            "notes", "sources",
        ],
        file,
    );
    let sources = v
        .get("sources")
        .unwrap_or_else(|| panic!("{file}: `sources` missing"));
    let detect = v
        .get("detect")
        .unwrap_or_else(|| panic!("{file}: `detect` missing"));
    only(detect, &["issuer", "urls", "source"], file);
    sourced(detect, file, sources);
    let settings: Vec<String> = v
        .get("settings")
        .and_then(Value::as_object)
        .unwrap_or_else(|| panic!("{file}: `settings` must be an object"))
        .iter()
        .map(|(key, place)| {
            only(place, &["screen", "label", "term", "source"], file);
            sourced(place, file, sources);
            let term = if place.get("term").is_some() {
                "term"
            } else {
                "label"
            };
            format!(
                "({key:?}, Place {{ screen: {}, label: {}, term: {} }})",
                lit(place, "screen", file),
                lit(place, "label", file),
                lit(place, term, file)
            )
        })
        .collect();
    let rollover = v
        .get("rollover")
        .unwrap_or_else(|| panic!("{file}: `rollover` missing"));
    only(rollover, &["text", "source"], file);
    sourced(rollover, file, sources);
    let codes: Vec<String> = v
        .get("codes")
        .and_then(Value::as_array)
        .unwrap_or_else(|| panic!("{file}: `codes` must be a list"))
        .iter()
        .map(|c| {
            only(c, &["code", "name", "meaning", "setting", "source"], file);
            sourced(c, file, sources);
            let name = match c.get("name") {
                None => "None".to_owned(),
                Some(_) => format!("Some({})", lit(c, "name", file)),
            };
            let setting = match c.get("setting") {
                None | Some(Value::Null) => "None".to_owned(),
                Some(Value::String(s)) => format!("Some({s:?})"),
                _ => panic!("{file}: a code's `setting` must be a string"),
            };
            format!(
                "Code {{ code: {}, name: {name}, meaning: {}, setting: {setting} }}",
                lit(c, "code", file),
                lit(c, "meaning", file)
            )
        })
        .collect();
    let claims: Vec<String> = v
        .get("claims")
        .and_then(Value::as_array)
        .map(|all| {
            all.iter()
                .map(|c| {
                    only(c, &["uri", "name", "source"], file);
                    sourced(c, file, sources);
                    format!("({}, {})", lit(c, "uri", file), lit(c, "name", file))
                })
                .collect()
        })
        .unwrap_or_default();
    let portal = match v.get("portal") {
        None => "None".to_owned(),
        Some(p) => {
            only(p, &["text", "source"], file);
            sourced(p, file, sources);
            format!("Some({})", lit(p, "text", file))
        }
    };
    format!(
        "Idp {{ key: {}, name: {}, short: {}, issuer: {}, urls: {}, settings: &[{}], rollover: {}, portal: {portal}, codes: &[{}], claims: &[{}] }}",
        lit(v, "key", file),
        lit(v, "name", file),
        lit(v, "short", file),
        globs(detect, "issuer", file),
        globs(detect, "urls", file),
        settings.join(", "),
        lit(rollover, "text", file),
        codes.join(", "),
        claims.join(", "),
    )
}

/// The JSON files of `dir`, sorted, each marked as a build input.
fn json_files(dir: &Path) -> Vec<(String, Value)> {
    println!("cargo::rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|_| panic!("{}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|path| {
            let name = path.display().to_string();
            println!("cargo::rerun-if-changed={name}");
            let json = std::fs::read_to_string(path).expect("data file");
            let value: Value =
                serde_json::from_str(&json).unwrap_or_else(|e| panic!("{name}: not JSON: {e}"));
            (name, value)
        })
        .collect()
}

fn idps() {
    let mut out = String::from(
        "/// The identity providers of `src/idps/*.json`, as read at build time (not `saml.json`).\n\
         pub(crate) static EMBEDDED: &[Idp] = &[\n",
    );
    let mut neutral = None;
    for (name, value) in json_files(Path::new("src/idps")) {
        let code = idp(&value, &name);
        let stem = Path::new(&name).file_stem().and_then(|s| s.to_str());
        assert_eq!(
            value.get("key").and_then(Value::as_str),
            stem,
            "{name}: `key` must be the file's name"
        );
        if stem == Some("saml") {
            neutral = Some(code);
        } else {
            writeln!(out, "    {code},").expect("write");
        }
    }
    out.push_str("];\n");
    writeln!(
        out,
        "/// The neutral SAML words of `src/idps/saml.json`.\npub(crate) static NEUTRAL: Idp = {};",
        neutral.expect("src/idps/saml.json")
    )
    .expect("write");
    let target = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("idps.rs");
    std::fs::write(target, out).expect("write idps.rs");
}

/// A string or null, as `Option<&'static str>` code.
fn opt_lit(v: &Value, key: &str, file: &str) -> String {
    match v.get(key) {
        None | Some(Value::Null) => "None".to_owned(),
        Some(Value::String(s)) => format!("Some({s:?})"),
        _ => panic!("{file}: `{key}` must be a string or null"),
    }
}

fn sp(v: &Value, file: &str) -> String {
    only(
        v,
        &[
            "key",
            "name",
            "version",
            "strict",
            "clock_skew_seconds",
            "signatures",
            "rules",
            "notes",
            "sources",
        ],
        file,
    );
    let sources = v
        .get("sources")
        .unwrap_or_else(|| panic!("{file}: `sources` missing"));
    let skew = v
        .get("clock_skew_seconds")
        .unwrap_or_else(|| panic!("{file}: `clock_skew_seconds` missing"));
    only(skew, &["value", "source"], file);
    sourced(skew, file, sources);
    let skew = match skew.get("value") {
        Some(Value::Number(n)) => format!("Some({})", n.as_u64().expect("seconds")),
        _ => "None".to_owned(),
    };
    let signatures = v
        .get("signatures")
        .unwrap_or_else(|| panic!("{file}: `signatures` missing"));
    only(signatures, &["requires", "setting", "source"], file);
    sourced(signatures, file, sources);
    let requires = match signatures.get("requires").and_then(Value::as_str) {
        Some("response") => "Requires::Response",
        Some("assertion") => "Requires::Assertion",
        Some("response-or-assertion") => "Requires::Either",
        Some("response-and-assertion") => "Requires::Both",
        Some("none") => "Requires::Nothing",
        other => panic!("{file}: signatures.requires `{other:?}`"),
    };
    let rules: Vec<String> = v
        .get("rules")
        .and_then(Value::as_object)
        .unwrap_or_else(|| panic!("{file}: `rules` must be an object"))
        .iter()
        .map(|(name, b)| {
            only(b, &["verdict", "setting", "message", "error", "source"], file);
            sourced(b, file, sources);
            let rejects = match b.get("verdict").and_then(Value::as_str) {
                Some("rejects") => true,
                Some("accepts") => false,
                other => panic!("{file}: {name}: verdict `{other:?}`"),
            };
            format!(
                "({name:?}, Behaviour {{ rejects: {rejects}, setting: {}, message: {}, error: {} }})",
                opt_lit(b, "setting", file),
                opt_lit(b, "message", file),
                opt_lit(b, "error", file)
            )
        })
        .collect();
    format!(
        "Sp {{ key: {}, name: {}, version: {}, strict: {}, skew_seconds: {skew}, requires: {requires}, requires_setting: {}, rules: &[{}] }}",
        lit(v, "key", file),
        lit(v, "name", file),
        lit(v, "version", file),
        lit(v, "strict", file),
        opt_lit(signatures, "setting", file),
        rules.join(", ")
    )
}

fn sps() {
    let mut out = String::from(
        "/// The SP implementations of `src/sps/*.json`, as read at build time.\n\
         pub(crate) static EMBEDDED: &[Sp] = &[\n",
    );
    for (name, value) in json_files(Path::new("src/sps")) {
        let stem = Path::new(&name).file_stem().and_then(|s| s.to_str());
        assert_eq!(
            value.get("key").and_then(Value::as_str),
            stem,
            "{name}: `key` must be the file's name"
        );
        writeln!(out, "    {},", sp(&value, &name)).expect("write");
    }
    out.push_str("];\n");
    let target = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("sps.rs");
    std::fs::write(target, out).expect("write sps.rs");
}

fn main() {
    idps();
    sps();
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
