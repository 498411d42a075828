//! What follows a title's head: where the title ends, and the organisation named after a
//! preposition ("senior fellow at the Council on Foreign Relations", "legal counsel for Gov.
//! Maggie Hassan" → `Maggie Hassan`).
//!
//! In: the tokens of a title phrase and where its head ends. Out: an [`AfterTitle`].

use super::{clause_stop, is_reporting_verb, MAX_WORDS_AFTER_HEAD};
use crate::pattern::PatternSet;
use crate::token::Token;

/// What follows a title's head ([`after_title`]).
pub(super) struct AfterTitle {
    /// Where the title's words end.
    pub(super) title_to: usize,
    /// The organisation named after a preposition, if any.
    pub(super) organisation: Option<String>,
    /// "at the time": the post was held then.
    pub(super) then: bool,
}

/// The end of a title whose head ends at `t_end`, and the organisation after it: "at" first,
/// before the clause ends ("an attorney with CLINIC who’s working at the camps": not the camps),
/// then of/for/with/in/to before a capital (unless an owner gave the organisation already).
pub(super) fn after_title(
    text: &str,
    toks: &[Token],
    t_end: usize,
    owner_known: bool,
    patterns: &PatternSet,
) -> AfterTitle {
    // "the state party chair at the time": the post held then, and no organisation.
    let at_the_time = |k: usize| {
        toks.get(k + 1)
            .is_some_and(|t| matches!(t.text, "the" | "that"))
            && toks.get(k + 2).is_some_and(|t| t.text == "time")
    };
    let clause_end = clause_stop(&toks[t_end..], patterns).map_or(toks.len(), |k| t_end + k);
    // "general counsel from 2008 to 2013": the years the post was held end the title.
    let clause_end = toks[t_end..clause_end]
        .iter()
        .position(|t| matches!(t.text, "from" | "until" | "between"))
        .map(|k| t_end + k)
        .filter(|&k| {
            toks.get(k + 1)
                .is_some_and(|t| t.text.starts_with(|c: char| c.is_ascii_digit()))
        })
        .unwrap_or(clause_end);
    let first_at = toks[t_end..clause_end]
        .iter()
        .position(|t| t.text == "at")
        .map(|p| p + t_end);
    let then_at = first_at.filter(|&p| at_the_time(p));
    // "Director of the Scottish Local Authority Management Centre at Strathclyde University": an
    // organisation named with "of" right after the head (one with an organisation's word:
    // "Centre", "Institute"; not a field, "professor of American politics") is the more
    // specific; the one "at" is its parent.
    let of_named = toks.get(t_end).filter(|t| t.text == "of").and_then(|_| {
        let k = name_from(toks, patterns, t_end + 1);
        let named = toks[k.min(toks.len())..first_at?]
            .iter()
            .any(|t| t.is_capitalized() && patterns.org_words.contains_ci(t.text));
        toks.get(k)
            .filter(|t| t.is_capitalized() && named)
            .map(|_| t_end)
    });
    let at = first_at
        .filter(|&p| !at_the_time(p))
        .map(|p| of_named.unwrap_or(p));
    let prep = at.or_else(|| {
        if owner_known {
            return None;
        }
        // ("the former New York City mayor who became Trump's lead lawyer in April": not past
        // a relative clause's start; "president and CEO of the NAACP" goes on over "and".)
        let relative = toks[t_end..]
            .iter()
            .position(|t| {
                matches!(
                    t.text,
                    "who" | "whom" | "whose" | "which" | "where" | "that" | "when" | "while"
                ) || is_reporting_verb(t.text, patterns)
            })
            .map_or(toks.len(), |k| t_end + k);
        organisation_preposition(toks, t_end, relative, clause_end, patterns)
    });
    let (title_to, organisation, dated) = match prep {
        Some(p) => {
            let (organisation, dated) = organisation_after(text, toks, p, first_at, patterns);
            (p, organisation, dated)
        }
        // Cut the title at a clause stop; keep to the words that belong to it: no more than 8
        // after the head.
        None => (clause_end.min(t_end + MAX_WORDS_AFTER_HEAD), None, false),
    };
    AfterTitle {
        title_to: then_at.map_or(title_to, |p| title_to.min(p)),
        organisation,
        then: then_at.is_some() || dated,
    }
}

/// For a post with a place before it, "a Washington correspondent for the Salt Lake Tribune",
/// the employer named with "for" or "with" right after its lowercase head; `None` for a place
/// ("special envoy for Venezuela", "country director for the West Bank and Gaza") or a
/// capitalised head, whose "for" belongs to the post ("High Commissioner for Refugees").
pub(super) fn employer_after_place(
    text: &str,
    toks: &[Token],
    t_end: usize,
    patterns: &PatternSet,
) -> Option<AfterTitle> {
    let employer = after_title(text, toks, t_end, false, patterns);
    let place = |o: &String| o.split(" and ").all(|p| patterns.names_a_place(p));
    (employer.title_to == t_end
        && !toks[t_end - 1].is_capitalized()
        && employer.organisation.as_ref().is_some_and(|o| !place(o))
        && toks
            .get(employer.title_to)
            .is_some_and(|t| matches!(t.text, "for" | "with")))
    .then_some(employer)
}

/// The preposition after a title's head (ending at `t_end`) that names its organisation, before
/// a relative clause (at `relative`): the first, when a capital follows it; else past "of" or
/// "for" and the post's field in lowercase, within the title's clause (`clause_end`).
fn organisation_preposition(
    toks: &[Token],
    t_end: usize,
    relative: usize,
    clause_end: usize,
    patterns: &PatternSet,
) -> Option<usize> {
    // ("director of revenue cycle for UnityPoint Health-Trinity", "director general for
    // trade in the European Commission": past "of" or "for" and the post's field, written in
    // lowercase, to a preposition that names an organisation, within the title's clause; "in"
    // only before "the", as "in" before a bare name is a place: "a lawyer in Chicago".)
    let named = |p: usize| {
        toks.get(name_from(toks, patterns, p + 1))
            .is_some_and(Token::is_capitalized)
    };
    let is_prep = |k: usize| {
        patterns
            .affiliation_prepositions
            .iter()
            .any(|p| p == toks[k].text)
    };
    let first = (t_end..relative).find(|&k| is_prep(k))?;
    // ("senator from Texas and winner of the Iowa caucuses": not past an "and" after a name
    // the title's own words give; "president and CEO of the NAACP" goes on.)
    if first > clause_end
        && toks[clause_end].text == "and"
        && toks[t_end..clause_end].iter().any(Token::is_capitalized)
    {
        return None;
    }
    if named(first) {
        return Some(first);
    }
    // (Not "adviser to ex-Secretary of State John Kerry", "father of one of the Americans
    // killed": the field is a lowercase noun phrase after "of" or "for".)
    if !matches!(toks[first].text, "of" | "for") {
        return None;
    }
    let mut k = first + 1;
    while k < clause_end.min(relative) {
        if is_prep(k) {
            let place = matches!(toks[k].text, "in" | "to")
                && toks.get(k + 1).is_none_or(|t| t.text != "the");
            if named(k) && !place {
                return Some(k);
            }
            if !matches!(toks[k].text, "of" | "for") {
                return None;
            }
        }
        if toks[k].text.contains(char::is_uppercase)
            || matches!(toks[k].text, "one" | "ones" | "along")
        {
            return None;
        }
        k += 1;
    }
    None
}

/// Where an organisation's name starts at token `k`: after "the" and words that describe the
/// organisation ("the nonprofit Investigative Reporters and Editors") or tell its kind ("the
/// think tank Chatham House", "the London-based think-tank Chatham House").
fn name_from(toks: &[Token], patterns: &PatternSet, k: usize) -> usize {
    if toks.get(k).is_none_or(|t| t.text != "the") {
        return k;
    }
    let kind = |i: usize| {
        let w = toks[i].text;
        let before = i.checked_sub(1).map(|b| toks[b].text);
        patterns.org_descriptors.contains(w)
            || w.ends_with("-based")
            || !toks[i].is_capitalized()
                && super::super::is_organisation_kind(
                    patterns,
                    before,
                    w,
                    toks.get(i + 1).map(|t| t.text),
                )
    };
    let mut k = k + 1;
    while toks.get(k).is_some()
        && kind(k)
        && toks
            .get(k + 1)
            .is_some_and(|t| t.is_capitalized() || kind(k + 1))
    {
        k += 1;
    }
    k
}

/// The organisation named after the preposition at token `p` (up to a clause stop, the parent
/// organisation "at" `first_at`, a place after "in", or an adverbial), and whether an adverbial
/// dates the post ("mayor of Charlotte in 2016").
fn organisation_after(
    text: &str,
    toks: &[Token],
    p: usize,
    first_at: Option<usize>,
    patterns: &PatternSet,
) -> (Option<String>, bool) {
    let j = name_from(toks, patterns, p + 1);
    let mut dated = false;
    let mut org_end = clause_stop(&toks[j..], patterns).map_or(toks.len(), |k| k + j);
    // (The parent organisation after "at" is not part of the one named with "of".)
    if let Some(a) = first_at.filter(|&a| a > j) {
        org_end = org_end.min(a);
    }
    // "St. Brennan's Hospital in Queens": a location after the organisation is not part of it.
    if let Some(k) = toks[j..org_end].iter().position(|t| t.text == "in") {
        if k >= 2 && toks.get(j + k + 1).is_some_and(Token::is_capitalized) {
            org_end = j + k;
        }
    }
    // "chief secretary to the Treasury in a statement", "T-Mobile in the UK", "Mr. Lew in
    // the 1990s": a preposition before lowercase words starts an adverbial, not a word of
    // the name ("Center for Science in the Public Interest" keeps its "in the Public").
    if let Some(k) = (j + 1..org_end).find(|&k| adverbial_at(&toks[k..org_end], patterns)) {
        // ("mayor of Charlotte in 2016", "surrogate for Trump during the campaign": the post
        // was held then.)
        dated |= toks[k].text == "during"
            || toks[k + 1..org_end.min(k + 4)]
                .iter()
                .any(|t| is_year(t.text));
        org_end = k;
    }
    // With a possessive owner too, the organisation after the preposition is the more specific
    // one.
    // ("finance chairman of Romney’s 2012 campaign": a year in the organisation dates the post.)
    dated |= toks[j..org_end].iter().any(|t| is_year(t.text));
    let organisation = (org_end > j).then(|| {
        principal(text, &toks[j..org_end], patterns)
            .unwrap_or_else(|| org_text(text, &toks[j..org_end]))
    });
    (organisation, dated)
}

/// Whether `w` is a year or a decade ("2016", "1990s").
fn is_year(w: &str) -> bool {
    let y = w.trim_end_matches('s');
    y.len() == 4
        && (y.starts_with("19") || y.starts_with("20"))
        && y.bytes().all(|b| b.is_ascii_digit())
}

/// Whether `toks` start an adverbial after an organisation's name: a preposition of place or
/// time, then a lowercase word ("in a statement"), or a determiner and a lowercase word, a number
/// or a place ("in the 1990s", "in the UK").
fn adverbial_at(toks: &[Token], patterns: &PatternSet) -> bool {
    let [prep, next, rest @ ..] = toks else {
        return false;
    };
    if !matches!(
        prep.text,
        "in" | "on" | "during" | "with" | "by" | "about" | "after" | "since" | "before" | "from"
    ) || next.is_capitalized()
    {
        return false;
    }
    if !matches!(next.text, "the" | "a" | "an") {
        return true;
    }
    rest.first()
        .is_none_or(|t| !t.is_capitalized() || patterns.places.canonical(t.text).is_some())
}

/// The text from the first token to the last, as written (keeps hyphens and inner punctuation).
pub(super) fn org_text(text: &str, toks: &[Token]) -> String {
    match (toks.first(), toks.last()) {
        // (A possessive mark at the end is kept.)
        (Some(a), Some(b)) => text[a.span.start..b.span.end].to_string(),
        _ => String::new(),
    }
}

/// "a national co-chair for Sen. John McCain's 2008 campaign", "legal counsel for New Hampshire
/// Gov. Maggie Hassan": a person with a title after the preposition is the principal; their name
/// (up to a possessive) is the affiliation, as "adviser to Trump" has "Trump".
fn principal(text: &str, toks: &[Token], patterns: &PatternSet) -> Option<String> {
    let h = toks.iter().position(|t| {
        let w = t.text.trim_end_matches('.');
        t.is_capitalized()
            && patterns.abbreviations.contains(&format!("{w}."))
            && patterns
                .title_aliases
                .canonical(&w.to_lowercase())
                .is_some()
    })?;
    let name = &toks[h + 1..];
    let end = name
        .iter()
        .position(|t| !t.is_capitalized() || t.possessive)
        .map_or(name.len(), |k| if name[k].possessive { k + 1 } else { k });
    if end < 2 || !name[..end].iter().all(Token::is_capitalized) {
        return None;
    }
    let last = &name[end - 1];
    let s = &text[name[0].span.start..last.span.end];
    Some(s.trim_end_matches("’s").trim_end_matches("'s").to_string())
}
