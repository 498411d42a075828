//! The contexts a rule looks at around one quote: the rest of its sentence after the closing
//! mark, the sentence before the opening mark, the last sentence of the paragraph before, the
//! sentence before in the same paragraph, and the quote's first words.
//!
//! In: the text, the article's quotes, one quote's index, its paragraph and sentence starts. Out:
//! a [`Context`] of byte spans of the text. Sentence starts are sorted, so every lookup is a
//! binary search and a huge paragraph stays linear.

use crate::pattern::PatternSet;
use crate::quote::Quote;
use crate::segment::Span;

/// A sentence end at most this many bytes after a closing mark is the quote's own (“Why?” — its
/// `?` and a space).
const SHORT_GAP: usize = 3;
/// A sentence shorter than this right after a quote that opens its sentence still belongs to it
/// (“Why?” Smith asked.): long enough for a name, a title and a reporting verb.
const SHORT_SENTENCE: usize = 80;

/// How many words of a longer sentence after a quote may come before its reporting verb, for it
/// to read as the quote's attribution ([`reads_as_attribution`]).
const ATTRIBUTION_VERB_WORDS: usize = 8;

/// How many words may come before the reporting verb of a sentence after a quote when a name's
/// appositive, closed by its comma, is among them.
const APPOSED_VERB_WORDS: usize = 24;

/// Whether a sentence of any length right after a quote that opens its sentence reads as that
/// quote's attribution: a reporting verb within its first words, followed by no clause of its own
/// ("Clinton said at a rally in California, one of six states …", "de Blasio complained."; not
/// "David Davis said the government had failed …", which reports something else).
fn reads_as_attribution(sentence: &str, patterns: &PatternSet) -> bool {
    let words: Vec<&str> = sentence
        .split_whitespace()
        .take(APPOSED_VERB_WORDS + 2)
        .collect();
    // (A reporting verb as reports are written after a quote: in the past, or "says" and its
    // kin; not "Auditions begin in Canada".)
    let reporting = |w: &str| {
        let w = w.trim_end_matches([',', '.', ';', ':']);
        w.starts_with(char::is_lowercase)
            && patterns.word_bits.exact(w) & crate::pattern::lexicon::W_SPEECH_VERB_EXACT != 0
            && (w.ends_with("ed")
                || matches!(w, "said" | "says" | "wrote" | "writes" | "told" | "tells"))
    };
    // Within the first words, or later right after a name's appositive closed by its comma
    // ("Jeffrey Eggers, a retired Navy SEAL and White House staffer for Bush and Obama, told
    // interviewers").
    let apposed = |i: usize| {
        i > 0 && words[0].starts_with(char::is_uppercase) && words[i - 1].ends_with([',', ')'])
    };
    let Some(v) = (0..words.len().min(APPOSED_VERB_WORDS + 1))
        .find(|&i| reporting(words[i]) && (i <= ATTRIBUTION_VERB_WORDS || apposed(i)))
    else {
        return false;
    };
    // A sentence that brings a quote of its own, or introduces one ("Mike Hobday, of the League,
    // said: …"), is another's; so is one whose verb follows an auxiliary ("The TUC has called on
    // the government …"): the verb comes right after a name or a pronoun.
    if v == 0 || sentence.contains(['“', '"', ':']) {
        return false;
    }
    let subject = words[v - 1].trim_end_matches(',');
    // (Not the writer: "I asked Cefali on Wednesday".)
    if matches!(subject, "I" | "We") {
        return false;
    }
    if !(subject.starts_with(char::is_uppercase)
        || matches!(subject, "he" | "she" | "they")
        || apposed(v))
    {
        return false;
    }
    let verb = words[v];
    if verb.ends_with([',', '.', ';']) {
        return true;
    }
    let Some(next) = words.get(v + 1) else {
        return true;
    };
    let lower = next.trim_end_matches([',', '.', ';']).to_lowercase();
    // A clause of its own after the verb ("said in an interview that he wants …", "said while
    // he doesn't enjoy …") reports something else.
    let own_clause = words[v + 1..]
        .iter()
        .any(|w| matches!(*w, "that" | "he" | "she" | "they" | "it" | "while"));
    if own_clause && v > ATTRIBUTION_VERB_WORDS {
        return false;
    }
    // ("told a room full of union members": the one told.)
    let told = matches!(verb, "told" | "tells" | "asked") && !own_clause;
    told || patterns.weekdays.contains(&lower)
        || matches!(
            lower.as_str(),
            "at" | "in"
                | "on"
                | "to"
                | "during"
                | "after"
                | "before"
                | "while"
                | "from"
                | "reporters"
                | "journalists"
                | "later"
                | "then"
                | "again"
        )
        || (lower.len() > 4 && lower.ends_with("ly"))
}

/// Whether a sentence names no one (no capitalised word past its first), reports nothing (no
/// reporting verb, no document) and quotes nothing: a reader keeps the speaker of the sentence
/// before it.
fn says_nothing(sentence: &str, patterns: &PatternSet) -> bool {
    let mut words = sentence.split_whitespace();
    words.next();
    !sentence.contains(['“', '”', '"', ':'])
        && words.all(|w| {
            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
            // (Nor "according to the research", "The minutes of the meeting show": a source.)
            !w.starts_with(char::is_uppercase)
                && w != "according"
                && !patterns.document_words.contains(w)
                && patterns.word_bits.exact(w) & crate::pattern::lexicon::W_SPEECH_VERB_EXACT == 0
        })
        && !sentence.split_whitespace().next().is_some_and(|w| {
            // (Nor one whose subject is someone: "She hesitates cautiously.")
            let w = w.to_lowercase();
            patterns.document_words.contains(&w) || patterns.pronouns.contains_key(w.as_str())
        })
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
    /// The sentence before in the same paragraph, when the quote starts its sentence.
    pub previous_sentence: Option<Span>,
    /// Nothing but an attribution or a colon precedes the quote in its sentence.
    pub opens_sentence: bool,
    /// The quote ends with a question or an exclamation: a whole utterance, even inside a
    /// sentence.
    pub utterance: bool,
    /// The first words inside the quote (where a transcript puts its speaker label).
    pub opening: Span,
    /// The first line of the next paragraph, when the quote is a paragraph of its own (where a
    /// signature stands: `- Bernie Sanders.`).
    pub next: Option<Span>,
}

/// How many nicknames after a quote its sentence may run past: a bound, so that a paragraph of
/// many short capitalised quotes stays linear.
const NICKNAMES_SKIPPED: usize = 4;

/// How much of the next paragraph the `next-paragraph` rules see: a signature line (`- Michelle
/// Marks, Philadelphia.`), never a long paragraph.
const SIGNATURE_BYTES: usize = 120;

/// How much of a quote's beginning the `quote-start` rules see: enough for a speaker label
/// ("SEN. ELIZABETH WARREN:"), little enough to stay cheap.
pub(super) const OPENING_BYTES: usize = 48;

/// A quote's paragraph and its neighbours.
#[derive(Clone, Copy, Debug)]
pub struct Paragraphs<'a> {
    /// The quote's paragraph.
    pub this: Span,
    /// Its sentence starts (absolute, sorted).
    pub sentences: &'a [usize],
    /// The paragraph before and its sentence starts.
    pub previous: Option<(Span, &'a [usize])>,
    /// The paragraph after.
    pub next: Option<Span>,
}

/// Builds the contexts of `quotes[i]` in its paragraphs `paras`; a capitalised quote of at most
/// `nickname_max_words` words inside a name is a nickname, which does not end a sentence's
/// context.
pub fn context(
    text: &str,
    quotes: &[Quote],
    i: usize,
    paras: Paragraphs<'_>,
    patterns: &PatternSet,
) -> Context {
    let nickname_max_words = patterns.quotes.nickname_max_words;
    let Paragraphs {
        this: para,
        sentences,
        previous: previous_para,
        next: next_para,
    } = paras;
    let q = &quotes[i];
    // Sentence starts are sorted: binary searches keep huge paragraphs linear.
    let sentence_start = sentences[..sentences.partition_point(|&s| s <= q.open)]
        .last()
        .copied()
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
    // The next quote ends this one's sentence, unless it is a nickname inside the speaker's
    // name (`“…,” Scott's niece, Marcia "Cia" Price, shouted`).
    let next_open = quotes[i + 1..]
        .iter()
        .take_while(|n| n.paragraph == q.paragraph)
        .take(NICKNAMES_SKIPPED)
        .find(|n| !super::kind::is_nickname(text, n, nickname_max_words))
        .map(|n| n.open);
    // The sentence ends at the next sentence start; for a quote that opens its sentence, a short
    // sentence right after the closing mark (“Why?” Smith asked.) still belongs to it.
    let mut ends = sentences[sentences.partition_point(|&s| s <= after_start)..]
        .iter()
        .copied();
    let mut sentence_end = ends.next().unwrap_or(para.end);
    if opens_sentence && sentence_end <= after_start + SHORT_GAP {
        let following = ends.next().unwrap_or(para.end);
        if following - sentence_end < SHORT_SENTENCE
            || reads_as_attribution(&text[sentence_end..following], patterns)
        {
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
    // The sentence before, in the same paragraph, when the quote starts its sentence and that
    // sentence holds no quote of its own.
    let previous_sentence = (before.is_empty() && sentence_start > para.start)
        .then(|| {
            let k = sentences.partition_point(|&s| s < sentence_start);
            let s = k.checked_sub(1).map_or(para.start, |k| sentences[k]);
            // (Past a sentence that names no one and reports nothing, to one that reports:
            // "…, Peluso says. Once researchers can find the cause, they can start targeting
            // treatments. “I hope …”".)
            match k.checked_sub(2).map(|k| sentences[k]) {
                Some(e) if e >= para.start && says_nothing(&text[s..sentence_start], patterns) => {
                    Span::new(e, s)
                }
                _ => Span::new(s, sentence_start),
            }
        })
        // Quotes are sorted too: the one right before this quote is the only one that can lie in
        // the previous sentence's span and matter.
        .filter(|sp| {
            !i.checked_sub(1)
                .is_some_and(|k| quotes[k].open >= sp.start && quotes[k].open < sp.end)
        });
    // The first words of the inner text, cut at a character boundary.
    let mut opening_end = q.inner.end.min(q.inner.start + OPENING_BYTES);
    while !text.is_char_boundary(opening_end) {
        opening_end -= 1;
    }
    // The next paragraph's first line, when the quote is its paragraph: it opens it and nothing but
    // closing punctuation follows it (a paragraph that names its speaker is not signed below).
    let ends_paragraph = text[q.after()..para.end]
        .chars()
        .all(|c| c.is_whitespace() || matches!(c, '.' | ',' | '!' | '?' | '”' | '"' | '’' | '\''));
    let next = next_para
        .filter(|_| ends_paragraph && opens_paragraph)
        .map(|n| {
            let line_end = memchr::memchr(b'\n', &text.as_bytes()[n.start..n.end])
                .map_or(n.end, |k| n.start + k);
            let mut end = line_end.min(n.start + SIGNATURE_BYTES);
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            Span::new(n.start, end)
        });
    Context {
        next,
        opening: Span::new(q.inner.start, opening_end),
        after: Span::new(after_start, after_end),
        before: Span::new(before_start, q.open),
        previous,
        previous_sentence,
        opens_sentence,
        utterance: q.inner.slice(text).trim_end().ends_with(['?', '!']),
    }
}
