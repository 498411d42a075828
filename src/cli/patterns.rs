//! `saywho patterns test`: runs every example written in the pattern files.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use clap::Subcommand;

/// `saywho patterns …`
#[derive(Debug, Subcommand)]
pub enum PatternsCommand {
    /// Run every example and counterexample in the pattern files.
    ///
    /// Prints one block per failure (file:line, rule, the example, expected and got) and a closing
    /// line `N passed, M failed`. Exits 1 on any failure, 2 if the pattern files do not load.
    ///
    /// Examples:
    ///   saywho patterns test
    ///   saywho patterns test --patterns my-patterns/ cue.after -mention-verb
    #[command(verbatim_doc_comment)]
    Test {
        /// Pattern directory to test (default: the built-in set).
        #[arg(long, value_name = "DIR")]
        patterns: Option<PathBuf>,
        /// Also list the known misses (examples marked `todo = true`).
        #[arg(short, long)]
        verbose: bool,
        /// Only examples whose location contains one of these words (`-word` excludes).
        #[arg(allow_hyphen_values = true)]
        filter: Vec<String>,
    },
}

/// Runs the subcommand.
pub fn run(cmd: PatternsCommand) -> anyhow::Result<u8> {
    let PatternsCommand::Test {
        patterns,
        verbose,
        filter,
    } = cmd;
    let set = super::load_patterns(patterns.as_ref())?;
    let report = saywho::examples::run(&set, &filter);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    write_report(&mut out, &report, verbose)
        .and_then(|()| out.flush())
        .context("writing the report")?;
    Ok(if report.failures.is_empty() { 0 } else { 1 })
}

fn write_report(
    out: &mut impl Write,
    report: &saywho::examples::Report,
    verbose: bool,
) -> std::io::Result<()> {
    for f in &report.failures {
        writeln!(out, "~~~\n{f}")?;
    }
    if !report.failures.is_empty() {
        writeln!(out, "~~~")?;
    }
    if verbose {
        for t in &report.todo {
            writeln!(out, "todo (known miss): {t}")?;
        }
    }
    for t in &report.fixed_todo {
        writeln!(out, "fixed: {t} now passes; remove its `todo = true`")?;
    }
    let (passed, failed) = (report.passed, report.failures.len());
    if !report.todo.is_empty() {
        writeln!(
            out,
            "{} known misses (todo = true); -v lists them",
            report.todo.len()
        )?;
    }
    writeln!(out, "{passed} passed, {failed} failed")
}
