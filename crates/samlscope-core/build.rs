//! Embeds every app profile of `src/profiles/*.json`: adding an app is adding one data file.

use std::fmt::Write as _;
use std::path::Path;

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
        "/// The app profiles' JSON, one per file of `src/profiles/`.\npub(crate) static PROFILE_FILES: &[(&str, &str)] = &[\n",
    );
    for path in &files {
        let absolute = std::fs::canonicalize(path).expect("profile path");
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .expect("file name");
        writeln!(
            out,
            "    ({name:?}, include_str!({:?})),",
            absolute.display()
        )
        .expect("write");
        println!("cargo::rerun-if-changed={}", path.display());
    }
    out.push_str("];\n");
    let target = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("profiles.rs");
    std::fs::write(target, out).expect("write profiles.rs");
}
