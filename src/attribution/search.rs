//! Running the rules: every match of a rule's regex in one context, found with the rule's fast
//! helpers ([`RuleSearch`]: a relaxed prefilter DFA, forward or backwards, then the exact regex
//! anchored only where a match can start), with this thread's caches.
//!
//! In: a rule, its context normalized to word classes ([`crate::pattern::words`]). Out: its
//! matches ([`Found`]: start, `speaker` and `cue` groups) in the order [`super::attribute`] tries
//! them. The same matches as the rule's own regex run at every position (a test holds them to it).

use regex_automata::{hybrid, meta, Anchored, Input};

use super::mention::{follows_the, starts_a_phrase};
use crate::pattern::rules::{Prefilter, RuleSearch};
use crate::pattern::words::Normalized;
use crate::pattern::{PatternSet, Position};

/// This thread's search caches for the rules' [`RuleSearch`] automata, made once per thread and
/// pattern set.
#[derive(Default)]
pub(super) struct SearchCaches {
    id: u64,
    exact: Vec<Option<(meta::Cache, regex_automata::util::captures::Captures)>>,
    pub(super) forward: Vec<Option<hybrid::dfa::Cache>>,
    reverse: Vec<Option<hybrid::dfa::Cache>>,
    /// For each rule without a [`RuleSearch`], this thread's own clone of its regex
    /// ([`crate::pattern::rules::CueRule::plain_regex`]): a regex shared by threads makes them
    /// wait on its cache pool, and a fresh clone per article would start with a cold cache.
    pub(super) plain: Vec<Option<regex::Regex>>,
    /// Scratch: the possible match starts of one rule in one context.
    starts: Vec<usize>,
}

impl SearchCaches {
    pub(super) fn prepare(&mut self, patterns: &PatternSet) {
        if self.id == patterns.id {
            return;
        }
        let n = patterns.rules.len();
        *self = SearchCaches {
            id: patterns.id,
            exact: (0..n).map(|_| None).collect(),
            forward: (0..n).map(|_| None).collect(),
            reverse: (0..n).map(|_| None).collect(),
            plain: patterns
                .rules
                .iter()
                .map(|r| r.plain_regex().cloned())
                .collect(),
            starts: Vec::new(),
        };
    }
}

// This thread's state for the attribution: per-thread, so that threads never share a cache (the
// rules' automata and regexes keep their warm states from one article to the next), and kept out
// of every function's signature.
thread_local! {
    pub(super) static NORMALIZED: std::cell::RefCell<[Normalized; 6]> = std::cell::RefCell::new(Default::default());
    pub(super) static SEARCH_CACHES: std::cell::RefCell<SearchCaches> = std::cell::RefCell::new(SearchCaches::default());
}

/// One match of a rule: where it starts, and its `speaker` and `cue` groups.
#[derive(Clone, Copy, Debug)]
pub(super) struct Found {
    pub(super) start: usize,
    pub(super) speaker: Option<(usize, usize)>,
    pub(super) cue: Option<(usize, usize)>,
}

impl Found {
    pub(super) fn of_regex(c: &regex::Captures) -> Found {
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
pub(super) enum Exact<'a> {
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
    pub(super) fn find_at(&mut self, hay: &str, pos: usize) -> Option<(usize, usize)> {
        match self {
            Exact::Meta { re, cache, .. } => re
                .search_with(cache, &Input::new(hay).range(pos..))
                .map(|m| (m.start(), m.end())),
            Exact::Plain(re) => re.find_at(hay, pos).map(|m| (m.start(), m.end())),
        }
    }

    /// The leftmost match of `input` with its groups, and where it ends.
    pub(super) fn search_captures(&mut self, input: &Input) -> Option<(Found, usize)> {
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
    pub(super) fn captures_at(&mut self, hay: &str, pos: usize) -> Option<Found> {
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
pub(super) fn matches(
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
pub(super) fn may_match_at_start(
    dfa: &hybrid::dfa::DFA,
    cache: &mut hybrid::dfa::Cache,
    orig: &str,
    second_bytes: &std::ops::RangeInclusive<u8>,
) -> bool {
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
            .representatives(second_bytes.clone())
            .filter_map(|u| u.as_u8())
        {
            if let Some(s2) = next(cache, s1, b2)? {
                for b3 in classes
                    .representatives(CLASS_CHAR.1)
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

/// The UTF-8 bytes of the word-class characters (U+E000 to U+EFFF, see
/// [`crate::pattern::words`]): the lead byte and the range of the third byte; the second byte's
/// range depends on how many lexicons the rules use ([`crate::pattern::words::WordClasses::second_bytes`]). (It had
/// been fixed at 0x80 to 0x81, six lexicons' worth: with more, a context that starts with a word
/// of a seventh lexicon could be ruled out.)
pub(super) const CLASS_CHAR: (u8, std::ops::RangeInclusive<u8>) = (0xEE, 0x80..=0xBF);

/// Every position of `hay` where a match of the reverse relaxed `dfa` — and so of its rule — can
/// start, into `out`, largest first, from one backward pass. `None` if the DFA fails.
pub(super) fn possible_starts(
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
pub(super) fn leftmost_from(
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
pub(super) struct PhraseStarts<'a> {
    pub(super) orig: &'a str,
    pub(super) map: &'a [usize],
    pub(super) patterns: &'a PatternSet,
}

impl PhraseStarts<'_> {
    /// Whether [`attribute`] rejects every match of a rule that starts with its speaker at `at`
    /// (an offset in the normalized context): the speaker does not start a phrase and does not
    /// follow "the" (the one case where a speaker inside a phrase is kept, "the Washington
    /// Post’s Ishaan Tharoor"). The exact search need not run there.
    pub(super) fn rules_out(&self, at: usize) -> bool {
        let at = self.map[at];
        !starts_a_phrase(self.orig, at, self.patterns) && !follows_the(self.orig, at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pattern::rules::relaxed;

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
    fn class_char_bytes_cover_every_word_class() {
        let set = PatternSet::embedded().unwrap();
        let second = set.word_classes.second_bytes();
        for c in set.word_classes.chars() {
            let s = char::from_u32(c).unwrap().to_string();
            let b = s.as_bytes();
            assert!(
                b.len() == 3
                    && b[0] == CLASS_CHAR.0
                    && second.contains(&b[1])
                    && CLASS_CHAR.1.contains(&b[2]),
                "U+{c:X} is a word class's character outside the bytes searched for"
            );
        }
    }

    #[test]
    fn first_bytes_never_rule_out_a_match() {
        let set = PatternSet::embedded().unwrap();
        let second = set.word_classes.second_bytes();
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
                    let may = may_match_at_start(dfa, cache, orig, &second);
                    let norm = set.word_classes.normalize(orig);
                    if rule.regex().is_match(&norm.text) {
                        assert!(may, "rule {} on {orig:?}", rule.id);
                    }
                    checked += 1;
                    ruled_out += usize::from(!may);
                }
            }
        }
        // (About one in twenty: a capitalised lexicon word may start most contexts. The one in
        // ten this asked for before came from leaving out every class character past U+E07F,
        // which ruled out real matches.)
        assert!(
            ruled_out > checked / 40,
            "{ruled_out} of {checked} ruled out"
        );
    }

    #[test]
    fn relaxed_regexes_match_where_the_rules_do() {
        let set = PatternSet::embedded().unwrap();
        for rule in &set.rules {
            // The relaxed regex, made to end where the haystack ends.
            let hir = regex_syntax::hir::Hir::concat(vec![
                relaxed(&rule.pattern).unwrap(),
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
