//! Every example in patterns/, run by the same runner as `saywho patterns test`.
//! `SAYWHO_PATTERN_TEST=cue.after,-mention-verb` filters; `SAYWHO_PATTERN_TEST_VERBOSE=1` lists known misses.

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
    let report = saywho::examples::run(&set, &filter);
    if std::env::var_os("SAYWHO_PATTERN_TEST_VERBOSE").is_some() {
        for t in &report.todo {
            eprintln!("todo: {t}");
        }
    }
    let failures: Vec<String> = report.failures.iter().map(|f| f.to_string()).collect();
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

/// An example written under a rule that another rule answers fails the rule-id check: a rule that
/// never fires cannot hide behind examples another answers. See: issue #17.
#[test]
fn issue_17_example_answered_by_another_rule_fails() {
    let dir = Dir::new("patterns-rule-id");
    copy_dir(&crate::util::root().join("patterns"), &dir.path);
    let cues = dir.path.join("cues.toml");
    let text = std::fs::read_to_string(&cues).unwrap();
    // A mention-verb shape written under the verb-mention rule.
    let rule = text.find("id = \"cue.after.verb-mention\"").unwrap();
    let at = rule + text[rule..].find("\nexamples = [\n").unwrap() + "\nexamples = [\n".len();
    let wrong = format!(
        "{}  {{ text = '“We did everything by the book,” Olga Petrenko said.', speaker = \"Olga Petrenko\" }},\n{}",
        &text[..at],
        &text[at..]
    );
    std::fs::write(&cues, wrong).unwrap();
    let out = run(saywho()
        .args(["patterns", "test", "--patterns"])
        .arg(&dir.path));
    assert_eq!(out.status.code(), Some(1));
    let s = stdout(&out);
    assert!(
        s.contains(
            "expected rule \"cue.after.verb-mention\" to answer, got \"cue.after.mention-verb\""
        ),
        "{s}"
    );
}

/// The filter words of `--help`'s example select examples, `-word` excluding (a word starting
/// with a hyphen is a filter, not a flag).
#[test]
fn issue_17_filter_words_from_the_help_work() {
    let all = run(saywho().args(["patterns", "test"]));
    let some = run(saywho().args(["patterns", "test", "cue.after", "-mention-verb"]));
    assert_eq!(some.status.code(), Some(0));
    let count = |o: &std::process::Output| -> usize {
        let s = stdout(o);
        let last = s.lines().last().unwrap().to_string();
        last.split(' ').next().unwrap().parse().unwrap()
    };
    assert!(count(&some) > 5, "{}", stdout(&some));
    assert!(count(&some) < count(&all));
    let help = stdout(&run(saywho().args(["patterns", "test", "--help"])));
    assert!(help.contains("cue.after -mention-verb"), "{help}");
}

/// Word lists are found by file name: a new `lexicon/*.txt` can be used in a rule at once, a rule
/// naming a list that does not exist is an error naming it, and every list is checked even when
/// no rule uses it. See: issue #17.
#[test]
fn issue_17_lexicons_found_by_file_name() {
    let dir = Dir::new("patterns-new-lexicon");
    copy_dir(&crate::util::root().join("patterns"), &dir.path);
    std::fs::write(dir.path.join("lexicon/hollers.txt"), "hollered\nbellowed\n").unwrap();
    let cues = dir.path.join("cues.toml");
    let text = std::fs::read_to_string(&cues).unwrap();
    let rule = r#"
[[rule]]
id = "cue.after.holler"
at = "after-quote"
method = "after-quote"
regex = '^[\s,]*(?P<cue>{lexicon:hollers})[ \u00a0]+(?P<speaker>{name})'
examples = [
  { text = '“Get out of the road,” bellowed Mara Quint.', speaker = "Mara Quint", cue = "bellowed" },
]
counterexamples = [ '“Get out,” the sign bellowed.' ]
"#;
    // The new rule goes first, so that it answers its example.
    let at = text.find("\n[[rule]]\n").unwrap() + 1;
    std::fs::write(&cues, format!("{}{rule}\n{}", &text[..at], &text[at..])).unwrap();
    let out = run(saywho()
        .args(["patterns", "test", "--patterns"])
        .arg(&dir.path));
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    // A rule naming a list that is not there.
    let t = std::fs::read_to_string(&cues).unwrap();
    std::fs::write(&cues, t.replace("{lexicon:hollers}", "{lexicon:shouts}")).unwrap();
    let out = run(saywho()
        .args(["patterns", "test", "--patterns"])
        .arg(&dir.path));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        crate::util::stderr(&out).contains("lexicon/shouts.txt does not exist"),
        "{}",
        crate::util::stderr(&out)
    );
    // A list no rule uses is still checked.
    std::fs::write(&cues, t).unwrap();
    std::fs::write(dir.path.join("lexicon/unused.txt"), "same\nsame\n").unwrap();
    let out = run(saywho()
        .args(["patterns", "test", "--patterns"])
        .arg(&dir.path));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        crate::util::stderr(&out).contains("unused.txt:2: duplicate entry"),
        "{}",
        crate::util::stderr(&out)
    );
}
