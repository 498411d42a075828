//! Word classes: the lexicons as single characters, so that rule regexes stay small.
//!
//! A rule such as `{mention} {verb}` would, written out, hold alternations of hundreds of
//! reporting verbs and titles; the regex engine's automata then grow so large that building
//! them dominates the run time. Instead, before a rule runs, [`WordClasses::normalize`] finds
//! every lexicon entry in the text once with one Aho-Corasick automaton and replaces it by one
//! character from Unicode's private use area that says which lexicons the entry belongs to and
//! whether it was capitalised. `{lexicon:NAME}` in a rule expands to the class of those
//! characters. Offsets map back to the original text through [`Normalized::orig`].
//!
//! In: the lexicons named in rules and a text slice. Out: a [`Normalized`] string and its
//! offset map. Invariant: every lexicon match is a whole word (an optional plural `s` is part of
//! it); everything else is copied byte for byte.
//!
//! The matches are those of the automaton's leftmost-longest search, filtered to whole words. The
//! automaton is large (several MB of states), and walking it byte by byte missed the cache on
//! nearly every byte, so [`WordClasses::normalize_into`] finds the same matches from a hash of
//! entries by first word, looked up only where a word starts (`WordIndex`); the automaton
//! remains for the rare text where a match starting inside a word could run into the next one
//! (`undersecretary of state`), which the lookup cannot see.

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::lexicon::Lexicon;
use super::word_index::{bit, hash_step, WordIndex, HASH_SEED, KEY_MAX};

/// The first private-use character used for word classes.
const BASE: u32 = 0xE000;
/// The most lexicons the rules may use: a class character is `BASE` + a mask of lexicon bits + a
/// capital bit, and with eleven lexicons that stays in the private use area of the BMP.
const MAX_LEXICONS: usize = 11;

/// The bit that marks a capitalised occurrence, for `n` lexicons: the bit above the lexicons'
/// bits, and never below 64 (the value it has always had with six lexicons or fewer).
fn cap_bit(n: usize) -> u32 {
    1 << n.max(6)
}

/// The compiled word classes.
#[derive(Debug, Clone)]
pub struct WordClasses {
    ac: AhoCorasick,
    /// Lexicon bit mask of each pattern of `ac`.
    masks: Vec<u32>,
    /// The same entries by first word.
    index: WordIndex,
    /// The lexicon names, in bit order.
    names: Vec<String>,
    /// [`cap_bit`] of this many lexicons.
    cap: u32,
}

/// A text with lexicon words replaced by class characters.
#[derive(Debug, Clone, Default)]
pub struct Normalized {
    /// The normalized text.
    pub text: String,
    /// For each byte of `text`, and one past its end, the offset in the original slice.
    pub orig: Vec<usize>,
}

/// [`WordClasses`] whose automaton is still being built on another thread: the class characters
/// are known already (the rules can be expanded meanwhile); [`PendingWordClasses::finish`] waits
/// for the automaton.
#[derive(Debug)]
pub struct PendingWordClasses {
    ac: std::thread::JoinHandle<Result<AhoCorasick, String>>,
    masks: Vec<u32>,
    index: WordIndex,
    names: Vec<String>,
}

impl PendingWordClasses {
    /// As [`WordClasses::class`].
    pub fn class(&self, name: &str, any_case: bool) -> Option<String> {
        class_of(&self.names, name, any_case, cap_bit(self.names.len()))
    }

    /// As [`WordClasses::any`].
    pub fn any(&self, capitalized: bool) -> String {
        any_of(capitalized, cap_bit(self.names.len()))
    }

    /// The word classes, once their automaton is built.
    pub fn finish(self) -> Result<WordClasses, String> {
        let ac = self
            .ac
            .join()
            .map_err(|_| "the word-class automaton build panicked")??;
        Ok(WordClasses {
            ac,
            masks: self.masks,
            index: self.index,
            cap: cap_bit(self.names.len()),
            names: self.names,
        })
    }
}

impl WordClasses {
    /// Builds the classes of the given lexicons (at most eleven).
    pub fn new(lexicons: &[(&str, &Lexicon)]) -> Result<WordClasses, String> {
        WordClasses::start(lexicons)?.finish()
    }

    /// Starts building the classes of the given lexicons (at most eleven): the automaton, a large
    /// part of the start-up time, is built on its own thread.
    pub fn start(lexicons: &[(&str, &Lexicon)]) -> Result<PendingWordClasses, String> {
        if lexicons.len() > MAX_LEXICONS {
            return Err(format!(
                "the rules use {} lexicons; at most {MAX_LEXICONS} can be used",
                lexicons.len()
            ));
        }
        let mut entries: std::collections::BTreeMap<String, u32> =
            std::collections::BTreeMap::new();
        for (bit, (_, lex)) in lexicons.iter().enumerate() {
            for e in &lex.entries {
                *entries.entry(e.to_lowercase()).or_default() |= 1 << bit;
            }
        }
        let (words, masks): (Vec<String>, Vec<u32>) = entries.into_iter().unzip();
        let index = WordIndex::new(&words, &masks);
        let ac = std::thread::spawn(move || {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .ascii_case_insensitive(true)
                // Only the contexts the word lookup cannot take go through it (under 1 % on
                // news): the contiguous NFA builds faster and is smaller (by 4 MB) than the DFA.
                .kind(Some(aho_corasick::AhoCorasickKind::ContiguousNFA))
                .build(&words)
                .map_err(|e| e.to_string())
        });
        Ok(PendingWordClasses {
            ac,
            masks,
            index,
            names: lexicons.iter().map(|(n, _)| n.to_string()).collect(),
        })
    }

    /// The regex character class for lexicon `name`: lowercase occurrences, or any case.
    pub fn class(&self, name: &str, any_case: bool) -> Option<String> {
        class_of(&self.names, name, any_case, self.cap)
    }

    /// The class of every lexicon word, lowercase (`lower`) or capitalised.
    pub fn any(&self, capitalized: bool) -> String {
        any_of(capitalized, self.cap)
    }

    /// Every character a word class of these lexicons is written as, capitalised or not (all
    /// in U+E000 to U+EFFF: their UTF-8 is 0xEE, then two continuation bytes).
    pub fn chars(&self) -> std::ops::RangeInclusive<u32> {
        BASE..=BASE + 2 * self.cap - 1
    }

    /// The range of the second UTF-8 byte of [`WordClasses::chars`].
    pub fn second_bytes(&self) -> std::ops::RangeInclusive<u8> {
        let last = BASE + 2 * self.cap - 1;
        0x80..=(0x80 | ((last >> 6) & 0x3F)) as u8
    }

    /// The capital bit for a lexicon word starting at `text[s..]`: set when it is capitalised.
    fn cap_flag(&self, text: &str, s: usize) -> u32 {
        if text[s..].chars().next().is_some_and(char::is_uppercase) {
            self.cap
        } else {
            0
        }
    }

    /// Replaces every whole-word lexicon entry in `text` by its class character.
    pub fn normalize(&self, text: &str) -> Normalized {
        let mut out = Normalized {
            text: String::with_capacity(text.len()),
            orig: Vec::with_capacity(text.len() + 1),
        };
        self.normalize_into(text, &mut out);
        out
    }

    /// [`WordClasses::normalize`] into `out` (cleared first), to reuse its allocations.
    pub fn normalize_into(&self, text: &str, out: &mut Normalized) {
        if !self.normalize_by_words(text, out) {
            self.normalize_by_automaton(text, out);
        }
    }

    /// The definition: the automaton's leftmost-longest matches, each kept if it is a whole word
    /// (with an optional plural `s`). A match that is not still moves the search past its end.
    fn normalize_by_automaton(&self, text: &str, out: &mut Normalized) {
        out.text.clear();
        out.orig.clear();
        let mut last = 0;
        let mut pos = 0;
        while let Some(m) = self.ac.find(aho_corasick::Input::new(text).range(pos..)) {
            if let Some(e) = whole_word(text, m.start(), m.end()) {
                replace(
                    out,
                    text,
                    &mut last,
                    m.start(),
                    e,
                    self.masks[m.pattern().as_usize()] | self.cap_flag(text, m.start()),
                );
                pos = m.end();
            } else if text.is_char_boundary(m.start()) && !word_char_before(text, m.start()) {
                // At a word's start, a shorter entry that is a whole word ("party" of "party
                // chairwoman", where "party chair" ends inside a word); else the next words
                // are read as if this one had none.
                match self.whole_entry_at(text, m.start()) {
                    Some((raw_end, mask)) => {
                        let e = whole_word(text, m.start(), raw_end).unwrap_or(raw_end);
                        replace(
                            out,
                            text,
                            &mut last,
                            m.start(),
                            e,
                            mask | self.cap_flag(text, m.start()),
                        );
                        pos = raw_end;
                    }
                    None => pos = m.start() + utf8_len(text.as_bytes()[m.start()]),
                }
            } else {
                pos = m.end();
            }
        }
        copy(out, text, last, text.len());
        out.orig.push(text.len());
    }

    /// The longest entry starting at the word start `start` of `text` that ends a whole word
    /// (a plural `s` after it included), or the entry a word ending in `s` is the plural of: where
    /// the entry ends, and its class mask.
    fn whole_entry_at(&self, text: &str, start: usize) -> Option<(usize, u32)> {
        let end = word_end(text, start);
        if end == start {
            return None;
        }
        let key = text.as_bytes()[start..end].to_ascii_lowercase();
        self.whole_entry_of(text, start, end, &key)
    }

    /// [`WordClasses::whole_entry_at`] for the word `text[start..end]`, whose lowercase form is
    /// `key`.
    fn whole_entry_of(
        &self,
        text: &str,
        start: usize,
        end: usize,
        key: &[u8],
    ) -> Option<(usize, u32)> {
        let b = text.as_bytes();
        let ix = &self.index;
        ix.by_first
            .get(key)
            .and_then(|entries| {
                entries.iter().find(|(e, _)| {
                    matches_at(b, start, e) && whole_word(text, start, start + e.len()).is_some()
                })
            })
            .map(|(e, mask)| (start + e.len(), *mask))
            .or_else(|| {
                // "officials": "official" and its plural.
                let stem = key.strip_suffix(b"s").filter(|s| !s.is_empty())?;
                let entries = ix.by_first.get(stem)?;
                let (_, mask) = entries.iter().find(|(e, _)| e.len() == stem.len())?;
                Some((end - 1, *mask))
            })
    }

    /// [`WordClasses::normalize_by_automaton`], from [`WordIndex`] lookups where words start.
    /// Where a word starts, the automaton's longest match is the longest entry that starts with
    /// that whole word, or, for a word ending in `s`, the entry that is the word without it;
    /// any other match starting there ends inside the word and is not kept. A match starting
    /// inside a word is never kept either, and it changes nothing unless it runs into a later
    /// word, which only an entry with a space, an apostrophe or a period can do: where one
    /// would, `false` (nothing is promised of `out` then).
    fn normalize_by_words(&self, text: &str, out: &mut Normalized) -> bool {
        let ix = &self.index;
        if ix.spanning_max == usize::MAX {
            return false;
        }
        out.text.clear();
        out.orig.clear();
        let b = text.as_bytes();
        // Where the automaton's search resumes; and how much of `text` is copied.
        let (mut resume, mut last) = (0, 0);
        // (A word one byte longer than a key can be a key's plural.)
        let mut key = [0u8; KEY_MAX + 1];
        let mut i = 0;
        while i < b.len() {
            let start = i;
            // The word's end, and the hashes of its lowercase form and of all but its last byte.
            let (mut h, mut stem_h) = (HASH_SEED, HASH_SEED);
            while i < b.len() {
                let c = b[i];
                if c < 0x80 {
                    if !WORD_BYTE[c as usize] {
                        break;
                    }
                    stem_h = h;
                    h = hash_step(h, c.to_ascii_lowercase());
                    i += 1;
                } else {
                    match text[i..].chars().next() {
                        Some(ch) if is_word_char(ch) => {
                            stem_h = h;
                            for &c in &b[i..i + ch.len_utf8()] {
                                h = hash_step(h, c);
                            }
                            i += ch.len_utf8();
                        }
                        _ => break,
                    }
                }
            }
            if i == start {
                i += utf8_len(b[i]);
                continue;
            }
            let end = i;
            let word = &b[start..end];
            if end < b.len()
                && ix.spanning_sep[b[end] as usize]
                && ix.spans_from_inside(b, start, end)
            {
                return false;
            }
            if start < resume || word.len() > KEY_MAX + 1 {
                continue;
            }
            let stem_s = matches!(word[word.len() - 1], b's' | b'S') && word.len() > 1;
            if !(bit(&ix.first_hashes, h) || stem_s && bit(&ix.first_hashes, stem_h)) {
                continue;
            }
            let key = &mut key[..word.len()];
            key.copy_from_slice(word);
            key.make_ascii_lowercase();
            let longest = self.whole_entry_of(text, start, end, key);
            if let Some((raw_end, mask)) = longest {
                if let Some(e) = whole_word(text, start, raw_end) {
                    replace(
                        out,
                        text,
                        &mut last,
                        start,
                        e,
                        mask | self.cap_flag(text, start),
                    );
                }
                resume = raw_end;
            }
        }
        copy(out, text, last, text.len());
        out.orig.push(text.len());
        true
    }
}

/// A lexicon entry (lowercase) and its class mask.
pub(super) type Entry = (Box<[u8]>, u32);

/// ASCII bytes that are word characters (letters, digits, `-`, `_`).
static WORD_BYTE: [bool; 128] = {
    let mut t = [false; 128];
    let mut c = 0;
    while c < 128 {
        let b = c as u8;
        t[c] = b.is_ascii_alphanumeric() || b == b'-' || b == b'_';
        c += 1;
    }
    t
};

/// Whether `entry` (lowercase) matches `b` at `at`, ignoring ASCII case as the automaton does.
pub(super) fn matches_at(b: &[u8], at: usize, entry: &[u8]) -> bool {
    b.len() - at >= entry.len()
        && b[at..at + entry.len()]
            .iter()
            .zip(entry)
            .all(|(t, e)| t.to_ascii_lowercase() == *e)
}

/// The end of the run of word characters starting at byte `i` of `s` (`i` when none starts
/// there).
pub(super) fn word_end(s: &str, mut i: usize) -> usize {
    let b = s.as_bytes();
    while i < b.len() {
        let c = b[i];
        if c < 0x80 {
            if !WORD_BYTE[c as usize] {
                break;
            }
            i += 1;
        } else {
            match s[i..].chars().next() {
                Some(ch) if is_word_char(ch) => i += ch.len_utf8(),
                _ => break,
            }
        }
    }
    i
}

/// The length of the UTF-8 sequence that `lead` starts.
fn utf8_len(lead: u8) -> usize {
    match lead {
        0xF0.. => 4,
        0xE0.. => 3,
        0xC0.. => 2,
        _ => 1,
    }
}

/// Where a lexicon match `text[s..e]` ends as a whole word: `e`, or `e + 1` with a plural `s`
/// ("officials", "reporters"); `None` when it starts or ends inside a word.
fn whole_word(text: &str, s: usize, mut e: usize) -> Option<usize> {
    if !text.is_char_boundary(s) || word_char_before(text, s) {
        return None;
    }
    let bytes = text.as_bytes();
    if e < bytes.len() && (bytes[e] == b's' || bytes[e] == b'S') && !word_char_at(text, e + 1) {
        e += 1;
    }
    (text.is_char_boundary(e) && !word_char_at(text, e)).then_some(e)
}

/// Copies `text[*last..s]` and writes the class character of `class` (lexicon bits and capital
/// bit) for the word `text[s..e]`.
fn replace(out: &mut Normalized, text: &str, last: &mut usize, s: usize, e: usize, class: u32) {
    copy(out, text, *last, s);
    let c = char::from_u32(BASE + class).unwrap_or(' ');
    let at = out.text.len();
    out.text.push(c);
    for _ in at..out.text.len() {
        out.orig.push(s);
    }
    *last = e;
}

/// [`WordClasses::class`] for the lexicons `names` (in bit order), whose capital bit is `cap`.
fn class_of(names: &[String], name: &str, any_case: bool, cap: u32) -> Option<String> {
    let bit = names.iter().position(|n| n == name)? as u32;
    let mut s = String::from("[");
    for mask in 1..cap {
        if mask & (1 << bit) != 0 {
            push_char(&mut s, BASE + mask);
            if any_case {
                push_char(&mut s, BASE + mask + cap);
            }
        }
    }
    s.push(']');
    Some(s)
}

/// [`WordClasses::any`], with the capital bit `cap`.
fn any_of(capitalized: bool, cap: u32) -> String {
    let mut s = String::from("[");
    let lo = BASE + 1 + if capitalized { cap } else { 0 };
    push_char(&mut s, lo);
    s.push('-');
    push_char(&mut s, lo + cap - 2);
    s.push(']');
    s
}

fn copy(out: &mut Normalized, text: &str, from: usize, to: usize) {
    out.text.push_str(&text[from..to]);
    out.orig.extend(from..to);
}

/// Bytes that continue a word: letters, digits, apostrophes' UTF-8 lead bytes excluded.
/// Whether a word character (a letter, a digit, `-` or `_`) ends right before byte `i`. A
/// no-break space, a curly quote or a dash is not one.
fn word_char_before(text: &str, i: usize) -> bool {
    text[..i].chars().next_back().is_some_and(is_word_char)
}

/// Whether a word character starts at byte `i` (false at the end or off a char boundary).
fn word_char_at(text: &str, i: usize) -> bool {
    text.get(i..)
        .and_then(|t| t.chars().next())
        .is_some_and(is_word_char)
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '_'
}

fn push_char(s: &mut String, c: u32) {
    if let Some(c) = char::from_u32(c) {
        s.push_str(&regex::escape(&c.to_string()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_become_classes_and_offsets_map_back() {
        let verbs = Lexicon::for_tests(&["said", "told"]);
        let titles = Lexicon::for_tests(&["official", "secretary of state"]);
        let w = WordClasses::new(&[("speech-verbs", &verbs), ("titles", &titles)]).unwrap();
        let n = w.normalize("Officials said the Secretary of State told nobody; saidx.");
        let re = regex::Regex::new(&format!(
            "{} {}",
            w.class("titles", true).unwrap(),
            w.class("speech-verbs", false).unwrap()
        ))
        .unwrap();
        let m = re.find(&n.text).unwrap();
        assert_eq!((n.orig[m.start()], n.orig[m.end()]), (0, 14));
        assert!(n.text.contains("saidx"));
        assert_eq!(n.orig.len(), n.text.len() + 1);
    }

    fn embedded() -> &'static crate::pattern::PatternSet {
        static SET: std::sync::OnceLock<crate::pattern::PatternSet> = std::sync::OnceLock::new();
        SET.get_or_init(|| crate::pattern::PatternSet::embedded().unwrap())
    }

    /// The lookup at word starts gives what the automaton gives on `text`, or says it cannot.
    fn same_as_automaton(text: &str) -> Result<(), proptest::test_runner::TestCaseError> {
        let w = &embedded().word_classes;
        let (mut a, mut b) = (Normalized::default(), Normalized::default());
        w.normalize_by_automaton(text, &mut a);
        if w.normalize_by_words(text, &mut b) {
            proptest::prop_assert_eq!(&a.text, &b.text, "{:?}", text);
            proptest::prop_assert_eq!(&a.orig, &b.orig, "{:?}", text);
        }
        Ok(())
    }

    /// Text pieces for the property tests (made once): the lexicons' own entries (some
    /// capitalised, some as the end of a longer word), and what sits around words in news text.
    fn pieces() -> &'static [String] {
        static PIECES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
        PIECES.get_or_init(make_pieces)
    }

    fn make_pieces() -> Vec<String> {
        let mut v: Vec<String> = [
            " ",
            " ",
            " ",
            "s",
            "S",
            "'s",
            "’",
            "-",
            ".",
            ",",
            "\u{a0}",
            "é",
            "É",
            "un",
            "under",
            "x",
            "1",
            "then-",
            "side",
            "Secretary",
            "State",
            "of",
            "U",
            "U.S.",
            "Attorney",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let mut entries: Vec<&[u8]> = embedded()
            .word_classes
            .index
            .by_first
            .values()
            .flatten()
            .map(|(e, _)| &e[..])
            .collect();
        entries.sort();
        for (k, e) in entries.iter().enumerate() {
            let e = std::str::from_utf8(e).unwrap();
            v.push(match k % 3 {
                0 => e.to_string(),
                1 => e.to_uppercase(),
                _ => e
                    .split(' ')
                    .map(|w| {
                        let mut c = w.chars();
                        c.next()
                            .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
                    })
                    .collect::<Vec<_>>()
                    .join(" "),
            });
        }
        v
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 20000,
            ..proptest::prelude::ProptestConfig::default()
        })]

        /// The lookup at word starts finds exactly the automaton's whole-word matches, or says
        /// it cannot.
        #[test]
        fn lookup_by_words_matches_the_automaton(
            picks in proptest::collection::vec(proptest::num::usize::ANY, 0..14),
        ) {
            let pieces = pieces();
            // Two in three pieces are from the small list of what sits between words.
            let text: String = picks
                .iter()
                .map(|&p| if p % 3 == 0 { &pieces[p / 3 % pieces.len()] } else { &pieces[p % 25] })
                .map(String::as_str)
                .collect();
            same_as_automaton(&text)?;
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 5000,
            ..proptest::prelude::ProptestConfig::default()
        })]

        /// The same on any text: lexicon entries between arbitrary characters (letters and
        /// digits beyond ASCII, marks, controls).
        #[test]
        fn lookup_by_words_matches_the_automaton_on_any_text(
            parts in proptest::collection::vec(("\\PC{0,6}", proptest::num::usize::ANY), 0..8),
        ) {
            let pieces = pieces();
            let text: String = parts
                .iter()
                .flat_map(|(noise, p)| [noise.as_str(), pieces[p % pieces.len()].as_str()])
                .collect();
            same_as_automaton(&text)?;
        }
    }

    #[test]
    fn an_entry_the_lookup_cannot_find_leaves_every_text_to_the_automaton() {
        let words = Lexicon::for_tests(&["#metoo", "said"]);
        let w = WordClasses::new(&[("document-words", &words)]).unwrap();
        let mut out = Normalized::default();
        assert!(!w.normalize_by_words("the #MeToo campaign", &mut out));
        let n = w.normalize("the #MeToo campaign");
        assert_eq!(n.text.chars().count(), "the x campaign".chars().count());
    }

    #[test]
    fn a_match_from_inside_a_word_is_left_to_the_automaton() {
        let titles = Lexicon::for_tests(&["secretary of state", "state", "official"]);
        let w = WordClasses::new(&[("titles", &titles)]).unwrap();
        let mut out = Normalized::default();
        // The automaton's "secretary of state" inside "undersecretary" hides "state".
        assert!(!w.normalize_by_words("the undersecretary of state said", &mut out));
        assert!(w.normalize_by_words("the Secretary of State and officials said", &mut out));
        assert_eq!(
            out.text
                .chars()
                .filter(|c| ('\u{e000}'..'\u{f8ff}').contains(c))
                .count(),
            2
        );
        assert_eq!(
            out.text,
            w.normalize("the Secretary of State and officials said")
                .text
        );
        // A longest match that ends inside a word hides the shorter one, as in the automaton.
        assert!(w.normalize_by_words("secretary of stateside", &mut out));
        assert_eq!(out.text, "secretary of stateside");
        assert_eq!(out.text, w.normalize("secretary of stateside").text);
    }
}
