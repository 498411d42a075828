//! Stage 9, **report**: quote rows and verdicts → one self-contained HTML page, for people who
//! read evidence rather than tables (`saywho report`, `saywho check --format html`).
//!
//! In: the articles' texts (the offsets of the rows index into them), their [`QuoteRecord`]s and
//! the [`SpeakerReport`]s of [`crate::consistency::check`]. Out: one HTML document with no
//! network access and no external assets (the CSS and a few lines of JS are inline):
//!
//! * a summary (articles, quotes by kind, speakers by verdict) and a legend;
//! * the speakers: those whose verdict is not `consistent` first, each article's title and
//!   affiliation side by side with the sentence that gave it, the words marked and linked to
//!   their place in the article; then the consistent ones, one line each;
//! * each article's text with its quotes highlighted by kind and numbered, the speaker, title and
//!   affiliation on hover, each quote linked to its row in the article's table and back.
//!
//! Values are shown generically where they may grow: verdicts by their serialised name (a new
//! verdict gets a card and a count without a change here), and row fields the table does not
//! name by their serialised name and value, as extra columns.
//!
//! Escaping: article text, names and every other value are untrusted input. They reach the page
//! only through askama's HTML escaping, in element content and attribute values alike (`<`, `>`,
//! `&`, `"`, `'`); the templates mark nothing safe, and the inline script reads the DOM only.
//!
//! ```
//! use saywho::report::Report;
//! let patterns = saywho::PatternSet::embedded().unwrap();
//! let text = "“We will <b>meet</b> again,” said Jane Roe, a spokeswoman for the ministry.";
//! let rows = saywho::Extractor::new(&patterns).extract(&saywho::Article::from_text("a.txt", text)).records;
//! let texts = vec![("a.txt".to_string(), text.to_string())];
//! let html = Report { title: "Monday", texts: &texts, records: &rows, speakers: &[] }.render().unwrap();
//! assert!(html.contains("We will &#60;b&#62;meet&#60;/b&#62; again,"));
//! assert!(!html.contains("<b>meet"));
//! ```

pub mod highlight;

use std::collections::{BTreeMap, HashMap};

use askama::Template;

use crate::consistency::SpeakerReport;
use crate::pattern::Method;
use crate::quote::QuoteKind;
use crate::table::QuoteRecord;
use highlight::Event;

/// The fields of a row that the article table shows in columns of its own (or leaves out on
/// purpose); any other field the row serialises to is shown as an extra column.
const SHOWN_FIELDS: &[&str] = &[
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

/// The kinds of quote, in the legend's order, with what they mean.
const KINDS: &[(&str, &str)] = &[
    ("direct", "a quotation with its speaker"),
    ("partial", "a fragment quoted inside reported speech"),
    ("scare", "a term, a title or a nickname: no speaker"),
];

/// What one page shows.
pub struct Report<'a> {
    /// The page's heading (a run's name, the command).
    pub title: &'a str,
    /// Each article's name and text, in the order to show them; the rows' offsets index into the
    /// texts. Articles of the rows without a text here are listed with their table only.
    pub texts: &'a [(String, String)],
    /// The quote rows of every article.
    pub records: &'a [QuoteRecord],
    /// The verdicts, in the order to show them ([`crate::consistency::check`] puts conflicts
    /// first).
    pub speakers: &'a [SpeakerReport],
}

impl Report<'_> {
    /// The page.
    pub fn render(&self) -> crate::Result<String> {
        Page::new(self).render().map_err(|e| crate::Error::Write {
            source: std::io::Error::other(e.to_string()),
        })
    }
}

#[derive(Template)]
#[template(path = "report.html")]
struct Page {
    title: String,
    version: &'static str,
    totals: Vec<(String, usize)>,
    kinds: Vec<KindView>,
    verdicts: Vec<(String, usize)>,
    flagged: Vec<SpeakerView>,
    consistent: Vec<SpeakerView>,
    articles: Vec<ArticleView>,
}

struct KindView {
    name: &'static str,
    meaning: &'static str,
    count: usize,
}

struct SpeakerView {
    name: String,
    verdict: String,
    reason: String,
    mentions: Vec<MentionView>,
}

struct MentionView {
    article: String,
    /// The article's name without the directory all articles share.
    short: String,
    /// `#a3`: the article's section, when its text is in the page.
    article_href: Option<String>,
    /// Where the title was given in the article's text.
    given_href: Option<String>,
    title: String,
    affiliation: String,
    evidence: Option<crate::consistency::evidence::Evidence>,
}

struct ArticleView {
    id: String,
    name: String,
    /// The name without the directory all articles share.
    short: String,
    /// Who is quoted here, in order of first quote.
    quoted: Vec<QuotedView>,
    counts: Vec<(&'static str, usize)>,
    /// The highlighted text, or `None` when the text is not available.
    pieces: Option<Vec<Piece>>,
    extra_columns: Vec<String>,
    rows: Vec<RowView>,
}

/// A speaker quoted in an article, with the numbers of their quotes.
struct QuotedView {
    name: String,
    post: String,
    quotes: Vec<(usize, String)>,
}

/// One step of an article's highlighted text (see [`highlight`]).
enum Piece {
    Text(String),
    /// A quote opens: `<mark>` with an empty link to its row, so that the mark's text is the quote.
    Quote {
        id: Option<String>,
        n: usize,
        kind: String,
        who: String,
        row: String,
    },
    /// Where a title was given opens: `<span>`.
    Given {
        id: Option<String>,
    },
    /// An element closes: `mark` or `span`.
    Close(&'static str),
}

struct RowView {
    id: String,
    n: usize,
    quote_href: Option<String>,
    quote: String,
    speaker: String,
    /// The mention as written, when it is not the name (`she`, `the president`).
    mention: String,
    title: String,
    affiliation: String,
    cue: String,
    kind: String,
    method: String,
    rule: String,
    paragraph: usize,
    extras: Vec<String>,
}

impl Page {
    fn new(r: &Report<'_>) -> Page {
        let texts: HashMap<&str, &str> = r
            .texts
            .iter()
            .map(|(n, t)| (n.as_str(), t.as_str()))
            .collect();
        // Articles: those with a text, in the order given, then those only the rows name.
        let mut order: Vec<&str> = r.texts.iter().map(|(n, _)| n.as_str()).collect();
        let mut rows_of: BTreeMap<&str, Vec<&QuoteRecord>> = BTreeMap::new();
        for rec in r.records {
            let rows = rows_of.entry(rec.article.as_str()).or_default();
            if rows.is_empty() && !texts.contains_key(rec.article.as_str()) {
                order.push(rec.article.as_str());
            }
            rows.push(rec);
        }
        let prefix = common_dir(&order);
        let short = |name: &str| name[prefix.min(name.len())..].to_string();
        let ids: HashMap<&str, String> = order
            .iter()
            .enumerate()
            .map(|(i, n)| (*n, format!("a{}", i + 1)))
            .collect();
        // Where each speaker's title was given, to mark in the text and link to from the cards.
        let mut given: BTreeMap<&str, Vec<(usize, usize)>> = BTreeMap::new();
        for m in r.speakers.iter().flat_map(|s| &s.mentions) {
            given
                .entry(m.article.as_str())
                .or_default()
                .push((m.start, m.end));
        }
        let mut targets: HashMap<(&str, usize, usize), String> = HashMap::new();
        let articles: Vec<ArticleView> = order
            .iter()
            .map(|name| {
                let rows = rows_of.get(name).map(Vec::as_slice).unwrap_or(&[]);
                let spots = given.get(name).map(Vec::as_slice).unwrap_or(&[]);
                let mut view =
                    article_view(&ids[name], name, texts.get(name).copied(), rows, spots);
                view.short = short(name);
                if let Some(pieces) = &view.pieces {
                    for p in pieces {
                        let (Piece::Given { id: Some(id) } | Piece::Quote { id: Some(id), .. }) = p
                        else {
                            continue;
                        };
                        if let Some((s, e)) = parse_target(id) {
                            targets.entry((name, s, e)).or_insert_with(|| id.clone());
                        }
                    }
                }
                view
            })
            .collect();
        let (flagged, consistent) = speaker_views(r.speakers, &texts, &ids, &targets, &short);
        let mut verdicts: Vec<(String, usize)> = Vec::new();
        for s in r.speakers {
            let v = s.verdict.as_str();
            match verdicts.iter_mut().find(|(name, _)| name == v) {
                Some((_, n)) => *n += 1,
                None => verdicts.push((v.to_string(), 1)),
            }
        }
        let kinds = KINDS
            .iter()
            .map(|&(name, meaning)| KindView {
                name,
                meaning,
                count: r.records.iter().filter(|q| q.kind.as_str() == name).count(),
            })
            .collect();
        let mut named: Vec<&str> = r
            .records
            .iter()
            .map(|q| q.speaker.as_str())
            .filter(|s| !s.is_empty())
            .collect();
        named.sort_unstable();
        named.dedup();
        Page {
            title: r.title.to_string(),
            version: env!("CARGO_PKG_VERSION"),
            totals: vec![
                ("articles".into(), order.len()),
                ("quotes".into(), r.records.len()),
                ("named speakers".into(), named.len()),
                ("speakers checked".into(), r.speakers.len()),
            ],
            kinds,
            verdicts,
            flagged,
            consistent,
            articles,
        }
    }
}

impl Page {
    /// No speaker to show at all.
    fn speakers_empty(&self) -> bool {
        self.flagged.is_empty() && self.consistent.is_empty()
    }
}

/// The speakers' cards: those with a conflict or a refinement, and the consistent ones; each
/// mention linked to its article (`ids`) and to where its title was given (`targets`).
fn speaker_views(
    speakers: &[SpeakerReport],
    texts: &HashMap<&str, &str>,
    ids: &HashMap<&str, String>,
    targets: &HashMap<(&str, usize, usize), String>,
    short: &dyn Fn(&str) -> String,
) -> (Vec<SpeakerView>, Vec<SpeakerView>) {
    let mut flagged = Vec::new();
    let mut consistent = Vec::new();
    for s in speakers {
        let view = SpeakerView {
            name: s.speaker.clone(),
            verdict: s.verdict.as_str().to_string(),
            reason: s.reason.clone(),
            mentions: s
                .mentions
                .iter()
                .map(|m| MentionView {
                    article: m.article.clone(),
                    short: short(&m.article),
                    article_href: texts
                        .contains_key(m.article.as_str())
                        .then(|| format!("#{}", ids[m.article.as_str()])),
                    given_href: targets
                        .get(&(m.article.as_str(), m.start, m.end))
                        .map(|id| format!("#{id}")),
                    title: m.title.clone(),
                    affiliation: m.affiliation.clone(),
                    evidence: texts
                        .get(m.article.as_str())
                        .and_then(|t| crate::consistency::evidence::around(t, m.start, m.end)),
                })
                .collect(),
        };
        if view.verdict == "consistent" {
            consistent.push(view);
        } else {
            flagged.push(view);
        }
    }
    (flagged, consistent)
}

/// The length of the directory that every name starts with (`tests/data/check/`), or 0.
fn common_dir(names: &[&str]) -> usize {
    let Some(first) = names.first() else {
        return 0;
    };
    let mut len = first.rfind('/').map_or(0, |i| i + 1);
    for n in &names[1..] {
        while len > 0 && !(n.len() >= len && n.as_bytes()[..len] == first.as_bytes()[..len]) {
            len = first[..len - 1].rfind('/').map_or(0, |i| i + 1);
        }
    }
    len
}

/// The id of the element marking `start..end` (`t-START-END`) for a title, or the quote's id.
fn given_id(article_id: &str, start: usize, end: usize) -> String {
    format!("{article_id}-t-{start}-{end}")
}

/// The offsets back from an id made by [`given_id`] or for a quote (`a1-q-START-END-N`).
fn parse_target(id: &str) -> Option<(usize, usize)> {
    let mut parts = id.split('-').skip(2);
    let s = parts.next()?.parse().ok()?;
    let e = parts.next()?.parse().ok()?;
    Some((s, e))
}

fn article_view(
    id: &str,
    name: &str,
    text: Option<&str>,
    rows: &[&QuoteRecord],
    given: &[(usize, usize)],
) -> ArticleView {
    let counts = KINDS
        .iter()
        .map(|&(k, _)| (k, rows.iter().filter(|q| q.kind.as_str() == k).count()))
        .collect();
    let quote_id = |i: usize| format!("{id}-q-{}-{}-{}", rows[i].start, rows[i].end, i + 1);
    let row_id = |i: usize| format!("{id}-r{}", i + 1);
    let mut highlighted = vec![false; rows.len()];
    let pieces = text.map(|text| {
        // Quotes first, then the places titles were given (each once, and not a quote's own).
        let mut ranges: Vec<(usize, usize)> = rows.iter().map(|q| (q.start, q.end)).collect();
        let mut spots: Vec<(usize, usize)> = given
            .iter()
            .copied()
            .chain(
                rows.iter()
                    .filter_map(|q| Some((q.title_start?, q.title_end?))),
            )
            .filter(|r| !ranges.contains(r))
            .collect();
        spots.sort_unstable();
        spots.dedup();
        ranges.extend(spots);
        let n_quotes = rows.len();
        highlight::nest(text, &ranges)
            .into_iter()
            .map(|e| match e {
                Event::Text(t) => Piece::Text(t.to_string()),
                Event::Open { index, first } if index < n_quotes => {
                    highlighted[index] = true;
                    let q = rows[index];
                    Piece::Quote {
                        id: first.then(|| quote_id(index)),
                        n: index + 1,
                        kind: q.kind.as_str().to_string(),
                        who: who(q),
                        row: row_id(index),
                    }
                }
                Event::Open { index, first } => {
                    let (s, e) = ranges[index];
                    Piece::Given {
                        id: first.then(|| given_id(id, s, e)),
                    }
                }
                Event::Close { index } if index < n_quotes => Piece::Close("mark"),
                Event::Close { .. } => Piece::Close("span"),
            })
            .collect()
    });
    let mut extra_columns: Vec<String> = Vec::new();
    let fields: Vec<serde_json::Map<String, serde_json::Value>> = rows
        .iter()
        .map(|q| match serde_json::to_value(q) {
            Ok(serde_json::Value::Object(m)) => m,
            _ => serde_json::Map::new(),
        })
        .collect();
    for m in &fields {
        for k in m.keys() {
            if !SHOWN_FIELDS.contains(&k.as_str()) && !extra_columns.contains(k) {
                extra_columns.push(k.clone());
            }
        }
    }
    let row_views: Vec<RowView> = rows
        .iter()
        .enumerate()
        .map(|(i, q)| RowView {
            id: row_id(i),
            n: i + 1,
            quote_href: highlighted[i].then(|| format!("#{}", quote_id(i))),
            quote: q.quote.clone(),
            speaker: q.speaker.clone(),
            mention: if q.mention == q.speaker {
                String::new()
            } else {
                q.mention.clone()
            },
            title: q.title.clone(),
            affiliation: q.affiliation.clone(),
            cue: q.cue.clone(),
            kind: q.kind.as_str().to_string(),
            method: q.method.map_or("", Method::as_str).to_string(),
            rule: q.rule.clone(),
            paragraph: q.paragraph,
            extras: extra_columns
                .iter()
                .map(|k| match fields[i].get(k) {
                    None | Some(serde_json::Value::Null) => String::new(),
                    Some(serde_json::Value::String(s)) => s.clone(),
                    Some(v) => v.to_string(),
                })
                .collect(),
        })
        .collect();
    let quoted = quoted_people(rows, row_id);
    ArticleView {
        id: id.to_string(),
        name: name.to_string(),
        short: name.to_string(),
        quoted,
        counts,
        pieces,
        extra_columns,
        rows: row_views,
    }
}

/// The people quoted in an article, in order of first quote, each with their post and the rows
/// of their quotes (`row_id` names a row).
fn quoted_people(rows: &[&QuoteRecord], row_id: impl Fn(usize) -> String) -> Vec<QuotedView> {
    let mut quoted: Vec<QuotedView> = Vec::new();
    for (i, q) in rows.iter().enumerate() {
        if q.kind == QuoteKind::Scare {
            continue;
        }
        let name = match (q.speaker.is_empty(), q.title.is_empty()) {
            (false, _) => q.speaker.clone(),
            (true, false) => format!("unnamed {}", q.title),
            (true, true) => "speaker not found".to_string(),
        };
        let post = if q.speaker.is_empty() {
            q.affiliation.clone()
        } else {
            [q.title.as_str(), q.affiliation.as_str()]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(", ")
        };
        let link = (i + 1, format!("#{}", row_id(i)));
        match quoted.iter_mut().find(|s| s.name == name) {
            Some(s) => {
                s.quotes.push(link);
                if s.post.is_empty() {
                    s.post = post;
                }
            }
            None => quoted.push(QuotedView {
                name,
                post,
                quotes: vec![link],
            }),
        }
    }
    quoted
}

/// The hover text of a quote: who said it, as the row gives it.
fn who(q: &QuoteRecord) -> String {
    if q.kind == QuoteKind::Scare {
        return "scare quote: no speaker".into();
    }
    let post = match (q.title.is_empty(), q.affiliation.is_empty()) {
        (true, true) => String::new(),
        (false, true) => q.title.clone(),
        (true, false) => q.affiliation.clone(),
        (false, false) => format!("{}, {}", q.title, q.affiliation),
    };
    match (q.speaker.is_empty(), post.is_empty()) {
        (true, true) => "speaker not found".into(),
        (true, false) => format!("unnamed: {post}"),
        (false, true) => q.speaker.clone(),
        (false, false) => format!("{} — {post}", q.speaker),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(article: &str, text: &str, quote: &str, speaker: &str, kind: &str) -> QuoteRecord {
        let start = text.find(quote).unwrap();
        QuoteRecord {
            article: article.into(),
            start,
            end: start + quote.len(),
            quote: quote.into(),
            speaker: speaker.into(),
            kind: QuoteKind::from_name(kind).expect("a kind"),
            ..Default::default()
        }
    }

    #[test]
    fn untrusted_text_is_escaped_everywhere() {
        let text = "“<script>alert(1)</script>,” said Eve \"><img src=x onerror=alert(1)>.";
        let mut r = row(
            "<b>a</b>.txt",
            text,
            "<script>alert(1)</script>,",
            "Eve",
            "direct",
        );
        r.title = "\"><img src=x onerror=alert(1)>".into();
        r.affiliation = "' onmouseover='alert(1)".into();
        let texts = vec![(r.article.clone(), text.to_string())];
        let html = Report {
            title: "<u>t</u>",
            texts: &texts,
            records: &[r],
            speakers: &[],
        }
        .render()
        .unwrap();
        for bad in ["<script>alert", "<img", "<b>a", "<u>t", "' onmouseover"] {
            assert!(!html.contains(bad), "{bad} unescaped");
        }
        assert!(html.contains("&#60;script&#62;alert(1)&#60;/script&#62;,"));
        assert!(html.contains("&#34;&#62;&#60;img src=x onerror=alert(1)&#62;"));
        // The page's own script is the only one.
        assert_eq!(html.matches("<script").count(), 1);
    }

    #[test]
    fn every_quote_is_marked_and_linked_to_its_row() {
        let text =
            "Intro.\n\n“We will go,” said Ann Oak, the mayor. She called it a “turning point.”";
        let rows = vec![
            row("a", text, "We will go,", "Ann Oak", "direct"),
            row("a", text, "turning point.", "", "scare"),
        ];
        let texts = vec![("a".to_string(), text.to_string())];
        let page = Page::new(&Report {
            title: "t",
            texts: &texts,
            records: &rows,
            speakers: &[],
        });
        let a = &page.articles[0];
        assert_eq!(a.counts, vec![("direct", 1), ("partial", 0), ("scare", 1)]);
        assert!(a.rows.iter().all(|r| r.quote_href.is_some()));
        let marks = a
            .pieces
            .as_ref()
            .unwrap()
            .iter()
            .filter(|p| matches!(p, Piece::Quote { id: Some(_), .. }));
        assert_eq!(marks.count(), 2);
        assert_eq!(a.rows[0].quote_href.as_deref(), Some("#a1-q-11-22-1"));
        assert_eq!(parse_target("a1-q-11-22-1"), Some((11, 22)));
        assert_eq!(parse_target(&given_id("a7", 3, 9)), Some((3, 9)));
    }

    #[test]
    fn row_fields_the_table_does_not_name_become_extra_columns() {
        let text = "“Yes,” said Ann Oak.";
        let rows = [row("a", text, "Yes,", "Ann Oak", "direct")];
        let a = article_view("a1", "a", Some(text), &rows.iter().collect::<Vec<_>>(), &[]);
        let serialised: Vec<String> = match serde_json::to_value(&rows[0]).unwrap() {
            serde_json::Value::Object(m) => m.keys().cloned().collect(),
            _ => unreachable!(),
        };
        // Every field the table names exists, and any other (party, status, …) is an extra.
        assert!(SHOWN_FIELDS
            .iter()
            .all(|f| serialised.iter().any(|s| s == f)));
        let extras: Vec<&String> = serialised
            .iter()
            .filter(|f| !SHOWN_FIELDS.contains(&f.as_str()))
            .collect();
        assert_eq!(a.extra_columns.iter().collect::<Vec<_>>(), extras);
        assert!(a.rows.iter().all(|r| r.extras.len() == extras.len()));
    }

    #[test]
    fn names_are_shown_without_their_common_directory() {
        assert_eq!(common_dir(&["a/b/x.txt", "a/b/y.txt"]), 4);
        assert_eq!(common_dir(&["a/b/x.txt", "a/c/y.txt"]), 2);
        assert_eq!(common_dir(&["a/bx/x.txt", "a/by/y.txt"]), 2);
        assert_eq!(common_dir(&["x.txt", "a/y.txt"]), 0);
        assert_eq!(common_dir(&["seeds/x.txt"]), 6);
        assert_eq!(common_dir(&[]), 0);
    }

    #[test]
    fn who_says_what_the_row_knows() {
        let mut q = QuoteRecord {
            kind: QuoteKind::Direct,
            ..Default::default()
        };
        assert_eq!(who(&q), "speaker not found");
        q.title = "senior official".into();
        assert_eq!(who(&q), "unnamed: senior official");
        q.speaker = "Duyeon Kim".into();
        q.affiliation = "CNAS".into();
        assert_eq!(who(&q), "Duyeon Kim — senior official, CNAS");
        q.kind = QuoteKind::Scare;
        assert_eq!(who(&q), "scare quote: no speaker");
    }
}
