//! Compiling raw pattern files into a [`PatternSet`].
//!
//! In: [`PatternFiles`]. Out: a [`PatternSet`] whose regexes are compiled, whose word lists are
//! indexed for lookup, and whose examples are collected (with file and line) for [`crate::examples`].
//! Every problem is an [`Error`] naming the file and line.

use std::collections::{BTreeMap, HashMap};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use regex::Regex;

use super::load::{
    Example, ExampleSource, PatternFiles, RawConsistency, RawCounter, RawCues, RawQuotes,
    RawSpeakers, RawTitleExample,
};
use super::words::{PendingWordClasses, WordClasses};
use crate::error::{Error, LineIndex, Result};

/// A hash map with a fast hasher (the lexicons are looked up for every word of an article).
pub type FastMap<K, V> = foldhash::HashMap<K, V>;
/// A hash set with a fast hasher.
pub type FastSet<T> = foldhash::HashSet<T>;

/// Calls `f` with `s.to_lowercase()`, without allocating when `s` is ASCII (then lowercasing is
/// ASCII lowercasing).
pub fn with_lowercase<R>(s: &str, f: impl FnOnce(&str) -> R) -> R {
    let b = s.as_bytes();
    if b.iter().all(|c| c.is_ascii() && !c.is_ascii_uppercase()) {
        return f(s);
    }
    if b.is_ascii() && b.len() <= 64 {
        let mut buf = [0u8; 64];
        let low = &mut buf[..b.len()];
        low.copy_from_slice(b);
        low.make_ascii_lowercase();
        return f(std::str::from_utf8(low).expect("ASCII"));
    }
    f(&s.to_lowercase())
}

/// Lengths and first bytes of a set of strings: most words are in no lexicon, and most of those
/// are told apart by these alone, without hashing.
#[derive(Clone, Debug, Default)]
struct Shape {
    /// Bit `min(len, 63)` for every length.
    lens: u64,
    /// Bit `b` for every first byte `b`.
    firsts: [u64; 4],
}

impl Shape {
    fn add(&mut self, s: &str) {
        self.lens |= 1 << s.len().min(63);
        if let Some(&b) = s.as_bytes().first() {
            self.firsts[usize::from(b >> 6)] |= 1 << (b & 63);
        }
    }

    /// False only when no string added has the length and first byte of `s`.
    fn may_contain(&self, s: &str) -> bool {
        self.lens & (1 << s.len().min(63)) != 0
            && s.as_bytes()
                .first()
                .is_none_or(|&b| self.firsts[usize::from(b >> 6)] & (1 << (b & 63)) != 0)
    }
}

/// A set of strings with a [`Shape`] check before the hash lookup.
#[derive(Clone, Debug, Default)]
struct WordSet {
    set: FastSet<String>,
    shape: Shape,
}

impl FromIterator<String> for WordSet {
    fn from_iter<I: IntoIterator<Item = String>>(iter: I) -> WordSet {
        let mut w = WordSet::default();
        for s in iter {
            w.shape.add(&s);
            w.set.insert(s);
        }
        w
    }
}

impl WordSet {
    fn contains(&self, s: &str) -> bool {
        self.shape.may_contain(s) && self.set.contains(s)
    }
}

/// A map from strings with a [`Shape`] check before the hash lookup.
#[derive(Clone, Debug, Default)]
struct WordMap {
    map: FastMap<String, String>,
    shape: Shape,
}

impl WordMap {
    fn insert(&mut self, k: String, v: String) {
        self.shape.add(&k);
        self.map.insert(k, v);
    }

    fn get(&self, k: &str) -> Option<&String> {
        if self.shape.may_contain(k) {
            self.map.get(k)
        } else {
            None
        }
    }

    fn keys(&self) -> impl Iterator<Item = &String> {
        self.map.keys()
    }
}

/// A word list, looked up exactly or case-insensitively.
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    /// The entries as written, in file order.
    pub entries: Vec<String>,
    exact: WordSet,
    lower: WordSet,
    /// The last word of every entry.
    last_words: WordSet,
    /// The most words any entry has.
    pub max_words: usize,
}

impl Lexicon {
    fn new(entries: Vec<String>) -> Lexicon {
        let exact = entries.iter().cloned().collect();
        let lower = entries.iter().map(|e| e.to_lowercase()).collect();
        let last_words = entries
            .iter()
            .map(|e| e.rsplit(' ').next().unwrap_or("").to_string())
            .collect();
        let max_words = entries
            .iter()
            .map(|e| e.split(' ').count())
            .max()
            .unwrap_or(0);
        Lexicon {
            entries,
            exact,
            lower,
            last_words,
            max_words,
        }
    }

    /// Whether some entry (as written) ends with the word `w`: no entry ending with a word
    /// equal to `x` unless this holds for `x`.
    pub fn may_end_with(&self, w: &str) -> bool {
        self.last_words.contains(w)
    }

    /// Whether `s` is an entry, exactly as written.
    pub fn contains(&self, s: &str) -> bool {
        self.exact.contains(s)
    }

    /// Whether `s` is an entry, ignoring case.
    pub fn contains_ci(&self, s: &str) -> bool {
        with_lowercase(s, |l| self.lower.contains(l))
    }

    /// A lexicon from a list, for tests.
    #[doc(hidden)]
    pub fn for_tests(entries: &[&str]) -> Lexicon {
        Lexicon::new(entries.iter().map(|s| s.to_string()).collect())
    }
}

/// Which word lists a word is in, found with two lookups instead of one per list: `exact` by the
/// word as written, `lower` by its lowercase form (see the `W_*` bits). Derived from the lexicons,
/// so every answer is the lexicons' own.
#[derive(Clone, Debug, Default)]
pub struct WordBits {
    exact: FastMap<String, u32>,
    lower: FastMap<String, u32>,
}

/// [`WordBits::exact`]: in `capitalized-non-names`.
pub const W_NON_NAME: u32 = 1;
/// [`WordBits::exact`]: an honorific of any gender.
pub const W_HONORIFIC: u32 = 1 << 1;
/// [`WordBits::exact`]: a men's honorific.
pub const W_HONORIFIC_MALE: u32 = 1 << 2;
/// [`WordBits::exact`]: a women's honorific.
pub const W_HONORIFIC_FEMALE: u32 = 1 << 3;
/// [`WordBits::exact`]: a place alias matched only as written.
pub const W_PLACE_EXACT: u32 = 1 << 4;
/// [`WordBits::exact`]: a name particle.
pub const W_PARTICLE: u32 = 1 << 5;
/// [`WordBits::exact`]: a men's given name.
pub const W_FIRST_MALE: u32 = 1 << 6;
/// [`WordBits::exact`]: a women's given name.
pub const W_FIRST_FEMALE: u32 = 1 << 7;
/// [`WordBits::lower`]: the lowercase form is a title as written.
pub const W_TITLE: u32 = 1 << 8;
/// [`WordBits::lower`]: the lowercase form is a title modifier as written.
pub const W_TITLE_MODIFIER: u32 = 1 << 9;
/// [`WordBits::lower`]: the lowercase form is a speech verb as written.
pub const W_SPEECH_VERB: u32 = 1 << 10;
/// [`WordBits::lower`]: a place alias, ignoring case.
pub const W_PLACE: u32 = 1 << 11;
/// [`WordBits::exact`]: an organisation word as written.
pub const W_ORG: u32 = 1 << 12;
/// [`WordBits::exact`]: a speech verb as written.
pub const W_SPEECH_VERB_EXACT: u32 = 1 << 13;
/// [`WordBits::lower`]: a title, ignoring case.
pub const W_TITLE_CI: u32 = 1 << 14;
/// [`WordBits::lower`]: a title modifier, ignoring case.
pub const W_TITLE_MODIFIER_CI: u32 = 1 << 15;
/// [`WordBits::exact`]: an abbreviation whose period does not end a sentence.
pub const W_ABBREVIATION: u32 = 1 << 16;
/// [`WordBits::exact`]: a given name of either gender.
pub const W_FIRST_UNISEX: u32 = 1 << 17;
/// [`WordBits::lower`]: an organisation word, ignoring case.
pub const W_ORG_CI: u32 = 1 << 18;

impl WordBits {
    fn new(p: &PatternSet) -> WordBits {
        let mut w = WordBits::default();
        let mut exact = |lex: &Lexicon, bit: u32| {
            for e in &lex.entries {
                *w.exact.entry(e.clone()).or_default() |= bit;
            }
        };
        exact(&p.non_names, W_NON_NAME);
        exact(&p.honorifics, W_HONORIFIC);
        exact(&p.honorifics_male, W_HONORIFIC | W_HONORIFIC_MALE);
        exact(&p.honorifics_female, W_HONORIFIC | W_HONORIFIC_FEMALE);
        exact(&p.name_particles, W_PARTICLE);
        exact(&p.first_names_male, W_FIRST_MALE);
        exact(&p.first_names_female, W_FIRST_FEMALE);
        exact(&p.first_names_unisex, W_FIRST_UNISEX);
        exact(&p.org_words, W_ORG);
        exact(&p.abbreviations, W_ABBREVIATION);
        exact(&p.speech_verbs, W_SPEECH_VERB_EXACT);
        for k in p.places.exact_only.keys() {
            *w.exact.entry(k.clone()).or_default() |= W_PLACE_EXACT;
        }
        let mut lower = |lex: &Lexicon, bit: u32| {
            for e in &lex.entries {
                *w.lower.entry(e.clone()).or_default() |= bit;
            }
        };
        lower(&p.titles, W_TITLE);
        lower(&p.title_modifiers, W_TITLE_MODIFIER);
        lower(&p.speech_verbs, W_SPEECH_VERB);
        // Ignoring case: the entries lowercased, looked up by the word lowercased.
        for (lex, bit) in [
            (&p.titles, W_TITLE_CI),
            (&p.title_modifiers, W_TITLE_MODIFIER_CI),
            (&p.org_words, W_ORG_CI),
        ] {
            for e in &lex.entries {
                *w.lower.entry(e.to_lowercase()).or_default() |= bit;
            }
        }
        for k in p.places.canonical.keys() {
            *w.lower.entry(k.clone()).or_default() |= W_PLACE;
        }
        w
    }

    /// The `exact` bits of `s` as written.
    pub fn exact(&self, s: &str) -> u32 {
        self.exact.get(s).copied().unwrap_or(0)
    }

    /// The `lower` bits of `s.to_lowercase()`.
    pub fn lower(&self, s: &str) -> u32 {
        with_lowercase(s, |l| self.lower.get(l).copied().unwrap_or(0))
    }
}

/// Groups of names for the same thing (`United States|U.S.|US|American`), canonical name first.
#[derive(Clone, Debug, Default)]
pub struct PlaceTable {
    canonical: WordMap,
    exact_only: WordMap,
}

impl PlaceTable {
    fn new(lines: &[(usize, String)]) -> PlaceTable {
        let mut canonical = WordMap::default();
        let mut exact_only = WordMap::default();
        for (_, line) in lines {
            let parts: Vec<&str> = line.split('|').collect();
            let first = parts[0].to_string();
            for alias in parts {
                // Short all-capital aliases (UN, US, WHO) only match as written: "Un" in
                // "Kim Jong Un" and "who" are not places.
                let acronym = alias.len() <= 5
                    && alias
                        .chars()
                        .all(|c| c.is_uppercase() || c == '.' || c == '&');
                if acronym {
                    exact_only.insert(alias.to_string(), first.clone());
                } else {
                    canonical.insert(alias.to_lowercase(), first.clone());
                }
            }
        }
        PlaceTable {
            canonical,
            exact_only,
        }
    }

    /// The canonical form of `s` if it is a known alias (case-insensitive).
    pub fn canonical(&self, s: &str) -> Option<&str> {
        self.exact_only
            .get(s)
            .or_else(|| with_lowercase(s, |l| self.canonical.get(l)))
            .map(String::as_str)
    }

    /// How many words the longest alias has.
    pub fn max_words(&self) -> usize {
        self.canonical
            .keys()
            .chain(self.exact_only.keys())
            .map(|k| k.split(' ').count())
            .max()
            .unwrap_or(0)
    }
}

/// Where an attribution rule looks, relative to the quote.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Position {
    /// The rest of the sentence after the closing mark; the rule is anchored there.
    AfterQuote,
    /// The sentence before the opening mark (back to the previous quote); the match nearest the
    /// quote wins.
    BeforeQuote,
    /// The last sentence of the previous paragraph, for a quote that opens its paragraph.
    PreviousParagraph,
    /// The sentence before, in the same paragraph, for a quote that opens its sentence.
    PreviousSentence,
    /// The first words inside the quote: a transcript's speaker label (`"PENCE: Well, …"`).
    QuoteStart,
}

/// A compiled attribution rule.
#[derive(Clone, Debug)]
pub struct CueRule {
    /// Stable dotted id (`cue.after.verb-mention`), shown in the output's `rule` column.
    pub id: String,
    /// Where it looks.
    pub at: Position,
    /// The method name reported when this rule names the speaker directly.
    pub method: String,
    /// The expanded regex (lexicons and definitions filled in); it has the groups `speaker` and
    /// `cue`.
    pub pattern: String,
    /// `pattern` compiled, see [`CueRule::regex`].
    regex: std::sync::OnceLock<Regex>,
    /// Faster ways to find where `regex` matches ([`RuleSearch`]); `None` if they could not be
    /// built (then `regex` alone is used).
    pub search: Option<RuleSearch>,
    /// Tried only after continuation from an earlier quote found nothing.
    pub fallback: bool,
    /// Tried after every rule that is not `last`, whatever the quote.
    pub last: bool,
}

impl CueRule {
    /// The rule's regex, as a `regex::Regex`. The attribution only runs it for a rule without a
    /// [`RuleSearch`]; for the others it is compiled on first use (it is a large part of the
    /// start-up time and memory otherwise).
    pub fn regex(&self) -> &Regex {
        self.regex.get_or_init(|| {
            // `search.exact` was built from the same pattern with the same syntax and NFA size
            // limit, so this cannot fail.
            build_regex(&self.pattern).expect("a rule regex whose RuleSearch was built")
        })
    }

    /// The rule's regex if the attribution runs it (the rule has no [`RuleSearch`]).
    pub fn plain_regex(&self) -> Option<&Regex> {
        self.search.is_none().then(|| self.regex())
    }
}

/// Compiles a rule's expanded regex.
fn build_regex(pattern: &str) -> std::result::Result<Regex, regex::Error> {
    regex::RegexBuilder::new(pattern)
        .size_limit(32 << 20)
        .dfa_size_limit(4 << 20)
        .build()
}

/// Helpers that find where a rule's regex matches without running it over every position.
///
/// The rules' regexes are large (thousands of NFA states: the `{1,160}` repetitions and the
/// Unicode word boundaries of `{mention}` and `{between}`), and the lazy DFA cannot run them (it
/// gives up on Unicode word boundaries at the first non-ASCII byte, and counted repetitions make
/// it build a state per position), so every search runs on the slow NFA engines. A **relaxed**
/// regex — the same without word boundaries, with unbounded repetitions and no groups — matches
/// wherever the rule's regex does and runs on a small lazy DFA. It says cheaply that a context
/// has no match at all, and, run backwards, where a match could start; the rule's own regex then
/// only runs anchored at those starts.
#[derive(Clone, Debug)]
pub struct RuleSearch {
    /// The rule's regex (the same pattern and syntax as [`CueRule::regex`], so the same
    /// matches and groups) on the NFA engines only: the lazy DFA would give up at the first
    /// non-ASCII byte anyway (Unicode `\b`), after building states for nothing. Searches run
    /// anchored at the starts a [`Prefilter::Reverse`] finds, or over a bounded span.
    pub exact: regex_automata::meta::Regex,
    /// The group indexes of `speaker` and `cue` in `exact`.
    pub groups: (usize, usize),
    /// The regex has an end-of-text assertion (`$`, `\z`) somewhere.
    pub end_looks: bool,
    /// The first rule with the same regex (this rule's own index if none before has it): rules
    /// with one regex share its automata's caches.
    pub cache_slot: usize,
    /// The relaxed regex.
    pub prefilter: Prefilter,
    /// Every match of the relaxed regex starts at the start of the context (`^`): then the first
    /// bytes of a context can rule the rule out before the context is normalized (see
    /// [`crate::attribution`]).
    pub anchored: bool,
    /// The regex starts with its `speaker` group: every match's speaker starts where the match
    /// does.
    pub speaker_first: bool,
}

impl RuleSearch {
    /// Whether a match of `exact` found in all of `hay` and ending at `end` has the same groups as
    /// the same search over `hay[..end]` only (which is what the attribution has always used): the
    /// two can differ only through an assertion looking at `end`. None can when `end` is the end
    /// of `hay`; a word boundary sees the same at `end` when an ASCII non-word character follows
    /// (the end of text is not a word character either); an end-of-text assertion needs `end` to
    /// be the end of `hay`.
    pub fn same_groups_truncated(&self, hay: &str, end: usize) -> bool {
        match hay.as_bytes().get(end) {
            None => true,
            Some(&b) => {
                !self.end_looks && b.is_ascii() && !(b.is_ascii_alphanumeric() || b == b'_')
            }
        }
    }
}

/// How a rule's relaxed regex runs.
#[derive(Clone, Debug)]
pub enum Prefilter {
    /// Forward, for rules anchored at the context's start or starting with a literal.
    Forward(regex_automata::hybrid::dfa::DFA),
    /// Backwards from the context's end, with every match kept (`MatchKind::All`): over
    /// `start..` it reports the smallest position at or after `start` where a match of the
    /// relaxed regex — and so any match of the rule — can begin.
    Reverse(regex_automata::hybrid::dfa::DFA),
}

impl RuleSearch {
    /// The helpers of a rule's (expanded) regex, or `None` if one cannot be built.
    pub fn new(pattern: &str) -> Option<RuleSearch> {
        use regex_automata::{hybrid, meta, nfa::thompson, MatchKind};
        // Parsed once for the relaxed regex, the exact one and the look-around check.
        let parsed = parse(pattern)?;
        let hir = relax(parsed.clone());
        let props = hir.properties();
        let anchored = props
            .look_set_prefix()
            .contains(regex_syntax::hir::Look::Start);
        let forward = anchored || {
            let seq = regex_syntax::hir::literal::Extractor::new().extract(&hir);
            seq.is_finite() && seq.min_literal_len().is_some_and(|n| n >= 3)
        };
        // Backwards, only the starts matter: the cue's first item ends the relaxed regex.
        let hir = if forward {
            hir
        } else {
            relax(up_to_cue_start(parsed.clone()))
        };
        let nfa = thompson::Compiler::new()
            .configure(
                thompson::Config::new()
                    .reverse(!forward)
                    .shrink(!forward)
                    .nfa_size_limit(Some(32 << 20))
                    .which_captures(thompson::WhichCaptures::None),
            )
            .build_from_hir(&hir)
            .ok()?;
        // Every match kept: run backwards, the search goes on to the smallest start.
        let kind = if forward {
            MatchKind::LeftmostFirst
        } else {
            MatchKind::All
        };
        let dfa = hybrid::dfa::DFA::builder()
            .configure(
                // Each worker holds one cache per rule: 4 MB each keeps peak memory under
                // 100 MB at -j2 on the corpus given 4 times (8 MB: 104 MB, ~6 % faster).
                hybrid::dfa::Config::new()
                    .match_kind(kind)
                    .cache_capacity(4 << 20),
            )
            .build_from_nfa(nfa)
            .ok()?;
        let prefilter = if forward {
            Prefilter::Forward(dfa)
        } else {
            Prefilter::Reverse(dfa)
        };
        let exact = meta::Builder::new()
            .configure(
                meta::Config::new()
                    .nfa_size_limit(Some(32 << 20))
                    .match_kind(MatchKind::LeftmostFirst)
                    .utf8_empty(true)
                    .hybrid(false)
                    .dfa(false),
            )
            .build_from_hir(&parsed)
            .ok()?;
        let group = |name: &str| {
            exact
                .group_info()
                .to_index(regex_automata::PatternID::ZERO, name)
        };
        let groups = (group("speaker")?, group("cue")?);
        let speaker_first = {
            use regex_syntax::hir::HirKind;
            let first = match parsed.kind() {
                HirKind::Concat(hs) => hs.first(),
                _ => Some(&parsed),
            };
            first.is_some_and(|h| group_named(h, "speaker").is_some())
        };
        let end_looks = {
            use regex_syntax::hir::Look;
            let looks = parsed.properties().look_set();
            looks.contains(Look::End)
                || looks.contains(Look::EndLF)
                || looks.contains(Look::EndCRLF)
        };
        Some(RuleSearch {
            exact,
            groups,
            end_looks,
            cache_slot: 0,
            prefilter,
            anchored,
            speaker_first,
        })
    }
}

/// `pattern` made looser: it matches every haystack (and every span) that `pattern` matches. Word
/// boundaries are dropped, every bounded repetition is unbounded (`{1,160}` → `+`, `{0,6}` → `*`)
/// and capture groups are plain groups. `None` if `pattern` does not parse.
pub fn relaxed(pattern: &str) -> Option<regex_syntax::hir::Hir> {
    parse(pattern).map(relax)
}

/// A rule's expanded regex parsed, with the syntax `regex::Regex` uses (Unicode, UTF-8).
fn parse(pattern: &str) -> Option<regex_syntax::hir::Hir> {
    regex_syntax::ParserBuilder::new()
        .utf8(true)
        .build()
        .parse(pattern)
        .ok()
}

/// `h` itself if it is the capture group `name`.
fn group_named<'h>(
    h: &'h regex_syntax::hir::Hir,
    name: &str,
) -> Option<&'h regex_syntax::hir::Capture> {
    match h.kind() {
        regex_syntax::hir::HirKind::Capture(c) if c.name.as_deref() == Some(name) => Some(c),
        _ => None,
    }
}

/// `hir` without what follows the first item of its `cue` group, when that group ends it (`…
/// (?P<cue>{verb}{cue_tail})` → `… {verb}`) or is followed by an optional repetition of a class
/// that holds every character the rest of the group can match (`… (?P<cue>{verb}{cue_tail})
/// [^:“”".!?]{0,80}:` → `… {verb}[^:“”".!?]{0,80}:`, the same once relaxed to `*`); `hir` itself
/// otherwise. Every match of `hir` starts with a match of the result (of its relaxed form, in the
/// second case), so the two have the same possible starts, and the shorter regex makes a smaller
/// reverse DFA.
fn up_to_cue_start(hir: regex_syntax::hir::Hir) -> regex_syntax::hir::Hir {
    use regex_syntax::hir::{Class, Hir, HirKind};
    let HirKind::Concat(items) = hir.kind() else {
        return hir;
    };
    let Some((k, cue)) = items
        .iter()
        .enumerate()
        .find_map(|(k, h)| group_named(h, "cue").map(|c| (k, c)))
    else {
        return hir;
    };
    let HirKind::Concat(parts) = cue.sub.kind() else {
        return hir;
    };
    if parts.len() < 2 {
        return hir;
    }
    let absorbed = match items.get(k + 1).map(Hir::kind) {
        None => true,
        Some(HirKind::Repetition(r)) => match (r.min, r.sub.kind()) {
            (0, HirKind::Class(Class::Unicode(loop_class))) => parts[1..].iter().all(|p| {
                alphabet(p).is_some_and(|mut a| {
                    a.difference(loop_class);
                    a.ranges().is_empty()
                })
            }),
            _ => false,
        },
        Some(_) => false,
    };
    if !absorbed {
        return hir;
    }
    let mut out = items[..k].to_vec();
    out.push(parts[0].clone());
    out.extend(items[k + 1..].iter().cloned());
    Hir::concat(out)
}

/// Every character a match of `hir` can hold (look-arounds hold none); `None` for byte classes.
fn alphabet(hir: &regex_syntax::hir::Hir) -> Option<regex_syntax::hir::ClassUnicode> {
    use regex_syntax::hir::{Class, ClassUnicode, ClassUnicodeRange, HirKind};
    let mut set = ClassUnicode::empty();
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => {}
        HirKind::Literal(l) => {
            for c in std::str::from_utf8(&l.0).ok()?.chars() {
                set.push(ClassUnicodeRange::new(c, c));
            }
        }
        HirKind::Class(Class::Unicode(c)) => set.union(c),
        HirKind::Class(Class::Bytes(_)) => return None,
        HirKind::Repetition(r) => set = alphabet(&r.sub)?,
        HirKind::Capture(c) => set = alphabet(&c.sub)?,
        HirKind::Concat(v) | HirKind::Alternation(v) => {
            for h in v {
                set.union(&alphabet(h)?);
            }
        }
    }
    Some(set)
}

/// [`relaxed`] on a parsed regex.
fn relax(hir: regex_syntax::hir::Hir) -> regex_syntax::hir::Hir {
    use regex_syntax::hir::{
        Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Look, Repetition,
    };
    fn relax(h: Hir) -> Hir {
        match h.into_kind() {
            HirKind::Look(
                Look::WordAscii
                | Look::WordAsciiNegate
                | Look::WordUnicode
                | Look::WordUnicodeNegate
                | Look::WordStartAscii
                | Look::WordEndAscii
                | Look::WordStartUnicode
                | Look::WordEndUnicode
                | Look::WordStartHalfAscii
                | Look::WordEndHalfAscii
                | Look::WordStartHalfUnicode
                | Look::WordEndHalfUnicode,
            ) => Hir::empty(),
            HirKind::Look(l) => Hir::look(l),
            HirKind::Repetition(r) => {
                let (min, max) = match r.max {
                    Some(max) if max <= 1 => (r.min, Some(max)),
                    _ => (r.min.min(1), None),
                };
                Hir::repetition(Repetition {
                    min,
                    max,
                    greedy: r.greedy,
                    sub: Box::new(relax(*r.sub)),
                })
            }
            HirKind::Capture(c) => relax(*c.sub),
            HirKind::Concat(v) => Hir::concat(v.into_iter().map(relax).collect()),
            HirKind::Alternation(v) => Hir::alternation(v.into_iter().map(relax).collect()),
            HirKind::Empty => Hir::empty(),
            HirKind::Literal(l) => Hir::literal(l.0),
            HirKind::Class(Class::Unicode(c)) => Hir::class(Class::Unicode(coarse(c))),
            HirKind::Class(c) => Hir::class(c),
        }
    }
    // A class with its non-ASCII part, other than the word-class characters, widened to every
    // non-ASCII character: far fewer UTF-8 states, and the lazy DFA builds its states faster.
    fn coarse(c: ClassUnicode) -> ClassUnicode {
        let other = ClassUnicode::new([
            ClassUnicodeRange::new('\u{80}', '\u{D7FF}'),
            ClassUnicodeRange::new('\u{E100}', '\u{10FFFF}'),
        ]);
        let mut rest = c.clone();
        rest.intersect(&other);
        if rest.ranges().is_empty() {
            return c;
        }
        let mut out = c;
        out.union(&other);
        out
    }
    relax(hir)
}

/// Pronoun classes of `pronouns.txt`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PronounClass {
    /// he
    Male,
    /// she
    Female,
    /// they
    Plural,
    /// it
    Neuter,
    /// we, I
    First,
}

/// The compiled pattern set. Build it once with [`PatternSet::embedded`] or [`PatternSet::from_dir`]
/// and share it.
#[derive(Debug)]
pub struct PatternSet {
    /// A number no other pattern set of this process has (per-thread caches are keyed on it).
    pub id: u64,
    /// The files it was built from.
    pub files: PatternFiles,
    /// A quote with no closing mark never runs past this many bytes.
    pub max_quote_bytes: usize,
    /// (opening mark, closing marks) pairs.
    pub pairs: Vec<(char, Vec<char>)>,
    /// Finds every mark of every pair in one pass.
    pub marks: AhoCorasick,
    /// The mark each `marks` pattern id stands for.
    pub mark_chars: Vec<char>,
    /// Words that, right before a quote, make it a title or a term, not speech.
    pub scare_before: Vec<String>,
    /// The most space-separated words any of `scare_before` has.
    pub scare_before_words: usize,
    /// A capitalised quote of at most this many words between two name words is a nickname.
    pub nickname_max_words: usize,
    /// Prepositions after which a quote in title case is the title of a work ("appeared on
    /// “Meet the Press”", "author of “The Art of the Deal”").
    pub work_title_after: Vec<String>,
    /// The most words such a title has.
    pub work_title_max_words: usize,
    /// The attribution rules, in priority order.
    pub rules: Vec<CueRule>,
    /// The lexicons the rules use, as word classes (see [`super::words`]).
    pub word_classes: WordClasses,
    /// Reporting verbs in all their forms.
    pub speech_verbs: Lexicon,
    /// Job titles (lowercase).
    pub titles: Lexicon,
    /// Words that extend a title (senior, deputy, former).
    pub title_modifiers: Lexicon,
    /// Honorifics that say nothing about gender.
    pub honorifics: Lexicon,
    /// Honorifics of men.
    pub honorifics_male: Lexicon,
    /// Honorifics of women.
    pub honorifics_female: Lexicon,
    /// Subject pronouns and their class.
    pub pronouns: HashMap<String, PronounClass>,
    /// Nouns that head organisation names.
    pub org_words: Lexicon,
    /// Nouns for texts that speak ("the letter reads").
    pub document_words: Lexicon,
    /// Family names written first (Kim Jong Un).
    pub family_name_first: Lexicon,
    /// Abbreviations whose period does not end a sentence.
    pub abbreviations: Lexicon,
    /// Countries, blocs and their adjectives.
    pub places: PlaceTable,
    /// Equivalent spellings of titles.
    pub title_aliases: PlaceTable,
    /// Equivalent names of organisations.
    pub org_aliases: PlaceTable,
    /// Given names of men.
    pub first_names_male: Lexicon,
    /// Given names of women.
    pub first_names_female: Lexicon,
    /// Given names of either gender (name recognition only).
    pub first_names_unisex: Lexicon,
    /// Capitalised words that are never part of a name.
    pub non_names: Lexicon,
    /// Surnames that, alone, name one well-known person (`Trump` → `Donald Trump`).
    pub known_surnames: HashMap<String, String>,
    /// Lowercase words that may sit inside a name (de, van, bin).
    pub name_particles: Lexicon,
    /// Prepositions that separate a title from its organisation (at, of, for).
    pub affiliation_prepositions: Vec<String>,
    /// Words that end an appositive's organisation (", which", ", who").
    pub clause_stops: Vec<String>,
    /// Verbs of a relative clause that give a title ("who is", "who serves as").
    pub relative_title_verbs: Vec<String>,
    /// Determiners of an unnamed source ("a senior official").
    pub unnamed_determiners: Lexicon,
    /// How many sentences back a pronoun may look for its person.
    pub pronoun_window_sentences: usize,
    /// Words a title comparison ignores (the, of, a).
    pub consistency_drop_words: Lexicon,
    /// Words that mark a past post (former, ex-).
    pub former_words: Lexicon,
    /// Every example and counterexample, for the runner.
    pub examples: Vec<Example>,
    /// Every title-comparison example of `consistency.toml`.
    pub title_examples: Vec<(ExampleSource, RawTitleExample)>,
    /// The word lists above as bits per word, for the name parser's hot paths.
    pub word_bits: WordBits,
}

impl PatternSet {
    /// Whether `w` is a given name of the lexicons (of either gender).
    pub fn is_given_name(&self, w: &str) -> bool {
        self.first_names_male.contains(w)
            || self.first_names_female.contains(w)
            || self.first_names_unisex.contains(w)
    }

    /// The pattern set compiled into the binary.
    pub fn embedded() -> Result<PatternSet> {
        PatternSet::compile(PatternFiles::embedded())
    }

    /// The pattern set in `dir` (a copy of `patterns/`).
    pub fn from_dir(dir: &std::path::Path) -> Result<PatternSet> {
        PatternSet::compile(PatternFiles::read_dir(dir)?)
    }

    /// Compiles raw files.
    pub fn compile(files: PatternFiles) -> Result<PatternSet> {
        let lex = |name: &str| -> Result<Lexicon> {
            let rel = format!("lexicon/{name}.txt");
            Ok(Lexicon::new(
                files.lexicon(&rel)?.into_iter().map(|(_, e)| e).collect(),
            ))
        };
        let speech_verbs = lex("speech-verbs")?;
        let titles = lex("titles")?;
        let org_words = lex("org-words")?;
        let mut lexicons = BTreeMap::new();
        for name in [
            "speech-verbs",
            "titles",
            "title-modifiers",
            "org-words",
            "document-words",
            "honorifics",
        ] {
            lexicons.insert(name.to_string(), lex(name)?);
        }

        let word_class_error = |message| Error::PatternSyntax {
            path: files.path("cues.toml"),
            line: 0,
            message,
        };
        // Their automaton is built on another thread while the rules are compiled.
        let pending_classes = {
            let named: Vec<(&str, &Lexicon)> =
                lexicons.iter().map(|(k, v)| (k.as_str(), v)).collect();
            WordClasses::start(&named).map_err(word_class_error)?
        };
        let quotes: RawQuotes = files.parse("quotes.toml")?;
        let cues: RawCues = files.parse("cues.toml")?;
        let speakers: RawSpeakers = files.parse("speakers.toml")?;
        let consistency: RawConsistency = files.parse("consistency.toml")?;

        let mut examples = Vec::new();
        let mut pairs = Vec::new();
        let mut mark_chars = Vec::new();
        for p in &quotes.pair {
            let one = |s: &str| -> Result<char> {
                let mut it = s.chars();
                match (it.next(), it.next()) {
                    (Some(c), None) => Ok(c),
                    _ => Err(Error::PatternSyntax {
                        path: files.path("quotes.toml"),
                        line: 0,
                        message: format!("quote mark {s:?} must be one character"),
                    }),
                }
            };
            let open = one(&p.open)?;
            let close = p.close.iter().map(|c| one(c)).collect::<Result<Vec<_>>>()?;
            for c in std::iter::once(open).chain(close.iter().copied()) {
                if !mark_chars.contains(&c) {
                    mark_chars.push(c);
                }
            }
            pairs.push((open, close));
        }
        let marks = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostFirst)
            .build(mark_chars.iter().map(|c| c.to_string()))
            .map_err(|e| Error::PatternSyntax {
                path: files.path("quotes.toml"),
                line: 0,
                message: e.to_string(),
            })?;
        collect_examples(
            &LineIndex::new(files.get("quotes.toml")),
            "quotes.toml",
            "quotes",
            quotes.example,
            quotes.counterexample,
            &mut examples,
        );

        let text = files.get("cues.toml");
        let mut rules = Vec::new();
        // The rules' regexes are built up front, on as many threads as there are cores (they are
        // most of the start-up time); errors are still reported in file order below.
        let expansions: Vec<std::result::Result<String, String>> = cues
            .rule
            .iter()
            .map(|r| expand(&r.get_ref().regex, &cues.define, &pending_classes, 0))
            .collect();
        let mut built = build_rule_regexes(&expansions).into_iter();
        let cue_lines = LineIndex::new(text);
        for (spanned, expanded) in cues.rule.into_iter().zip(expansions) {
            let (regex, search) = built.next().expect("one per rule");
            let line = cue_lines.line(spanned.span().start);
            let raw = spanned.into_inner();
            let at = match raw.at.as_str() {
                "after-quote" => Position::AfterQuote,
                "before-quote" => Position::BeforeQuote,
                "previous-paragraph" => Position::PreviousParagraph,
                "previous-sentence" => Position::PreviousSentence,
                "quote-start" => Position::QuoteStart,
                other => {
                    return Err(Error::PatternSyntax {
                        path: files.path("cues.toml"),
                        line,
                        message: format!(
                            "rule {}: `at` is {other:?}; expected after-quote, before-quote, previous-sentence, previous-paragraph or quote-start",
                            raw.id
                        ),
                    })
                }
            };
            let expanded = expanded.map_err(|message| Error::PatternSyntax {
                path: files.path("cues.toml"),
                line,
                message: format!("rule {}: {message}", raw.id),
            })?;
            // A rule with a search has both groups (`RuleSearch::new` checks them); its regex is
            // compiled on first use.
            let regex = match (regex, &search) {
                (_, Some(_)) => std::sync::OnceLock::new(),
                (regex, None) => {
                    let regex = regex.expect("built for every expanded rule").map_err(|e| {
                        Error::PatternRegex {
                            path: files.path("cues.toml"),
                            line,
                            rule_id: raw.id.clone(),
                            source: Box::new(e),
                        }
                    })?;
                    for group in ["speaker", "cue"] {
                        if !regex.capture_names().any(|n| n == Some(group)) {
                            return Err(Error::PatternSyntax {
                                path: files.path("cues.toml"),
                                line,
                                message: format!(
                                    "rule {}: the regex has no group named `{group}`",
                                    raw.id
                                ),
                            });
                        }
                    }
                    std::sync::OnceLock::from(regex)
                }
            };
            if raw.examples.is_empty() || raw.counterexamples.is_empty() {
                return Err(Error::PatternSyntax {
                    path: files.path("cues.toml"),
                    line,
                    message: format!(
                        "rule {}: every rule needs at least one example and one counterexample",
                        raw.id
                    ),
                });
            }
            collect_examples(
                &cue_lines,
                "cues.toml",
                &raw.id,
                raw.examples,
                raw.counterexamples,
                &mut examples,
            );
            let index = rules.len();
            let search = search.map(|mut s| {
                s.cache_slot = rules
                    .iter()
                    .position(|r: &CueRule| r.search.is_some() && r.pattern == expanded)
                    .unwrap_or(index);
                s
            });
            rules.push(CueRule {
                id: raw.id,
                at,
                method: raw.method,
                pattern: expanded,
                regex,
                search,
                fallback: raw.fallback,
                last: raw.last,
            });
        }
        collect_examples(
            &LineIndex::new(files.get("speakers.toml")),
            "speakers.toml",
            "speakers",
            speakers.example,
            speakers.counterexample,
            &mut examples,
        );

        let mut pronouns = HashMap::new();
        for (line, entry) in files.lexicon("lexicon/pronouns.txt")? {
            let mut it = entry.split(' ');
            let (word, class) = (it.next().unwrap_or(""), it.next().unwrap_or(""));
            let class = match class {
                "male" => PronounClass::Male,
                "female" => PronounClass::Female,
                "plural" => PronounClass::Plural,
                "neuter" => PronounClass::Neuter,
                "first" => PronounClass::First,
                _ => {
                    return Err(Error::PatternSyntax {
                        path: files.path("lexicon/pronouns.txt"),
                        line,
                        message: format!("unknown pronoun class {class:?}"),
                    })
                }
            };
            pronouns.insert(word.to_lowercase(), class);
        }

        let consistency_lines = LineIndex::new(files.get("consistency.toml"));
        let title_examples = consistency
            .example
            .into_iter()
            .enumerate()
            .map(|(i, s)| {
                let src = ExampleSource {
                    file: "consistency.toml".into(),
                    line: consistency_lines.line(s.span().start),
                    rule_id: "consistency".into(),
                    index: i + 1,
                };
                (src, s.into_inner())
            })
            .collect();

        static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        let word_classes = pending_classes.finish().map_err(word_class_error)?;
        let mut set = PatternSet {
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            max_quote_bytes: quotes.max_quote_chars,
            pairs,
            marks,
            mark_chars,
            scare_before: quotes
                .scare_before
                .iter()
                .map(|s| s.to_lowercase())
                .collect(),
            scare_before_words: quotes
                .scare_before
                .iter()
                .map(|s| s.split(' ').count())
                .max()
                .unwrap_or(0),
            nickname_max_words: quotes.nickname_max_words,
            work_title_after: quotes.work_title_after.clone(),
            work_title_max_words: quotes.work_title_max_words,
            rules,
            word_classes,
            speech_verbs,
            titles,
            title_modifiers: lexicons.remove("title-modifiers").unwrap_or_default(),
            honorifics: lexicons.remove("honorifics").unwrap_or_default(),
            honorifics_male: lex("honorifics-male")?,
            honorifics_female: lex("honorifics-female")?,
            pronouns,
            org_words,
            document_words: lexicons.remove("document-words").unwrap_or_default(),
            family_name_first: lex("family-name-first")?,
            abbreviations: lex("abbreviations")?,
            places: PlaceTable::new(&files.lexicon("lexicon/places.txt")?),
            title_aliases: PlaceTable::new(&files.lexicon("lexicon/title-aliases.txt")?),
            org_aliases: PlaceTable::new(&files.lexicon("lexicon/org-aliases.txt")?),
            first_names_male: lex("first-names-male")?,
            first_names_female: lex("first-names-female")?,
            first_names_unisex: lex("first-names-unisex")?,
            non_names: lex("capitalized-non-names")?,
            known_surnames: files
                .lexicon("lexicon/known-surnames.txt")?
                .into_iter()
                .filter_map(|(_, l)| {
                    l.split_once('|')
                        .map(|(a, b)| (a.to_string(), b.to_string()))
                })
                .collect(),
            name_particles: Lexicon::new(speakers.name_particles),
            affiliation_prepositions: speakers.affiliation_prepositions,
            clause_stops: speakers.clause_stops,
            relative_title_verbs: speakers.relative_title_verbs,
            unnamed_determiners: Lexicon::new(speakers.unnamed_determiners),
            pronoun_window_sentences: speakers.pronoun_window_sentences,
            consistency_drop_words: Lexicon::new(consistency.drop_words),
            former_words: Lexicon::new(consistency.former_words),
            examples,
            title_examples,
            files,
            word_bits: WordBits::default(),
        };
        set.word_bits = WordBits::new(&set);
        Ok(set)
    }
}

/// A rule's [`RuleSearch`], or without one its compiled regex (or why it does not compile);
/// nothing for a rule whose expansion failed.
type BuiltRule = (
    Option<std::result::Result<Regex, regex::Error>>,
    Option<RuleSearch>,
);

/// Builds the regexes of every successfully expanded rule, spread over the machine's cores.
fn build_rule_regexes(expansions: &[std::result::Result<String, String>]) -> Vec<BuiltRule> {
    let build = |e: &std::result::Result<String, String>| -> BuiltRule {
        let Ok(pattern) = e else {
            return (None, None);
        };
        // The regex is only needed now when the rule has no search helpers (or to report why
        // it does not compile); otherwise it is compiled on first use.
        match RuleSearch::new(pattern) {
            Some(search) => (None, Some(search)),
            None => (Some(build_regex(pattern)), None),
        }
    };
    // Rules with the same expansion share one build.
    let first: Vec<usize> = (0..expansions.len())
        .map(|i| {
            expansions[..i]
                .iter()
                .position(|e| *e == expansions[i])
                .unwrap_or(i)
        })
        .collect();
    let todo: Vec<usize> = (0..expansions.len()).filter(|&i| first[i] == i).collect();
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8)
        .min(todo.len());
    let mut out: Vec<Option<BuiltRule>> = (0..expansions.len()).map(|_| None).collect();
    if threads <= 1 {
        for &i in &todo {
            out[i] = Some(build(&expansions[i]));
        }
    } else {
        // Each thread takes the next rule to build: their costs differ widely.
        let next = std::sync::atomic::AtomicUsize::new(0);
        std::thread::scope(|scope| {
            let handles: Vec<_> = (0..threads)
                .map(|_| {
                    scope.spawn(|| {
                        let mut built = Vec::new();
                        loop {
                            let k = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                            let Some(&i) = todo.get(k) else {
                                return built;
                            };
                            built.push((i, build(&expansions[i])));
                        }
                    })
                })
                .collect();
            for h in handles {
                for (i, b) in h.join().expect("regex build thread") {
                    out[i] = Some(b);
                }
            }
        });
    }
    for i in 0..out.len() {
        if first[i] != i {
            out[i] = out[first[i]].clone();
        }
    }
    out.into_iter()
        .map(|b| b.expect("every rule built"))
        .collect()
}

/// Expands `{name}` (a `[define]` entry) and `{lexicon:file}` (a word list) in a rule's regex.
fn expand(
    template: &str,
    defines: &BTreeMap<String, String>,
    classes: &PendingWordClasses,
    depth: usize,
) -> std::result::Result<String, String> {
    if depth > 16 {
        return Err("placeholders nest more than 16 deep (a define refers to itself?)".into());
    }
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find('}');
        let key = close.map(|c| &after[..c]);
        let unicode_class = out.ends_with("\\p") || out.ends_with("\\P");
        let is_placeholder = !unicode_class
            && key.is_some_and(|k| {
                !k.is_empty()
                    && k.chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == ':')
                    && !k.chars().all(|c| c.is_ascii_digit() || c == ',')
            });
        match (key, is_placeholder) {
            (Some(k), true) => {
                if let Some(name) = k.strip_prefix("lexicon:") {
                    let class = classes
                        .class(name, false)
                        .ok_or_else(|| format!("unknown lexicon {{{k}}}"))?;
                    out.push_str(&class);
                } else if let Some(name) = k.strip_prefix("lexicon-ci:") {
                    let class = classes
                        .class(name, true)
                        .ok_or_else(|| format!("unknown lexicon {{{k}}}"))?;
                    out.push_str(&class);
                } else if k == "anylower" {
                    out.push_str(&classes.any(false));
                } else if k == "anycap" {
                    out.push_str(&classes.any(true));
                } else {
                    let def = defines
                        .get(k)
                        .ok_or_else(|| format!("unknown placeholder {{{k}}}"))?;
                    out.push_str(&format!(
                        "(?:{})",
                        expand(def, defines, classes, depth + 1)?
                    ));
                }
                rest = &after[k.len() + 1..];
            }
            _ => {
                // A regex repetition such as {0,5}: keep it.
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Ok(out)
}

fn collect_examples(
    lines: &LineIndex,
    file: &str,
    rule_id: &str,
    positive: Vec<toml::Spanned<Example>>,
    negative: Vec<toml::Spanned<RawCounter>>,
    out: &mut Vec<Example>,
) {
    let all = positive
        .into_iter()
        .map(|s| (s.span().start, s.into_inner()))
        .chain(
            negative
                .into_iter()
                .map(|s| (s.span().start, s.into_inner().into_example())),
        );
    for (i, (start, mut ex)) in all.enumerate() {
        ex.source = Some(ExampleSource {
            file: file.to_string(),
            line: lines.line(start),
            rule_id: rule_id.to_string(),
            index: i + 1,
        });
        out.push(ex);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reverse_prefilters_end_at_the_cue_start_only_when_that_keeps_the_starts() {
        let cut = |p: &str| up_to_cue_start(parse(p).unwrap()).to_string();
        let same = |p: &str| parse(p).unwrap().to_string();
        let name = "(?P<speaker>[A-Z][a-z]+) ";
        // The cue ends the regex: its tail goes.
        let tail = "(?P<cue>said(?: to [a-z]+)?)";
        assert!(cut(&format!("{name}{tail}")) == same(&format!("{name}(?:said)")));
        // An optional repetition that holds every character of the tail absorbs it.
        assert!(
            cut(&format!("{name}{tail}[^:.]{{0,80}}:$"))
                == same(&format!("{name}(?:said)[^:.]{{0,80}}:$"))
        );
        // One that does not (the tail may hold a period), or a required one, does not.
        for kept in [
            format!("{name}(?P<cue>said(?: to [a-z.]+)?)[^:.]{{0,80}}:$"),
            format!("{name}{tail}[^:.]{{1,80}}:$"),
            format!("{name}{tail} now"),
        ] {
            assert!(cut(&kept) == same(&kept), "{kept}");
        }
    }

    #[test]
    fn expand_keeps_repetitions_and_fills_defines() {
        let mut d = BTreeMap::new();
        d.insert("w".to_string(), "a{1,2}".to_string());
        let l = Lexicon::for_tests(&["said"]);
        let c = WordClasses::start(&[("speech-verbs", &l)]).unwrap();
        assert_eq!(expand("x{w}y{3}", &d, &c, 0).unwrap(), "x(?:a{1,2})y{3}");
        assert!(expand("{nope}", &d, &c, 0).is_err());
        assert!(expand("{lexicon:speech-verbs}", &d, &c, 0)
            .unwrap()
            .starts_with('['));
    }

    #[test]
    fn embedded_set_compiles() {
        let set = PatternSet::embedded().unwrap();
        assert!(!set.rules.is_empty());
        assert!(set.speech_verbs.contains("said"));
    }
}
