//! Stage 8, **check**: quote rows of many articles → one [`SpeakerReport`] per person, saying
//! whether the descriptions the articles give that person can all be true.
//!
//! In: [`QuoteRecord`]s (from extraction, or read back from tables), the articles' texts (for the
//! evidence sentences), and [`CheckOptions`] (the articles' dates, which speakers to report).
//! Out: [`SpeakerReport`]s, each with a [`Verdict`], a one-sentence reason naming both forms, every
//! distinct description with the articles that give it and the sentence that gives it.
//!
//! * Speakers are linked across articles by their folded name (case, accents, hyphens, periods and
//!   honorifics do not matter: `Kim Jong Un` = `Kim Jong-un` = `KIM Jong Un`). A surname alone
//!   joins a full name only when exactly one full name has that surname, so Duyeon Kim and Kim
//!   Jong Un never merge. Only people are checked: organisations, places and groups are left out.
//! * A description is a post (title), an organisation or place (affiliation), a party and a
//!   status (`former`, `then`, …), compared after normalisation ([`post`]): title spellings
//!   (`CEO` = `chief executive officer`, `Sen.` = `senator`), country qualifiers (`US` = `United
//!   States`), organisation aliases and initials, party names (`Tory` = `Conservative`).
//! * [`Verdict::Conflict`]: descriptions that cannot both be true at once: another rank or post at
//!   the same organisation, the same post at another organisation, another party, former against
//!   serving. Posts one person holds at once (`Rep.` and `chairman of the House Oversight
//!   Committee`, `co-founder` and `executive director`) are no conflict (`consistency.toml`).
//!   [`Verdict::Changed`]: the same differences between articles whose dates lie more than
//!   [`SAME_TIME_DAYS`] apart: the later article gives the newer description. [`Verdict::Refinement`]:
//!   one description adds detail to the other. [`Verdict::Consistent`]: the same description,
//!   however spelt, in at least two articles. [`Verdict::Unverified`]: fewer than two articles
//!   describe the speaker, so nothing was compared.

pub mod dates;
pub mod evidence;
pub mod post;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde::Serialize;

use crate::pattern::PatternSet;
use crate::speaker::fold;
use crate::table::QuoteRecord;
use dates::apart_in_time;
pub use dates::{Dates, SAME_TIME_DAYS};
use post::{normalise, Comparison, Post, Rules};

/// The verdict on one speaker, worst first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// Descriptions that cannot both be true at the same time.
    Conflict,
    /// A different description in a later article: the post changed over time.
    Changed,
    /// One description adds detail to the other.
    Refinement,
    /// The same description in at least two articles.
    Consistent,
    /// Fewer than two articles describe the speaker: nothing was compared.
    Unverified,
}

impl Verdict {
    /// The lowercase name.
    pub fn as_str(&self) -> &'static str {
        match self {
            Verdict::Conflict => "conflict",
            Verdict::Changed => "changed",
            Verdict::Refinement => "refinement",
            Verdict::Consistent => "consistent",
            Verdict::Unverified => "unverified",
        }
    }
}

/// Where and how one article described a speaker.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Mention {
    /// The article.
    pub article: String,
    /// The name as written there.
    #[serde(skip)]
    pub name: String,
    /// The title given there.
    pub title: String,
    /// The affiliation given there.
    pub affiliation: String,
    /// The party given there.
    pub party: String,
    /// The status of the post given there.
    pub status: String,
    /// The article's date, when known (`YYYY-MM-DD`, or shorter).
    pub date: String,
    /// Byte offset where the title was given (or of the first quote when there is no title).
    pub start: usize,
    /// End of where the title was given.
    pub end: usize,
    /// The sentence that gives the description, when the article's text is at hand.
    pub evidence: String,
    /// That sentence tells of a year before the article's ("In 2018, …"): the post given is the
    /// one held then.
    #[serde(skip)]
    pub told_of_past: bool,
}

impl Mention {
    /// Whether the article describes the speaker at all.
    pub fn describes(&self) -> bool {
        !(self.title.is_empty() && self.affiliation.is_empty() && self.party.is_empty())
    }

    /// The description as reasons write it: status, title, affiliation and party in one phrase.
    pub fn form(&self) -> String {
        form(&self.title, &self.affiliation, &self.party, &self.status)
    }
}

/// One distinct description of a speaker and the articles that give it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Description {
    /// The title.
    pub title: String,
    /// The affiliation.
    pub affiliation: String,
    /// The party.
    pub party: String,
    /// The status of the post.
    pub status: String,
    /// The articles that give it, in path order.
    pub articles: Vec<String>,
    /// The sentence of the first of them that gives it.
    pub evidence: String,
}

impl Description {
    /// The description as reasons write it: `"Sen., Republican"`, `"former chief economist,
    /// Halvorsen Bank"`.
    pub fn form(&self) -> String {
        form(&self.title, &self.affiliation, &self.party, &self.status)
    }
}

/// The verdict on one speaker across articles.
#[derive(Clone, Debug, Serialize)]
pub struct SpeakerReport {
    /// The speaker's name, as written in full in one of the articles.
    pub speaker: String,
    /// The verdict.
    pub verdict: Verdict,
    /// One plain sentence naming both forms.
    pub reason: String,
    /// Each distinct description once, with the articles that give it.
    pub descriptions: Vec<Description>,
    /// Whether the name is a person's ([`is_person`]); organisations and groups are reported
    /// only with [`CheckOptions::include_groups`].
    pub person: bool,
    /// One entry per article.
    pub mentions: Vec<Mention>,
}

/// What [`check`] reports.
#[derive(Clone, Debug)]
pub struct CheckOptions {
    /// Report speakers quoted in at least this many articles (2: those that can be compared).
    pub min_articles: usize,
    /// Only the speaker whose name folds to this (`--speaker`), when given.
    pub speaker: Option<String>,
    /// The articles' dates (`--dates`): before the rows' own `date`.
    pub dates: Dates,
    /// Report organisations, places and groups too (after the people).
    pub include_groups: bool,
}

impl Default for CheckOptions {
    fn default() -> CheckOptions {
        CheckOptions {
            min_articles: 2,
            speaker: None,
            dates: Dates::default(),
            include_groups: false,
        }
    }
}

/// Groups rows by person across articles and compares their descriptions.
///
/// Returns one report per person quoted in at least `options.min_articles` articles: conflicts
/// first, then changes, refinements, consistent and unverified speakers, each group sorted by
/// name (then, with `options.include_groups`, the organisations and groups in the same order). `texts` (article name → text as the pipeline read it) gives the evidence sentences.
pub fn check(
    records: &[QuoteRecord],
    texts: &HashMap<String, String>,
    patterns: &PatternSet,
    options: &CheckOptions,
) -> Vec<SpeakerReport> {
    let links = Links::new(records, patterns);
    let rules = Rules::new(patterns);
    // speaker → article → mention (the first in the article that describes, else the first).
    let mut groups: BTreeMap<String, BTreeMap<String, Mention>> = BTreeMap::new();
    for r in records {
        let Some(k) = links.key_of(&r.speaker) else {
            continue;
        };
        let date = options.dates.get(&r.article).unwrap_or(&r.date).to_string();
        let m = Mention {
            article: r.article.clone(),
            name: r.speaker.clone(),
            title: r.title.clone(),
            affiliation: r.affiliation.clone(),
            party: r.party.clone(),
            status: r.status.clone(),
            date,
            start: r.title_start.unwrap_or(r.start),
            end: r.title_end.unwrap_or(r.end),
            evidence: String::new(),
            told_of_past: false,
        };
        let slot = groups
            .entry(k)
            .or_default()
            .entry(r.article.clone())
            .or_insert_with(|| m.clone());
        if !slot.describes() && m.describes() {
            *slot = m;
        } else if slot.party.is_empty() && !m.party.is_empty() {
            slot.party = m.party;
        }
    }
    let wanted = options.speaker.as_deref().map(|s| name_key(s, patterns));
    let mut reports = Vec::new();
    let mut latest_years: HashMap<String, Option<u32>> = HashMap::new();
    for (k, arts) in groups {
        if arts.len() < options.min_articles || wanted.as_ref().is_some_and(|w| *w != k) {
            continue;
        }
        let mut mentions: Vec<Mention> = arts.into_values().collect();
        let display = links.display(&k, &mentions);
        let person = is_person(&display, patterns);
        if !person && !options.include_groups {
            continue;
        }
        for m in &mut mentions {
            let text = texts.get(&m.article);
            let found = text.and_then(|t| evidence::around(t, m.start, m.end));
            // "Trump set out to fire FBI Director James Comey": a post told as it ended.
            // (The organisation written before the post is read past: "fire FBI Director".)
            let ended = found.as_ref().is_some_and(|e| {
                let before = e.before.trim_end();
                let before = (!m.affiliation.is_empty())
                    .then(|| before.strip_suffix(m.affiliation.as_str()))
                    .flatten()
                    .unwrap_or(&e.before);
                dates::told_as_ended(before)
            });
            m.evidence = found
                .map(|e| format!("{}{}{}", e.before, e.given, e.after))
                .unwrap_or_default();
            // "Now" is the article's date, else the latest year it writes.
            let now = m
                .date
                .get(..4)
                .and_then(|y| y.parse::<u32>().ok())
                .or_else(|| {
                    let t = text?;
                    *latest_years
                        .entry(m.article.clone())
                        .or_insert_with(|| dates::latest_year(t))
                });
            m.told_of_past = ended || now.is_some_and(|now| dates::told_of_past(&m.evidence, now));
        }
        let (verdict, reason) = judge(&mentions, patterns, &rules, &|o| links.is_name(o));
        reports.push(SpeakerReport {
            speaker: display,
            verdict,
            reason,
            descriptions: descriptions(&mentions),
            person,
            mentions,
        });
    }
    reports.sort_by(|a, b| {
        b.person
            .cmp(&a.person)
            .then_with(|| a.verdict.cmp(&b.verdict))
            .then_with(|| a.speaker.cmp(&b.speaker))
    });
    reports
}

/// The verdict of one title-comparison example of `consistency.toml`: descriptions `a` and `b`
/// (title, affiliation, party, status), from articles of the example's dates.
pub fn compare_example(
    ex: &crate::pattern::load::RawTitleExample,
    patterns: &PatternSet,
) -> (Verdict, String) {
    let field = |v: &[String], i: usize| v.get(i).cloned().unwrap_or_default();
    let (da, db) = ex
        .dates
        .clone()
        .map_or((String::new(), String::new()), |[a, b]| (a, b));
    let mention = |v: &[String], article: &str, date: String| Mention {
        article: article.to_string(),
        name: String::new(),
        title: field(v, 0),
        affiliation: field(v, 1),
        party: field(v, 2),
        status: field(v, 3),
        date,
        start: 0,
        end: 0,
        evidence: String::new(),
        told_of_past: false,
    };
    judge(
        &[mention(&ex.a, "a", da), mention(&ex.b, "b", db)],
        patterns,
        &Rules::new(patterns),
        &|o| ex.people.iter().any(|p| fold(p) == o),
    )
}

/// How names link across articles.
struct Links<'p> {
    patterns: &'p PatternSet,
    /// Folded full names (two words or more).
    full: BTreeSet<String>,
    /// A surname or given name → the full names that have it.
    by_part: BTreeMap<String, Vec<String>>,
    /// Folded full name → how often each spelling of it is written.
    spellings: BTreeMap<String, BTreeMap<String, usize>>,
}

impl<'p> Links<'p> {
    fn new(records: &[QuoteRecord], patterns: &'p PatternSet) -> Links<'p> {
        let mut full = BTreeSet::new();
        let mut spellings: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
        for r in records {
            let f = name_key(&r.speaker, patterns);
            if f.contains(' ') {
                full.insert(f.clone());
                *spellings
                    .entry(f)
                    .or_default()
                    .entry(r.speaker.clone())
                    .or_default() += 1;
            }
        }
        let mut by_part: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for f in &full {
            let parts: Vec<&str> = f.split(' ').collect();
            for s in [parts[0], parts[parts.len() - 1]] {
                by_part.entry(s.to_string()).or_default().push(f.clone());
            }
        }
        Links {
            patterns,
            full,
            by_part,
            spellings,
        }
    }

    /// The key a speaker name is grouped under: its folded full name, or for a single word the
    /// one full name that has it.
    fn key_of(&self, speaker: &str) -> Option<String> {
        let f = name_key(speaker, self.patterns);
        if f.is_empty() {
            return None;
        }
        if f.contains(' ') || self.full.contains(&f) {
            return Some(f);
        }
        match self.by_part.get(&f).map(Vec::as_slice) {
            Some([only]) => Some(only.clone()),
            _ => Some(f),
        }
    }

    /// Whether a folded organisation is a speaker's name, full or a surname alone ("trump").
    fn is_name(&self, folded: &str) -> bool {
        self.full.contains(folded)
            || self
                .by_part
                .get(folded)
                .is_some_and(|f| f.iter().any(|n| n.ends_with(&format!(" {folded}"))))
    }

    /// The name a speaker is shown under: the spelling of the full name written most often (one
    /// article's own writing, never a concatenation), else the first mention's.
    fn display(&self, key: &str, mentions: &[Mention]) -> String {
        self.spellings
            .get(key)
            .and_then(|s| {
                s.iter()
                    .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.len().cmp(&a.0.len())))
            })
            .map(|(name, _)| name.clone())
            .unwrap_or_else(|| mentions[0].name.clone())
    }
}

/// A speaker name folded for linking: honorifics and middle initials left out.
fn name_key(speaker: &str, patterns: &PatternSet) -> String {
    let words: Vec<&str> = speaker
        .split_whitespace()
        .filter(|w| !crate::speaker::name::is_honorific(w, patterns))
        .filter(|w| !(w.len() == 2 && w.ends_with('.')))
        .collect();
    fold(&words.join(" "))
}

/// Whether a speaker's name names a person rather than an organisation, a place or a group: a
/// full name (two words or more), no organisation word in it ("Committee", "Party", "News",
/// "House"), not a known place, not a description ("the ministry"), not a party.
pub fn is_person(name: &str, patterns: &PatternSet) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    let Some(first) = words.first() else {
        return false;
    };
    if first.eq_ignore_ascii_case("the") || patterns.places.canonical(name).is_some() {
        return false;
    }
    // A party, or an organisation the lexicon knows ("White House", "Pentagon").
    if crate::speaker::party_of(name, patterns).is_some()
        || patterns.org_aliases.canonical(name).is_some()
    {
        return false;
    }
    // A single word is no full name: a surname several people share ("Johnson", "Baker"), a
    // company ("Apple"), a group ("Prosecutors"); checked across articles, it would join them.
    if words.len() < 2 {
        return false;
    }
    !words
        .iter()
        .any(|w| w.starts_with(char::is_uppercase) && patterns.org_words.contains_ci(w))
}

/// Each distinct description once, with its articles and the first one's evidence.
fn descriptions(mentions: &[Mention]) -> Vec<Description> {
    let mut out: Vec<Description> = Vec::new();
    for m in mentions.iter().filter(|m| m.describes()) {
        let same = out.iter_mut().find(|d| {
            (
                d.title.as_str(),
                d.affiliation.as_str(),
                d.party.as_str(),
                d.status.as_str(),
            ) == (
                m.title.as_str(),
                m.affiliation.as_str(),
                m.party.as_str(),
                m.status.as_str(),
            )
        });
        match same {
            Some(d) => d.articles.push(m.article.clone()),
            None => out.push(Description {
                title: m.title.clone(),
                affiliation: m.affiliation.clone(),
                party: m.party.clone(),
                status: m.status.clone(),
                articles: vec![m.article.clone()],
                evidence: m.evidence.clone(),
            }),
        }
    }
    out
}

/// The worst verdict over all pairs of distinct descriptions, with its reason.
fn judge(
    mentions: &[Mention],
    patterns: &PatternSet,
    rules: &Rules<'_>,
    is_name: &dyn Fn(&str) -> bool,
) -> (Verdict, String) {
    // One mention per distinct description (and date): a speaker quoted in a thousand articles
    // has a handful of forms, and only those need comparing.
    let mut seen = BTreeSet::new();
    let distinct: Vec<&Mention> = mentions
        .iter()
        .filter(|m| m.describes())
        .filter(|m| {
            seen.insert((
                m.title.as_str(),
                m.affiliation.as_str(),
                m.party.as_str(),
                m.status.as_str(),
                m.date.as_str(),
                m.told_of_past,
            ))
        })
        .collect();
    let posts: Vec<Post> = distinct
        .iter()
        .map(|m| {
            let mut p = normalise(&m.title, &m.affiliation, &m.party, &m.status, patterns);
            // A post in a sentence that tells of an earlier year is the one held then.
            if m.told_of_past && !p.past {
                p.past = true;
                p.then = true;
            }
            // "Trump's attorney general": a person named as the affiliation is whom the post
            // serves, not an organisation to compare.
            let (names, orgs) = std::mem::take(&mut p.orgs)
                .into_iter()
                .partition(|o| is_name(o));
            p.principals = names;
            p.orgs = orgs;
            p
        })
        .collect();
    let described: BTreeSet<&str> = mentions
        .iter()
        .filter(|m| m.describes())
        .map(|m| m.article.as_str())
        .collect();
    if described.len() < 2 {
        return (
            Verdict::Unverified,
            format!(
                "Only {} of {} articles describe the speaker: nothing to compare.",
                described.len(),
                mentions.len()
            ),
        );
    }
    let mut worst = (Verdict::Consistent, String::new());
    let mut different = false;
    'pairs: for i in 0..distinct.len() {
        for j in i + 1..distinct.len() {
            let (mut a, mut b) = (distinct[i], distinct[j]);
            let (c, why) = post::compare(&posts[i], &posts[j], rules);
            let apart = apart_in_time(&a.date, &b.date);
            let v = match c {
                Comparison::Conflict | Comparison::Different if apart => Verdict::Changed,
                Comparison::Conflict => Verdict::Conflict,
                Comparison::Refinement => Verdict::Refinement,
                Comparison::Different | Comparison::HeldAtOnce | Comparison::Same => {
                    Verdict::Consistent
                }
            };
            different |= c == Comparison::Different;
            let mut why = why.to_string();
            if v == Verdict::Changed {
                if b.date < a.date {
                    std::mem::swap(&mut a, &mut b);
                }
                why = format!("{why}, {} then {}", a.date, b.date);
            }
            if v < worst.0 {
                worst = (
                    v,
                    format!(
                        "{} in {} but {} in {}: {why}.",
                        a.form(),
                        a.article,
                        b.form(),
                        b.article
                    ),
                );
                if v == Verdict::Conflict {
                    break 'pairs;
                }
            }
        }
    }
    if worst.0 == Verdict::Consistent {
        let forms: BTreeSet<String> = distinct.iter().map(|m| m.form()).collect();
        let forms_list = forms.iter().cloned().collect::<Vec<_>>().join(" and ");
        worst.1 = match forms.len() {
            1 => format!("Every article that describes the speaker says {forms_list}."),
            _ if different => format!(
                "The forms {forms_list} name different posts, which one person may hold at once \
                 or one after the other; none contradicts another."
            ),
            _ => format!(
                "The forms {forms_list} agree (the same post written differently, or posts held \
                 at once)."
            ),
        };
    }
    worst
}

/// A description as the reasons write it: `"Sen., Republican"`, `"former chief economist,
/// Halvorsen Bank"`, `"governor-elect"`; `no title` when there is none.
fn form(title: &str, affiliation: &str, party: &str, status: &str) -> String {
    let title = if status.is_empty() || title.is_empty() {
        title.to_string()
    } else if status == "elect" {
        format!("{title}-elect")
    } else {
        format!("{status} {title}")
    };
    let parts: Vec<&str> = [title.as_str(), affiliation, party]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
    if parts.is_empty() {
        "no title".to_string()
    } else {
        format!("\"{}\"", parts.join(", "))
    }
}
