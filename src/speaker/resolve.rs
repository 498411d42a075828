//! Resolving one mention (the span an attribution rule captured) to a [`Speaker`]: a pronoun
//! back to its person, a surname to the full name, `the president` to the person given that
//! title, a name to its entity, `a senior official` to an unnamed source.
//!
//! In: a mention's span, with the entities and mentions [`SpeakerResolver::new`] found. Out: a
//! [`Speaker`] and the method that found it.

use super::fold::fold;
use super::name::{name_to_end, parse_run, runs, NameParts};
use super::{floor_char_boundary, is_initial, Speaker, SpeakerResolver, TITLE_REACH};
use crate::pattern::lexicon::{FastSet, W_TITLE_CI};
use crate::pattern::Method;
use crate::segment::Span;
use crate::token::{strip_possessive, tokenize, Token};

/// The author of a mention that is a document and its author ("A 2018 report by NARAL"), or a
/// document ("a statement", "the majority opinion", "a May 19 report") when the text goes on
/// with "from" or "by" and a name ("… from the White House", "…
/// by Chief Judge Roger Gregory", "… from Romney spokeswoman Amanda Henneberg"): the span of the
/// name, its capitalised words with the lowercase post words and connectors between them.
fn document_author(
    toks: &[Token],
    text: &str,
    end: usize,
    patterns: &crate::pattern::PatternSet,
) -> Option<Span> {
    let det = toks.first()?.text.to_lowercase();
    if !(det == "the" || patterns.unnamed_determiners.contains(&det)) {
        return None;
    }
    // (The rule captured the document and its author whole: "A 2018 report by NARAL".)
    let by = |t: &Token| matches!(t.text, "from" | "by");
    if let Some(k) = (1..toks.len().min(DOCUMENT_WORDS + 2)).find(|&k| {
        patterns
            .document_words
            .contains(&toks[k].text.to_lowercase())
            && toks.get(k + 1).is_some_and(by)
    }) {
        let a = k + 2 + usize::from(toks.get(k + 2).is_some_and(|t| t.text == "the"));
        return toks
            .get(a)
            .filter(|t| t.is_capitalized())
            .map(|t| Span::new(t.span.start, end));
    }
    let last = toks.last()?.text.to_lowercase();
    if toks.len() > DOCUMENT_WORDS + 2 || !patterns.document_words.contains(&last) {
        return None;
    }
    let rest = &text[end..];
    let after = rest
        .strip_prefix(" from ")
        .or_else(|| rest.strip_prefix(" by "))?;
    let after = after.strip_prefix("the ").unwrap_or(after);
    let start = text.len() - after.len();
    let mut stop = 0;
    let mut pos = 0;
    for w in after.split(' ').take(AUTHOR_WORDS) {
        // The word without what ends the name after it: a comma, a possessive ("the State
        // Department’s"), a sentence's period (not an abbreviation's: "Rear Adm. Charlie Brown").
        let mut core = w.trim_end_matches([',', ';', ':']);
        core = core
            .strip_suffix("’s")
            .or_else(|| core.strip_suffix("'s"))
            .unwrap_or(core);
        if !patterns.abbreviations.contains(core) {
            core = core.trim_end_matches('.');
        }
        let capital = core.starts_with(char::is_uppercase);
        let joins = matches!(core, "of" | "for" | "and" | "&")
            || (core.starts_with(char::is_lowercase) && patterns.titles.contains(core));
        if !(capital || joins) {
            break;
        }
        if capital {
            stop = pos + core.len();
        }
        if core.len() < w.len() {
            break;
        }
        pos += w.len() + 1;
    }
    (stop > 0).then(|| Span::new(start, start + stop))
}

/// How many words an author after "from" or "by" may have ("Americans United for Separation of
/// Church and State").
const AUTHOR_WORDS: usize = 8;

/// How many words a name before a party tag may have ("Chuck Schumer, D-New York").
const NAME_WORDS: usize = 4;

/// How many words may stand between a determiner and its document word ("a June 28 statement").
const DOCUMENT_WORDS: usize = 3;

/// Whether `text` has `word` (lowercase) as a whole word, in lowercase or capitalised.
pub(super) fn has_word(text: &str, word: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric())
        .any(|w| w.len() == word.len() && w.eq_ignore_ascii_case(word))
}

/// Whether `text` has `word` (lowercase) as a whole word written in lowercase.
pub(super) fn has_lowercase_word(text: &str, word: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memmem::find_iter(bytes, word.as_bytes()).any(|i| {
        let end = i + word.len();
        (i == 0 || !is_word_byte(bytes[i - 1])) && (end == bytes.len() || !is_word_byte(bytes[end]))
    })
}

/// Every run of word bytes ([`is_word_byte`]) in `text`: a word without other bytes is in it
/// exactly when [`has_lowercase_word`] finds it.
pub(super) fn word_runs(text: &str) -> FastSet<&str> {
    text.as_bytes()
        .split(|&b| !is_word_byte(b))
        .filter(|w| !w.is_empty())
        // Runs of word bytes end at ASCII bytes, so each is a slice on char boundaries.
        .map(|w| std::str::from_utf8(w).unwrap_or(""))
        .collect()
}

/// A byte of a word for [`has_lowercase_word`]: an ASCII letter or digit, or any byte of a
/// character beyond ASCII.
pub(super) fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}
impl SpeakerResolver<'_> {
    /// Whether the text has `word` (lowercase) as a whole word written in lowercase: the free
    /// function [`has_lowercase_word`], answered from a set of the text's words made once (a
    /// scan of the whole text for each word would make an article of many names quadratic).
    pub(super) fn has_lowercase_word(&mut self, word: &str) -> bool {
        if !word.bytes().all(is_word_byte) {
            // A word with an apostrophe or a hyphen in it: rare, and looked for as it is.
            return has_lowercase_word(self.text, word);
        }
        let text = self.text;
        self.word_runs
            .get_or_insert_with(|| word_runs(text))
            .contains(word)
    }

    /// Resolves the mention at `span` (what an attribution rule captured).
    pub fn resolve(&mut self, span: Span) -> Speaker {
        self.cursor = span.start;
        let mention = span.slice(self.text).trim();
        let lower = mention.to_lowercase();
        // "He’s claiming": a pronoun with "is" or "has" written on.
        let bare = strip_possessive(&lower).unwrap_or(&lower);
        if let Some(&class) = self.patterns.pronouns.get(bare) {
            return self.resolve_pronoun(span.start, class);
        }
        // A transcript's label in capitals ("PENCE", "SEN. WARREN"): the person of that surname.
        if mention.chars().any(char::is_alphabetic) && !mention.chars().any(char::is_lowercase) {
            let last = mention.split_whitespace().next_back().unwrap_or("");
            if let Some(i) = self.by_surname(&fold(last)) {
                return self.speaker_of(i, Some(Method::Surname));
            }
        }
        // A handle ("@AOC"), or a party tag after a name ("Chuck Schumer, D-New York, said:").
        if let Some(handle) = mention.strip_prefix('@') {
            return match self.handle_owner(handle) {
                Some(i) => self.speaker_of(i, Some(Method::Surname)),
                None => Speaker::default(),
            };
        }
        if let Some(i) = self.tagged_person(mention, span.start) {
            return self.speaker_of(i, None);
        }
        let toks = tokenize(self.text, span, self.patterns);
        if toks.is_empty() {
            return Speaker::default();
        }
        // "a statement from Romney spokeswoman Amanda Henneberg", "a May 19 report from
        // Bloomberg": a document and its author; the author speaks. (The rules capture the
        // document; its author is read on from there.)
        if let Some(author) = document_author(&toks, self.text, span.end, self.patterns) {
            return self.resolve(author);
        }
        let first = toks[0].text.to_lowercase();
        let det = first == "the" || self.patterns.unnamed_determiners.contains(&first);
        // Capitalised words that could be a name (not a title, party, place or non-name).
        let name_like = |t: &Token| {
            t.is_capitalized()
                && !t.is_honorific(self.patterns)
                && t.lower_bits(self.patterns) & W_TITLE_CI == 0
                && !self.patterns.non_names.contains(t.text)
                && self.patterns.places.canonical(t.text).is_none()
        };
        let has_caps = toks.iter().skip(1).any(name_like);
        // "the New York businessman", "one district GOP leader", "a Clinton aide": capitalised
        // words before a lowercase title qualify the post; the phrase names no one.
        let ends_in_title = toks
            .last()
            .is_some_and(|t| !t.is_capitalized() && self.patterns.titles.contains(t.text));
        if det && (!has_caps || ends_in_title) {
            return self.resolve_nominal(&toks, first == "the");
        }
        // "Trump’s campaign manager", "Manafort’s lawyers": the person with that title, not
        // Trump.
        let ends_in_titles = toks.last().is_some_and(|t| {
            !t.is_capitalized()
                && t.text
                    .strip_suffix('s')
                    .is_some_and(|w| self.patterns.titles.contains(w))
        });
        if let Some(k) = toks.iter().position(|t| t.possessive) {
            if (ends_in_title || ends_in_titles)
                && k + 1 < toks.len()
                && !toks[k + 1..].iter().any(|t| t.is_capitalized())
            {
                return self.resolve_nominal(&toks[k..], true);
            }
        }
        // A name run (skipping a leading determiner).
        let rs = runs(&toks, self.patterns);
        let rs = self.without_affiliation_runs(&toks, rs);
        let chosen = chosen_run(self.text, &toks, &rs, self.patterns);
        // A lone capitalised title word that someone in the article carries as a surname ("Dean").
        if chosen.is_none() && rs.len() == 1 && rs[0].1 - rs[0].0 == 1 {
            let w = fold(toks[rs[0].0].text);
            if let Some(i) = self.by_surname(&w) {
                return self.speaker_of(i, Some(Method::Surname));
            }
        }
        let Some(&(s, e)) = chosen else {
            // A country as speaker ("Japan branded North Korea …").
            if let Some(&(s, e)) = rs.first() {
                let words: Vec<&str> = toks[s..e].iter().map(|t| t.text).collect();
                if self.patterns.places.canonical(&words.join(" ")).is_some() {
                    let parts = NameParts {
                        name: words,
                        is_org: true,
                        ..NameParts::default()
                    };
                    let i = self.org_entity(&parts);
                    return self.speaker_of(i, None);
                }
            }
            return self.resolve_nominal(&toks, first == "the");
        };
        let mut parts = parse_run(&toks, s, e, self.patterns);
        // "the JoongAng Ilbo newspaper": capitalised words before an organisation word.
        if det
            && toks
                .last()
                .is_some_and(|t| !t.is_capitalized() && self.patterns.org_words.contains(t.text))
        {
            parts.is_org = true;
        }
        if parts.is_org {
            let i = self.org_entity(&parts);
            return self.speaker_of(i, None);
        }
        self.resolve_person(&parts, span)
    }

    /// The person a party tag captured as a mention (at `start`) belongs to: the one named right
    /// before its comma ("Chuck Schumer, D-New York, said:").
    fn tagged_person(&self, mention: &str, start: usize) -> Option<usize> {
        if !super::scan::is_party_tag(mention) || !self.text[..start].ends_with(", ") {
            return None;
        }
        let before = start - ", ".len();
        let m = self.recent().iter().rev().find(|m| m.pos < before)?;
        // (The name runs right up to the comma.)
        let written = self.text.get(m.pos..before).is_some_and(|n| {
            !n.contains([',', '.', '\n', '“', '"']) && n.split(' ').count() <= NAME_WORDS
        });
        (!self.entities[m.entity].is_org && written).then_some(m.entity)
    }

    /// The one person of the article a Twitter handle names: its letters hold the person's
    /// family name ("JesseBWatters", "joniernst"), or are the initials of the whole name ("AOC":
    /// Alexandria Ocasio-Cortez).
    fn handle_owner(&self, handle: &str) -> Option<usize> {
        let h = handle.to_lowercase();
        let mut owners = (0..self.entities.len()).filter(|&i| {
            let e = &self.entities[i];
            let words: Vec<&str> = e
                .folded
                .split([' ', '-'])
                .filter(|w| !w.is_empty())
                .collect();
            let [_, .., last] = words[..] else {
                return false;
            };
            let initials: String = words.iter().filter_map(|w| w.chars().next()).collect();
            !e.is_org && (last.len() >= 4 && h.contains(last) || (h.len() >= 2 && h == initials))
        });
        let first = owners.next()?;
        owners.next().is_none().then_some(first)
    }

    /// The name runs of a mention without those that name an affiliation: a run after a
    /// preposition ("of the James Martin Center"), unless a person's name ends it after a post
    /// and its "of" ("Speaker of the House Paul Ryan": `Paul Ryan`).
    fn without_affiliation_runs(
        &self,
        toks: &[Token],
        rs: Vec<(usize, usize)>,
    ) -> Vec<(usize, usize)> {
        // Runs after a preposition ("of the James Martin Center") name an affiliation, unless a
        // person's name ends them: "Speaker of the House Paul Ryan", "Chairman of the Joint
        // Chiefs of Staff Gen. Martin Dempsey" (from an honorific or a given name on, to the end).
        // (A run right after a dropped one goes with it: "of the Capital Area Immigrants’ Rights
        // Coalition" is two runs, split at the possessive.)
        let mut dropped_end = None;
        rs.into_iter()
            .filter_map(|(s, e)| {
                let prev = |k: usize| s.checked_sub(k).map(|i| toks[i].text);
                let prep =
                    |w: Option<&str>| matches!(w, Some("of" | "for" | "at" | "from" | "with"));
                let follows_dropped = dropped_end == Some(s);
                dropped_end = None;
                if !(prep(prev(1)) || prev(1) == Some("the") && prep(prev(2)) || follows_dropped) {
                    return Some((s, e));
                }
                dropped_end = Some(e);
                // (Only after a capitalised post and its "of": not "a spokesman for Senate
                // Majority Leader Mitch McConnell".)
                let of_at = if prev(1) == Some("of") {
                    s.checked_sub(1)
                } else {
                    s.checked_sub(2)
                };
                let post_of = of_at.filter(|&o| toks[o].text == "of").is_some_and(|o| {
                    o > 0
                        && toks[o - 1].is_capitalized()
                        && toks[o - 1].lower_bits(self.patterns) & W_TITLE_CI != 0
                });
                if !post_of {
                    return None;
                }
                name_to_end(toks, s + 1, e, self.patterns).map(|j| (j, e))
            })
            .collect()
    }

    /// A person's name run (`parts`, from the mention at `span`) to its entity: a lone common word
    /// that opens its sentence is no one; a surname links to its full name.
    fn resolve_person(&mut self, parts: &NameParts, span: Span) -> Speaker {
        let single = parts.name.iter().filter(|w| !is_initial(w)).count() == 1;
        let name_span = parts.name_span.unwrap_or(span);
        // A lone capitalised word opening its sentence that the article also writes in lowercase
        // ("Pressure is building …", "Small groups of protesters …") is a common word, unless it
        // names someone the article knows.
        if single && parts.title.is_none() && parts.honorific.is_none() {
            let word = parts.name[0];
            let folded = fold(word);
            let opens_sentence = self.text
                [self.sentences[self.sentence_of(name_span.start)]..name_span.start]
                .chars()
                .all(|c| !c.is_alphanumeric());
            if opens_sentence
                && self.by_surname(&folded).is_none()
                && !self.by_name.contains_key(&folded)
                && !self.patterns.known_surnames.contains_key(word)
                && self.has_lowercase_word(&word.to_lowercase())
            {
                return Speaker::default();
            }
        }
        // The line end, if it is within reach of a title (`person_entity` looks no further): a
        // scan to the line's end for every mention would make one long line quadratic.
        let reach = floor_char_boundary(self.text, name_span.end + TITLE_REACH);
        let limit = memchr::memchr(b'\n', &self.text.as_bytes()[name_span.end..reach])
            .map_or(reach, |k| name_span.end + k);
        match self.person_entity(parts, name_span, limit, true) {
            Some(i) => {
                let linked = single && fold(&self.entities[i].name) != fold(&parts.name.join(" "));
                self.speaker_of(i, linked.then_some(Method::Surname))
            }
            None => Speaker::default(),
        }
    }

    pub(super) fn resolve_nominal(&mut self, toks: &[Token], definite: bool) -> Speaker {
        // After its determiner or owner ("the", "a", "Trump’s"); a capitalised post with its
        // "of" may come without one ("Secretary of State said:", "Speaker of the House").
        let lead = !(toks.len() >= 3
            && toks[1].text == "of"
            && toks[0].is_capitalized()
            && self.patterns.titles.contains(&toks[0].text.to_lowercase()));
        let words: Vec<&str> = toks
            .iter()
            .skip(usize::from(lead))
            .map(|t| t.text)
            .collect();
        let phrase = words.join(" ");
        // The post's words: the last, or a post of several that ends the phrase ("the former
        // secretary of state": `secretary of state`, not `state`).
        let head = (0..words.len().saturating_sub(1))
            .map(|k| words[k..].join(" ").to_lowercase())
            .find(|p| p.contains(" of ") && self.patterns.titles.contains(p))
            .unwrap_or_else(|| words.last().copied().unwrap_or("").to_lowercase());
        let head_singular = head
            .strip_suffix('s')
            .filter(|h| self.patterns.titles.contains(h))
            .unwrap_or(&head)
            .to_string();
        if definite && self.patterns.document_words.contains(&head) {
            return Speaker {
                name: format!("the {phrase}"),
                method: Some(Method::Nominal),
                ..Speaker::default()
            };
        }
        if let Some(s) = definite.then(|| self.acronym(&words)).flatten() {
            return s;
        }
        if definite {
            if self.patterns.org_words.contains(&head) {
                // "the ministry": the most recent organisation with that word in its name.
                for m in self.recent().iter().rev() {
                    let e = &self.entities[m.entity];
                    if e.is_org && e.folded.split(' ').any(|w| w == head) {
                        return self.speaker_of(m.entity, Some(Method::Nominal));
                    }
                }
                return Speaker {
                    name: format!("the {phrase}"),
                    method: Some(Method::Nominal),
                    ..Speaker::default()
                };
            }
            // "the president": the most recent person given that title; not "the senators", a
            // group.
            let plural = head_singular != head;
            if let Some(i) = (!plural)
                .then(|| self.titled_recently(&words, &phrase, &head_singular))
                .flatten()
            {
                return self.speaker_of(i, Some(Method::Nominal));
            }
            // (Not "Sanders's campaign manager": someone else than the person just named, whom
            // the article may never name; nor "the Daily Caller", a name: a capitalised head is a party's,
            // "the New York Democrat".)
            // (A capitalised post is a description too: "the former Marine General".)
            let lowercase_head = toks.last().is_some_and(|t| {
                !t.is_capitalized()
                    || super::describe::party_of(t.text, self.patterns).is_some()
                    || self.patterns.titles.contains(&t.text.to_lowercase())
                    // ("the Secretary of State": a post of several words written capitalised.)
                    || head.contains(' ') && self.patterns.titles.contains(&head)
            });
            // (Nor "the Japanese tanker's owner": someone of something else.)
            let owned = toks[..toks.len().saturating_sub(1)]
                .iter()
                .any(|t| t.possessive);
            let end = toks.last().map_or(0, |t| t.span.end);
            if let Some(i) = (lowercase_head && !owned)
                .then(|| self.nominal_antecedent(&words, end, &head, &head_singular))
                .flatten()
            {
                let mut s = self.speaker_of(i, Some(Method::Nominal));
                // A person the article gives no post is described by the description ("Tony
                // Blair has pledged … The prime minister told …").
                if s.title.is_empty() {
                    let d = super::describe(&phrase, "", self.patterns);
                    s.title = d.title;
                    s.status = d.status;
                    if s.affiliation.is_empty() {
                        s.affiliation = d.affiliation;
                    }
                    if s.party.is_empty() {
                        s.party = d.party;
                    }
                    let start = toks.get(1).map_or(0, |t| t.span.start);
                    s.title_span = (!s.title.is_empty()).then(|| Span::new(start, end));
                }
                return s;
            }
        }
        self.unnamed(&words, &phrase)
    }
}

impl SpeakerResolver<'_> {
    /// "the WTO said", "the IMF": an acronym alone that is no post names an organisation; one
    /// that is ("the CEO said") is an unnamed person's title, not an organisation.
    fn acronym(&self, words: &[&str]) -> Option<Speaker> {
        let [w] = words else {
            return None;
        };
        if !is_acronym(w) {
            return None;
        }
        let lower = w.to_lowercase();
        if self.patterns.titles.contains(&lower)
            || self.patterns.title_aliases.canonical(&lower).is_some()
        {
            return Some(Speaker {
                title: w.to_string(),
                method: Some(Method::Unnamed),
                ..Speaker::default()
            });
        }
        super::describe::party_of(w, self.patterns)
            .is_none()
            .then(|| Speaker {
                name: w.to_string(),
                ..Speaker::default()
            })
    }

    /// An unnamed source by the description `words` (`phrase`): "a Republican", "a former
    /// official": party and status words go to their columns; "a Fox News spokeswoman": the
    /// capitalised words before a lowercase post name its organisation, as they do before a name.
    fn unnamed(&self, words: &[&str], phrase: &str) -> Speaker {
        let (aff, post) = qualifier_and_post(words, self.patterns);
        let mut d = super::describe(&post, &aff, self.patterns);
        // (A post of several words the lexicon has whole is kept whole: "the Secretary of State".)
        if phrase.contains(" of ") && self.patterns.titles.contains(&phrase.to_lowercase()) {
            d.title = phrase.to_string();
            d.affiliation.clear();
        }
        Speaker {
            title: d.title,
            // (A country by its name, as after a name: "an Israeli official" is of Israel.)
            affiliation: self.patterns.place_or_written(d.affiliation),
            party: d.party,
            status: d.status,
            method: Some(Method::Unnamed),
            ..Speaker::default()
        }
    }
}

/// A description's words split around the capitalised words before its post: those name its
/// organisation ("Fox News" of "Fox News spokeswoman", "White House" of "senior White House
/// official"), as they do before a name; the words of rank before them stay with the post. All
/// of it is the post when no lowercase post follows them ("Senate Majority Leader", "senior
/// administration official").
fn qualifier_and_post(words: &[&str], patterns: &crate::pattern::PatternSet) -> (String, String) {
    let lower = |w: &str| w.starts_with(char::is_lowercase);
    let rank = words
        .iter()
        .take_while(|w| lower(w) && patterns.title_modifiers.contains(&w.to_lowercase()))
        .count();
    let k = rank
        + words[rank..]
            .iter()
            .position(|w| lower(w))
            .unwrap_or(words.len() - rank);
    let starts_post = words.get(k).is_some_and(|w| {
        let w = w.to_lowercase();
        patterns.titles.contains(&w) || patterns.title_modifiers.contains(&w)
    });
    // (Not an acronym that names no organisation: "a PR expert", "a TV journalist".)
    let qualifier = words[rank..k].join(" ");
    if k > rank && starts_post && !patterns.non_organisation_acronyms.contains(&qualifier) {
        let post: Vec<&str> = words[..rank].iter().chain(&words[k..]).copied().collect();
        (qualifier, post.join(" "))
    } else {
        (String::new(), words.join(" "))
    }
}

/// Whether `w` is an acronym: two to seven capitals (and `&`): "WTO", "AT&T", "CEO".
fn is_acronym(w: &str) -> bool {
    (2..=7).contains(&w.len()) && w.chars().all(|c| c.is_ascii_uppercase() || c == '&')
}

/// The run of a mention's name runs `rs` that says who speaks: the last that names a person
/// ("White House press secretary Josh Earnest"), else the first that names anything. An
/// untitled name after a lowercase word of an organisation's kind names it ("Andrew J. Pincus of
/// the law firm Mayer Brown"): another person's name of two words or more goes first.
fn chosen_run<'r>(
    text: &str,
    toks: &[Token],
    rs: &'r [(usize, usize)],
    patterns: &crate::pattern::PatternSet,
) -> Option<&'r (usize, usize)> {
    // (named, a person, an organisation by the word before it), each run parsed once.
    let read: Vec<(bool, bool, bool)> = rs
        .iter()
        .map(|&(s, e)| {
            let p = parse_run(toks, s, e, patterns);
            let named = p.name_span.is_some();
            let by_kind = p.title.is_none()
                && super::scan::after_its_kind(&text[..toks[s].span.start], patterns);
            (named, named && !p.is_org, by_kind)
        })
        .collect();
    let any_by_kind = read.iter().any(|r| r.2);
    let last_person = |skip_by_kind: bool| {
        (0..rs.len())
            .rev()
            .find(|&k| read[k].1 && !(skip_by_kind && read[k].2))
    };
    last_person(true)
        .filter(|&k| rs[k].1 - rs[k].0 >= 2 || !any_by_kind)
        .or_else(|| last_person(false))
        .or_else(|| read.iter().position(|r| r.0))
        .map(|k| &rs[k])
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 5000,
            ..proptest::prelude::ProptestConfig::default()
        })]

        /// The set of word runs answers as the scan of the whole text does.
        #[test]
        fn word_runs_answer_as_the_scan(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "pressure", "Pressure", "press", "is", "é", "pressé", " ", ",", "-", "'", "’",
                "1", "\n", "\u{a0}", "Ωmega", "ωmega",
            ]), 0..30),
            word in proptest::sample::select(vec![
                "pressure", "press", "is", "pressé", "é", "ωmega", "1", "pressure1",
            ]),
        ) {
            let text: String = parts.concat();
            proptest::prop_assert_eq!(
                word_runs(&text).contains(word),
                has_lowercase_word(&text, word),
                "{:?} in {:?}", word, text
            );
        }
    }
}
