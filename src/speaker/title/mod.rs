//! Titles and affiliations written around a name.
//!
//! In: the text and a name's span. Out: a [`TitleInfo`] (title, affiliation, and where it was
//! written) from one of these forms, each tried in turn:
//! * an appositive after the name: `Duyeon Kim, an adjunct senior fellow at the Center for a New
//!   American Security, which …` → title `adjunct senior fellow`, affiliation `Center for a New
//!   American Security` (the relative clause is cut off at a `clause_stops` word);
//! * a relative clause: `Joseph Yun, who … is a senior adviser at the United States Institute of
//!   Peace` (the verbs are `relative_title_verbs`);
//! * an appositive before the name: `the company's chief executive, Laura Chen`.
//!
//! A phrase is only a title when it contains a title from `patterns/lexicon/titles.txt`.

mod before;
mod clause;
mod organisation;
mod relative;

use super::name::title_suffix;
use crate::pattern::lexicon::{W_SPEECH_VERB_EXACT, W_TITLE_CI, W_TITLE_MODIFIER_CI};
use crate::pattern::PatternSet;
use crate::segment::Span;
use crate::token::{tokenize, Token};
pub use before::before_name;
use organisation::{after_title, employer_after_place, org_text};
pub(super) use relative::second_post;

/// A phrase of more words than this is a clause, not a title.
const MAX_PHRASE_WORDS: usize = 30;
/// The most words a possessive owner before a title has ("the Ortiz campaign’s").
const MAX_OWNER_WORDS: usize = 6;
/// A title goes on at most this many words after its head ("senior fellow for Korea Studies and
/// …"), unless a preposition or a clause stop ends it sooner.
pub(super) const MAX_WORDS_AFTER_HEAD: usize = 8;
/// A title starts within this many words of an appositive's start.
const TITLE_START_REACH: usize = 12;

/// A title and affiliation and where they were written.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TitleInfo {
    /// The title ("adjunct senior fellow").
    pub title: String,
    /// The organisation or country ("Center for a New American Security").
    pub affiliation: String,
    /// Where the phrase that gave them was written.
    pub span: Span,
    /// The post is a group's ("one of his foreign policy advisers"): the person is one of
    /// several who hold it.
    pub group: bool,
}

/// The characters that end an appositive ([`is_end_char_at`] looks for them on bytes).
#[cfg(test)]
const END_CHARS: &[char] = &[',', ';', '(', ')', '“', '”', '"', '—', '–', ':'];

/// Whether a character that ends an appositive starts at byte `i` of `b`: `,` `;` `(` `)` `"`
/// `:`, or `“` `”` `—` `–` (`E2 80 9C`, `E2 80 9D`, `E2 80 94`, `E2 80 93` in UTF-8).
fn is_end_char_at(b: &[u8], i: usize) -> bool {
    match b[i] {
        b',' | b';' | b'(' | b')' | b'"' | b':' => true,
        0xE2 => {
            b.get(i + 1) == Some(&0x80) && matches!(b.get(i + 2), Some(0x9C | 0x9D | 0x94 | 0x93))
        }
        _ => false,
    }
}

/// The first character of `s` that ends an appositive ([`is_end_char_at`]).
fn find_end_char(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    (0..b.len()).find(|&i| is_end_char_at(b, i))
}

/// The last character of `s` that ends an appositive ([`is_end_char_at`]).
fn rfind_end_char(s: &str) -> Option<usize> {
    let b = s.as_bytes();
    (0..b.len()).rev().find(|&i| is_end_char_at(b, i))
}

/// The title phrase written right after `name_end` as an appositive or relative clause.
pub fn after_name(
    text: &str,
    name_end: usize,
    limit: usize,
    patterns: &PatternSet,
) -> Option<TitleInfo> {
    let rest = &text[name_end..limit.min(text.len())];
    let body = rest.strip_prefix(", ").or_else(|| rest.strip_prefix(","))?;
    let body_start = name_end + (rest.len() - body.len());
    // The appositive runs to the next comma or sentence end.
    let end = phrase_end(body, patterns);
    let phrase = &body[..end];
    let trimmed = phrase.trim_start();
    let lower = trimmed.to_lowercase();
    if lower.starts_with("who ") {
        return relative::post(text, body, body_start, patterns);
    }
    // Another clause ("whose husband was killed", "where she works", "Monday in an interview")
    // gives no title.
    let first = lower.split([' ', ',']).next().unwrap_or("");
    // A participle opens a clause too (", agreeing that …"), unless a title follows at once
    // ("controlling shareholder", "managing director"); a preposition opens an adverbial
    // (", on the eve of …").
    let participle = clause::opens_clause(&lower, patterns);
    // ("Trump, joined by Canadian Prime Minister Justin Trudeau": a past participle with its agent
    // is a clause too.)
    let passive =
        first.len() > 4 && first.ends_with("ed") && lower.split([' ', ',']).nth(1) == Some("by");
    if passive
        || clause::opens_with_verb(&lower, patterns)
        || opening_phrase_ends(text, name_end, body_start, phrase, &body[end..], patterns)
        || patterns.clause_stops.iter().any(|w| w == first)
        || patterns.adverbial_openers.contains(first)
        || participle
        || patterns.weekdays.contains(first)
    {
        return None;
    }
    parse_phrase(text, body_start, body_start + end, patterns)
}

/// Whether the comma after a name (at `name_end`) closes the phrase that opens its sentence, and
/// the `phrase` that follows, not closed by a comma of its own (`after` is what follows it), is
/// the sentence's subject and its reporting verb: "Echoing the new US Secretary of State
/// Condoleezza Rice, the prime minister said".
fn opening_phrase_ends(
    text: &str,
    name_end: usize,
    body_start: usize,
    phrase: &str,
    after: &str,
    patterns: &PatternSet,
) -> bool {
    let reports = phrase
        .split(' ')
        .any(|w| patterns.word_bits.exact(w) & W_SPEECH_VERB_EXACT != 0);
    if after.starts_with(',') || !reports {
        return false;
    }
    let lead = &text[..name_end];
    let start = lead.rfind(['\n', '.', '?', '!', '“', '"']).map_or(0, |i| {
        i + lead[i..].chars().next().map_or(1, char::len_utf8)
    });
    let sentence = text[start..].trim_start();
    // A participle or a preposition opens it, not a clause ("And you lose points for stalling,”
    // says David Niven, associate professor"), and no quote is in it.
    let first = sentence.split(' ').next().unwrap_or("").to_lowercase();
    let phrase_opener =
        (first.len() > 5 && first.ends_with("ing")) || patterns.prepositions.contains(&first);
    phrase_opener
        && !sentence[..body_start - (text.len() - sentence.len())].contains(['“', '”', '"'])
        && super::subject::after_opening_phrase(sentence, patterns)
            .is_some_and(|rest| text.len() - rest.len() == body_start)
}

/// Byte length of an appositive: up to a comma, a clause stop or the end of the sentence.
pub(super) fn phrase_end(s: &str, patterns: &PatternSet) -> usize {
    // The first of: the sentence end, the first stop character. The sentence end is only looked
    // for before that character (with the bytes after it still in view).
    let stop = find_end_char(s).unwrap_or(s.len());
    sentence_end_before(s, stop, patterns).unwrap_or(stop)
}

pub(super) fn sentence_end(s: &str, patterns: &PatternSet) -> usize {
    sentence_end_before(s, s.len(), patterns).unwrap_or(s.len())
}

/// Whether `rest` (after a period) goes on with a capitalised word that opens a sentence and
/// never goes on a name: "the arm of BT. Both schemes", "in the U.S. The company".
fn opens_sentence(rest: &str, patterns: &PatternSet) -> bool {
    let word = rest.trim_start().split([' ', ',']).next().unwrap_or("");
    word.starts_with(char::is_uppercase) && {
        let lower = word.to_lowercase();
        matches!(
            lower.as_str(),
            "the" | "both" | "his" | "her" | "its" | "their"
        ) || patterns.clause_openers.contains(&lower)
            || patterns.pronouns.contains_key(&lower)
            || patterns.unnamed_determiners.contains(&lower)
    }
}

/// The first sentence end of `s` (as [`sentence_end`] finds it) that lies before `limit`.
fn sentence_end_before(s: &str, limit: usize, patterns: &PatternSet) -> Option<usize> {
    let b = s.as_bytes();
    for (i, &c) in b[..limit].iter().enumerate() {
        if matches!(c, b'.' | b'!' | b'?') && (i + 1 == b.len() || b[i + 1] == b' ') {
            // An abbreviation or initial ("U.S.", "Inc.") does not end it.
            let word_start = s[..i].rfind(' ').map_or(0, |k| k + 1);
            let word = &s[word_start..i];
            let short = word.len() <= 2
                || word.contains('.')
                || word == "Inc"
                || word == "Corp"
                || word == "Co";
            if c == b'.'
                && short
                && word.chars().next().is_some_and(char::is_uppercase)
                && (word.ends_with('.') || !opens_sentence(&s[i + 1..], patterns))
            {
                continue;
            }
            // ("a national co-chair for Sen. John McCain's campaign": a title's abbreviation
            // before a name.)
            if c == b'.'
                && patterns.abbreviations.contains(&s[word_start..=i])
                && s[i + 1..].trim_start().starts_with(char::is_uppercase)
            {
                continue;
            }
            return Some(i);
        }
    }
    None
}

/// Splits a title phrase (`a speechwriter at West Wing Writers`, `Washington’s special envoy for
/// North Korea-related issues`, `Halvorsen Bank senior economist`) into title and affiliation.
pub fn parse_phrase(
    text: &str,
    start: usize,
    end: usize,
    patterns: &PatternSet,
) -> Option<TitleInfo> {
    let mut toks = tokenize(text, Span::new(start, end), patterns);
    if toks.is_empty() || toks.len() > MAX_PHRASE_WORDS {
        return None;
    }
    // "As Virginia's governor, Kaine …", "as governor of Florida": the post held then.
    let as_then = toks[0].text.eq_ignore_ascii_case("as");
    // "Michael Cohen, then Donald Trump’s personal lawyer", "X, former Obama adviser": a status
    // word opening the phrase, before its determiner or owner, goes with the title.
    let lead = usize::from(as_then);
    let lead_status = toks
        .get(lead)
        .filter(|t| !t.is_capitalized() && patterns.statuses.canonical(t.text).is_some())
        .map(|t| t.text);
    let lead = lead + usize::from(lead_status.is_some());
    // "one of his foreign policy advisers, Walid Phares": one of those who hold a post holds it.
    let group_head = one_of_plural(&mut toks, lead, patterns);
    let lead = lead + if group_head.is_some() { 2 } else { 0 };
    let (mut i, mut affiliation) = phrase_start(&toks, lead, patterns);
    // Find where the title head starts: the first position from which modifiers* + title match.
    let (t_start, t_end) = find_title(&toks[i..], patterns).map(|(s, e)| (s + i, e + i))?;
    // "the clearest salvo in the campaign came from China’s Foreign Ministry spokesperson": a
    // capitalised possessive owner later on starts the title's phrase; the words before it are
    // a sentence's.
    if let Some(q) = later_owner(&toks, i, t_start) {
        (i, affiliation) = phrase_start(&toks, q, patterns);
    }
    // "It cost Trump his then-campaign manager": a possessive pronoun before the title is its
    // determiner; the words before it are a sentence's.
    let pronoun = toks[i..t_start]
        .iter()
        .rposition(|t| matches!(t.text, "his" | "her" | "their" | "its"));
    if pronoun.is_some() {
        affiliation.clear();
    }
    let i = pronoun.map_or(i, |p| i + p + 1);
    if another_clause(&toks[i..t_start], patterns) {
        return None;
    }
    if t_start > i && affiliation.is_empty() {
        affiliation = qualifier(&toks[i..t_start], patterns).unwrap_or_default();
    }
    // The words before the title head belong to it ("top nuclear envoy", "senior trade
    // official"), unless they are all capitalised (the qualifier taken above), but not words that
    // describe the person rather than the post ("the maverick 80-year-old senator").
    let mut title_from = if t_start > i && !toks[i..t_start].iter().all(|t| t.is_capitalized()) {
        i
    } else {
        t_start
    };
    // "a University of Tarrow law professor": an organisation's name before the post's own
    // lowercase words is its affiliation.
    let lead = leading_organisation(&toks[i..t_start], patterns);
    if lead > 0 && title_from == i && affiliation.is_empty() {
        affiliation = join(&toks[i..i + lead]);
        title_from = i + lead;
    }
    while title_from < t_start && super::describes_the_person(toks[title_from].text, patterns) {
        title_from += 1;
    }
    if in_complement(&toks, title_from, t_start, patterns) {
        return None;
    }
    let mut after = after_title(text, &toks, t_end, !affiliation.is_empty(), patterns);
    // "a Washington correspondent for the Salt Lake Tribune": a place before the post says where
    // it is held; the employer after it, the organisation.
    if after.organisation.is_none()
        && !affiliation.is_empty()
        && title_from == t_start
        && t_start > i
        && patterns.names_a_place(&affiliation)
    {
        if let Some(employer) = employer_after_place(text, &toks, t_end, patterns) {
            after = employer;
            title_from = i;
        }
    }
    // (Not after a group's words that go on past its plural: "one of the officers involved in
    // the March shooting" names no organisation.)
    let group_goes_on = group_head.is_some_and(|h| after.title_to > h + 1);
    if let Some(org) = after.organisation.filter(|_| !group_goes_on) {
        affiliation = org;
    }
    // (The post ends at the group's plural: "one of the organizers of the march" is an
    // organizer.)
    let title_to = group_head.map_or(after.title_to, |h| after.title_to.min(h + 1));
    let title_toks = &toks[title_from..title_to.max(title_from + 1).min(toks.len())];
    if is_verb_phrase(&title_toks[(t_end - title_from).min(title_toks.len())..]) {
        return None;
    }
    let title = org_text(text, title_toks);
    // (A status written before the title wins over one read from a date after it: "former top
    // campaign official for Hillary Clinton in 2016".)
    let title = if let Some(status) = lead_status.filter(|_| title_from >= i) {
        format!("{status} {title}")
    } else if after.then || as_then {
        format!("then {title}")
    } else {
        title
    };
    Some(TitleInfo {
        title,
        affiliation,
        // Where the title is written (the status aside).
        span: Span::new(
            title_toks[0].span.start,
            title_toks[title_toks.len() - 1].span.end,
        ),
        group: group_head.is_some(),
    })
}

/// Whether the words before a title head make it another's: a clause ("a Democrat for whom Mr.
/// Northam served as lieutenant governor"), a verb's or a place's "to" ("vying to be the next
/// president", "sitting next to the senator"; not a post's, "assistant to the president").
fn another_clause(q: &[Token], patterns: &PatternSet) -> bool {
    let post_word =
        |t: &Token| patterns.word_bits.lower(t.text) & (W_TITLE_CI | W_TITLE_MODIFIER_CI) != 0;
    (0..q.len()).any(|k| {
        matches!(
            q[k].text,
            "who" | "whom" | "whose" | "which" | "where" | "that"
        ) || (matches!(q[k].text, "to" | "beside" | "behind") && !(k > 0 && post_word(&q[k - 1])))
    })
}

/// Where a capitalised possessive owner after sentence words starts the title's phrase, in
/// `toks[i..t_start]` ("the clearest salvo … came from |China’s Foreign Ministry spokesperson").
fn later_owner(toks: &[Token], i: usize, t_start: usize) -> Option<usize> {
    let p = toks[i..t_start]
        .iter()
        .rposition(|t| t.possessive && t.is_capitalized())?;
    let mut q = i + p;
    while q > i && toks[q - 1].is_capitalized() && toks[q - 1].joined_to_next {
        q -= 1;
    }
    (q > i && toks[i..q].iter().any(|t| !t.is_capitalized())).then_some(q)
}

/// "warmonger Dean dutifully gets in his shots at …": whether the words after a title's head
/// (`rest`) read as a verb phrase (an adverb, a possessive pronoun), a sentence's, not a title's.
fn is_verb_phrase(rest: &[Token]) -> bool {
    rest.iter().any(|t| {
        // ("according to Biden, President Barack Obama gave him a kiss": an object pronoun too.)
        matches!(
            t.text,
            "his" | "her" | "their" | "its" | "our" | "my" | "him" | "them" | "me" | "us"
        ) || (t.text.len() > 4 && t.text.ends_with("ly") && !t.is_capitalized())
    })
}

/// "one of his foreign policy advisers", "one of the company's founders": when the phrase at
/// `lead` opens with "one of" and a plural post follows within reach, that word becomes its
/// singular (the title's head, whose index is returned; the two words "one of" are to be
/// skipped).
fn one_of_plural(toks: &mut Vec<Token>, lead: usize, patterns: &PatternSet) -> Option<usize> {
    let opens = toks
        .get(lead)
        .is_some_and(|t| t.text.eq_ignore_ascii_case("one"))
        && toks.get(lead + 1).is_some_and(|t| t.text == "of");
    if !opens {
        return None;
    }
    // ("Griffiths was one of DOD's leaders but his lawyer, Antony Townsden": a clause.)
    if toks[lead + 2..].iter().any(|t| t.text == "but") {
        return None;
    }
    let reach = toks.len().min(lead + 2 + TITLE_START_REACH);
    let plural = (lead + 2..reach)
        .take_while(|&k| !matches!(toks[k].text, "who" | "which" | "that" | "and" | "or"))
        .find_map(|k| {
            let t = &toks[k];
            let singular = t.without_plural_s().filter(|_| !t.is_capitalized())?;
            let lower = singular.text.to_lowercase();
            patterns
                .titles
                .may_end_with(&lower)
                .then_some((k, singular))
        });
    match plural {
        Some((k, singular)) => {
            toks[k] = singular;
            // ("one of the company's two founders": a count of the group is no part of the post.)
            let count = |t: &Token| {
                t.text.bytes().all(|b| b.is_ascii_digit())
                    || matches!(
                        t.text,
                        "two"
                            | "three"
                            | "four"
                            | "five"
                            | "six"
                            | "several"
                            | "many"
                            | "few"
                            | "those"
                            | "these"
                    )
            };
            match (lead + 2..k).find(|&c| count(&toks[c])) {
                Some(c) => {
                    toks.remove(c);
                    Some(k - 1)
                }
                None => Some(k),
            }
        }
        None => None,
    }
}

/// Where a title phrase's words start after its determiners (`a`, `the`, `his`) and its
/// possessive owner ("Washington’s", "the company's"), from `i`; with the owner as the
/// affiliation when it is capitalised.
fn phrase_start(toks: &[Token], mut i: usize, patterns: &PatternSet) -> (usize, String) {
    // Determiners. (No character beyond ASCII lowercases to a letter of these words, so ignoring
    // ASCII case is the same as lowercasing.)
    while i < toks.len()
        && [
            "a",
            "an",
            "the",
            "his",
            "her",
            "its",
            "their",
            "now",
            "currently",
        ]
        .iter()
        .any(|d| toks[i].text.eq_ignore_ascii_case(d))
    {
        i += 1;
    }
    let mut affiliation = String::new();
    // A possessive owner: "Washington’s", "the company's", "South Korea’s". ("who’s", "that’s"
    // are contractions, not owners.)
    if let Some(p) = toks[i..]
        .iter()
        .take(MAX_OWNER_WORDS)
        .position(|t| t.possessive)
        .filter(|&p| {
            let w = toks[i + p].text;
            !patterns.clause_stops.iter().any(|s| s == w) && !patterns.pronouns.contains_key(w)
        })
        // ("a national co-chair for John McCain's campaign": an owner after a preposition is
        // the organisation's, after the title.)
        .filter(|&p| {
            !toks[i..i + p].iter().any(|t| {
                patterns
                    .affiliation_prepositions
                    .iter()
                    .any(|a| a == t.text)
                    || t.text == "at"
            })
        })
    {
        let owner = &toks[i..=i + p];
        if owner.iter().all(|t| t.is_capitalized()) {
            affiliation = join(owner);
        }
        i += p + 1;
    }
    (i, affiliation)
}

/// How many tokens at the start of `q` (the words before a title's head) name an organisation:
/// capitalised words joined by "of", "and" or "for", with an organisation word among them
/// ("University of Michigan", "Brookings Institution"), before the post's lowercase words if any.
/// Zero when there is none.
fn leading_organisation(q: &[Token], patterns: &PatternSet) -> usize {
    let mut end = 0;
    for (k, t) in q.iter().enumerate() {
        if t.is_capitalized() && !t.possessive {
            end = k + 1;
        } else if !(matches!(t.text, "of" | "and" | "for") && k > 0) {
            break;
        }
    }
    let named = q[..end]
        .iter()
        .any(|t| t.is_capitalized() && patterns.org_words.contains_ci(t.text));
    if named && (end == q.len() || !q[end].is_capitalized()) {
        end
    } else {
        0
    }
}

/// "the election of a new mayor of Tarrow, Sam Kahn": a post (whose head starts at `head`)
/// inside the "of" complement of a common noun, from `from`, is not what the phrase names; "one
/// of the president's attorneys", "member of the committee", "chief of the general staff" are.
fn in_complement(toks: &[Token], from: usize, head: usize, patterns: &PatternSet) -> bool {
    (from.max(1)..head).any(|k| {
        toks[k].text == "of"
            && !toks[k - 1].is_capitalized()
            && !matches!(
                toks[k - 1].text,
                "one"
                    | "some"
                    | "each"
                    | "any"
                    | "all"
                    | "both"
                    | "two"
                    | "three"
                    | "several"
                    | "many"
                    | "member"
                    | "members"
            )
            && toks[k - 1].lower_bits(patterns) & (W_TITLE_CI | W_TITLE_MODIFIER_CI) == 0
            && toks.get(k + 1).is_some_and(|t| !t.is_capitalized())
    })
}

/// The affiliation the words before a title give: a place or organisation qualifier ("Halvorsen
/// Bank", "North Korean" = North Korea), or the place among other words ("former North Korean
/// intelligence chief").
fn qualifier(q: &[Token], patterns: &PatternSet) -> Option<String> {
    if q.iter().all(|t| t.is_capitalized()) {
        return Some(patterns.place_or_written(join(q)));
    }
    let first_cap = q.iter().position(Token::is_capitalized)?;
    let qs = q[first_cap..]
        .iter()
        .take_while(|t| t.is_capitalized())
        .map(|t| t.text)
        .collect::<Vec<_>>()
        .join(" ");
    patterns.places.canonical(&qs).map(str::to_string)
}

/// The first title in `toks`: (start including modifiers, end after the title head).
fn find_title(toks: &[Token], patterns: &PatternSet) -> Option<(usize, usize)> {
    for end in 1..=toks.len().min(TITLE_START_REACH) {
        if let Some((s, _)) = title_suffix(&toks[..end], patterns) {
            // Extend to the longest title that starts at the same place.
            let mut best = end;
            for longer in end + 1..=toks.len().min(end + patterns.titles.max_words) {
                if title_suffix(&toks[..longer], patterns).is_some_and(|(s2, _)| s2 <= s) {
                    best = longer;
                }
            }
            return Some((s, best));
        }
    }
    None
}

/// Index of the first token that ends an organisation name or a title (`which`, `who`, `and`,
/// `where`, or a reporting verb: "Goldman’s chief equity analyst wrote in a note").
pub(super) fn clause_stop(toks: &[Token], patterns: &PatternSet) -> Option<usize> {
    // "the Public and Commercial Services Union": "and" between capitalised words of one name
    // does not end it.
    let inside_a_name = |k: usize| {
        toks[k].text == "and"
            && k > 0
            && toks[k - 1].is_capitalized()
            && toks[k - 1].joined_to_next
            && toks.get(k + 1).is_some_and(|t| t.is_capitalized())
    };
    (0..toks.len()).find(|&k| {
        let t = &toks[k];
        // "who’s working at the camps": a stop written with a contraction.
        let word = t.text.trim_end_matches("’s").trim_end_matches("'s");
        (patterns.clause_stops.iter().any(|s| s == word) && !inside_a_name(k))
            || is_reporting_verb(t.text, patterns)
    })
}

/// A lowercase reporting verb that is no title word ("wrote", "told"; not "state" of "state
/// senator").
pub(super) fn is_reporting_verb(w: &str, patterns: &PatternSet) -> bool {
    w.starts_with(char::is_lowercase)
        && patterns.word_bits.exact(w) & W_SPEECH_VERB_EXACT != 0
        && patterns.word_bits.lower(w) & (W_TITLE_CI | W_TITLE_MODIFIER_CI) == 0
}

fn join(toks: &[Token]) -> String {
    toks.iter().map(|t| t.text).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn after(text: &str, name: &str) -> Option<(String, String)> {
        let set = PatternSet::embedded().unwrap();
        let end = text.find(name).unwrap() + name.len();
        after_name(text, end, text.len(), &set).map(|t| (t.title, t.affiliation))
    }

    #[test]
    fn appositive_at_org_cuts_relative_clause() {
        let t = "said Duyeon Kim, an adjunct senior fellow at the Center for a New American Security, which is based in Seoul.";
        assert_eq!(
            after(t, "Duyeon Kim"),
            Some((
                "adjunct senior fellow".into(),
                "Center for a New American Security".into()
            ))
        );
    }

    #[test]
    fn relative_clause_present_post() {
        let t = "Joseph Yun, who served as Biegun’s predecessor from 2016 to 2018 and is a senior adviser at the United States Institute of Peace, said another summit";
        assert_eq!(
            after(t, "Joseph Yun"),
            Some((
                "senior adviser".into(),
                "United States Institute of Peace".into()
            ))
        );
    }

    #[test]
    fn relative_clause_past_post_and_letters_that_lowercase_longer() {
        let t = "Brant Houston, who for a decade was the executive editor of the nonprofit Investigative Reporters and Editors, told";
        assert_eq!(
            after(t, "Brant Houston"),
            Some((
                "former executive editor".into(),
                "Investigative Reporters and Editors".into()
            ))
        );
        // ("İ" lowercases to three bytes: offsets stay those of the text.)
        let t = "Ayşe İnan, who İİİİİİİİİ was the chairman of the Bar, said";
        assert_eq!(
            after(t, "Ayşe İnan"),
            Some(("former chairman".into(), "Bar".into()))
        );
        let t = "Carl Mott, who was elected mayor of Tarrow in May, said";
        assert_eq!(after(t, "Carl Mott"), None);
    }

    #[test]
    fn possessive_owner_is_affiliation() {
        let t = "Stephen Biegun, Washington’s special envoy for North Korea-related issues, said";
        assert_eq!(
            after(t, "Stephen Biegun"),
            Some((
                "special envoy for North Korea-related issues".into(),
                "Washington".into()
            ))
        );
    }

    #[test]
    fn end_chars_on_bytes() {
        for s in [
            "",
            "a, b",
            "said “yes” — and",
            "x – y: z",
            "no stops here ’ é ”",
            "(a) b; c\"",
            "\u{2012}\u{2015}\u{201b}",
        ] {
            assert_eq!(find_end_char(s), s.find(END_CHARS), "{s:?}");
            assert_eq!(rfind_end_char(s), s.rfind(END_CHARS), "{s:?}");
        }
    }

    #[test]
    fn not_a_title() {
        assert_eq!(after("John Smith, 45, said", "John Smith"), None);
    }
}
