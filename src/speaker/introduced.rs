//! A description that introduces the person the text names next: "The imam of Muslim Welfare
//! House said a passing police van was flagged down. ¶ Mohammed Mahmoud told reporters: …" — a
//! reader takes the imam to be Mohammed Mahmoud.
//!
//! In: where a sentence-opening definite description of a post ends, with the resolver's
//! sentences, mentions and entities. Out: the person named next, when the text names no one else
//! first and that person opens one of the next [`NEXT_SENTENCES`] sentences, is named there for
//! the first time, with a full name and no post of their own; and the organisation an "of" after
//! the post names ("of the Police Federation of England and Wales"), if the "of" names one.

use super::pronoun::person_like;
use super::SpeakerResolver;
use crate::pattern::PatternSet;

/// How many sentences after the description the person it introduces may be named in.
const NEXT_SENTENCES: usize = 2;

/// How many words an organisation after a post's "of" may have ("Police Federation of England
/// and Wales").
const OF_ORGANISATION_WORDS: usize = 8;

impl SpeakerResolver<'_> {
    /// The person a description ending at `from` introduces (see the module's doc), if any.
    pub(super) fn introduced_next(&self, from: usize) -> Option<usize> {
        let here = self.sentence_of(from);
        let limit = self
            .sentences
            .get(here + 1 + NEXT_SENTENCES)
            .copied()
            .unwrap_or(self.text.len());
        let lo = self.mentions.partition_point(|m| m.pos < from);
        let m = self.mentions[lo..]
            .iter()
            .take_while(|m| m.pos < limit)
            .find(|m| !self.entities[m.entity].is_org)?;
        let s = self.sentence_of(m.pos);
        let start = self.sentences.get(s).copied()?;
        // Named in a later sentence, which it opens as the subject.
        let opens = self
            .text
            .get(start..m.pos)
            .is_some_and(|lead| !lead.chars().any(char::is_alphanumeric));
        if s == here || !m.subject || !opens {
            return None;
        }
        let e = &self.entities[m.entity];
        let untitled = e.post.title.is_empty() && e.posts.is_empty();
        let first = !self.mentions[..lo].iter().any(|o| o.entity == m.entity);
        (untitled && first && e.name.contains(' ') && person_like(e, true, self.patterns))
            .then_some(m.entity)
    }
}

impl SpeakerResolver<'_> {
    /// "One 71-year-old man rushed toward the stage … “You were supposed to meet with us!” he
    /// yelled": the unnamed person an indefinite description introduces as the subject of the
    /// sentence with the pronoun at `pos` or of one of the [`UNNAMED_SENTENCES`] before it, of the
    /// pronoun's gender; with where that sentence starts and the description's post, if it is one
    /// ("A nurse who spoke on the condition of anonymity … she said": `nurse`).
    pub(super) fn unnamed_subject(&self, pos: usize, male: bool) -> Option<(usize, String)> {
        let here = self.sentence_of(pos);
        (here.saturating_sub(UNNAMED_SENTENCES)..=here)
            .rev()
            .find_map(|s| {
                let start = self.sentences.get(s).copied()?;
                let end = if s == here {
                    pos
                } else {
                    self.sentences.get(s + 1).copied()?
                };
                let sentence = self.text.get(start..end)?;
                // (Not a photo's caption, which ends with its credit: "A demonstrator shouts
                // slogans … [Prakash Mathema/AFP]".)
                if sentence.trim_end().ends_with([']', ')']) {
                    return None;
                }
                indefinite_subject(sentence, male, self.patterns).map(|post| (start, post))
            })
    }
}

/// How many sentences before a pronoun's own [`SpeakerResolver::unnamed_subject`] looks at.
const UNNAMED_SENTENCES: usize = 1;

/// The most words between an indefinite determiner and the noun it introduces ("One
/// 71-year-old man", "a registered nurse").
const INDEFINITE_WORDS: usize = 4;

/// The post (or an empty string) of the person an indefinite description opening `sentence`
/// (or following a short opening phrase) introduces ("One 71-year-old man rushed …", "A nurse
/// said …"), when its noun is a person's of the pronoun's gender (`male`;
/// `lexicon/gendered-nouns.txt`: "man", "woman") or a post of the titles list.
fn indefinite_subject(sentence: &str, male: bool, patterns: &PatternSet) -> Option<String> {
    // ("Speaking to the station, an Israeli official said": after an opening phrase.)
    let sentence = sentence.trim_start();
    let sentence = match sentence.split_once(", ") {
        Some((opening, rest))
            if opening.len() <= super::subject::OPENING_PHRASE_BYTES
                && !opening.contains(['“', '”', '"'])
                // (An adverbial: a participle or a preposition first, "Speaking to …", "In an
                // email, …"; not a clause whose object the description is in apposition to, "The
                // Times spoke to Abdullah Mustafa, a father of seven".)
                && opening.split(' ').next().is_some_and(|w| {
                    let lower = w.to_lowercase();
                    (lower.len() > 5 && lower.ends_with("ing"))
                        || patterns.prepositions.contains(&lower)
                        || patterns.locative_prepositions.contains(&lower)
                })
                && ["a ", "an ", "one ", "another "]
                    .iter()
                    .any(|d| rest.starts_with(d)) =>
        {
            let first = rest.split(' ').next().unwrap_or("");
            let capitalised = first[..1].to_uppercase() + &first[1..];
            // (The clause's determiner written as one that opens a sentence.)
            return indefinite_subject(
                &format!("{capitalised}{}", &rest[first.len()..]),
                male,
                patterns,
            );
        }
        _ => sentence,
    };
    let mut words = sentence.split(' ');
    if !matches!(words.next()?, "One" | "A" | "An" | "Another") {
        return None;
    }
    for w in words.take(INDEFINITE_WORDS + 1) {
        let bare = w.trim_end_matches([',', '.']);
        let gendered = patterns.gendered_nouns.get(bare).map(|g| g == "male");
        let post = bare.starts_with(char::is_lowercase) && patterns.titles.contains(bare);
        if gendered.is_some() || post {
            // ("An ICE spokeswoman, Virginia Kice, declined", "A former mayor of San Antonio,
            // Castro …", "An expert on election security, he provided": a description in
            // apposition to a name or a pronoun is that person's.)
            // ("One incumbent, he said, …": a parenthetical after the noun too.)
            let rest = sentence.trim_start();
            let head_end = rest.find(w).map_or(0, |k| k + w.len());
            let clause = &rest[head_end..];
            let to_verb = clause.find(['.', ';', '“', '"']).unwrap_or(clause.len());
            if w.ends_with(',') || clause[..to_verb].contains(',') {
                return None;
            }
            return match gendered {
                Some(g) => (g == male).then(String::new),
                None => Some(bare.to_string()),
            };
        }
        // (Only words that describe the noun before it: "71-year-old", "registered".)
        let describing = bare.chars().all(|c| c.is_alphanumeric() || c == '-')
            && !patterns.function_words.contains(bare)
            && !patterns.prepositions.contains(bare)
            && bare.len() == w.len();
        if !describing {
            return None;
        }
    }
    None
}

/// Where the name an "of" right after a post gives ends ("of Haiti", "of the Police Federation
/// of England": its capitalised words, joined by "of", "and" or "for"), as a byte length of
/// `after_post`; none for "of the committee".
pub(super) fn of_a_name(after_post: &str) -> Option<usize> {
    let rest = after_post.strip_prefix(" of ")?;
    let rest = rest.strip_prefix("the ").unwrap_or(rest);
    if !rest.starts_with(char::is_uppercase) {
        return None;
    }
    let mut end = after_post.len() - rest.len();
    for w in rest.split(' ') {
        let name = w.starts_with(char::is_uppercase) || matches!(w, "of" | "and" | "for" | "&");
        if !name {
            break;
        }
        end += w.len() + 1;
    }
    Some(end.min(after_post.len()))
}

/// The organisation an "of" right after a post names: "of the Police Federation of England and
/// Wales, which …" gives `Police Federation of England and Wales`; capitalised words, joined by
/// "of", "and", "for" or "&"; none when a lowercase word follows "of" ("of the committee"), or
/// when the capitalised words qualify a lowercase noun other than an organisation word ("of
/// Egyptian intelligence", "of US medical services firm HealthSouth").
pub(super) fn of_organisation(after_post: &str, patterns: &PatternSet) -> Option<String> {
    let rest = after_post.strip_prefix(" of ")?;
    let rest = rest.strip_prefix("the ").unwrap_or(rest);
    let mut words: Vec<&str> = Vec::new();
    for w in rest.split(' ').take(OF_ORGANISATION_WORDS) {
        let bare = w.trim_end_matches([',', '.', ';', ':']);
        let capital = bare.starts_with(char::is_uppercase)
            && bare
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '-' | '.'));
        let connector = matches!(bare, "of" | "and" | "for" | "&") && !words.is_empty();
        if !(capital || connector) {
            // ("the Fiat conglomerate": an organisation word may follow; a verb or a relative
            // pronoun ends the name.)
            let lower = bare.starts_with(char::is_lowercase);
            let noun = lower
                && !patterns.org_words.contains(bare)
                && !patterns.auxiliaries.contains(bare)
                && !patterns.speech_verbs.contains(bare)
                && !bare.ends_with("ed")
                // ("the current president of Haiti follows …": a verb's -s.)
                && (!bare.ends_with('s') || bare.ends_with("ss"))
                && !matches!(bare, "who" | "which" | "that" | "and" | "in" | "at" | "on");
            if noun && !connector {
                return None;
            }
            break;
        }
        words.push(bare);
        if bare.len() != w.len() {
            break;
        }
    }
    while words
        .last()
        .is_some_and(|w| matches!(*w, "of" | "and" | "for" | "&"))
    {
        words.pop();
    }
    (!words.is_empty()).then(|| words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::of_organisation;
    use crate::pattern::PatternSet;

    #[test]
    fn organisation_after_a_posts_of() {
        let p = PatternSet::embedded().unwrap();
        let of = |s: &str| of_organisation(s, &p);
        assert_eq!(
            of(" of the Police Federation of England and Wales, which represents officers")
                .as_deref(),
            Some("Police Federation of England and Wales")
        );
        assert_eq!(
            of(" of Muslim Welfare House said").as_deref(),
            Some("Muslim Welfare House")
        );
        assert_eq!(of(" of the committee said"), None);
        assert_eq!(of(" of Egyptian intelligence, who"), None);
        assert_eq!(of(" of US medical services firm HealthSouth"), None);
        assert_eq!(of(" of the Fiat conglomerate has").as_deref(), Some("Fiat"));
        assert_eq!(
            of(" of Haiti follows the premise").as_deref(),
            Some("Haiti")
        );
        assert_eq!(of(" said"), None);
    }
}
