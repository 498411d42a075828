//! `saywho completions SHELL`: a shell completion script, generated from the flags.

use clap::{Args, CommandFactory};
use clap_complete::Shell;

/// Print a completion script for a shell.
///
/// Generated from saywho's own flags (clap_complete), so it never falls behind them.
///
/// Examples:
///   saywho completions bash > ~/.local/share/bash-completion/completions/saywho
///   saywho completions zsh > ~/.zfunc/_saywho        (with fpath+=~/.zfunc before compinit)
///   saywho completions fish > ~/.config/fish/completions/saywho.fish
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    pub shell: Shell,
}

/// Runs `saywho completions`.
pub fn run(args: CompletionsArgs) -> anyhow::Result<u8> {
    let mut cmd = super::Args::command();
    let mut out = std::io::stdout().lock();
    clap_complete::generate(args.shell, &mut cmd, "saywho", &mut out);
    Ok(0)
}
