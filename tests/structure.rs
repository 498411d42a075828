//! The house stays in order: no module imports a stage above its own, no source file grows past
//! what a maintainer reads in one sitting, no function past what one reads at once. See: issue #17.

use std::path::{Path, PathBuf};

/// The stages, lowest first: a module may use a module of its own level or below.
const LAYERS: &[(&str, usize)] = &[
    ("error", 0),
    ("pattern", 0),
    ("input", 1),
    ("article", 1),
    ("segment", 1),
    ("link_box", 1),
    ("token", 2),
    ("quote", 2),
    ("attribution", 3),
    ("speaker", 4),
    ("table", 5),
    ("pipeline", 6),
    ("output", 6),
    ("gather", 7),
    ("examples", 7),
    ("consistency", 7),
    ("eval", 7),
    ("report", 8),
];

/// The most lines of one source file, tests included.
const MAX_FILE_LINES: usize = 720;
/// The most lines of one function.
const MAX_FN_LINES: usize = 125;

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            sources(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// The library's source files, with the top-level module each belongs to.
fn library() -> Vec<(String, PathBuf)> {
    let src = crate::util::root().join("src");
    let mut files = Vec::new();
    sources(&src, &mut files);
    files.sort();
    files
        .into_iter()
        .filter_map(|p| {
            let rel = p.strip_prefix(&src).unwrap();
            let first = rel.components().next()?.as_os_str().to_str()?.to_string();
            let module = first.trim_end_matches(".rs").to_string();
            (!matches!(module.as_str(), "cli" | "main" | "lib")).then_some((module, p))
        })
        .collect()
}

fn level(module: &str) -> Option<usize> {
    LAYERS.iter().find(|(m, _)| *m == module).map(|&(_, l)| l)
}

/// The code of a file without its test module and comments.
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let text = text
        .split("#[cfg(test)]\nmod tests")
        .next()
        .unwrap_or("")
        .to_string();
    text.lines()
        .filter(|l| !l.trim_start().starts_with("//"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn issue_17_no_stage_imports_one_above_it() {
    let mut upward = Vec::new();
    for (module, path) in library() {
        let Some(own) = level(&module) else {
            upward.push(format!("{}: module {module} has no layer", path.display()));
            continue;
        };
        let code = code(&path);
        for (i, _) in code.match_indices("crate::") {
            let dep: String = code[i + 7..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if dep == module {
                continue;
            }
            if let Some(l) = level(&dep) {
                if l > own {
                    upward.push(format!("{}: {module} uses {dep}", path.display()));
                }
            }
        }
    }
    upward.sort();
    upward.dedup();
    assert!(
        upward.is_empty(),
        "imports up the layers:\n{}",
        upward.join("\n")
    );
}

#[test]
fn issue_17_files_and_functions_stay_short() {
    let mut long = Vec::new();
    for (_, path) in library() {
        let text = std::fs::read_to_string(&path).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        if lines.len() > MAX_FILE_LINES {
            long.push(format!("{}: {} lines", path.display(), lines.len()));
        }
        for (i, l) in lines.iter().enumerate() {
            let t = l.trim_start();
            let indent = l.len() - t.len();
            let is_fn = ["fn ", "pub fn ", "pub(crate) fn ", "pub(super) fn "]
                .iter()
                .any(|p| t.starts_with(p))
                && !t.trim_end().ends_with(';');
            if !is_fn {
                continue;
            }
            let close = format!("{}}}", " ".repeat(indent));
            let end = lines[i..]
                .iter()
                .position(|x| x.trim_end() == close)
                .map_or(lines.len(), |k| i + k);
            if end - i + 1 > MAX_FN_LINES {
                long.push(format!(
                    "{}:{}: a function of {} lines",
                    path.display(),
                    i + 1,
                    end - i + 1
                ));
            }
        }
    }
    assert!(long.is_empty(), "too long:\n{}", long.join("\n"));
}
