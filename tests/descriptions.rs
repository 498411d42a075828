//! Speakers' descriptions on real news (issue 18), over BBC + AllSides + PolNeAR train and dev
//! from ../shared/corpora (skipped, with a message, when it is absent):
//!
//! * no direct row has a bare party word (`Republican`, `Tory`, `GOP`; every name of
//!   `patterns/lexicon/parties.txt`) as its title or affiliation: a party goes to the `party`
//!   column;
//! * no title drops a status written right before it (`former`, `ex-`, `then-`, `onetime`): a
//!   title span preceded by one, or written with one (`then-Governor`), has a `status`;
//! * `saywho check` over the same articles flags few conflicts, and the kinds of false conflict
//!   read by hand in the issue stay away: a party as a title, a lost `former`, posts held at once.
//!
//! The counts are printed, so that a run shows where they stand.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use crate::util::{corpora, root, run, saywho, skip, stderr, stdout};

/// The article directories the issue measured on, when present.
fn corpus_dirs(test: &str) -> Option<Vec<PathBuf>> {
    let Some(c) = corpora() else {
        skip(test, "../shared/corpora not found");
        return None;
    };
    let dirs: Vec<PathBuf> = [
        "bbc-fulltext/bbc",
        "allsides-news/articles",
        "polnear/original/train/text",
        "polnear/original/dev/text",
    ]
    .iter()
    .map(|d| c.join(d))
    .filter(|d| d.is_dir())
    .collect();
    if dirs.len() < 4 {
        skip(test, "BBC, AllSides or PolNeAR text not found");
        return None;
    }
    Some(dirs)
}

/// Every name a party goes by, lowercase.
fn party_names() -> BTreeSet<String> {
    let text = std::fs::read_to_string(root().join("patterns/lexicon/parties.txt")).unwrap();
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .flat_map(|l| l.split('|'))
        .map(|a| a.trim().to_lowercase())
        .collect()
}

#[test]
fn issue_18_no_bare_party_titles_and_no_lost_status() {
    let test = "issue_18_no_bare_party_titles_and_no_lost_status";
    let Some(dirs) = corpus_dirs(test) else {
        return;
    };
    let out = run(saywho().args(["extract", "-q"]).args(&dirs));
    assert!(out.status.success(), "{}", stderr(&out));
    let parties = party_names();
    let statuses = ["former", "ex", "then", "onetime", "one-time", "erstwhile"];
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let headers = reader.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (article, kind, speaker, title, affiliation, status, t_start, t_end) = (
        col("article"),
        col("kind"),
        col("speaker"),
        col("title"),
        col("affiliation"),
        col("status"),
        col("title_start"),
        col("title_end"),
    );
    let mut texts: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    let (mut direct, mut bare, mut lost) = (0, Vec::new(), BTreeSet::new());
    let mut spans = BTreeSet::new();
    for row in reader.records() {
        let row = row.unwrap();
        if &row[kind] == "direct" {
            direct += 1;
            let is_party = |s: &str| parties.contains(&s.trim().to_lowercase());
            if is_party(&row[title]) || is_party(&row[affiliation]) {
                bare.push(format!(
                    "{}: {:?} title {:?} affiliation {:?}",
                    &row[article], &row[speaker], &row[title], &row[affiliation]
                ));
            }
        }
        let (Ok(s), Ok(e)) = (row[t_start].parse::<usize>(), row[t_end].parse::<usize>()) else {
            continue;
        };
        if !spans.insert((row[article].to_string(), s, e)) {
            continue;
        }
        let text = texts
            .entry(row[article].to_string())
            .or_insert_with(|| std::fs::read(&row[article]).unwrap());
        let before = String::from_utf8_lossy(&text[s.saturating_sub(40)..s]);
        let written = String::from_utf8_lossy(&text[s..e]).to_lowercase();
        let word_before = before
            .trim_end()
            .rsplit([' ', '\u{a0}', '\n', '(', '“', '"'])
            .next()
            .unwrap_or("")
            .to_lowercase();
        let status_before = statuses.contains(&word_before.trim_end_matches('-'))
            || before.to_lowercase().ends_with("ex-")
            || before.to_lowercase().ends_with("then-")
            || written.starts_with("ex-")
            || written.starts_with("then-");
        if status_before && row[status].is_empty() {
            lost.insert(format!(
                "{}: {:?} {:?} after {:?}",
                &row[article],
                &row[speaker],
                String::from_utf8_lossy(&text[s..e]),
                before
            ));
        }
    }
    eprintln!(
        "issue 18: {direct} direct rows, {} with a bare party word as title or affiliation; {} \
         distinct title spans, {} dropping a status written before them",
        bare.len(),
        spans.len(),
        lost.len()
    );
    assert!(
        direct > 30_000,
        "the corpora gave only {direct} direct rows"
    );
    assert!(bare.is_empty(), "bare party words:\n{}", bare.join("\n"));
    assert!(
        lost.is_empty(),
        "titles that drop a status:\n{}",
        lost.into_iter().collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn issue_18_check_on_real_news_flags_few_false_conflicts() {
    let test = "issue_18_check_on_real_news_flags_few_false_conflicts";
    let Some(dirs) = corpus_dirs(test) else {
        return;
    };
    let out = run(saywho()
        .args(["check", "-q", "--format", "jsonl"])
        .args(&dirs));
    assert!(out.status.success(), "{}", stderr(&out));
    let reports: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let mut by_verdict: BTreeMap<String, usize> = BTreeMap::new();
    for r in &reports {
        *by_verdict
            .entry(r["verdict"].as_str().unwrap().to_string())
            .or_default() += 1;
    }
    eprintln!("issue 18: check over the corpora: {by_verdict:?}");
    let verdict = |name: &str| {
        reports
            .iter()
            .find(|r| r["speaker"] == name)
            .map(|r| r["verdict"].as_str().unwrap().to_string())
    };
    // Was 825 (of which a sample read by hand held one real conflict in five); the real ones
    // read by hand are about 140 (most of them job changes in articles of different years).
    let conflicts = by_verdict.get("conflict").copied().unwrap_or(0);
    assert!(conflicts <= 200, "{conflicts} conflicts");
    // Only people are checked, and every one described in two articles gets compared.
    assert!(reports.iter().all(|r| r["person"] == true));
    assert!(by_verdict.get("unverified").copied().unwrap_or(0) > 0);
    // Real differences stay flagged: a job change, another rank, a former post.
    for name in ["Mitch McConnell", "John Bolton", "Scott Reed"] {
        assert_eq!(verdict(name).as_deref(), Some("conflict"), "{name}");
    }
    // False ones of the kinds the issue names stay away: posts held at once (a senator who
    // chairs a committee), a party as a title, an organisation written two ways, a state inside
    // its country, a status before a place ("former Utah governor").
    for name in [
        "Darrell Issa",
        "Mark Serwotka",
        "Nihad Awad",
        "Elizabeth Warren",
        "Michael Leavitt",
        "Ross Walker",
    ] {
        let v = verdict(name);
        assert!(v.is_some(), "{name} not checked");
        assert_ne!(v.as_deref(), Some("conflict"), "{name}");
    }
}
