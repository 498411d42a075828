//! Messages on stderr and the exit codes.
//!
//! Exit codes (also in `saywho --help` and the README):
//! * 0: every input was read (for `check`: whatever it found, unless `--fail-on-conflict`);
//! * 1: bad usage; `patterns test` failures; conflicts under `check --fail-on-conflict`;
//! * 2: some inputs could not be read (the rest was still processed), or a fatal error;
//!   with `--strict`, warnings (invalid UTF-8, skipped binary files) count too.

use std::sync::atomic::{AtomicBool, Ordering};

static ERRORED: AtomicBool = AtomicBool::new(false);
static QUIET: AtomicBool = AtomicBool::new(false);

/// Prints a per-input error and remembers that one happened.
macro_rules! err_message {
    ($($tt:tt)*) => {{
        $crate::cli::messages::set_errored();
        eprintln!("saywho: {}", format!($($tt)*));
    }};
}

/// Prints a warning unless `--quiet`.
macro_rules! warn_message {
    ($($tt:tt)*) => {{
        if !$crate::cli::messages::quiet() {
            eprintln!("saywho: warning: {}", format!($($tt)*));
        }
    }};
}

pub(crate) use err_message;
pub(crate) use warn_message;

/// Marks the run as having an input error.
pub fn set_errored() {
    ERRORED.store(true, Ordering::SeqCst);
}

/// Whether any input error was reported.
pub fn errored() -> bool {
    ERRORED.load(Ordering::SeqCst)
}

/// Silences warnings.
pub fn set_quiet(yes: bool) {
    QUIET.store(yes, Ordering::SeqCst);
}

/// Whether warnings are silenced.
pub fn quiet() -> bool {
    QUIET.load(Ordering::SeqCst)
}

/// The counts behind the one-line summary that every run prints on stderr at its end (unless
/// `--quiet`): inputs read, inputs that could not be read, inputs skipped by kind, rows.
#[derive(Debug, Default)]
pub struct Summary {
    /// Articles read (a file read in pieces counts once).
    pub read: usize,
    /// Bytes read.
    pub bytes: usize,
    /// Rows found.
    pub rows: usize,
    /// Inputs that could not be read.
    pub failed: usize,
    /// Inputs skipped, by kind.
    pub skipped: std::collections::BTreeMap<&'static str, usize>,
    /// Warnings (skips and invalid UTF-8): errors under `--strict`.
    pub warnings: usize,
    /// The name of the last article warned about invalid UTF-8 (a file read in pieces is
    /// warned about once).
    warned: Option<String>,
}

impl Summary {
    /// Counts one processed input and prints its warning or error (through `suspend`, which
    /// hides a progress bar while it prints).
    pub fn note(&mut self, p: &saywho::Processed, suspend: impl Fn(&dyn Fn())) {
        use saywho::Outcome;
        match &p.outcome {
            Outcome::Done(r) => {
                self.read += usize::from(!p.continues);
                self.bytes += r.bytes;
                self.rows += r.records.len();
                if let Some(at) = r.invalid_utf8_at {
                    if self.warned.as_deref() != Some(p.name.as_str()) {
                        self.warnings += 1;
                        suspend(&|| {
                            warn_message!(
                                "{}: invalid UTF-8 at byte {at}; bad bytes treated as non-text",
                                p.name
                            )
                        });
                        self.warned = Some(p.name.clone());
                    }
                }
            }
            Outcome::Skipped { kind, reason } => {
                self.warnings += 1;
                *self.skipped.entry(kind.as_str()).or_default() += 1;
                suspend(&|| warn_message!("{}: skipped: {reason}", p.name));
            }
            Outcome::Failed(e) => {
                self.failed += 1;
                suspend(&|| err_message!("{e}"));
            }
        }
    }

    /// [`Summary::note`], giving back the input's rows when it was extracted.
    pub fn take(
        &mut self,
        p: saywho::Processed,
        suspend: impl Fn(&dyn Fn()),
    ) -> Option<saywho::ArticleResult> {
        self.note(&p, suspend);
        match p.outcome {
            saywho::Outcome::Done(r) => Some(r),
            _ => None,
        }
    }

    /// Prints the summary line, unless `--quiet`: `saywho: 4 read, 0 could not be read, 0
    /// skipped, 87 quotes`.
    pub fn print(&self, rows_are: &str) {
        if quiet() {
            return;
        }
        let skipped: Vec<String> = self
            .skipped
            .iter()
            .map(|(k, v)| format!("{v} {k}"))
            .collect();
        eprintln!(
            "saywho: {} read, {} could not be read, {} skipped{}, {} {rows_are}",
            self.read,
            self.failed,
            self.skipped.values().sum::<usize>(),
            if skipped.is_empty() {
                String::new()
            } else {
                format!(" ({})", skipped.join(", "))
            },
            self.rows
        );
    }
}

/// The thread count to use for `-j N`: N, cut to [`saywho::pipeline::MAX_THREADS`] with a
/// warning.
pub fn threads(n: usize) -> usize {
    let max = saywho::pipeline::MAX_THREADS;
    if n > max {
        warn_message!("-j {n} is more threads than can help; using {max}");
        return max;
    }
    n
}
