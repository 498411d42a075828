//! Stage 6, **tabulate**: the row type of the quotes table.
//!
//! In: a quote and its speaker. Out: a [`QuoteRecord`], serialised by [`crate::output`] with the
//! columns in this fixed order:
//!
//! | column | meaning |
//! |---|---|
//! | `article` | the path as found, or the JSON Lines record id |
//! | `start`, `end` | UTF-8 byte offsets of the quote's inner text (without marks) in the input |
//! | `quote` | the inner text, exactly `input[start..end]` |
//! | `speaker` | full name as introduced in the article; empty if unknown or unnamed |
//! | `title`, `affiliation` | as the article introduced the speaker |
//! | `cue` | the reporting words ("said", "told reporters", "according to") |
//! | `kind` | `direct`, `partial`, or `scare` (a term, title of a work or nickname: never a speaker) |
//! | `method` | how the speaker was found: `after-quote`, `before-quote`, `colon-intro`, `according-to`, `pronoun`, `surname`, `nominal`, `unnamed`, `continuation` |
//! | `rule` | the id of the pattern rule that matched |
//! | `paragraph` | 1-based paragraph number |
//! | `mention` | the speaker mention as written near the quote ("she", "the president") |
//! | `title_start`, `title_end` | byte offsets of where the title was given (empty if none) |

use serde::{Deserialize, Serialize};

/// One row of the quotes table.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteRecord {
    /// The article's name.
    pub article: String,
    /// Byte offset of the quote's inner text.
    pub start: usize,
    /// Byte offset just past the quote's inner text.
    pub end: usize,
    /// The inner text.
    pub quote: String,
    /// Full name of the speaker, or empty.
    pub speaker: String,
    /// The speaker's title, or empty.
    pub title: String,
    /// The speaker's affiliation, or empty.
    pub affiliation: String,
    /// The reporting words, or empty.
    pub cue: String,
    /// `direct`, `partial` or `scare`.
    pub kind: String,
    /// How the speaker was found, or empty.
    pub method: String,
    /// The pattern rule that matched, or empty.
    pub rule: String,
    /// 1-based paragraph number.
    pub paragraph: usize,
    /// The mention as written, or empty.
    pub mention: String,
    /// Where the title was given (byte offset), if anywhere.
    pub title_start: Option<usize>,
    /// End of where the title was given.
    pub title_end: Option<usize>,
}

/// What a file given to `saywho check` holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableKind {
    /// A CSV table written by `saywho extract`.
    Csv,
    /// A JSON Lines table written by `saywho extract --format jsonl`.
    Jsonl,
    /// Not a table: an article.
    Article,
}

/// Decides from its name, or else from its first bytes, whether `path` is a quotes table.
/// Spark writes tables as extensionless `part-00000` files, hence the sniffing.
pub fn table_kind(path: &std::path::Path, head: &[u8]) -> TableKind {
    match path.extension().and_then(|e| e.to_str()) {
        Some("csv") => return TableKind::Csv,
        Some("jsonl") | Some("json") => return TableKind::Jsonl,
        Some("txt") => return TableKind::Article,
        _ => {}
    }
    let head = String::from_utf8_lossy(&head[..head.len().min(256)]);
    let t = head.trim_start();
    if t.starts_with("{\"article\"") {
        TableKind::Jsonl
    } else if t.starts_with("article,start,end,quote") {
        TableKind::Csv
    } else {
        TableKind::Article
    }
}

/// Reads a quotes table written by `saywho extract` (CSV or JSON Lines).
pub fn read_table(path: &std::path::Path, kind: TableKind) -> crate::Result<Vec<QuoteRecord>> {
    let bytes = std::fs::read(path).map_err(|source| crate::Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let err = |line: usize, message: String| crate::Error::Table {
        path: path.to_path_buf(),
        line,
        message,
    };
    match kind {
        TableKind::Csv => {
            let mut rdr = csv::Reader::from_reader(bytes.as_slice());
            let mut out = Vec::new();
            for r in rdr.deserialize() {
                let r: QuoteRecord = r.map_err(|e| {
                    let line = e.position().map_or(0, |p| p.line() as usize);
                    err(line, e.to_string())
                })?;
                out.push(r);
            }
            Ok(out)
        }
        TableKind::Jsonl => {
            let mut out = Vec::new();
            for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
                if line.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                out.push(serde_json::from_slice(line).map_err(|e| err(i + 1, e.to_string()))?);
            }
            Ok(out)
        }
        TableKind::Article => Err(err(0, "not a quotes table".into())),
    }
}
