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
