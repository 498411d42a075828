//! Bad input never panics and never loses data. See: issue #6.

use crate::util::{run, saywho, stderr, stdout, Dir};

/// A directory with every kind of bad input next to the seeds: the seeds' rows are all there and
/// equal to a run on the seeds alone, each problem is named, and the exit code says so.
#[test]
fn issue_6_bad_inputs_next_to_the_seeds() {
    let dir = Dir::new("bad");
    std::fs::create_dir_all(dir.path.join("seeds")).unwrap();
    for e in std::fs::read_dir(crate::util::root().join("seeds")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), dir.path.join("seeds").join(e.file_name())).unwrap();
    }
    dir.create_bytes(
        "bad/invalid-utf8.txt",
        b"\xff\xfe \"We are fine,\xc3\x28\" said Jane Roe.\n",
    );
    dir.create_bytes("bad/binary.txt", b"\x00\x01\x02\x03 binary \x00");
    dir.create("bad/empty.txt", "");
    dir.create(
        "bad/crlf.txt",
        "\u{feff}“One,” said Jane Roe.\r\n\r\n“Two,” she said.\rLone CR line.\r\n",
    );
    dir.create(
        "bad/unbalanced.txt",
        "He said “this never closes.\n\n“Fine,” said Jane Roe.\n",
    );
    let missing = dir.path.join("bad/missing.txt");

    let alone = run(saywho()
        .args(["extract", "--format", "jsonl"])
        .arg(dir.path.join("seeds")));
    let all = run(saywho()
        .args(["extract", "--format", "jsonl"])
        .arg(dir.path.join("seeds"))
        .arg(dir.path.join("bad"))
        .arg(&missing));
    assert_eq!(all.status.code(), Some(2), "{}", stderr(&all));
    let err = stderr(&all);
    assert!(err.contains("binary.txt: skipped: binary file"), "{err}");
    assert!(
        err.contains("invalid-utf8.txt: invalid UTF-8 at byte 0"),
        "{err}"
    );
    assert!(err.contains("missing.txt"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    let alone = stdout(&alone);
    let all = stdout(&all);
    assert!(
        all.starts_with(&alone),
        "the seeds' rows must come first and be unchanged"
    );
    // Every bad-but-readable file still gives its quotes, with offsets into the original bytes.
    for (file, quote) in [
        ("invalid-utf8.txt", "Jane Roe"),
        ("crlf.txt", "One,"),
        ("crlf.txt", "Two,"),
        ("unbalanced.txt", "Fine,"),
    ] {
        assert!(
            all.lines().any(|l| l.contains(file) && l.contains(quote)),
            "{file} {quote}\n{all}"
        );
    }
    let crlf = std::fs::read(dir.path.join("bad/crlf.txt")).unwrap();
    for line in all.lines().filter(|l| l.contains("crlf.txt")) {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        let (s, e) = (
            v["start"].as_u64().unwrap() as usize,
            v["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&crlf[s..e], v["quote"].as_str().unwrap().as_bytes());
    }
}

#[test]
fn strict_turns_warnings_into_exit_2() {
    let dir = Dir::new("strict");
    let p = dir.create_bytes("a.txt", b"caf\xe9 \"ok,\" said Jane Roe.");
    assert_eq!(run(saywho().arg("extract").arg(&p)).status.code(), Some(0));
    assert_eq!(
        run(saywho().args(["extract", "--strict"]).arg(&p))
            .status
            .code(),
        Some(2)
    );
}

#[test]
fn long_paragraph_with_many_quotes_and_stray_marks() {
    let dir = Dir::new("long");
    let mut s = String::new();
    for i in 0..20_000 {
        s.push_str(&format!("“Q{i},” said Jane Roe. "));
    }
    s.push_str("A stray “ mark with no end");
    let p = dir.create("long.txt", &s);
    let out = run(saywho().arg("extract").arg(&p));
    assert!(out.status.success());
    assert_eq!(stdout(&out).lines().count(), 1 + 20_000 + 1);
}

/// A write error (a full disk) is an error with a clear message and a non-zero exit.
#[test]
fn write_error_is_reported() {
    if !std::path::Path::new("/dev/full").exists() {
        crate::util::skip("write_error_is_reported", "/dev/full not found");
        return;
    }
    let out = run(saywho().args(["extract", "-o", "/dev/full", "seeds/"]));
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("writing") && err.contains("No space left"),
        "{err}"
    );
}

/// A 5 MB article that is one paragraph of quotes runs in linear time with no stack overflow.
#[test]
fn one_huge_paragraph() {
    let dir = Dir::new("huge");
    let unit =
        "“Yes,” said Jane Roe, a spokeswoman for the ministry, and then “no” and then 'maybe' ";
    let p = dir.create("huge.txt", &unit.repeat(5_000_000 / unit.len()));
    let out = run(saywho().arg("extract").arg(&p));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).lines().count() > 100_000);
}
