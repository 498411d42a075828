//! The `saywho` binary: parses flags and hands them to [`cli::run`]. See `saywho --help`.

mod cli;

use std::process::ExitCode;

use clap::Parser;

/// mimalloc instead of the system allocator: the pipeline makes many small, short-lived
/// allocations (tokens, names, rows), and glibc's malloc and free took about 12% of the run.
/// mimalloc 2 without transparent huge pages (`no_thp`): version 3, or huge pages, hold on to
/// more memory (over 100 MB peak at -j2 against about 90 MB).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // Bad usage exits 1, as `--help` and the README say (clap's own default is 2, the code of
    // an input that could not be read); `--help` and `--version` exit 0.
    let args = match cli::Args::try_parse() {
        Ok(a) => a,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 1 } else { 0 });
        }
    };
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
