//! The layering of qms-core, read from its source (`docs/architecture.md`).
//!
//! Every `.rs` file under `src/` is a module (`src/load/mod.rs` is `load`,
//! `src/load/frontmatter.rs` is `load::frontmatter`; `src/lib.rs`, the facade,
//! is left out). Every module path its code names (`crate::a::b`, in a `use`,
//! grouped or not, or inline; `super::...`, `self::...` and a child module's
//! name) is resolved to the longest module it starts with: an edge
//! module -> module. Comments, doc comments and strings are not code; test
//! modules are. The test fails on:
//!
//! - an import cycle between modules (files),
//! - an import cycle between layers (the top-level folders),
//! - a lower layer importing a higher one ([`LAYERS`]),
//! - a path through the crate root's re-exports (`crate::Date`, `crate::check`):
//!   inside the crate, import from the module that defines the item.
//!
//! `cargo test -p qms-core --test layers -- --nocapture` prints the graph.

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::Path;

/// The layers, lowest first: a module may use its own layer and the layers
/// before it, never one after it. A layer is a top-level folder of `src/`
/// (or one file, `profile.rs`). `source` may not exist yet.
const LAYERS: &[&str] = &[
    "base",
    "source",
    "model",
    "profile",
    "load",
    "registers",
    "analysis",
    "measure",
    "rules",
    "engine",
    "report",
    "scaffold",
];

/// Known module cycles, each as the one edge left out of the cycle check and
/// why. The test fails when such an edge is gone: then delete its line.
const KNOWN_CYCLE_EDGES: &[(&str, &str, &str)] = &[];

#[test]
fn qms_core_is_layered() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(&src).sort_by_file_name() {
        let entry = entry.expect("a readable entry under src/");
        let path = entry.path();
        if path.extension().is_some_and(|e| e == "rs") {
            let rel = path.strip_prefix(&src).expect("under src/");
            let rel = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/");
            let text = std::fs::read_to_string(path).expect("a UTF-8 source file");
            files.push((rel, text));
        }
    }
    assert!(files.len() > 10, "src/ holds the crate: {}", src.display());
    let known: Vec<(&str, &str)> = KNOWN_CYCLE_EDGES.iter().map(|&(a, b, _)| (a, b)).collect();
    let analysis = analyse(&files, &known);
    println!("{}", analysis.listing);
    for (from, to, why) in KNOWN_CYCLE_EDGES {
        println!("known cycle, edge {from} -> {to} left out of the cycle check: {why}");
    }
    assert!(
        analysis.problems.is_empty(),
        "qms-core's layering is broken:\n- {}",
        analysis.problems.join("\n- ")
    );
}

#[test]
fn a_back_import_is_caught() {
    let files = [
        (
            "lib.rs",
            "pub mod base;\npub mod rules;\npub use base::code::Code;",
        ),
        ("base/mod.rs", "pub mod code;"),
        (
            "base/code.rs",
            "// crate::engine in a comment is not code\nuse crate::rules::x::check;",
        ),
        ("source/mod.rs", "use crate::base::code::Code;"),
        ("rules/mod.rs", "pub mod x;"),
        (
            "rules/x.rs",
            "use crate::base::code::Code;\nfn f() -> crate::Code { todo!() }",
        ),
    ]
    .map(|(p, t)| (p.to_string(), t.to_string()));
    let problems = analyse(&files, &[]).problems;
    let expected = [
        "module cycle: base::code -> rules::x -> base::code",
        "layer cycle: base -> rules -> base",
        "layer order: base::code -> rules::x",
        "src/rules/x.rs:2: `crate::Code`",
    ];
    for e in expected {
        assert!(
            problems.iter().any(|p| p.starts_with(e)),
            "expected `{e}` in {problems:#?}"
        );
    }
    assert_eq!(problems.len(), expected.len(), "{problems:#?}");
}

#[test]
fn every_form_of_path_is_read() {
    let modules: BTreeSet<String> = [
        "base",
        "base::date",
        "load",
        "load::profile",
        "engine",
        "engine::registry",
        "rules",
        "rules::load",
        "model",
    ]
    .map(String::from)
    .into();
    let text = r##"
//! [`crate::rules`] in a doc comment
/* crate::rules in a /* nested */ block comment */
use crate::{base::date::Date, engine::{self as e, registry::{RULES, rule}}};
use profile::resolve;
fn f<'a>(x: &'a str) -> char {
    let s = "crate::rules::load in a string"; let r = r#"crate::rules"#;
    let q = '"'; let t = crate::model::written_name(&x);
    super::X; self::profile::Y;
    q
}
#[cfg(test)]
mod tests {
    use super::*;
    use super::super::Qms;
}
"##;
    let found: Vec<(Vec<String>, usize)> = read_paths(text, &["load".to_string()], &modules)
        .into_iter()
        .map(|u| (u.path, u.line))
        .collect();
    let want = [
        ("base::date::Date", 4),
        ("engine", 4),
        ("engine::registry::RULES", 4),
        ("engine::registry::rule", 4),
        ("load::profile::resolve", 5),
        ("model::written_name", 8),
        ("X", 9),
        ("load::profile::Y", 9),
        ("load", 14),
        ("Qms", 15),
    ]
    .map(|(p, l)| (p.split("::").map(String::from).collect::<Vec<_>>(), l));
    assert_eq!(found, want);
}

/// What [`analyse`] found: the printed graph and every problem.
struct Analysis {
    listing: String,
    problems: Vec<String>,
}

/// A module path named in a file, made absolute (without `crate`).
struct UsedPath {
    path: Vec<String>,
    line: usize,
}

/// Where an edge was first seen: file and line.
type Graph = BTreeMap<String, BTreeMap<String, (String, usize)>>;

/// Builds the module graph of `files` (paths relative to `src/`, and text)
/// and checks it; `known` edges are left out of the module cycle check.
fn analyse(files: &[(String, String)], known: &[(&str, &str)]) -> Analysis {
    let mut problems = Vec::new();
    let module_of = |rel: &str| -> Vec<String> {
        let mut parts: Vec<String> = rel
            .trim_end_matches(".rs")
            .split('/')
            .map(String::from)
            .collect();
        if parts == ["lib"] || parts.last().is_some_and(|p| p == "mod") {
            parts.pop();
        }
        parts
    };
    let modules: BTreeSet<String> = files
        .iter()
        .map(|(rel, _)| module_of(rel).join("::"))
        .filter(|m| !m.is_empty())
        .collect();

    let mut graph: Graph = modules
        .iter()
        .map(|m| (m.clone(), BTreeMap::new()))
        .collect();
    for (rel, text) in files {
        let module = module_of(rel);
        if module.is_empty() {
            continue; // the crate root: the facade
        }
        let from = module.join("::");
        for used in read_paths(text, &module, &modules) {
            match longest_module(&used.path, &modules) {
                Some(to) if to == from => {}
                Some(to) => {
                    graph
                        .entry(from.clone())
                        .or_default()
                        .entry(to)
                        .or_insert_with(|| (rel.clone(), used.line));
                }
                None => problems.push(format!(
                    "src/{rel}:{}: `crate::{}` is not a module: the crate root only \
                     re-exports for users; import from the module that defines it",
                    used.line,
                    used.path.join("::")
                )),
            }
        }
    }

    // (a) No cycle between modules.
    let mut checked = graph.clone();
    for (from, to) in known {
        if let Some(deps) = checked.get_mut(*from) {
            deps.remove(*to);
        }
        if !graph.get(*from).is_some_and(|d| d.contains_key(*to)) {
            problems.push(format!(
                "known cycle edge {from} -> {to} is gone: delete it from KNOWN_CYCLE_EDGES"
            ));
        }
    }
    for (cycle, size) in cycles(&checked) {
        problems.push(format!(
            "module cycle: {}",
            describe_cycle(&cycle, size, &graph)
        ));
    }

    // (b) No cycle between layers.
    let top = |m: &str| m.split("::").next().unwrap_or(m).to_string();
    let mut layers: Graph = BTreeMap::new();
    for (from, deps) in &graph {
        let entry = layers.entry(top(from)).or_default();
        for (to, at) in deps {
            if top(to) != top(from) {
                entry.entry(top(to)).or_insert_with(|| at.clone());
            }
        }
    }
    for (cycle, size) in cycles(&layers) {
        problems.push(format!(
            "layer cycle: {}",
            describe_cycle(&cycle, size, &layers)
        ));
    }

    // (c) The layer order.
    let rank = |layer: &str| LAYERS.iter().position(|l| *l == layer);
    for layer in layers.keys() {
        if rank(layer).is_none() {
            problems.push(format!(
                "`{layer}` is no layer: add it to LAYERS in tests/layers.rs and to \
                 docs/architecture.md"
            ));
        }
    }
    for (from, deps) in &graph {
        for (to, (file, line)) in deps {
            if let (Some(a), Some(b)) = (rank(&top(from)), rank(&top(to)))
                && a < b
            {
                problems.push(format!(
                    "layer order: {from} -> {to} (src/{file}:{line}): `{}` is below `{}`",
                    top(from),
                    top(to)
                ));
            }
        }
    }

    let mut listing = String::new();
    let edges: usize = graph.values().map(BTreeMap::len).sum();
    listing.push_str(&format!(
        "qms-core: {} modules, {edges} edges (module -> the modules its code names)\n",
        graph.len()
    ));
    for (from, deps) in &graph {
        listing.push_str(&format!("{from} -> {}\n", names(deps)));
    }
    let present: Vec<&str> = LAYERS
        .iter()
        .copied()
        .filter(|l| layers.contains_key(*l))
        .collect();
    listing.push_str(&format!(
        "\nlayers, lowest first: {}\n",
        present.join(" < ")
    ));
    for layer in present {
        listing.push_str(&format!("{layer} -> {}\n", names(&layers[layer])));
    }
    Analysis { listing, problems }
}

fn names<V>(deps: &BTreeMap<String, V>) -> String {
    if deps.is_empty() {
        "(nothing)".to_string()
    } else {
        deps.keys().cloned().collect::<Vec<_>>().join(", ")
    }
}

/// `a -> b -> a (src/x.rs:3, src/y.rs:9)`: the path and where each edge is,
/// and how many more nodes are on cycles with these.
fn describe_cycle(cycle: &[String], size: usize, graph: &Graph) -> String {
    let mut at = Vec::new();
    for pair in cycle.windows(2) {
        if let Some((file, line)) = graph.get(&pair[0]).and_then(|d| d.get(&pair[1])) {
            at.push(format!("src/{file}:{line}"));
        }
    }
    let more = size + 1 - cycle.len();
    let more = if more > 0 {
        format!("; {more} more on cycles through these")
    } else {
        String::new()
    };
    format!("{} ({}){more}", cycle.join(" -> "), at.join(", "))
}

/// The longest prefix of `path` that is a module, if any.
fn longest_module(path: &[String], modules: &BTreeSet<String>) -> Option<String> {
    (1..=path.len())
        .rev()
        .map(|n| path[..n].join("::"))
        .find(|p| modules.contains(p))
}

/// One cycle per group of nodes that reach each other: the group's shortest
/// (written from its first node round to it again), and the group's size.
fn cycles(graph: &Graph) -> Vec<(Vec<String>, usize)> {
    let successors = |n: &String| graph.get(n).into_iter().flat_map(BTreeMap::keys);
    let reach = |from: &String| {
        let mut seen = BTreeSet::new();
        let mut todo = vec![from];
        while let Some(n) = todo.pop() {
            for next in successors(n) {
                if seen.insert(next) {
                    todo.push(next);
                }
            }
        }
        seen
    };
    let reachable: BTreeMap<&String, BTreeSet<&String>> =
        graph.keys().map(|n| (n, reach(n))).collect();
    // Each group, by its first node: its size and its shortest cycle.
    let mut groups: BTreeMap<&String, (usize, Vec<String>)> = BTreeMap::new();
    for start in graph.keys() {
        if !reachable[start].contains(start) {
            continue;
        }
        let group: Vec<&String> = reachable[start]
            .iter()
            .copied()
            .filter(|n| reachable[n].contains(start))
            .collect();
        // Breadth first from `start` until an edge leads back to it.
        let mut came_from: BTreeMap<&String, &String> = BTreeMap::new();
        let mut queue = VecDeque::from([start]);
        let mut cycle = Vec::new();
        'search: while let Some(n) = queue.pop_front() {
            for next in successors(n) {
                if next == start {
                    cycle.push(n.clone());
                    let mut at = n;
                    while let Some(prev) = came_from.get(at) {
                        cycle.push((*prev).clone());
                        at = prev;
                    }
                    cycle.reverse();
                    cycle.push(start.clone());
                    break 'search;
                }
                if !came_from.contains_key(next) {
                    came_from.insert(next, n);
                    queue.push_back(next);
                }
            }
        }
        let entry = groups.entry(group[0]).or_insert((group.len(), Vec::new()));
        if entry.1.is_empty() || cycle.len() < entry.1.len() {
            entry.1 = cycle;
        }
    }
    groups
        .into_values()
        .map(|(size, cycle)| (cycle, size))
        .collect()
}

/// Every module path named in the code of the file of `module`, made
/// absolute: `crate::...`, `super::...`, `self::...` and paths that start
/// with a child module's name (`frontmatter::split` in `load/mod.rs`).
fn read_paths(text: &str, module: &[String], modules: &BTreeSet<String>) -> Vec<UsedPath> {
    let tokens = lex(text);
    let tok = |i: usize| tokens.get(i).map(|t| &t.tok);
    let is_ident = |i: usize, w: &str| matches!(tok(i), Some(Tok::Ident(x)) if x == w);
    let mut found = Vec::new();
    // Inline modules (`mod tests { ... }`) and the brace depth each opened at.
    let mut inline: Vec<(String, usize)> = Vec::new();
    let mut depth: usize = 0;
    let mut i = 0;
    while i < tokens.len() {
        match &tokens[i].tok {
            Tok::Punct('{') => depth += 1,
            Tok::Punct('}') => {
                depth = depth.saturating_sub(1);
                if inline.last().is_some_and(|(_, d)| *d == depth) {
                    inline.pop();
                }
            }
            Tok::Ident(w) if w == "mod" => {
                if let (Some(Tok::Ident(name)), Some(Tok::Punct('{'))) = (tok(i + 1), tok(i + 2)) {
                    inline.push((name.clone(), depth));
                    depth += 1;
                    i += 3;
                    continue;
                }
            }
            Tok::Ident(w)
                if tok(i + 1) == Some(&Tok::PathSep)
                    && (i == 0 || tok(i - 1) != Some(&Tok::PathSep)) =>
            {
                let mut here: Vec<String> = module.to_vec();
                here.extend(inline.iter().map(|(n, _)| n.clone()));
                let mut child = here.clone();
                child.push(w.clone());
                let prefix = if w == "crate" {
                    i += 2;
                    Vec::new()
                } else if w == "self" {
                    i += 2;
                    here
                } else if w == "super" {
                    while is_ident(i, "super") && tok(i + 1) == Some(&Tok::PathSep) {
                        here.pop();
                        i += 2;
                    }
                    here
                } else if modules.contains(&child.join("::")) {
                    here
                } else {
                    i += 1;
                    continue;
                };
                use_tree(&tokens, &mut i, prefix, &mut found);
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    found
}

/// Reads the rest of a path from `tokens[*i]`: `a::b`, `{a, b::{c, d}}`,
/// `self`, `*`, `x as y`; pushes one path per leaf.
fn use_tree(tokens: &[Token], i: &mut usize, prefix: Vec<String>, found: &mut Vec<UsedPath>) {
    let tok = |i: usize| tokens.get(i).map(|t| &t.tok);
    let line = tokens.get(*i).or(tokens.last()).map_or(0, |t| t.line);
    match tok(*i) {
        Some(Tok::Punct('{')) => {
            *i += 1;
            loop {
                match tok(*i) {
                    None => return,
                    Some(Tok::Punct('}')) => {
                        *i += 1;
                        return;
                    }
                    Some(Tok::Punct(',')) => *i += 1,
                    _ => {
                        let before = *i;
                        use_tree(tokens, i, prefix.clone(), found);
                        if *i == before {
                            *i += 1;
                        }
                    }
                }
            }
        }
        Some(Tok::Punct('*')) => {
            *i += 1;
            found.push(UsedPath { path: prefix, line });
        }
        Some(Tok::Ident(w)) => {
            *i += 1;
            let mut path = prefix;
            if w != "self" {
                path.push(w.clone());
            }
            if tok(*i) == Some(&Tok::PathSep) {
                *i += 1;
                use_tree(tokens, i, path, found);
            } else {
                if matches!(tok(*i), Some(Tok::Ident(a)) if a == "as") {
                    *i += 2;
                }
                found.push(UsedPath { path, line });
            }
        }
        _ => found.push(UsedPath { path: prefix, line }),
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    PathSep,
    Punct(char),
}

struct Token {
    tok: Tok,
    line: usize,
}

/// Identifiers, `::` and punctuation with their lines; comments, strings,
/// characters and numbers dropped.
fn lex(text: &str) -> Vec<Token> {
    let c: Vec<char> = text.chars().collect();
    let at = |i: usize| c.get(i).copied();
    let ident_char = |ch: char| ch.is_alphanumeric() || ch == '_';
    let mut tokens = Vec::new();
    let mut line = 1;
    let mut i = 0;
    // Skips a quoted string from after its opening `"`.
    let skip_string = |mut i: usize, line: &mut usize| {
        while let Some(ch) = at(i) {
            match ch {
                '\\' => i += 1,
                '"' => return i + 1,
                '\n' => *line += 1,
                _ => {}
            }
            i += 1;
        }
        i
    };
    // Skips a character literal or a lifetime's quote from its `'`.
    let skip_quote = |i: usize| match (at(i + 1), at(i + 2)) {
        (Some('\\'), _) => {
            let mut j = i + 3;
            while at(j).is_some_and(|ch| ch != '\'') {
                j += 1;
            }
            j + 1
        }
        (Some(_), Some('\'')) => i + 3,
        _ => i + 1,
    };
    while let Some(ch) = at(i) {
        if ch == '\n' {
            line += 1;
            i += 1;
        } else if ch.is_whitespace() {
            i += 1;
        } else if ch == '/' && at(i + 1) == Some('/') {
            while at(i).is_some_and(|ch| ch != '\n') {
                i += 1;
            }
        } else if ch == '/' && at(i + 1) == Some('*') {
            let mut nesting = 0;
            while let Some(ch) = at(i) {
                if ch == '/' && at(i + 1) == Some('*') {
                    nesting += 1;
                    i += 2;
                } else if ch == '*' && at(i + 1) == Some('/') {
                    nesting -= 1;
                    i += 2;
                    if nesting == 0 {
                        break;
                    }
                } else {
                    if ch == '\n' {
                        line += 1;
                    }
                    i += 1;
                }
            }
        } else if ch == '"' {
            i = skip_string(i + 1, &mut line);
        } else if ch == '\'' {
            i = skip_quote(i);
        } else if ch.is_alphabetic() || ch == '_' {
            let start = i;
            while at(i).is_some_and(ident_char) {
                i += 1;
            }
            let word: String = c[start..i].iter().collect();
            if matches!(word.as_str(), "r" | "br") && matches!(at(i), Some('"' | '#')) {
                let mut hashes = 0;
                while at(i + hashes) == Some('#') {
                    hashes += 1;
                }
                if at(i + hashes) == Some('"') {
                    // A raw string: ends at `"` and as many `#`.
                    i += hashes + 1;
                    while let Some(ch) = at(i) {
                        if ch == '"' && (1..=hashes).all(|k| at(i + k) == Some('#')) {
                            i += hashes + 1;
                            break;
                        }
                        if ch == '\n' {
                            line += 1;
                        }
                        i += 1;
                    }
                    continue;
                }
                if word == "r" && hashes == 1 {
                    // A raw identifier, `r#type`.
                    i += 1;
                    let start = i;
                    while at(i).is_some_and(ident_char) {
                        i += 1;
                    }
                    let tok = Tok::Ident(c[start..i].iter().collect());
                    tokens.push(Token { tok, line });
                    continue;
                }
            }
            if word == "b" && at(i) == Some('"') {
                i = skip_string(i + 1, &mut line);
            } else if word == "b" && at(i) == Some('\'') {
                i = skip_quote(i);
            } else {
                tokens.push(Token {
                    tok: Tok::Ident(word),
                    line,
                });
            }
        } else if ch.is_ascii_digit() {
            while at(i).is_some_and(ident_char) {
                i += 1;
            }
        } else if ch == ':' && at(i + 1) == Some(':') {
            tokens.push(Token {
                tok: Tok::PathSep,
                line,
            });
            i += 2;
        } else {
            tokens.push(Token {
                tok: Tok::Punct(ch),
                line,
            });
            i += 1;
        }
    }
    tokens
}
