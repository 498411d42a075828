//! The whole pipeline: [`Extractor`] turns one [`Article`] into [`QuoteRecord`]s, and
//! [`Extractor::run`] drives it over many inputs in parallel.
//!
//! In: article bytes (files, stdin, JSON Lines records). Out: rows in input order, plus an
//! [`Outcome`] per input that says what happened to it.
//!
//! Parallelism and determinism: inputs are read serially in bounded batches (at most
//! [`BATCH_ARTICLES`] articles or [`BATCH_BYTES`] bytes), each batch is extracted on a rayon pool
//! with the order kept, and the results are handed to the caller in input order. Memory stays flat
//! whatever the number of inputs, and the output is byte-identical whatever the thread count.

use rayon::prelude::*;

use crate::article::{Article, Skip};
use crate::attribution::continuation::{self, Via};
use crate::attribution::{self, Attribution};
use crate::error::Error;
use crate::input::{Input, InputFormat, Item, Piece, Unit};
use crate::pattern::PatternSet;
use crate::quote::{self, Diagnostic, QuoteKind};
use crate::segment::{self, Span};
use crate::speaker::{Speaker, SpeakerResolver};
use crate::table::QuoteRecord;

/// The most worker threads a run starts (a larger `threads` is cut to this): more cannot help on
/// any machine this runs on, and each costs a stack.
pub const MAX_THREADS: usize = 256;

/// At most this many articles are held in memory at once.
pub const BATCH_ARTICLES: usize = 256;
/// At most about this many bytes of input are held in memory at once (one larger file is read
/// alone).
pub const BATCH_BYTES: usize = 8 << 20;

/// What one article yields.
#[derive(Clone, Debug, Default)]
pub struct ArticleResult {
    /// Its rows, in text order.
    pub records: Vec<QuoteRecord>,
    /// Unbalanced marks and other passage-level problems.
    pub diagnostics: Vec<Diagnostic>,
    /// Offset of the first invalid UTF-8 byte, if any.
    pub invalid_utf8_at: Option<usize>,
    /// Bytes read.
    pub bytes: usize,
}

/// What happened to one input.
#[derive(Debug)]
pub enum Outcome {
    /// Extracted (possibly with zero rows).
    Done(ArticleResult),
    /// Skipped, with a warning: binary or UTF-16, a JSON Lines record without text, a FIFO or
    /// device, a symbolic-link loop.
    Skipped {
        /// What kind of input it was.
        kind: SkipKind,
        /// Why, in a sentence.
        reason: String,
    },
    /// Could not be read.
    Failed(Error),
}

pub use crate::input::SkipKind;

/// One input unit: an article's name and outcome.
#[derive(Debug)]
pub struct Processed {
    /// The article name (path or record id).
    pub name: String,
    /// What happened.
    pub outcome: Outcome,
    /// It continues the article of the one before: a later piece of a file read in pieces
    /// ([`crate::input::PIECE_BYTES`]). Its rows' offsets and paragraph numbers are the file's.
    pub continues: bool,
}

/// What the attribution decided for one quote.
#[derive(Clone, Debug)]
struct Attributed {
    kind: QuoteKind,
    attribution: Option<Attribution>,
    speaker: Speaker,
    via: Via,
}

impl Attributed {
    /// A quote nobody is said to have said.
    fn none(kind: QuoteKind) -> Attributed {
        Attributed {
            kind,
            attribution: None,
            speaker: Speaker::default(),
            via: Via::Own,
        }
    }
}

/// The sentence starts of every paragraph of an article, in one sorted list.
struct Sentences {
    /// Every sentence start, sorted.
    all: Vec<usize>,
    /// For each paragraph, its range of `all`.
    ranges: Vec<std::ops::Range<usize>>,
}

impl Sentences {
    /// The sentences of every paragraph (no boundary inside a quote).
    fn of(
        text: &str,
        paragraphs: &[segment::Paragraph],
        quotes: &[quote::Quote],
        p: &PatternSet,
    ) -> Sentences {
        let mut all = Vec::new();
        let mut ranges = Vec::with_capacity(paragraphs.len());
        let mut qi = 0;
        for (pi, para) in paragraphs.iter().enumerate() {
            let q0 = qi;
            while qi < quotes.len() && quotes[qi].paragraph == pi {
                qi += 1;
            }
            let inner: Vec<Span> = quotes[q0..qi].iter().map(|q| q.inner).collect();
            let s = all.len();
            all.extend(segment::sentence_starts(text, para.span, &inner, p));
            ranges.push(s..all.len());
        }
        Sentences { all, ranges }
    }

    /// The sentence starts of paragraph `k`.
    fn of_paragraph(&self, k: usize) -> &[usize] {
        &self.all[self.ranges[k].clone()]
    }

    /// A number for the sentence holding `pos` (sentences of one paragraph count up).
    fn number_of(&self, pos: usize) -> usize {
        self.all.partition_point(|&s| s <= pos)
    }
}

/// Extracts quotes with a compiled pattern set.
pub struct Extractor<'p> {
    patterns: &'p PatternSet,
}

impl<'p> Extractor<'p> {
    /// An extractor over `patterns`.
    pub fn new(patterns: &'p PatternSet) -> Extractor<'p> {
        Extractor { patterns }
    }

    /// Extracts every quote of one article.
    ///
    /// ```
    /// let patterns = saywho::PatternSet::embedded().unwrap();
    /// let ex = saywho::Extractor::new(&patterns);
    /// let a = saywho::Article::from_text("a.txt", "“We will meet again,” said Jane Roe, a spokeswoman for the ministry.");
    /// let rows = ex.extract(&a).records;
    /// assert_eq!(rows[0].speaker, "Jane Roe");
    /// assert_eq!(rows[0].title, "spokeswoman for the ministry");
    /// ```
    pub fn extract(&self, article: &Article) -> ArticleResult {
        let mut result = ArticleResult {
            invalid_utf8_at: article.invalid_utf8_at,
            bytes: article.text.len(),
            ..Default::default()
        };
        let p = self.patterns;
        // Quote-free articles cost one scan for marks.
        if p.quotes.marks.find(&article.text).is_none() {
            return result;
        }
        // The stages read the text with its inline link boxes blanked (same offsets); the rows
        // quote the file as it is.
        let masked = crate::link_box::mask(&article.text);
        let text: &str = &masked;
        let paragraphs = segment::paragraphs(text);
        let quotes = quote::detect(text, &paragraphs, p, &mut result.diagnostics);
        if quotes.is_empty() {
            return result;
        }
        let sentences = Sentences::of(text, &paragraphs, &quotes, p);
        let mut found = self.attribute_all(text, &paragraphs, &quotes, &sentences);
        let own = |k: usize| found[k].attribution.is_some() && found[k].via == Via::Own;
        for (i, k) in continuation::chain_sources(&quotes, own) {
            found[i] = Attributed {
                kind: found[i].kind,
                via: Via::Continuation,
                ..found[k].clone()
            };
        }
        // A pull quote: words quoted again later with a cue of their own are that speaker's;
        // and words quoted again with none (a paragraph printed twice) are the first one's.
        let unowned = |a: &Attributed| a.via != Via::Own || a.attribution.is_none();
        let owned = |a: &Attributed| a.via == Via::Own && !a.speaker.name.is_empty();
        for (i, k) in repeated_quotes(text, &quotes) {
            let (to, from) = if unowned(&found[i]) && owned(&found[k]) {
                (i, k)
            } else if unowned(&found[k]) && owned(&found[i]) && stands_alone(text, &quotes[k]) {
                (k, i)
            } else {
                continue;
            };
            found[to] = Attributed {
                kind: found[to].kind,
                via: Via::Continuation,
                ..found[from].clone()
            };
        }
        result.records = quotes
            .iter()
            .zip(found)
            .map(|(q, a)| {
                QuoteRecord::new(
                    &article.name,
                    &article.text,
                    q,
                    a.kind,
                    a.attribution.as_ref(),
                    &a.speaker,
                    a.via,
                )
            })
            .map(|mut r| {
                if let Some(d) = &article.date {
                    r.date.clone_from(d);
                }
                r
            })
            .collect();
        result
    }

    /// Attributes every quote of an article in text order: its kind, the rule that matched (or
    /// the quote it continues) and its speaker. The speaker resolver is built when the first
    /// mention needs it (an article whose quotes no rule attributes never needs it).
    fn attribute_all(
        &self,
        text: &str,
        paragraphs: &[segment::Paragraph],
        quotes: &[quote::Quote],
        sentences: &Sentences,
    ) -> Vec<Attributed> {
        let p = self.patterns;
        let mut resolver: Option<SpeakerResolver> = None;
        let make = || SpeakerResolver::new(text, paragraphs, quotes, sentences.all.clone(), p);
        let mut found: Vec<Attributed> = Vec::with_capacity(quotes.len());
        for (i, q) in quotes.iter().enumerate() {
            let para = paragraphs[q.paragraph].span;
            let prev = q
                .paragraph
                .checked_sub(1)
                .map(|k| (paragraphs[k].span, sentences.of_paragraph(k)));
            let paras = attribution::Paragraphs {
                this: para,
                sentences: sentences.of_paragraph(q.paragraph),
                previous: prev,
                next: paragraphs.get(q.paragraph + 1).map(|n| n.span),
            };
            let ctx = attribution::context(text, quotes, i, paras, p);
            if attribution::is_scare(text, q, &ctx, p) {
                found.push(Attributed::none(QuoteKind::Scare));
                continue;
            }
            let mut attr = attribution::attribute(text, &ctx, p, false);
            let kind = attribution::kind(text, &ctx, attr.as_ref());
            if attr.is_none() {
                // (The kind of quote `k` and where its own speaker mention starts.)
                let attributed = |k: usize| {
                    found[k].attribution.as_ref().map(|a| {
                        let own = (found[k].via == Via::Own).then_some(a.mention.start);
                        (found[k].kind, own)
                    })
                };
                let source = continuation::source(
                    text,
                    quotes,
                    i,
                    para,
                    kind,
                    |pos| sentences.number_of(pos),
                    attributed,
                );
                if let Some(k) = source {
                    let a = Attributed {
                        kind,
                        via: Via::Continuation,
                        ..found[k].clone()
                    };
                    if let Some(e) = a.speaker.entity {
                        resolver.get_or_insert_with(make).record_speaker(q.open, e);
                    }
                    found.push(a);
                    continue;
                }
                // The fallback rules: a paragraph before that reports someone's words.
                attr = attribution::attribute(text, &ctx, p, true);
            }
            let Some(a) = attr else {
                found.push(Attributed::none(kind));
                continue;
            };
            let sp = resolver.get_or_insert_with(make).resolve(a.mention);
            if let Some(e) = sp.entity {
                resolver.get_or_insert_with(make).record_speaker(q.open, e);
            }
            found.push(Attributed {
                kind,
                attribution: Some(a),
                speaker: sp,
                via: Via::Own,
            });
        }
        found
    }

    /// Extracts from every input, `threads` at a time (0 = all cores), calling `sink` for each
    /// article in input order. Stops early if `sink` returns an error.
    pub fn run<E>(
        &self,
        inputs: &[Input],
        format: InputFormat,
        threads: usize,
        sink: impl FnMut(Processed) -> Result<(), E>,
    ) -> Result<(), E> {
        let (items, _) = crate::input::items(inputs, format);
        self.run_with(items, format, threads, |p| p, sink)
    }

    /// [`Extractor::run`], with `prepare` run on each article's result on the thread that
    /// extracted it, before `sink` gets it (encoding its rows there, say, leaves the thread that
    /// calls `sink` only bytes to copy).
    ///
    /// `items` are the inputs as [`crate::input::items`] walked them.
    pub fn run_with<T: Send, E>(
        &self,
        items: Vec<Item>,
        format: InputFormat,
        threads: usize,
        prepare: impl Fn(Processed) -> T + Sync,
        mut sink: impl FnMut(T) -> Result<(), E>,
    ) -> Result<(), E> {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads.min(MAX_THREADS))
            .build()
            // Threads could not be started: one is always enough.
            .or_else(|_| rayon::ThreadPoolBuilder::new().num_threads(1).build())
            .expect("a thread pool of one thread");
        // This thread reads the inputs and hands the results to `sink` while the pool extracts:
        // the next batch is read while one is extracted, and a batch's results are written while
        // the next one is extracted. At most two batches are held at once.
        pool.in_place_scope(|scope| {
            let prepare = &prepare;
            let submit = |batch: Vec<Unit>| {
                let (tx, rx) = std::sync::mpsc::sync_channel(1);
                scope.spawn(move |_| {
                    let mut out: Vec<T> = Vec::with_capacity(batch.len());
                    batch
                        .into_par_iter()
                        .map(|u| prepare(self.process(u)))
                        .collect_into_vec(&mut out);
                    // The receiver is gone only when the sink failed.
                    let _ = tx.send(out);
                });
                rx
            };
            let mut in_flight: Option<std::sync::mpsc::Receiver<Vec<T>>> = None;
            let mut batches = batches(crate::input::units(items, format));
            loop {
                let next = batches.next();
                let done = in_flight
                    .take()
                    .map(|rx| rx.recv().expect("a batch's results"));
                in_flight = next.map(submit);
                for p in done.into_iter().flatten() {
                    sink(p)?;
                }
                if in_flight.is_none() {
                    return Ok(());
                }
            }
        })
    }

    fn process(&self, unit: Unit) -> Processed {
        let whole = |name: String, outcome: Outcome| Processed {
            name,
            outcome,
            continues: false,
        };
        match unit {
            Unit::Failed { name, error } => whole(name, Outcome::Failed(error)),
            Unit::Skipped { name, kind, reason } => whole(name, Outcome::Skipped { kind, reason }),
            Unit::Bytes { name, bytes, piece } => {
                let outcome = match Article::from_bytes(name.clone(), bytes) {
                    Ok(a) => {
                        let mut r = self.extract(&a);
                        shift(&mut r, piece);
                        Outcome::Done(r)
                    }
                    Err(skip) => Outcome::Skipped {
                        kind: match skip {
                            Skip::Binary { .. } => SkipKind::Binary,
                            Skip::Utf16 { .. } => SkipKind::Utf16,
                        },
                        reason: skip.to_string(),
                    },
                };
                Processed {
                    name,
                    outcome,
                    continues: piece.continues,
                }
            }
            Unit::Record {
                source,
                line,
                bytes,
            } => match parse_record(&bytes) {
                Ok((id, text, date, invalid_at)) => {
                    let mut a = Article::from_text(id.clone(), text);
                    if let Some(d) = date.as_deref().and_then(crate::article::date_given) {
                        a.date = Some(d);
                    }
                    let mut r = self.extract(&a);
                    r.invalid_utf8_at = invalid_at;
                    whole(id, Outcome::Done(r))
                }
                Err(reason) => whole(
                    format!("{source}:{line}"),
                    Outcome::Skipped {
                        kind: SkipKind::BadRecord,
                        reason,
                    },
                ),
            },
        }
    }
}

/// Whether a quote is its line's only words (a paragraph printed twice, a pull quote), not words
/// quoted again inside a sentence ("his comment that “…”", which may be anyone's).
fn stands_alone(text: &str, q: &quote::Quote) -> bool {
    let line_start = text[..q.open].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[q.after()..]
        .find('\n')
        .map_or(text.len(), |i| q.after() + i);
    let bare = |s: &str| {
        s.chars()
            .all(|c| c.is_whitespace() || matches!(c, ':' | ',' | '.'))
    };
    bare(&text[line_start..q.open]) && bare(&text[q.after()..line_end])
}

/// The shortest quote that [`repeated_quotes`] matches again: shorter words ("No.", "We'll
/// see") are said more than once.
const REPEATED_QUOTE_BYTES: usize = 40;

/// Pairs `(i, k)` of quotes whose words are the same, `i` before `k` (trailing punctuation and
/// case aside): a pull quote set above the article and the place the article quotes it.
fn repeated_quotes(text: &str, quotes: &[quote::Quote]) -> Vec<(usize, usize)> {
    let key = |q: &quote::Quote| {
        let words = q.inner.slice(text).trim();
        let words = words.trim_end_matches([',', '.', ';', ':', '!', '?', ' ']);
        (words.len() >= REPEATED_QUOTE_BYTES).then(|| words.to_lowercase())
    };
    let mut first: crate::pattern::lexicon::FastMap<String, usize> = Default::default();
    let mut out = Vec::new();
    for (k, q) in quotes.iter().enumerate() {
        if let Some(w) = key(q) {
            match first.get(&w) {
                Some(&i) => out.push((i, k)),
                None => {
                    first.insert(w, k);
                }
            }
        }
    }
    out
}

/// Moves a piece's rows to their place in the whole file: offsets and paragraph numbers.
fn shift(r: &mut ArticleResult, piece: Piece) {
    if piece == Piece::default() {
        return;
    }
    for rec in &mut r.records {
        rec.start += piece.offset;
        rec.end += piece.offset;
        rec.title_start = rec.title_start.map(|s| s + piece.offset);
        rec.title_end = rec.title_end.map(|s| s + piece.offset);
        rec.paragraph += piece.paragraphs_before;
        // A date is looked for in an article's first lines, which a later piece does not hold.
        if piece.offset > 0 {
            rec.date.clear();
        }
    }
    r.invalid_utf8_at = r.invalid_utf8_at.map(|i| i + piece.offset);
}

/// Groups units into batches of at most [`BATCH_ARTICLES`] articles or about [`BATCH_BYTES`]
/// bytes.
fn batches(mut units: impl Iterator<Item = Unit>) -> impl Iterator<Item = Vec<Unit>> {
    std::iter::from_fn(move || {
        let mut batch = Vec::new();
        let mut bytes = 0;
        for unit in units.by_ref() {
            bytes += unit.len();
            batch.push(unit);
            if batch.len() >= BATCH_ARTICLES || bytes >= BATCH_BYTES {
                break;
            }
        }
        (!batch.is_empty()).then_some(batch)
    })
}

/// One JSON Lines record: id, text, date (when given), the offset in the line of its first
/// invalid UTF-8 byte.
type ParsedRecord = (String, String, Option<String>, Option<usize>);

/// Parses one JSON Lines record. Invalid UTF-8 costs only its own bytes: each becomes U+001A, as
/// in an article.
fn parse_record(bytes: &[u8]) -> Result<ParsedRecord, String> {
    #[derive(serde::Deserialize)]
    struct Record {
        id: serde_json::Value,
        text: Option<String>,
        #[serde(default)]
        date: Option<serde_json::Value>,
    }
    // A byte-order mark at the start of a file lands on its first record.
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let (line, invalid_at) = match std::str::from_utf8(bytes) {
        Ok(s) => (std::borrow::Cow::Borrowed(s), None),
        Err(e) => (
            std::borrow::Cow::Owned(escape_invalid_utf8(bytes)),
            Some(e.valid_up_to()),
        ),
    };
    let r: Record =
        serde_json::from_str(&line).map_err(|e| format!("bad JSON Lines record: {e}"))?;
    let id = match r.id {
        serde_json::Value::String(s) => s,
        serde_json::Value::Null => return Err("record has no \"id\"".into()),
        other => other.to_string(),
    };
    let text = r
        .text
        .ok_or_else(|| format!("record {id} has no \"text\""))?;
    let date = match r.date {
        Some(serde_json::Value::String(s)) => Some(s),
        _ => None,
    };
    Ok((id, text, date, invalid_at))
}

/// A JSON line with each byte of an invalid UTF-8 sequence written as the escape `\u001a`: in a
/// string, the text then holds U+001A for each bad byte, as an article does.
fn escape_invalid_utf8(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() + 16);
    for chunk in bytes.utf8_chunks() {
        out.push_str(chunk.valid());
        for _ in chunk.invalid() {
            out.push_str("\\u001a");
        }
    }
    out
}
