//! Every example in patterns/, run by the same runner as `saywho patterns test`.
//! `SAYWHO_PATTERN_TEST=said,-scare` filters; `SAYWHO_PATTERN_TEST_VERBOSE=1` lists known misses.

use crate::util::{run, saywho, stdout, Dir};

#[test]
fn pattern_examples() {
    let set = saywho::PatternSet::embedded().expect("patterns load");
    let filter: Vec<String> = std::env::var("SAYWHO_PATTERN_TEST")
        .map(|v| {
            v.split(',')
                .map(str::to_string)
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default();
    let report = saywho::pattern::check::run(&set, &filter);
    let titles = saywho::consistency::check_examples(&set);
    if std::env::var_os("SAYWHO_PATTERN_TEST_VERBOSE").is_some() {
        for t in &report.todo {
            eprintln!("todo: {t}");
        }
    }
    let failures: Vec<String> = report
        .failures
        .iter()
        .chain(titles.iter())
        .map(|f| f.to_string())
        .collect();
    let n_examples = report.passed + report.failures.len() + report.todo.len();
    assert!(n_examples >= 70, "only {n_examples} examples ran");
    if !failures.is_empty() {
        panic!(
            "found {} failures:\n~~~\n{}\n~~~\n{} passed, {} failed",
            failures.len(),
            failures.join("\n~~~\n"),
            report.passed,
            failures.len()
        );
    }
}

/// A maintainer who deletes "said" from the verb list sees `saywho patterns test` fail and name
/// what broke. See: issue #4.
#[test]
fn issue_4_deleting_said_breaks_named_examples() {
    let dir = Dir::new("patterns-broken");
    copy_dir(&crate::util::root().join("patterns"), &dir.path);
    let verbs = dir.path.join("lexicon/speech-verbs.txt");
    let text = std::fs::read_to_string(&verbs).unwrap();
    let without: String = text
        .lines()
        .filter(|l| *l != "said")
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(&verbs, without).unwrap();
    let out = run(saywho()
        .args(["patterns", "test", "--patterns"])
        .arg(&dir.path));
    assert_eq!(out.status.code(), Some(1));
    let s = stdout(&out);
    assert!(s.contains("cue.after.verb-mention example 1"), "{s}");
    assert!(s.contains("expected speaker \"Duyeon Kim\""), "{s}");
    assert!(s.lines().last().unwrap().contains("failed"), "{s}");
}

/// A pattern file that does not parse is an error naming the file and line.
#[test]
fn broken_pattern_file_names_file_and_line() {
    let dir = Dir::new("patterns-syntax");
    copy_dir(&crate::util::root().join("patterns"), &dir.path);
    let quotes = dir.path.join("quotes.toml");
    let text = std::fs::read_to_string(&quotes).unwrap();
    std::fs::write(
        &quotes,
        text.replace("max_quote_chars = 6000", "max_quote_chars = = 6000"),
    )
    .unwrap();
    let out = run(saywho()
        .args(["patterns", "test", "--patterns"])
        .arg(&dir.path));
    assert_eq!(out.status.code(), Some(2));
    let err = crate::util::stderr(&out);
    assert!(err.contains("quotes.toml:"), "{err}");
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let p = e.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(e.file_name()));
        } else {
            std::fs::copy(&p, to.join(e.file_name())).unwrap();
        }
    }
}
