//! Test helpers: a temp dir per test and a way to run the `saywho` binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

static NEXT: AtomicUsize = AtomicUsize::new(0);

/// A fresh directory under the target dir, removed at the start of each run.
pub struct Dir {
    pub path: PathBuf,
}

impl Dir {
    pub fn new(name: &str) -> Dir {
        let n = NEXT.fetch_add(1, Ordering::SeqCst);
        let path =
            std::env::temp_dir().join(format!("saywho-test-{}-{name}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&path);
        std::fs::create_dir_all(&path).unwrap();
        Dir { path }
    }

    pub fn create(&self, name: &str, contents: &str) -> PathBuf {
        self.create_bytes(name, contents.as_bytes())
    }

    pub fn create_bytes(&self, name: &str, contents: &[u8]) -> PathBuf {
        let p = self.path.join(name);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(&p, contents).unwrap();
        p
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A `saywho` command run from the repository root.
pub fn saywho() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_saywho"));
    c.current_dir(root());
    c
}

/// Runs and returns the output, with stdin closed.
pub fn run(cmd: &mut Command) -> Output {
    cmd.stdin(std::process::Stdio::null())
        .output()
        .expect("run saywho")
}

/// Runs with `input` on stdin.
pub fn run_with_stdin(cmd: &mut Command, input: &[u8]) -> Output {
    use std::io::Write;
    let mut child = cmd
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn saywho");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Prints a line-by-line diff of two texts and panics when they differ.
pub fn assert_same_text(expected: &str, got: &str, what: &Path) {
    if expected == got {
        return;
    }
    let mut msg = format!(
        "{} differs (rewrite with SAYWHO_BLESS=1 after checking every changed row by hand):\n",
        what.display()
    );
    let e: Vec<&str> = expected.lines().collect();
    let g: Vec<&str> = got.lines().collect();
    for i in 0..e.len().max(g.len()) {
        match (e.get(i), g.get(i)) {
            (Some(a), Some(b)) if a == b => {}
            (a, b) => {
                msg.push_str(&format!(
                    "line {}:\n  - {}\n  + {}\n",
                    i + 1,
                    a.unwrap_or(&"<none>"),
                    b.unwrap_or(&"<none>")
                ));
            }
        }
    }
    panic!("{msg}");
}

/// `../shared/corpora`, when present.
pub fn corpora() -> Option<PathBuf> {
    let p = root().join("../shared/corpora");
    p.is_dir().then_some(p)
}

/// Says that `test` is skipped and why, on the terminal (past the harness's capture, which hides
/// what passing tests print) and in `target/tmp/skipped-tests.txt`, which `.ci/run` counts and
/// prints: a skip is never a silent pass.
pub fn skip(test: &str, reason: &str) {
    use std::io::Write;
    let line = format!("SKIPPED {test}: {reason}");
    let _ = writeln!(std::io::stderr(), "{line}");
    let list = Path::new(env!("CARGO_TARGET_TMPDIR")).join("skipped-tests.txt");
    if let Ok(mut f) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(list)
    {
        let _ = writeln!(f, "{line}");
    }
}
