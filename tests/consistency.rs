//! `saywho check` over the fixture articles in tests/data/check/, against the hand-written ground
//! truth in tests/data/check/EXPECTED.toml: every planted conflict is flagged with its kind, no
//! equivalent form is, and people who share a surname stay apart. See: issue #3.

use crate::util::{root, run, saywho, stdout};

fn reports(args: &[&str]) -> Vec<serde_json::Value> {
    let out = run(saywho()
        .args(["check", "--format", "jsonl", "--all"])
        .args(args));
    assert!(out.status.success(), "{}", crate::util::stderr(&out));
    stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn expected() -> toml::Value {
    toml::from_str(&std::fs::read_to_string(root().join("tests/data/check/EXPECTED.toml")).unwrap())
        .unwrap()
}

#[test]
fn issue_3_planted_conflicts_and_equivalents() {
    let got = reports(&["tests/data/check/"]);
    let verdict_of = |speaker: &str| -> Option<String> {
        got.iter()
            .find(|r| r["speaker"] == speaker)
            .map(|r| r["verdict"].as_str().unwrap().to_string())
    };
    let exp = expected();
    let mut problems = Vec::new();
    for c in exp["conflict"].as_array().unwrap() {
        let speaker = c["speaker"].as_str().unwrap();
        let want = if c["kind"].as_str() == Some("refinement") {
            "refinement"
        } else {
            "conflict"
        };
        match verdict_of(speaker) {
            Some(v) if v == want => {}
            other => problems.push(format!("{speaker}: expected {want}, got {other:?}")),
        }
    }
    for c in exp["consistent"].as_array().unwrap() {
        let speaker = c["speaker"].as_str().unwrap();
        let n_articles = c["articles"].as_array().unwrap().len();
        match got.iter().find(|r| r["speaker"] == speaker) {
            Some(r)
                if r["verdict"] == "consistent"
                    && r["mentions"].as_array().unwrap().len() == n_articles => {}
            Some(r) => problems.push(format!(
                "{speaker}: expected consistent over {n_articles} articles, got {} ({})",
                r["verdict"], r["reason"]
            )),
            None => problems.push(format!("{speaker}: not reported")),
        }
    }
    for d in exp["distinct"].as_array().unwrap() {
        for name in d["names"].as_array().unwrap() {
            let name = name.as_str().unwrap();
            let n = got.iter().filter(|r| r["speaker"] == name).count();
            if n != 1 {
                problems.push(format!("{name}: expected one report of its own, found {n}"));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Tables written by `saywho extract` give the same report as the articles.
#[test]
fn issue_3_check_reads_tables() {
    let dir = crate::util::Dir::new("tables");
    let a = dir.path.join("a.jsonl");
    let b = dir.path.join("b.csv");
    // Paths relative to the repository root, as `saywho check tests/data/check/` names them.
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(root().join("tests/data/check"))
        .unwrap()
        .map(|e| std::path::Path::new("tests/data/check").join(e.unwrap().file_name()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let (first, second) = files.split_at(files.len() / 2);
    assert!(run(saywho()
        .args(["extract", "--format", "jsonl", "-o"])
        .arg(&a)
        .args(first))
    .status
    .success());
    assert!(run(saywho().args(["extract", "-o"]).arg(&b).args(second))
        .status
        .success());
    let from_tables = reports(&[a.to_str().unwrap(), b.to_str().unwrap()]);
    let from_articles = reports(&["tests/data/check/"]);
    assert!(
        from_tables == from_articles,
        "tables:\n{from_tables:#?}\narticles:\n{from_articles:#?}"
    );
}

/// Pompeo (Secretary of State / US Secretary of State) and Trump are consistent on the seeds.
#[test]
fn issue_3_seeds_are_consistent() {
    let got = reports(&["seeds/"]);
    for speaker in ["Mike Pompeo", "Donald Trump"] {
        let r = got
            .iter()
            .find(|r| r["speaker"] == speaker)
            .unwrap_or_else(|| panic!("{speaker} not reported: {got:?}"));
        assert_eq!(r["verdict"], "consistent", "{r}");
    }
}

#[test]
fn fail_on_conflict_exits_1() {
    let out = run(saywho().args(["check", "--fail-on-conflict", "tests/data/check/"]));
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.contains("CONFLICT: Priya Raman"), "{text}");
    assert!(text.contains("chief economist"), "{text}");
    let out = run(saywho().args(["check", "seeds/"]));
    assert_eq!(out.status.code(), Some(0));
}
