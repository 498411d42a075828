//! Nothing lost, nothing hangs: the output file, hostile paths, quadratic shapes, closed pipes and
//! full disks, for every subcommand. See: issue #16.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::{root, run, run_with_stdin, saywho, stderr, stdout, Dir};

/// Copies the seed articles into `dir/sub` and returns that path.
fn seeds_in(dir: &Dir, sub: &str) -> std::path::PathBuf {
    let to = dir.path.join(sub);
    std::fs::create_dir_all(&to).unwrap();
    for e in std::fs::read_dir(root().join("seeds")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
    }
    to
}

/// Runs `cmd`, killing it and failing the test if it runs longer than `limit` (a hang).
fn run_within(cmd: &mut Command, limit: Duration) -> std::process::Output {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    loop {
        if child.try_wait().unwrap().is_some() {
            return child.wait_with_output().unwrap();
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let out = child.wait_with_output().unwrap();
            panic!("still running after {limit:?} (a hang): {}", stderr(&out));
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// The temporary files a run left in `dir`.
fn leftovers(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".saywho-"))
        .collect()
}

#[test]
fn issue_16_output_that_is_an_input_is_refused() {
    let dir = Dir::new("o-input");
    let a = dir.create("a.txt", "“We are ready,” said Jane Roe.\n");
    let before = std::fs::read(&a).unwrap();
    let out = run(saywho().args(["extract", "-o"]).arg(&a).arg(&a));
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("also an input"), "{}", stderr(&out));
    assert_eq!(std::fs::read(&a).unwrap(), before, "the input was changed");
    // The same file through another spelling of its path.
    let other = dir.path.join(".").join("a.txt");
    let out = run(saywho().args(["extract", "-o"]).arg(&other).arg(&a));
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(std::fs::read(&a).unwrap(), before);
}

#[test]
fn issue_16_output_inside_an_input_directory_is_refused() {
    let dir = Dir::new("o-inside");
    let d = seeds_in(&dir, "d");
    let target = d.join("out.txt");
    let out = run(saywho().args(["extract", "-o"]).arg(&target).arg(&d));
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(!target.exists(), "nothing may be written");
    assert!(stderr(&out).contains("inside the input directory"));
    // check refuses the same way (-o comes with issue 18; the rule is the extract one).
}

#[test]
fn issue_16_dash_output_is_standard_output() {
    let dir = Dir::new("o-dash");
    let d = seeds_in(&dir, "d");
    let out = run(saywho()
        .current_dir(&dir.path)
        .args(["extract", "-o", "-"])
        .arg(&d));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).lines().count() > 30);
    assert!(!dir.path.join("-").exists(), "a file named - was written");
}

/// A run that fails part way (here: the file size limit, as a full disk would) leaves the old
/// output as it was and removes its temporary file.
#[test]
fn issue_16_failed_run_keeps_the_old_output() {
    let dir = Dir::new("o-fail");
    let old = dir.create("keep.csv", "the old table\n");
    let sh = format!(
        "trap '' XFSZ; ulimit -f 1; exec '{}' extract -o '{}' '{}'",
        env!("CARGO_BIN_EXE_saywho"),
        old.display(),
        root().join("seeds").display()
    );
    let out = run(Command::new("sh").arg("-c").arg(&sh));
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&old).unwrap(), "the old table\n");
    assert_eq!(leftovers(&dir.path), Vec::<String>::new());
}

/// SIGTERM in the middle of a run: the old output stays, the temporary file goes.
#[test]
fn issue_16_signal_keeps_the_old_output() {
    let dir = Dir::new("o-signal");
    let old = dir.create("keep.csv", "the old table\n");
    // Standard input that never ends keeps the run going until the signal.
    let mut child = saywho()
        .args(["extract", "-o"])
        .arg(&old)
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Held open until the run has ended: closing it would let the run end on its own.
    let stdin = child.stdin.take();
    let started = Instant::now();
    while leftovers(&dir.path).is_empty() {
        assert!(started.elapsed() < Duration::from_secs(20), "no temp file");
        std::thread::sleep(Duration::from_millis(10));
    }
    let kill = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(kill.success());
    let out = child.wait_with_output().unwrap();
    drop(stdin);
    assert!(!out.status.success(), "{:?}", out.status);
    assert_eq!(std::fs::read_to_string(&old).unwrap(), "the old table\n");
    assert_eq!(
        leftovers(&dir.path),
        Vec::<String>::new(),
        "{}",
        stderr(&out)
    );
}

/// The output replaces the old file only at the end, and keeps its permissions.
#[test]
fn issue_16_output_replaced_when_done() {
    let dir = Dir::new("o-done");
    let old = dir.create("q.csv", "old\n");
    let out = run(saywho().args(["extract", "-o"]).arg(&old).arg("seeds/"));
    assert!(out.status.success(), "{}", stderr(&out));
    let table = std::fs::read_to_string(&old).unwrap();
    assert!(table.starts_with("article,start,end"));
    assert_eq!(leftovers(&dir.path), Vec::<String>::new());
}

/// Two links back to the directory: each article once, a warning per loop, no hang.
#[cfg(unix)]
#[test]
fn issue_16_symlink_loops_give_each_article_once() {
    let dir = Dir::new("loop");
    let d = seeds_in(&dir, "d");
    std::os::unix::fs::symlink(".", d.join("l1")).unwrap();
    std::os::unix::fs::symlink(".", d.join("l2")).unwrap();
    // A link to a sibling directory reaches the same files again.
    let sub = seeds_in(&dir, "d/sub");
    std::os::unix::fs::symlink(&sub, d.join("again")).unwrap();
    for cmd in ["extract", "check"] {
        let out = run_within(
            saywho().args([cmd, "--format", "jsonl"]).arg(&d),
            Duration::from_secs(60),
        );
        assert_eq!(out.status.code(), Some(0), "{cmd}: {}", stderr(&out));
        let err = stderr(&out);
        assert_eq!(err.matches("symbolic link loop").count(), 2, "{cmd}: {err}");
        if cmd == "extract" {
            let s = stdout(&out);
            // Every seed article once under d/ and once under d/sub/ (a file of its own), and
            // never through the links.
            for e in std::fs::read_dir(root().join("seeds")).unwrap() {
                let name = e.unwrap().file_name().to_string_lossy().into_owned();
                let articles: std::collections::BTreeSet<String> = s
                    .lines()
                    .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
                    .map(|v| v["article"].as_str().unwrap().to_string())
                    .filter(|a| a.ends_with(&name))
                    .collect();
                assert_eq!(articles.len(), 2, "{name}: {articles:?}");
            }
            assert!(err.contains("the same file as"), "{err}");
        }
    }
}

/// A FIFO among the inputs is named and skipped, never opened (opening it would block).
#[cfg(unix)]
#[test]
fn issue_16_fifo_is_skipped_not_opened() {
    let dir = Dir::new("fifo");
    let d = seeds_in(&dir, "d");
    let fifo = d.join("zz.txt");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    for args in [vec!["extract"], vec!["check"]] {
        let out = run_within(
            saywho().args(&args).arg(&d).arg(&fifo),
            Duration::from_secs(60),
        );
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
        assert_eq!(
            err.matches("a FIFO, not a regular file").count(),
            2,
            "{err}"
        );
    }
    // eval reads the texts of the gold articles: the FIFO is not one it opens either.
    let gold = dir.create("gold.jsonl", "");
    let out = run_within(
        saywho().args(["eval", "--gold"]).arg(&gold).arg(&d),
        Duration::from_secs(60),
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

/// `check` quotes evidence only from files under the paths it was given (or the table's own
/// directory): a table naming another file does not make check read it.
#[test]
fn issue_16_check_reads_only_articles_under_its_roots() {
    let dir = Dir::new("roots");
    let secret = dir.create("outside/secret.txt", "TOP SECRET LINE\n");
    let header = "article,start,end,quote,speaker,title,affiliation,cue,kind,method,rule,paragraph,mention,title_start,title_end";
    let row = |art: &str, title: &str| {
        format!("{art},0,3,TOP,Jane Roe,{title},,said,direct,after-quote,r,1,Jane Roe,0,10")
    };
    let table = dir.create(
        "tables/t.csv",
        &format!(
            "{header}\n{}\n{}\n",
            row(&secret.display().to_string(), "mayor"),
            row("/etc/passwd", "governor")
        ),
    );
    let out = run(saywho().arg("check").arg(&table));
    assert!(out.status.success(), "{}", stderr(&out));
    let s = stdout(&out);
    assert!(s.contains("CONFLICT: Jane Roe"), "{s}");
    assert!(!s.contains("TOP SECRET"), "{s}");
    assert!(!s.contains("root:"), "{s}");
    assert!(stderr(&out).contains("not under the paths given"));
    // With the directory given as a root, the evidence is quoted.
    let out = run(saywho()
        .arg("check")
        .arg("--root")
        .arg(dir.path.join("outside"))
        .arg(&table));
    assert!(stdout(&out).contains("TOP SECRET LINE"), "{}", stdout(&out));
}

/// A bad row costs that row only, named by its line (CRLF tables too).
#[test]
fn issue_16_check_bad_row_costs_that_row() {
    let dir = Dir::new("badrow");
    let header = "article,start,end,quote,speaker,title,affiliation,cue,kind,method,rule,paragraph,mention,title_start,title_end";
    let good = |title: &str| {
        format!("a{title}.txt,0,3,x,Jane Roe,{title},,said,direct,after-quote,r,1,Jane Roe,,")
    };
    for eol in ["\n", "\r\n"] {
        let bad = "b.txt,zero,3,x,Jane Roe,mayor,,said,direct,after-quote,r,1,Jane Roe,,";
        let table = dir.create(
            "t.csv",
            &[header, &good("mayor"), bad, &good("governor"), ""].join(eol),
        );
        let out = run(saywho().args(["check", "--format", "jsonl"]).arg(&table));
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        let err = stderr(&out);
        assert!(err.contains("t.csv:3:"), "the bad row is line 3: {err}");
        // The rows around it are still compared.
        assert!(stdout(&out).contains("\"verdict\":\"conflict\""), "{eol:?}");
    }
}

/// A broken link inside a directory is named; the rest of the directory is still read.
#[cfg(unix)]
#[test]
fn issue_16_unreadable_entry_costs_that_entry() {
    let dir = Dir::new("broken");
    let d = seeds_in(&dir, "d");
    std::os::unix::fs::symlink("nowhere", d.join("gone")).unwrap();
    for cmd in ["extract", "check"] {
        let out = run(saywho().arg(cmd).arg(&d));
        assert_eq!(out.status.code(), Some(2), "{cmd}");
        assert!(stderr(&out).contains("gone"), "{cmd}: {}", stderr(&out));
        assert!(stdout(&out).lines().count() > 5, "{cmd}");
    }
}

/// File names that are not UTF-8 are kept byte for byte (escaped), and two such files never
/// share a name.
#[cfg(unix)]
#[test]
fn issue_16_non_utf8_file_names_kept_apart() {
    use std::os::unix::ffi::OsStrExt;
    let dir = Dir::new("names");
    let text = b"\xe2\x80\x9cWe are ready,\xe2\x80\x9d said Jane Roe.\n";
    for name in [&b"a\xff.txt"[..], b"a\xfe.txt"] {
        std::fs::write(dir.path.join(std::ffi::OsStr::from_bytes(name)), text).unwrap();
    }
    for format in ["csv", "jsonl"] {
        let out = run(saywho()
            .args(["extract", "--format", format])
            .arg(&dir.path));
        assert!(out.status.success());
        let s = stdout(&out);
        let names: Vec<String> = if format == "csv" {
            s.lines()
                .skip(1)
                .map(|l| l.split(',').next().unwrap().to_string())
                .collect()
        } else {
            s.lines()
                .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
                .map(|v| v["article"].as_str().unwrap().to_string())
                .collect()
        };
        assert_eq!(names.len(), 2, "{s}");
        assert!(names[0].ends_with("/a\\xFE.txt"), "{names:?}");
        assert!(names[1].ends_with("/a\\xFF.txt"), "{names:?}");
    }
}

#[test]
fn issue_16_jsonl_record_with_invalid_utf8_is_read() {
    let input =
        b"{\"id\": \"r1\", \"text\": \"\xe2\x80\x9cYes,\xe2\x80\x9d said Jane Roe. caf\xe9\"}\n";
    let out = run_with_stdin(
        saywho().args(["extract", "--input", "jsonl", "--format", "jsonl", "-"]),
        input,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("Jane Roe"), "{}", stdout(&out));
    assert!(
        stderr(&out).contains("r1: invalid UTF-8"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn issue_16_utf16_is_named_as_utf16() {
    let dir = Dir::new("utf16");
    let mut bytes = vec![0xFF, 0xFE];
    for u in "\"Yes,\" said Jane Roe.".encode_utf16() {
        bytes.extend(u.to_le_bytes());
    }
    let p = dir.create_bytes("u.txt", &bytes);
    let out = run(saywho().arg("extract").arg(&p));
    assert!(stderr(&out).contains("UTF-16LE text"), "{}", stderr(&out));
    assert!(stderr(&out).contains("1 UTF-16"), "{}", stderr(&out));
}

/// eval reads an article with invalid UTF-8 as extract does; a bad gold line costs that line
/// and is named.
#[test]
fn issue_16_eval_reads_what_extract_reads_and_names_bad_gold() {
    let dir = Dir::new("eval-bad");
    dir.create_bytes(
        "arts/a.txt",
        b"caf\xe9. \xe2\x80\x9cWe are ready,\xe2\x80\x9d said Jane Roe.\n",
    );
    let good = r#"{"article": "a.txt", "start": 7, "end": 21, "quote": "We are ready,", "kind": "direct", "speaker": "Jane Roe"}"#;
    let lines = [
        good,
        r#"{"article": "a.txt", "start": 9, "end": 3, "kind": "direct", "speaker": "X"}"#,
        r#"{"article": "a.txt", "start": 1, "end": 3, "kind": "loud", "speaker": "X"}"#,
        r#"{"article": "a.txt", "start": 1, "end": 99999, "kind": "direct", "speaker": "X"}"#,
        r#"{"article": "a.txt", "start": 1, "end": 99999999999999999999999, "kind": "direct"}"#,
        "not json",
    ];
    let gold = dir.create("gold.jsonl", &lines.join("\n"));
    let out = run(saywho()
        .args(["eval", "--json", "--gold"])
        .arg(&gold)
        .arg(dir.path.join("arts")));
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let err = stderr(&out);
    for line in 2..=6 {
        assert!(
            err.contains(&format!("gold.jsonl:{line}:")),
            "line {line}: {err}"
        );
    }
    assert!(!err.contains("gold.jsonl:1:"), "{err}");
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).unwrap();
    assert_eq!(v["gold_direct"], 1);
    assert_eq!(v["direct_speaker_acc_lenient"], 1.0);
}

/// Every subcommand: a full disk is a message and exit 2, a closed pipe a quiet exit 0; no
/// panic either way.
#[test]
fn issue_16_every_subcommand_handles_full_disk_and_closed_pipe() {
    let commands: [&[&str]; 5] = [
        &["extract", "seeds/", "seeds/", "seeds/"],
        &["check", "--all", "tests/data/check"],
        &[
            "eval",
            "--gold",
            "tests/data/eval/gold.jsonl",
            "tests/data/eval/articles",
        ],
        &["patterns", "test", "-v"],
        &["extract", "--format", "jsonl", "seeds/"],
    ];
    for args in commands {
        if Path::new("/dev/full").exists() {
            let full = std::fs::OpenOptions::new()
                .write(true)
                .open("/dev/full")
                .unwrap();
            let out = saywho()
                .args(args)
                .stdout(full)
                .stderr(Stdio::piped())
                .stdin(Stdio::null())
                .output()
                .unwrap();
            let err = stderr(&out);
            assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
            assert!(err.contains("No space left"), "{args:?}: {err}");
            assert!(!err.contains("panicked"), "{args:?}: {err}");
        }
        // A reader that closes at once.
        let mut child = saywho()
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let err = stderr(&out);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {err}");
    }
}

#[test]
fn issue_16_thread_count_is_capped() {
    let out = run_within(
        saywho().args(["extract", "-j", "100000", "seeds/"]),
        Duration::from_secs(60),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stderr(&out).contains("using 256"), "{}", stderr(&out));
    let one = run(saywho().args(["extract", "-j1", "seeds/"]));
    assert_eq!(out.stdout, one.stdout);
}

/// The summary line ends every run (extract, check, eval) unless --quiet.
#[test]
fn issue_16_summary_on_every_run() {
    for args in [
        vec!["extract", "seeds/"],
        vec!["check", "tests/data/check"],
        vec![
            "eval",
            "--gold",
            "tests/data/eval/gold.jsonl",
            "tests/data/eval/articles",
        ],
    ] {
        let out = run(saywho().args(&args));
        assert!(out.status.success());
        let err = stderr(&out);
        assert!(
            err.lines().last().is_some_and(|l| l.contains(" read, ")
                && l.contains("could not be read")
                && l.contains("quotes")),
            "{args:?}: {err}"
        );
        let quiet = run(saywho().args(&args).arg("--quiet"));
        assert_eq!(stderr(&quiet), "", "{args:?}");
    }
}

/// The run's time grows with the input, not with its square: 4 times the input costs less than 6
/// times the time (the best of three runs each, one after the other), for a one-paragraph file of
/// attributed quotes and for `"a" said Bob.` repeated (both were quadratic).
#[test]
fn issue_16_one_paragraph_inputs_run_in_linear_time() {
    let dir = Dir::new("linear");
    let shapes = [
        ("bob", "\"a\" said Bob. ".to_string()),
        (
            "para",
            "“Yes,” said Jane Roe, a spokeswoman for the ministry, and then “no” and then 'maybe' "
                .to_string(),
        ),
    ];
    for (name, unit) in shapes {
        let small = dir.create(&format!("{name}-1.txt"), &unit.repeat(400_000 / unit.len()));
        let large = dir.create(
            &format!("{name}-4.txt"),
            &unit.repeat(1_600_000 / unit.len()),
        );
        let best = |p: &Path| {
            (0..3)
                .map(|_| {
                    let t = Instant::now();
                    let out = run(saywho()
                        .args(["extract", "-q", "-j1", "-o", "/dev/null"])
                        .arg(p));
                    assert!(out.status.success());
                    t.elapsed().as_secs_f64()
                })
                .fold(f64::MAX, f64::min)
        };
        let (a, b) = (best(&small), best(&large));
        assert!(
            b < 6.0 * a,
            "{name}: {a:.3} s, then {b:.3} s for 4 times the input"
        );
    }
}

/// A file larger than a piece is read in pieces: rows keep their offsets into the file and their
/// paragraph numbers, and each piece's rows match the same text extracted alone.
#[test]
fn issue_16_large_file_rows_keep_file_offsets() {
    let dir = Dir::new("pieces");
    let para = "“We are ready,” said Jane Roe, a spokeswoman for the ministry.\n\nA plain line.\n";
    let text = para.repeat(3_000_000 / para.len());
    let p = dir.create("big.txt", &text);
    let out = run(saywho().args(["extract", "--format", "jsonl"]).arg(&p));
    assert!(out.status.success(), "{}", stderr(&out));
    let rows: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(rows.len(), text.matches('“').count());
    for (k, r) in rows.iter().enumerate() {
        let (s, e) = (
            r["start"].as_u64().unwrap() as usize,
            r["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[s..e], "We are ready,");
        assert_eq!(r["speaker"], "Jane Roe");
        // Paragraph k*2+1: every article paragraph is followed by a plain one.
        assert_eq!(r["paragraph"].as_u64().unwrap() as usize, 2 * k + 1);
    }
}
