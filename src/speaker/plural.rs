//! A plural post before a list of names gives each of them the post: "Sens. Tom Carper and
//! Chris Coons", "Republican senators Tom Cotton of Arkansas and John Kennedy of Louisiana",
//! "former Presidents Bill Clinton and George W. Bush".
//!
//! In: the resolver's mentions and entities after the scan. Out: the singular post (with its
//! party and status: "Republican senator", "former President") for each person of the list who
//! has no post of their own in the article.

use super::describe::{describe, Description};
use super::SpeakerResolver;
use crate::pattern::PatternSet;
use crate::segment::Span;

/// How many words before a plural post may describe it ("former Democratic Sens.").
const QUALIFIER_WORDS: usize = 3;

/// How many words a name of the list may have.
const NAME_WORDS: usize = 4;

/// How many bytes may separate one name of the list from the next (", and ", " of Arkansas
/// and ", " (D-Del.) and ").
const LIST_GAP_BYTES: usize = 32;

impl SpeakerResolver<'_> {
    /// Gives the people named after a plural post, and the names listed after them, that post
    /// (see the module's doc).
    pub(super) fn describe_from_plural_posts(&mut self) {
        let patterns = self.patterns;
        // The post of the list being read and where its last name ends.
        let mut list: Option<(Description, Span, usize)> = None;
        for k in 0..self.mentions.len() {
            let m = self.mentions[k];
            if self.entities[m.entity].is_org || m.possessive {
                list = None;
                continue;
            }
            let lead = &self.text[..m.pos];
            let continued = list
                .take()
                .filter(|&(_, _, end)| end <= m.pos && list_gap(&self.text[end..m.pos]));
            let Some((d, at)) = continued
                .map(|(d, at, _)| (d, at))
                .or_else(|| plural_post_before(lead, patterns))
            else {
                continue;
            };
            let end = name_end(self.text, m.pos);
            list = Some((d.clone(), at, end));
            let e = &self.entities[m.entity];
            if e.post.title.is_empty() && e.posts.is_empty() {
                self.give_post(m.entity, d, at);
            }
        }
    }
}

/// The post of a plural title that ends `lead` right before a name ("… Sens. ", "Republican
/// senators "), made singular, and where it is written.
fn plural_post_before(lead: &str, patterns: &PatternSet) -> Option<(Description, Span)> {
    let head = lead.strip_suffix(' ')?;
    let word_start = head
        .char_indices()
        .rev()
        .find(|&(_, c)| matches!(c, ' ' | '\n' | '(' | '“' | '"'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &head[word_start..];
    let singular = singular_post(word, patterns)?;
    // The qualifiers before it: a party, a place, a status, a modifier ("former Democratic
    // Sens.", "Republican senators").
    let mut from = word_start;
    for _ in 0..QUALIFIER_WORDS {
        let before = head[..from].trim_end_matches(' ');
        if before.len() == from || before.ends_with(['.', ',', ';', ':', '\n', '“', '"', '(']) {
            break;
        }
        let w_start = before.rfind([' ', '\n']).map_or(0, |i| i + 1);
        let w = &before[w_start..];
        // (Not an owner, "Donald Trump's lead attorneys", nor words glued together by a
        // scrape, "Getty ImagesRepublican".)
        let glued = w
            .as_bytes()
            .windows(2)
            .any(|p| p[0].is_ascii_lowercase() && p[1].is_ascii_uppercase());
        if glued || w.ends_with("'s") || w.ends_with("’s") || w.ends_with('\'') {
            return None;
        }
        let lower = w.to_lowercase();
        let qualifies = patterns.statuses.canonical(&lower).is_some()
            || patterns.title_modifiers.contains(&lower)
            || w.starts_with(char::is_uppercase)
                && !matches!(
                    lower.as_str(),
                    "the" | "a" | "an" | "both" | "two" | "three"
                )
                && !patterns.clause_openers.contains(&lower)
                && !patterns.pronouns.contains_key(&lower);
        if !qualifies {
            break;
        }
        from = w_start;
    }
    let phrase = format!("{}{singular}", &head[from..word_start]);
    let mut d = describe(&phrase, "", patterns);
    if d.title.is_empty() || d.is_relation(patterns) {
        return None;
    }
    // "Halvorsen Bank economists": capitalised qualifiers that end in an organisation's word
    // are the post's organisation.
    let qualifier = head[from..word_start].trim_end();
    if d.affiliation.is_empty()
        && d.title != singular
        && qualifier
            .rsplit(' ')
            .next()
            .is_some_and(|w| patterns.org_words.contains_ci(w))
    {
        d.affiliation = qualifier.to_string();
        d.title = singular;
    }
    Some((d, Span::new(from, word_start + word.len())))
}

/// The singular of a plural post: "Sens." → "Sen.", "senators" → "senator", "deputies" →
/// "deputy"; `None` for a word that is not the plural of a post.
fn singular_post(word: &str, patterns: &PatternSet) -> Option<String> {
    let is_post = |w: &str| {
        let l = w.to_lowercase();
        patterns.titles.contains(&l) || patterns.title_aliases.canonical(&l).is_some()
    };
    if let Some(stem) = word.strip_suffix("s.") {
        let s = format!("{stem}.");
        return (stem.len() >= 2 && is_post(&s)).then_some(s);
    }
    if let Some(stem) = word.strip_suffix("ies") {
        let s = format!("{stem}y");
        if is_post(&s) {
            return Some(s);
        }
    }
    let stem = word.strip_suffix('s')?;
    (stem.len() >= 3 && !stem.ends_with(['s', '\'', '’']) && is_post(stem))
        .then(|| stem.to_string())
}

/// Where the name written at `pos` ends: its capitalised words and initials.
fn name_end(text: &str, pos: usize) -> usize {
    let mut end = pos;
    for w in text[pos..].split(' ').take(NAME_WORDS) {
        let bare = w.trim_end_matches([',', ';', ':', '.']);
        if !bare.starts_with(char::is_uppercase) {
            break;
        }
        end += bare.len();
        if bare.len() != w.len() {
            break;
        }
        end += 1;
    }
    end.min(text.len())
}

/// Whether `gap` only separates two names of a list: ", ", " and ", ", and ", after a place
/// ("of Arkansas") or a party tag ("(D-Del.)").
fn list_gap(gap: &str) -> bool {
    if gap.len() > LIST_GAP_BYTES {
        return false;
    }
    let mut rest = gap.trim_start();
    if let Some(of) = rest.strip_prefix("of ") {
        // The place's capitalised words.
        rest = of;
        while rest.starts_with(char::is_uppercase) {
            let w = rest.find([' ', ',']).unwrap_or(rest.len());
            rest = rest[w..].trim_start_matches(' ');
        }
    } else if let Some((_, r)) = rest.strip_prefix('(').and_then(|r| r.split_once(')')) {
        rest = r;
    } else {
        // A party tag between commas, or before one: "Tom Cotton, R-Ark., Marco Rubio",
        // "Chuck Schumer D-N.Y., and".
        let r = rest.trim_start_matches(',').trim_start();
        let end = r.find([',', ' ']).unwrap_or(r.len());
        if super::scan::is_party_tag(&r[..end]) {
            rest = &r[end..];
        }
    }
    matches!(rest.trim(), "," | "and" | ", and")
}
