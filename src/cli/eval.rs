//! `saywho eval`: extraction scored against gold annotations.

use std::collections::HashMap;
use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use saywho::eval::{score, GoldQuote};
use saywho::pipeline::{Input, InputFormat, Outcome};

use super::messages::{err_message, errored};

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
}

/// Runs `saywho eval`.
pub fn run(args: EvalArgs) -> anyhow::Result<u8> {
    let patterns = super::load_patterns(args.patterns.as_ref())?;
    let gold_text = std::fs::read_to_string(&args.gold)
        .with_context(|| format!("reading {}", args.gold.display()))?;
    let mut gold = Vec::new();
    for (i, line) in gold_text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let g: GoldQuote = serde_json::from_str(line)
            .with_context(|| format!("{}:{}", args.gold.display(), i + 1))?;
        gold.push(g);
    }
    let inputs: Vec<Input> = args.paths.iter().map(|p| Input::Path(p.clone())).collect();
    let ex = saywho::Extractor::new(&patterns);
    let mut records = Vec::new();
    ex.run(
        &inputs,
        InputFormat::Text,
        args.threads,
        |p| -> Result<(), ()> {
            match p.outcome {
                Outcome::Done(r) => records.extend(r.records),
                Outcome::Skipped { reason } => {
                    super::messages::warn_message!("{}: skipped: {reason}", p.name)
                }
                Outcome::Failed(e) => err_message!("{e}"),
            }
            Ok(())
        },
    )
    .ok();
    // The texts of the gold articles, found by file name under the inputs.
    let wanted: std::collections::HashSet<&str> = gold.iter().map(|g| g.article.as_str()).collect();
    let mut texts = HashMap::new();
    for p in &args.paths {
        for f in files_under(p) {
            let Some(name) = f.file_name().and_then(|n| n.to_str()) else {
                continue;
            };
            if wanted.contains(name) && !texts.contains_key(name) {
                match std::fs::read_to_string(&f) {
                    Ok(t) => {
                        texts.insert(name.to_string(), t);
                    }
                    Err(e) => err_message!("{}: {e}", f.display()),
                }
            }
        }
    }
    for w in &wanted {
        if !texts.contains_key(*w) {
            err_message!("{w}: article of the gold file not found under the given paths");
        }
    }
    let (scores, errors) = score(&gold, &records, &texts);
    if args.json {
        println!("{}", serde_json::to_string(&scores)?);
    } else {
        let v = serde_json::to_value(&scores)?;
        for (k, val) in v.as_object().into_iter().flatten() {
            let shown = match val {
                serde_json::Value::Null => "None".to_string(),
                other => other.to_string(),
            };
            println!("{k:28} {shown}");
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
        println!(
            "- {}: {}: gold={:?} pred={:?} (rule {:?})\n    {}",
            e.kind,
            e.article,
            e.gold_speaker.as_deref().unwrap_or(""),
            pred.map_or("", |p| p.speaker.as_str()),
            pred.map_or("", |p| p.rule.as_str()),
            text[lo..hi].replace('\n', " ¶ ")
        );
    }
    Ok(if errored() { 2 } else { 0 })
}

fn files_under(p: &std::path::Path) -> Vec<PathBuf> {
    if p.is_file() {
        return vec![p.to_path_buf()];
    }
    let mut out = Vec::new();
    let mut stack = vec![p.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            let path = e.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}
