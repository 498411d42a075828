//! Stage 4, **attribute**: a [`Quote`](crate::quote::Quote) and the text around it → an [`Attribution`].
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
//!   its paragraph after a colon introduction;
//! * `previous-sentence`: the sentence before, for a quote that opens its sentence;
//! * `quote-start`: the quote's first words, where a transcript puts its speaker label;
//! * `next-paragraph`: the first line of the next paragraph, for a quote that ends its
//!   paragraph: a signature, `“…” ¶ - Bernie Sanders.`
//!
//! Titles of works and terms (`a piece titled “The Last Chance”`, `the so-called “phase one”
//! deal`) and nicknames (`Alasdair "Sandy" Baird`) are [`QuoteKind::Scare`](crate::quote::QuoteKind::Scare) and get no speaker.

mod context;
pub mod continuation;
mod kind;
mod mention;
mod search;

pub use context::{context, Context, Paragraphs};
pub use kind::{is_nickname, is_scare, kind};

use crate::pattern::rules::{CueRule, Prefilter, RuleSearch};
use crate::pattern::{Method, PatternSet, Position};
use crate::segment::Span;
use crate::token::{is_possessive, strip_possessive};
use mention::{
    apposed_name, closer_subject, follows_the, name_before_appositive, org_name_end,
    owned_name_after, plausible_mention, starts_a_phrase,
};
use search::{matches, may_match_at_start, PhraseStarts, NORMALIZED, SEARCH_CACHES};

/// What a rule found for one quote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attribution {
    /// The rule's id (`cue.after.verb-mention`).
    pub rule_id: String,
    /// The rule's method (`after-quote`, `before-quote`, `colon-intro`).
    pub method: Method,
    /// The reporting words, as written.
    pub cue: Span,
    /// The speaker mention, as written.
    pub mention: Span,
}

/// Runs the rules on a quote's contexts; the first rule (in file order) that matches wins, except
/// that for a quote inside a sentence (a partial quote) the `before-quote` rules go first: in
/// `X warned that it might mean “…,” Y said`, the quote is X's (not for a question or an
/// exclamation). Rules marked `last` go after all others.
///
/// With `fallback`, only the rules marked `fallback = true` run (after continuation failed).
/// Rules run on the contexts with their lexicon words as word classes ([`crate::pattern::words`]);
/// every offset is mapped back to `text`.
pub fn attribute(
    text: &str,
    ctx: &Context,
    patterns: &PatternSet,
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
    let mut done = [false; 6];
    let second_bytes = patterns.word_classes.second_bytes();
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
                    Position::NextParagraph => match ctx.next {
                        Some(p) => (5, p),
                        None => continue,
                    },
                };
                if span.start >= span.end {
                    continue;
                }
                let orig = span.slice(text);
                // Rules with the same regex share their automata and caches.
                let cslot = rule.search.as_ref().map_or(ri, |s| s.cache_slot);
                let search = patterns.rules[cslot].search.as_ref();
                if let Some(RuleSearch {
                    anchored: true,
                    prefilter: Prefilter::Forward(dfa),
                    ..
                }) = search
                {
                    let c = caches.forward[cslot].get_or_insert_with(|| dfa.create_cache());
                    if !may_match_at_start(dfa, c, orig, &second_bytes) {
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
                // (This thread's clone of the rule's own regex, lent to the search.)
                let plain = caches.plain[ri].take();
                let all = matches(
                    cslot,
                    rule.at,
                    search,
                    hay,
                    plain.as_ref(),
                    caches,
                    Some(&phrases),
                );
                caches.plain[ri] = plain;
                for caps in all {
                    if let Some(a) = accept(text, span, &norm.orig, &caps, rule, patterns) {
                        return Some(a);
                    }
                }
            }
            None
        })
    })
}

/// Whether a cue is a past participle with its agent, `after` it: passive, so the subject before
/// it did not speak ("Excerpts filmed by the audience show the rapper …"; not "responded by
/// writing", "stopped by HuffPost Live", "is heartened by some signs").
fn passive(cue: &str, after: &str) -> bool {
    cue.ends_with("ed")
        && after.strip_prefix(" by ").is_some_and(|r| {
            let w = r.split(' ').next().unwrap_or("");
            matches!(w, "the" | "a" | "an" | "his" | "her" | "their" | "its")
        })
}

/// The speaker span a before-the-quote rule found, or the name in the last comma piece before
/// the verb when there is one: "Berea, OH, after winning Ohio, Gov. John Kasich (R-OH), said"
/// is Kasich's. None when the span is only where, not who: a town's state or country ("Speaking
/// in Salem, New Hampshire, Trump went after Bush"), or a town its state follows ("in El Paso
/// and Dayton, Ohio, that he would").
fn subject_of_clause(
    text: &str,
    (sp_start, sp_end): (usize, usize),
    cue_abs: usize,
    patterns: &PatternSet,
) -> Option<(usize, usize)> {
    if cue_abs > sp_end {
        if let Some(closer) = closer_subject(text, sp_end, cue_abs, patterns) {
            return Some(closer);
        }
    }
    let m = &text[sp_start..sp_end];
    let town = patterns.is_town_before_region(text, sp_end)
        && !m.contains(" of ")
        && !m.split(' ').any(|w| patterns.is_given_name(w));
    (!town && !patterns.is_town_region(text, sp_start)).then_some((sp_start, sp_end))
}

/// The attribution a rule's match `caps` gives, if its speaker passes: `caps` is in the
/// normalized form of the context `span` of `text`, `map` maps its offsets back to the context.
/// The mention is trimmed and corrected on the way (a title word ending the cue, sentence-opening
/// words, an apposed name, an organisation's whole name, the subject nearest the verb).
fn accept(
    text: &str,
    span: Span,
    map: &[usize],
    caps: &search::Found,
    rule: &CueRule,
    patterns: &PatternSet,
) -> Option<Attribution> {
    let orig = span.slice(text);
    // A transcript's speaker label is written in capitals ("PENCE:"), like a dateline.
    let label = rule.at == Position::QuoteStart;
    let (Some(sp), Some(cue)) = (caps.speaker, caps.cue) else {
        return None;
    };
    // Back to offsets in the original context.
    let (mut sp_s, sp_e) = (map[sp.0], map[sp.1]);
    let (cue_s, mut cue_e) = (map[cue.0], map[cue.1]);
    if sp.1 <= cue.0 && passive(&orig[cue_s..cue_e], &orig[cue_e..]) {
        return None;
    }
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
        return None;
    }
    let match_start = caps.start;
    // "the Washington Post’s Ishaan Tharoor": a possessive names whose person.
    let possessive_start =
        m.split_whitespace().rev().skip(1).any(is_possessive) && follows_the(orig, sp_s);
    if !plausible_mention(m, patterns, label)
        || (match_start == sp.0 && !possessive_start && !starts_a_phrase(orig, sp_s, patterns))
    {
        return None;
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
        return None;
    }
    let cue_abs = span.start + cue_s;
    // "Another critic, Laurence H. Tribe, likened …": the name in apposition is the speaker.
    let (sp_start, sp_end) = apposed_name(text, sp_start, sp_end, patterns)
        // (Not a description right before its verb: "In his letter to Rod Rosenstein, the
        // acting director said" is the director's.)
        .or_else(|| {
            name_before_appositive(text, sp_start, patterns)
                .filter(|_| cue_abs < sp_start || !text[sp_end..cue_abs].trim().is_empty())
        })
        .or_else(|| owned_name_after(text, sp_end, patterns))
        .unwrap_or((sp_start, sp_end));
    // "the Association of Flight Attendants": the organisation's whole name.
    let sp_end = org_name_end(text, sp_start, sp_end, patterns);
    // The name in the last comma piece before the verb; not a town nor its state.
    let (sp_start, sp_end) = subject_of_clause(text, (sp_start, sp_end), cue_abs, patterns)?;
    // "According to the pastor, West told him": after the cue, a name behind the description's
    // comma that goes on to a verb of its own is the next clause's subject, not the description's
    // name in apposition ("said the adviser, Aaron Pickrell." is).
    let sp_end = match text[sp_start..sp_end].find(", ") {
        Some(k)
            if cue_abs < sp_start
                && text[sp_end..]
                    .strip_prefix(' ')
                    .is_some_and(|r| r.starts_with(char::is_lowercase)) =>
        {
            sp_start + k
        }
        _ => sp_end,
    };
    Some(Attribution {
        rule_id: rule.id.clone(),
        method: rule.method,
        cue: Span::new(span.start + cue_s, span.start + cue_e),
        mention: Span::new(sp_start, sp_end),
    })
}
