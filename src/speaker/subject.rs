//! Descriptions that open a sentence: "Tony Blair has pledged … The prime minister told the
//! Jewish Chronicle", "Pete Buttigieg … The former South Bend, Indiana, mayor sat down".
//!
//! In: the resolver's sentences, mentions and entities after the scan. Out: the post such a
//! description gives the person it is linked to ([`SpeakerResolver::nominal_antecedent`]), when
//! the article gives that person no other; and the rest of a sentence after its opening phrase.

use super::SpeakerResolver;
use crate::pattern::PatternSet;
use crate::segment::Span;

/// How long a phrase opening a sentence before its subject may be ("Responding to the plans, ").
pub(super) const OPENING_PHRASE_BYTES: usize = 60;

/// The most words before a post that a sentence-opening description may have ("the presumptive
/// GOP nominee", "the former Massachusetts governor").
const SUBJECT_DESCRIPTION_WORDS: usize = 5;

impl SpeakerResolver<'_> {
    /// "Donald Trump … But the presumptive GOP nominee doesn't fit neatly into a traditional
    /// box": a definite description that opens a sentence is linked to its person as a quote's
    /// would be ([`Self::nominal_antecedent`]), and gives a person the article names without any
    /// post that post, so that their quotes carry it. Only a post ("the billionaire
    /// businessman"), not a tie to someone ("the wife") or a post held for someone else ("the
    /// lawyer"), and only for a person the article gives nothing else.
    pub(super) fn describe_from_sentence_subjects(&mut self) {
        let patterns = self.patterns;
        for k in 0..self.sentences.len() {
            let start = self.sentences[k];
            let end = self
                .sentences
                .get(k + 1)
                .copied()
                .unwrap_or(self.text.len());
            let Some(sentence) = self.text.get(start..end) else {
                continue;
            };
            let lead = sentence.trim_start();
            // ("Responding to the plans, the chairman of …": after an opening phrase too.)
            let lead = after_opening_phrase(lead, patterns).unwrap_or(lead);
            let Some(rest) = lead
                .strip_prefix("The ")
                .or_else(|| lead.strip_prefix("the "))
                .or_else(|| lead.strip_prefix("But the "))
                .or_else(|| lead.strip_prefix("And the "))
            else {
                continue;
            };
            let at = end - rest.len();
            let Some((words, head_end)) = subject_description(rest, patterns) else {
                continue;
            };
            let head = words.last().copied().unwrap_or("").to_lowercase();
            if patterns.relations.contains(&head) || patterns.representative_heads.contains(&head) {
                continue;
            }
            self.cursor = at;
            let found = self.nominal_antecedent(&words, at + head_end, &head, &head);
            self.cursor = usize::MAX;
            // "The imam of Muslim Welfare House said … ¶ Mohammed Mahmoud told reporters": a post
            // of a named organisation that no one before holds introduces the person named next.
            let after = &self.text[at + head_end..];
            let org = super::introduced::of_organisation(after, patterns);
            let found = found.or_else(|| {
                super::introduced::of_a_name(after)
                    .and_then(|len| self.introduced_next(at + head_end + len))
            });
            let Some(i) = found else {
                continue;
            };
            let e = &self.entities[i];
            if e.is_org || !e.post.title.is_empty() || !e.posts.is_empty() {
                continue;
            }
            // ("The former South Bend, Indiana, mayor": the capitalised words before the post
            // are its place or organisation, when no "of" names one.)
            let caps = words
                .iter()
                .position(|w| w.starts_with(char::is_uppercase))
                .filter(|_| org.is_none() && words.len() > 1);
            let (title_words, qualifier) = match caps {
                Some(k) => {
                    let n = words[k..words.len() - 1]
                        .iter()
                        .take_while(|w| {
                            w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
                        })
                        .count();
                    let mut t = words[..k].to_vec();
                    t.extend_from_slice(&words[k + n..]);
                    (t, words[k..k + n].join(" "))
                }
                None => (words.clone(), org.clone().unwrap_or_default()),
            };
            let d = super::describe(&title_words.join(" "), &qualifier, patterns);
            if d.title.is_empty() || d.is_relation(patterns) {
                continue;
            }
            self.give_post(i, d, Span::new(at, at + head_end));
        }
    }
}

/// The rest of a sentence after a phrase that opens it and ends with a comma ("Responding to
/// the plans, ", "In a statement, "): a participle, a preposition or a clause opener first.
pub(super) fn after_opening_phrase<'s>(lead: &'s str, patterns: &PatternSet) -> Option<&'s str> {
    let first = lead.split(' ').next()?.to_lowercase();
    let opener = (first.len() > 5 && first.ends_with("ing"))
        || patterns.prepositions.contains(&first)
        || patterns.clause_openers.contains(&first);
    // (Within the first OPENING_PHRASE_BYTES, cut at a character's start: a "’" across that
    // bound had made the whole phrase unread.)
    let comma = lead[..super::floor_char_boundary(lead, OPENING_PHRASE_BYTES)].find(", ")?;
    opener.then(|| &lead[comma + 2..])
}

/// The words of a description that opens `rest` (after its "The"), up to its post, and where
/// the post ends: "presumptive GOP nominee doesn't fit …" gives `presumptive GOP nominee`. The
/// post is a lowercase title word followed by a comma (an appositive) or by what reads as the
/// sentence's verb (an auxiliary, a reporting verb, a past tense, an adverb); the words before it
/// describe a post or a person (capitalised, hyphenated, title modifiers, statuses).
fn subject_description<'t>(
    rest: &'t str,
    patterns: &crate::pattern::PatternSet,
) -> Option<(Vec<&'t str>, usize)> {
    let mut words = Vec::new();
    let mut offset = 0;
    for w in rest.split(' ').take(SUBJECT_DESCRIPTION_WORDS + 1) {
        let word_end = offset + w.len();
        let bare = w.trim_end_matches(',');
        let lower = bare.to_lowercase();
        if bare.is_empty()
            || !bare
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '.' | '’' | '\''))
            || patterns.prepositions.contains(&lower)
            || patterns.function_words.contains(&lower)
        {
            return None;
        }
        // A lowercase word before the post is one that describes a post or a person
        // ("presumptive", "former", "billionaire", "two-term"), not a verb ("is").
        let title_word = bare.starts_with(char::is_lowercase) && patterns.titles.contains(&lower);
        // (Or the first word of a post of several, "prime minister".)
        let next = rest.get(word_end..).unwrap_or("").trim_start_matches(' ');
        let next_word = next.split([' ', ',', ':']).next().unwrap_or("");
        let compound = patterns
            .titles
            .contains(&format!("{lower} {}", next_word.to_lowercase()));
        let modifier = compound
            || bare.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
            || bare.contains('-')
            || patterns.title_modifiers.contains(&lower)
            || patterns.descriptive_adjectives.contains(&lower)
            || patterns.statuses.canonical(&lower).is_some();
        if !(title_word || modifier) || bare.ends_with("’s") || bare.ends_with("'s") {
            return None;
        }
        words.push(bare);
        if title_word {
            // The sentence's verb follows ("The prime minister has", "the businessman expressed",
            // "the commissioner said"), not a noun ("The general election will be …").
            let n = next_word;
            let verb_like = patterns.auxiliaries.contains(n)
                || patterns.speech_verbs.contains(n)
                || n.ends_with("ed")
                || patterns.irregular_past_verbs.contains(n)
                || n.ends_with("n't")
                || n.ends_with("n’t")
                || (n.len() > 4 && n.ends_with("ly"))
                || matches!(n, "of" | "who" | "himself" | "herself");
            let next_lower = n.starts_with(char::is_lowercase) && verb_like;
            // ("The chairman of the Senate Finance Committee", not "The author of one popular
            // blog": a post of something else.)
            let of_what = next
                .strip_prefix("of ")
                .map(|o| o.strip_prefix("the ").unwrap_or(o));
            let of_a_name = of_what.is_none_or(|o| o.starts_with(char::is_uppercase));
            if w.ends_with(',') || (next_lower && of_a_name) {
                return Some((words, offset + bare.len()));
            }
        }
        // ("The former South Bend, Indiana, mayor": a place's state between commas.)
        let state_follows = patterns
            .us_states
            .canonical(next_word.trim_end_matches(','))
            .is_some()
            && next.split(' ').next().is_some_and(|n| n.ends_with(','));
        if w.ends_with(',') && !state_follows && patterns.us_states.canonical(bare).is_none() {
            return None;
        }
        offset = word_end + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::{after_opening_phrase, OPENING_PHRASE_BYTES};
    use crate::pattern::PatternSet;

    #[test]
    fn opening_phrase_read_whatever_character_straddles_its_bound() {
        let p = PatternSet::embedded().unwrap();
        let lead = "In his statement to reporters, the former governor said it was over.";
        assert_eq!(
            after_opening_phrase(lead, &p),
            Some("the former governor said it was over.")
        );
        // The same, with a three-byte "’" across the bound of 60 bytes after the comma.
        let head = "In his statement to reporters, ";
        let pad = "x".repeat(OPENING_PHRASE_BYTES - head.len() - 1);
        let lead = format!("{head}{pad}’s lawyer said it was over.");
        assert!(!lead.is_char_boundary(OPENING_PHRASE_BYTES));
        assert_eq!(after_opening_phrase(&lead, &p), Some(&lead[head.len()..]));
    }
}
