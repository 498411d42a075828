//! What a quote is: speech at all (not a term, a title of a work or a nickname: [`is_scare`]),
//! and a whole statement or a fragment inside reported speech ([`kind`]).
//!
//! In: the text, a quote and its [`Context`]. Out: a yes/no, or a [`QuoteKind`].

use super::context::Context;
use super::Attribution;
use crate::pattern::PatternSet;
use crate::quote::{Quote, QuoteKind};
use crate::token::is_possessive;

/// Text between two quotes shorter than this (`“…,” she said, “…”`) interrupts one statement: the
/// second quote is as direct as the first.
const SHORT_INTERRUPTION: usize = 60;

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
    is_nickname(text, q, patterns.quotes.nickname_max_words)
}

/// Whether the quote is a nickname inside a name (`Alasdair "Sandy" Baird`): a capitalised quote
/// of at most `max_words` words between two capitalised words. (One word more than a nickname
/// has is enough to tell.)
pub fn is_nickname(text: &str, q: &Quote, max_words: usize) -> bool {
    let inner = q.inner.slice(text);
    let words: Vec<&str> = inner.split_whitespace().take(max_words + 1).collect();
    if !words.is_empty()
        && words.len() <= max_words
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
    {
        let prev_word = text[..q.open]
            .trim_end_matches(' ')
            .rsplit(char::is_whitespace)
            .next()
            .unwrap_or("");
        // ("Robert "Bobby" Scott, the congressman": the name may end its clause.)
        let next_word = text[q.after()..]
            .strip_prefix(' ')
            .and_then(|r| r.split(char::is_whitespace).next())
            .map_or("", |w| w.trim_end_matches([',', '.', ';', ':']));
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
pub(super) fn scare_pieces(patterns: &PatternSet) -> usize {
    (patterns.quotes.scare_before_words + 1).max(4) + 1
}

/// The lowercase of `s` from its `pieces`-th last space (or no-break space) on: what splitting
/// the lowercase of all of `s` at those spaces gives as its last `pieces` pieces, without
/// lowercasing a long context whole. (Lowercasing maps each character alone, except a final
/// sigma, which looks back only as far as the nearest space.)
pub(super) fn last_pieces_lowercase(s: &str, pieces: usize) -> String {
    let from = s
        .char_indices()
        .rev()
        .filter(|&(_, c)| c == ' ' || c == '\u{a0}')
        .nth(pieces - 1)
        .map_or(0, |(i, c)| i + c.len_utf8());
    s[from..].to_lowercase()
}

/// Whether the quote is a whole statement (direct) or a fragment inside reported speech.
pub fn kind(text: &str, ctx: &Context, attribution: Option<&Attribution>) -> QuoteKind {
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
    if before.starts_with([',', '.']) && before.ends_with(',') && before.len() < SHORT_INTERRUPTION
    {
        return QuoteKind::Direct;
    }
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
}
