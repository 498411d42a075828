//! Name runs split at a connector ("of", "for"): a post and what it is of before a person's name
//! ("Director of National Intelligence Dan Coats"), or a person's name before the organisation or
//! place they are of ("Charles B. Rangel of New York").
//!
//! In: a capitalised run of tokens (from [`super::name::runs`]). Out: the person's [`NameParts`],
//! or none when the run does not split so.

use super::name::{name_to_end, parse_run, plain_name_word, NameParts};
use crate::pattern::lexicon::{W_ORG_CI, W_TITLE_CI};
use crate::pattern::PatternSet;
use crate::segment::Span;
use crate::token::Token;

/// "Director of National Intelligence Dan Coats", "Governor of Texas Greg Abbott": a post, its
/// "of" and what it is of, then a person's name from a given name or an honorific to the end of
/// the run: the person, with the post as the title.
pub(super) fn post_of_then_name<'a>(
    tokens: &[Token<'a>],
    start: usize,
    end: usize,
    patterns: &PatternSet,
) -> Option<NameParts<'a>> {
    let run = &tokens[start..end];
    let first = run.first()?;
    if !first.is_capitalized() || first.lower_bits(patterns) & W_TITLE_CI == 0 {
        return None;
    }
    let of = run.iter().position(|t| t.text == "of")?;
    let j = name_to_end(tokens, start + of + 2, end, patterns)? - start;
    let mut parts = parse_run(tokens, start + j, end, patterns);
    if parts.is_org || parts.name_span.is_none() {
        return None;
    }
    if parts.title.is_none() {
        parts.title = Some(
            run[..j]
                .iter()
                .map(|t| t.text)
                .collect::<Vec<_>>()
                .join(" "),
        );
        parts.title_span = Some(Span::new(run[0].span.start, run[j - 1].span.end));
    }
    Some(parts)
}

/// "Cameron Easley for Morning Consult", "Charles B. Rangel of New York": a person's name, then a
/// connector and an organisation or place; the run split at the connector.
pub(super) fn split_at_connector<'a>(
    tokens: &[Token<'a>],
    start: usize,
    end: usize,
    patterns: &PatternSet,
) -> Option<NameParts<'a>> {
    let run = &tokens[start..end];
    // "Cameron Easley for Morning Consult", "Charles B. Rangel of New York": a person's name, then
    // a connector and an organisation or place. Split the run at the connector.
    if let Some(c) = run.iter().position(|t| t.text == "of" || t.text == "for") {
        let head = &run[..c];
        // (An organisation word is the organisation's, "Bank of America", unless a title
        // follows it: "Senate Majority Whip John Cornyn of Texas".)
        let org = head
            .iter()
            .rposition(|t| t.lower_bits(patterns) & W_ORG_CI != 0);
        let titled_after_org = org.is_some_and(|o| {
            head[o + 1..]
                .iter()
                .any(|t| t.lower_bits(patterns) & W_TITLE_CI != 0)
        });
        // ("Angus King of Maine", "Howard Dean of Vermont": a given name before a surname that
        // is also a title's word, then a place; not "Georgia Secretary of State Brian Kemp",
        // "Virginia House of Delegates Member Patrick Hope".)
        let place_after = || {
            let after: Vec<&str> = run[c + 1..].iter().map(|t| t.text).collect();
            patterns.names_a_place(&after.join(" "))
        };
        let given_then_surname = head.len() >= 2
            && patterns.is_given_name(head[head.len() - 2].text)
            && !patterns.names_a_place(head[head.len() - 2].text)
            && head[head.len() - 1].is_capitalized()
            && c + 1 < run.len()
            && place_after();
        let person_like = head.len() >= 2
            && (head[head.len() - 2..]
                .iter()
                .all(|t| plain_name_word(t, false, patterns))
                || given_then_surname)
            && (org.is_none() || titled_after_org);
        if person_like && c + 1 < run.len() {
            let mut parts = parse_run(tokens, start, start + c, patterns);
            if parts.affiliation.is_none() && !parts.is_org {
                let org: Vec<&str> = run[c + 1..].iter().map(|t| t.text).collect();
                parts.affiliation = Some(patterns.place_or_written(org.join(" ")));
            }
            return Some(parts);
        }
    }
    None
}

/// The most words an organisation named after a person's name may have ("the Capital Area
/// Immigrants' Rights Coalition").
const ORG_AFTER_NAME_WORDS: usize = 8;

/// The place a member's "of" after the name gives, "Sen. Kamala Harris of California", "Sen.
/// Jeff Flake, of Arizona", "Sen. Joe Manchin of West Virginia said": a state or a place of up
/// to three capitalised words that ends there (not "of California's 12th district", "of New
/// York City Council" or "of the Senate").
pub(super) fn place_after_name(text: &str, from: usize, patterns: &PatternSet) -> Option<String> {
    let rest = text.get(from..)?;
    let body = rest
        .strip_prefix(" of ")
        .or_else(|| rest.strip_prefix(", of "))?;
    // The capitalised words, up to a lowercase word or a punctuation mark; a period ends the
    // place too ("of Calif.", "of Arizona. He").
    let mut words: Vec<&str> = Vec::new();
    for w in body.split(' ') {
        let end = w
            .find(|c: char| !(c.is_alphanumeric() || c == '.'))
            .unwrap_or(w.len());
        let (word, tail) = w.split_at(end);
        if !word.starts_with(char::is_uppercase) {
            break;
        }
        if tail.starts_with(['’', '\'']) {
            return None;
        }
        words.push(word);
        if words.len() > 3 {
            return None;
        }
        if !tail.is_empty() || word.ends_with('.') {
            break;
        }
    }
    if words.is_empty() {
        return None;
    }
    let mut place = words.join(" ");
    // ("of Calif.": an abbreviation keeps its period; a sentence's goes.)
    if place.ends_with('.') && patterns.us_states.canonical(&place).is_none() {
        place.pop();
    }
    patterns.state_or_place(&place).map(str::to_string)
}

/// "Philip Wegmann of the Washington Examiner", "Mallory Quigley with the Susan B. Anthony
/// List", "Jeffrey Lewis of the James Martin Center": an organisation written right after a
/// person's name (from `from`, where the name ends), up to a comma, a parenthesis, a quote or the
/// first lowercase word: its name and where it is written. Only an organisation's name (one of
/// its words an organisation word, `lexicon/org-words.txt`), not a place ("of Raleigh").
pub(super) fn org_after_name(
    text: &str,
    from: usize,
    patterns: &PatternSet,
) -> Option<(String, Span)> {
    let rest = text.get(from..)?;
    let lead = ["of the ", "with the ", "at the ", "of ", "with ", "at "]
        .iter()
        .find(|p| rest.strip_prefix(' ').is_some_and(|r| r.starts_with(*p)))?;
    let start = from + 1 + lead.len();
    let body = text.get(start..)?;
    let body = &body[..body.find('\n').unwrap_or(body.len())];
    let mut words: Vec<&str> = Vec::new();
    for w in body.split(' ').take(ORG_AFTER_NAME_WORDS) {
        // (An initial keeps its period: "the Susan B. Anthony List".)
        let trimmed = w.trim_end_matches([',', '.', ';', ':', ')']);
        let bare = if trimmed.len() == 1 && w.ends_with('.') {
            w
        } else {
            trimmed
        };
        let connector = matches!(bare, "of" | "for" | "and" | "&" | "the");
        if bare.is_empty()
            || !(bare.starts_with(char::is_uppercase) || connector)
            || bare.contains(['“', '"', '('])
        {
            break;
        }
        words.push(bare);
        if bare.len() < w.len() {
            break;
        }
    }
    while words
        .last()
        .is_some_and(|w| !w.starts_with(char::is_uppercase))
    {
        words.pop();
    }
    let org = words.join(" ");
    // ("the Susan B. Anthony List (SBA)": an acronym in parentheses after the name, from its
    // initials, says it is an organisation's.)
    let acronym = text[start + org.len()..]
        .strip_prefix(" (")
        .and_then(|r| r.split_once(')'))
        .is_some_and(|(a, _)| {
            a.len() >= 2
                && a.len() <= words.len()
                && a.bytes().all(|b| b.is_ascii_uppercase())
                && words
                    .first()
                    .is_some_and(|w| w.as_bytes()[0] == a.as_bytes()[0])
        });
    let is_org = acronym
        || words
            .iter()
            .any(|w| patterns.org_words.contains(&w.to_lowercase()));
    let place = patterns.names_a_place(&org);
    // (The words are the text's from `start`, one space apart: the name ends `org.len()` on.)
    (is_org && !place && !org.is_empty()).then(|| {
        let at = Span::new(start, start + org.len());
        (org, at)
    })
}

/// "CNN's Jake Tapper", "Fox News' Martha MacCallum": an organisation whose possessive is
/// written right before a person's name (starting at `name_start`), with no title between: its
/// name and where it is written. Only an acronym that is not a place ("CNN", not "U.S.") or a
/// name with an organisation word ("Fox News", "The Washington Post"), not a person ("Trump's
/// Jared Kushner").
pub(super) fn org_owning_name(
    text: &str,
    name_start: usize,
    patterns: &PatternSet,
) -> Option<(String, Span)> {
    let lead = text.get(..name_start)?.strip_suffix(' ')?;
    let owner = ["'s", "’s", "'", "’"]
        .iter()
        .find_map(|p| lead.strip_suffix(p))?;
    // The owner's capitalised words, back from the possessive (each one space or line break
    // apart), without the words that open the sentence ("As The Post's Ruth Marcus", "Even The
    // New York Times' Nicholas Kristof").
    let words: Vec<&str> = owner
        .rsplit([' ', '\n'])
        .take(ORG_AFTER_NAME_WORDS)
        .take_while(|w| w.starts_with(char::is_uppercase) && !w.contains(['“', '"', '(', ',', '.']))
        .collect();
    let opener = |w: &str| {
        let lower = w.to_lowercase();
        patterns.clause_openers.contains(&lower)
            || patterns.function_words.contains(&lower)
            || patterns.subject_adverbs.contains(&lower)
    };
    // (The last word stays: one word is the owner whatever it is.)
    let openers = words
        .iter()
        .rev()
        .take(words.len().saturating_sub(1))
        .take_while(|w| opener(w))
        .count();
    let kept = words.len() - openers;
    if kept == 0 {
        return None;
    }
    let org_len = words[..kept].iter().map(|w| w.len() + 1).sum::<usize>() - 1;
    let start = owner.len() - org_len;
    let org = &owner[start..];
    let acronym = kept == 1 && org.len() >= 2 && org.bytes().all(|b| b.is_ascii_uppercase());
    let named = org
        .split(' ')
        .any(|w| patterns.org_words.contains(&w.to_lowercase()));
    // (Not a party: "the Green Party's Jill Stein" gives her party, not an organisation.)
    ((acronym || named)
        && !patterns.names_a_place(org)
        && super::describe::party_of(org, patterns).is_none())
    .then(|| (org.to_string(), Span::new(start, start + org.len())))
}
