//! Judging a captured speaker mention: whether it can name a speaker at all, where it starts a
//! phrase, and how far a name in it really runs (an appositive name, an organisation's full name,
//! the subject nearest the verb).
//!
//! In: the text (or a context) and a mention's span. Out: yes/no, or a corrected span.

use crate::pattern::lexicon::{W_TITLE_CI, W_TITLE_MODIFIER_CI};
use crate::pattern::PatternSet;
use crate::token::is_possessive;

/// The most words a person's or an organisation's name takes here ("Council on Foreign
/// Relations", "Martin Luther King Jr. III").
const MAX_NAME_WORDS: usize = 6;
/// How many words of a mention a possessive may be in for the mention to be about the
/// possessive's person ("Rep. Duncan Hunter’s chief of staff").
const POSSESSIVE_REACH: usize = 5;

/// Whether the word before `at` in `hay` is "the".
pub(super) fn follows_the(hay: &str, at: usize) -> bool {
    hay[..at].trim_end().rsplit([' ', '\u{a0}']).next() == Some("the")
}

/// Whether a mention starting at `at` starts a noun phrase, rather than continuing a name
/// ("Stephen |Biegun"), following a determiner ("the |Dong-A Ilbo", "the following |Twitter
/// post:") or being the object of a preposition ("the foreign minister of |France").
pub(super) fn starts_a_phrase(hay: &str, at: usize, patterns: &PatternSet) -> bool {
    // A Twitter handle starts one, even written after a period (".@AOC on …").
    if hay[at..].starts_with('@') {
        return true;
    }
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
            | "following"
    )
}

/// The span of a person's name that makes up the last comma-separated piece of
/// `text[from..cue]` ("…, Gov. John Kasich (R-OH), said"): two or more capitalised words, not a
/// place, a possessive or a party tag.
pub(super) fn closer_subject(
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
    person_name(piece, patterns).then_some((start, start + piece.len()))
}

/// Whether `piece` reads as a person's full name: two or more capitalised words, none a
/// possessive or an organisation's word, not a place, not opening with a capitalised non-name.
fn person_name(piece: &str, patterns: &PatternSet) -> bool {
    let words: Vec<&str> = piece.split_whitespace().collect();
    words.len() >= 2
        && words.len() <= MAX_NAME_WORDS
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && !words.iter().any(|w| w.ends_with("’s") || w.ends_with("'s"))
        && !patterns.non_names.contains(words[0])
        && patterns.places.canonical(piece).is_none()
        && !words.iter().any(|w| patterns.org_words.contains_ci(w))
        // ("Cory Fritz, press secretary for …, Ohio Republican, said": a member's state and
        // party describe the subject; they are not another one.)
        && patterns.parties.canonical(words[words.len() - 1]).is_none()
}

/// For a mention followed by its possessive and a person's name, "according to the Cato
/// Institute’s Andrew Coulson", the span of that name: the person speaks, not the organisation.
pub(super) fn owned_name_after(
    text: &str,
    end: usize,
    patterns: &PatternSet,
) -> Option<(usize, usize)> {
    let rest = text.get(end..)?;
    let body = ["’s ", "'s ", "’ ", "' "]
        .iter()
        .find_map(|p| rest.strip_prefix(p))?;
    let start = text.len() - body.len();
    let mut len = 0;
    let mut words = 0;
    for w in body.split(' ').take(MAX_NAME_WORDS) {
        let word = w.trim_end_matches([',', '.', ';', ':', ')']);
        let initial = word.len() == 1 && w.ends_with('.');
        if !word.starts_with(char::is_uppercase) {
            break;
        }
        let kept = if initial { word.len() + 1 } else { word.len() };
        len += usize::from(words > 0) + kept;
        words += 1;
        // (Punctuation ends the name.)
        if kept < w.len() {
            break;
        }
    }
    let name = &body[..len];
    let first = name.split(' ').next().unwrap_or("");
    (words >= 2 && patterns.is_given_name(first) && person_name(name, patterns))
        .then_some((start, start + len))
}

/// For a description in apposition after a name, "Doug Andres, |a spokesman for House Speaker
/// Paul Ryan, R-Wis., said", the span of that name: the description only says who he is.
pub(super) fn name_before_appositive(
    text: &str,
    start: usize,
    patterns: &PatternSet,
) -> Option<(usize, usize)> {
    let first = text[start..].split(' ').next()?;
    if !matches!(first, "a" | "an" | "the") {
        return None;
    }
    let before = text[..start].strip_suffix(", ")?;
    // The capitalised words before the comma, back to a lowercase word, punctuation or the
    // paragraph's start (an initial's period stays in: "John E. Herbst").
    let line = before.rfind('\n').map_or(0, |i| i + 1);
    let mut name_start = before.len();
    for w in before[line..].rsplit(' ').take(MAX_NAME_WORDS + 1) {
        let initial = w.len() == 2 && w.ends_with('.');
        if !w.starts_with(char::is_uppercase)
            || (w.ends_with([',', '.', ';', ':', ')', '”', '"']) && !initial)
        {
            break;
        }
        name_start -= w.len() + usize::from(name_start < before.len());
    }
    // The name starts at its given name: "Louisiana Attorney General |Jeff Landry", "House
    // Minority Whip |Steve Scalise" ("Civil War, the report" or "Farm Bill, a law" are no one).
    let run = &before[name_start..];
    let given = run
        .split(' ')
        .position(|w| patterns.is_given_name(w) || (w.len() == 2 && w.ends_with('.')))?;
    let offset: usize = run.split(' ').take(given).map(|w| w.len() + 1).sum();
    let name_start = name_start + offset;
    // The name is no object of a preposition: "A spokesman for Gary Johnson, the Libertarian
    // nominee, said" is the spokesman's.
    let prev = before[..name_start]
        .trim_end_matches(' ')
        .rsplit(' ')
        .next();
    let object = matches!(
        prev,
        Some(
            "to" | "for"
                | "with"
                | "by"
                | "from"
                | "at"
                | "in"
                | "on"
                | "against"
                | "about"
                | "into"
                | "under"
                | "than"
                | "like"
        )
    );
    (!object && person_name(&before[name_start..], patterns)).then_some((name_start, before.len()))
}

/// The end of an organisation's name that goes on after its head word with `of`, `for` or `on`
/// and capitalised words (`the Association| of Flight Attendants`, `the Council| on Foreign
/// Relations`); `end` itself otherwise.
pub(super) fn org_name_end(text: &str, start: usize, end: usize, patterns: &PatternSet) -> usize {
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
    for w in after.split(' ').take(MAX_NAME_WORDS) {
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

/// Where an apposed name at the start of `rest` ends: at its comma, or at the period that ends
/// the sentence ("said Chile’s foreign minister, Rodrigo Fuentes."), not at an initial's ("John E.
/// Herbst").
fn name_close(rest: &str, patterns: &PatternSet) -> Option<usize> {
    let sentence_end = rest.match_indices('.').map(|(i, _)| i).find(|&i| {
        let word = rest[..i].rsplit(' ').next().unwrap_or("");
        let initial = word.len() == 1 && word.starts_with(char::is_uppercase);
        // ("Rep. Jim Jordan", "Del. Marcia Price": an abbreviation's period.)
        let abbreviation = patterns.abbreviations.contains(&rest[i - word.len()..=i]);
        !initial && !abbreviation && rest[i + 1..].chars().next().is_none_or(char::is_whitespace)
    });
    match (rest.find(','), sentence_end) {
        (Some(c), Some(e)) => Some(c.min(e)),
        (c, e) => c.or(e),
    }
}

/// How long the "of …" of a description before its apposed name may be ("the prospective author
/// of the House’s tax reform package, …").
const OF_PHRASE_BYTES: usize = 60;

/// For a determiner phrase followed by `, Name Name,`, the span of that name.
pub(super) fn apposed_name(
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
        .take(POSSESSIVE_REACH)
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
    // "the prospective author of the House’s tax package, Ways and Means Committee Chairman
    // Kevin Brady": the description's "of …" (a few words, no clause) before the name.
    if let Some(of) = text[end..].strip_prefix(' ').and_then(|r| {
        ["of ", "for ", "at "]
            .iter()
            .find_map(|p| r.strip_prefix(p))
    }) {
        let comma = of.find(',')?;
        if comma > OF_PHRASE_BYTES || of[..comma].contains(['“', '”', '"', '.', ';', ':']) {
            return None;
        }
        end = text.len() - of.len() + comma;
    }
    let rest = text[end..].strip_prefix(", ")?;
    // The name ends at a comma, or at the end of the sentence ("said Chile’s foreign minister,
    // Rodrigo Fuentes.").
    let close = name_close(rest, patterns)?;
    // ("Scott’s niece, state Del. Marcia "Cia" Price (D-Newport News),": lowercase post words
    // before the name, a nickname in it and a party tag after it.)
    let close = rest[..close]
        .strip_suffix(')')
        .and_then(|c| c.rfind(" ("))
        .unwrap_or(close);
    let cand = &rest[..close];
    let words: Vec<&str> = cand
        .split(' ')
        .skip_while(|w| {
            w.starts_with(char::is_lowercase)
                && patterns.word_bits.lower(w) & (W_TITLE_CI | W_TITLE_MODIFIER_CI) != 0
        })
        .filter(|w| !(w.len() > 2 && w.starts_with(['"', '“']) && w.ends_with(['"', '”'])))
        .collect();
    // ("Ways and Means Committee Chairman Kevin Brady"; not a work's title, "The Strange Death of
    // Marxism".)
    let connectors = words.iter().filter(|w| matches!(**w, "and" | "of")).count();
    // (A relative may go by a given name alone: "Taylor’s father, Stuart, told reporters".)
    let relative = possessive
        && words.len() == 1
        && patterns.is_given_name(words[0])
        && text[start..end]
            .rsplit(' ')
            .next()
            .is_some_and(|head| patterns.relations.contains(head));
    let is_name = (relative || (2..=MAX_NAME_WORDS).contains(&(words.len() - connectors)))
        && words
            .iter()
            .enumerate()
            .all(|(k, w)| k > 0 && matches!(*w, "and" | "of") || w.starts_with(char::is_uppercase))
        && words[0] != "The"
        && !patterns.non_names.contains(words[0]);
    is_name.then(|| (end + 2, end + 2 + close))
}

/// Whether a captured mention can name a speaker: a pronoun, a determiner phrase, or a name with
/// at least one word that is not a capitalised non-name ("Friday", "But", "January"). Words all
/// in capitals are a dateline unless the mention is a transcript's speaker `label`.
pub(super) fn plausible_mention(m: &str, patterns: &PatternSet, label: bool) -> bool {
    let m = m.trim();
    let words: Vec<&str> = m
        .split_whitespace()
        .map(|w| w.trim_end_matches(['.', ',']))
        .collect();
    let Some(first) = words.first() else {
        return false;
    };
    // "then-Gov. Mike Pence", "ex-Foreign Secretary Robin Cook": a status prefix does not make
    // a lowercase start.
    let first = match first.split_once('-') {
        Some((prefix, rest))
            if rest.starts_with(char::is_uppercase)
                && patterns
                    .statuses
                    .canonical(&format!("{}-", prefix.to_lowercase()))
                    .is_some() =>
        {
            rest
        }
        _ => first,
    };
    let lower = first.to_lowercase();
    if words.len() == 1 && patterns.pronouns.contains_key(&lower) {
        return true;
    }
    // A Twitter handle ("@AOC"): the resolver looks for its person.
    if words.len() == 1 && first.starts_with('@') {
        return first.len() > 2;
    }
    if lower == "the" || patterns.unnamed_determiners.contains(&lower) {
        // ("The answers … are “not meeting the demand,” says Paul Rieckhoff": a determiner
        // alone names no one.)
        return words.len() > 1;
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
        && (patterns.function_words.contains(&lower) || !words.iter().any(|w| title_word(w)))
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
    // "Sunday Telegraph journalist Ann Lee": a weekday or opener that starts a capitalised
    // name of which a lowercase title follows is part of a newspaper's or a show's name.
    let names_a_title = words.len() >= 4
        && words[1].starts_with(char::is_uppercase)
        && words[2..]
            .iter()
            .any(|w| w.starts_with(char::is_lowercase) && patterns.titles.contains(w));
    match caps.first() {
        None => false,
        Some(c) if patterns.non_names.contains(c) && !names_a_title => false,
        Some(_) => caps.iter().any(|w| !patterns.non_names.contains(w)),
    }
}
