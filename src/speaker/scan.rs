//! Scanning an article for the people and organisations it names, before any mention is
//! resolved: [`SpeakerResolver::new`] finds every name run outside quotes, makes or finds its
//! entity, and notes each mention (its sentence, whether it is the subject, whether a reporting
//! verb follows); an entity's title and affiliation come from wherever the article gives them.
//!
//! In: the text, its paragraphs, quotes and sentence starts. Out: the resolver's entities and
//! mentions, in text order.

use super::fold::{fold, fold_words};
use super::name::{given_name_gender, parse_run, runs, NameParts};
use super::reporting::{after_reporting_verb, reports, takes_an_object};
use super::NAMES_AT_START;
use super::{is_initial, Entity, MentionAt, SpeakerResolver};
use crate::pattern::lexicon::{FastMap, FastSet, W_TITLE_CI, W_TITLE_MODIFIER_CI};
use crate::pattern::PatternSet;
use crate::quote::Quote;
use crate::segment::{Paragraph, Span};
use crate::token::{tokenize_outside_quotes, Token};

/// A headline is shorter than this; a longer line in title case is text.
const MAX_HEADLINE_BYTES: usize = 300;

/// Whether `rest` (the text right after a name) opens with an age between commas: `, 18,`.
/// The word right before token `s`, with only spaces between.
fn word_before<'t>(text: &str, toks: &[Token<'t>], s: usize) -> Option<&'t str> {
    let t = &toks[s.checked_sub(1)?];
    text[t.span.end..toks[s].span.start]
        .trim()
        .is_empty()
        .then_some(t.text)
}

/// Whether `w` is an article ("the Houthi claim": a lone word after one modifies a noun).
fn is_article(w: &str) -> bool {
    matches!(w, "the" | "a" | "an")
}

pub(super) fn is_age_apposition(rest: &str) -> bool {
    let Some(r) = rest.strip_prefix(", ") else {
        return false;
    };
    let digits = r.bytes().take_while(u8::is_ascii_digit).count();
    (1..=3).contains(&digits) && r[digits..].starts_with(',')
}

/// Whether `w` is a party-and-state tag: `R-Utah`, `D-Calif.`, `I-Vt`.
pub(super) fn is_party_tag(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() >= 3 && matches!(b[0], b'R' | b'D' | b'I') && b[1] == b'-' && b[2].is_ascii_uppercase()
}

/// Whether `line` is a headline in title case: short, and every word of four letters or more
/// capitalised ("Obama Sees 'Personal Insult' if Blacks Don't Rally for Hillary Clinton.").
pub(super) fn is_title_case_headline(line: &str) -> bool {
    if line.len() > MAX_HEADLINE_BYTES {
        return false;
    }
    let mut long_words = 0;
    for w in line.split_whitespace() {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        if w.len() < 4 || w.chars().count() < 4 || !w.chars().all(char::is_alphabetic) {
            continue;
        }
        if !w.starts_with(char::is_uppercase) {
            return false;
        }
        long_words += 1;
    }
    long_words >= 3
}

/// Whether `start..end`, at the start of a paragraph, is a dateline: words in capitals followed by
/// a dash, a comma or a parenthesis ("MIDWAY ATOLL —", "SEOUL, South Korea —").
pub(super) fn is_dateline(text: &str, para_start: usize, start: usize, end: usize) -> bool {
    if !text[para_start..start].trim().is_empty() {
        return false;
    }
    let all_caps = text[start..end].split_whitespace().all(|w| {
        w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !w.chars().any(char::is_lowercase)
    });
    let rest = text[end..].trim_start_matches([' ', '\u{a0}']);
    all_caps && rest.starts_with(['—', '–', '-', ',', '('])
}

/// Whether the run ending at token `e` qualifies a title before another name ("Obama consultant
/// Cornell Belcher"): lowercase title words, then a capitalised word, all joined by spaces.
fn qualifies_a_title(toks: &[Token], e: usize, patterns: &PatternSet) -> bool {
    let mut j = e;
    while j < toks.len()
        && toks[j - 1].joined_to_next
        && !toks[j].is_capitalized()
        && toks[j].lower_bits(patterns) & (W_TITLE_CI | W_TITLE_MODIFIER_CI) != 0
    {
        j += 1;
    }
    j > e && j < toks.len() && toks[j - 1].joined_to_next && toks[j].is_capitalized()
}

/// Whether the name ending at token `e` (starting at byte `at`) stands aside from the sentence's
/// subject: it qualifies a title before another name ("Obama consultant Cornell Belcher"), or it
/// is a town's state ("in Salem, New Hampshire, Trump went after Bush").
fn qualifier_or_region(
    text: &str,
    toks: &[Token],
    e: usize,
    at: usize,
    patterns: &PatternSet,
) -> bool {
    qualifies_a_title(toks, e, patterns) || patterns.is_town_region(text, at)
}

/// Whether a name run (`parts`, from token `s`) surely names a person, even a lone capitalised
/// word: it reports something (`reporter`), unless it follows an article and so modifies a noun
/// ("the Houthi claim of responsibility"; a word of its own, not the "a" of a garbled "PeÃ±a
/// Nieto"); or it has a title before it ("Mayor Ortiz"); or a courtesy honorific ("Ms. Watkins
/// took to Twitter … she tweeted"; `lexicon/honorifics-of-address.txt`: not "Lord Ram", "Miss
/// Universe", "Mother Jones").
fn names_a_person(
    text: &str,
    toks: &[Token],
    s: usize,
    parts: &mut NameParts,
    reporter: bool,
    before: Option<&str>,
    patterns: &PatternSet,
) -> bool {
    let modifier = parts.name.len() == 1
        && before.is_some_and(is_article)
        && text[..toks[s - 1].span.start].ends_with(|c: char| c.is_whitespace());
    let courtesy = parts.honorific.as_deref().is_some_and(|h| {
        patterns
            .honorifics_of_address
            .contains(h.trim_end_matches('.'))
    });
    // "Trump's wife, Melania, is scheduled": a given name in apposition to a tie, which says
    // the gender too.
    let relative = parts.name.len() == 1
        && s > 0
        && patterns.is_given_name(parts.name[0])
        && patterns.relations.contains(toks[s - 1].text)
        && text[toks[s - 1].span.end..toks[s].span.start].trim() == ",";
    if relative && parts.gender.is_none() {
        parts.gender = given_name_gender(parts.name[0], patterns);
    }
    (reporter && !modifier) || parts.title.is_some() || courtesy || relative
}

/// In a headline in title case, only a given name and the word after it are a name: `parts` cut
/// to them, and their span; `None` when the run does not start with a given name.
fn headline_name(
    text: &str,
    parts: &mut NameParts,
    span: Span,
    patterns: &PatternSet,
) -> Option<Span> {
    let given = parts.name.first().map_or(0, |w| w.len());
    let k = parts.name.iter().skip(1).position(|w| !is_initial(w))?;
    if parts.is_org || !patterns.is_given_name(parts.name[0]) {
        return None;
    }
    parts.name.truncate(k + 2);
    let last = parts.name.last().copied().unwrap_or("");
    let from = span.start + given;
    let end = text[from..span.end].find(last)?;
    let span = Span::new(span.start, from + end + last.len());
    parts.name_span = Some(span);
    Some(span)
}

impl<'a> SpeakerResolver<'a> {
    /// Scans the article for people and organisations.
    pub fn new(
        text: &'a str,
        paragraphs: &[Paragraph],
        quotes: &[Quote],
        sentences: Vec<usize>,
        patterns: &'a PatternSet,
    ) -> SpeakerResolver<'a> {
        let mut r = SpeakerResolver {
            text,
            patterns,
            entities: Vec::new(),
            // Room for the names of a typical article, without growing the tables on the way.
            by_name: FastMap::with_capacity_and_hasher(NAMES_AT_START, Default::default()),
            by_word: FastMap::with_capacity_and_hasher(NAMES_AT_START, Default::default()),
            key_ids: FastMap::with_capacity_and_hasher(NAMES_AT_START, Default::default()),
            people_by_key: Vec::new(),
            held_title_ends: FastSet::default(),
            mentions: Vec::new(),
            sentences,
            cursor: usize::MAX,
            spoke: Vec::new(),
            word_runs: None,
        };
        // Names are looked for outside quotes.
        let inner: Vec<Span> = quotes.iter().map(|q| q.inner).collect();
        let mut qi = 0;
        // One token buffer for every paragraph.
        let mut toks = Vec::new();
        for para in paragraphs {
            // A headline or subhead in title case capitalises every word ("Obama Sees 'Personal
            // Insult'"): only a given name and the word after it are taken for a name there.
            let headline = is_title_case_headline(para.span.slice(text));
            tokenize_outside_quotes(text, para.span, patterns, &inner, &mut qi, &mut toks);
            let mut last_sentence = usize::MAX;
            for (s, e) in runs(&toks, patterns) {
                // A parenthetical tag ("(R-Utah)", "(AP)") is not a name, nor is a party-and-state
                // tag between commas ("Jason Chaffetz, R-Utah, said").
                if text[..toks[s].span.start].ends_with('(')
                    || (e - s == 1 && is_party_tag(toks[s].text))
                {
                    continue;
                }
                // Nor is a dateline ("MIDWAY ATOLL —", "WASHINGTON (Reuters) -").
                if is_dateline(
                    text,
                    para.span.start,
                    toks[s].span.start,
                    toks[e - 1].span.end,
                ) {
                    continue;
                }
                let mut parts = parse_run(&toks, s, e, patterns);
                let Some(mut span) = parts.name_span else {
                    continue;
                };
                if headline {
                    let Some(s) = headline_name(text, &mut parts, span, patterns) else {
                        continue;
                    };
                    span = s;
                }
                let sentence = r.sentence_of(span.start);
                // The word before the name: after "in", "at", … a name is a place or an
                // institution ("in El Paso", "at Harvard"), and after any preposition it is not
                // the sentence's subject.
                let before = word_before(text, &toks, s);
                // "…,” said Alan Abramowitz, a demographer": a name right after its reporting
                // verb, or after "according to", reports too.
                // ("told X" and "asked X" name the listener.)
                let inverted = parts.name.len() >= 2
                    && !parts.possessive
                    && before.is_some_and(|w| after_reporting_verb(w, &toks[..s]));
                let locative = before.is_some_and(|w| patterns.locative_prepositions.contains(w));
                let after_preposition =
                    locative || before.is_some_and(|w| takes_an_object(w, &toks[..s], patterns));
                // A reporting verb right after the name, in the same clause ("Yun said", "Yun
                // also said", "the JoongAng Ilbo newspaper said"), not one with another subject
                // in between ("Sanders aides argue") nor one after a quote or a sentence end, nor
                // a possessive's ("Neal’s claim", "Trump’s continued appeal"; but "Moody’s said").
                let reporter = (!parts.possessive || parts.is_org)
                    && reports(text, &toks, s, e, after_preposition, patterns);
                if locative && !parts.is_org && !parts.possessive && parts.title.is_none() {
                    continue;
                }
                parts.is_org |= parts.title.is_none()
                    && parts.honorific.is_none()
                    && !looks_like_a_person(&parts.name, patterns)
                    && after_its_kind(&text[..span.start], patterns);
                let entity = if parts.is_org {
                    Some(r.org_entity(&parts))
                } else {
                    let p = names_a_person(text, &toks, s, &mut parts, reporter, before, patterns);
                    r.person_entity(&parts, span, para.span.end, p)
                };
                // A name qualifying a title, or a town's state, is not the sentence's subject.
                let aside = qualifier_or_region(text, &toks, e, span.start, patterns);
                if let Some(entity) = entity {
                    // "Franson Reneus, 18, from Lee County": an age says it is a person.
                    if !parts.is_org && is_age_apposition(&text[toks[e - 1].span.end..]) {
                        r.entities[entity].aged = true;
                    }
                    let subject = sentence != last_sentence
                        && !parts.possessive
                        && !after_preposition
                        && !aside;
                    if !after_preposition && !aside {
                        last_sentence = sentence;
                    }
                    let bare = parts.name.len() == 1;
                    r.mentions.push(MentionAt {
                        pos: span.start,
                        entity,
                        subject,
                        possessive: parts.possessive,
                        bare,
                        reporter: reporter || inverted,
                    });
                }
            }
        }
        r.describe_from_sentence_subjects();
        r.describe_from_plural_posts();
        r
    }

    pub(super) fn org_entity(&mut self, parts: &NameParts) -> usize {
        let name = parts.name.join(" ");
        let folded = fold(&name);
        if let Some(&i) = self.by_name.get(&folded) {
            return i;
        }
        self.entities.push(Entity {
            name,
            folded: folded.clone(),
            key: u32::MAX,
            is_org: true,
            gender: None,
            aged: false,
            ..Entity::default()
        });
        let i = self.entities.len() - 1;
        self.by_name.insert(folded, i);
        i
    }

    /// Makes person `i` findable by its folded full name and by each word of `display`.
    pub(super) fn index_person(&mut self, i: usize, display: &str, folded: String) {
        self.by_name.insert(folded, i);
        for w in display.split(' ') {
            self.by_word.insert(fold(w), i);
        }
    }

    /// Links a person's name run to an entity, creating it for a full name (or when `create`).
    /// Titles written around this mention fill in the entity's title if it has none yet.
    /// "Senator Paul" in an article of Senator Rand Paul and of his father, former Congressman Ron
    /// Paul: of the people with this family name, the one whose post the honorific is.
    ///
    /// Only the people of that family name are looked at (`people_by_key`): a scan of every
    /// person for every such mention was quadratic on huge one-line inputs.
    fn by_surname_and_post(&self, folded_word: &str, honorific: Option<&str>) -> Option<usize> {
        let post = super::describe::canonical_title(honorific?, self.patterns);
        let key = *self.key_ids.get(folded_word)?;
        let mut holders = self.people_by_key[key as usize]
            .iter()
            .copied()
            .filter(|&i| {
                let e = &self.entities[i];
                !e.post.is_past()
                    && super::describe::canonical_title(&e.post.title, self.patterns) == post
            });
        let first = holders.next()?;
        // (Two holders: the surname alone decides, as before.)
        holders.next().is_none().then_some(first)
    }

    /// The person a name of the article is already known as: a bare surname (also one that
    /// names an organisation, "the Clinton campaign"), with its post ("Mayor Ortiz"), the same
    /// full name, or a family name with its particle ("De Blasio").
    fn known_person(&self, words: &[&str], folded: &str, parts: &NameParts) -> Option<usize> {
        // A bare surname that also names an organisation ("the Clinton campaign") is the person
        // when the article has one of that name.
        let org_named = self
            .by_name
            .get(folded)
            .is_some_and(|&i| self.entities[i].is_org);
        if let Some(i) = (words.len() == 1 && org_named)
            .then(|| self.by_surname(folded))
            .flatten()
        {
            Some(i)
        } else if let Some(i) = (words.len() == 1)
            .then(|| {
                let post = parts.honorific.as_deref().or(parts.title.as_deref());
                self.by_surname_and_post(folded, post)
            })
            .flatten()
        {
            Some(i)
        } else if let Some(&i) = self.by_name.get(folded) {
            Some(i)
        } else if words.len() == 1 {
            self.by_surname(folded)
        } else if words.len() == 2
            && self
                .patterns
                .name_particles
                .contains(&words[0].to_lowercase())
        {
            // "De Blasio says": a family name with its particle is the surname of "Bill de
            // Blasio".
            self.by_surname(&fold(words[1]))
        } else {
            None
        }
    }

    pub(super) fn person_entity(
        &mut self,
        parts: &NameParts,
        span: Span,
        limit: usize,
        create: bool,
    ) -> Option<usize> {
        let words: Vec<&str> = parts
            .name
            .iter()
            .copied()
            .filter(|w| !is_initial(w))
            .collect();
        if words.is_empty() {
            return None;
        }
        let folded = fold_words(&words);
        let found = self.known_person(&words, &folded, parts);
        // A bare surname nobody in the article carries: a well-known person, if the gazetteer
        // knows exactly one (`Trump` → `Donald Trump`).
        let known = if found.is_none() && words.len() == 1 {
            self.patterns.known_surnames.get(words[0]).cloned()
        } else {
            None
        };
        // (Without a gazetteer name, `folded` was looked up above already.)
        let (found, folded) = match &known {
            Some(full) => {
                let folded = fold(full);
                (found.or_else(|| self.by_name.get(&folded).copied()), folded)
            }
            None => (found, folded),
        };
        // A full name whose family name the article used alone before ("Mayor Ortiz spoke. …
        // Pia Ortiz said"): that person, now with the full name.
        let found = found.or_else(|| {
            // (Two words, or a given name first: not "Defiant Matt Williams".)
            if words.len() < 2
                || known.is_some()
                || words.len() > 2 && !self.patterns.is_given_name(words[0])
            {
                return None;
            }
            let key = self.family_key(&words);
            let &i = self.by_name.get(&key)?;
            let e = &self.entities[i];
            (!e.is_org && e.folded == key).then_some(i)
        });
        if let Some(i) = found {
            if words.len() >= 2 && self.entities[i].folded.split(' ').count() == 1 {
                let display = parts.name.join(" ");
                self.entities[i].folded = folded.clone();
                self.index_person(i, &display, folded.clone());
                self.entities[i].name = display;
            }
        }
        let i = match found {
            Some(i) => i,
            None if words.len() >= 2 || create || known.is_some() => {
                let display = match &known {
                    Some(full) => full.clone(),
                    None => parts.name.join(" "),
                };
                let full_words: Vec<&str> = display.split(' ').collect();
                let words: &[&str] = if known.is_some() { &full_words } else { &words };
                let key = self.family_key(words);
                let next = self.key_ids.len() as u32;
                let key = *self.key_ids.entry(key).or_insert(next);
                self.entities.push(Entity {
                    name: display.clone(),
                    folded: folded.clone(),
                    key,
                    is_org: false,
                    gender: None,
                    aged: false,
                    ..Entity::default()
                });
                let i = self.entities.len() - 1;
                if self.people_by_key.len() <= key as usize {
                    self.people_by_key.resize(key as usize + 1, Vec::new());
                }
                self.people_by_key[key as usize].push(i);
                self.index_person(i, &display, folded);
                i
            }
            None => return None,
        };
        if !self.entities[i].is_org {
            self.describe_person(i, parts, span, limit);
        }
        Some(i)
    }

    /// Fills in what person `i` lacks from this mention of it (`parts`, at `span`, in a line
    /// ending at `limit`): a gender from an honorific or a given name, a title and affiliation
    /// written before the name, in an appositive or relative clause around it, or an honorific
    /// that is also a post ("Sen.").
    fn describe_person(&mut self, i: usize, parts: &NameParts, span: Span, limit: usize) {
        let e = &mut self.entities[i];
        if e.gender.is_none() {
            let mut words = e.name.split(' ');
            let given = words.next().unwrap_or("");
            let has_family = words.next().is_some();
            e.gender = parts.gender.or(if has_family {
                given_name_gender(given, self.patterns)
            } else {
                None
            });
        }
        let (text, patterns) = (self.text, self.patterns);
        let (said, party, state) =
            super::described::mention_descriptions(text, parts, span, limit, patterns);
        let e = &mut self.entities[i];
        if e.home_state.is_none() {
            e.home_state = state.clone();
        }
        // A party tag ("I-Vt.") is the member's party; a party word before a candidacy
        // ("Democratic presidential candidate") may name the primary run in: the tag wins.
        if let Some(p) = party.filter(|_| e.post.party.is_empty() || state.is_some()) {
            e.post.party = p;
        }
        let mut new_titles: Vec<String> = Vec::new();
        for super::described::Said {
            description: d,
            at,
            honorific,
            group,
        } in said
        {
            // The title's offsets cover the title as kept ("anchor" of "News anchor", "Governor"
            // of "then-Governor"), when it is written whole inside what was read.
            let at = at.map(|a| narrow(text, a, &d.title));
            if !d.title.is_empty() && !e.posts.contains(&d) {
                new_titles.push(d.title.clone());
                e.posts.push(d.clone());
            }
            if d.title.is_empty() {
                // An organisation alone ("a lawyer for …" without its noun) fills the gap.
                // (Not one held then, "As a Navy veteran, Moss", unless a place: "former Rep. Pat
                // Schroeder of Colorado".)
                let place = patterns.names_a_place(&d.affiliation);
                // (Or a person with no post at all, "Philip Wegmann of the Washington Examiner".)
                if e.post.affiliation.is_empty()
                    && (!e.post.title.is_empty() || (e.posts.is_empty() && !place))
                    && (!d.is_past() || place)
                {
                    e.post.affiliation = d.affiliation;
                }
                continue;
            }
            // (A group's post, "one of the bill's architects", weighs as a tie does.)
            let relation = d.is_relation(patterns) || group;
            // "former Massachusetts Governor Deval Patrick … Governor Patrick said": the same post
            // later without its status is a courtesy or a short form, not a post held again.
            let head = |t: &str| t.rsplit(' ').next().unwrap_or("").to_lowercase();
            let same_post = head(&e.post.title) == head(&d.title);
            let better = e.post.title.is_empty()
                || ((e.post.is_relation(patterns) || e.post_from_group) && !relation)
                || (e.post.is_past() && !d.is_past() && !relation && !same_post)
                || (e.post_from_honorific && !honorific && !relation && d.status == e.post.status)
                // The more specific of two posts held now: one with its organisation ("White
                // House health advisor Dr. Anthony Fauci … the director of the National Institute
                // of Allergy and Infectious Diseases").
                || (e.post.affiliation.is_empty()
                    && !d.affiliation.is_empty()
                    && clean_title(&d.title, patterns)
                    && !patterns.weekdays.contains(&d.affiliation.to_lowercase())
                    && !patterns.names_a_place(&d.affiliation)
                    && !relation
                    && !same_post
                    && d.status == e.post.status)
                // A formal post with its organisation ("the director of the National Institute
                // of Allergy and Infectious Diseases") over an occupation in a field ("White
                // House health advisor").
                || (in_a_field(&e.post.title, patterns)
                    && !in_a_field(&d.title, patterns)
                    && !d.affiliation.is_empty()
                    && clean_title(&d.title, patterns)
                    && !patterns.names_a_place(&d.affiliation)
                    && !relation
                    && !same_post
                    && d.status == e.post.status);
            if better {
                let party = std::mem::take(&mut e.post.party);
                // (Not a tie's: "Trump ally Lindsey Graham … Sen. Graham" is no senator of Trump.)
                let keep_aff = honorific
                    && d.affiliation.is_empty()
                    && !(e.post.is_relation(patterns) || e.post_from_group);
                let aff = std::mem::take(&mut e.post.affiliation);
                e.post = d;
                if e.post.party.is_empty() {
                    e.post.party = party;
                }
                if keep_aff {
                    e.post.affiliation = aff;
                }
                e.title_span = at;
                e.post_from_honorific = honorific;
                e.post_from_group = group;
            } else if e.post.affiliation.is_empty()
                && !d.affiliation.is_empty()
                && (same_post || patterns.names_a_place(&d.affiliation) && !d.is_past())
            {
                // (Another writing of the same post lends its organisation, any post held now its
                // country or state; "As a Navy veteran, Buttigieg" gives the presidential
                // candidate no "Navy", and "Pence, who was an Indiana congressman at the time"
                // gives the Vice President no "Indiana".)
                e.post.affiliation = d.affiliation;
            }
        }
        for title in new_titles {
            self.record_held_post(&title);
        }
    }

    /// Gives person `i`, who has no post of their own, the post `d` written at `at`, keeping a
    /// party the article gave them elsewhere.
    pub(super) fn give_post(&mut self, i: usize, d: super::describe::Description, at: Span) {
        let title = d.title.clone();
        let e = &mut self.entities[i];
        let party = std::mem::take(&mut e.post.party);
        e.posts.push(d.clone());
        e.post = d;
        if e.post.party.is_empty() {
            e.post.party = party;
        }
        e.title_span = Some(at);
        self.record_held_post(&title);
    }

    /// Records that someone in the article holds `title`: every word-final part of it,
    /// canonical, for `sole_holder` ("deputy prime minister" holds "prime minister" and
    /// "minister", "vice-president" holds "president").
    pub(super) fn record_held_post(&mut self, title: &str) {
        let t = super::describe::canonical_title(title, self.patterns);
        for (k, c) in t.char_indices() {
            if k == 0 || matches!(c, ' ' | '-') {
                let from = if k == 0 { 0 } else { k + 1 };
                self.held_title_ends.insert(t[from..].to_string());
            }
        }
    }
}

/// Whether a name reads as a person's whatever comes before it: a given name first ("during the
/// campaign Mitt Romney"), or a well-known surname alone ("the campaign Romney is now").
fn looks_like_a_person(name: &[&str], patterns: &PatternSet) -> bool {
    let first = name.first().copied().unwrap_or("");
    patterns.is_given_name(first)
        || (name.len() == 1 && patterns.known_surnames.contains_key(first))
}

/// Whether `lead` (the text before a name) ends with a lowercase word of the kind of an
/// organisation, of one or two words ("the think tank Chatham House", "the website Breitbart"):
/// the name is that organisation's.
pub(super) fn after_its_kind(lead: &str, patterns: &PatternSet) -> bool {
    let Some(lead) = lead.strip_suffix(' ') else {
        return false;
    };
    let mut words = lead.rsplit([' ', '\n']);
    let Some(last) = words.next().filter(|w| w.starts_with(char::is_lowercase)) else {
        return false;
    };
    let last = last.trim_start_matches(|c: char| !c.is_alphanumeric());
    let before = words.next().map(|w| w.rsplit('-').next().unwrap_or(w));
    super::is_organisation_kind(patterns, before, last, None)
}

/// Whether `title` is a post and nothing more: at most [`MAX_CLEAN_TITLE_WORDS`] words, the last
/// a title word ("director", "senior commander"; not "Secretary of State Mike Pompeo and a
/// string", "wrote to a Port Authority executive").
fn clean_title(title: &str, patterns: &PatternSet) -> bool {
    let words: Vec<&str> = title.split_whitespace().collect();
    words.len() <= MAX_CLEAN_TITLE_WORDS
        && words
            .last()
            .is_some_and(|w| patterns.titles.contains_ci(&w.to_lowercase()))
}

/// Whether `title` names an occupation in a field: a lowercase word before its last that is no
/// word of a post ("health advisor", "economics professor"; not "press secretary", "deputy
/// director").
fn in_a_field(title: &str, patterns: &PatternSet) -> bool {
    let words: Vec<&str> = title.split_whitespace().collect();
    words.len() == 2
        && super::post_words::is_field_word(words[0], patterns)
        && !patterns.titles.contains_ci(words[0])
        && !patterns.title_modifiers.contains_ci(words[0])
        && !patterns.titles.contains_ci(title)
}

/// The most words of a title that may replace a post without an organisation ([`clean_title`]).
const MAX_CLEAN_TITLE_WORDS: usize = 3;

/// The span of `title` inside `span` of `text`, when it is written there whole; else `span`.
fn narrow(text: &str, span: Span, title: &str) -> Span {
    let written = &text[span.start..span.end];
    match written.rfind(title) {
        Some(i) if !title.is_empty() => Span::new(span.start + i, span.start + i + title.len()),
        _ => span,
    }
}
