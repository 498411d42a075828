//! `saywho report`: the quotes and the title check as one HTML page to read in a browser.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use saywho::consistency::SpeakerReport;
use saywho::QuoteRecord;

use super::check::{CheckArgs, CheckFormat, ColorWhen};
use super::messages::{errored, set_quiet, Summary};
use super::output_file::{self, Output};

/// Write one HTML page to read the quotes and the title check in a browser.
///
/// The page is one self-contained file (no network, no external assets): a summary and a
/// legend; every speaker with the titles each article gave them, conflicts first, side by side
/// with the sentence that gave each title; then each article's text with its quotes highlighted
/// by kind (direct, partial, scare), the speaker, title and affiliation on hover, and each quote
/// linked to its row in the article's table. Article text is shown as text, never as markup.
///
/// PATH: article files or directories (extracted first), or quote tables written by
/// `saywho extract` (.csv, .jsonl); a table's articles are shown when their files can still be
/// read at the paths the table names. Articles with no quote are left out.
///
/// Exit codes: 0 every input was read; 1 bad usage; 2 an input could not be read (the page is
/// still written) or the page could not be written.
///
/// Examples:
///   saywho report seeds/ -o report.html
///   saywho report --title "Monday's wires" monday/ -o monday.html
///   saywho extract --format jsonl -o quotes.jsonl articles/ && saywho report quotes.jsonl -o report.html
///   saywho check --format html articles/ > check.html      (only speakers in 2+ articles)
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct ReportArgs {
    /// Articles, directories, or quote tables.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Write the page here instead of standard output (`-` is standard output). FILE is
    /// replaced only when the run succeeds; it may not be an input or inside an input directory.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The page's heading (default: the command and its paths).
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
    /// Only speakers quoted in two articles or more (as `saywho check`); by default every speaker.
    #[arg(long)]
    pub recurring: bool,
    /// The articles' dates, as `saywho check --dates` reads them (a change of post between
    /// articles far apart in time is shown as a change, not a conflict).
    #[arg(long, value_name = "FILE")]
    pub dates: Vec<PathBuf>,
    /// Worker threads for extraction (0 = all cores).
    #[arg(short = 'j', long, default_value_t = 0, value_name = "N")]
    pub threads: usize,
    /// Pattern directory (default: the set compiled into the binary).
    #[arg(long, value_name = "DIR")]
    pub patterns: Option<PathBuf>,
    /// Articles named in tables are shown only when they lie under the PATHs given, the
    /// table's own directory, or this directory.
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// No warnings and no summary; errors are still printed.
    #[arg(short, long)]
    pub quiet: bool,
}

/// Runs `saywho report`.
pub fn run(args: ReportArgs) -> anyhow::Result<u8> {
    set_quiet(args.quiet);
    if let Err(e) = output_file::refuse_input(args.output.as_deref(), &args.paths) {
        eprintln!("saywho: {e}");
        return Ok(1);
    }
    let patterns = super::load_patterns(args.patterns.as_ref())?;
    // The inputs are read as `saywho check` reads them.
    let check = CheckArgs {
        paths: args.paths.clone(),
        format: CheckFormat::Html,
        output: None,
        speaker: None,
        dates: args.dates.clone(),
        all: !args.recurring,
        fail_on_conflict: false,
        color: ColorWhen::Never,
        threads: args.threads,
        patterns: args.patterns.clone(),
        root: args.root.clone(),
        quiet: args.quiet,
    };
    let mut options = match check.options() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("saywho: {e:#}");
            return Ok(2);
        }
    };
    // The page lists people; organisations and groups are left out as `saywho check` leaves
    // them out.
    options.include_groups = false;
    let mut sum = Summary::default();
    let (records, texts) = super::check::collect(&check, &patterns, &mut sum);
    let reports = saywho::consistency::check(&records, &texts, &patterns, &options);
    let title = args
        .title
        .clone()
        .unwrap_or_else(|| title_of("saywho report", &args.paths));
    let mut out = std::io::BufWriter::new(Output::open(args.output.as_deref())?);
    write_html(&mut out, &title, &records, &reports, &texts).context("writing the report")?;
    out.into_inner()
        .map_err(|e| e.into_error())
        .context("writing the report")?
        .commit()?;
    sum.print("quotes");
    Ok(if errored() { 2 } else { 0 })
}

/// A heading from the command and its paths: `saywho report seeds/`.
pub fn title_of(command: &str, paths: &[PathBuf]) -> String {
    let mut t = command.to_string();
    for p in paths {
        t.push(' ');
        t.push_str(&p.display().to_string());
    }
    t
}

/// Writes the page; `texts` are the rows' articles as the pipeline read them (so that the rows'
/// byte offsets index into them); an article without its text is listed without it.
pub fn write_html(
    out: &mut impl Write,
    title: &str,
    records: &[QuoteRecord],
    reports: &[SpeakerReport],
    texts: &std::collections::HashMap<String, String>,
) -> anyhow::Result<()> {
    let mut shown: Vec<(String, String)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for r in records {
        if !seen.insert(r.article.as_str()) {
            continue;
        }
        if let Some(t) = texts.get(&r.article).filter(|t| !t.is_empty()) {
            shown.push((r.article.clone(), t.clone()));
        }
    }
    let html = saywho::report::Report {
        title,
        texts: &shown,
        records,
        speakers: reports,
    }
    .render()?;
    out.write_all(html.as_bytes())?;
    Ok(())
}
