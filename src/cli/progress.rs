//! The progress bar: indicatif on stderr, only when a person is watching.

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use saywho::pipeline::{Input, InputFormat};

/// A progress bar over input bytes, or nothing.
pub struct Progress(Option<ProgressBar>);

impl Progress {
    /// A bar sized to the inputs' total bytes when `show`, else a no-op.
    pub fn new(show: bool, inputs: &[Input], _format: InputFormat) -> Progress {
        if !show {
            return Progress(None);
        }
        let total: u64 = inputs
            .iter()
            .map(|i| match i {
                Input::Path(p) => dir_size(p),
                Input::Stdin => 0,
            })
            .sum();
        let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr_with_hz(5));
        bar.set_style(
            ProgressStyle::with_template("{spinner} [{elapsed_precise}] {wide_bar} {binary_bytes}/{binary_total_bytes} ({binary_bytes_per_sec}, {eta})")
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
        );
        Progress(Some(bar))
    }

    /// Adds `n` bytes done.
    pub fn inc(&self, n: u64) {
        if let Some(b) = &self.0 {
            b.inc(n);
        }
    }

    /// Runs `f` with the bar hidden, so messages do not tear it.
    pub fn suspend<R>(&self, f: impl FnOnce() -> R) -> R {
        match &self.0 {
            Some(b) => b.suspend(f),
            None => f(),
        }
    }

    /// Finishes the bar.
    pub fn finish(&self) {
        if let Some(b) = &self.0 {
            b.finish_and_clear();
        }
    }

    /// Leaves the bar where it stopped.
    pub fn abandon(&self) {
        if let Some(b) = &self.0 {
            b.abandon();
        }
    }
}

fn dir_size(p: &std::path::Path) -> u64 {
    match std::fs::metadata(p) {
        Ok(m) if m.is_dir() => std::fs::read_dir(p)
            .map(|rd| rd.filter_map(Result::ok).map(|e| dir_size(&e.path())).sum())
            .unwrap_or(0),
        Ok(m) => m.len(),
        Err(_) => 0,
    }
}
