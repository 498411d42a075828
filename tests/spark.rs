//! The PySpark driver in examples/spark (issue 7) gives the same rows as a direct run.
//!
//! Needs a Python that can `import pyspark` (`SAYWHO_PYTHON`, default `python3`) and Java; when
//! either is missing the tests say so on stderr and pass. `examples/spark/ci.sh` sets one up.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use crate::util::{root, run, saywho, stderr, stdout, Dir};

const DRIVER: &str = "examples/spark/saywho_spark.py";

fn python() -> String {
    std::env::var("SAYWHO_PYTHON").unwrap_or_else(|_| "python3".into())
}

fn succeeds(cmd: &mut Command) -> bool {
    cmd.stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Why Spark cannot run here, if it cannot.
fn spark_missing() -> Option<String> {
    let py = python();
    if !succeeds(Command::new(&py).args(["-c", "import pyspark"])) {
        return Some(format!(
            "`{py} -c \"import pyspark\"` failed (set SAYWHO_PYTHON, or run examples/spark/ci.sh)"
        ));
    }
    if !succeeds(Command::new("java").arg("-version")) {
        return Some("`java -version` failed".into());
    }
    None
}

/// Runs the driver from the repository root with the test build of saywho.
fn driver(args: &[&str], out: &Path) -> Output {
    let o = Command::new(python())
        .current_dir(root())
        .arg(DRIVER)
        .args(args)
        .arg("--output")
        .arg(out)
        .args([
            "--saywho",
            env!("CARGO_BIN_EXE_saywho"),
            "--master",
            "local[2]",
        ])
        .stdin(Stdio::null())
        .output()
        .expect("run the Spark driver");
    assert!(
        o.status.success(),
        "driver failed ({}):\n{}\n{}",
        o.status,
        stdout(&o),
        stderr(&o)
    );
    o
}

/// Rows as a multiset: canonical JSON text (keys sorted) → count.
fn multiset<'a>(lines: impl Iterator<Item = &'a str>) -> BTreeMap<String, usize> {
    let mut m = BTreeMap::new();
    for line in lines.filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("bad row {line:?}: {e}"));
        *m.entry(v.to_string()).or_insert(0) += 1;
    }
    m
}

/// The rows in OUT/quotes/part-* as a multiset, and how many there are.
fn spark_rows(out: &Path) -> (BTreeMap<String, usize>, usize) {
    let mut text = String::new();
    let mut parts: Vec<_> = std::fs::read_dir(out.join("quotes"))
        .expect("OUTPUT/quotes")
        .map(|e| e.unwrap().path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with("part-"))
        })
        .collect();
    parts.sort();
    assert!(!parts.is_empty(), "no part files in {}", out.display());
    for p in parts {
        assert_eq!(p.extension().unwrap(), "jsonl", "{}", p.display());
        text.push_str(&std::fs::read_to_string(&p).unwrap());
    }
    let n = text.lines().filter(|l| !l.trim().is_empty()).count();
    (multiset(text.lines()), n)
}

fn assert_same_rows(expected: &str, out: &Path, o: &Output) {
    let want = multiset(expected.lines());
    let (got, n) = spark_rows(out);
    let missing: Vec<_> = want
        .iter()
        .filter(|(k, v)| got.get(*k) != Some(v))
        .map(|(k, _)| k)
        .take(5)
        .collect();
    let extra: Vec<_> = got
        .iter()
        .filter(|(k, v)| want.get(*k) != Some(v))
        .map(|(k, _)| k)
        .take(5)
        .collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "Spark rows differ from a direct run\nonly (or more often) direct: {missing:#?}\nonly (or more often) Spark: {extra:#?}"
    );
    assert!(n > 0, "no rows at all");
    assert!(
        stdout(o).contains(&format!("rows: {n}")),
        "the driver should print the row count {n}:\n{}",
        stdout(o)
    );
    assert!(stdout(o).contains("wall time: "), "{}", stdout(o));
    // The check report: present when this saywho has `check`, else the driver only warns.
    let report = out.join("check.jsonl");
    if succeeds(saywho().args(["check", "--help"])) {
        let text = std::fs::read_to_string(&report).expect("OUTPUT/check.jsonl");
        for line in text.lines() {
            serde_json::from_str::<serde_json::Value>(line)
                .unwrap_or_else(|e| panic!("check.jsonl: bad line {line:?}: {e}"));
        }
    } else {
        assert!(!report.exists());
        assert!(stderr(o).contains("no `check` subcommand"), "{}", stderr(o));
    }
}

#[test]
fn spark_local_matches_direct_run() {
    if let Some(why) = spark_missing() {
        crate::util::skip("spark_local_matches_direct_run", &why);
        return;
    }
    let direct = run(saywho().args(["extract", "--format", "jsonl", "seeds/"]));
    assert!(direct.status.success(), "{}", stderr(&direct));
    let dir = Dir::new("spark-seeds");
    let out = dir.path.join("out");
    let o = driver(&["--input", "seeds/"], &out);
    // Article ids are the paths saywho itself prints for `seeds/` (seeds/<file>.txt).
    assert_same_rows(&stdout(&direct), &out, &o);
}

#[test]
fn spark_jsonl_input_skips_bad_records_like_a_direct_run() {
    if let Some(why) = spark_missing() {
        crate::util::skip(
            "spark_jsonl_input_skips_bad_records_like_a_direct_run",
            &why,
        );
        return;
    }
    // Records from the seeds, with a broken line and a record without text among them.
    let dir = Dir::new("spark-jsonl");
    let mut input = String::new();
    let mut seeds: Vec<_> = std::fs::read_dir(root().join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    seeds.sort();
    for (i, p) in seeds.iter().enumerate() {
        let text = std::fs::read_to_string(p).unwrap();
        let id = p.file_name().unwrap().to_string_lossy().into_owned();
        input.push_str(&serde_json::json!({ "id": id, "text": text }).to_string());
        input.push('\n');
        if i == 0 {
            input.push_str("{\"id\": \"broken\", \"text\": \"no end\n\n");
            input.push_str("{\"id\": 42}\n");
        }
    }
    let corpus = dir.create("corpus.jsonl", &input);
    let corpus_arg = corpus.to_str().unwrap();
    let direct = run(saywho().args([
        "extract", "--input", "jsonl", "--format", "jsonl", corpus_arg,
    ]));
    assert!(direct.status.success(), "{}", stderr(&direct));
    let out = dir.path.join("out");
    let o = driver(&["--input", corpus_arg, "--partitions", "2"], &out);
    assert_same_rows(&stdout(&direct), &out, &o);
    // Bad records are named by their line in the input file, as a direct run names them.
    for line in [2, 4] {
        let name = format!("{corpus_arg}:{line}: skipped");
        assert!(stderr(&direct).contains(&name), "{}", stderr(&direct));
        assert!(stderr(&o).contains(&name), "{}", stderr(&o));
    }
}
