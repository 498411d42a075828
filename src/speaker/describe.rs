//! A speaker's description as structured data: the post (title), the organisation or place it
//! belongs to (affiliation), the party, and the status of the post (`former`, `then`, `acting`,
//! `interim`, `incoming`, `outgoing`, `elect`, `retired`).
//!
//! In: a title and an affiliation as a name run or an appositive gave them (`Republican`,
//! `Tennessee`; `Party leader`, `UK Independence`; `then-Deputy FBI Director`), and the text after
//! a name (for party tags: `(R-Texas)`, `, D-Nev.,`). Out: a [`Description`] with each part in its
//! own field: party and status words never stay in the title or the affiliation, and an
//! organisation's name cut by the title (`Fox` + `News anchor`) is made whole again. Parties,
//! their codes, states and status words are data (`patterns/lexicon/`).

use crate::pattern::lexicon::{W_TITLE_CI, W_TITLE_MODIFIER_CI};
use crate::pattern::PatternSet;

/// A post and who holds it, as one article describes a speaker.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Description {
    /// The post, without status or party words (`Sen.`, `chief economist`).
    pub title: String,
    /// The organisation, body or place of the post (`Halvorsen Bank`, `Scotland`).
    pub affiliation: String,
    /// The party, by its canonical name (`Republican`, `Conservative`).
    pub party: String,
    /// When the post is held: `former`, `then`, `acting`, `interim`, `incoming`, `outgoing`,
    /// `elect`, `retired`; empty for a serving post.
    pub status: String,
}

impl Description {
    /// Whether the post is one held before (not now).
    pub fn is_past(&self) -> bool {
        matches!(self.status.as_str(), "former" | "then" | "retired")
    }

    /// Whether the title tells a tie or a part in a story rather than a post ("a Romney
    /// confidant", "the senator's wife"): its last word is in `lexicon/relations.txt`.
    pub fn is_relation(&self, patterns: &PatternSet) -> bool {
        is_relation(&self.title, patterns)
    }
}

/// Whether a title tells a tie or a part in a story rather than a post: its head (the last word,
/// or the last before an "of": "senior member of the committee") is in `lexicon/relations.txt`
/// ("Trump ally", "9/11 widow"), and the title is not a post of the titles list as a whole
/// ("member of parliament", "ranking member").
pub fn is_relation(title: &str, patterns: &PatternSet) -> bool {
    let lower = title.to_lowercase();
    if patterns.titles.contains(&lower) && !patterns.relations.contains(&lower) {
        return false;
    }
    let head = lower.split(" of ").next().unwrap_or("");
    head.split_whitespace()
        .last()
        .is_some_and(|w| patterns.relations.contains(w))
}

/// Splits a title and affiliation as found into a [`Description`].
///
/// ```
/// let p = saywho::PatternSet::embedded().unwrap();
/// let d = saywho::speaker::describe("then-Deputy FBI Director", "", &p);
/// assert_eq!((d.title.as_str(), d.status.as_str()), ("Deputy FBI Director", "then"));
/// let d = saywho::speaker::describe("Party leader", "UK Independence", &p);
/// assert_eq!((d.title.as_str(), d.party.as_str()), ("leader", "UK Independence Party"));
/// let d = saywho::speaker::describe("News anchor", "Fox", &p);
/// assert_eq!((d.title.as_str(), d.affiliation.as_str()), ("anchor", "Fox News"));
/// ```
pub fn describe(title: &str, affiliation: &str, patterns: &PatternSet) -> Description {
    let mut d = Description::default();
    let mut words: Vec<String> = title.split_whitespace().map(str::to_string).collect();
    let mut aff: Vec<String> = affiliation.split_whitespace().map(str::to_string).collect();
    // Status words before the post, in the affiliation's qualifier ("Former Conservative") or
    // the title ("former", "ex-Foreign", "then-Deputy"); "-elect" after it.
    // "As Utah Sen. Mike Lee insisted": a conjunction before the qualifier is no part of it.
    if aff.first().is_some_and(|w| w == "As") {
        aff.remove(0);
    }
    // A sentence end written without its space: first, it ends the sentence before a qualifier
    // ("out of Washington.House speaker Nancy Pelosi": "House"); later, it ends an
    // organisation's ("editor of The Wall Street Examiner newsletter.First, he says").
    if let Some(k) = aff.iter().position(|w| glued_sentence_end(w).is_some()) {
        let word = aff[k].clone();
        let after = glued_sentence_end(&word).unwrap_or_default();
        if k == 0 {
            aff[0] = after.to_string();
        } else {
            aff.truncate(k + 1);
            aff[k] = word[..word.len() - after.len() - 1].to_string();
        }
    }
    take_status(&mut aff, &mut d.status, patterns);
    take_status(&mut words, &mut d.status, patterns);
    // Words that describe the person, not the post or its organisation ("Brexit-backing",
    // "Longtime", "Far-left billionaire", "two-term"), before either; then a rank written
    // before the organisation belongs to the post ("Deputy White House press secretary").
    drop_descriptors(&mut aff, patterns);
    drop_descriptors(&mut words, patterns);
    take_status(&mut aff, &mut d.status, patterns);
    take_status(&mut words, &mut d.status, patterns);
    let rank = |w: &String| {
        let l = w.to_lowercase();
        patterns.comparison.distinguishing_words.contains(&l)
            || patterns.comparison.seniority_words.contains(&l)
    };
    let ranks = aff.iter().take_while(|w| rank(w)).count();
    let lowercase = aff[ranks..]
        .iter()
        .take_while(|w| !w.starts_with(char::is_uppercase))
        .count();
    // A qualifier that is all rank and lowercase words is no organisation: it is the post's.
    let moved = if ranks + lowercase == aff.len() {
        aff.len()
    } else {
        ranks
    };
    if moved > 0 && !words.is_empty() {
        let front: Vec<String> = aff.drain(..moved).collect();
        words.splice(0..0, front);
    }
    // A post before a capitalised rank or honorific that is a title too is the post, not an
    // organisation: "Supreme Leader Ayatollah Ali Khamenei", "Foreign Minister Prince Faisal".
    if !aff.is_empty()
        && words.len() == 1
        && words[0].starts_with(char::is_uppercase)
        && patterns.titles.contains_ci(&aff.join(" "))
    {
        words.splice(0..0, aff.drain(..));
    }
    for w in words.iter_mut() {
        if let Some(stem) = w.strip_suffix("-elect").filter(|s| !s.is_empty()) {
            *w = stem.to_string();
            set(&mut d.status, "elect");
        }
    }
    organisation_before_title(&mut words, &mut aff, patterns);
    // "a former Utah governor" read as "Utah governor" + "Utah": the place once.
    let place = |s: &str| {
        patterns
            .places
            .canonical(s)
            .or(patterns.us_states.canonical(s))
    };
    if let Some(p) = place(&aff.join(" ")).map(str::to_string) {
        if let Some(k) =
            (1..words.len()).find(|&k| place(&words[..k].join(" ")) == Some(p.as_str()))
        {
            words.drain(..k);
        }
    }
    take_party(&mut words, &mut aff, &mut d.party, patterns);
    // "Bloomberg, a former Republican": a party left is no party now, and no post.
    if words.is_empty() && aff.is_empty() && d.is_past() {
        d.party.clear();
        d.status.clear();
    }
    // A state ("California Democrat", "Tennessee Republican Sen.") is the member's
    // constituency: the affiliation, by its name.
    if let Some(state) = constituency(&aff, patterns) {
        aff = vec![state];
    }
    // "Vice President Joe Biden", "presidential candidates Martin O’Malley": another person's
    // name inside the words taken for a post says they, and the organisation read with them, are
    // no post of this person's (unless it is the post's principal: "top adviser to former
    // President Barack Obama").
    if names_someone_else(&words, patterns) {
        words.clear();
        aff.clear();
    }
    d.title = words.join(" ");
    d.affiliation = aff.join(" ");
    d
}

/// The state a qualifier names as a member's constituency: all of it ("California Democrat"), or
/// its end after a description ("Republican presidential candidate Texas Senator"; not
/// "University of Pennsylvania").
fn constituency(aff: &[String], patterns: &PatternSet) -> Option<String> {
    if let Some(state) = patterns.us_states.canonical(&aff.join(" ")) {
        return Some(state.to_string());
    }
    let described = |k: usize| {
        aff.len() > k
            && aff[aff.len() - k - 1].starts_with(char::is_lowercase)
            && !matches!(
                aff[aff.len() - k - 1].as_str(),
                "of" | "and" | "&" | "the" | "for" | "in" | "at" | "de" | "from"
            )
    };
    (1..aff.len().min(3))
        .filter(|&k| described(k))
        .find_map(|k| {
            patterns
                .us_states
                .canonical(&aff[aff.len() - k..].join(" "))
        })
        .map(str::to_string)
}

/// How many letters an organisation's acronym has at most ("OLYMPIC" in a headline is none).
const MAX_ACRONYM_LETTERS: usize = 5;

/// Whether `w` is an organisation's acronym ("FBI", "ACLU", "NPR"): capitals only, and not a
/// post ("CEO", "MP"), a place ("US", "UK"), a party ("GOP") or one of
/// `non-organisation-acronyms.txt` ("TV", "LGBT").
fn is_org_acronym(w: &str, patterns: &PatternSet) -> bool {
    let lower = w.to_lowercase();
    (2..=MAX_ACRONYM_LETTERS).contains(&w.len())
        && w.bytes().all(|b| b.is_ascii_uppercase())
        && !patterns.non_organisation_acronyms.contains(w)
        && !patterns.titles.contains(&lower)
        && patterns.title_aliases.canonical(&lower).is_none()
        && !patterns.names_a_place(w)
        && party_of(w, patterns).is_none()
}

/// The word after a sentence end written without its space ("House" of "Washington.House"): a
/// lowercase letter, a period, a capital (initials such as "U.S." are not one).
fn glued_sentence_end(w: &str) -> Option<&str> {
    let b = w.as_bytes();
    (2..b.len().saturating_sub(1))
        .find(|&i| {
            b[i] == b'.'
                && b[i - 1].is_ascii_lowercase()
                && b[i - 2].is_ascii_lowercase()
                && b[i + 1].is_ascii_uppercase()
        })
        .map(|i| &w[i + 1..])
}

/// An organisation cut by the title: its last word starts the title's `words` ("Fox" + "News
/// anchor", "UK Independence" + "Party leader"), or the whole organisation does ("Senate
/// Majority Leader"); that word moves to the affiliation `aff`.
fn organisation_before_title(
    words: &mut Vec<String>,
    aff: &mut Vec<String>,
    patterns: &PatternSet,
) {
    if words.len() >= 2 {
        let joined = format!("{} {}", aff.join(" "), words[0]);
        // "Economy and" + "Labour Minister": a connector ends the organisation before the title.
        let cut = !aff.is_empty()
            && (party_of(&joined, patterns).is_some()
                || aff.last().is_some_and(|w| w == "and" || w == "&"));
        // With no organisation before it, a title that starts with an organisation word is one
        // title when the lexicon has it whole ("Press Secretary", not "Senate" + "Majority
        // Leader"); so too after a word that names an organisation already ("White House Press
        // Secretary", "Pentagon Press Secretary"; not "Fox" + "News anchor").
        let names_org = aff
            .last()
            .is_some_and(|w| patterns.org_words.contains_ci(w))
            || patterns.org_words.contains_ci(&aff.join(" "));
        let org_first = starts_with_org_word(words, patterns)
            && (!patterns.titles.contains_ci(&words.join(" ")) || (!aff.is_empty() && !names_org));
        // "FBI Director", "ACLU legislative counsel": an acronym that is no post, place or
        // party, before the title, is its organisation.
        // (Not "ABC News contributor": the acronym starts a longer name.)
        let acronym_first = aff.is_empty()
            && is_org_acronym(&words[0], patterns)
            && !patterns.org_words.contains_ci(&words[1]);
        if cut || org_first || acronym_first {
            aff.push(words.remove(0));
        }
    }
}

/// Takes the party out of a title's `words` and its affiliation `aff` into `party`: a party
/// before other words of the affiliation ("Democratic campaign" + "strategist"), the whole
/// affiliation ("Labour", "Lib Dem"), a state and a party ("Tennessee Republican"), a party
/// before the post ("Republican Sen.", "Labour MP", "GOP nominee").
fn take_party(
    words: &mut Vec<String>,
    aff: &mut Vec<String>,
    party: &mut String,
    patterns: &PatternSet,
) {
    // A party before other words of the affiliation ("Democratic campaign strategist" read as
    // "Democratic campaign" + "strategist"): the party, and the lowercase rest is the post's.
    if let Some(k) = (1..aff.len())
        .rev()
        .find(|&k| party_of(&aff[..k].join(" "), patterns).is_some())
    {
        if aff[k..].iter().all(|w| w.starts_with(char::is_lowercase)) && !words.is_empty() {
            *party = party_of(&aff[..k].join(" "), patterns).unwrap_or_default();
            let rest: Vec<String> = aff.drain(..).skip(k).collect();
            words.splice(0..0, rest);
        } else if patterns.state_or_place(&aff[k..].join(" ")).is_some() {
            // ("Republican US Senator": the party, then the place the post is of.)
            *party = party_of(&aff[..k].join(" "), patterns).unwrap_or_default();
            aff.drain(..k);
        }
    }
    // A party in the affiliation ("Labour", "Lib Dem", "UK Independence Party"), or a state
    // and a party ("Tennessee Republican").
    if let Some(p) = party_of(&aff.join(" "), patterns) {
        *party = p;
        aff.clear();
    } else if let Some(k) = (1..aff.len()).find(|&k| {
        // Not after a connector: "Economy and Labour" is one ministry.
        !matches!(aff[k - 1].as_str(), "and" | "&")
            && party_of(&aff[k..].join(" "), patterns).is_some()
    }) {
        *party = party_of(&aff[k..].join(" "), patterns).unwrap_or_default();
        aff.truncate(k);
    }
    // A party before the post ("Republican Sen.", "Labour MP", "Lib Dem leader", "GOP nominee").
    if let Some(k) = (1..=words.len().min(4)).rev().find(|&k| {
        words[0].starts_with(char::is_uppercase)
            && party_of(&words[..k].join(" "), patterns).is_some()
    }) {
        *party = party_of(&words[..k].join(" "), patterns).unwrap_or_default();
        words.drain(..k);
        // "Democrat from Arizona", "Democrat for whom …": the party's member, no post.
        if words
            .first()
            .is_some_and(|w| patterns.prepositions.contains(w))
        {
            words.clear();
        }
    }
}

/// Whether the words of a post hold another person's full name: a given name (not a place's,
/// "Virginia", "St. Louis"), then a capitalised word that is no given name, place or
/// organisation's word ("Vice President Joe Biden", "Chairman John McCain"). Not when a principal
/// is introduced ("to", "for", "of", "under", "by", "with", an owner's "’s": "top adviser to former
/// President Barack Obama"), nor when the name qualifies the post after it ("Donald Trump ally",
/// "George W. Bush administration official").
fn names_someone_else(words: &[String], patterns: &PatternSet) -> bool {
    let post_word = |w: &str| {
        let l = w.to_lowercase();
        patterns.titles.contains(&l)
            || patterns.org_words.contains(&l)
            || patterns.titles.contains(l.trim_end_matches('s'))
    };
    (0..words.len().saturating_sub(1)).any(|k| {
        let given = &words[k];
        let family = &words[k + 1];
        let name_end = (k + 1..words.len())
            .find(|&j| !words[j].starts_with(char::is_uppercase))
            .unwrap_or(words.len());
        patterns.is_given_name(given)
            && !patterns.names_a_place(given)
            && (k == 0 || words[k - 1] != "St.")
            && family.starts_with(char::is_uppercase)
            && !patterns.is_given_name(family)
            && !patterns.names_a_place(family)
            && !patterns.org_words.contains_ci(family)
            && words.get(name_end).is_none_or(|w| !post_word(w))
            && !words[..k].iter().any(|w| {
                matches!(w.as_str(), "to" | "for" | "of" | "under" | "by" | "with")
                    || w.ends_with("’s")
                    || w.ends_with("'s")
            })
    })
}

/// Whether a word describes the person rather than the post or its organisation: a word of
/// `lexicon/descriptive-adjectives.txt` ("maverick", "longtime"), an age ("80-year-old"), a
/// term count ("two-term"), or a compound of a name and a lowercase participle or adjective
/// ("Brexit-backing", "Trump-wary", "Puerto Rico-born", "Far-left").
pub fn describes_the_person(w: &str, patterns: &PatternSet) -> bool {
    let lower = w.to_lowercase();
    // "one-time" is a status, not a description.
    if patterns.statuses.canonical(&lower).is_some() {
        return false;
    }
    if patterns.descriptive_adjectives.contains(&lower) {
        // "liberal Democrat" describes; "Liberal" is a party's name.
        return !(w.starts_with(char::is_uppercase) && party_of(w, patterns).is_some());
    }
    let Some((_, tail)) = w.rsplit_once('-') else {
        return false;
    };
    (lower.ends_with("-year-old") && lower.starts_with(|c: char| c.is_ascii_digit()))
        || (!tail.is_empty()
            && tail.chars().all(|c| c.is_lowercase())
            && [
                "ing", "ed", "born", "wary", "based", "left", "right", "term", "time", "leaning",
            ]
            .iter()
            .any(|e| tail.ends_with(e)))
}

/// Drops the words at the start of `words` that describe the person ([`describes_the_person`]).
fn drop_descriptors(words: &mut Vec<String>, patterns: &PatternSet) {
    let n = words
        .iter()
        .take_while(|w| describes_the_person(w, patterns))
        .count();
    words.drain(..n);
}

/// Takes the status words at the start of `words` into `status` (the first found wins; an
/// `acting` or `interim` after it stays with the post); a word
/// written with a status prefix (`ex-Foreign`, `then-Deputy`) keeps its rest.
fn take_status(words: &mut Vec<String>, status: &mut String, patterns: &PatternSet) {
    while let Some(first) = words.first() {
        let lower = first.to_lowercase();
        if let Some(s) = patterns.statuses.canonical(&lower) {
            // "former acting FBI director": the first status is the column's; "acting" or
            // "interim" after it names the post he held, which was not the director's.
            if !status.is_empty() && matches!(s, "acting" | "interim") {
                break;
            }
            set(status, s);
            words.remove(0);
            continue;
        }
        let prefixed = lower.find('-').and_then(|i| {
            let (prefix, rest) = (&first[..i + 1], &first[i + 1..]);
            patterns
                .statuses
                .canonical(&prefix.to_lowercase())
                .filter(|_| !rest.is_empty())
                .map(|s| (s.to_string(), rest.to_string()))
        });
        match prefixed {
            Some((s, rest)) => {
                set(status, &s);
                words[0] = rest;
            }
            None => break,
        }
    }
}

fn set(status: &mut String, s: &str) {
    if status.is_empty() {
        *status = s.to_string();
    }
}

/// Whether the title's first word is a capitalised organisation word that is no title word
/// (`News`, `Co.`), while the rest is a title: then it ends the organisation's name before it
/// (`Fox` + `News anchor`; not `US` + `Trade Representative`).
fn starts_with_org_word(words: &[String], patterns: &PatternSet) -> bool {
    let first = &words[0];
    first.starts_with(char::is_uppercase)
        && patterns.org_words.contains_ci(first)
        && patterns.word_bits.lower(first) & (W_TITLE_CI | W_TITLE_MODIFIER_CI) == 0
        && patterns.titles.contains_ci(&words[1..].join(" "))
}

/// A title in its canonical spelling, lowercase (`lexicon/title-aliases.txt`: "Sen." is
/// "senator", "PM" is "prime minister"); as written, lowercased, when it has none.
pub(super) fn canonical_title(title: &str, patterns: &PatternSet) -> String {
    let t = title.to_lowercase();
    patterns
        .title_aliases
        .canonical(&t)
        .map_or(t, str::to_lowercase)
}

/// The canonical name of the party `s` names, if it is one.
pub fn party_of(s: &str, patterns: &PatternSet) -> Option<String> {
    if s.is_empty() {
        return None;
    }
    patterns.parties.canonical(s).map(str::to_string)
}

/// A party tag right after a name: the party, the state it gives (by name), and how many bytes
/// of `rest` it takes: ` (R-Texas)`, ` (D-Calif.)`, ` (R., Fla.)`, ` (D)`, `, R-Utah,`,
/// `, D-Nev.`. The letter is looked up in the party codes, the state (when given; always between
/// commas) must be one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PartyTag {
    /// The party, by its canonical name.
    pub party: String,
    /// The state, by its name (`California` for `Calif.`), when the tag gives one.
    pub state: Option<String>,
    /// The bytes of the text the tag takes.
    pub len: usize,
}

/// Reads a party tag at the start of `rest`.
pub fn party_tag(rest: &str, patterns: &PatternSet) -> Option<PartyTag> {
    // (Spaces where a link box was blanked may stand before a parenthesis.)
    let spaces = rest.len() - rest.trim_start_matches(' ').len();
    let (tag, consumed) = if let Some(b) = rest[spaces.saturating_sub(1)..].strip_prefix(" (") {
        let close = b.find(')')?;
        (&b[..close], spaces + 1 + close + 1)
    } else if let Some(b) = rest.strip_prefix(", ") {
        let end = b.find([',', ';', ' ', '\n']).unwrap_or(b.len());
        (&b[..end], 2 + end)
    } else {
        return None;
    };
    if tag.len() > 24 {
        return None;
    }
    let (code, state) = match tag.split_once(['-', '–']) {
        Some((c, s)) => (c, Some(s)),
        None => match tag.split_once(", ") {
            Some((c, s)) => (c, Some(s)),
            None => (tag, None),
        },
    };
    let party = patterns.party_codes.get(code.trim_end_matches('.'))?;
    let state = match state {
        Some(s) => Some(patterns.us_states.canonical(s.trim())?.to_string()),
        // A bare letter only in parentheses: ", D," is no tag.
        None if !rest.starts_with(" (") => return None,
        None => None,
    };
    Some(PartyTag {
        party: party.clone(),
        state,
        len: consumed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set() -> &'static PatternSet {
        static SET: std::sync::OnceLock<PatternSet> = std::sync::OnceLock::new();
        SET.get_or_init(|| PatternSet::embedded().unwrap())
    }

    fn d(title: &str, aff: &str) -> (String, String, String, String) {
        let d = describe(title, aff, set());
        (d.title, d.affiliation, d.party, d.status)
    }

    fn t(a: &str, b: &str, c: &str, e: &str) -> (String, String, String, String) {
        (a.into(), b.into(), c.into(), e.into())
    }

    #[test]
    fn parties_and_statuses_leave_the_title() {
        let cases = [
            (("Republican", ""), ("", "", "Republican", "")),
            // A sentence end written without its space.
            (
                ("speaker", "Washington.House"),
                ("speaker", "House", "", ""),
            ),
            (
                ("editor", "The Examiner newsletter.First"),
                ("editor", "The Examiner newsletter", "", ""),
            ),
            (
                ("Secretary of State", "U.S."),
                ("Secretary of State", "U.S.", "", ""),
            ),
            // A state is the member's constituency.
            (
                ("Republican", "Tennessee"),
                ("", "Tennessee", "Republican", ""),
            ),
            (
                ("Democrat", "California"),
                ("", "California", "Democratic", ""),
            ),
            (
                ("Sen.", "Tennessee Republican"),
                ("Sen.", "Tennessee", "Republican", ""),
            ),
            (("Democrat for", ""), ("", "", "Democratic", "")),
            // The party before other words, the rank before the organisation, a connector
            // inside one, words that describe the person, a chamber before its post.
            (
                ("strategist", "Democratic campaign"),
                ("campaign strategist", "", "Democratic", ""),
            ),
            (
                ("press secretary", "Deputy White House"),
                ("Deputy press secretary", "White House", "", ""),
            ),
            (
                ("Labour Minister", "Economy and"),
                ("Minister", "Economy and Labour", "", ""),
            ),
            (
                ("foreign secretary", "Brexit-backing"),
                ("foreign secretary", "", "", ""),
            ),
            (
                ("activist", "Far-left billionaire"),
                ("activist", "", "", ""),
            ),
            (
                ("Senate Majority Leader", ""),
                ("Majority Leader", "Senate", "", ""),
            ),
            (("Press Secretary", ""), ("Press Secretary", "", "", "")),
            (("Utah governor", "Utah"), ("governor", "Utah", "", "")),
            (("Democrat from Arizona", ""), ("", "", "Democratic", "")),
            (
                ("leader", "Former Conservative"),
                ("leader", "", "Conservative", "former"),
            ),
            (("MP", "Labour"), ("MP", "", "Labour", "")),
            (
                ("leader", "Lib Dem"),
                ("leader", "", "Liberal Democrat", ""),
            ),
            (
                ("leader", "SNP"),
                ("leader", "", "Scottish National Party", ""),
            ),
            (
                ("Party leader", "UK Independence"),
                ("leader", "", "UK Independence Party", ""),
            ),
            (("News anchor", "Fox"), ("anchor", "Fox News", "", "")),
            (
                ("then-Deputy FBI Director", ""),
                ("Deputy FBI Director", "", "", "then"),
            ),
            (
                ("ex-Foreign Secretary", ""),
                ("Foreign Secretary", "", "", "former"),
            ),
            (
                ("former federal prosecutor", ""),
                ("federal prosecutor", "", "", "former"),
            ),
            (
                ("acting Attorney General", ""),
                ("Attorney General", "", "", "acting"),
            ),
            (("Mayor-elect", ""), ("Mayor", "", "", "elect")),
            (("GOP nominee", ""), ("nominee", "", "Republican", "")),
            (
                ("chief economist", "Halvorsen Bank"),
                ("chief economist", "Halvorsen Bank", "", ""),
            ),
            (
                ("independent counsel", ""),
                ("independent counsel", "", "", ""),
            ),
            (
                ("Secretary of State", "United States"),
                ("Secretary of State", "United States", "", ""),
            ),
        ];
        for ((title, aff), (a, b, c, e)) in cases {
            assert_eq!(d(title, aff), t(a, b, c, e), "{title:?} {aff:?}");
        }
    }

    #[test]
    fn party_tags_after_a_name() {
        let cases = [
            (" (R-Texas) said", Some(("Republican", "Texas", 10))),
            (" (D-Calif.) said", Some(("Democratic", "California", 11))),
            (" (R., Fla.) said", Some(("Republican", "Florida", 11))),
            (", D-Nev., said", Some(("Democratic", "Nevada", 8))),
            (", R-S.C.", Some(("Republican", "South Carolina", 8))),
            (" (D) said", Some(("Democratic", "", 4))),
            (" (AP) said", None),
            (", Democratic leader", None),
            (", R-Nowhere, said", None),
        ];
        for (rest, want) in cases {
            let got = party_tag(rest, set());
            assert_eq!(
                got.as_ref()
                    .map(|t| (t.party.as_str(), t.state.as_deref().unwrap_or(""), t.len)),
                want,
                "{rest:?}"
            );
        }
    }
}
