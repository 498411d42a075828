//! `saywho check`: speakers whose titles differ between articles.

use std::collections::HashMap;
use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use clap::{Args, ValueEnum};
use saywho::consistency::{SpeakerReport, Verdict};
use saywho::QuoteRecord;

use super::messages::{self, errored, set_quiet, warn_message, Summary};

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

/// Flag speakers whose titles or affiliations differ between articles.
///
/// Links each speaker across articles (Kim Jong Un = Kim Jong-un; Dr. Anil Varma = Anil Varma;
/// José = Jose), compares the titles and affiliations each article gives after normalising what
/// does not change meaning (case, US = U.S. = United States, CEO = chief executive officer,
/// Sen. = senator, word order, possessives, AWU = Aviation Workers Union), and gives a verdict per
/// speaker: conflict (a different post, a different organisation, former vs serving),
/// refinement (one form adds detail), or consistent. The rules are data in patterns/.
///
/// PATH: article files or directories (extracted first), or quote tables written earlier by
/// `saywho extract` (.csv, .jsonl, or extensionless part files such as Spark writes).
///
/// Exit codes: 0 it ran, whatever it found; 1 with --fail-on-conflict and a conflict found, or
/// bad usage; 2 an input could not be read.
///
/// Examples:
///   saywho check articles/
///   saywho extract --format jsonl -o monday.jsonl monday/ && saywho check monday.jsonl tuesday.jsonl
///   saywho check --format jsonl --all quotes/ > speakers.jsonl
///   saywho check --fail-on-conflict today/ || echo "titles disagree"
///   saywho check --format html articles/ > check.html
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct CheckArgs {
    /// Articles, directories, or quote tables.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Report format.
    #[arg(long, value_enum, default_value = "text")]
    pub format: CheckFormat,
    /// Also report speakers quoted in only one article.
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

/// Runs `saywho check`.
pub fn run(args: CheckArgs) -> anyhow::Result<u8> {
    set_quiet(args.quiet);
    let patterns = super::load_patterns(args.patterns.as_ref())?;
    let mut sum = Summary::default();
    let (records, texts) = collect(&args, &patterns, &mut sum);
    let reports = saywho::consistency::check(&records, &patterns, if args.all { 1 } else { 2 });
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        CheckFormat::Text => {
            let choice = match args.color {
                ColorWhen::Auto => anstream::AutoStream::choice(&std::io::stdout()),
                ColorWhen::Always => anstream::ColorChoice::Always,
                ColorWhen::Never => anstream::ColorChoice::Never,
            };
            let mut out = anstream::AutoStream::new(&mut out as &mut dyn Write, choice);
            write_text(&mut out, &reports, &texts).context("writing the report")?
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
        CheckFormat::Csv => {
            let mut w = csv::Writer::from_writer(&mut out);
            w.write_record([
                "speaker",
                "verdict",
                "reason",
                "article",
                "title",
                "affiliation",
                "start",
                "end",
            ])
            .context("writing the report")?;
            for r in &reports {
                for m in &r.mentions {
                    w.write_record([
                        r.speaker.as_str(),
                        r.verdict.as_str(),
                        r.reason.as_str(),
                        m.article.as_str(),
                        m.title.as_str(),
                        m.affiliation.as_str(),
                        &m.start.to_string(),
                        &m.end.to_string(),
                    ])
                    .context("writing the report")?;
                }
            }
            w.flush().context("writing the report")?;
        }
    }
    out.flush().context("writing the report")?;
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

/// The readable report: conflicts, then refinements, then (with --all) the rest.
fn write_text(
    out: &mut impl Write,
    reports: &[SpeakerReport],
    texts: &HashMap<String, String>,
) -> anyhow::Result<()> {
    use anstyle::{AnsiColor, Style};
    let bold = Style::new().bold();
    let dim = Style::new().dimmed();
    let count = |v: Verdict| reports.iter().filter(|r| r.verdict == v).count();
    writeln!(
        out,
        "{bold}{} speakers checked: {} conflict(s), {} refinement(s), {} consistent.{bold:#}\n",
        reports.len(),
        count(Verdict::Conflict),
        count(Verdict::Refinement),
        count(Verdict::Consistent)
    )?;
    for r in reports {
        let (label, style) = match r.verdict {
            Verdict::Conflict => ("CONFLICT", AnsiColor::Red.on_default().bold()),
            Verdict::Refinement => ("REFINEMENT", AnsiColor::Yellow.on_default().bold()),
            Verdict::Consistent => ("consistent", AnsiColor::Green.on_default()),
        };
        writeln!(out, "{style}{label}{style:#}: {bold}{}{bold:#}", r.speaker)?;
        writeln!(out, "  {}", r.reason)?;
        for m in &r.mentions {
            let form = match (m.title.is_empty(), m.affiliation.is_empty()) {
                (true, true) => "(no title given)".to_string(),
                (false, true) => m.title.clone(),
                (true, false) => format!("({})", m.affiliation),
                (false, false) => format!("{}, {}", m.title, m.affiliation),
            };
            writeln!(out, "  - {}: {form}", m.article)?;
            if let Some(s) = texts
                .get(&m.article)
                .and_then(|t| sentence_around(t, m.start, m.end))
            {
                writeln!(out, "      {dim}\"{s}\"{dim:#}")?;
            }
        }
        writeln!(out)?;
    }
    Ok(())
}

/// How far before and after a title the sentence quoted as evidence is looked for.
const SENTENCE_REACH: usize = 2000;

/// The largest char boundary of `s` at or below `i`.
fn floor_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The sentence (at most about 300 bytes of it) around `start..end`.
fn sentence_around(text: &str, start: usize, end: usize) -> Option<String> {
    if start > end
        || end > text.len()
        || !text.is_char_boundary(start)
        || !text.is_char_boundary(end)
    {
        return None;
    }
    // The line around the span, looked for within reach (a sentence is never longer), so that a
    // one-line article of many speakers is not scanned whole for each.
    let lo = floor_boundary(text, start.saturating_sub(SENTENCE_REACH));
    let hi = floor_boundary(text, end.saturating_add(SENTENCE_REACH));
    let line_start = text[lo..start].rfind('\n').map_or(lo, |i| lo + i + 1);
    let line_end = text[end..hi].find('\n').map_or(hi, |i| end + i);
    // Sentence ends: ". " after a word that is not an abbreviation ("U.S.", "Mr.", "St.").
    let is_end = |i: usize| {
        let word = text[line_start..i].rsplit(' ').next().unwrap_or("");
        word.len() > 3 && !word.contains('.')
    };
    let mut s = line_start;
    for (i, _) in text[line_start..start].match_indices(". ") {
        if is_end(line_start + i) {
            s = line_start + i + 2;
        }
    }
    let mut e = line_end;
    if let Some((i, _)) = text[end..line_end]
        .match_indices(". ")
        .find(|&(i, _)| is_end(end + i))
    {
        e = end + i + 1;
    }
    let mut out = text[s..e].trim().to_string();
    if out.len() > 300 {
        let cut = (0..=300)
            .rev()
            .find(|&i| out.is_char_boundary(i))
            .unwrap_or(0);
        out.truncate(cut);
        out.push('…');
    }
    Some(out)
}
