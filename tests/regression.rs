//! Holds the PolNeAR dev figures recorded in `tests/data/polnear-dev.toml`: `cargo test` fails if
//! direct recall, direct or partial speaker accuracy (lenient) or precision drops more than one
//! point below them.
//! Skipped, with a message, when ../shared/corpora is absent. See: issue #4.

use crate::util::{corpora, run, saywho, stdout};

#[test]
fn issue_4_polnear_dev_figures_hold() {
    let Some(c) = corpora() else {
        crate::util::skip(
            "issue_4_polnear_dev_figures_hold",
            "../shared/corpora not found",
        );
        return;
    };
    let gold = c.join("polnear/gold_dev.jsonl");
    let text = c.join("polnear/original/dev/text");
    if !gold.is_file() || !text.is_dir() {
        crate::util::skip("issue_4_polnear_dev_figures_hold", "PolNeAR dev not found");
        return;
    }
    let out = run(saywho()
        .args(["eval", "--json", "--gold"])
        .arg(&gold)
        .arg(&text));
    assert!(out.status.success(), "{}", crate::util::stderr(&out));
    let got: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    let recorded: toml::Value = toml::from_str(
        &std::fs::read_to_string(crate::util::root().join("tests/data/polnear-dev.toml")).unwrap(),
    )
    .unwrap();
    for key in [
        "direct_recall",
        "direct_speaker_acc_lenient",
        "partial_speaker_acc_lenient",
        "precision",
    ] {
        let want = recorded[key].as_float().unwrap();
        let have = got[key].as_f64().unwrap();
        assert!(
            have >= want - 0.01,
            "{key} dropped: {have} < recorded {want} - 0.01"
        );
    }
}
