//! Stage 4, **attribute**: a [`Quote`] and the text around it → an [`Attribution`].
//!
//! In: the article text, the quotes of one paragraph, sentence starts. Out: for a quote, the rule
//! that matched, the cue ("said", "told reporters") and the span of the speaker mention, which
//! [`crate::speaker::SpeakerResolver`] then turns into a name.
//!
//! The rules are data (`patterns/cues.toml`). Each looks at one context:
//! * `after-quote`: from the closing mark to the end of the sentence (or the next quote), anchored
//!   at its start: `“…,” said Jane Roe` / `“…,” Roe said`;
//! * `before-quote`: from the sentence start (or the previous quote) to the opening mark; the
//!   match nearest the quote wins: `Roe said: “…”`, `Roe said the plan would “cost jobs”`;
//! * `previous-paragraph`: the last sentence of the previous paragraph, for a quote that opens
//!   its paragraph after a colon introduction.
//!
//! Titles of works and terms (`a piece titled “The Last Chance”`, `the so-called “phase one”
//! deal`) and nicknames (`Alasdair "Sandy" Baird`) are [`QuoteKind::Scare`] and get no speaker.

use crate::pattern::{PatternSet, Position};
use crate::quote::{Quote, QuoteKind};
use crate::segment::Span;

/// What a rule found for one quote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attribution {
    /// The rule's id (`cue.after.verb-mention`).
    pub rule_id: String,
    /// The rule's method name (`after-quote`, `before-quote`, `colon-intro`).
    pub method: String,
    /// The reporting words, as written.
    pub cue: Span,
    /// The speaker mention, as written.
    pub mention: Span,
}

/// The contexts around one quote.
#[derive(Clone, Copy, Debug)]
pub struct Context {
    /// After the closing mark to the end of the sentence.
    pub after: Span,
    /// From the sentence start (or the previous quote's end) to the opening mark.
    pub before: Span,
    /// The last sentence of the previous paragraph, when the quote opens its paragraph.
    pub previous: Option<Span>,
    /// Nothing but an attribution or a colon precedes the quote in its sentence.
    pub opens_sentence: bool,
}

/// Builds the contexts of `quotes[i]`, whose paragraph is `para` and whose paragraph's sentence
/// starts are `sentences` (absolute, sorted).
pub fn context(
    text: &str,
    quotes: &[Quote],
    i: usize,
    para: Span,
    sentences: &[usize],
    previous_para: Option<(Span, &[usize])>,
) -> Context {
    let q = &quotes[i];
    let sentence_start = sentences
        .iter()
        .copied()
        .take_while(|&s| s <= q.open)
        .last()
        .unwrap_or(para.start);
    let prev_close = i
        .checked_sub(1)
        .map(|k| &quotes[k])
        .filter(|p| p.paragraph == q.paragraph && p.after() <= q.open)
        .map(|p| p.after());
    let before_start = prev_close.map_or(sentence_start, |c| c.max(sentence_start));
    let before = text[before_start..q.open].trim();
    let opens_sentence =
        before.is_empty() || before.ends_with(':') || before.starts_with([',', '”', '"']);
    let after_start = q.after();
    let next_open = quotes
        .get(i + 1)
        .filter(|n| n.paragraph == q.paragraph)
        .map(|n| n.open);
    // The sentence ends at the next sentence start; for a quote that opens its sentence, a short
    // sentence right after the closing mark (“Why?” Smith asked.) still belongs to it.
    let mut ends = sentences.iter().copied().filter(|&s| s > after_start);
    let mut sentence_end = ends.next().unwrap_or(para.end);
    if opens_sentence && sentence_end <= after_start + 3 {
        let following = ends.next().unwrap_or(para.end);
        if following - sentence_end < 80 {
            sentence_end = following;
        }
    }
    let after_end = next_open
        .map_or(sentence_end, |o| o.min(sentence_end))
        .max(after_start);
    let opens_paragraph = text[para.start..q.open].trim().is_empty();
    let previous = if opens_paragraph {
        previous_para.map(|(ps, starts)| {
            let last = starts
                .iter()
                .copied()
                .rfind(|&s| s < ps.end)
                .unwrap_or(ps.start);
            Span::new(last, ps.end)
        })
    } else {
        None
    };
    Context {
        after: Span::new(after_start, after_end),
        before: Span::new(before_start, q.open),
        previous,
        opens_sentence,
    }
}

/// Runs the rules on a quote's contexts; the first rule (in file order) that matches wins, except
/// that for a quote inside a sentence (a partial quote) the `before-quote` rules go first: in
/// `X warned that it might mean “…,” Y said`, the quote is X's.
pub fn attribute(text: &str, ctx: &Context, patterns: &PatternSet) -> Option<Attribution> {
    let before_first = !ctx.opens_sentence;
    let ordered = patterns
        .rules
        .iter()
        .filter(|r| before_first && r.at == Position::BeforeQuote)
        .chain(
            patterns
                .rules
                .iter()
                .filter(|r| !(before_first && r.at == Position::BeforeQuote)),
        );
    for rule in ordered {
        let span = match rule.at {
            Position::AfterQuote => ctx.after,
            Position::BeforeQuote => ctx.before,
            Position::PreviousParagraph => match ctx.previous {
                Some(p) => p,
                None => continue,
            },
        };
        if span.start >= span.end {
            continue;
        }
        let hay = span.slice(text);
        let caps = match rule.at {
            Position::BeforeQuote => rule.regex.captures_iter(hay).last(),
            _ => rule.regex.captures(hay),
        };
        let Some(caps) = caps else { continue };
        let (Some(sp), Some(cue)) = (caps.name("speaker"), caps.name("cue")) else {
            continue;
        };
        // A sentence period caught by a name's last word ("said Jane Roe.") is not the name's.
        let m = sp.as_str();
        let trim = m.ends_with('.')
            && m[..m.len() - 1]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_lowercase());
        let sp_end = span.start + sp.end() - usize::from(trim);
        return Some(Attribution {
            rule_id: rule.id.clone(),
            method: rule.method.clone(),
            cue: Span::new(span.start + cue.start(), span.start + cue.end()),
            mention: Span::new(span.start + sp.start(), sp_end),
        });
    }
    None
}

/// Whether the quote is a title of a work, a term or a nickname rather than speech.
pub fn is_scare(text: &str, q: &Quote, ctx: &Context, patterns: &PatternSet) -> bool {
    let before = ctx.before.slice(text).trim_end().to_lowercase();
    let before = before.trim_end_matches([',', ':']);
    for w in &patterns.scare_before {
        if before.ends_with(w.as_str()) {
            let cut = before.len() - w.len();
            if cut == 0 || !before[..cut].ends_with(char::is_alphanumeric) {
                return true;
            }
        }
    }
    // A nickname: a short capitalised quote between two capitalised words.
    let inner = q.inner.slice(text);
    let words: Vec<&str> = inner.split_whitespace().collect();
    if !words.is_empty()
        && words.len() <= patterns.nickname_max_words
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
    {
        let prev_word = text[..q.open]
            .trim_end_matches(' ')
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or("");
        let next_word = text[q.after()..]
            .strip_prefix(' ')
            .and_then(|r| r.split(char::is_whitespace).next())
            .unwrap_or("");
        let cap = |w: &str| {
            w.chars().next().is_some_and(char::is_uppercase) && w.chars().all(char::is_alphabetic)
        };
        if cap(prev_word) && cap(next_word) && text[..q.open].ends_with(' ') {
            return true;
        }
    }
    false
}

/// Whether the quote is a whole statement (direct) or a fragment inside reported speech.
pub fn kind(text: &str, q: &Quote, ctx: &Context, attribution: Option<&Attribution>) -> QuoteKind {
    let before = ctx.before.slice(text).trim();
    if before.is_empty() || before.ends_with(':') {
        return QuoteKind::Direct;
    }
    // Between two pieces of one statement: `“…,” she said, “…”`.
    if let Some(a) = attribution {
        if a.mention.start >= ctx.before.start
            && before.starts_with([',', '”', '"'])
            && before.ends_with(',')
        {
            return QuoteKind::Direct;
        }
    }
    if before.starts_with([',', '.']) && before.ends_with(',') && before.len() < 60 {
        return QuoteKind::Direct;
    }
    let _ = q;
    QuoteKind::Partial
}
