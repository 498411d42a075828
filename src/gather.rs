//! What `check` and `report` read: quote tables and articles → rows, and the texts their offsets
//! index into.
//!
//! In: paths (files, or directories walked for `*.txt`, `*.csv`, `*.jsonl` and Spark's `part-*`
//! files), a pattern set. Out: a [`Gathered`]: every row (read from a table, or extracted from an
//! article), and the text of each article the rows name, read as the pipeline reads it, so that
//! the rows' byte offsets index into it. Each table and article is reported to the caller as a
//! [`Processed`] (a table's bad rows as errors of their own), so that every input is named and
//! counted the way `extract` names and counts them.
//!
//! A table names articles by path. Their texts are read only from files under the paths given,
//! the table's own directory, or the extra roots the caller gives: a table is data, not a licence
//! to read any file it names (`/etc/passwd`, a FIFO).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::input::{self, Found, InputFormat, Item};
use crate::pattern::PatternSet;
use crate::pipeline::{ArticleResult, Extractor, Outcome, Processed};
use crate::table::{read_table, table_kind, QuoteRecord, TableKind};

/// Every row and the texts they index into.
#[derive(Debug, Default)]
pub struct Gathered {
    /// The rows, tables first in path order, then the articles extracted.
    pub records: Vec<QuoteRecord>,
    /// Article name → its text as the pipeline read it; empty when it could not be read or lies
    /// outside the roots.
    pub texts: HashMap<String, String>,
    /// Articles named in tables whose text was not read because they lie outside the roots.
    pub outside_roots: usize,
}

/// Whether `check` reads a file found in a directory: an article (`.txt`) or a table (`.csv`,
/// `.jsonl`, `part-*`).
pub fn wanted(p: &Path) -> bool {
    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
    let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
    matches!(ext, "txt" | "csv" | "jsonl") || name.starts_with("part-")
}

/// Reads the tables among `paths` and extracts the articles (`threads` at a time, 0 = all
/// cores), calling `report` with each table, article, bad row, skipped or unreadable path, in path
/// order (tables as they are read, then the articles); then reads the texts of the rows'
/// articles that lie under `paths`, a table's directory or `roots`.
pub fn gather(
    paths: &[PathBuf],
    roots: &[PathBuf],
    patterns: &PatternSet,
    threads: usize,
    mut report: impl FnMut(&Processed),
) -> Gathered {
    let mut out = Gathered::default();
    let mut articles = Vec::new();
    let mut table_dirs = Vec::new();
    let whole = |name: String, outcome: Outcome| Processed {
        name,
        outcome,
        continues: false,
    };
    for path in paths {
        for found in input::walk(path, &wanted) {
            let f = match found {
                Found::File { path, .. } => path,
                Found::Skipped { path, kind, reason } => {
                    report(&whole(
                        input::article_name(&path),
                        Outcome::Skipped { kind, reason },
                    ));
                    continue;
                }
                Found::Failed(e) => {
                    report(&whole(String::new(), Outcome::Failed(e)));
                    continue;
                }
            };
            match table_kind(&f, &read_head(&f)) {
                TableKind::Article => articles.push(Item::File(f)),
                kind => match read_table(&f, kind) {
                    Ok((rows, bad)) => {
                        // The articles of a table written next to them.
                        let dir = f.parent().filter(|d| !d.as_os_str().is_empty());
                        table_dirs.push(dir.unwrap_or(Path::new(".")).to_path_buf());
                        let bytes = std::fs::metadata(&f).map_or(0, |m| m.len() as usize);
                        let p = whole(
                            input::article_name(&f),
                            Outcome::Done(ArticleResult {
                                records: rows,
                                bytes,
                                ..ArticleResult::default()
                            }),
                        );
                        report(&p);
                        if let Outcome::Done(r) = p.outcome {
                            out.records.extend(r.records);
                        }
                        for e in bad {
                            report(&whole(input::article_name(&f), Outcome::Failed(e)));
                        }
                    }
                    Err(e) => report(&whole(input::article_name(&f), Outcome::Failed(e))),
                },
            }
        }
    }
    let _ = Extractor::new(patterns).run_with(
        articles,
        InputFormat::Text,
        threads,
        |p| p,
        |p| -> Result<(), ()> {
            report(&p);
            if let Outcome::Done(r) = p.outcome {
                out.records.extend(r.records);
            }
            Ok(())
        },
    );
    let roots: Vec<PathBuf> = paths
        .iter()
        .chain(roots)
        .chain(table_dirs.iter())
        .filter_map(|p| std::fs::canonicalize(p).ok())
        .collect();
    for r in &out.records {
        if out.texts.contains_key(&r.article) {
            continue;
        }
        let path = input::article_path(&r.article);
        let inside = std::fs::canonicalize(&path)
            .is_ok_and(|c| roots.iter().any(|root| c.starts_with(root)));
        if !inside {
            out.outside_roots += 1;
            out.texts.insert(r.article.clone(), String::new());
            continue;
        }
        // Read as the pipeline reads it (invalid bytes kept as U+001A).
        let text = input::read_regular(&path)
            .ok()
            .and_then(|b| crate::Article::from_bytes(r.article.clone(), b).ok())
            .map(|a| a.text)
            .unwrap_or_default();
        out.texts.insert(r.article.clone(), text);
    }
    out
}

/// The first bytes of a file, to tell a table from an article (a regular file only).
fn read_head(path: &Path) -> Vec<u8> {
    use std::io::Read;
    let mut buf = vec![0; 256];
    match input::open_regular(path).and_then(|mut f| f.read(&mut buf)) {
        Ok(n) => {
            buf.truncate(n);
            buf
        }
        Err(_) => Vec::new(),
    }
}
