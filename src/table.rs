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
//! | `title`, `affiliation` | as the article introduced the speaker: the post, and the organisation, body or place it belongs to |
//! | `party` | the speaker's party, by its canonical name (`Republican`, `Conservative`), wherever the article gives it (`Republican Sen.`, `(R-Texas)`, `a California Democrat`, `Tory MP`) |
//! | `status` | when the post is held: `former`, `then`, `acting`, `interim`, `incoming`, `outgoing`, `elect`, `retired`; empty for a serving post |
//! | `cue` | the reporting words ("said", "told reporters", "according to") |
//! | `kind` | `direct`, `partial`, or `scare` (a term, title of a work or nickname: never a speaker) |
//! | `method` | how the speaker was found ([`Method`]): `after-quote`, `before-quote`, `colon-intro`, `according-to`, `subject`, `label`, `pronoun`, `surname`, `nominal`, `unnamed`, `continuation`; empty when nobody was |
//! | `rule` | the id of the pattern rule that matched |
//! | `paragraph` | 1-based paragraph number |
//! | `mention` | the speaker mention as written near the quote ("she", "the president") |
//! | `title_start`, `title_end` | byte offsets of where the title was given (empty if none) |

use serde::{Deserialize, Serialize};

use crate::attribution::continuation::Via;
use crate::attribution::Attribution;
use crate::pattern::Method;
use crate::quote::{Quote, QuoteKind};
use crate::speaker::Speaker;

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
    /// The speaker's party ("Republican"), or empty. (Tables written before it had no such
    /// column: read as empty.)
    #[serde(default)]
    pub party: String,
    /// The status of the speaker's post (`former`, `then`, `acting`, `interim`, `incoming`,
    /// `outgoing`, `elect`, `retired`), or empty for a serving post.
    #[serde(default)]
    pub status: String,
    /// The reporting words, or empty.
    pub cue: String,
    /// `direct`, `partial` or `scare`.
    pub kind: QuoteKind,
    /// How the speaker was found; `None` (written empty) when nobody was.
    #[serde(with = "method_column")]
    pub method: Option<Method>,
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
    /// The article's date (`YYYY-MM-DD`) when known: a JSON Lines record's `date`, or a date
    /// written in the article's first lines; else empty. (Tables written before it had no such
    /// column: read as empty.)
    #[serde(default)]
    pub date: String,
}

impl QuoteRecord {
    /// The row of quote `q` of the article `article` (its text `text`), of kind `kind`, with the
    /// attribution and speaker found for it (`via` says whether it continues another quote's).
    /// A partial quote nobody is said to have said is a scare quote.
    pub fn new(
        article: &str,
        text: &str,
        q: &Quote,
        kind: QuoteKind,
        attr: Option<&Attribution>,
        sp: &Speaker,
        via: Via,
    ) -> QuoteRecord {
        let kind = if attr.is_none() && kind == QuoteKind::Partial {
            QuoteKind::Scare
        } else {
            kind
        };
        let method = match (attr, via, sp.method) {
            (None, _, _) => None,
            (Some(_), Via::Continuation, _) => Some(Method::Continuation),
            (Some(a), Via::Own, None) => Some(a.method),
            (Some(_), Via::Own, m) => m,
        };
        QuoteRecord {
            article: article.to_string(),
            start: q.inner.start,
            end: q.inner.end,
            quote: q.inner.slice(text).to_string(),
            speaker: sp.name.clone(),
            title: sp.title.clone(),
            affiliation: sp.affiliation.clone(),
            party: sp.party.clone(),
            status: sp.status.clone(),
            cue: attr
                .map(|a| a.cue.slice(text).to_string())
                .unwrap_or_default(),
            kind,
            method,
            rule: attr.map(|a| a.rule_id.clone()).unwrap_or_default(),
            paragraph: q.paragraph + 1,
            mention: attr
                .map(|a| a.mention.slice(text).to_string())
                .unwrap_or_default(),
            title_start: sp.title_span.map(|s| s.start),
            title_end: sp.title_span.map(|s| s.end),
            date: String::new(),
        }
    }
}

/// The `method` column: a method's name, or empty for none (in CSV and JSON Lines alike).
mod method_column {
    use super::Method;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(m: &Option<Method>, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(m.map_or("", Method::as_str))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Method>, D::Error> {
        let name = String::deserialize(d)?;
        if name.is_empty() {
            return Ok(None);
        }
        Method::from_name(&name)
            .map(Some)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown method {name:?}")))
    }
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

/// The 1-based line of the file where the row at a CSV position starts, counted from its byte
/// offset. (After a `\r\n` the csv reader's position stops at the `\n`, one byte short, and its
/// own line count is one low; a row never starts at a line end, so those are skipped here.) 0
/// when unknown.
fn line_at(bytes: &[u8], pos: Option<&csv::Position>) -> usize {
    pos.map_or(0, |p| {
        let mut at = (p.byte() as usize).min(bytes.len());
        while at < bytes.len() && matches!(bytes[at], b'\r' | b'\n') {
            at += 1;
        }
        memchr::memchr_iter(b'\n', &bytes[..at]).count() + 1
    })
}

/// Reads a quotes table written by `saywho extract` (CSV or JSON Lines): its rows, and an
/// [`crate::Error::Table`] naming the line of each row that cannot be read (a bad row costs that
/// row only). The whole table fails only when the file cannot be read.
pub fn read_table(
    path: &std::path::Path,
    kind: TableKind,
) -> crate::Result<(Vec<QuoteRecord>, Vec<crate::Error>)> {
    let bytes = crate::input::read_regular(path).map_err(|source| crate::Error::Read {
        path: path.to_path_buf(),
        source,
    })?;
    let err = |line: usize, message: String| crate::Error::Table {
        path: path.to_path_buf(),
        line,
        message,
    };
    let mut out = Vec::new();
    let mut bad = Vec::new();
    match kind {
        TableKind::Csv => {
            let mut rdr = csv::Reader::from_reader(bytes.as_slice());
            let mut record = csv::ByteRecord::new();
            let headers = match rdr.byte_headers() {
                Ok(h) => h.clone(),
                Err(e) => return Ok((out, vec![err(1, e.to_string())])),
            };
            loop {
                match rdr.read_byte_record(&mut record) {
                    Ok(false) => break,
                    Ok(true) => {
                        let line = line_at(&bytes, record.position());
                        match record.deserialize::<QuoteRecord>(Some(&headers)) {
                            Ok(r) => out.push(r),
                            Err(e) => bad.push(err(line, e.to_string())),
                        }
                    }
                    Err(e) => {
                        let line = line_at(&bytes, e.position());
                        bad.push(err(line, e.to_string()));
                        // A row the reader cannot even split (unequal field counts are the
                        // usual case) is skipped; the reader goes on at the next row.
                        if !matches!(e.kind(), csv::ErrorKind::UnequalLengths { .. }) {
                            break;
                        }
                    }
                }
            }
        }
        TableKind::Jsonl => {
            for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
                if line.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                match serde_json::from_slice(line) {
                    Ok(r) => out.push(r),
                    Err(e) => bad.push(err(i + 1, e.to_string())),
                }
            }
        }
        TableKind::Article => bad.push(err(0, "not a quotes table".into())),
    }
    Ok((out, bad))
}
