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

use regex_automata::{hybrid, meta, Anchored, Input};

use crate::pattern::rules::{CueRule, Prefilter, RuleSearch};
use crate::pattern::words::Normalized;
use crate::pattern::{PatternSet, Position};
use crate::quote::{Quote, QuoteKind};
use crate::segment::Span;
use crate::speaker::name::{is_possessive, strip_possessive};

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
    /// The sentence before in the same paragraph, when the quote starts its sentence.
    pub previous_sentence: Option<Span>,
    /// Nothing but an attribution or a colon precedes the quote in its sentence.
    pub opens_sentence: bool,
    /// The quote ends with a question or an exclamation: a whole utterance, even inside a
    /// sentence.
    pub utterance: bool,
    /// The first words inside the quote (where a transcript puts its speaker label).
    pub opening: Span,
}

/// How much of a quote's beginning the `quote-start` rules see: enough for a speaker label
/// ("SEN. ELIZABETH WARREN:"), little enough to stay cheap.
const OPENING_BYTES: usize = 48;

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
    let next_open = quotes
        .get(i + 1)
        .filter(|n| n.paragraph == q.paragraph)
        .map(|n| n.open);
    // The sentence ends at the next sentence start; for a quote that opens its sentence, a short
    // sentence right after the closing mark (“Why?” Smith asked.) still belongs to it.
    let mut ends = sentences[sentences.partition_point(|&s| s <= after_start)..]
        .iter()
        .copied();
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
    // The sentence before, in the same paragraph, when the quote starts its sentence and that
    // sentence holds no quote of its own.
    let previous_sentence = (before.is_empty() && sentence_start > para.start)
        .then(|| {
            let k = sentences.partition_point(|&s| s < sentence_start);
            let s = k.checked_sub(1).map_or(para.start, |k| sentences[k]);
            Span::new(s, sentence_start)
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
    Context {
        opening: Span::new(q.inner.start, opening_end),
        after: Span::new(after_start, after_end),
        before: Span::new(before_start, q.open),
        previous,
        previous_sentence,
        opens_sentence,
        utterance: q.inner.slice(text).trim_end().ends_with(['?', '!']),
    }
}

/// Runs the rules on a quote's contexts; the first rule (in file order) that matches wins, except
/// that for a quote inside a sentence (a partial quote) the `before-quote` rules go first: in
/// `X warned that it might mean “…,” Y said`, the quote is X's (not for a question or an
/// exclamation). Rules marked `last` go after all others.
///
/// With `fallback`, only the rules marked `fallback = true` run (after continuation failed).
/// Rules run on the contexts with their lexicon words as word classes ([`crate::pattern::words`]);
/// every offset is mapped back to `text`.
///
/// `regexes` are, in rule order, the regexes of the rules without a [`RuleSearch`]
/// ([`crate::pattern::rules::CueRule::plain_regex`]): `patterns`' own, or per-thread clones (a
/// regex shared by threads makes them wait on its cache pool).
pub fn attribute(
    text: &str,
    ctx: &Context,
    patterns: &PatternSet,
    regexes: &[Option<regex::Regex>],
    fallback: bool,
) -> Option<Attribution> {
    // (A question or an exclamation is a whole utterance: `… denies — “why wouldn’t you?” asked
    // Dunn` is Dunn's, and the rules after the quote say so first.)
    let before_first = !ctx.opens_sentence && !ctx.utterance;
    let rules = patterns
        .rules
        .iter()
        .enumerate()
        .filter(|(_, r)| r.fallback == fallback);
    let early = |r: &CueRule| before_first && r.at == Position::BeforeQuote && !r.last;
    let ordered = rules
        .clone()
        .filter(move |(_, r)| early(r))
        .chain(rules.clone().filter(move |(_, r)| !early(r) && !r.last))
        .chain(rules.filter(|(_, r)| r.last));
    // Each context is normalized once, on first use, into this thread's buffers.
    let mut done = [false; 5];
    NORMALIZED.with_borrow_mut(|cache| {
        SEARCH_CACHES.with_borrow_mut(|caches| {
            caches.prepare(patterns);
            for (ri, rule) in ordered {
                let (slot, span) = match rule.at {
                    Position::AfterQuote => (0, ctx.after),
                    Position::BeforeQuote => (1, ctx.before),
                    Position::PreviousParagraph => match ctx.previous {
                        Some(p) => (2, p),
                        None => continue,
                    },
                    Position::PreviousSentence => match ctx.previous_sentence {
                        Some(p) => (3, p),
                        None => continue,
                    },
                    Position::QuoteStart => (4, ctx.opening),
                };
                if span.start >= span.end {
                    continue;
                }
                let orig = span.slice(text);
                // Rules with the same regex share their automata and caches.
                let cslot = rule.search.as_ref().map_or(ri, |s| s.cache_slot);
                let search = patterns.rules[cslot].search.as_ref();
                if let Some(
                    s @ RuleSearch {
                        anchored: true,
                        prefilter: Prefilter::Forward(dfa),
                        ..
                    },
                ) = search
                {
                    let _ = s;
                    let c = caches.forward[cslot].get_or_insert_with(|| dfa.create_cache());
                    if !may_match_at_start(dfa, c, orig) {
                        continue;
                    }
                }
                if !done[slot] {
                    patterns.word_classes.normalize_into(orig, &mut cache[slot]);
                    done[slot] = true;
                }
                let norm = &cache[slot];
                let hay = norm.text.as_str();
                let phrases = PhraseStarts {
                    orig,
                    map: &norm.orig,
                    patterns,
                };
                let all = matches(
                    cslot,
                    rule.at,
                    search,
                    hay,
                    regexes[ri].as_ref(),
                    caches,
                    Some(&phrases),
                );
                // A transcript's speaker label is written in capitals ("PENCE:"), like a
                // dateline.
                let label = rule.at == Position::QuoteStart;
                for caps in all {
                    let (Some(sp), Some(cue)) = (caps.speaker, caps.cue) else {
                        continue;
                    };
                    // Back to offsets in the original context.
                    let (mut sp_s, sp_e) = (norm.orig[sp.0], norm.orig[sp.1]);
                    let (cue_s, mut cue_e) = (norm.orig[cue.0], norm.orig[cue.1]);
                    // "said activist Bob Klaus": a title word that ends the cue ("told
                    // reporters") but starts the speaker's description belongs to the speaker.
                    if let Some((head, last)) = orig[cue_s..cue_e].rsplit_once([' ', '\u{a0}']) {
                        if cue_e <= sp_s
                            && orig[cue_e..sp_s].trim().is_empty()
                            && orig[sp_s..sp_e].starts_with(char::is_uppercase)
                            && patterns.titles.contains(last)
                        {
                            cue_e = cue_s + head.len();
                            sp_s = cue_e + orig[cue_e..].len() - orig[cue_e..].trim_start().len();
                        }
                    }
                    let m = &orig[sp_s..sp_e];
                    // "Sanders’ comments": a possessive right before the verb owns a noun; it
                    // says nothing.
                    // ("He’s claiming", "Trump’s saying": that ’s is "is".)
                    let possessive = m.split_whitespace().next_back().is_some_and(is_possessive)
                        && !orig[cue_s..cue_e]
                            .split_whitespace()
                            .next()
                            .is_some_and(|w| w.ends_with("ing"))
                        && !strip_possessive(&m.to_lowercase())
                            .is_some_and(|stem| patterns.pronouns.contains_key(stem));
                    if possessive && cue_s >= sp_e && orig[sp_e..cue_s].trim().is_empty() {
                        continue;
                    }
                    let match_start = caps.start;
                    // "the Washington Post’s Ishaan Tharoor": a possessive names whose person.
                    let possessive_start = m.split_whitespace().rev().skip(1).any(is_possessive)
                        && follows_the(orig, sp_s);
                    if !plausible_mention(m, patterns, label)
                        || (match_start == sp.0
                            && !possessive_start
                            && !starts_a_phrase(orig, sp_s, patterns))
                    {
                        continue;
                    }
                    // A sentence period caught by a name's last word ("said Jane Roe.") is not the name's.
                    let trim = m.ends_with('.')
                        && m[..m.len() - 1]
                            .chars()
                            .next_back()
                            .is_some_and(|c| c.is_lowercase());
                    let sp_end = span.start + sp_e - usize::from(trim);
                    // Sentence-opening words caught by a name ("But Trump", "With Democratic leaders").
                    let mut sp_start = span.start + sp_s;
                    let mut rest = &text[sp_start..sp_end];
                    // (Not "The" of "The New York businessman": a description ends in lowercase.)
                    let described = rest
                        .rsplit(' ')
                        .next()
                        .is_some_and(|w| w.starts_with(char::is_lowercase));
                    while let Some((w, tail)) = rest.split_once(' ').filter(|_| !described) {
                        if patterns.non_names.contains(w.trim_end_matches(','))
                            && tail.chars().next().is_some_and(char::is_uppercase)
                        {
                            sp_start += w.len() + 1;
                            rest = tail;
                        } else {
                            break;
                        }
                    }
                    if !plausible_mention(rest, patterns, label) {
                        continue;
                    }
                    // "Another critic, Laurence H. Tribe, likened …": the name in apposition is the speaker.
                    let (sp_start, sp_end) = apposed_name(text, sp_start, sp_end, patterns)
                        .unwrap_or((sp_start, sp_end));
                    // "the Association of Flight Attendants": the organisation's whole name.
                    let sp_end = org_name_end(text, sp_start, sp_end, patterns);
                    // "Berea, OH, after winning Ohio, Gov. John Kasich (R-OH), said": the name
                    // in the last comma piece before the verb is its subject.
                    let cue_abs = span.start + cue_s;
                    let (sp_start, sp_end) = if cue_abs > sp_end {
                        closer_subject(text, sp_end, cue_abs, patterns)
                            .unwrap_or((sp_start, sp_end))
                    } else {
                        (sp_start, sp_end)
                    };
                    return Some(Attribution {
                        rule_id: rule.id.clone(),
                        method: rule.method.clone(),
                        cue: Span::new(span.start + cue_s, span.start + cue_e),
                        mention: Span::new(sp_start, sp_end),
                    });
                }
            }
            None
        })
    })
}

/// This thread's search caches for the rules' [`RuleSearch`] automata, made once per thread and
/// pattern set.
#[derive(Default)]
struct SearchCaches {
    id: u64,
    exact: Vec<Option<(meta::Cache, regex_automata::util::captures::Captures)>>,
    forward: Vec<Option<hybrid::dfa::Cache>>,
    reverse: Vec<Option<hybrid::dfa::Cache>>,
    /// Scratch: the possible match starts of one rule in one context.
    starts: Vec<usize>,
}

impl SearchCaches {
    fn prepare(&mut self, patterns: &PatternSet) {
        if self.id == patterns.id {
            return;
        }
        let n = patterns.rules.len();
        *self = SearchCaches {
            id: patterns.id,
            exact: (0..n).map(|_| None).collect(),
            forward: (0..n).map(|_| None).collect(),
            reverse: (0..n).map(|_| None).collect(),
            starts: Vec::new(),
        };
    }
}

thread_local! {
    static NORMALIZED: std::cell::RefCell<[Normalized; 5]> = std::cell::RefCell::new(Default::default());
    static SEARCH_CACHES: std::cell::RefCell<SearchCaches> = std::cell::RefCell::new(SearchCaches::default());
}

/// One match of a rule: where it starts, and its `speaker` and `cue` groups.
#[derive(Clone, Copy, Debug)]
struct Found {
    start: usize,
    speaker: Option<(usize, usize)>,
    cue: Option<(usize, usize)>,
}

impl Found {
    fn of_regex(c: &regex::Captures) -> Found {
        let span = |m: regex::Match| (m.start(), m.end());
        Found {
            start: c.get(0).map_or(0, |m| m.start()),
            speaker: c.name("speaker").map(span),
            cue: c.name("cue").map(span),
        }
    }
}

/// The rule's regex as the attribution runs it: its [`RuleSearch::exact`] meta regex with this
/// thread's cache, or, without one, the `regex::Regex`. Both give the same matches.
enum Exact<'a> {
    Meta {
        re: &'a meta::Regex,
        cache: &'a mut meta::Cache,
        caps: &'a mut regex_automata::util::captures::Captures,
        groups: (usize, usize),
    },
    Plain(&'a regex::Regex),
}

impl Exact<'_> {
    /// As `regex::Regex::find_at(hay, pos)`.
    fn find_at(&mut self, hay: &str, pos: usize) -> Option<(usize, usize)> {
        match self {
            Exact::Meta { re, cache, .. } => re
                .search_with(cache, &Input::new(hay).range(pos..))
                .map(|m| (m.start(), m.end())),
            Exact::Plain(re) => re.find_at(hay, pos).map(|m| (m.start(), m.end())),
        }
    }

    /// The leftmost match of `input` with its groups, and where it ends.
    fn search_captures(&mut self, input: &Input) -> Option<(Found, usize)> {
        match self {
            Exact::Meta {
                re,
                cache,
                caps,
                groups,
            } => {
                re.search_captures_with(cache, input, caps);
                let m = caps.get_match()?;
                let span = |g: usize| caps.get_group(g).map(|s| (s.start, s.end));
                Some((
                    Found {
                        start: m.start(),
                        speaker: span(groups.0),
                        cue: span(groups.1),
                    },
                    m.end(),
                ))
            }
            Exact::Plain(re) => {
                let hay = input.haystack();
                let hay = std::str::from_utf8(hay).expect("a str haystack");
                re.captures_at(hay, input.start())
                    .map(|c| (Found::of_regex(&c), c.get(0).map_or(0, |m| m.end())))
            }
        }
    }

    /// As `regex::Regex::captures_at(hay, pos)`.
    fn captures_at(&mut self, hay: &str, pos: usize) -> Option<Found> {
        match self {
            Exact::Meta {
                re,
                cache,
                caps,
                groups,
            } => {
                re.search_captures_with(cache, &Input::new(hay).range(pos..), caps);
                let m = caps.get_match()?;
                let span = |g: usize| caps.get_group(g).map(|s| (s.start, s.end));
                Some(Found {
                    start: m.start(),
                    speaker: span(groups.0),
                    cue: span(groups.1),
                })
            }
            Exact::Plain(re) => re.captures_at(hay, pos).map(|c| Found::of_regex(&c)),
        }
    }
}

/// Every match of rule `ri` in `hay` that [`attribute`] considers, in the order it tries them:
/// for the rules before the quote, every match (including those that start inside an earlier
/// one), nearest the quote first; for the others, the first match. `re` is the rule's regex, needed
/// only without `search`. With `phrases`, a rule whose match starts with its speaker is not tried
/// where [`attribute`] would reject the speaker ([`PhraseStarts::rules_out`]).
fn matches(
    ri: usize,
    at: Position,
    search: Option<&RuleSearch>,
    hay: &str,
    re: Option<&regex::Regex>,
    caches: &mut SearchCaches,
    phrases: Option<&PhraseStarts>,
) -> Vec<Found> {
    let phrases = phrases.filter(|_| search.is_some_and(|s| s.speaker_first));
    // The relaxed regex rules out most contexts at once; without a match of it, the rule has none.
    let mut reverse = None;
    match search.map(|s| &s.prefilter) {
        Some(Prefilter::Forward(dfa)) => {
            let c = caches.forward[ri].get_or_insert_with(|| dfa.create_cache());
            if let Ok(None) = dfa.try_search_fwd(c, &Input::new(hay).earliest(true)) {
                return Vec::new();
            }
        }
        Some(Prefilter::Reverse(dfa)) => {
            let c = caches.reverse[ri].get_or_insert_with(|| dfa.create_cache());
            let starts = &mut caches.starts;
            match possible_starts(dfa, c, hay, starts) {
                Some(()) if starts.is_empty() => return Vec::new(),
                Some(()) => reverse = Some(()),
                None => {}
            }
        }
        None => {}
    }
    let SearchCaches {
        exact: exact_caches,
        starts,
        ..
    } = caches;
    let mut exact = match search {
        Some(s) => {
            let (cache, caps) = exact_caches[ri]
                .get_or_insert_with(|| (s.exact.create_cache(), s.exact.create_captures()));
            Exact::Meta {
                re: &s.exact,
                cache,
                caps,
                groups: s.groups,
            }
        }
        None => Exact::Plain(re.expect("a rule without a search has its regex")),
    };
    match at {
        Position::BeforeQuote | Position::PreviousParagraph => {
            // Every match, including those that start inside an earlier one: a long match
            // from an implausible mention ("However, …, Stephen Biegun, …, said") must not
            // hide the real one inside it. Nearest the quote first.
            let mut v: Vec<Found> = Vec::new();
            let mut pos = 0;
            // The possible starts, nearest the context's start last: they are popped in order.
            let starts: &mut Vec<usize> = starts;
            while pos <= hay.len() {
                // The leftmost match starting at or after `pos`, with its groups.
                let found = match (reverse, &exact) {
                    (Some(()), Exact::Meta { .. }) => {
                        leftmost_from(hay, pos, starts, &mut exact, phrases)
                    }
                    (None, Exact::Meta { .. }) => {
                        exact.search_captures(&Input::new(hay).range(pos..))
                    }
                    (_, Exact::Plain(_)) => exact.find_at(hay, pos).map(|(s, e)| {
                        (
                            Found {
                                start: s,
                                speaker: None,
                                cue: None,
                            },
                            e,
                        )
                    }),
                };
                let Some((found, found_end)) = found else {
                    break;
                };
                // Captures only over the match itself (the groups found over all of `hay` when
                // they cannot differ).
                let same = matches!(exact, Exact::Meta { .. })
                    && search.is_some_and(|s| s.same_groups_truncated(hay, found_end));
                let c = if same {
                    found
                } else {
                    match exact.captures_at(&hay[..found_end], found.start) {
                        Some(c) => c,
                        None => break,
                    }
                };
                let s = c.start;
                pos = s + hay[s..].chars().next().map_or(1, char::len_utf8);
                // Keep one match per speaker start.
                if v.last()
                    .is_none_or(|p| p.speaker.map(|m| m.0) != c.speaker.map(|m| m.0))
                {
                    v.push(c);
                }
            }
            // The cue nearest the quote first; for one cue, the speaker nearest it.
            v.sort_by_key(|c| {
                let cue = c.cue.map_or(0, |m| m.0);
                let sp = c.speaker.map_or(0, |m| m.0);
                (std::cmp::Reverse(cue), std::cmp::Reverse(sp))
            });
            v
        }
        _ => exact.captures_at(hay, 0).into_iter().collect(),
    }
}

/// Whether a match of the `^`-anchored forward relaxed `dfa` can start the normalized form of
/// the context `orig` ([`crate::pattern::words`]), judged from its first two bytes, before
/// normalizing it. Normalization keeps every byte outside a lexicon word and writes a lexicon
/// word, which only starts at a character boundary, as one class character ([`CLASS_CHAR`]). So
/// the normalized context starts with a class character, or with `orig[0]` followed by `orig[1]`
/// or by a class character. `false` only when the DFA dies on every one of those; `true` whenever
/// in doubt.
fn may_match_at_start(dfa: &hybrid::dfa::DFA, cache: &mut hybrid::dfa::Cache, orig: &str) -> bool {
    let b = orig.as_bytes();
    let (Some(&b0), Some(&b1)) = (b.first(), b.get(1)) else {
        return true;
    };
    let Ok(start) = dfa.start_state_forward(cache, &Input::new(orig).anchored(Anchored::Yes))
    else {
        return true;
    };
    // The state after `byte` from `sid`: `None` when no match can follow; an error when the
    // cache gave up (then no verdict).
    let next = |cache: &mut hybrid::dfa::Cache, sid, byte| {
        dfa.next_state(cache, sid, byte)
            .map(|s| (!s.is_dead()).then_some(s))
    };
    // Whether a word-class character can follow `sid` (one byte per byte class).
    let class_char = |cache: &mut hybrid::dfa::Cache, sid| -> Result<bool, hybrid::CacheError> {
        let Some(s1) = next(cache, sid, CLASS_CHAR.0)? else {
            return Ok(false);
        };
        let classes = dfa.byte_classes();
        for b2 in classes
            .representatives(CLASS_CHAR.1)
            .filter_map(|u| u.as_u8())
        {
            if let Some(s2) = next(cache, s1, b2)? {
                for b3 in classes
                    .representatives(CLASS_CHAR.2)
                    .filter_map(|u| u.as_u8())
                {
                    if next(cache, s2, b3)?.is_some() {
                        return Ok(true);
                    }
                }
            }
        }
        Ok(false)
    };
    let verdict = |cache: &mut hybrid::dfa::Cache| -> Result<bool, hybrid::CacheError> {
        if class_char(cache, start)? {
            return Ok(true);
        }
        let Some(s0) = next(cache, start, b0)? else {
            return Ok(false);
        };
        // A match (found one byte late) or a quit state: no verdict from the second byte.
        if s0.is_tagged() && !s0.is_start() {
            return Ok(true);
        }
        Ok(next(cache, s0, b1)?.is_some() || class_char(cache, s0)?)
    };
    verdict(cache).unwrap_or(true)
}

/// The UTF-8 bytes of the word-class characters (U+E000 to U+E07F, see
/// [`crate::pattern::words`]): the lead byte, then the ranges of the second and third bytes.
const CLASS_CHAR: (
    u8,
    std::ops::RangeInclusive<u8>,
    std::ops::RangeInclusive<u8>,
) = (0xEE, 0x80..=0x81, 0x80..=0xBF);

/// Every position of `hay` where a match of the reverse relaxed `dfa` — and so of its rule — can
/// start, into `out`, largest first, from one backward pass. `None` if the DFA fails.
fn possible_starts(
    dfa: &hybrid::dfa::DFA,
    cache: &mut hybrid::dfa::Cache,
    hay: &str,
    out: &mut Vec<usize>,
) -> Option<()> {
    out.clear();
    let bytes = hay.as_bytes();
    let input = Input::new(hay);
    let mut sid = dfa.start_state_reverse(cache, &input).ok()?;
    // A match state after the byte at `at` is a match starting at `at + 1` (matches are
    // reported one byte late); after the end-of-input transition, one starting at 0.
    for at in (0..bytes.len()).rev() {
        sid = dfa.next_state(cache, sid, bytes[at]).ok()?;
        if sid.is_tagged() {
            if sid.is_match() {
                out.push(at + 1);
            } else if sid.is_dead() {
                return Some(());
            } else if sid.is_quit() {
                return None;
            }
        }
    }
    sid = dfa.next_eoi_state(cache, sid).ok()?;
    if sid.is_match() {
        out.push(0);
    }
    Some(())
}

/// The leftmost match of `exact` in `hay` that starts at or after `pos` (as `find_at` would
/// find it), with its groups and end, trying `exact` anchored only at the possible `starts`
/// (sorted, largest first; those below the match found are used up), except those `phrases`
/// rules out.
fn leftmost_from(
    hay: &str,
    pos: usize,
    starts: &mut Vec<usize>,
    exact: &mut Exact,
    phrases: Option<&PhraseStarts>,
) -> Option<(Found, usize)> {
    while let Some(&start) = starts.last() {
        if start < pos {
            starts.pop();
            continue;
        }
        if hay.is_char_boundary(start) && !phrases.is_some_and(|p| p.rules_out(start)) {
            let input = Input::new(hay).range(start..).anchored(Anchored::Yes);
            if let Some(found) = exact.search_captures(&input) {
                return Some(found);
            }
        }
        starts.pop();
    }
    None
}

/// A context as [`attribute`] judges a speaker's start: the context as written, the map from its
/// normalized form's offsets to it ([`crate::pattern::words::Normalized::orig`]), the patterns.
struct PhraseStarts<'a> {
    orig: &'a str,
    map: &'a [usize],
    patterns: &'a PatternSet,
}

impl PhraseStarts<'_> {
    /// Whether [`attribute`] rejects every match of a rule that starts with its speaker at `at`
    /// (an offset in the normalized context): the speaker does not start a phrase and does not
    /// follow "the" (the one case where a speaker inside a phrase is kept, "the Washington
    /// Post’s Ishaan Tharoor"). The exact search need not run there.
    fn rules_out(&self, at: usize) -> bool {
        let at = self.map[at];
        !starts_a_phrase(self.orig, at, self.patterns) && !follows_the(self.orig, at)
    }
}

/// Whether the word before `at` in `hay` is "the".
fn follows_the(hay: &str, at: usize) -> bool {
    hay[..at].trim_end().rsplit([' ', '\u{a0}']).next() == Some("the")
}

/// Whether a mention starting at `at` starts a noun phrase, rather than continuing a name
/// ("Stephen |Biegun"), following a determiner ("the |Dong-A Ilbo") or being the object of a
/// preposition ("the foreign minister of |France").
fn starts_a_phrase(hay: &str, at: usize, patterns: &PatternSet) -> bool {
    // Inside a word ("Dong-|A Ilbo").
    if hay[..at]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() || matches!(c, '-' | '’' | '\'' | '.'))
    {
        return false;
    }
    let before = hay[..at].trim_end_matches([' ', '\u{a0}']);
    if before.len() == at {
        // No space before: the start of the context, or right after punctuation.
        return true;
    }
    let prev = before.rsplit([' ', '\u{a0}']).next().unwrap_or("");
    // A lowercase pronoun never continues a name ("in an interview with CNN |he blasted").
    let word = hay[at..].split([' ', '\u{a0}', ',']).next().unwrap_or("");
    let pronoun = word.starts_with(char::is_lowercase) && patterns.pronouns.contains_key(word);
    if !pronoun
        && prev.chars().next().is_some_and(char::is_uppercase)
        && prev.chars().last().is_some_and(char::is_alphanumeric)
        && !patterns.non_names.contains(prev)
    {
        return false;
    }
    !matches!(
        prev,
        "of" | "for"
            | "at"
            | "in"
            | "from"
            | "to"
            | "by"
            | "on"
            | "about"
            | "the"
            | "a"
            | "an"
            | "than"
            | "like"
    )
}

/// The span of a person's name that makes up the last comma-separated piece of
/// `text[from..cue]` ("…, Gov. John Kasich (R-OH), said"): two or more capitalised words, not a
/// place, a possessive or a party tag.
fn closer_subject(
    text: &str,
    from: usize,
    cue: usize,
    patterns: &PatternSet,
) -> Option<(usize, usize)> {
    let between = &text[from..cue];
    let body = between.trim_end().strip_suffix(',')?;
    let k = body.rfind(',')?;
    let mut piece = &body[k + 1..];
    // A party tag in parentheses stays out of the name.
    if let Some(p) = piece.find(" (") {
        piece = &piece[..p];
    }
    let start = from + k + 1 + (piece.len() - piece.trim_start().len());
    let piece = piece.trim();
    let words: Vec<&str> = piece.split_whitespace().collect();
    let person = words.len() >= 2
        && words.len() <= 6
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && !words.iter().any(|w| w.ends_with("’s") || w.ends_with("'s"))
        && !patterns.non_names.contains(words[0])
        && patterns.places.canonical(piece).is_none()
        && !words.iter().any(|w| patterns.org_words.contains_ci(w));
    person.then_some((start, start + piece.len()))
}

/// The end of an organisation's name that goes on after its head word with `of`, `for` or `on`
/// and capitalised words (`the Association| of Flight Attendants`, `the Council| on Foreign
/// Relations`); `end` itself otherwise.
fn org_name_end(text: &str, start: usize, end: usize, patterns: &PatternSet) -> usize {
    let last = text[start..end].rsplit(' ').next().unwrap_or("");
    if !last.starts_with(char::is_uppercase) || !patterns.org_words.contains_ci(last) {
        return end;
    }
    let Some(after) = text[end..].strip_prefix(' ').and_then(|r| {
        ["of ", "for ", "on "]
            .iter()
            .find_map(|p| r.strip_prefix(p))
    }) else {
        return end;
    };
    let after = after.strip_prefix("the ").unwrap_or(after);
    let mut name_end = end;
    let mut pos = text.len() - after.len();
    for w in after.split(' ').take(6) {
        let word = w.trim_end_matches([',', '.', ';', ':']);
        if !word.starts_with(char::is_uppercase) || is_possessive(word) {
            break;
        }
        name_end = pos + word.len();
        if word.len() != w.len() {
            break;
        }
        pos += w.len() + 1;
    }
    name_end
}

/// For a determiner phrase followed by `, Name Name,`, the span of that name.
fn apposed_name(
    text: &str,
    start: usize,
    end: usize,
    patterns: &PatternSet,
) -> Option<(usize, usize)> {
    let first = text[start..end].split_whitespace().next()?.to_lowercase();
    // "Norway’s ambassador, Ingrid Solberg,": a possessive, lowercase title words, then the name
    // (the possessive may close a name of several words: "Rep. Duncan Hunter’s chief of staff").
    let possessive = text[start..end]
        .split_whitespace()
        .take(5)
        .any(is_possessive);
    if first != "the" && !patterns.unnamed_determiners.contains(&first) && !possessive {
        return None;
    }
    let mut end = end;
    if possessive {
        for _ in 0..4 {
            let rest = &text[end..];
            let word = rest.trim_start_matches(' ');
            let len = word.find([' ', ',']).unwrap_or(word.len());
            let w = &word[..len];
            if rest.starts_with(' ') && w.starts_with(char::is_lowercase) {
                end += rest.len() - word.len() + len;
            } else {
                break;
            }
        }
    }
    let rest = text[end..].strip_prefix(", ")?;
    // The name ends at a comma, or at the end of the sentence ("said Chile’s foreign minister,
    // Rodrigo Fuentes.").
    let close = rest.find(',').or_else(|| rest.find('.'))?;
    let cand = &rest[..close];
    let words: Vec<&str> = cand.split(' ').collect();
    let is_name = (2..=5).contains(&words.len())
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && !patterns.non_names.contains(words[0]);
    is_name.then(|| (end + 2, end + 2 + close))
}

/// Words that start a prepositional phrase or a clause, never a speaker's description.
const FUNCTION_WORDS: &[&str] = &[
    "of", "for", "at", "in", "on", "to", "from", "with", "by", "and", "or", "but", "as", "that",
    "which", "who", "whom", "whose", "than", "into", "about", "after", "before", "if", "when",
];

/// Whether a captured mention can name a speaker: a pronoun, a determiner phrase, or a name with
/// at least one word that is not a capitalised non-name ("Friday", "But", "January"). Words all
/// in capitals are a dateline unless the mention is a transcript's speaker `label`.
fn plausible_mention(m: &str, patterns: &PatternSet, label: bool) -> bool {
    let m = m.trim();
    let words: Vec<&str> = m
        .split_whitespace()
        .map(|w| w.trim_end_matches(['.', ',']))
        .collect();
    let Some(first) = words.first() else {
        return false;
    };
    let lower = first.to_lowercase();
    if words.len() == 1 && patterns.pronouns.contains_key(&lower) {
        return true;
    }
    if lower == "the" || patterns.unnamed_determiners.contains(&lower) {
        return true;
    }
    // A lowercase start must be a title ("press secretary Josh Earnest", "conservative
    // activist Bob Klaus"), not "of France".
    let title_word = |w: &str| {
        let w = w.to_lowercase();
        patterns.titles.contains(&w)
            || patterns.title_modifiers.contains(&w)
            || patterns.org_words.contains(&w)
    };
    if first.chars().next().is_some_and(char::is_lowercase)
        && (FUNCTION_WORDS.contains(&lower.as_str()) || !words.iter().any(|w| title_word(w)))
    {
        return false;
    }
    // A dateline ("WASHINGTON", "MIDWAY ATOLL") is not a speaker.
    let dateline = words.iter().all(|w| {
        w.chars().filter(|c| c.is_alphabetic()).count() >= 4 && !w.chars().any(char::is_lowercase)
    });
    if dateline && !label {
        return false;
    }
    // "NOTE:", "UPDATE:" and "EDITOR'S NOTE:" open a quote without naming anyone.
    if label
        && patterns
            .non_names
            .contains_ci(first.trim_end_matches(['’', '\'', 's']))
    {
        return false;
    }
    // The first capitalised word must not be a sentence opener, weekday or month ("With",
    // "Friday"), and some capitalised word must be a possible name.
    let caps: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .collect();
    match caps.first() {
        None => false,
        Some(c) if patterns.non_names.contains(c) => false,
        Some(_) => caps.iter().any(|w| !patterns.non_names.contains(w)),
    }
}

/// Whether the quote is a title of a work, a term or a nickname rather than speech.
pub fn is_scare(text: &str, q: &Quote, ctx: &Context, patterns: &PatternSet) -> bool {
    let before = last_pieces_lowercase(ctx.before.slice(text).trim_end(), scare_pieces(patterns));
    let before = before.trim_end_matches([',', ':']);
    for w in &patterns.quotes.scare_before {
        if before.ends_with(w.as_str()) {
            let cut = before.len() - w.len();
            if cut == 0 || !before[..cut].ends_with(char::is_alphanumeric) {
                return true;
            }
        }
    }
    let inner = q.inner.slice(text);
    // The title of a work after a preposition: `appeared on “Meet the Press”`, also with its
    // outlet's possessive between: `on CNN’s “State of the Union”`, `with Fox News’ “…”`.
    let mut back = before.rsplit([' ', '\u{a0}']);
    let mut prev = back.next().unwrap_or("");
    // (`prev` is lowercased: `is_possessive` takes `s’` only after a capital, so it is checked here.)
    if is_possessive(prev) || prev.ends_with("s’") || prev.ends_with("s'") {
        let outlet = ctx.before.slice(text).trim_end();
        let capitalised = outlet
            .rsplit([' ', '\u{a0}'])
            .next()
            .is_some_and(|w| w.starts_with(char::is_uppercase));
        if capitalised {
            // Up to two more words of the outlet's name ("Fox News’", "The Daily Show’s").
            prev = back
                .take(3)
                .find(|w| patterns.quotes.work_title_after.iter().any(|p| p == w))
                .unwrap_or("");
        }
    }
    if patterns.quotes.work_title_after.iter().any(|p| p == prev) {
        let words: Vec<&str> = inner
            .split_whitespace()
            .take(patterns.quotes.work_title_max_words + 1)
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .filter(|w| !w.is_empty())
            .collect();
        let title_case = words.len() >= 2
            && words.len() <= patterns.quotes.work_title_max_words
            && inner
                .split_whitespace()
                .nth(patterns.quotes.work_title_max_words)
                .is_none()
            && words[0].starts_with(char::is_uppercase)
            && words
                .iter()
                .filter(|w| w.chars().count() >= 4)
                .all(|w| w.starts_with(char::is_uppercase));
        if title_case {
            return true;
        }
    }
    // A nickname: a short capitalised quote between two capitalised words. (One word more than
    // a nickname has is enough to tell.)
    let words: Vec<&str> = inner
        .split_whitespace()
        .take(patterns.quotes.nickname_max_words + 1)
        .collect();
    if !words.is_empty()
        && words.len() <= patterns.quotes.nickname_max_words
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

/// How many of the last space-separated pieces of a before-quote context [`is_scare`] reads:
/// a `scare_before` phrase and the character before it, or a word and the three before it (an
/// outlet's name between a preposition and a title).
fn scare_pieces(patterns: &PatternSet) -> usize {
    (patterns.quotes.scare_before_words + 1).max(4) + 1
}

/// The lowercase of `s` from its `pieces`-th last space (or no-break space) on: what splitting
/// the lowercase of all of `s` at those spaces gives as its last `pieces` pieces, without
/// lowercasing a long context whole. (Lowercasing maps each character alone, except a final
/// sigma, which looks back only as far as the nearest space.)
fn last_pieces_lowercase(s: &str, pieces: usize) -> String {
    let from = s
        .char_indices()
        .rev()
        .filter(|&(_, c)| c == ' ' || c == '\u{a0}')
        .nth(pieces - 1)
        .map_or(0, |(i, c)| i + c.len_utf8());
    s[from..].to_lowercase()
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

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 5000,
            ..proptest::prelude::ProptestConfig::default()
        })]

        /// The lowercased last pieces are those of the whole context lowercased: the same end,
        /// split the same.
        #[test]
        fn last_pieces_lowercase_as_the_whole(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "Said", "SO-CALLED", "ΟΔΟΣ", "Σ", "İstanbul", "ǅ", "a", " ", " ", "\u{a0}", ",",
                ":", "’s", "CNN’s", "Titled", "\t",
            ]), 0..24),
            k in 1usize..8,
        ) {
            let s: String = pieces.concat();
            let tail = last_pieces_lowercase(&s, k);
            let whole = s.to_lowercase();
            proptest::prop_assert!(whole.ends_with(&tail), "{:?}", s);
            let split = |t: &str| -> Vec<String> {
                t.rsplit([' ', '\u{a0}']).take(k).map(String::from).collect()
            };
            proptest::prop_assert_eq!(split(&tail), split(&whole), "{:?}", s);
        }
    }

    /// The matches as the attribution found them before [`RuleSearch`]: the rule's own regex,
    /// every leftmost match from each position, captures over the match alone.
    fn reference(at: Position, hay: &str, re: &regex::Regex) -> Vec<Found> {
        match at {
            Position::BeforeQuote | Position::PreviousParagraph => {
                let mut v: Vec<Found> = Vec::new();
                let mut pos = 0;
                while pos <= hay.len() {
                    let Some(found) = re.find_at(hay, pos) else {
                        break;
                    };
                    let Some(c) = re.captures_at(&hay[..found.end()], found.start()) else {
                        break;
                    };
                    let c = Found::of_regex(&c);
                    let s = c.start;
                    pos = s + hay[s..].chars().next().map_or(1, char::len_utf8);
                    if v.last()
                        .is_none_or(|p| p.speaker.map(|m| m.0) != c.speaker.map(|m| m.0))
                    {
                        v.push(c);
                    }
                }
                v.sort_by_key(|c| {
                    let cue = c.cue.map_or(0, |m| m.0);
                    let sp = c.speaker.map_or(0, |m| m.0);
                    (std::cmp::Reverse(cue), std::cmp::Reverse(sp))
                });
                v
            }
            _ => re
                .captures(hay)
                .map(|c| Found::of_regex(&c))
                .into_iter()
                .collect(),
        }
    }

    type Key = Vec<(usize, Option<(usize, usize)>, Option<(usize, usize)>)>;

    fn key(v: &[Found]) -> Key {
        v.iter().map(|f| (f.start, f.speaker, f.cue)).collect()
    }

    #[test]
    fn rule_search_finds_what_the_rule_regex_finds() {
        let set = PatternSet::embedded().unwrap();
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
        let mut texts: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
            .collect();
        texts.push(
            "“We will appeal,” said the company in a statement. Éloïse Durand, the minister, \
             said: Mr. José Núñez told reporters he would “fight”. He said, “No.” It said \
             Smith’s aide, Ана Петрова, warned that the plan was “dead”, according to Reuters."
                .to_string(),
        );
        let mut hays = Vec::new();
        for t in &texts {
            // Sentence-like pieces, and pieces cut at arbitrary characters.
            for piece in t.split(['.', '“', '”', '"', '\n']) {
                hays.push(piece.to_string());
            }
            let starts: Vec<usize> = t.char_indices().map(|c| c.0).collect();
            for &s in starts.iter().step_by(37) {
                let e = starts
                    .iter()
                    .copied()
                    .find(|&i| i >= s + 150)
                    .unwrap_or(t.len());
                hays.push(t[s..e].to_string());
            }
        }
        let mut caches = SearchCaches::default();
        caches.prepare(&set);
        let (mut compared, mut left_out) = (0, 0);
        for h in &hays {
            let norm = set.word_classes.normalize(h);
            for (ri, rule) in set.rules.iter().enumerate() {
                let slot = rule.search.as_ref().map_or(ri, |s| s.cache_slot);
                let search = set.rules[slot].search.as_ref();
                assert!(search.is_some(), "rule {} has its search", rule.id);
                let got = matches(slot, rule.at, search, &norm.text, None, &mut caches, None);
                let want = reference(rule.at, &norm.text, rule.regex());
                assert_eq!(key(&got), key(&want), "rule {} on {:?}", rule.id, norm.text);
                // What the phrase test leaves out is only what the attribution rejects.
                let phrases = PhraseStarts {
                    orig: h,
                    map: &norm.orig,
                    patterns: &set,
                };
                let got = matches(
                    slot,
                    rule.at,
                    search,
                    &norm.text,
                    None,
                    &mut caches,
                    Some(&phrases),
                );
                let speaker_first = search.is_some_and(|s| s.speaker_first);
                let n = want.len();
                let want: Vec<Found> = want
                    .into_iter()
                    .filter(|f| !speaker_first || !phrases.rules_out(f.start))
                    .collect();
                left_out += n - want.len();
                assert_eq!(key(&got), key(&want), "rule {} on {:?}", rule.id, norm.text);
                compared += want.len();
            }
        }
        assert!(compared > 50, "only {compared} matches compared");
        assert!(
            left_out > 10,
            "the phrase test left out only {left_out} matches"
        );
    }

    #[test]
    fn first_bytes_never_rule_out_a_match() {
        let set = PatternSet::embedded().unwrap();
        let mut caches = SearchCaches::default();
        caches.prepare(&set);
        let (mut checked, mut ruled_out) = (0, 0);
        for (ri, rule) in set.rules.iter().enumerate() {
            let Some(RuleSearch {
                anchored: true,
                prefilter: Prefilter::Forward(dfa),
                ..
            }) = rule.search.as_ref()
            else {
                continue;
            };
            let cache = caches.forward[ri].get_or_insert_with(|| dfa.create_cache());
            // Every suffix of every example, as a context.
            for ex in &set.examples {
                let t = ex.text.as_str();
                for (i, _) in t.char_indices() {
                    let orig = &t[i..];
                    let may = may_match_at_start(dfa, cache, orig);
                    let norm = set.word_classes.normalize(orig);
                    if rule.regex().is_match(&norm.text) {
                        assert!(may, "rule {} on {orig:?}", rule.id);
                    }
                    checked += 1;
                    ruled_out += usize::from(!may);
                }
            }
        }
        assert!(
            ruled_out > checked / 10,
            "{ruled_out} of {checked} ruled out"
        );
    }

    #[test]
    fn relaxed_regexes_match_where_the_rules_do() {
        let set = PatternSet::embedded().unwrap();
        for rule in &set.rules {
            // The relaxed regex, made to end where the haystack ends.
            let hir = regex_syntax::hir::Hir::concat(vec![
                crate::pattern::rules::relaxed(&rule.pattern).unwrap(),
                regex_syntax::hir::Hir::look(regex_syntax::hir::Look::End),
            ]);
            let relaxed = meta::Regex::builder().build_from_hir(&hir).unwrap();
            let examples = set
                .examples
                .iter()
                .filter(|e| e.source.as_ref().is_some_and(|s| s.rule_id == rule.id));
            for ex in examples {
                let norm = set.word_classes.normalize(&ex.text);
                // Every match of the rule in the example is a match of the relaxed regex over
                // the same span.
                let mut pos = 0;
                while pos <= norm.text.len() {
                    let Some(m) = rule.regex().find_at(&norm.text, pos) else {
                        break;
                    };
                    let input = Input::new(&norm.text[..m.end()])
                        .range(m.start()..)
                        .anchored(Anchored::Yes);
                    assert!(relaxed.is_match(input), "rule {} on {:?}", rule.id, ex.text);
                    pos = m.start()
                        + norm.text[m.start()..]
                            .chars()
                            .next()
                            .map_or(1, char::len_utf8);
                }
            }
        }
    }
}
