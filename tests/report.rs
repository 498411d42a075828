//! `saywho report` and `saywho check --format html` (the page, its escaping), `saywho completions`,
//! `saywho man`, and the check report's colour. See: issue #19.

use crate::util::{root, run, saywho, stderr, stdout, Dir};

/// Rows of the seeds, from the golden files (the page must show every one).
fn seed_rows() -> usize {
    let dir = root().join("tests/golden/seeds");
    let mut n = 0;
    for e in std::fs::read_dir(dir).unwrap() {
        let mut r = csv::Reader::from_path(e.unwrap().path()).unwrap();
        n += r.records().count();
    }
    n
}

fn report(args: &[&str]) -> String {
    let out = run(saywho().arg("report").args(args));
    assert!(out.status.success(), "{}", stderr(&out));
    stdout(&out)
}

#[test]
fn issue_19_report_of_the_seeds_marks_every_row() {
    let html = report(&["seeds/"]);
    let rows = seed_rows();
    assert!(rows > 30);
    // One table row per quote, one first mark per quote (continuation pieces carry no id), each
    // row linked to its mark and each mark to its row.
    assert_eq!(html.matches("<tr id=\"a").count(), rows);
    let first_marks = html
        .match_indices("<mark class=\"q k-")
        .filter(|&(i, _)| html[i..].split('>').next().unwrap().contains(" id=\""))
        .count();
    assert_eq!(first_marks, rows);
    assert_eq!(html.matches("<a class=\"qn\" href=\"#a").count(), rows);
    assert_eq!(html.matches("<td class=\"n\"><a href=\"#a").count(), rows);
    // Self-contained: no external resource of any kind.
    for external in ["src=", "<link", "@import", "url(", "http://", "https://"] {
        assert!(!html.contains(external), "{external} in the page");
    }
    assert!(html.contains("Duyeon Kim — adjunct senior fellow, Center for a New American Security"));
    assert!(html.starts_with("<!doctype html>"));
}

#[test]
fn issue_19_report_to_a_file_and_its_title() {
    let dir = Dir::new("report-file");
    let page = dir.path.join("out.html");
    let out = run(saywho()
        .args(["report", "--title", "Monday & <friends>", "-o"])
        .arg(&page)
        .arg("seeds/001_8b27149515194114.txt"));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains("<h1>Monday &#38; &#60;friends&#62;</h1>"));
    // An unreadable input is reported and the page still written, exit 2.
    let out = run(saywho()
        .args(["report", "-o"])
        .arg(&page)
        .args(["seeds/", "no/such/file.txt"]));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("no/such/file.txt"));
    assert!(std::fs::read_to_string(&page)
        .unwrap()
        .contains("Duyeon Kim"));
}

/// An article whose quotes carry markup: every piece of it must stay text.
pub const HOSTILE: &str = "Officials met on Monday.\n\n\
“<script>alert(1)</script> and <script>document.title='pwned'</script>,” said Eve Mallory, a \
spokeswoman for the <b>ministry</b>.\n\n\
“\"><img src=x onerror=alert(1)> is what we sent,” Mallory said. \
“'><img src=x onerror=\"document.title='pwned'\">,” she added.\n";

#[test]
fn issue_19_markup_in_an_article_stays_text() {
    let dir = Dir::new("report-hostile");
    let article = dir.create("<b>hostile</b>.txt", HOSTILE);
    let out = run(saywho().arg("report").arg(&article));
    assert!(out.status.success(), "{}", stderr(&out));
    let html = stdout(&out);
    for bad in [
        "<script>alert",
        "<script>document",
        "<img",
        "<b>ministry",
        "<b>hostile",
    ] {
        assert!(!html.contains(bad), "{bad} left unescaped");
    }
    assert_eq!(
        html.matches("<script").count(),
        1,
        "only the page's own script"
    );
    assert!(html.contains("&#60;script&#62;alert(1)&#60;/script&#62;"));
    assert!(html.contains("&#34;&#62;&#60;img src=x onerror=alert(1)&#62;"));
    assert!(html.contains("&#60;b&#62;hostile&#60;/b&#62;.txt"));
    // The quotes were found, and the speaker's title (with its markup) is in an attribute,
    // escaped there too.
    assert_eq!(html.matches("<tr id=\"a").count(), 3);
    assert!(html.contains("title=\"Eve Mallory — spokeswoman for the &#60;b&#62;ministry&#60;/b"));
}

#[test]
fn issue_19_check_format_html_shows_conflicts_first() {
    let out = run(saywho().args(["check", "--format", "html", "tests/data/check/"]));
    assert!(out.status.success(), "{}", stderr(&out));
    let html = stdout(&out);
    assert_eq!(
        html.matches("<article class=\"speaker v-conflict\"")
            .count(),
        4
    );
    assert_eq!(
        html.matches("<article class=\"speaker v-refinement\"")
            .count(),
        1
    );
    let conflict = html.find("v-conflict\"").unwrap();
    let refinement = html
        .find("<article class=\"speaker v-refinement\"")
        .unwrap();
    let consistent = html.find("<table class=\"consistent\"").unwrap();
    assert!(conflict < refinement && refinement < consistent);
    // Each side of a conflict shows its evidence sentence, the words that gave the title marked
    // and linked to their place in the article.
    let raman = &html[html.find("<h3>Priya Raman</h3>").unwrap()..];
    let raman = &raman[..raman.find("</article>").unwrap()];
    assert!(
        // The title's offsets cover the title alone (issue 18), not the organisation after it.
        raman.contains(">chief economist</a> at Halvorsen Bank"),
        "{raman}"
    );
    assert!(
        raman.contains("Halvorsen Bank <a class=\"given\" href=\"#a5-t-216-232\">senior economist</a> Priya Raman"),
        "{raman}"
    );
    assert!(raman.contains("said Priya Raman, "));
    for href in raman
        .match_indices("class=\"given\" href=\"#")
        .map(|(i, _)| &raman[i + 20..])
    {
        let id = &href[1..href.find('"').unwrap()];
        assert!(html.contains(&format!(" id=\"{id}\"")), "no target {id}");
    }
}

#[test]
fn issue_19_completions_for_each_shell() {
    for (shell, marker) in [
        ("bash", "complete -F _saywho"),
        ("zsh", "#compdef saywho"),
        ("fish", "complete -c saywho"),
    ] {
        let out = run(saywho().args(["completions", shell]));
        assert!(out.status.success(), "{shell}: {}", stderr(&out));
        let script = stdout(&out);
        assert!(script.contains(marker), "{shell}: {marker} missing");
        for word in ["extract", "check", "report", "fail-on-conflict"] {
            assert!(script.contains(word), "{shell}: {word} missing");
        }
    }
    let out = run(saywho().args(["completions", "tcsh"]));
    assert_eq!(out.status.code(), Some(1), "bad usage exits 1");
}

#[test]
fn issue_19_man_pages() {
    let out = run(saywho().arg("man"));
    assert!(out.status.success());
    let page = stdout(&out);
    assert!(page.contains(".TH saywho 1"));
    assert!(page.contains("report"));
    let dir = Dir::new("man");
    let out = run(saywho().args(["man", "--dir"]).arg(&dir.path));
    assert!(out.status.success(), "{}", stderr(&out));
    for name in [
        "saywho.1",
        "saywho-extract.1",
        "saywho-check.1",
        "saywho-report.1",
    ] {
        let p = dir.path.join(name);
        assert!(p.exists(), "{name} not written");
    }
    let check = std::fs::read_to_string(dir.path.join("saywho-check.1")).unwrap();
    assert!(check.contains("fail\\-on\\-conflict"));
}

#[test]
fn issue_19_check_colours_only_a_terminal() {
    let plain = |args: &[&str], env: &[(&str, &str)]| {
        let mut cmd = saywho();
        cmd.args(["check"]).args(args).arg("tests/data/check/");
        cmd.env_remove("NO_COLOR").env_remove("CLICOLOR_FORCE");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let out = run(&mut cmd);
        assert!(out.status.success(), "{}", stderr(&out));
        stdout(&out)
    };
    // Piped (as here): no escape codes, whatever NO_COLOR says.
    let piped = plain(&[], &[]);
    assert!(piped.contains("CONFLICT: Priya Raman"));
    assert!(!piped.contains('\x1b'), "escape codes in piped output");
    assert!(!plain(&[], &[("NO_COLOR", "1")]).contains('\x1b'));
    assert_eq!(
        plain(&["--color", "never"], &[("CLICOLOR_FORCE", "1")]),
        piped
    );
    // Asked for: colour, and the same text once the codes are taken out.
    let coloured = plain(&["--color", "always"], &[]);
    assert!(
        coloured.contains("\x1b[1m\x1b[31mCONFLICT\x1b[0m"),
        "{coloured:?}"
    );
    assert_eq!(strip_ansi(&coloured), piped);
    // As a terminal would get it, forced through the environment the auto mode reads.
    assert!(plain(&[], &[("CLICOLOR_FORCE", "1")]).contains('\x1b'));
    assert!(!plain(&[], &[("CLICOLOR_FORCE", "1"), ("NO_COLOR", "1")]).contains('\x1b'));
}

fn strip_ansi(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\x1b' {
            for d in chars.by_ref() {
                if d.is_ascii_alphabetic() {
                    break;
                }
            }
        } else {
            out.push(c);
        }
    }
    out
}
