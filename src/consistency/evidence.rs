//! The evidence for a title: the sentence of the article in which it was given, cut into the text
//! before it, the words that gave it, and the text after, for showing those words marked.
//!
//! The sentence runs from the last sentence end before the title to the first one after it, within
//! its line (paragraph). A sentence end is `". "` after a word longer than three letters without
//! a period, so that `U.S.`, `Mr.` and `St.` do not end one; the same rule as the text report of
//! `saywho check`. Long sentences are cut to [`CONTEXT`] bytes either side, with `…`.

/// At most this many bytes of the sentence are kept on each side of the title.
pub const CONTEXT: usize = 240;

/// How far before and after a title its line is looked for.
const REACH: usize = 2000;

/// The largest char boundary of `s` at or below `i`.
fn floor_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// A sentence cut around the words that gave a title.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Evidence {
    /// The sentence before the words (with a leading `…` if cut).
    pub before: String,
    /// The words that gave the title: the text at the mention's offsets.
    pub given: String,
    /// The sentence after the words (with a trailing `…` if cut).
    pub after: String,
}

/// The evidence around `start..end` of `text`, or `None` when the offsets do not fit the text
/// (a table read without its article, or an article changed since).
pub fn around(text: &str, start: usize, end: usize) -> Option<Evidence> {
    if start > end
        || end > text.len()
        || !text.is_char_boundary(start)
        || !text.is_char_boundary(end)
    {
        return None;
    }
    // The line is looked for within reach (a sentence is never longer), so that a one-line
    // article of many speakers is not scanned whole for each.
    let lo = floor_boundary(text, start.saturating_sub(REACH));
    let hi = floor_boundary(text, end.saturating_add(REACH));
    let line_start = text[lo..start]
        .rfind(['\n', '\r'])
        .map_or(lo, |i| lo + i + 1);
    let line_end = text[end..hi].find(['\n', '\r']).map_or(hi, |i| end + i);
    let is_end = |i: usize| {
        let word = text[line_start..i].rsplit(' ').next().unwrap_or("");
        word.chars().count() > 3 && !word.contains('.')
    };
    let mut s = line_start;
    for (i, _) in text[line_start..start].match_indices(". ") {
        if is_end(line_start + i) {
            s = line_start + i + 2;
        }
    }
    let mut e = line_end;
    if let Some((i, _)) = text[end..line_end]
        .match_indices(". ")
        .find(|&(i, _)| is_end(end + i))
    {
        e = end + i + 1;
    }
    let mut before = text[s..start].trim_start().to_string();
    if before.len() > CONTEXT {
        let mut cut = before.len() - CONTEXT;
        while !before.is_char_boundary(cut) {
            cut += 1;
        }
        before = format!("…{}", before[cut..].trim_start());
    }
    let mut after = text[end..e].trim_end().to_string();
    if after.len() > CONTEXT {
        let mut cut = CONTEXT;
        while !after.is_char_boundary(cut) {
            cut -= 1;
        }
        after = format!("{}…", after[..cut].trim_end());
    }
    Some(Evidence {
        before,
        given: text[start..end].to_string(),
        after,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, given: &str) -> Option<Evidence> {
        let start = text.find(given).unwrap();
        around(text, start, start + given.len())
    }

    #[test]
    fn the_sentence_around_the_title() {
        let text = "First line.\nThe talks stalled. “No,” said Jane Roe, a U.S. envoy at the ministry. Then it rained.\nNext.";
        let e = at(text, "a U.S. envoy at the ministry").unwrap();
        assert_eq!(e.before, "“No,” said Jane Roe, ");
        assert_eq!(e.given, "a U.S. envoy at the ministry");
        assert_eq!(e.after, ".");
    }

    #[test]
    fn abbreviations_do_not_end_the_sentence() {
        let text = "Said Mr. Lee, the St. Paul mayor: “Yes.”";
        let e = at(text, "the St. Paul mayor").unwrap();
        assert_eq!(e.before, "Said Mr. Lee, ");
    }

    #[test]
    fn long_sentences_are_cut_on_character_boundaries() {
        let long = "é".repeat(400);
        let text = format!("{long} said Ann Oak, the mayor, {long}");
        let e = at(&text, "the mayor").unwrap();
        assert!(e.before.starts_with('…') && e.before.len() <= CONTEXT + 4);
        assert!(e.after.ends_with('…') && e.after.len() <= CONTEXT + 4);
    }

    #[test]
    fn offsets_that_do_not_fit_give_nothing() {
        assert_eq!(around("abc", 2, 9), None);
        assert_eq!(around("abc", 2, 1), None);
        assert_eq!(around("é", 1, 2), None);
    }
}
