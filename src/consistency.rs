//! Stage 8, **check**: quote rows of many articles → one [`SpeakerReport`] per speaker, saying
//! whether the titles and affiliations the articles give that speaker agree.
//!
//! In: [`QuoteRecord`]s (from extraction, or read back from tables). Out: [`SpeakerReport`]s, with
//! a [`Verdict`] and a one-sentence reason naming both forms.
//!
//! * Speakers are linked across articles by their folded name (case, accents, hyphens, periods and
//!   honorifics do not matter: `Kim Jong Un` = `Kim Jong-un` = `KIM Jong Un`). A surname alone
//!   joins a full name only when exactly one full name has that surname, so Duyeon Kim and Kim
//!   Jong Un never merge.
//! * Titles are compared after normalisation, all of it data in `patterns/`: case, the words of
//!   `consistency.toml`'s `drop_words`, title spellings (`lexicon/title-aliases.txt`: CEO = chief
//!   executive officer), country qualifiers moved to the affiliation and folded
//!   (`lexicon/places.txt`: US = U.S. = United States = American), organisation aliases
//!   (`lexicon/org-aliases.txt`, and initials: AWU = Aviation Workers Union).
//! * [`Verdict::Conflict`]: a different post, a different organisation, or former vs serving.
//!   [`Verdict::Refinement`]: one form adds detail without contradicting (`envoy` / `special envoy
//!   for Arctic affairs`). [`Verdict::Consistent`]: the same post, however spelt.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::pattern::PatternSet;
use crate::speaker::fold;
use crate::table::QuoteRecord;

/// The verdict on one speaker.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// A different post, organisation, or former vs serving.
    Conflict,
    /// One form adds detail to the other.
    Refinement,
    /// The same post in every article.
    Consistent,
}

impl Verdict {
    /// The lowercase name.
    pub fn as_str(&self) -> &'static str {
        match self {
            Verdict::Conflict => "conflict",
            Verdict::Refinement => "refinement",
            Verdict::Consistent => "consistent",
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
    /// Byte offset where the title was given (or of the first quote when there is no title).
    pub start: usize,
    /// End of where the title was given.
    pub end: usize,
}

/// The verdict on one speaker across articles.
#[derive(Clone, Debug, Serialize)]
pub struct SpeakerReport {
    /// The speaker's fullest name.
    pub speaker: String,
    /// The verdict.
    pub verdict: Verdict,
    /// One plain sentence naming both forms.
    pub reason: String,
    /// One entry per article.
    pub mentions: Vec<Mention>,
}

/// A title and affiliation, normalised for comparison.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Post {
    words: BTreeSet<String>,
    former: bool,
    orgs: BTreeSet<String>,
    /// Countries and blocs (US, European Union): a qualifier, compared only when both give one.
    places: BTreeSet<String>,
}

/// Compares two (title, affiliation) forms; returns the verdict and, unless consistent, what
/// differs as a short clause ("different posts").
pub fn compare(a: (&str, &str), b: (&str, &str), patterns: &PatternSet) -> (Verdict, &'static str) {
    compare_posts(
        &normalise(a.0, a.1, patterns),
        &normalise(b.0, b.1, patterns),
    )
}

/// [`compare`] of two forms already normalised.
fn compare_posts(pa: &Post, pb: &Post) -> (Verdict, &'static str) {
    if pa.former != pb.former && !pa.words.is_empty() && !pb.words.is_empty() {
        return (Verdict::Conflict, "a former post against a serving one");
    }
    let mut verdict = Verdict::Consistent;
    let mut why = "";
    if !pa.words.is_empty() && !pb.words.is_empty() && pa.words != pb.words {
        if pa.words.is_subset(&pb.words) || pb.words.is_subset(&pa.words) {
            verdict = Verdict::Refinement;
            why = "one title adds detail to the other";
        } else {
            return (Verdict::Conflict, "different posts");
        }
    }
    if !pa.places.is_empty()
        && !pb.places.is_empty()
        && pa.places.is_disjoint(&pb.places)
        && pa.orgs.is_empty()
        && pb.orgs.is_empty()
    {
        return (Verdict::Conflict, "different countries");
    }
    match (pa.orgs.is_empty(), pb.orgs.is_empty()) {
        (false, false) => {
            if !orgs_agree(&pa.orgs, &pb.orgs) {
                return (Verdict::Conflict, "different organisations");
            }
            if pa.orgs != pb.orgs
                && verdict == Verdict::Consistent
                && !orgs_agree_exact(&pa.orgs, &pb.orgs)
            {
                verdict = Verdict::Refinement;
                why = "one affiliation adds detail to the other";
            }
        }
        // One form leaves the organisation out: an omission, not a different description.
        (true, false) | (false, true) => {}
        (true, true) => {}
    }
    (verdict, why)
}

fn orgs_agree(a: &BTreeSet<String>, b: &BTreeSet<String>) -> bool {
    a.iter().any(|x| b.iter().any(|y| org_match(x, y)))
}

fn orgs_agree_exact(a: &BTreeSet<String>, b: &BTreeSet<String>) -> bool {
    a.iter().all(|x| {
        b.iter()
            .any(|y| x == y || initials_match(x, y) || initials_match(y, x))
    }) && b.iter().all(|y| {
        a.iter()
            .any(|x| x == y || initials_match(x, y) || initials_match(y, x))
    })
}

/// Two folded organisation names agree when equal, when one is the other's initials, or when one's
/// words are all in the other ("pine hollow" / "pine hollow city").
fn org_match(x: &str, y: &str) -> bool {
    if x == y || initials_match(x, y) || initials_match(y, x) {
        return true;
    }
    let wx: BTreeSet<&str> = x.split(' ').collect();
    let wy: BTreeSet<&str> = y.split(' ').collect();
    wx.is_subset(&wy) || wy.is_subset(&wx)
}

/// Whether `short` (one word) is the initials of `long`'s significant words.
fn initials_match(short: &str, long: &str) -> bool {
    if short.contains(' ') || short.len() < 2 {
        return false;
    }
    let initials: String = long
        .split(' ')
        .filter(|w| !matches!(*w, "of" | "the" | "for" | "and" | "on" | "in" | "at"))
        .filter_map(|w| w.chars().next())
        .collect();
    initials == short
}

fn normalise(title: &str, affiliation: &str, patterns: &PatternSet) -> Post {
    let mut post = Post::default();
    let raw: Vec<&str> = title
        .split(|c: char| c.is_whitespace() || c == ',' || c == '/')
        .map(|w| {
            w.trim_matches(|c: char| {
                !c.is_alphanumeric() && c != '.' && c != '-' && c != '’' && c != '\''
            })
        })
        .map(|w| w.trim_end_matches("’s").trim_end_matches("'s"))
        .filter(|w| !w.is_empty())
        .collect();
    // Country qualifiers inside the title move to the places (as written first: "US" is a
    // place, "us" is not).
    let mut kept: Vec<&str> = Vec::new();
    let mut i = 0;
    let max = patterns.places.max_words().max(1);
    'outer: while i < raw.len() {
        for len in (1..=max.min(raw.len() - i)).rev() {
            let phrase = raw[i..i + len].join(" ");
            if let Some(c) = patterns.places.canonical(&phrase) {
                post.places.insert(fold(c));
                i += len;
                continue 'outer;
            }
        }
        kept.push(raw[i]);
        i += 1;
    }
    let words: Vec<String> = kept
        .iter()
        .map(|w| fold(w.trim_end_matches('.')).replace(' ', "-"))
        .filter(|w| !w.is_empty())
        .collect();
    // Title spellings (CEO = chief executive officer), longest phrase first.
    let rest = replace_phrases(&words, |p| {
        patterns.title_aliases.canonical(p).map(str::to_lowercase)
    });
    for w in rest {
        if patterns.former_words.contains(&w) {
            post.former = true;
        } else if !patterns.consistency_drop_words.contains(&w) {
            post.words.insert(w);
        }
    }
    let aff = affiliation.trim();
    if !aff.is_empty() {
        if let Some(c) = patterns.places.canonical(aff) {
            post.places.insert(fold(c));
            return post;
        }
        let canon = patterns
            .org_aliases
            .canonical(aff)
            .map(str::to_string)
            .unwrap_or_else(|| aff.trim_start_matches("the ").to_string());
        let f = fold(&canon.replace(['’', '\''], ""));
        let f = f.strip_prefix("the ").unwrap_or(&f).to_string();
        post.orgs.insert(f);
    }
    post
}

/// Replaces phrases of `words` that `canon` knows by their canonical words.
fn replace_phrases(words: &[String], canon: impl Fn(&str) -> Option<String>) -> Vec<String> {
    let mut out = Vec::new();
    let mut i = 0;
    'outer: while i < words.len() {
        for len in (1..=4.min(words.len() - i)).rev() {
            let phrase = words[i..i + len].join(" ");
            let alt = phrase.replace('-', " ");
            if let Some(c) = canon(&phrase)
                .or_else(|| canon(&alt))
                .or_else(|| canon(&format!("{phrase}.")))
            {
                out.extend(c.split(' ').map(str::to_string));
                i += len;
                continue 'outer;
            }
        }
        out.push(words[i].clone());
        i += 1;
    }
    out
}

/// Groups rows by speaker across articles and compares their titles.
///
/// Returns one report per speaker quoted in at least `min_articles` articles, conflicts first,
/// then refinements, then consistent speakers, each group sorted by name.
pub fn check(
    records: &[QuoteRecord],
    patterns: &PatternSet,
    min_articles: usize,
) -> Vec<SpeakerReport> {
    // Link names: full folded names, then lone surnames to a unique full name.
    let mut full: BTreeMap<String, String> = BTreeMap::new(); // folded → display
    for r in records {
        let f = name_key(&r.speaker, patterns);
        if f.contains(' ') {
            let display = full.entry(f).or_insert_with(|| r.speaker.clone());
            if r.speaker.len() > display.len() {
                *display = r.speaker.clone();
            }
        }
    }
    let mut by_surname: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for f in full.keys() {
        let parts: Vec<&str> = f.split(' ').collect();
        for s in [parts[0], parts[parts.len() - 1]] {
            by_surname.entry(s.to_string()).or_default().push(f.clone());
        }
    }
    let key_of = |speaker: &str| -> Option<String> {
        let f = name_key(speaker, patterns);
        if f.is_empty() {
            return None;
        }
        if f.contains(' ') {
            return Some(f);
        }
        match by_surname.get(&f).map(Vec::as_slice) {
            Some([only]) => Some(only.clone()),
            _ => Some(f),
        }
    };
    // speaker → article → mention (the first in the article that has a title, else the first).
    let mut groups: BTreeMap<String, BTreeMap<String, Mention>> = BTreeMap::new();
    for r in records {
        let Some(k) = key_of(&r.speaker) else {
            continue;
        };
        let m = Mention {
            article: r.article.clone(),
            name: r.speaker.clone(),
            title: r.title.clone(),
            affiliation: r.affiliation.clone(),
            start: r.title_start.unwrap_or(r.start),
            end: r.title_end.unwrap_or(r.end),
        };
        let slot = groups
            .entry(k)
            .or_default()
            .entry(r.article.clone())
            .or_insert_with(|| m.clone());
        if slot.title.is_empty()
            && slot.affiliation.is_empty()
            && !(m.title.is_empty() && m.affiliation.is_empty())
        {
            *slot = m;
        }
    }
    let mut reports = Vec::new();
    for (k, arts) in groups {
        if arts.len() < min_articles {
            continue;
        }
        let mentions: Vec<Mention> = arts.into_values().collect();
        let display = full
            .get(&k)
            .cloned()
            .unwrap_or_else(|| mentions[0].name.clone());
        let (verdict, reason) = judge(&mentions, patterns);
        reports.push(SpeakerReport {
            speaker: display,
            verdict,
            reason,
            mentions,
        });
    }
    reports.sort_by(|a, b| {
        a.verdict
            .cmp(&b.verdict)
            .then_with(|| a.speaker.cmp(&b.speaker))
    });
    reports
}

fn name_key(speaker: &str, patterns: &PatternSet) -> String {
    let words: Vec<&str> = speaker
        .split_whitespace()
        .filter(|w| !crate::speaker::name::is_honorific(w, patterns))
        .filter(|w| !(w.len() == 2 && w.ends_with('.')))
        .collect();
    fold(&words.join(" "))
}

/// The worst verdict over all pairs of distinct forms, with its reason.
fn judge(mentions: &[Mention], patterns: &PatternSet) -> (Verdict, String) {
    let mut worst = (Verdict::Consistent, String::new());
    // One mention per distinct (title, affiliation): a speaker quoted in a thousand articles has
    // a handful of forms, and only those need comparing.
    let mut seen = BTreeSet::new();
    let distinct: Vec<&Mention> = mentions
        .iter()
        .filter(|m| seen.insert((m.title.as_str(), m.affiliation.as_str())))
        .collect();
    // Each form normalised once; the pairs are compared until the first conflict (nothing is
    // worse), so that many forms that all differ cost one pass, not every pair.
    let posts: Vec<Post> = distinct
        .iter()
        .map(|m| normalise(&m.title, &m.affiliation, patterns))
        .collect();
    'pairs: for i in 0..distinct.len() {
        for j in i + 1..distinct.len() {
            let (a, b) = (distinct[i], distinct[j]);
            let (v, why) = compare_posts(&posts[i], &posts[j]);
            if v < worst.0 {
                worst = (
                    v,
                    format!(
                        "{} in {} but {} in {}: {why}.",
                        form(a),
                        a.article,
                        form(b),
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
        let forms: BTreeSet<String> = mentions
            .iter()
            .filter(|m| !m.title.is_empty() || !m.affiliation.is_empty())
            .map(form)
            .collect();
        worst.1 = match forms.len() {
            0 => format!("No article gives a title ({} articles).", mentions.len()),
            1 => format!(
                "Every article that gives a title says {}.",
                forms.iter().next().map(String::as_str).unwrap_or("")
            ),
            _ => format!(
                "The forms {} are the same post written differently.",
                forms.iter().cloned().collect::<Vec<_>>().join(" and ")
            ),
        };
    }
    worst
}

fn form(m: &Mention) -> String {
    match (m.title.is_empty(), m.affiliation.is_empty()) {
        (true, true) => "no title".to_string(),
        (false, true) => format!("\"{}\"", m.title),
        (true, false) => format!("\"({})\"", m.affiliation),
        (false, false) => format!("\"{}, {}\"", m.title, m.affiliation),
    }
}
