//! `saywho check`: speakers whose titles differ between articles.

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use clap::{Args, ValueEnum};
use saywho::consistency::{CheckOptions, Dates, SpeakerReport, Verdict};
use saywho::QuoteRecord;

use super::messages::{self, errored, set_quiet, warn_message, Summary};
use super::output_file::{self, Output};

/// Report formats.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum CheckFormat {
    /// A readable report, conflicts first.
    Text,
    /// One JSON object per speaker.
    Jsonl,
    /// One row per speaker and article.
    Csv,
    /// One self-contained HTML page: the articles with their quotes highlighted, the speakers'
    /// titles side by side (as `saywho report`).
    Html,
}

/// When the text report is coloured.
#[derive(Clone, Copy, Debug, ValueEnum)]
pub enum ColorWhen {
    /// When stdout is a terminal and NO_COLOR is not set.
    Auto,
    /// Always (even piped, even with NO_COLOR).
    Always,
    /// Never.
    Never,
}

/// Flag speakers whose titles, affiliations or parties differ between articles.
///
/// Links each speaker across articles (Kim Jong Un = Kim Jong-un; Dr. Anil Varma = Anil Varma;
/// José = Jose), compares the descriptions each article gives (the post, the organisation, the
/// party, the status: former, then-, acting, -elect) after normalising what does not change
/// meaning (case, US = U.S. = United States, CEO = chief executive officer, Sen. = senator, Tory =
/// Conservative, word order, possessives, AWU = Aviation Workers Union), and gives a verdict per
/// person:
///   conflict    descriptions that cannot both be true at once: another post or rank at the same
///               organisation, the same post at another, another party, former against serving
///   changed     the same, between articles dated more than a month apart: the post changed
///   refinement  one description adds detail to the other
///   consistent  the same description, however written, in at least two articles (or posts one
///               person holds at once: a senator who chairs a committee)
///   unverified  fewer than two articles describe the speaker: nothing was compared
/// Organisations, places and groups are not checked. The rules are data in patterns/.
///
/// Dates come from --dates, a JSON Lines input's "date" field, or a date written in an article's
/// first lines ("March 1, 2017").
///
/// PATH: article files or directories (extracted first), or quote tables written earlier by
/// `saywho extract` (.csv, .jsonl, or extensionless part files such as Spark writes).
///
/// Exit codes: 0 it ran, whatever it found; 1 with --fail-on-conflict and a conflict found, or
/// bad usage; 2 an input (or the --dates table) could not be read.
///
/// Examples:
///   saywho check articles/
///   saywho check --speaker "Andrew McCabe" articles/
///   saywho extract --format jsonl -o monday.jsonl monday/ && saywho check monday.jsonl tuesday.jsonl
///   saywho check --dates dates.csv --format jsonl -o speakers.jsonl articles/
///   saywho check --fail-on-conflict today/ || echo "titles disagree"
///   saywho check --format html -o check.html articles/
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct CheckArgs {
    /// Articles, directories, or quote tables.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Report format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: CheckFormat,
    /// Write the report to FILE (atomically: all of it or nothing) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Only this speaker (any spelling of the name: "Kim Jong-un", "kim jong un").
    #[arg(long, value_name = "NAME")]
    pub speaker: Option<String>,
    /// The articles' dates: a CSV or TSV of article (path, file name or stem) and date
    /// (2017-03-01, 2017-03, "March 1, 2017"); with a header, its columns "article" (or "path",
    /// "file", "filename", "id", "name") and "date" (or one ending in "date").
    /// May be given more than once.
    #[arg(long, value_name = "FILE")]
    pub dates: Vec<PathBuf>,
    /// Also report speakers quoted in only one article, and organisations and groups apart.
    #[arg(long)]
    pub all: bool,
    /// Exit 1 when a conflict is found.
    #[arg(long)]
    pub fail_on_conflict: bool,
    /// Colour the text report: auto (a terminal, unless NO_COLOR is set), always, never.
    #[arg(long, value_enum, default_value = "auto", value_name = "WHEN")]
    pub color: ColorWhen,
    /// Worker threads for extraction (0 = all cores).
    #[arg(short = 'j', long, default_value_t = 0, value_name = "N")]
    pub threads: usize,
    /// Pattern directory (default: the set compiled into the binary).
    #[arg(long, value_name = "DIR")]
    pub patterns: Option<PathBuf>,
    /// Evidence sentences are quoted from the articles a table names only when they lie under
    /// the PATHs given, the table's own directory, or this directory.
    #[arg(long, value_name = "DIR")]
    pub root: Option<PathBuf>,
    /// No warnings and no summary; errors are still printed.
    #[arg(short, long)]
    pub quiet: bool,
}

impl CheckArgs {
    /// The check's options: which speakers, and the dates of `--dates` (an unreadable or bad
    /// table is an error naming it and its line).
    pub fn options(&self) -> anyhow::Result<CheckOptions> {
        let mut options = CheckOptions {
            min_articles: if self.all { 1 } else { 2 },
            speaker: self.speaker.clone(),
            include_groups: self.all,
            ..CheckOptions::default()
        };
        for path in &self.dates {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("reading the dates {}", path.display()))?;
            let (dates, problems) =
                Dates::read(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))?;
            for p in &problems {
                warn_message!("{}: {p} (that article's date is not known)", path.display());
            }
            options.dates.extend(dates);
        }
        Ok(options)
    }
}

/// Runs `saywho check`.
pub fn run(args: CheckArgs) -> anyhow::Result<u8> {
    set_quiet(args.quiet);
    if let Err(e) = output_file::refuse_input(args.output.as_deref(), &args.paths) {
        eprintln!("saywho: {e}");
        return Ok(1);
    }
    let patterns = super::load_patterns(args.patterns.as_ref())?;
    let options = match args.options() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("saywho: {e:#}");
            return Ok(2);
        }
    };
    let mut sum = Summary::default();
    let (records, texts) = collect(&args, &patterns, &mut sum);
    let reports = saywho::consistency::check(&records, &texts, &patterns, &options);
    if reports.is_empty() {
        if let Some(name) = &args.speaker {
            warn_message!("no speaker named {name:?} is quoted in the articles checked");
        }
    }
    let to_file = args.output.as_deref().is_some_and(|p| p.as_os_str() != "-");
    let mut out = std::io::BufWriter::new(Output::open(args.output.as_deref())?);
    match args.format {
        CheckFormat::Text => {
            let choice = match args.color {
                ColorWhen::Auto if to_file => anstream::ColorChoice::Never,
                ColorWhen::Auto => anstream::AutoStream::choice(&std::io::stdout()),
                ColorWhen::Always => anstream::ColorChoice::Always,
                ColorWhen::Never => anstream::ColorChoice::Never,
            };
            let mut out = anstream::AutoStream::new(&mut out as &mut dyn Write, choice);
            write_text(&mut out, &reports).context("writing the report")?
        }
        CheckFormat::Html => {
            let title = super::report::title_of("saywho check", &args.paths);
            super::report::write_html(&mut out, &title, &records, &reports, &texts)
                .context("writing the report")?
        }
        CheckFormat::Jsonl => {
            for r in &reports {
                serde_json::to_writer(&mut out, r).context("writing the report")?;
                out.write_all(b"\n").context("writing the report")?;
            }
        }
        CheckFormat::Csv => write_csv(&mut out, &reports).context("writing the report")?,
    }
    out.into_inner()
        .map_err(|e| e.into_error())
        .context("writing the report")?
        .commit()?;
    sum.print("quotes");
    let conflicts = reports.iter().any(|r| r.verdict == Verdict::Conflict);
    Ok(if errored() {
        2
    } else if args.fail_on_conflict && conflicts {
        1
    } else {
        0
    })
}

/// Reads tables and extracts articles ([`saywho::gather`]), naming and counting every input;
/// returns all rows and the texts of the articles read.
pub(super) fn collect(
    args: &CheckArgs,
    patterns: &saywho::PatternSet,
    sum: &mut Summary,
) -> (Vec<QuoteRecord>, HashMap<String, String>) {
    let got = saywho::gather::gather(
        &args.paths,
        args.root.as_slice(),
        patterns,
        messages::threads(args.threads),
        |p| sum.note(p, |f| f()),
    );
    if got.outside_roots > 0 {
        warn_message!(
            "{} article(s) named in the tables are not under the paths given (or --root): \
             their sentences are not quoted",
            got.outside_roots
        );
    }
    (got.records, got.texts)
}

/// The CSV report: one row per speaker and article.
fn write_csv(out: &mut impl Write, reports: &[SpeakerReport]) -> anyhow::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "speaker",
        "verdict",
        "reason",
        "article",
        "date",
        "title",
        "affiliation",
        "party",
        "status",
        "start",
        "end",
        "evidence",
    ])?;
    for r in reports {
        for m in &r.mentions {
            w.write_record([
                r.speaker.as_str(),
                r.verdict.as_str(),
                r.reason.as_str(),
                m.article.as_str(),
                m.date.as_str(),
                m.title.as_str(),
                m.affiliation.as_str(),
                m.party.as_str(),
                m.status.as_str(),
                &m.start.to_string(),
                &m.end.to_string(),
                m.evidence.as_str(),
            ])?;
        }
    }
    w.flush()?;
    Ok(())
}

/// How many article names a description lists before "and N more".
const ARTICLES_SHOWN: usize = 3;

/// The readable report: conflicts, changes, refinements, consistent speakers, each with every
/// distinct description once (its articles and the sentence that gives it); then the unverified
/// speakers, one line each.
fn write_text(out: &mut impl Write, reports: &[SpeakerReport]) -> anyhow::Result<()> {
    use anstyle::{AnsiColor, Style};
    let bold = Style::new().bold();
    let dim = Style::new().dimmed();
    let count = |v: Verdict| reports.iter().filter(|r| r.verdict == v).count();
    writeln!(
        out,
        "{bold}{} speakers checked: {} conflict(s), {} changed, {} refinement(s), {} consistent, \
         {} unverified.{bold:#}\n",
        reports.len(),
        count(Verdict::Conflict),
        count(Verdict::Changed),
        count(Verdict::Refinement),
        count(Verdict::Consistent),
        count(Verdict::Unverified),
    )?;
    for r in reports.iter().filter(|r| r.verdict != Verdict::Unverified) {
        let (label, style) = match r.verdict {
            Verdict::Conflict => ("CONFLICT", AnsiColor::Red.on_default().bold()),
            Verdict::Changed => ("CHANGED", AnsiColor::Cyan.on_default().bold()),
            Verdict::Refinement => ("REFINEMENT", AnsiColor::Yellow.on_default().bold()),
            Verdict::Consistent | Verdict::Unverified => {
                ("consistent", AnsiColor::Green.on_default())
            }
        };
        writeln!(out, "{style}{label}{style:#}: {bold}{}{bold:#}", r.speaker)?;
        writeln!(out, "  {}", r.reason)?;
        for d in &r.descriptions {
            writeln!(out, "  - {}: {}", d.form(), articles(&d.articles))?;
            if !d.evidence.is_empty() {
                writeln!(out, "      {dim}\"{}\"{dim:#}", d.evidence)?;
            }
        }
        let bare: Vec<String> = r
            .mentions
            .iter()
            .filter(|m| !m.describes())
            .map(|m| m.article.clone())
            .collect();
        if !bare.is_empty() {
            writeln!(out, "  - no title: {}", articles(&bare))?;
        }
        writeln!(out)?;
    }
    let unverified: Vec<&SpeakerReport> = reports
        .iter()
        .filter(|r| r.verdict == Verdict::Unverified)
        .collect();
    if !unverified.is_empty() {
        writeln!(
            out,
            "{bold}Unverified{bold:#} (fewer than two articles describe them):"
        )?;
        for r in unverified {
            let given = r
                .descriptions
                .first()
                .map_or_else(|| "no title".to_string(), |d| d.form());
            writeln!(
                out,
                "  {}: {given}; quoted in {} article(s)",
                r.speaker,
                r.mentions.len()
            )?;
        }
    }
    Ok(())
}

/// Article names as the text report lists them: the first few, then how many more.
fn articles(names: &[String]) -> String {
    let shown = names
        .iter()
        .take(ARTICLES_SHOWN)
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(", ");
    match names.len() {
        n if n > ARTICLES_SHOWN => format!("{shown} and {} more", n - ARTICLES_SHOWN),
        _ => shown,
    }
}
