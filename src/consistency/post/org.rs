//! Whether two organisation names, folded, name one organisation: the same letters with or
//! without periods, hyphens or spaces, one the other's initials, one's words in the other's, or
//! a shared word that names it rather than its kind or place.
//!
//! In: folded names and the comparison rules. Out: whether they agree.

use std::collections::BTreeSet;

use super::Rules;

/// How long an organisation's name squashed (no periods, hyphens or spaces) must be for a longer
/// one that starts with it to name the same organisation ("internationalassociationoffirefighters"
/// + "union").
const SQUASHED_PREFIX_BYTES: usize = 12;

/// The longest piece of an acronym once folded ("afl" of "afl cio").
const ACRONYM_PART_BYTES: usize = 3;

/// An organisation's folded name without periods, hyphens or spaces: "a.f.l.-c.i.o" and
/// "afl-cio" are both `aflcio`.
fn squashed(name: &str) -> String {
    name.replace(['.', ' ', '-'], "")
}

/// Whether an organisation of `a` and one of `b` name one organisation.
pub(super) fn orgs_agree(a: &BTreeSet<String>, b: &BTreeSet<String>, rules: &Rules<'_>) -> bool {
    a.iter().any(|x| b.iter().any(|y| rules.same_org(x, y)))
}

/// Whether each organisation of `a` is one of `b`, spelled alike, and the other way round.
pub(super) fn orgs_agree_exact(
    a: &BTreeSet<String>,
    b: &BTreeSet<String>,
    rules: &Rules<'_>,
) -> bool {
    // (The same letters with or without periods, hyphens or spaces: "a.f.l.-c.i.o" / "afl-cio".)
    let same = |x: &String, y: &String| {
        x == y
            || rules.initials_match(x, y)
            || rules.initials_match(y, x)
            || squashed(x) == squashed(y)
    };
    a.iter().all(|x| b.iter().any(|y| same(x, y))) && b.iter().all(|y| a.iter().any(|x| same(x, y)))
}

impl Rules<'_> {
    /// Two folded organisation names agree when equal, when one is the other's initials, when
    /// one's words are all in the other's ("pine hollow" / "pine hollow city"), or when they
    /// share a word that names them rather than their kind or place ("kaiser family foundation"
    /// / "henry j kaiser family foundation for health care policy").
    pub(super) fn same_org(&self, x: &str, y: &str) -> bool {
        if x == y || self.initials_match(x, y) || self.initials_match(y, x) {
            return true;
        }
        // Written with or without periods, hyphens or spaces ("a.f.l.-c.i.o" / "afl-cio",
        // "fire fighters" / "firefighters"), or with a word of kind after it ("… firefighters
        // union").
        let (sx, sy) = (squashed(x), squashed(y));
        // (An acronym, its letters folded apart or not — "afl cio", "a f l c i o" — may be
        // followed by its kind: "afl cio labour group".)
        let acronym = |s: &str| s.split(' ').all(|w| w.len() <= ACRONYM_PART_BYTES);
        let (short, long, one_word) = if sx.len() <= sy.len() {
            (&sx, &sy, acronym(x))
        } else {
            (&sy, &sx, acronym(y))
        };
        let long_enough = short.len() >= SQUASHED_PREFIX_BYTES || (one_word && short.len() >= 3);
        if short == long || (long_enough && long.starts_with(short.as_str())) {
            return true;
        }
        let wx: BTreeSet<&str> = x.split(' ').collect();
        let wy: BTreeSet<&str> = y.split(' ').collect();
        wx.is_subset(&wy) || wy.is_subset(&wx) || wx.intersection(&wy).any(|w| self.distinctive(w))
    }

    /// Whether `short` is the initials of `long`'s significant words: `short` as one word, or
    /// the first word of it ("rbs financial markets" / "royal bank of scotland"); an
    /// organisation word that ends `long` may be left out ("pcs" / "public and commercial
    /// services union").
    fn initials_match(&self, short: &str, long: &str) -> bool {
        let acronym = short.split(' ').next().unwrap_or("");
        if acronym.len() < 2 || acronym == long.split(' ').next().unwrap_or("") {
            return false;
        }
        let significant: Vec<&str> = long
            .split(' ')
            .filter(|w| !self.patterns.comparison.drop_words.contains(w))
            .collect();
        let initials: String = significant
            .iter()
            .filter_map(|w| w.chars().next())
            .collect();
        // (A word of kind may end the long name: "pcs" / "public and commercial services union",
        // "ndn" / "new democrat network think tank".)
        let kind_words = match significant[..] {
            [.., a, b] if self.patterns.org_words.contains_ci(&format!("{a} {b}")) => 2,
            [.., w] if self.patterns.org_words.contains_ci(w) => 1,
            _ => 0,
        };
        // ("dfa" / "democracy for america": the small words may have their letter too.)
        let all_initials: String = long.split(' ').filter_map(|w| w.chars().next()).collect();
        initials == acronym
            || all_initials == acronym
            || (kind_words > 0
                && initials.len() == acronym.len() + kind_words
                && initials.starts_with(acronym))
    }
}
