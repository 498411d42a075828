//! Command-line behaviour.

use crate::util::{run, run_with_stdin, saywho, stderr, stdout};

#[test]
fn output_is_identical_whatever_the_thread_count() {
    let one = run(saywho().args(["extract", "-j1", "seeds/"]));
    let four = run(saywho().args(["extract", "-j4", "seeds/"]));
    assert!(one.status.success());
    assert_eq!(one.stdout, four.stdout);
    assert!(stdout(&one).lines().count() > 30);
}

#[test]
fn stdin_reads_one_article() {
    let out = run_with_stdin(
        saywho().args(["extract", "-"]),
        "“We are ready,” said Jane Roe.".as_bytes(),
    );
    assert!(out.status.success());
    let s = stdout(&out);
    assert!(s.starts_with(
        "article,start,end,quote,speaker,title,affiliation,party,status,cue,kind,method,rule,\
         paragraph,mention,title_start,title_end,date\n"
    ));
    assert!(s.contains("-,3,16,\"We are ready,\",Jane Roe"), "{s}");
}

#[test]
fn jsonl_input_uses_record_ids() {
    let input = "{\"id\": \"a1\", \"text\": \"“Yes,” said Jane Roe.\"}\n{\"id\": 7, \"text\": \"no quotes\"}\n{\"bad json\n";
    let out = run_with_stdin(
        saywho().args(["extract", "--input", "jsonl", "--format", "jsonl", "-"]),
        input.as_bytes(),
    );
    let s = stdout(&out);
    assert!(s.contains("\"article\":\"a1\""), "{s}");
    assert!(stderr(&out).contains("-:3"), "{}", stderr(&out));
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn output_file_and_stats() {
    let dir = crate::util::Dir::new("out");
    let path = dir.path.join("q.csv");
    let out = run(saywho()
        .args(["extract", "--stats", "-o"])
        .arg(&path)
        .arg("seeds/"));
    assert!(out.status.success());
    assert!(stderr(&out).contains("MB/s"), "{}", stderr(&out));
    assert!(std::fs::read_to_string(&path).unwrap().lines().count() > 30);
}

/// Bad usage exits 1, as `--help` and the README say; `--help` and `--version` exit 0. See:
/// issues #16, #17.
#[test]
fn bad_usage_exits_1() {
    for args in [
        &["extract"][..],
        &["extract", "--format", "xml", "seeds/"],
        &["check"],
        &["eval", "seeds/"],
        &["no-such-command"],
        &["extract", "--threads", "many", "seeds/"],
    ] {
        let out = run(saywho().args(args));
        assert_eq!(out.status.code(), Some(1), "{args:?}: {}", stderr(&out));
        assert!(stderr(&out).contains("error:"), "{args:?}");
    }
    for args in [&["--help"][..], &["--version"], &["extract", "--help"]] {
        let out = run(saywho().args(args));
        assert_eq!(out.status.code(), Some(0), "{args:?}");
    }
    let help = stdout(&run(saywho().arg("--help")));
    assert!(help.contains("1 bad usage"), "{help}");
}

#[test]
fn closed_pipe_ends_quietly() {
    use std::io::Read;
    let mut child = saywho()
        .args(["extract", "seeds/", "seeds/", "seeds/", "seeds/"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 10];
    child
        .stdout
        .as_mut()
        .unwrap()
        .read_exact(&mut first)
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(out.status.code(), Some(0), "{err}");
}
