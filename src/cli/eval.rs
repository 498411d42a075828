//! `saywho eval`: extraction scored against gold annotations.

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use saywho::eval::{read_gold, score};
use saywho::input::Item;
use saywho::{Input, InputFormat};

use super::messages::{self, err_message, errored, set_quiet, Summary};

/// Score extraction against gold annotations.
///
/// Extracts from the articles under PATH and scores the rows against GOLD (JSON Lines in the
/// format of tools/score.py: article, start, end as code-point offsets, quote, kind, speaker,
/// title, affiliation) with score.py's measures and rules: quote recall by kind, precision,
/// speaker accuracy strict and lenient, title and affiliation accuracy.
///
/// Examples:
///   saywho eval --gold gold_dev.jsonl polnear/original/dev/text
///   saywho eval --gold gold.jsonl --errors 20 articles/
///   saywho eval --json --gold gold.jsonl articles/ > scores.json
#[derive(Debug, Args)]
#[command(verbatim_doc_comment)]
pub struct EvalArgs {
    /// Gold quotes (JSON Lines).
    #[arg(long, value_name = "GOLD.jsonl")]
    pub gold: PathBuf,
    /// Article files or directories.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// List the first N misses, wrong speakers and spurious rows, with context.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub errors: usize,
    /// Print the figures as one JSON object.
    #[arg(long)]
    pub json: bool,
    /// Worker threads (0 = all cores).
    #[arg(short = 'j', long, default_value_t = 0, value_name = "N")]
    pub threads: usize,
    /// Pattern directory (default: the set compiled into the binary).
    #[arg(long, value_name = "DIR")]
    pub patterns: Option<PathBuf>,
    /// No warnings and no summary; errors are still printed.
    #[arg(short, long)]
    pub quiet: bool,
}

/// Runs `saywho eval`.
pub fn run(args: EvalArgs) -> anyhow::Result<u8> {
    set_quiet(args.quiet);
    let patterns = super::load_patterns(args.patterns.as_ref())?;
    let gold_text =
        std::fs::read(&args.gold).with_context(|| format!("reading {}", args.gold.display()))?;
    let gold_text = String::from_utf8_lossy(&gold_text);
    let (numbered, bad) = read_gold(&gold_text);
    for e in &bad {
        err_message!("{}:{}: {}", args.gold.display(), e.line, e.message);
    }
    let inputs: Vec<Input> = args.paths.iter().map(|p| Input::Path(p.clone())).collect();
    let (items, _) = saywho::input::items(&inputs, InputFormat::Text);
    // The texts of the gold articles, by file name, as extraction reads them.
    let wanted: HashSet<&str> = numbered.iter().map(|(_, g)| g.article.as_str()).collect();
    let mut texts = HashMap::new();
    for item in &items {
        let Item::File(f) = item else { continue };
        let Some(name) = f.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        if !wanted.contains(name) || texts.contains_key(name) {
            continue;
        }
        match saywho::input::read_regular(f) {
            Ok(bytes) => {
                if let Ok(a) = saywho::Article::from_bytes(name, bytes) {
                    texts.insert(name.to_string(), a.text);
                }
            }
            Err(e) => err_message!("{}: {e}", f.display()),
        }
    }
    let mut sum = Summary::default();
    let mut records = Vec::new();
    let ex = saywho::Extractor::new(&patterns);
    ex.run_with(
        items,
        InputFormat::Text,
        messages::threads(args.threads),
        |p| p,
        |p| -> Result<(), ()> {
            if let Some(r) = sum.take(p, |f| f()) {
                records.extend(r.records);
            }
            Ok(())
        },
    )
    .ok();
    for w in &wanted {
        if !texts.contains_key(*w) {
            err_message!("{w}: article of the gold file not found under the given paths");
        }
    }
    // Gold offsets must lie in their article (code points).
    let mut gold = Vec::with_capacity(numbered.len());
    for (line, g) in numbered {
        if let Some(t) = texts.get(&g.article) {
            let chars = t.chars().count();
            if g.end > chars {
                err_message!(
                    "{}:{line}: end {} is past the end of {} ({chars} characters)",
                    args.gold.display(),
                    g.end,
                    g.article
                );
                continue;
            }
        }
        gold.push(g);
    }
    let (scores, errors) = score(&gold, &records, &texts);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    write_scores(&mut out, &args, &scores, &errors, &texts).context("writing the scores")?;
    out.flush().context("writing the scores")?;
    sum.print("quotes");
    Ok(if errored() { 2 } else { 0 })
}

fn write_scores(
    out: &mut impl Write,
    args: &EvalArgs,
    scores: &saywho::eval::Scores,
    errors: &[saywho::eval::EvalError],
    texts: &HashMap<String, String>,
) -> std::io::Result<()> {
    if args.json {
        serde_json::to_writer(&mut *out, scores)?;
        writeln!(out)?;
    } else {
        let v = serde_json::to_value(scores)?;
        for (k, val) in v.as_object().into_iter().flatten() {
            let shown = match val {
                // No gold quote of that kind, or none with a title: nothing to measure.
                serde_json::Value::Null => "n/a".to_string(),
                other => other.to_string(),
            };
            writeln!(out, "{k:28} {shown}")?;
        }
    }
    for e in errors.iter().take(args.errors) {
        let pred = e.predicted.as_ref();
        let text = texts.get(&e.article).map(String::as_str).unwrap_or("");
        let at = e.at.min(text.len());
        let lo = (0..=at.saturating_sub(120))
            .rev()
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(0);
        let hi = (at + 200).min(text.len());
        let hi = (hi..=text.len())
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(text.len());
        writeln!(
            out,
            "- {}: {}: gold={:?} pred={:?} (rule {:?})\n    {}",
            e.kind,
            e.article,
            e.gold_speaker.as_deref().unwrap_or(""),
            pred.map_or("", |p| p.speaker.as_str()),
            pred.map_or("", |p| p.rule.as_str()),
            text[lo..hi].replace('\n', " ¶ ")
        )?;
    }
    Ok(())
}
