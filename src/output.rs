//! Stage 7, **write**: [`QuoteRecord`]s → CSV or JSON Lines.
//!
//! In: rows in article order. Out: bytes on a writer.
//!
//! # Format
//! * **CSV** (`--format csv`, the default): RFC 4180, a header row, the columns of
//!   [`crate::table`] in that order; fields with commas, quote marks or line breaks are quoted and
//!   inner `"` doubled, so Python's `csv`, pandas and the `csv` crate read back the exact text.
//! * **JSON Lines** (`--format jsonl`): one object per row with the same keys; `title_start` and
//!   `title_end` are `null` when there is no title.

use std::io::Write;

use crate::error::{Error, Result};
use crate::table::QuoteRecord;

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// Comma-separated values with a header row.
    Csv,
    /// One JSON object per line.
    Jsonl,
}

/// Writes rows in one format.
pub struct QuoteWriter<W: Write> {
    inner: Inner<W>,
}

enum Inner<W: Write> {
    Csv(Box<csv::Writer<W>>),
    Jsonl(std::io::BufWriter<W>),
}

impl<W: Write> QuoteWriter<W> {
    /// A writer in `format`. The CSV header is written with the first row (or by [`finish`]
    /// when there is none).
    ///
    /// [`finish`]: QuoteWriter::finish
    pub fn new(w: W, format: Format) -> QuoteWriter<W> {
        let inner = match format {
            Format::Csv => Inner::Csv(Box::new(
                csv::WriterBuilder::new().has_headers(true).from_writer(w),
            )),
            Format::Jsonl => Inner::Jsonl(std::io::BufWriter::with_capacity(1 << 16, w)),
        };
        QuoteWriter { inner }
    }

    /// Writes one row.
    pub fn write(&mut self, r: &QuoteRecord) -> Result<()> {
        match &mut self.inner {
            Inner::Csv(w) => w.serialize(r).map_err(csv_error),
            Inner::Jsonl(w) => {
                serde_json::to_writer(&mut *w, r).map_err(|e| Error::Write { source: e.into() })?;
                w.write_all(b"\n").map_err(|source| Error::Write { source })
            }
        }
    }

    /// Flushes; for an empty CSV, writes the header row alone.
    pub fn finish(&mut self, wrote_any: bool) -> Result<()> {
        match &mut self.inner {
            Inner::Csv(w) => {
                if !wrote_any {
                    w.write_record(HEADER).map_err(csv_error)?;
                }
                w.flush().map_err(|source| Error::Write { source })
            }
            Inner::Jsonl(w) => w.flush().map_err(|source| Error::Write { source }),
        }
    }
}

/// The CSV header, in column order.
pub const HEADER: &[&str] = &[
    "article",
    "start",
    "end",
    "quote",
    "speaker",
    "title",
    "affiliation",
    "cue",
    "kind",
    "method",
    "rule",
    "paragraph",
    "mention",
    "title_start",
    "title_end",
];

fn csv_error(e: csv::Error) -> Error {
    match e.into_kind() {
        csv::ErrorKind::Io(source) => Error::Write { source },
        other => Error::Write {
            source: std::io::Error::other(format!("{other:?}")),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_matches_record_fields() {
        let mut w = QuoteWriter::new(Vec::new(), Format::Csv);
        w.write(&QuoteRecord::default()).unwrap();
        w.finish(true).unwrap();
        let Inner::Csv(c) = w.inner else {
            unreachable!()
        };
        let out = String::from_utf8(c.into_inner().unwrap()).unwrap();
        assert_eq!(out.lines().next().unwrap(), HEADER.join(","));
    }
}
