//! A description back to the person named before it with that post: "the president" to the
//! most recent person given the title, "the Queens congresswoman" to the "Rep." named before,
//! "the Wyoming congresswoman" to the member of that place.
//!
//! In: a definite description's words and its post's head, with the mentions before it. Out:
//! the entity it describes, if any.

use super::{Entity, SpeakerResolver};
use crate::pattern::lexicon::FastSet;
use crate::pattern::PatternSet;

impl SpeakerResolver<'_> {
    /// The entity, among the recent mentions, that holds the post `head_singular` of the
    /// description `words` (`phrase` joined): the most recent one of the place the description
    /// gives ("the Wyoming congresswoman"), else the most recent whose place is not known.
    pub(super) fn titled_recently(
        &self,
        words: &[&str],
        phrase: &str,
        head_singular: &str,
    ) -> Option<usize> {
        let patterns = self.patterns;
        // "the Wyoming congresswoman": a place the description gives is the person's.
        let said_place = words
            .iter()
            .rev()
            .skip(1)
            .filter(|w| w.starts_with(char::is_uppercase))
            .find_map(|w| patterns.state_or_place(w));
        // ("the President-elect" is "President" with its status apart.)
        let head = head_singular
            .strip_suffix("-elect")
            .unwrap_or(head_singular);
        let abbreviation = words
            .last()
            .is_some_and(|w| w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase() || c == '.'));
        let mut seen = FastSet::default();
        let mut unplaced = None;
        for m in self.recent().iter().rev() {
            if !seen.insert(m.entity) {
                continue;
            }
            let e = &self.entities[m.entity];
            if e.is_org || !holds(e, head, phrase, abbreviation, patterns) {
                continue;
            }
            // (One whose place is not known comes after one of that place: "The French
            // president" is Macron, named further back than Trump.)
            let own = patterns
                .state_or_place(&e.post.affiliation)
                .or(e.home_state.as_deref());
            match (&said_place, own) {
                (None, _) => return Some(m.entity),
                (Some(p), Some(o)) if *p == o => return Some(m.entity),
                (Some(_), None) => unplaced = unplaced.or(Some(m.entity)),
                (Some(_), Some(_)) => {}
            }
        }
        unplaced
    }
}

/// Whether entity `e`'s post has the head `head` of a description (`phrase`): in the title as
/// written or in its canonical spelling ("Sen." is "senator"), or as another spelling of one
/// post written as an honorific ("the congresswoman" for "Rep.") or as an `abbreviation` ("the
/// Liberal MP" for a "member of Parliament").
fn holds(e: &Entity, head: &str, phrase: &str, abbreviation: bool, patterns: &PatternSet) -> bool {
    let title = e.post.title.to_lowercase();
    // (Or of its last words: "local member of parliament".)
    let canonical = title
        .char_indices()
        .filter(|&(i, c)| i == 0 || c == ' ')
        .find_map(|(i, _)| patterns.title_aliases.canonical(title[i..].trim_start()))
        .unwrap_or("")
        .to_lowercase();
    let has_head = |t: &str| {
        if head.contains(' ') {
            t.contains(head)
        } else if head.contains('-') {
            // (A hyphenated head is one word: "UN secretary-general".)
            t.split(' ').any(|w| w == head)
        } else {
            t.split([' ', '-']).any(|w| w == head)
        }
    };
    if has_head(&title) || has_head(&canonical) {
        return true;
    }
    // (A man's post is no woman's: "a spokeswoman" is not the spokesman named.)
    let gendered = |t: &str| {
        if t.ends_with("woman") {
            Some(true)
        } else if t.ends_with("man") {
            Some(false)
        } else {
            None
        }
    };
    let other_gender = matches!((gendered(head), gendered(&title)), (Some(a), Some(b)) if a != b);
    // (Only for a post written as an honorific, "Rep.", "Representative": "the ex-DNC chair" is
    // no chairwoman of the RNC; nor for a former post, which "the former Minneapolis congressman"
    // is and "Reps. Karen Bass and Cedric Richmond" are not.)
    // (Or a post written whole in one of its forms: "Representative Charlie Rangel … the
    // congressman".)
    let whole_form = patterns.title_aliases.canonical(&title).is_some();
    !canonical.is_empty()
        && (e.post_from_honorific || title.ends_with('.') || abbreviation || whole_form)
        && (!(phrase.contains("former") || phrase.contains("ex-")) || e.post.is_past())
        && !other_gender
        && patterns
            .title_aliases
            .canonical(head)
            .is_some_and(|c| c.eq_ignore_ascii_case(&canonical))
}
