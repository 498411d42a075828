//! Pronouns back to the person they stand for: "he said" to the nearest fitting person a reader
//! has in view (reporting subjects and quoted speakers first, then sentences' subjects, then other
//! names), "it" and "they" to an organisation.
//!
//! In: a pronoun's position and class, with the entities, mentions and quoted speakers read so
//! far. Out: a [`Speaker`] found by [`Method::Pronoun`], or an empty one.

use super::name::Gender;
use super::resolve::has_word;
use super::{Entity, Speaker, SpeakerResolver, LOOKBACK};
use crate::pattern::{Method, PronounClass};

impl SpeakerResolver<'_> {
    pub(super) fn resolve_pronoun(&mut self, pos: usize, class: PronounClass) -> Speaker {
        let patterns = self.patterns;
        let person_like = |e: &Entity, spoke: bool| person_like(e, spoke, patterns);
        let fits = |e: &Entity, spoke: bool| match class {
            PronounClass::Male => {
                !e.is_org && e.gender != Some(Gender::Female) && person_like(e, spoke)
            }
            PronounClass::Female => {
                !e.is_org && e.gender != Some(Gender::Male) && person_like(e, spoke)
            }
            PronounClass::Neuter => e.is_org,
            PronounClass::Plural => e.is_org,
            PronounClass::First => true,
        };
        let pronoun = match class {
            PronounClass::Male => Some("he"),
            PronounClass::Female => Some("she"),
            _ => None,
        };
        let found = self.salient(pos, pronoun, &|e: &Entity, spoke: bool| fits(e, spoke));
        // An unnamed person who is the subject since the person found last led a sentence or
        // spoke is the one meant ("… under Lacey’s tenure. One 71-year-old man rushed toward
        // the stage … “…!” he yelled").
        if let Some((start, post)) = pronoun.and_then(|p| self.unnamed_subject(pos, p == "he")) {
            // (Or named at all in the pronoun's own sentence: "… Haley Barbour wasn't far off when
            // he said".)
            let own = self
                .sentences
                .get(self.sentence_of(pos))
                .copied()
                .unwrap_or(0);
            // (Only the mentions and quotes since then are read: `mentions` and `spoke` are in
            // text order.)
            let lo = self.mentions.partition_point(|m| m.pos < start.min(own));
            let hi = self.mentions.partition_point(|m| m.pos < pos);
            let led_since = |i: usize| {
                self.mentions[lo..hi].iter().any(|m| {
                    m.entity == i && ((m.subject || m.reporter) && m.pos >= start || m.pos >= own)
                }) || self
                    .spoke
                    .iter()
                    .rev()
                    .skip_while(|s| s.1 >= pos)
                    .take_while(|s| s.1 >= start)
                    .any(|s| s.2 == i)
            };
            if found.is_none_or(|i| !led_since(i)) {
                return Speaker {
                    title: post,
                    method: Some(Method::Pronoun),
                    ..Speaker::default()
                };
            }
        }
        match found {
            Some(i) => {
                let g = match class {
                    PronounClass::Male => Some(Gender::Male),
                    PronounClass::Female => Some(Gender::Female),
                    _ => None,
                };
                if self.entities[i].gender.is_none() {
                    self.entities[i].gender = g;
                }
                self.speaker_of(i, Some(Method::Pronoun))
            }
            None => Speaker {
                method: Some(Method::Pronoun),
                ..Speaker::default()
            },
        }
    }

    /// The person the text at `pos` most likely speaks of, as a reader takes "he" or "the
    /// senator": in this sentence and the `pronoun_window_sentences` before it, reporting
    /// subjects and quoted speakers first, then sentences' subjects, then other names, nearest
    /// first; the first that `fits` (an entity, and whether it spoke). With `pronoun`, an earlier
    /// sentence whose subject is that same pronoun is first narrowed to its subjects.
    pub(super) fn salient(
        &self,
        pos: usize,
        pronoun: Option<&str>,
        fits: &dyn Fn(&Entity, bool) -> bool,
    ) -> Option<usize> {
        let here = self.sentence_of(pos);
        let lo = here.saturating_sub(self.patterns.pronoun_window_sentences);
        // First with the same-pronoun sentences narrowed to their subjects, then, if that finds
        // no one, without.
        for (narrow, s) in [true, false]
            .into_iter()
            .flat_map(|n| (lo..=here).rev().map(move |s| (n, s)))
        {
            let start = self.sentences.get(s).copied().unwrap_or(0);
            let end = if s == here {
                pos
            } else {
                self.sentences.get(s + 1).copied().unwrap_or(usize::MAX)
            };
            // (reporter, subject, possessive, position, entity): reporting subjects and quoted
            // speakers first, nearest first; then the sentence's subject; then the others.
            let hi_i = self.mentions.partition_point(|m| m.pos < end);
            let lo_i = self
                .mentions
                .partition_point(|m| m.pos < start)
                .max(hi_i.saturating_sub(LOOKBACK));
            let mut cands: Vec<(bool, bool, bool, usize, usize)> = self.mentions[lo_i..hi_i]
                .iter()
                .map(|m| (m.reporter, m.subject, m.possessive, m.pos, m.entity))
                .collect();
            // `spoke` is in text order: its entries for sentence `s` are at its end or close to it.
            cands.extend(
                self.spoke
                    .iter()
                    .rev()
                    .skip_while(|&&(ss, _, _)| ss > s)
                    .take_while(|&&(ss, _, _)| ss == s)
                    .map(|&(_, p, e)| (true, false, false, p, e)),
            );
            cands.sort_by_key(|&(rep, subj, poss, p, _)| {
                (!rep, !(subj || rep), poss, std::cmp::Reverse(p))
            });
            // An earlier sentence whose subject is the same pronoun ("He added that Clinton …
            // alongside Trump") speaks of the same person: the names merely mentioned in it are
            // not candidates, so the search goes on to where that person was named.
            let sentence = &self.text[start..end.min(self.text.len())];
            let same_pronoun =
                narrow && s != here && pronoun.is_some_and(|w| has_word(sentence, w));
            // (And when the pronoun opens it, "He tweeted that … when Trump and Xi met", a name
            // leading a clause inside it is no candidate either.)
            let opened_by_pronoun = same_pronoun
                && pronoun.is_some_and(|w| {
                    let first = sentence.trim_start().split(' ').next().unwrap_or("");
                    first.eq_ignore_ascii_case(w)
                });
            for (rep, subj, _, _, e) in cands {
                if same_pronoun && !rep && (!subj || opened_by_pronoun) {
                    continue;
                }
                if fits(&self.entities[e], rep) {
                    return Some(e);
                }
            }
        }
        None
    }
}

/// Whether `e` may be a person "he", "she" or "the senator" speaks of: a name of several words
/// counts as one only with some sign of it (a given name, a gender, a title, or having said
/// something), so that "New Hampshire" or "Little Rock" are not taken for someone.
pub(super) fn person_like(e: &Entity, spoke: bool, patterns: &crate::pattern::PatternSet) -> bool {
    let mut words = e.name.split(' ');
    let first = words.next().unwrap_or("");
    let single = words.next().is_none();
    patterns.places.canonical(&e.name).is_none()
        && (single
            || spoke
            || e.gender.is_some()
            || e.aged
            || !e.post.title.is_empty()
            || patterns.first_names_unisex.contains(first))
}
