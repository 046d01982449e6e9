//! The core's top-level modules depend on each other without a cycle: every `crate::x` path
//! outside comments and test modules (in `use` lines and inline) is an edge from the module
//! whose file it is in to `x`, and the graph must have no strongly connected component of more
//! than one module. A cycle makes a module impossible to understand, test or move alone.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

type Graph = BTreeMap<String, BTreeSet<String>>;

/// Every `.rs` file below `dir`, with the top-level module it belongs to.
fn files(dir: &Path, top: Option<&str>, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).expect("src readable") {
        let path = entry.expect("entry").path();
        let name = path
            .file_stem()
            .and_then(|n| n.to_str())
            .expect("UTF-8 name")
            .to_owned();
        let module = top.map_or_else(|| name.clone(), str::to_owned);
        if path.is_dir() {
            files(&path, Some(&module), out);
        } else if path.extension().is_some_and(|e| e == "rs") && module != "lib" {
            out.push((module, std::fs::read_to_string(&path).expect("source")));
        }
    }
}

/// The code of a file: test modules dropped, comment lines dropped.
fn code(source: &str) -> String {
    let source = source.split("#[cfg(test)]").next().unwrap_or_default();
    source
        .lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// The top-level modules a piece of code names through `crate::`.
fn targets(code: &str) -> BTreeSet<String> {
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    let mut out = BTreeSet::new();
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            // `crate::{a::B, c, d::{e, f}}`: the first segment of each item at depth 0.
            let mut depth = 0;
            let mut start = true;
            for (j, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => start = true,
                    c if start && !c.is_whitespace() => {
                        out.insert(ident(&group[j..]));
                        start = false;
                    }
                    _ => {}
                }
            }
        } else {
            out.insert(ident(rest));
        }
    }
    out.retain(|m| !m.is_empty());
    out
}

fn graph() -> Graph {
    let mut sources = Vec::new();
    files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        None,
        &mut sources,
    );
    let mut graph = Graph::new();
    for (module, source) in sources {
        let edges = graph.entry(module.clone()).or_default();
        edges.extend(targets(&code(&source)).into_iter().filter(|t| *t != module));
    }
    graph
}

/// The modules reachable from `from`.
fn reach(graph: &Graph, from: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut stack = vec![from.to_owned()];
    while let Some(m) = stack.pop() {
        for next in graph.get(&m).into_iter().flatten() {
            if seen.insert(next.clone()) {
                stack.push(next.clone());
            }
        }
    }
    seen
}

#[test]
fn the_core_has_no_import_cycle() {
    let graph = graph();
    assert!(graph.len() > 20, "modules not found: {:?}", graph.keys());
    let cycles: Vec<String> = graph
        .iter()
        .flat_map(|(module, edges)| {
            let graph = &graph;
            edges
                .iter()
                .filter(move |next| reach(graph, next).contains(module))
                .map(move |next| format!("{module} → {next} → … → {module}"))
        })
        .collect();
    assert!(cycles.is_empty(), "import cycles:\n{}", cycles.join("\n"));
}

#[test]
fn the_verifier_reads_neither_the_context_nor_the_expectations() {
    let graph = graph();
    let reached = reach(&graph, "dsig");
    for module in ["context", "expectations", "inspect", "rules"] {
        assert!(
            !reached.contains(module),
            "dsig reaches {module}: it verifies with the keys it is given, whatever configured them"
        );
    }
}

#[test]
fn the_reader_sees_the_paths_it_must() {
    let code = code(
        "use crate::a::B;\nuse crate::{c, d::{e, f}, g::H};\n// crate::comment\nlet x = crate::i::j();",
    );
    let found: Vec<String> = targets(&code).into_iter().collect();
    assert_eq!(found, ["a", "c", "d", "g", "i"]);
    let graph: Graph = [("a", &["b"][..]), ("b", &["c"]), ("c", &["a"])]
        .into_iter()
        .map(|(m, e)| (m.to_owned(), e.iter().map(|s| (*s).to_owned()).collect()))
        .collect();
    assert!(reach(&graph, "b").contains("b"));
}
