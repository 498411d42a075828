//! The status written before a post (`former Rep.`, `then-Gov.`, `ex-Foreign Secretary`), and the
//! capitalised qualifier between them.
//!
//! In: an article's text and the offset where a post (or an honorific) is written. Out: the status
//! word's canonical form (`former`, `then`, …), the qualifier before an honorific ("New Jersey" of
//! "New Jersey Gov."), or a description of an honorific written with a status prefix
//! ("then-Sen."). Moved out of [`super::scan`] whole.

use super::describe::Description;
use super::described::Said;
use crate::pattern::lexicon::{
    W_FIRST_FEMALE, W_FIRST_MALE, W_FIRST_UNISEX, W_HONORIFIC, W_SPEECH_VERB_EXACT, W_TITLE_CI,
    W_TITLE_MODIFIER_CI,
};
use crate::pattern::PatternSet;
use crate::segment::Span;

/// The honorific written with a status prefix right before `at` ("then-Sen."), as a
/// description of the post with its span.
pub(super) fn prefixed_honorific(text: &str, at: usize, patterns: &PatternSet) -> Option<Said> {
    let head = text[..at].trim_end_matches([' ', '\u{a0}']);
    let start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace() || matches!(c, '(' | '“' | '"'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &head[start..];
    let (prefix, rest) = word.split_once('-')?;
    let status = patterns
        .statuses
        .canonical(&format!("{}-", prefix.to_lowercase()))?;
    if patterns.word_bits.exact(rest) & W_HONORIFIC == 0
        || patterns
            .title_aliases
            .canonical(&rest.to_lowercase())
            .is_none()
    {
        return None;
    }
    let d = Description {
        title: rest.to_string(),
        status: status.to_string(),
        ..Description::default()
    };
    let rest_start = start + prefix.len() + 1;
    Some(Said {
        description: d,
        at: Some(Span::new(rest_start, rest_start + rest.len())),
        honorific: true,
        group: false,
    })
}

/// The capitalised words right before `at` (at most [`MAX_QUALIFIER_WORDS`], within the
/// sentence): "New Jersey" of "New Jersey Gov. Chris Christie".
pub(super) fn qualifier_before(text: &str, at: usize) -> &str {
    let head = text[..at].trim_end();
    let mut start = head.len();
    for _ in 0..MAX_QUALIFIER_WORDS {
        let before = head[..start].trim_end();
        let w = last_word_start(before);
        let word = &before[w..];
        if !word.starts_with(char::is_uppercase) || word.ends_with([',', ';', ':', '.', '”', ')'])
        {
            break;
        }
        start = w;
    }
    head[start..].trim()
}

/// The most capitalised words of a qualifier read between a status and its post ("former George
/// H.W. Bush press secretary").
const MAX_QUALIFIER_WORDS: usize = 4;

/// The status written before the post at `at`, over a qualifier of capitalised words between
/// them: "former Rep.", "former Arkansas Gov.", "former Obama attorney general", "then-Gov.".
pub(super) fn status_before(text: &str, at: usize, patterns: &PatternSet) -> Option<String> {
    let is_gap = |c: char| c.is_whitespace() || matches!(c, '(' | '“' | '"' | '—');
    // "then-Governor": written on the post's own first word.
    let own = text[at..].split(is_gap).next().unwrap_or("");
    if let Some((prefix, rest)) = own.split_once('-') {
        if !rest.is_empty() {
            if let Some(s) = patterns
                .statuses
                .canonical(&format!("{}-", prefix.to_lowercase()))
            {
                return Some(s.to_string());
            }
        }
    }
    let mut rest = text[..at].trim_end_matches(is_gap);
    // The word after the one read is capitalised: "of" may join a name ("House of
    // Representatives").
    let mut before_capital = false;
    for _ in 0..=MAX_QUALIFIER_WORDS {
        let start = rest
            .char_indices()
            .rev()
            .find(|&(_, c)| is_gap(c))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let word = &rest[start..];
        let lower = word.to_lowercase();
        if let Some(s) = patterns.statuses.canonical(&lower) {
            return Some(s.to_string());
        }
        if let Some((prefix, _)) = lower.split_once('-') {
            if let Some(s) = patterns.statuses.canonical(&format!("{prefix}-")) {
                return Some(s.to_string());
            }
        }
        // "former Pennsylvania Gov. and DNC Chairman", "Former prosecutor and New York City
        // Mayor": a status before the first of two joined posts goes with both.
        // "retired champion and current team owner", "former congressman and potential
        // candidate": a word that says the post is held now (or not yet) ends the search.
        if matches!(
            lower.as_str(),
            "current" | "now" | "potential" | "possible" | "prospective" | "future" | "longtime"
        ) {
            return None;
        }
        if word == "and" {
            if let Some(s) = status_of_first_conjunct(&rest[..start], patterns) {
                return Some(s);
            }
        }
        // Only a qualifier's words lie between a status and its post: capitalised ones ("Obama",
        // "Arkansas") and the post's own lowercase modifiers ("state", "campaign", "economic");
        // no connective ("and"), article or verb, no owner ("Obama's"), no punctuation.
        let lowercase_modifier = word.starts_with(char::is_lowercase)
            && !patterns.function_words.contains(word)
            && !patterns.prepositions.contains(word)
            && !patterns.auxiliaries.contains(word)
            && !patterns.unnamed_determiners.contains(word)
            && !matches!(word, "a" | "an" | "the")
            && (patterns.word_bits.exact(word) & W_SPEECH_VERB_EXACT == 0
                || patterns.word_bits.lower(word) & W_TITLE_MODIFIER_CI != 0);
        // "Former Democratic presidential hopeful U.S. Rep.": a title between them takes the
        // status ("former" goes with "hopeful").
        if word.starts_with(char::is_lowercase)
            && patterns.word_bits.lower(word) & W_TITLE_CI != 0
            && patterns.word_bits.lower(word) & W_TITLE_MODIFIER_CI == 0
        {
            return None;
        }
        // "former House of Representatives historian", "Former Bush 43 press secretary".
        let joins_a_name = before_capital && matches!(word, "of" | "for" | "and" | "&");
        let number = word.bytes().all(|b| b.is_ascii_digit());
        if !(word.starts_with(char::is_uppercase) || lowercase_modifier || joins_a_name || number)
            || word.ends_with([',', ';', ':', '”', '.'])
                && !patterns.abbreviations.contains(word)
                && !(word.len() <= 3 && word.starts_with(char::is_uppercase))
            || word.ends_with("'s")
            || word.ends_with("’s")
        {
            return None;
        }
        before_capital = word.starts_with(char::is_uppercase);
        rest = rest[..start].trim_end_matches(is_gap);
    }
    None
}

/// Where the last whitespace-separated word of `s` starts (after a space of any width: "\u{a0}"
/// is two bytes).
fn last_word_start(s: &str) -> usize {
    s.char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace())
        .map_or(0, |(i, c)| i + c.len_utf8())
}

/// The status written before the first of two posts joined by "and", `head` ending right before
/// the "and": within [`MAX_QUALIFIER_WORDS`] words of posts, capitalised words and abbreviations.
fn status_of_first_conjunct(head: &str, patterns: &PatternSet) -> Option<String> {
    let mut rest = head.trim_end();
    for _ in 0..MAX_QUALIFIER_WORDS {
        let start = last_word_start(rest);
        let word = &rest[start..];
        let lower = word.to_lowercase();
        if let Some(s) = patterns.statuses.canonical(&lower) {
            return Some(s.to_string());
        }
        let post_word = word.starts_with(char::is_uppercase)
            || patterns.word_bits.lower(&lower) & (W_TITLE_CI | W_TITLE_MODIFIER_CI) != 0;
        // ("former President Bill Clinton and Democratic presidential candidate Hillary
        // Clinton": a name in the first part makes it another person's.)
        let given =
            patterns.word_bits.exact(word) & (W_FIRST_MALE | W_FIRST_FEMALE | W_FIRST_UNISEX) != 0;
        if !post_word || given || word.ends_with(',') || start == 0 {
            return None;
        }
        rest = rest[..start].trim_end();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_status_goes_with_both_joined_posts_and_non_ascii_spaces_are_whole() {
        let patterns = PatternSet::embedded().unwrap();
        let text = "said former Vermont Gov. and DNC Chairman Ed Randall";
        let at = text.find("DNC").unwrap();
        assert_eq!(
            status_before(text, at, &patterns).as_deref(),
            Some("former")
        );
        // ("\u{a0}" is two bytes: a word found after it starts after both.)
        let text = "said former\u{a0}Gov.\u{a0}and\u{a0}DNC Chairman Ed Randall";
        let at = text.find("DNC").unwrap();
        let _ = status_before(text, at, &patterns);
        let text = "said former President Bill Clinton and presidential candidate Hillary Clinton";
        let at = text.find("presidential").unwrap();
        assert_eq!(status_before(text, at, &patterns), None);
    }
}
