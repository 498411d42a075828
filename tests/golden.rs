//! Golden files: the full table for each seed article, checked by hand against the article.
//! `SAYWHO_BLESS=1 cargo test --test integration golden` rewrites them; review every changed row.

use crate::util::{assert_same_text, root, run, saywho, stdout};

fn check_article(name: &str) {
    let seed = format!("seeds/{name}.txt");
    let out = run(saywho().args(["extract", &seed]));
    assert!(out.status.success(), "{}", crate::util::stderr(&out));
    let got = stdout(&out);
    let golden = root().join(format!("tests/golden/seeds/{name}.csv"));
    if std::env::var_os("SAYWHO_BLESS").is_some() {
        std::fs::write(&golden, &got).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&golden).unwrap_or_default();
    assert_same_text(&expected, &got, &golden);
}

#[test]
fn golden_seed_000() {
    check_article("000_1f05a5283b43b376");
}

#[test]
fn golden_seed_001() {
    check_article("001_8b27149515194114");
}

#[test]
fn golden_seed_002() {
    check_article("002_2ac73f7d1427a481");
}

#[test]
fn golden_seed_004() {
    check_article("004_d30bdd079e06602b");
}

/// The cases the issue names, checked field by field so that a blessed golden file cannot
/// silently drop them. See: issue #2.
#[test]
fn issue_2_named_cases_on_the_seeds() {
    let out = run(saywho().args(["extract", "--format", "jsonl", "seeds/"]));
    let rows: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let speakers_of = |needle: &str| -> Vec<String> {
        rows.iter()
            .filter(|r| r["quote"].as_str().unwrap().starts_with(needle))
            .map(|r| r["speaker"].as_str().unwrap().to_string())
            .collect()
    };
    let count = |speaker: &str, article: &str| {
        rows.iter()
            .filter(|r| r["speaker"] == speaker && r["article"].as_str().unwrap().contains(article))
            .count()
    };
    assert_eq!(count("Duyeon Kim", "000_"), 3);
    let direct = |speaker: &str, article: &str| {
        rows.iter()
            .filter(|r| {
                r["speaker"] == speaker
                    && r["kind"] == "direct"
                    && r["article"].as_str().unwrap().contains(article)
            })
            .count()
    };
    assert_eq!(direct("Mintaro Oba", "000_"), 4);
    assert_eq!(count("JoongAng Ilbo", "000_"), 2);
    assert_eq!(count("Antonio Guterres", "004_"), 2);
    assert_eq!(speakers_of("A month really"), vec!["Duyeon Kim"]);
    assert_eq!(
        speakers_of("With North Korea, we have"),
        vec!["Donald Trump"]
    );
    for scare in [
        "US imperialism",
        "The Last Chance",
        "denuclearization of the Korean Peninsula",
    ] {
        assert_eq!(speakers_of(scare), vec![String::new()], "{scare}");
    }
    let kim = rows
        .iter()
        .find(|r| {
            r["quote"]
                .as_str()
                .unwrap()
                .starts_with("Seoul and Washington")
        })
        .unwrap();
    assert_eq!(kim["title"], "adjunct senior fellow");
    assert_eq!(kim["affiliation"], "Center for a New American Security");
}
