//! Stage 5, **resolve**: a speaker mention → a [`Speaker`] with full name, title and affiliation.
//!
//! In: the article text, its paragraphs, quotes and sentence starts, and then one mention at a
//! time (the span an attribution rule captured). Out: a [`Speaker`]: the full name as the article
//! introduced it, the title and affiliation given wherever the article introduced the person, and
//! the method that found it (`pronoun`, `surname`, `nominal`, `unnamed`, or the rule's own).
//!
//! [`SpeakerResolver::new`] scans the article once for name runs outside quotes and builds its
//! entities: people (with gender from honorifics, given names and the pronouns later resolved to
//! them) and organisations. Mentions are then resolved in text order:
//! * a full name links to the entity with the same name (case, accents, hyphens and initials
//!   folded: `Kim Jong Un` = `Kim Jong-un`);
//! * a surname links to the most recent person with that family name (`Yun` → `Joseph Yun`;
//!   family names written first, `Kim Jong Un`, come from `family-name-first.txt`);
//! * a pronoun goes back sentence by sentence: first the speakers quoted there, then the subject,
//!   skipping people of the wrong gender (`he`/`she`) or kind (`it` → an organisation);
//! * `the president` links to the most recent person with that title; `a senior official` is an
//!   unnamed source: no name, title `senior official`.

mod antecedent;
mod connector;
mod describe;
mod described;
mod fold;
mod introduced;
pub mod name;
mod nominal;
mod plural;
mod post_words;
mod pronoun;
mod reporting;
mod resolve;
mod scan;
mod status;
mod subject;
pub mod title;

pub use describe::{describe, describes_the_person, is_relation, party_of, party_tag, Description};
pub use fold::{base_letters, fold, without_accents};

use crate::pattern::lexicon::{FastMap, FastSet};
use crate::pattern::{Method, PatternSet};
use crate::segment::Span;
use name::Gender;

/// How many names (and name words) the resolver's tables hold before they first grow.
const NAMES_AT_START: usize = 32;

/// How many earlier mentions a surname, nominal or pronoun looks back through.
const LOOKBACK: usize = 400;
/// How many bytes around a name a title or appositive may take.
const TITLE_REACH: usize = 600;

/// The largest char boundary of `s` at or below `i`.
fn floor_char_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Who said a quote.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Speaker {
    /// Full name as introduced in the article; empty for an unnamed source.
    pub name: String,
    /// Title ("adjunct senior fellow"); may be empty.
    pub title: String,
    /// Affiliation ("Center for a New American Security"); may be empty.
    pub affiliation: String,
    /// Party ("Republican"); may be empty.
    pub party: String,
    /// The post's status (`former`, `then`, `acting`, …); empty for a serving post.
    pub status: String,
    /// How the name was found: `pronoun`, `surname`, `nominal`, `unnamed`, or empty when the
    /// rule's mention was the name itself.
    pub method: Option<Method>,
    /// Where the title was given, if anywhere.
    pub title_span: Option<Span>,
    /// The entity index, for continuation and pronouns.
    pub entity: Option<usize>,
}

#[derive(Clone, Debug, Default)]
struct Entity {
    name: String,
    folded: String,
    /// The family name, folded, as an index into `SpeakerResolver::key_ids` (people only).
    key: u32,
    is_org: bool,
    gender: Option<Gender>,
    /// Written with an age ("Franson Reneus, 18,"): a person, whatever the name.
    aged: bool,
    /// The post the article gives this person: the best of `posts` (a serving post before a past
    /// one, a title before an honorific), and the party wherever the article gives it.
    post: Description,
    /// Where `post`'s title is written.
    title_span: Option<Span>,
    /// `post` is only an honorific that is also a post ("Sen.").
    post_from_honorific: bool,
    /// `post` is a group's ("one of the bill's architects"): any other post wins over it.
    post_from_group: bool,
    /// Every post the article gives this person, in text order.
    posts: Vec<Description>,
    /// The state a party tag gives ("(R-Ohio)": `Ohio`), which a post's constituency may not
    /// show ("House Speaker John Boehner (R-Ohio)").
    home_state: Option<String>,
}

#[derive(Clone, Copy, Debug)]
struct MentionAt {
    pos: usize,
    entity: usize,
    subject: bool,
    possessive: bool,
    /// The mention was a bare surname.
    bare: bool,
    /// A reporting verb follows the mention ("Yun said", "the newspaper warned").
    reporter: bool,
}

/// Resolves mentions to speakers within one article.
pub struct SpeakerResolver<'a> {
    text: &'a str,
    patterns: &'a PatternSet,
    entities: Vec<Entity>,
    by_name: FastMap<String, usize>,
    /// For each folded word of a person's name, the last person (entity index) whose name has it:
    /// the surname fallback of [`SpeakerResolver::by_surname`] without a scan of every entity.
    by_word: FastMap<String, usize>,
    /// The folded family names of people, numbered.
    key_ids: FastMap<String, u32>,
    /// For each family name's number (`key_ids`), the people who have it, in the order they
    /// were met: the people a surname may mean, without a scan of every entity.
    people_by_key: Vec<Vec<usize>>,
    /// Every ending, at a word's start, of the posts people hold in the article, canonical: what
    /// [`SpeakerResolver::sole_holder`] asks of every person, kept as they are read.
    held_title_ends: FastSet<String>,
    mentions: Vec<MentionAt>,
    sentences: Vec<usize>,
    /// Only mentions before this offset count (the mention being resolved).
    cursor: usize,
    /// (sentence index, position, entity) of every quote resolved so far, in order.
    spoke: Vec<(usize, usize, usize)>,
    /// Every run of word bytes in the text, made on first use by
    /// [`SpeakerResolver::has_lowercase_word`].
    word_runs: Option<FastSet<&'a str>>,
}

impl<'a> SpeakerResolver<'a> {
    fn sentence_of(&self, pos: usize) -> usize {
        self.sentences
            .partition_point(|&s| s <= pos)
            .saturating_sub(1)
    }

    /// The mentions before the mention being resolved, at most [`LOOKBACK`] of them: looking
    /// further back costs time on huge inputs and never helps in a news article.
    fn recent(&self) -> &[MentionAt] {
        let end = self.mentions.partition_point(|m| m.pos < self.cursor);
        &self.mentions[end.saturating_sub(LOOKBACK)..end]
    }

    fn by_surname(&self, folded_word: &str) -> Option<usize> {
        // A bare surname the article already used for someone keeps meaning that person; else
        // the most recent person with this family name.
        // Only people carry keys: a word that is nobody's family name has no mention to find.
        if let Some(&key) = self.key_ids.get(folded_word) {
            let keyed = |m: &&MentionAt| {
                !self.entities[m.entity].is_org && self.entities[m.entity].key == key
            };
            if let Some(m) = self.recent().iter().rev().filter(keyed).find(|m| m.bare) {
                return Some(m.entity);
            }
            if let Some(m) = self.recent().iter().rev().find(keyed) {
                return Some(m.entity);
            }
        }
        self.by_word.get(folded_word).copied()
    }

    fn family_key(&self, words: &[&str]) -> String {
        let first_is_family = words.len() >= 2
            && self.patterns.family_name_first.contains(words[0])
            && (words.len() == 3
                || words[1].contains('-')
                || words.len() == 2
                    && words[1].chars().next().is_some_and(char::is_uppercase)
                    && words[1].contains('-'));
        let w = if first_is_family {
            words[0]
        } else {
            words
                .iter()
                .rev()
                .find(|w| !name::is_generational_suffix(w))
                .copied()
                .unwrap_or(words[words.len() - 1])
        };
        fold(w)
    }

    /// Notes that the quote in `sentence_pos`'s sentence was said by `entity`.
    pub fn record_speaker(&mut self, pos: usize, entity: usize) {
        let s = self.sentence_of(pos);
        self.spoke.push((s, pos, entity));
    }

    fn speaker_of(&self, i: usize, method: Option<Method>) -> Speaker {
        let e = &self.entities[i];
        Speaker {
            name: e.name.clone(),
            title: e.post.title.clone(),
            affiliation: e.post.affiliation.clone(),
            party: e.post.party.clone(),
            status: e.post.status.clone(),
            method,
            title_span: e.title_span,
            entity: Some(i),
        }
    }
}

/// Whether the lowercase word `w` tells an organisation's kind (`lexicon/org-words.txt`), alone
/// ("website"), hyphenated ("think-tank"), or with the word `before` or `after` it ("think
/// tank").
fn is_organisation_kind(
    patterns: &PatternSet,
    before: Option<&str>,
    w: &str,
    after: Option<&str>,
) -> bool {
    let pair = |a: &str, b: &str| patterns.org_words.contains(&format!("{a} {b}"));
    patterns.org_words.contains(w)
        || w.split_once('-').is_some_and(|(a, b)| pair(a, b))
        || before.is_some_and(|b| pair(b, w))
        || after.is_some_and(|a| pair(w, a))
}

fn is_initial(w: &str) -> bool {
    let mut c = w.chars();
    matches!((c.next(), c.next(), c.next()), (Some(a), Some('.'), None) if a.is_uppercase())
}
