//! `saywho man`: the manual pages, generated from the flags and their help.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use clap::{Args, CommandFactory};

/// Print the manual page (roff), or write one page per subcommand into a directory.
///
/// Generated from saywho's own flags and help (clap_mangen): saywho(1), and with --dir also
/// saywho-extract(1), saywho-check(1), saywho-report(1) and the others.
///
/// Examples:
///   saywho man | man -l -
///   saywho man --dir /usr/local/share/man/man1
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct ManArgs {
    /// Write saywho.1 and saywho-SUBCOMMAND.1 here instead of printing saywho(1).
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// Runs `saywho man`.
pub fn run(args: ManArgs) -> anyhow::Result<u8> {
    let cmd = super::Args::command();
    match args.dir {
        None => {
            let mut out = std::io::stdout().lock();
            clap_mangen::Man::new(cmd).render(&mut out)?;
            out.flush()?;
        }
        Some(dir) => {
            std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
            clap_mangen::generate_to(cmd, &dir)
                .with_context(|| format!("writing the pages into {}", dir.display()))?;
        }
    }
    Ok(0)
}
