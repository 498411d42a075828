//! Definite descriptions back to the person they describe: "the New York Democrat", "the
//! former secretary of state", a bare "the prime minister", as a reader takes them.
//!
//! In: a description's words and head (from [`SpeakerResolver::resolve_nominal`]), with the
//! entities and mentions read so far. Out: the entity it describes, or none.

use super::fold::fold;
use super::pronoun::person_like;
use super::resolve::is_word_byte;
use super::{floor_char_boundary, Entity, SpeakerResolver, LOOKBACK};

/// How many sentences back [`SpeakerResolver::sole_holder`] looks for another person the article
/// gives no post, who might be the one a bare "the prime minister" means.
const SOLE_HOLDER_SENTENCES: usize = 4;

/// The longest name (with its title) that a description in apposition may follow: "Erin
/// Brockovich, the legendary activist".
const APPOSITION_NAME_BYTES: usize = 80;

/// How many capitalised words of "the former mayor of New York City" qualify the description.
const OF_PLACE_WORDS: usize = 4;

/// How many sentences back a person the article gives no post must have led a sentence or
/// spoken for [`SpeakerResolver::only_person_in_view`] to take a description for them.
const UNTITLED_LEAD_SENTENCES: usize = 2;

/// How many words a name and "and" may take before the name coordinated with it ("Jane Rowe
/// and Tom Fitch met"): a long name with its title.
const COORDINATED_NAME_WORDS: usize = 7;

/// How far before a title word an indefinite determiner may stand ("a senior Cruz campaign
/// adviser"): a noun phrase's length.
const INTRODUCTION_BYTES: usize = 48;

impl SpeakerResolver<'_> {
    /// "the New York Democrat", "the former secretary of state", "the England captain": a
    /// definite description of one person that no one in the article holds as a post is the
    /// person the text just spoke of, as "he" would be, unless what the article says of that
    /// person contradicts it (another party, only other posts). Plurals and the words of unnamed
    /// sources ("the official", `lexicon/anonymous-heads.txt`) are left unnamed.
    pub(super) fn nominal_antecedent(
        &self,
        words: &[&str],
        end: usize,
        head: &str,
        head_singular: &str,
    ) -> Option<usize> {
        let patterns = self.patterns;
        if head != head_singular || patterns.anonymous_heads.contains(head) {
            return None;
        }
        let head_party = words
            .last()
            .and_then(|w| super::describe::party_of(w, patterns));
        if head_party.is_none() && !patterns.titles.contains(head) {
            return None;
        }
        // In apposition to the sentence's subject: "Erin Brockovich, the legendary
        // environmental activist and lawyer, saying …" is Erin Brockovich (not "In his letter to
        // Rod Rosenstein, the OGE acting director said").
        if let Some(m) = self.recent().last() {
            let between = self.text.get(m.pos..self.cursor).unwrap_or("");
            if m.subject
                && between.ends_with(", ")
                && between.len() < APPOSITION_NAME_BYTES
                && between.matches([',', '.', ';', '“', '”', '"']).count() == 1
                && !self.entities[m.entity].is_org
            {
                return Some(m.entity);
            }
        }
        // Only a description that tells this person from others: a capitalised qualifier (a
        // party, a state, an organisation: "the New York Democrat", "the Kentucky senator", "the
        // former F.B.I. director") or a status. "The president", "the commander", "the
        // Republican" may be anyone, and are often someone the article never names.
        let mut qualifiers = words[..words.len().saturating_sub(1)].to_vec();
        if !qualifiers.iter().any(|w| {
            w.starts_with(char::is_uppercase)
                || patterns.statuses.canonical(&w.to_lowercase()).is_some()
        }) {
            return self
                .sole_holder(words)
                .or_else(|| self.only_person_in_view(words, head, head_party.as_deref()));
        }
        // "the former mayor of Newark": the place the text goes on to name qualifies it too.
        let rest = self.text.get(end..).unwrap_or("");
        if let Some(of) = rest.strip_prefix(" of ") {
            qualifiers.extend(
                of.split(' ')
                    .take(OF_PLACE_WORDS)
                    .map(|w| w.trim_end_matches(|c: char| !c.is_alphanumeric()))
                    .take_while(|w| w.starts_with(char::is_uppercase)),
            );
        }
        // "A diplomat in Kabul … said … the diplomat said": the unnamed person introduced before.
        if self.introduced_unnamed(head) {
            return None;
        }
        let fits = |e: &Entity, spoke: bool| {
            let first = e.name.split(' ').next().unwrap_or("");
            // A person by some sign beyond having spoken ("the White House said").
            !e.is_org
                && person_like(e, spoke, patterns)
                && (e.gender.is_some() || e.aged || patterns.is_given_name(first))
                && describes(e, &qualifiers, head, head_party.as_deref(), patterns)
        };
        self.salient(self.cursor, None, &fits)
            .or_else(|| {
                // Someone further back: the one person in the article it describes.
                let mut holders =
                    (0..self.entities.len()).filter(|&i| fits(&self.entities[i], true));
                let first = holders.next()?;
                holders.next().is_none().then_some(first)
            })
            // ("Pete Buttigieg gave an interview. The former South Bend mayor sat down": a post
            // one person holds in a place, with its place.)
            .or_else(|| self.sole_holder(&words[words.len().saturating_sub(1)..]))
            .or_else(|| self.only_person_in_view(words, head, head_party.as_deref()))
    }

    /// "Colleen Michaels thinks facts have nothing to do with policy. “It’s emotional,” the
    /// 55-year-old Ohio farmer said": a definite description that nothing the article says
    /// confirms is still the one person the text has in view — the only person named in this
    /// sentence and the [`SOLE_HOLDER_SENTENCES`] before it — as a reader takes it, when:
    /// no one in the article holds it as a post; it is not a post held for someone else ("the
    /// lawyer", `lexicon/representative-heads.txt`), a tie to someone ("the mother",
    /// `relations.txt`) or a post one person holds in a place ([`Self::sole_holder`]'s); no
    /// unnamed person was introduced by it ("a farmer … the farmer"); and what the article says
    /// of that person does not contradict it: a party of its own, or a post — unless the
    /// description is a candidacy ("Sen. Amy Klobuchar … the candidate began"). A person the
    /// article gives no post must have been a sentence's subject or have spoken, not a name the
    /// text merely passed ("the police said John Doe was shot … the commander said").
    fn only_person_in_view(
        &self,
        words: &[&str],
        head: &str,
        head_party: Option<&str>,
    ) -> Option<usize> {
        let patterns = self.patterns;
        let canonical = |t: &str| super::describe::canonical_title(t, patterns);
        let post = canonical(head);
        // ("the unnamed Democratic lawmaker" says it has no name here.)
        let unnamed = words
            .iter()
            .any(|w| matches!(w.to_lowercase().as_str(), "unnamed" | "anonymous"));
        if unnamed
            || patterns.relations.contains(head)
            || patterns.representative_heads.contains(head)
            || self.is_sole_post(&canonical(&words.join(" ").to_lowercase()))
            || self.is_sole_post(&post)
            || self.held_title_ends.contains(&post)
            || self.introduced_unnamed(head)
        {
            return None;
        }
        // ("the Kentucky Republican" beside Mitch McConnell is not President Trump: a party's
        // member is no head of state or government.)
        let descriptions = |i: usize| {
            let e = &self.entities[i];
            std::iter::once(&e.post).chain(&e.posts)
        };
        let may_mean = |i: usize| {
            head_party.is_none()
                || !descriptions(i).any(|d| {
                    self.post_in_groups(
                        &canonical(&d.title),
                        &["head of state", "head of government"],
                    )
                })
        };
        // One the article gives posts is described by a candidacy or a party's member ("Sen.
        // Lindsey Graham … the South Carolina Republican said"), or by a post held before
        // ("Clinton wrote. … The former secretary of state added:", unless held now).
        let former = words
            .iter()
            .any(|w| patterns.statuses.canonical(&w.to_lowercase()) == Some("former"));
        let described = |i: usize| {
            !descriptions(i).any(|d| !d.title.is_empty())
                || patterns.comparison.candidacies.contains(head)
                || (head_party.is_some() && self.holds_elected_office(&self.entities[i]))
                || (former && !descriptions(i).any(|d| !d.is_past() && canonical(&d.title) == post))
        };
        // (Failing one person in view, one of those it may describe: "Sanders spokesman Josh
        // Miller-Lewis" is not "the Vermont senator", so Sanders is the one in view — if Sanders
        // spoke lately, and a given name or a gender says Sanders is a person, not "the Apollo
        // Theater"; not Clinton in "The FBI director chastised Clinton".)
        let (i, led, lately, narrowed) = match self.lone_person_in_view(&may_mean) {
            Some((i, led, lately)) => (i, led, lately, false),
            None => {
                let (i, led, lately) =
                    self.lone_person_in_view(&|i| may_mean(i) && described(i))?;
                (i, led, lately, true)
            }
        };
        let e = &self.entities[i];
        if !parties_agree(e, words, head_party, self.holds_elected_office(e), patterns) {
            return None;
        }
        if descriptions(i).any(|d| !d.title.is_empty()) {
            return described(i).then_some(i);
        }
        // A full name or a gender: a person, not "Lowry" who might be a place; and one who
        // led or spoke lately, not a writer quoted at the article's start.
        let first = e.name.split(' ').next().unwrap_or("");
        let person = if narrowed {
            (e.gender.is_some() || e.aged || patterns.is_given_name(first)) && self.spoke_lately(i)
        } else {
            e.name.contains(' ') || e.gender.is_some()
        };
        (led && lately && person).then_some(i)
    }

    /// Where "lately" starts: this sentence and the [`UNTITLED_LEAD_SENTENCES`] before it.
    fn lately_from(&self) -> usize {
        let here = self.sentence_of(self.cursor);
        self.sentences
            .get(here.saturating_sub(UNTITLED_LEAD_SENTENCES))
            .copied()
            .unwrap_or(0)
    }

    /// Whether entity `i` was given a quote lately ([`Self::lately_from`] on).
    fn spoke_lately(&self, i: usize) -> bool {
        self.spoke_since(i, self.lately_from())
    }

    /// Whether entity `i` was given a quote at `from` or after (at most [`LOOKBACK`] quotes
    /// back).
    fn spoke_since(&self, i: usize, from: usize) -> bool {
        self.spoke
            .iter()
            .rev()
            .take(LOOKBACK)
            .take_while(|s| s.1 >= from)
            .any(|s| s.2 == i)
    }

    /// The one person [`Self::only_person_in_view`] may mean: among the people named in this
    /// sentence and the [`SOLE_HOLDER_SENTENCES`] before it, the only one who led a sentence or
    /// spoke (failing any, the only one named); with whether someone led, and whether this one
    /// led or spoke in the last [`UNTITLED_LEAD_SENTENCES`].
    fn lone_person_in_view(&self, may_mean: &dyn Fn(usize) -> bool) -> Option<(usize, bool, bool)> {
        let patterns = self.patterns;
        let here = self.sentence_of(self.cursor);
        let window = self
            .sentences
            .get(here.saturating_sub(SOLE_HOLDER_SENTENCES))
            .copied()
            .unwrap_or(0);
        // (At most LOOKBACK mentions and quotes back: a huge one-sentence input stays linear.)
        let hi = self.mentions.partition_point(|m| m.pos < self.cursor);
        let lo = self
            .mentions
            .partition_point(|m| m.pos < window)
            .max(hi.saturating_sub(LOOKBACK));
        // (The sentence's subject as it opens, "Colleen Michaels thinks …", or after an opening
        // phrase, "In his new book, Rich Lowry argues"; not the first name deep in it.)
        let opens = |m: &super::MentionAt| {
            let start = self
                .sentences
                .get(self.sentence_of(m.pos))
                .copied()
                .unwrap_or(0);
            m.subject
                && self.text.get(start..m.pos).is_some_and(|lead| {
                    lead.split_whitespace().count() <= 2 || lead.trim_end().ends_with(',')
                })
        };
        let spoke = |i: usize| self.spoke_since(i, window);
        let in_view: Vec<&super::MentionAt> = self.mentions[lo..hi]
            .iter()
            .filter(|m| {
                // (Named with a full name, a gender or a post: not "Judiciary" of "the Senate
                // Committee on the Judiciary, said".)
                let e = &self.entities[m.entity];
                !e.is_org
                    && person_like(e, m.reporter, patterns)
                    && (e.name.contains(' ') || e.gender.is_some() || !e.post.title.is_empty())
            })
            .collect();
        // The people the sentences lead with or who spoke; failing any, everyone named ("the
        // report was conducted at the request of Sen. Bernie Sanders").
        let leads = |m: &super::MentionAt| m.reporter || opens(m) || spoke(m.entity);
        // ("Jane Rowe and Tom Fitch met": both lead.)
        let joined = |k: usize| {
            k > 0 && leads(in_view[k - 1]) && {
                let between = self
                    .text
                    .get(in_view[k - 1].pos..in_view[k].pos)
                    .unwrap_or("");
                between.ends_with(" and ")
                    && !between.contains([',', '.', ';', ':', '“', '”', '"'])
                    && between.split_whitespace().count() <= COORDINATED_NAME_WORDS
            }
        };
        let leading: Vec<usize> = (0..in_view.len())
            .filter(|&k| leads(in_view[k]) || joined(k))
            .map(|k| in_view[k].entity)
            .collect();
        let led = !leading.is_empty();
        let mut candidates = if led {
            leading
        } else {
            in_view.iter().map(|m| m.entity).collect()
        };
        candidates.retain(|&i| may_mean(i));
        candidates.sort_unstable();
        candidates.dedup();
        let [i] = candidates[..] else {
            return None;
        };
        let near = self.lately_from();
        let lately = in_view
            .iter()
            .any(|m| m.entity == i && m.pos >= near && leads(m))
            || self.spoke_lately(i);
        Some((i, led, lately))
    }

    /// Whether `e` holds a post that a party's member is described by ("the Kentucky
    /// Republican"): a legislator's, a chair's or a chamber leader's, a governor's or a mayor's
    /// (the groups of `consistency.toml`) — not a president's.
    fn holds_elected_office(&self, e: &Entity) -> bool {
        let canonical = |t: &str| super::describe::canonical_title(t, self.patterns);
        std::iter::once(&e.post).chain(&e.posts).any(|d| {
            self.post_in_groups(
                &canonical(&d.title),
                &["legislator", "chair", "chamber leader", "governor", "mayor"],
            )
        })
    }

    /// Whether `post` (canonical) is one a single person holds in a place: a head of government
    /// or of state, a governor, a mayor (the groups of `consistency.toml`).
    fn is_sole_post(&self, post: &str) -> bool {
        self.post_in_groups(
            post,
            &["head of government", "head of state", "governor", "mayor"],
        )
    }

    /// Whether `post` (canonical) is one of the posts of the named `groups` of
    /// `consistency.toml`.
    fn post_in_groups(&self, post: &str, groups: &[&str]) -> bool {
        let canonical = |t: &str| super::describe::canonical_title(t, self.patterns);
        self.patterns
            .comparison
            .groups
            .iter()
            .any(|(group, posts)| {
                groups.contains(&group.as_str()) && posts.iter().any(|p| canonical(p) == post)
            })
    }

    /// "Tony Blair has pledged … The prime minister told the Jewish Chronicle": a post one person
    /// holds in a place (a head of government or of state, a governor, a mayor: the groups of
    /// `consistency.toml`), written bare, is the subject of the sentence before, when the
    /// article gives that person no post and no one in it holds this one.
    fn sole_holder(&self, words: &[&str]) -> Option<usize> {
        let patterns = self.patterns;
        let phrase = words.join(" ").to_lowercase();
        let canonical = |t: &str| super::describe::canonical_title(t, patterns);
        let post = canonical(&phrase);
        if !self.is_sole_post(&post) {
            return None;
        }
        if self.held_title_ends.contains(&post) {
            return None;
        }
        let here = self.sentence_of(self.cursor);
        let start = self.sentences.get(here.checked_sub(1)?).copied()?;
        let end = self.sentences.get(here).copied()?;
        let lo = self.mentions.partition_point(|m| m.pos < start);
        // The sentence's subject as it opens ("Tony Blair has pledged …", "Amid a series of
        // tweets on Saturday, Donald Trump appeared to …"), not a name deep in it; or the one who
        // reports in it ("“Joe is not playing with a full deck,” Trump told reporters. The
        // following day, the president tweeted").
        let opens = |m: &&super::MentionAt| {
            m.subject
                && self.text.get(start..m.pos).is_some_and(|lead| {
                    lead.split_whitespace().count() <= 2 || lead.trim_end().ends_with(',')
                })
        };
        let in_sentence = || self.mentions[lo..].iter().take_while(|m| m.pos < end);
        let untitled = |i: usize| {
            let e = &self.entities[i];
            e.post.title.is_empty()
                && e.posts.is_empty()
                && !e.is_org
                && e.name.contains(' ')
                && person_like(e, false, patterns)
        };
        // One who reports after what they said ("George W Bush will display … as he begins his
        // second term as US President, Tony Blair has said. The prime minister said"): the names
        // in what they said are not who is meant.
        let closing = in_sentence().find(|m| {
            m.reporter
                && self
                    .text
                    .get(start..m.pos)
                    .is_some_and(|said| said.trim_end().ends_with(','))
        });
        let m = closing
            .or_else(|| in_sentence().find(opens))
            .or_else(|| in_sentence().find(|m| m.reporter))?;
        let said_from = if closing.is_some() { m.pos } else { start };
        // ("Mr Blunkett said he wanted … The prime minister said": with Tony Blair, untitled too,
        // a few sentences back, either may be meant: no one.)
        let window = self
            .sentences
            .get(here.saturating_sub(SOLE_HOLDER_SENTENCES))
            .copied()
            .unwrap_or(0);
        let mut others = self
            .recent()
            .iter()
            .filter(|o| !(start..said_from).contains(&o.pos))
            .filter(|o| o.pos >= window && o.entity != m.entity && untitled(o.entity));
        (untitled(m.entity) && others.next().is_none()).then_some(m.entity)
    }

    /// Whether `head` (a title word, lowercase) was written after an indefinite determiner ("a
    /// senior commander", "another ally", "one GOP operative") in this sentence or the
    /// `pronoun_window_sentences` before it: an unnamed person whom "the commander" goes on
    /// speaking of.
    fn introduced_unnamed(&self, head: &str) -> bool {
        let here = self.sentence_of(self.cursor);
        let lo = here.saturating_sub(self.patterns.pronoun_window_sentences);
        let start = self.sentences.get(lo).copied().unwrap_or(0);
        let window = &self.text[start..self.cursor];
        let bytes = window.as_bytes();
        memchr::memmem::find_iter(bytes, head.as_bytes()).any(|i| {
            let end = i + head.len();
            let whole = (i == 0 || !is_word_byte(bytes[i - 1]))
                && (end == bytes.len() || !is_word_byte(bytes[end]) || bytes[end] == b's');
            let before =
                &window[floor_char_boundary(window, i.saturating_sub(INTRODUCTION_BYTES))..i];
            // The nearest determiner before the head, within its noun phrase.
            let det = before
                .rsplit(|c: char| !c.is_alphanumeric() && c != '-')
                .filter(|w| !w.is_empty())
                .take(4)
                .find(|w| {
                    matches!(
                        w.to_lowercase().as_str(),
                        "a" | "an" | "another" | "one" | "the" | "his" | "her" | "their"
                    )
                });
            whole
                && det.is_some_and(|d| {
                    matches!(d.to_lowercase().as_str(), "a" | "an" | "another" | "one")
                })
        })
    }
}

/// Whether what the article says of `e` (its posts, parties and constituencies) confirms a
/// description: every capitalised qualifier ("Kentucky", "F.B.I.", "Lib Dem") among its words,
/// its party, and its head (a post `e` holds, or `e`'s party when the head is a party's member,
/// "Democrat").
fn describes(
    e: &Entity,
    qualifiers: &[&str],
    head: &str,
    head_party: Option<&str>,
    patterns: &crate::pattern::PatternSet,
) -> bool {
    let plain = |w: &str| fold(&w.replace('.', ""));
    let has_party = |p: &str| e.post.party == p || e.posts.iter().any(|d| d.party == p);
    // The words one description of `e` gives, with the party tag's state.
    let words_of = |d: &super::describe::Description| {
        let mut known: Vec<String> = Vec::new();
        if let Some(state) = &e.home_state {
            known.extend(state.split(' ').map(plain));
        }
        for field in [&d.title, &d.affiliation, &d.party] {
            known.extend(field.split([' ', '-']).map(plain));
        }
        if let Some(state) = patterns.us_states.canonical(&d.affiliation) {
            known.extend(state.split(' ').map(plain));
        }
        for t in d.title.split(' ') {
            if let Some(c) = patterns.title_aliases.canonical(&t.to_lowercase()) {
                known.extend(c.split([' ', '-']).map(plain));
            }
        }
        known
    };
    let confirmed_by = |known: &[String]| {
        qualifiers
            .iter()
            .filter(|w| w.starts_with(char::is_uppercase))
            .all(|w| match super::describe::party_of(w, patterns) {
                Some(p) => has_party(&p),
                None => {
                    let w = patterns.us_states.canonical(w).unwrap_or(w);
                    w.split(' ').all(|w| known.contains(&plain(w)))
                }
            })
    };
    // One description that has it all: "Brexit" from one post and "secretary" from another
    // describe no one.
    // ("the Michigan congresswoman" of a "Rep."; "the New York lawmaker" of any member or leader
    // of a legislature.)
    let head_canonical = patterns.title_aliases.canonical(head).unwrap_or(head);
    let legislator = |d: &super::describe::Description| {
        let post = super::describe::canonical_title(&d.title, patterns);
        patterns.comparison.groups.iter().any(|(group, posts)| {
            matches!(group.as_str(), "legislator" | "chamber leader") && posts.contains(&post)
        })
    };
    std::iter::once(&e.post).chain(&e.posts).any(|d| {
        let known = words_of(d);
        let headed = match head_party {
            Some(p) => has_party(p),
            None => {
                head.split(' ').all(|w| known.contains(&plain(w)))
                    || head_canonical.split(' ').all(|w| known.contains(&plain(w)))
                    || matches!(head, "lawmaker" | "legislator") && legislator(d)
            }
        };
        headed && confirmed_by(&known)
    })
}

/// Whether the parties a description gives agree with what the article says of `e`: a party that
/// is the description's head must be `e`'s, or come with a state when the article gives `e` no
/// party and an `elected` office ("the Republican" may be anyone); one that qualifies a post ("the Democratic
/// presidential candidate") must not be another party than `e`'s.
fn parties_agree(
    e: &Entity,
    words: &[&str],
    head_party: Option<&str>,
    elected: bool,
    patterns: &crate::pattern::PatternSet,
) -> bool {
    let descriptions = || std::iter::once(&e.post).chain(&e.posts);
    let parties: Vec<String> = head_party
        .map(str::to_string)
        .into_iter()
        .chain(
            words
                .iter()
                .filter(|w| w.starts_with(char::is_uppercase))
                .filter_map(|w| super::describe::party_of(w, patterns)),
        )
        .collect();
    // A state among its words that is not the person's ("the Texas Democrat" for Rep. Lena
    // Ortiz, D-Calif.) is someone else.
    let place: Vec<&str> = words
        .iter()
        .copied()
        .filter(|w| {
            w.starts_with(char::is_uppercase) && super::describe::party_of(w, patterns).is_none()
        })
        .collect();
    let state = patterns.us_states.canonical(&place.join(" "));
    let home = e
        .home_state
        .as_deref()
        .map(|h| patterns.us_states.canonical(h).unwrap_or(h));
    if let (Some(s), Some(h)) = (state, home) {
        if s != h {
            return false;
        }
    }
    let party_known = descriptions().any(|d| !d.party.is_empty());
    let has_party = |p: &String| descriptions().any(|d| &d.party == p);
    if party_known {
        return parties.iter().all(has_party);
    }
    // A party head with no party known is confirmed only with a state, for someone who holds an
    // elected office ("Sen. Lindsey Graham … the South Carolina Republican").
    head_party.is_none() || (elected && state.is_some())
}
