//! Flags and subcommands. Only `main.rs` uses this module; the library never sees clap types.

pub mod check;
pub mod completions;
pub mod eval;
pub mod extract;
pub mod man;
pub mod messages;
pub mod output_file;
pub mod patterns;
pub mod progress;
pub mod report;

use std::path::PathBuf;

use anyhow::Context;
use clap::{Parser, Subcommand};

/// saywho: who said what in news articles.
///
/// Finds every quotation, says who said it (full name, title, affiliation), and checks that a
/// speaker's title agrees from one article to the next.
///
/// Exit codes: 0 all inputs read; 1 bad usage (or a failed `patterns test`); 2 some inputs could
/// not be read (the rest was still processed) or a fatal error.
#[derive(Debug, Parser)]
#[command(name = "saywho", version, propagate_version = true)]
pub struct Args {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract every quote with its speaker into a table (CSV or JSON Lines).
    Extract(extract::ExtractArgs),
    /// Flag speakers whose titles differ between articles.
    Check(check::CheckArgs),
    /// Score extraction against gold annotations (the measures of tools/score.py).
    Eval(eval::EvalArgs),
    /// Work with the pattern set.
    #[command(subcommand)]
    Patterns(patterns::PatternsCommand),
    /// Write one HTML page to read the quotes and the title check in a browser.
    Report(report::ReportArgs),
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions(completions::CompletionsArgs),
    /// Print the manual page, or write one per subcommand into a directory.
    Man(man::ManArgs),
}

/// Loads the pattern set: `--patterns DIR`, or the one compiled into the binary.
pub fn load_patterns(dir: Option<&PathBuf>) -> anyhow::Result<saywho::PatternSet> {
    match dir {
        Some(d) => saywho::PatternSet::from_dir(d)
            .with_context(|| format!("loading patterns from {}", d.display())),
        None => saywho::PatternSet::embedded().context("loading the built-in patterns"),
    }
}

/// Runs a subcommand; returns the exit code.
pub fn run(args: Args) -> anyhow::Result<u8> {
    match args.command {
        Command::Extract(a) => extract::run(a),
        Command::Check(a) => check::run(a),
        Command::Eval(a) => eval::run(a),
        Command::Patterns(c) => patterns::run(c),
        Command::Report(a) => report::run(a),
        Command::Completions(a) => completions::run(a),
        Command::Man(a) => man::run(a),
    }
}
