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

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::compile::Lexicon;

/// The first private-use character used for word classes.
const BASE: u32 = 0xE000;
/// The bit that marks a capitalised occurrence.
const CAP: u32 = 64;

/// The compiled word classes.
#[derive(Debug, Clone)]
pub struct WordClasses {
    ac: AhoCorasick,
    /// Lexicon bit mask of each pattern of `ac`.
    masks: Vec<u32>,
    /// The lexicon names, in bit order.
    names: Vec<String>,
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
    names: Vec<String>,
}

impl PendingWordClasses {
    /// As [`WordClasses::class`].
    pub fn class(&self, name: &str, any_case: bool) -> Option<String> {
        class_of(&self.names, name, any_case)
    }

    /// As [`WordClasses::any`].
    pub fn any(&self, capitalized: bool) -> String {
        any_of(capitalized)
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
            names: self.names,
        })
    }
}

impl WordClasses {
    /// Builds the classes of the given lexicons (at most six).
    pub fn new(lexicons: &[(&str, &Lexicon)]) -> Result<WordClasses, String> {
        WordClasses::start(lexicons)?.finish()
    }

    /// Starts building the classes of the given lexicons (at most six): the automaton, a large
    /// part of the start-up time, is built on its own thread.
    pub fn start(lexicons: &[(&str, &Lexicon)]) -> Result<PendingWordClasses, String> {
        if lexicons.len() > 6 {
            return Err("at most six lexicons can be used in rules".into());
        }
        let mut entries: std::collections::BTreeMap<String, u32> =
            std::collections::BTreeMap::new();
        for (bit, (_, lex)) in lexicons.iter().enumerate() {
            for e in &lex.entries {
                *entries.entry(e.to_lowercase()).or_default() |= 1 << bit;
            }
        }
        let (words, masks): (Vec<String>, Vec<u32>) = entries.into_iter().unzip();
        let ac = std::thread::spawn(move || {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .ascii_case_insensitive(true)
                // Every context of every quote goes through it: the DFA is the fastest kind.
                .kind(Some(aho_corasick::AhoCorasickKind::DFA))
                .build(&words)
                .map_err(|e| e.to_string())
        });
        Ok(PendingWordClasses {
            ac,
            masks,
            names: lexicons.iter().map(|(n, _)| n.to_string()).collect(),
        })
    }

    /// The regex character class for lexicon `name`: lowercase occurrences, or any case.
    pub fn class(&self, name: &str, any_case: bool) -> Option<String> {
        class_of(&self.names, name, any_case)
    }

    /// The class of every lexicon word, lowercase (`lower`) or capitalised.
    pub fn any(&self, capitalized: bool) -> String {
        any_of(capitalized)
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
        out.text.clear();
        out.orig.clear();
        let out = &mut *out;
        let bytes = text.as_bytes();
        let mut last = 0;
        for m in self.ac.find_iter(text) {
            let (s, mut e) = (m.start(), m.end());
            if !text.is_char_boundary(s) || word_char_before(text, s) {
                continue;
            }
            // A plural: "officials", "reporters".
            if e < bytes.len()
                && (bytes[e] == b's' || bytes[e] == b'S')
                && !word_char_at(text, e + 1)
            {
                e += 1;
            }
            if !text.is_char_boundary(e) || word_char_at(text, e) {
                continue;
            }
            copy(out, text, last, s);
            let cap = text[s..].chars().next().is_some_and(char::is_uppercase);
            let c = char::from_u32(
                BASE + self.masks[m.pattern().as_usize()] + if cap { CAP } else { 0 },
            )
            .unwrap_or(' ');
            let at = out.text.len();
            out.text.push(c);
            for _ in at..out.text.len() {
                out.orig.push(s);
            }
            last = e;
        }
        copy(out, text, last, text.len());
        out.orig.push(text.len());
    }
}

/// [`WordClasses::class`] for the lexicons `names` (in bit order).
fn class_of(names: &[String], name: &str, any_case: bool) -> Option<String> {
    let bit = names.iter().position(|n| n == name)? as u32;
    let mut s = String::from("[");
    for mask in 1..64u32 {
        if mask & (1 << bit) != 0 {
            push_char(&mut s, BASE + mask);
            if any_case {
                push_char(&mut s, BASE + mask + CAP);
            }
        }
    }
    s.push(']');
    Some(s)
}

/// [`WordClasses::any`].
fn any_of(capitalized: bool) -> String {
    let mut s = String::from("[");
    let lo = BASE + 1 + if capitalized { CAP } else { 0 };
    push_char(&mut s, lo);
    s.push('-');
    push_char(&mut s, lo + 62);
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
}
