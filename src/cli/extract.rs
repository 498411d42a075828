//! `saywho extract`: the quotes table.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context;
use clap::{Args, ValueEnum};
use saywho::output::{encode_rows, Format, QuoteWriter};
use saywho::{Input, InputFormat, Outcome, Processed};

use super::messages::{self, errored, set_quiet, Summary};
use super::output_file;

/// Output formats on the command line.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum FormatArg {
    /// Comma-separated values with a header row.
    Csv,
    /// One JSON object per line.
    Jsonl,
}

/// Input formats on the command line.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum InputArg {
    /// Each file is one article (directories are walked for *.txt).
    Text,
    /// Each line is {"id": ..., "text": ...} (directories are walked for *.jsonl).
    Jsonl,
}

/// Extract every quote with its speaker, title and affiliation.
///
/// Writes one row per quotation: article, start, end (UTF-8 byte offsets of the quote's inner
/// text), quote, speaker, title, affiliation, cue, kind, method, rule, paragraph, mention,
/// title_start, title_end. Rows come in input order whatever the thread count.
///
/// Exit codes: 0 all inputs read; 1 bad usage; 2 some inputs could not be read (the rest was
/// still written); with --strict, warnings (invalid UTF-8, binary files skipped) also give 2.
///
/// Examples:
///   saywho extract seeds/
///   saywho extract --format jsonl -o quotes.jsonl articles/
///   cat article.txt | saywho extract -
///   saywho extract --input jsonl corpus.jsonl --stats > quotes.csv
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct ExtractArgs {
    /// Files, or directories walked recursively in sorted order; `-` reads standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Write the table here instead of standard output (`-` is standard output). FILE is
    /// replaced only when the run succeeds; it may not be an input or inside an input directory.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "csv")]
    pub format: FormatArg,
    /// Input format.
    #[arg(long, value_enum, default_value = "text")]
    pub input: InputArg,
    /// Worker threads (0 = all cores).
    #[arg(short = 'j', long, default_value_t = 0, value_name = "N")]
    pub threads: usize,
    /// Pattern directory (default: the set compiled into the binary).
    #[arg(long, value_name = "DIR")]
    pub patterns: Option<PathBuf>,
    /// Print bytes, time, MB/s, articles and rows on stderr at the end.
    #[arg(long)]
    pub stats: bool,
    /// Show a progress bar (default: when stderr is a terminal).
    #[arg(long, overrides_with = "no_progress")]
    pub progress: bool,
    /// Never show a progress bar.
    #[arg(long)]
    pub no_progress: bool,
    /// No warnings and no summary; errors are still printed.
    #[arg(short, long)]
    pub quiet: bool,
    /// Treat warnings (invalid UTF-8, skipped binary files, bad records) as errors: exit 2.
    #[arg(long)]
    pub strict: bool,
}

/// Runs `saywho extract`.
pub fn run(args: ExtractArgs) -> anyhow::Result<u8> {
    set_quiet(args.quiet);
    if let Err(e) = output_file::refuse_input(args.output.as_deref(), &args.paths) {
        eprintln!("saywho: {e}");
        return Ok(1);
    }
    let patterns = super::load_patterns(args.patterns.as_ref())?;
    let extractor = saywho::Extractor::new(&patterns);
    let inputs: Vec<Input> = args
        .paths
        .iter()
        .map(|p| {
            if p.as_os_str() == "-" {
                Input::Stdin
            } else {
                Input::Path(p.clone())
            }
        })
        .collect();
    let format = match args.format {
        FormatArg::Csv => Format::Csv,
        FormatArg::Jsonl => Format::Jsonl,
    };
    let input_format = match args.input {
        InputArg::Text => InputFormat::Text,
        InputArg::Jsonl => InputFormat::Jsonl,
    };
    let mut writer = QuoteWriter::new(output_file::Output::open(args.output.as_deref())?, format);
    let (items, total) = saywho::input::items(&inputs, input_format);
    let show_progress = !args.quiet
        && !args.no_progress
        && (args.progress || std::io::stderr().is_terminal())
        && !inputs.contains(&Input::Stdin);
    let bar = super::progress::Progress::new(show_progress, total);
    let started = Instant::now();
    let mut sum = Summary::default();
    // Rows are encoded on the threads that extract them; this one only copies their bytes.
    let encode = |mut p: Processed| {
        let rows = match &mut p.outcome {
            Outcome::Done(r) => {
                // (Taken here, the rows are also freed on the thread that made them.)
                let records = std::mem::take(&mut r.records);
                let mut bytes = Vec::new();
                encode_rows(format, &records, &mut bytes).map(|()| (bytes, records.len()))
            }
            _ => Ok((Vec::new(), 0)),
        };
        (p, rows)
    };
    let result = extractor.run_with(
        items,
        input_format,
        messages::threads(args.threads),
        encode,
        |(p, rows)| -> anyhow::Result<()> {
            if let Some(r) = sum.take(p, |f| bar.suspend(f)) {
                bar.inc(r.bytes as u64);
                let (bytes, n) = rows.context("writing the quotes table")?;
                sum.rows += n;
                writer
                    .write_encoded(&bytes)
                    .context("writing the quotes table")?;
            }
            Ok(())
        },
    );
    match result {
        Ok(()) => bar.finish(),
        Err(e) => {
            bar.abandon();
            return Err(e);
        }
    }
    writer
        .into_inner()
        .context("writing the quotes table")?
        .commit()?;
    let elapsed = started.elapsed().as_secs_f64();
    if args.stats {
        let mb = sum.bytes as f64 / 1e6;
        eprintln!(
            "saywho: stats: {} bytes ({mb:.2} MB) in {elapsed:.3} s = {:.1} MB/s; {} articles ({:.0}/s); {} rows ({:.0}/s)",
            sum.bytes,
            mb / elapsed.max(1e-9),
            sum.read,
            sum.read as f64 / elapsed.max(1e-9),
            sum.rows,
            sum.rows as f64 / elapsed.max(1e-9)
        );
    }
    sum.print("quotes");
    Ok(if errored() || (args.strict && sum.warnings > 0) {
        2
    } else {
        0
    })
}
