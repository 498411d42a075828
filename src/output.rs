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

/// Writes rows in one format: rows one by one ([`QuoteWriter::write`]), or rows already encoded
/// by [`encode_rows`] (on the threads that extracted them, so the writing thread only copies
/// bytes). Both give the same bytes.
pub struct QuoteWriter<W: Write> {
    out: std::io::BufWriter<W>,
    format: Format,
    /// The CSV header is out.
    header_written: bool,
    /// One row at a time, encoded.
    scratch: Vec<u8>,
}

impl<W: Write> QuoteWriter<W> {
    /// A writer in `format`. The CSV header is written before the first rows (or by [`finish`]
    /// when there are none).
    ///
    /// [`finish`]: QuoteWriter::finish
    pub fn new(w: W, format: Format) -> QuoteWriter<W> {
        QuoteWriter {
            out: std::io::BufWriter::with_capacity(1 << 16, w),
            format,
            header_written: false,
            scratch: Vec::new(),
        }
    }

    /// Writes one row.
    pub fn write(&mut self, r: &QuoteRecord) -> Result<()> {
        let mut row = std::mem::take(&mut self.scratch);
        row.clear();
        encode_rows(self.format, std::slice::from_ref(r), &mut row)?;
        let written = self.write_encoded(&row);
        self.scratch = row;
        written
    }

    /// Writes rows that [`encode_rows`] encoded in this writer's format.
    pub fn write_encoded(&mut self, rows: &[u8]) -> Result<()> {
        self.header()?;
        self.out
            .write_all(rows)
            .map_err(|source| Error::Write { source })
    }

    /// Flushes; for an empty CSV, writes the header row alone.
    pub fn finish(&mut self) -> Result<()> {
        self.header()?;
        self.out.flush().map_err(|source| Error::Write { source })
    }

    /// [`QuoteWriter::finish`], then gives back the underlying writer.
    pub fn into_inner(mut self) -> Result<W> {
        self.finish()?;
        self.out.into_inner().map_err(|e| Error::Write {
            source: e.into_error(),
        })
    }

    /// The CSV header, once.
    fn header(&mut self) -> Result<()> {
        if self.format == Format::Csv && !self.header_written {
            let mut line = Vec::new();
            csv_into(&mut line, |w| w.write_record(HEADER))?;
            self.out
                .write_all(&line)
                .map_err(|source| Error::Write { source })?;
            self.header_written = true;
        }
        Ok(())
    }
}

/// Appends to `out` what `write` writes through a CSV writer (without a header of its own).
fn csv_into(
    out: &mut Vec<u8>,
    write: impl FnOnce(&mut csv::Writer<Vec<u8>>) -> csv::Result<()>,
) -> Result<()> {
    let mut w = csv::WriterBuilder::new()
        .has_headers(false)
        .from_writer(std::mem::take(out));
    write(&mut w).map_err(csv_error)?;
    *out = w.into_inner().map_err(|e| Error::Write {
        source: e.into_error(),
    })?;
    Ok(())
}

/// Appends `records` to `out` in `format`, as [`QuoteWriter`] writes them (without the CSV
/// header).
pub fn encode_rows(format: Format, records: &[QuoteRecord], out: &mut Vec<u8>) -> Result<()> {
    match format {
        Format::Csv => csv_into(out, |w| records.iter().try_for_each(|r| w.serialize(r)))?,
        Format::Jsonl => {
            for r in records {
                serde_json::to_writer(&mut *out, r)
                    .map_err(|e| Error::Write { source: e.into() })?;
                out.push(b'\n');
            }
        }
    }
    Ok(())
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
    "party",
    "status",
    "cue",
    "kind",
    "method",
    "rule",
    "paragraph",
    "mention",
    "title_start",
    "title_end",
    "date",
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
        // The header a serializing CSV writer derives from the record's fields.
        let mut c = csv::Writer::from_writer(Vec::new());
        c.serialize(QuoteRecord::default()).unwrap();
        let out = String::from_utf8(c.into_inner().unwrap()).unwrap();
        assert_eq!(out.lines().next().unwrap(), HEADER.join(","));
    }

    fn rows() -> Vec<QuoteRecord> {
        let row = |quote: &str, speaker: &str, title_start| QuoteRecord {
            article: "a, \"b\".txt".into(),
            start: 3,
            end: 9,
            quote: quote.into(),
            speaker: speaker.into(),
            kind: crate::quote::QuoteKind::Direct,
            title_start,
            title_end: title_start.map(|s| s + 4),
            ..QuoteRecord::default()
        };
        vec![
            row("We \"will\" win,\nsurely", "Ann Lee", Some(1)),
            row("plain", "", None),
            row("", "José Núñez", Some(0)),
        ]
    }

    #[test]
    fn rows_encoded_elsewhere_are_written_as_rows_written_one_by_one() {
        for format in [Format::Csv, Format::Jsonl] {
            let mut one = QuoteWriter::new(Vec::new(), format);
            for r in rows() {
                one.write(&r).unwrap();
            }
            one.finish().unwrap();
            let mut encoded = QuoteWriter::new(Vec::new(), format);
            let (mut first, mut rest) = (Vec::new(), Vec::new());
            encode_rows(format, &rows()[..1], &mut first).unwrap();
            encode_rows(format, &rows()[1..], &mut rest).unwrap();
            encoded.write_encoded(&first).unwrap();
            encoded.write_encoded(&[]).unwrap();
            encoded.write_encoded(&rest).unwrap();
            encoded.finish().unwrap();
            let (one, encoded) = (
                one.out.into_inner().unwrap(),
                encoded.out.into_inner().unwrap(),
            );
            assert_eq!(
                String::from_utf8_lossy(&one),
                String::from_utf8_lossy(&encoded)
            );
            // As a CSV reader or a JSON parser reads them back.
            let back: Vec<QuoteRecord> = match format {
                Format::Csv => csv::Reader::from_reader(one.as_slice())
                    .deserialize()
                    .map(|r| r.unwrap())
                    .collect(),
                Format::Jsonl => one
                    .split(|&b| b == b'\n')
                    .filter(|l| !l.is_empty())
                    .map(|l| serde_json::from_slice(l).unwrap())
                    .collect(),
            };
            assert_eq!(back, rows(), "{format:?}");
        }
    }

    #[test]
    fn an_empty_csv_is_its_header() {
        let mut w = QuoteWriter::new(Vec::new(), Format::Csv);
        w.finish().unwrap();
        let out = String::from_utf8(w.out.into_inner().unwrap()).unwrap();
        assert_eq!(out, format!("{}\n", HEADER.join(",")));
        let mut w = QuoteWriter::new(Vec::new(), Format::Jsonl);
        w.finish().unwrap();
        assert!(w.out.into_inner().unwrap().is_empty());
    }
}
