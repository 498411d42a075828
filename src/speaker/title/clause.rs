//! Whether the phrase after a name's comma is a clause of the sentence rather than an
//! appositive that describes the name.
//!
//! In: the lowercase phrase. Out: whether it opens as a clause does (a participle, a verb).

use crate::pattern::lexicon::{W_SPEECH_VERB_EXACT, W_TITLE_CI, W_TITLE_MODIFIER_CI};
use crate::pattern::PatternSet;

/// Whether the lowercase `phrase` opens with a participle, as a clause does (", agreeing that
/// …", "running against incumbent Sen. Claire McCaskill"), unless a title follows it at once
/// ("controlling shareholder", "managing director").
pub(super) fn opens_clause(phrase: &str, patterns: &PatternSet) -> bool {
    let mut words = phrase.split([' ', ',']);
    let first = words.next().unwrap_or("");
    first.len() > 5
        && first.ends_with("ing")
        && patterns.word_bits.lower(first) & (W_TITLE_CI | W_TITLE_MODIFIER_CI) == 0
        && words
            .next()
            .is_none_or(|w| patterns.word_bits.lower(w) & W_TITLE_CI == 0)
}

/// Whether the lowercase `phrase` opens with a reporting verb of the sentence, alone or after an
/// adverb: "a spokesman for Scott, |later said that his boss is …", "Reps. Ellison and Grijalva,
/// |wrote the president" (not "aide detailed to the vice president's office", a participle).
pub(super) fn opens_with_verb(phrase: &str, patterns: &PatternSet) -> bool {
    let mut w = phrase.split(' ');
    let (a, b) = (w.next().unwrap_or(""), w.next().unwrap_or(""));
    let finite = |v: &str| {
        patterns.word_bits.exact(v) & W_SPEECH_VERB_EXACT != 0
            && (v.ends_with("ed") || v.ends_with('s') || matches!(v, "said" | "told" | "wrote"))
    };
    let adverb = a.len() > 3 && a.ends_with("ly")
        || matches!(
            a,
            "later" | "also" | "then" | "once" | "even" | "again" | "recently"
        );
    finite(a) && !a.ends_with("ed") || adverb && finite(b)
}
