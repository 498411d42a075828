//! The `saywho` binary: parses flags and hands them to [`cli::run`]. See `saywho --help`.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = cli::Args::parse();
    match cli::run(args) {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            // A closed pipe (`saywho extract … | head`) is a normal way to stop.
            if err.chain().any(|e| {
                e.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) || format!("{err:#}").contains("Broken pipe")
            {
                return ExitCode::SUCCESS;
            }
            eprintln!("saywho: {err:#}");
            ExitCode::from(2)
        }
    }
}
