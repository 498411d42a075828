//! The HTML report in a real browser: headless Chromium (Debian's `chromium` package) opens the
//! page, a script appended to a copy of it checks the DOM the browser built, and `--dump-dom`
//! brings the verdict back. A screenshot of the seeds' page is saved under the target directory
//! (`report/seeds.png`) for a person to look at. See: issue #19.
//!
//! Without Chromium the tests skip with a message on the terminal (not captured by the test
//! harness); with `SAYWHO_REQUIRE_BROWSER=1` (set by .ci/run, which installs Chromium) a missing
//! browser fails them instead.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::{run, saywho, stderr, Dir};

/// The browser, or `None` after saying why the test is skipped.
fn chromium(test: &str) -> Option<PathBuf> {
    let found = std::env::var_os("SAYWHO_CHROMIUM")
        .map(PathBuf::from)
        .into_iter()
        .chain(
            ["chromium", "chromium-browser", "google-chrome"]
                .iter()
                .filter_map(|name| {
                    std::env::var_os("PATH").and_then(|paths| {
                        std::env::split_paths(&paths)
                            .map(|d| d.join(name))
                            .find(|p| p.is_file())
                    })
                }),
        )
        .find(|p| p.is_file());
    if found.is_none() {
        assert!(
            std::env::var_os("SAYWHO_REQUIRE_BROWSER").is_none(),
            "{test}: SAYWHO_REQUIRE_BROWSER is set but no chromium was found"
        );
        crate::util::skip(
            test,
            "chromium not found (apt-get install chromium; .ci/run installs it)",
        );
    }
    found
}

/// The target directory (`CARGO_TARGET_TMPDIR` is its `tmp/`).
fn target_dir() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("target/tmp has a parent")
        .to_path_buf()
}

/// Runs Chromium headless on `page` with `args`, and returns its stdout.
fn browse(browser: &Path, page: &Path, args: &[&str]) -> String {
    let profile = Dir::new("chromium-profile");
    // Output to files: a pipe left unread while waiting would fill and stall the browser.
    let stdout = profile.path.join("stdout");
    let stderr = profile.path.join("stderr");
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-quic",
            "--no-first-run",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.path.display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&stdout).unwrap())
        .stderr(std::fs::File::create(&stderr).unwrap())
        .spawn()
        .expect("start chromium");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for chromium") {
            break status;
        }
        if started.elapsed() > Duration::from_secs(45) {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "chromium took over 45 s on {} (a dialog left open by a script that ran?)",
                page.display()
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let read =
        |p: &Path| String::from_utf8_lossy(&std::fs::read(p).unwrap_or_default()).into_owned();
    assert!(status.success(), "chromium failed: {}", read(&stderr));
    read(&stdout)
}

/// Checks the page's DOM from inside the browser and writes what it found into a `<pre>`.
const DOM_CHECK: &str = r#"<script>
(function () {
  var out = [];
  var marks = document.querySelectorAll("mark.q[id]");
  var rows = document.querySelectorAll("table.rows tbody tr");
  out.push("marks " + marks.length, "rows " + rows.length);
  var mismatches = 0, unlinked = 0;
  marks.forEach(function (m) {
    var row = document.getElementById(m.getAttribute("data-row"));
    var want = row ? row.querySelector("td.quote").textContent : null;
    var got = m.textContent;
    document.querySelectorAll("mark.q.cont").forEach(function (c) {
      if (c.getAttribute("data-row") === m.getAttribute("data-row")) { got += c.textContent; }
    });
    if (got !== want) { mismatches++; out.push("mismatch " + m.id + " " + JSON.stringify(got) + " / " + JSON.stringify(want)); }
  });
  rows.forEach(function (r) {
    var a = r.querySelector("td.n a");
    var target = a && document.getElementById(a.getAttribute("href").slice(1));
    if (!target || target.getAttribute("data-row") !== r.id) { unlinked++; }
  });
  out.push("mismatches " + mismatches, "unlinked " + unlinked);
  out.push("scripts " + document.scripts.length, "images " + document.images.length);
  out.push("title " + document.title);
  out.push("first " + (marks.length ? marks[0].textContent : ""));
  var pre = document.createElement("pre");
  pre.id = "dom-check";
  pre.textContent = out.join("\n");
  document.body.appendChild(pre);
})();
</script>"#;

/// The report of `paths` as the browser sees it: the DOM check's lines, as `key value`.
fn dom_check(browser: &Path, paths: &[&Path], name: &str) -> Vec<(String, String)> {
    let dir = target_dir().join("report");
    std::fs::create_dir_all(&dir).unwrap();
    let page = dir.join(format!("{name}.html"));
    let out = run(saywho().arg("report").arg("-o").arg(&page).args(paths));
    assert!(out.status.success(), "{}", stderr(&out));
    let html = std::fs::read_to_string(&page).unwrap();
    let checked = dir.join(format!("{name}.dom-check.html"));
    std::fs::write(
        &checked,
        html.replace("</body>", &format!("{DOM_CHECK}\n</body>")),
    )
    .unwrap();
    let dom = browse(browser, &checked, &["--dump-dom"]);
    let start = dom
        .find("<pre id=\"dom-check\">")
        .unwrap_or_else(|| panic!("the DOM check did not run:\n{dom}"));
    let text = &dom[start + "<pre id=\"dom-check\">".len()..];
    let text = &text[..text.find("</pre>").unwrap()];
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
        .lines()
        .map(|l| {
            let (k, v) = l.split_once(' ').unwrap_or((l, ""));
            (k.to_string(), v.to_string())
        })
        .collect()
}

fn get<'a>(found: &'a [(String, String)], key: &str) -> &'a str {
    found
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
        .unwrap_or_else(|| panic!("{key} not reported: {found:?}"))
}

#[test]
fn issue_19_seeds_page_in_chromium() {
    let Some(browser) = chromium("issue_19_seeds_page_in_chromium") else {
        return;
    };
    let seeds = crate::util::root().join("seeds");
    let found = dom_check(&browser, &[&seeds], "seeds");
    let rows: usize = get(&found, "rows").parse().unwrap();
    assert!(rows > 30, "{found:?}");
    assert_eq!(get(&found, "marks"), rows.to_string(), "{found:?}");
    assert_eq!(get(&found, "mismatches"), "0", "{found:?}");
    assert_eq!(get(&found, "unlinked"), "0", "{found:?}");
    assert_eq!(get(&found, "first"), "turning point");
    assert_eq!(get(&found, "images"), "0");
    // The screenshot, for a person to review.
    let png = target_dir().join("report/seeds.png");
    let _ = std::fs::remove_file(&png);
    browse(
        &browser,
        &target_dir().join("report/seeds.html"),
        &[
            &format!("--screenshot={}", png.display()),
            "--window-size=1280,2000",
        ],
    );
    let bytes = std::fs::read(&png).expect("a screenshot");
    assert!(bytes.starts_with(b"\x89PNG") && bytes.len() > 50_000);
    let _ = writeln!(std::io::stderr(), "screenshot: {}", png.display());
}

#[test]
fn issue_19_markup_in_an_article_stays_text_in_chromium() {
    let Some(browser) = chromium("issue_19_markup_in_an_article_stays_text_in_chromium") else {
        return;
    };
    let dir = Dir::new("hostile-browser");
    let article = dir.create("hostile.txt", crate::report::HOSTILE);
    let found = dom_check(&browser, &[&article], "hostile");
    // Nothing ran and nothing was made an element: the page's script and the check's only, no
    // image, the title untouched; the quotes read back as the text they are.
    assert_eq!(get(&found, "scripts"), "2", "{found:?}");
    assert_eq!(get(&found, "images"), "0", "{found:?}");
    assert!(
        get(&found, "title").ends_with("· saywho report"),
        "{found:?}"
    );
    assert_eq!(get(&found, "marks"), "3", "{found:?}");
    assert_eq!(get(&found, "mismatches"), "0", "{found:?}");
    assert_eq!(
        get(&found, "first"),
        "<script>alert(1)</script> and <script>document.title='pwned'</script>,"
    );
}
