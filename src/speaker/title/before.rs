//! The title written before a name as an appositive that ends in a comma: "the company's
//! chief executive, Laura Chen".
//!
//! In: the text, where the name starts and how far back to look. Out: the [`TitleInfo`] of the
//! appositive, when it is a noun phrase (not a clause or an opening phrase).

use super::{is_reporting_verb, parse_phrase, rfind_end_char, TitleInfo};
use crate::pattern::PatternSet;

/// The title phrase written right before `name_start` as an appositive ending in a comma:
/// `the company's chief executive, Laura Chen`.
pub fn before_name(
    text: &str,
    name_start: usize,
    floor: usize,
    patterns: &PatternSet,
) -> Option<TitleInfo> {
    let head = &text[floor..name_start];
    let body = head.strip_suffix(", ")?;
    let start = rfind_end_char(body).map_or(0, |i| {
        i + body[i..].chars().next().map_or(1, char::len_utf8)
    });
    // Stop at a sentence start ("Who's running for president? Ted Cruz, Donald Trump"), or a
    // dateline dash ("LONDON (Reuters) - "), too.
    let start = body[start..].rfind(". ").map_or(start, |i| start + i + 2);
    let start = body[start..]
        .rfind(['?', '!'])
        .map_or(start, |i| start + i + 1);
    let start = body[start..].rfind(" - ").map_or(start, |i| start + i + 3);
    // An appositive is a noun phrase: in a clause ("Dick Morris is working with RNC Chair Reince
    // Priebus on …, Morris revealed"; "Wilson told Linton's attorney, Adam Richards") only what
    // follows its last verb can be one.
    // (A subject pronoun starts a clause too: "as he begins his second term as US President,
    // Tony Blair has said".)
    let verb = |w: &str| {
        patterns.auxiliaries.contains(w)
            || is_reporting_verb(w, patterns)
            || super::super::reporting::is_subject_pronoun(w)
    };
    let mut start = start;
    let mut pos = start;
    // ("as long as Comey was FBI director, Flynn was never charged": what follows a copula
    // after another name is said of that name, not of the one after the comma; not so after a
    // pronoun or a description, "Now that he is the presumptive Republican nominee, Donald
    // Trump", nor past a conjunction, "Griffiths was one of its leaders but his lawyer, X".)
    let mut copula = false;
    let mut previous = "";
    for w in body[start..].split(' ') {
        // ("… Bush's life in pictures Under President Gerald Ford, Bush": a capitalised
        // preposition inside the text starts a caption's or a headline's sentence, which the
        // opener test below reads.)
        if w.starts_with(char::is_uppercase) && patterns.prepositions.contains(&w.to_lowercase()) {
            start = pos;
        }
        pos += w.len() + 1;
        if verb(w) {
            start = pos.min(body.len());
            copula = matches!(w, "is" | "was" | "became")
                && previous.starts_with(char::is_uppercase)
                && !patterns.pronouns.contains_key(&previous.to_lowercase())
                && !patterns.non_names.contains(previous);
        } else if matches!(w, "but" | "and" | "while" | "whereas" | "though") {
            copula = false;
        }
        previous = w;
    }
    if start >= body.len() {
        return None;
    }
    let info = parse_phrase(text, floor + start, floor + body.len(), patterns)?;
    // (The copula's own complement only: "Haspel is the protégé of Obama's CIA director, John
    // Brennan" keeps its appositive.)
    if copula && info.span.start <= floor + start + "the ".len() {
        return None;
    }
    // ("his second term as US President, Tony Blair": a post after "as" inside the phrase is
    // held in its clause, by someone else.)
    if text[floor + start..info.span.end.max(floor + start)].contains(" as ") {
        return None;
    }
    // Only a phrase that starts like a noun phrase: a determiner, a possessive, or a capital.
    let first = text[floor + start..]
        .trim_start()
        .split(' ')
        .next()
        .unwrap_or("");
    let lower = first.to_lowercase();
    // A clause or a phrase that opens the sentence ("While the senator has won …, Sanders",
    // "On the heels of the meeting, Dempsey", "Addressing the crowd, Trump") is no appositive.
    // ("Shortly before the governor made the announcement, Cruz": an adverb in -ly opens a
    // clause too.)
    // ("Under President Gerald Ford, Bush served": a preposition opens an adverbial.)
    let opener = patterns.clause_openers.contains(&lower)
        || patterns.prepositions.contains(&lower)
        || patterns.locative_prepositions.contains(&lower)
        || (lower.len() > 5 && lower.ends_with("ing"))
        || (lower.len() > 4 && lower.ends_with("ed"))
        || (lower.len() > 4 && lower.ends_with("ly"));
    let ok = matches!(
        lower.as_str(),
        "the" | "a" | "an" | "his" | "her" | "its" | "their"
    ) || (lower == "one"
        && text[floor + start..].trim_start().starts_with("one of ")
        && !info.title.starts_with("one of "))
        || first.ends_with("’s")
        || first.ends_with("'s")
        || (first.chars().next().is_some_and(char::is_uppercase) && !opener);
    ok.then_some(info)
}
