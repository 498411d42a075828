//! One description of a speaker, normalised for comparison, and what two of them say together.
//!
//! In: a title, affiliation, party and status as a table row gives them. Out: a [`Post`]: the
//! title's words in a canonical spelling (`Sen.` = `senator`, `CEO` = `chief executive officer`),
//! whether it is a past post, the organisations, the country qualifiers, the party; then
//! [`compare`] says whether two posts agree, refine one another, or cannot both be true.
//! Everything English here is data: title and organisation spellings and places in
//! `patterns/lexicon/`, the words a comparison ignores, the posts held at once, in
//! `patterns/consistency.toml`.

use std::collections::BTreeSet;

use crate::pattern::PatternSet;
use crate::speaker::fold;

mod org;
use org::{orgs_agree, orgs_agree_exact};

/// A description, normalised for comparison.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Post {
    /// The title's words, canonical, lowercase, without the words comparisons ignore.
    pub words: BTreeSet<String>,
    /// The same words in their order, joined by spaces (`senate majority leader`).
    pub phrase: String,
    /// What post it is: the words without those of rank (`economist` for `chief economist`,
    /// `director` for `deputy director`); all the words when there are no others.
    pub head: BTreeSet<String>,
    /// The words that make another post of the same name (`deputy`, `vice`, `shadow`).
    pub distinguishing: BTreeSet<String>,
    /// The words of seniority (`chief`, `senior`).
    pub seniority: BTreeSet<String>,
    /// The title names a post at all (one of its words or phrases is in the titles lexicon); a
    /// phrase that names none ("As an ardent supporter") is not compared.
    pub titled: bool,
    /// A past post: status `former`, `then` or `retired`, or a former word in the title.
    pub past: bool,
    /// Held at the time the article tells of (`then`): past then, perhaps held still.
    pub then: bool,
    /// Not held yet (`elect`, `incoming`): held beside the post its holder has now
    /// ("Rep. Bill Cassidy", "Senator-elect Bill Cassidy").
    pub incoming: bool,
    /// Organisations, folded.
    pub orgs: BTreeSet<String>,
    /// Countries and blocs (US, European Union): a qualifier, compared only when both give one.
    pub places: BTreeSet<String>,
    /// The party, canonical.
    pub party: String,
    /// A US state the post is for (a senator's, a governor's), by its name.
    pub states: BTreeSet<String>,
    /// A military rank (`general`, `four-star general`; not `attorney general`).
    pub rank: bool,
    /// The people the post serves, taken out of `orgs` by the caller ("Trump's attorney
    /// general"), folded.
    pub principals: BTreeSet<String>,
}

/// The words of a title, without punctuation around them or an owner's `’s`, and without years
/// ("2012 GOP presidential candidate": a year says when, not what).
fn title_words(title: &str) -> Vec<&str> {
    title
        .split(|c: char| c.is_whitespace() || c == ',' || c == '/')
        .map(|w| {
            w.trim_matches(|c: char| {
                !c.is_alphanumeric() && c != '.' && c != '-' && c != '’' && c != '\''
            })
        })
        .map(|w| w.trim_end_matches("’s").trim_end_matches("'s"))
        .filter(|w| !(w.is_empty() || w.len() == 4 && w.chars().all(|c| c.is_ascii_digit())))
        .collect()
}

/// Normalises one description.
pub fn normalise(
    title: &str,
    affiliation: &str,
    party: &str,
    status: &str,
    patterns: &PatternSet,
) -> Post {
    let mut post = Post {
        past: matches!(status, "former" | "then" | "retired"),
        then: status == "then",
        incoming: matches!(status, "elect" | "incoming"),
        party: crate::speaker::party_of(party, patterns).unwrap_or_else(|| party.to_string()),
        ..Post::default()
    };
    let raw = title_words(title);
    // Country qualifiers inside the title move to the places (as written first: "US" is a
    // place, "us" is not).
    let mut kept: Vec<&str> = Vec::new();
    let mut i = 0;
    let max = patterns.places.max_words().max(1);
    'outer: while i < raw.len() {
        for len in (1..=max.min(raw.len() - i)).rev() {
            let phrase = raw[i..i + len].join(" ");
            // A US state is where a post is, not a country ("senator from Massachusetts").
            if let Some(state) = patterns.us_states.canonical(&phrase) {
                post.states.insert(fold(state));
                i += len;
                continue 'outer;
            }
            if let Some(c) = patterns.places.canonical(&phrase) {
                post.places.insert(fold(c));
                i += len;
                continue 'outer;
            }
        }
        kept.push(raw[i]);
        i += 1;
    }
    // A post placed in a list or in history ("Obama's first chief of staff", "the first vice
    // president to back …") says nothing of whether it is held now: it is not compared.
    // So does a year ("2012 GOP presidential candidate", "chairman from 1987 to 2006").
    let historic = title
        .split_whitespace()
        .next()
        .is_some_and(|w| patterns.comparison.history_words.contains(w))
        || title
            .split(|c: char| !c.is_ascii_digit())
            .any(|d| d.len() == 4 && d.parse::<u32>().is_ok_and(|y| (1900..=2100).contains(&y)));
    // A tie or a part in a story ("ally", "wife") names no post.
    post.titled = (0..kept.len()).any(|s| {
        (s + 1..=kept.len().min(s + patterns.titles.max_words)).any(|e| {
            let p = kept[s..e].join(" ");
            (patterns.titles.contains_ci(&p)
                || patterns
                    .title_aliases
                    .canonical(&p.to_lowercase())
                    .is_some())
                && !crate::speaker::is_relation(&p, patterns)
        })
    }) && !historic;
    let words: Vec<String> = kept
        .iter()
        .map(|w| fold(w.trim_end_matches('.')).replace(' ', "-"))
        .filter(|w| !w.is_empty())
        .collect();
    // Title spellings (CEO = chief executive officer), longest phrase first.
    let rest = replace_phrases(&words, |p| {
        patterns.title_aliases.canonical(p).map(str::to_lowercase)
    });
    let rules = &patterns.comparison;
    let mut phrase = Vec::new();
    for (k, w) in rest.into_iter().enumerate() {
        // A former word makes the post past where it starts the title; inside it ("strategist
        // and former adviser"), it starts a second, past post, which is left out.
        if rules.former_words.contains(&w) {
            if k > 0 {
                break;
            }
            post.past = true;
            post.then |= w == "then";
        } else if !rules.drop_words.contains(&w) {
            if rules.distinguishing_words.contains(&w) {
                post.distinguishing.insert(w.clone());
            } else if rules.seniority_words.contains(&w) {
                post.seniority.insert(w.clone());
            } else {
                post.head.insert(w.clone());
            }
            post.words.insert(w.clone());
            phrase.push(w);
        }
    }
    if post.head.is_empty() {
        post.head.clone_from(&post.words);
    }
    // A rank is the last word, with no other title word before it ("Army general", "four-star
    // general"; "attorney general" is an office).
    post.rank = phrase.split_last().is_some_and(|(last, rest)| {
        rules.ranks.contains(last) && !rest.iter().any(|w| patterns.titles.contains_ci(w))
    });
    post.phrase = phrase.join(" ");
    add_affiliation(&mut post, affiliation.trim(), patterns);
    post
}

/// Puts an affiliation into `post`: a US state, a country, or an organisation (by its canonical
/// name, folded).
fn add_affiliation(post: &mut Post, aff: &str, patterns: &PatternSet) {
    if aff.is_empty() {
        return;
    }
    if let Some(state) = patterns.us_states.canonical(aff) {
        post.states.insert(fold(state));
        return;
    }
    if let Some(c) = patterns.places.canonical(aff) {
        post.places.insert(fold(c));
        return;
    }
    // ("the chairman of EU leaders": a group of people who hold a post is no organisation.)
    let last = aff.rsplit(' ').next().unwrap_or("").to_lowercase();
    // (Not a firm's or a body's name: "AG Edwards & Sons", "Association of Fire Fighters".)
    if aff.contains(' ')
        && !aff.contains('&')
        && !aff.split(' ').any(|w| patterns.org_words.contains_ci(w))
        && last
            .strip_suffix('s')
            .is_some_and(|one| patterns.titles.contains(one))
    {
        return;
    }
    let aff = &without_initials_periods(aff);
    // "Lib Dem Treasury" (spokesman): a party before a known organisation is the post's
    // party ("Democratic National Committee" is one name).
    let words: Vec<&str> = aff.split(' ').collect();
    let aff = match (1..words.len().min(4)).rev().find(|&k| {
        crate::speaker::party_of(&words[..k].join(" "), patterns).is_some()
            && patterns
                .org_aliases
                .canonical(&words[k..].join(" "))
                .is_some()
    }) {
        Some(k) => {
            if post.party.is_empty() {
                post.party =
                    crate::speaker::party_of(&words[..k].join(" "), patterns).unwrap_or_default();
            }
            words[k..].join(" ")
        }
        None => aff.to_string(),
    };
    let aff = without_place_owner(&aff, patterns);
    let canon = patterns
        .org_aliases
        .canonical(aff)
        .map(str::to_string)
        .unwrap_or_else(|| aff.trim_start_matches("the ").to_string());
    // ("Trump’s 2016 campaign" names Trump: the possessive ending goes with its mark.)
    let f = fold(
        &canon
            .replace("’s ", " ")
            .replace("'s ", " ")
            .replace(['’', '\''], ""),
    );
    let f = f.strip_prefix("the ").unwrap_or(&f).to_string();
    post.orgs.insert(f);
}

/// "China’s Global Times newspaper", "the Communist Party’s Global Times": an owner that is a
/// place or a party before an organisation's name is no part of the name.
fn without_place_owner<'a>(aff: &'a str, patterns: &PatternSet) -> &'a str {
    let Some((owner, rest)) = aff.split_once("’s ").or_else(|| aff.split_once("'s ")) else {
        return aff;
    };
    let owner = owner.trim_start_matches("the ");
    let placed =
        patterns.names_a_place(owner) || crate::speaker::party_of(owner, patterns).is_some();
    if placed && rest.split(' ').any(|w| w.starts_with(char::is_uppercase)) {
        rest
    } else {
        aff
    }
}

/// `aff` with the periods of initials taken out ("C.I.A." = "CIA", "U.S. House" = "US House").
fn without_initials_periods(aff: &str) -> String {
    aff.split(' ')
        .map(|w| {
            let letters = w.trim_end_matches('.').split('.');
            if w.len() >= 4 && letters.clone().all(|l| l.chars().count() == 1) {
                letters.collect::<String>()
            } else {
                w.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// What two descriptions say together.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Comparison {
    /// They cannot both be true at once.
    Conflict,
    /// Different posts, which one person may hold at once or one after the other.
    Different,
    /// Posts one person holds at once (`consistency.toml`).
    HeldAtOnce,
    /// One adds detail to the other.
    Refinement,
    /// The same description, however written.
    Same,
}

/// `consistency.toml`'s lists of posts, normalised as titles are: each post a set of canonical
/// words, which a title holds when it has all of them ("chairman" is held by "chairman of the
/// House Oversight Committee").
#[derive(Clone, Debug)]
pub struct Rules<'p> {
    patterns: &'p PatternSet,
    exclusive: Vec<Vec<BTreeSet<String>>>,
    with_any: Vec<BTreeSet<String>>,
    between_places: Vec<BTreeSet<String>>,
    groups: Vec<(String, Vec<BTreeSet<String>>)>,
    pairs: Vec<(String, String)>,
}

/// Whether `p` is the post `post`: it has all of its words.
fn is(p: &Post, post: &BTreeSet<String>) -> bool {
    !post.is_empty() && post.is_subset(&p.words)
}

impl<'p> Rules<'p> {
    /// Normalises the pattern set's lists.
    pub fn new(patterns: &'p PatternSet) -> Rules<'p> {
        let c = &patterns.comparison;
        let words = |post: &String| normalise(post, "", "", "", patterns).words;
        Rules {
            patterns,
            exclusive: c
                .exclusive
                .iter()
                .map(|g| g.iter().map(words).collect())
                .collect(),
            with_any: c.held_with_any.iter().map(words).collect(),
            between_places: c.posts_between_places.iter().map(words).collect(),
            groups: c
                .groups
                .iter()
                .map(|(name, posts)| (name.clone(), posts.iter().map(words).collect()))
                .collect(),
            pairs: c.held_together.clone(),
        }
    }

    /// Whether one person holds `a` and `b` at once: one of them is held with any other
    /// ("founder", "candidate"), or their groups are listed together ("senator" with "chairman":
    /// a senator chairs a committee).
    pub fn held_at_once(&self, a: &Post, b: &Post) -> bool {
        if self.held_with_any(a) || self.held_with_any(b) {
            return true;
        }
        let groups_of = |p: &Post| -> Vec<&str> {
            self.groups
                .iter()
                .filter(|(_, posts)| posts.iter().any(|e| is(p, e)))
                .map(|(name, _)| name.as_str())
                .collect()
        };
        let (ga, gb) = (groups_of(a), groups_of(b));
        self.pairs.iter().any(|(x, y)| {
            (ga.contains(&x.as_str()) && gb.contains(&y.as_str()))
                || (ga.contains(&y.as_str()) && gb.contains(&x.as_str()))
        })
    }

    /// Whether a folded word of an organisation's name names it rather than its kind or place
    /// ("kaiser", not "foundation", "national" or "york").
    fn distinctive(&self, w: &str) -> bool {
        let p = self.patterns;
        w.chars().count() > 2
            && !p.org_words.contains_ci(w)
            && !p.comparison.generic_org_words.contains(w)
            && !p.function_words.contains(w)
            && p.places.canonical(w).is_none()
    }

    /// "President Obama's former campaign strategist" and "Democratic strategist": a specific
    /// post left (one of `a`, `b`), the generic one held still (a strategist elsewhere). Without
    /// an organisation or a person served, the serving one names no post the former one could be.
    /// A serving one written with a party is a kind of work, and may add a word of its field:
    /// "former adviser to President George W. Bush" and "Republican economic adviser", "who
    /// served as a pollster for Sen. Marco Rubio" and "Republican pollster".
    fn generic_still_held(&self, a: &Post, b: &Post) -> bool {
        let (past, serving) = if a.past { (a, b) } else { (b, a) };
        let p = self.patterns;
        // (A party makes the serving one a kind of work, not an office: "Republican pollster",
        // against "Education Secretary" and "former Education Secretary" under Obama.)
        let kind_of_work = !serving.party.is_empty()
            && (!past.orgs.is_empty() || !past.principals.is_empty())
            && (serving.words.is_subset(&past.words) || past.words.is_subset(&serving.words));
        serving.orgs.is_empty()
            && serving.principals.is_empty()
            && serving.places.is_empty()
            && serving.states.is_empty()
            && (kind_of_work
                || serving.words.is_subset(&past.words)
                    && (!past.orgs.is_empty()
                        || past
                            .words
                            .difference(&serving.words)
                            .any(|w| !p.function_words.contains(w) && !p.prepositions.contains(w))))
    }

    /// Whether `a` and `b` chair two bodies one person may chair at once: "Chairman of the
    /// Senate Republican Conference" and "Chairman of the Senate Commerce Committee".
    fn chairs_of_bodies(&self, a: &Post, b: &Post) -> bool {
        let chair = |p: &Post| {
            self.groups
                .iter()
                .any(|(name, posts)| name == "chair" && posts.iter().any(|e| is(p, e)))
        };
        let bodies = &self.patterns.comparison.bodies_chaired_at_once;
        let body = |p: &Post| {
            p.orgs
                .iter()
                .any(|o| o.split(' ').any(|w| bodies.contains(w)))
        };
        chair(a) && chair(b) && body(a) && body(b)
    }

    /// Whether `p` is a candidacy ("presidential candidate", "nominee").
    fn candidacy(&self, p: &Post) -> bool {
        let c = &self.patterns.comparison.candidacies;
        p.words.iter().any(|w| c.contains(w))
    }

    /// Whether `p` is a bare serving title that is also the form of address of one who has left
    /// the post ("President Bill Clinton" years later, "Judge Andrew Napolitano"): no serving
    /// post against a former or another one.
    fn courtesy(&self, p: &Post) -> bool {
        !p.past
            && p.orgs.is_empty()
            && p.places.is_empty()
            && p.states.is_empty()
            && self.patterns.comparison.courtesy_titles.contains(&p.phrase)
    }

    /// Whether `p` is a post between two places, a sender and a host ("ambassador").
    pub fn between_places(&self, p: &Post) -> bool {
        self.between_places.iter().any(|e| is(p, e))
    }

    /// Whether `p` is a post held beside any other ("founder", "candidate").
    pub fn held_with_any(&self, p: &Post) -> bool {
        self.with_any.iter().any(|e| is(p, e))
    }

    /// Whether `a` and `b` are two posts of a group of which one person holds one at a time
    /// (mayor and council member).
    pub fn exclusive(&self, a: &Post, b: &Post) -> bool {
        self.exclusive.iter().any(|group| {
            group.iter().enumerate().any(|(i, x)| {
                group
                    .iter()
                    .enumerate()
                    .any(|(j, y)| i != j && is(a, x) && is(b, y) && !is(a, y) && !is(b, x))
            })
        })
    }
}

/// Compares two descriptions; returns what they say together and, unless the same, what differs
/// as a short clause ("different posts"). Dates are not looked at here: a conflict between
/// articles far apart in time is a change ([`super::check`] decides).
///
/// The same post is one whose words, leaving out those of rank, are the same or one's are all in
/// the other's (`envoy`, `special envoy for Arctic affairs`). The same post conflicts with
/// another rank of it (`deputy director` / `director`, `chief economist` / `senior economist`; a
/// seniority word left out is an omission), with a past post against a serving one, and at
/// another organisation; two past posts never conflict (both may have been held). Different posts conflict only when one person cannot hold both at once
/// (`consistency.toml`'s `exclusive`); otherwise they are held at once (`held_together`) or may
/// be.
pub fn compare(a: &Post, b: &Post, rules: &Rules<'_>) -> (Comparison, &'static str) {
    // (The party of a candidacy may be the primary's: "Democratic presidential candidate Sen.
    // Bernie Sanders, I-Vt.")
    if !a.party.is_empty()
        && !b.party.is_empty()
        && a.party != b.party
        && !rules.candidacy(a)
        && !rules.candidacy(b)
    {
        return (Comparison::Conflict, "different parties");
    }
    if !a.titled || !b.titled {
        return (Comparison::Same, "");
    }
    // "Gen. Martin Dempsey, chairman of the Joint Chiefs of Staff": a rank is held beside an
    // office.
    if a.rank != b.rank {
        return (Comparison::HeldAtOnce, "a rank and an office held at once");
    }
    // (An officer's service and the staff he serves on are not two employers: "General, US Army"
    // and "General, Joint Chiefs of Staff".)
    let orgs_disagree =
        !a.rank && !a.orgs.is_empty() && !b.orgs.is_empty() && !orgs_agree(&a.orgs, &b.orgs, rules);
    // "a presidential candidate" is not the president: a post held beside any other (a
    // candidacy, a founder) on one side only makes two posts.
    let same_post = (a.head.is_subset(&b.head) || b.head.is_subset(&a.head))
        && rules.held_with_any(a) == rules.held_with_any(b);
    let courtesy = |p: &Post| rules.courtesy(p);
    if !same_post {
        return compare_other_posts(a, b, rules, orgs_disagree);
    }
    let other_rank = a.head == b.head
        && (a.distinguishing != b.distinguishing
            || (!a.seniority.is_empty() && !b.seniority.is_empty() && a.seniority != b.seniority));
    // Two past posts may both have been held, one after the other; so may a post held then
    // ("Michael Cohen, then Trump's personal lawyer") and one held now.
    if (a.past && b.past || a.then || b.then) && (other_rank || orgs_disagree) {
        return (Comparison::Different, "different past posts");
    }
    // (A former rank against another one held now, or at another organisation, is a career:
    // "former deputy counsel" to Obama, "chief counsel" of a group now.)
    if other_rank && (a.past != b.past || orgs_disagree) {
        return (
            Comparison::Different,
            "another rank, at another time or place",
        );
    }
    if other_rank {
        return (Comparison::Conflict, "another rank of the same post");
    }
    // (A post held then says nothing of now: "then personal lawyer" and "personal lawyer" agree.)
    // ("retired Gen. Colin Powell" and "General Powell": a rank is kept as a courtesy title.)
    // (A former post at one organisation and a serving one at another is a career: "former
    // adviser to the Obama White House", "top political adviser to Mrs Clinton".)
    if a.past != b.past && (orgs_disagree || served_disagree(a, b, rules)) {
        return (
            Comparison::Different,
            "a former post at one organisation, a serving one at another",
        );
    }
    // A candidacy ends with its election and is told of long after ("2008 Republican vice
    // presidential candidate Sarah Palin"): a former candidacy and one written as current tell
    // of one campaign at two dates.
    if a.past != b.past && rules.candidacy(a) && rules.candidacy(b) {
        return (Comparison::Different, "a candidacy told of at two dates");
    }
    let kept_as_address = a.rank || courtesy(a) || courtesy(b) || rules.generic_still_held(a, b);
    if a.past != b.past && !(a.then || b.then) && !kept_as_address {
        return (Comparison::Conflict, "a former post against a serving one");
    }
    // An ambassador's two places are the sender and the host ("U.S. ambassador", "ambassador
    // to the United Nations").
    if !a.places.is_empty()
        && !b.places.is_empty()
        && a.places.is_disjoint(&b.places)
        && a.orgs.is_empty()
        && b.orgs.is_empty()
        && !rules.between_places(a)
        && !rules.between_places(b)
    {
        return (Comparison::Conflict, "different countries");
    }
    if orgs_disagree && rules.chairs_of_bodies(a, b) {
        return (Comparison::HeldAtOnce, "chairs of two bodies, held at once");
    }
    if orgs_disagree {
        return (Comparison::Conflict, "different organisations");
    }
    if !a.states.is_empty() && !b.states.is_empty() && a.states != b.states {
        return (Comparison::Conflict, "different states");
    }
    if a.words != b.words {
        return (Comparison::Refinement, "one title adds detail to the other");
    }
    // One form leaving the organisation out is an omission, not a different description.
    if !a.orgs.is_empty()
        && !b.orgs.is_empty()
        && a.orgs != b.orgs
        && !orgs_agree_exact(&a.orgs, &b.orgs, rules)
    {
        return (
            Comparison::Refinement,
            "one affiliation adds detail to the other",
        );
    }
    (Comparison::Same, "")
}

/// [`compare`] for two different posts (not one the other's form): a post to come is held beside
/// the one held now; posts one person cannot hold at once conflict when both are held now;
/// others are held at once or simply different.
fn compare_other_posts(
    a: &Post,
    b: &Post,
    rules: &Rules<'_>,
    orgs_disagree: bool,
) -> (Comparison, &'static str) {
    let courtesy = |p: &Post| rules.courtesy(p);
    if a.incoming || b.incoming {
        return (
            Comparison::HeldAtOnce,
            "a post to come beside the one held now",
        );
    }
    if rules.exclusive(a, b) && !orgs_disagree && !a.past && !b.past && !courtesy(a) && !courtesy(b)
    {
        return (
            Comparison::Conflict,
            "posts one person does not hold at once",
        );
    }
    if rules.held_at_once(a, b) {
        return (Comparison::HeldAtOnce, "posts one person holds at once");
    }
    (Comparison::Different, "different posts")
}

/// Whether `a` and `b` each serve a person named and not the same one: "former Bill Clinton
/// pollster" and "Bloomberg's longtime pollster". (A person against an organisation may be one
/// employer: "former adviser to Barack Obama", "senior adviser" at the White House.)
/// (The principals are speakers' names, and an organisation quoted is one: "the White House
/// said"; those are left out here.)
fn served_disagree(a: &Post, b: &Post, rules: &Rules<'_>) -> bool {
    let p = rules.patterns;
    let people = |post: &Post| -> BTreeSet<String> {
        post.principals
            .iter()
            .filter(|o| {
                p.org_aliases.canonical(o).is_none()
                    && !o.split(' ').any(|w| p.org_words.contains_ci(w))
            })
            .cloned()
            .collect()
    };
    let (pa, pb) = (people(a), people(b));
    !pa.is_empty() && !pb.is_empty() && !orgs_agree(&pa, &pb, rules)
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
