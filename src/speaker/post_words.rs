//! The words of a post written right before a name: lowercase title words ("adjunct senior
//! fellow", "press secretary"), the field of an occupation ("economics" of "MIT economics
//! professor") and the capitalised qualifier before them ("White House", "MIT").
//!
//! In: the tokens of a line and where a name run starts. Out: where its post's words start.

use crate::pattern::lexicon::{
    W_FIRST_FEMALE, W_FIRST_MALE, W_FIRST_UNISEX, W_HONORIFIC, W_NON_NAME, W_ORG, W_ORG_CI,
    W_PARTICLE, W_PLACE, W_TITLE, W_TITLE_CI, W_TITLE_MODIFIER_CI,
};
use crate::pattern::PatternSet;
use crate::token::Token;

use super::name::{without_status, MAX_TITLE_WORDS};

/// How many words the field after a post's "of" or "for" may take ("trust and safety").
const MAX_FIELD_WORDS: usize = 4;

/// Where the lowercase title words right before the run at `start` begin ("adjunct senior
/// fellow", "press secretary", "police chief"), with the capitalised qualifier before them ("White
/// House", "Tulsa"); `start` when there are none. They count only when a title ends right before
/// the name.
pub(super) fn title_words_start(tokens: &[Token], start: usize, patterns: &PatternSet) -> usize {
    // Lowercase title words right before the run ("adjunct senior fellow", "press secretary",
    // "police chief"), and the capitalised qualifier before them ("White House", "Tulsa"); they
    // count only when a title ends right before the name.
    let mut pre_start = start;
    let mut lower_seen = false;
    let mut field_seen = false;
    // "vice president for trust and safety Del Harvey", "director of rugby Nigel Melville": the
    // field a post is of, written after it.
    if let Some(k) = field_after_post(tokens, start, patterns) {
        pre_start = k;
        lower_seen = true;
    }
    // "Work and Pensions Secretary": a connector between two capitalised words of a qualifier.
    let mut connected = false;
    while pre_start > 0 && start - pre_start < MAX_TITLE_WORDS {
        let t = &tokens[pre_start - 1];
        let joined = t.joined_to_next || (t.possessive && t.is_capitalized());
        let connector = matches!(t.text, "and" | "&")
            && joined
            && tokens[pre_start].is_capitalized()
            && pre_start >= 2
            && tokens[pre_start - 2].is_capitalized()
            && tokens[pre_start - 2].joined_to_next
            && tokens[pre_start - 2].exact_bits(patterns) & W_NON_NAME == 0
            // "Trump and Treasury Secretary Steven Mnuchin": a surname that names one person.
            && !patterns.known_surnames.contains_key(tokens[pre_start - 2].text)
            // "Mattis and Secretary of State Rex Tillerson": a title after the connector starts
            // this person's description; the words before it are another's.
            && tokens[pre_start].exact_bits(patterns) & (W_TITLE | W_HONORIFIC) == 0
            && tokens[pre_start].lower_bits(patterns) & (W_TITLE_CI | W_TITLE_MODIFIER_CI) == 0
            // "Bill de Blasio and New York governor Andrew Cuomo": a person's name before the
            // connector.
            && !(pre_start >= 3
                && tokens[pre_start - 3].joined_to_next
                && tokens[pre_start - 3].exact_bits(patterns)
                    & (W_FIRST_MALE | W_FIRST_FEMALE | W_FIRST_UNISEX | W_PARTICLE)
                    != 0)
            // "President Trump and North Korean leader Kim": a titled name before the connector
            // is another person, not a word of the qualifier.
            && !(pre_start >= 3
                && tokens[pre_start - 3].joined_to_next
                && (tokens[pre_start - 3].exact_bits(patterns) & (W_TITLE | W_HONORIFIC) != 0
                    || tokens[pre_start - 3].lower_bits(patterns) & W_TITLE_CI != 0));
        if connector {
            connected = true;
            pre_start -= 1;
            continue;
        }
        // (Not an owner: "Newsom’s Health & Human Services Secretary".)
        if connected && t.is_capitalized() && joined && !t.possessive {
            connected = false;
            pre_start -= 1;
            continue;
        }
        // "JPMorgan Chase & Co. chief economist": an ampersand inside the qualifier.
        // (And the capitalised word before it: "JPMorgan" of "JPMorgan Chase & Co.".)
        if t.ampersand_to_next && t.is_capitalized() && tokens[pre_start].is_capitalized() {
            connected = true;
            pre_start -= 1;
            continue;
        }
        let lower_ok = !t.is_capitalized()
            && (t.lower_bits(patterns) & (W_TITLE_CI | W_TITLE_MODIFIER_CI) != 0
                || t.exact_bits(patterns) & W_ORG != 0
                || matches!(t.text, "of" | "for")
                // "Council on Foreign Relations": between two capitalised words of a name.
                || (t.text == "on"
                    && pre_start >= 2
                    && tokens[pre_start - 2].is_capitalized()
                    && tokens[pre_start].is_capitalized())
                || without_status(t.text, patterns).is_some());
        let qualifier_ok =
            lower_seen && t.is_capitalized() && t.exact_bits(patterns) & W_NON_NAME == 0;
        // "MIT economics professor", "Harvard law professor": one lowercase word of the post's
        // field between its capitalised organisation and the post.
        // (Right before the post's word, with a capitalised word before it that is no
        // sentence's first word, unless it names an organisation or a place by itself: "Civil
        // rights lawyer", "Real estate developer" open their sentences.)
        let field_ok = lower_seen
            && !field_seen
            && pre_start >= 2
            && is_field_word(t.text, patterns)
            && tokens[pre_start].lower_bits(patterns) & (W_TITLE_CI | W_TITLE_MODIFIER_CI) != 0
            && field_organisation(tokens, pre_start - 2, patterns);
        // (Past the field only the organisation's capitalised words: "Lemon’s fellow CNN
        // primetime host".)
        if !joined || !(lower_ok && !field_seen || qualifier_ok || field_ok) {
            break;
        }
        field_seen |= field_ok && !lower_ok;
        lower_seen |= lower_ok;
        pre_start -= 1;
        if t.possessive {
            break;
        }
    }
    pre_start
}

/// Where "of" or "for" starts the field written after a post's word and right before the name
/// run at `start` ("director of rugby | Nigel Melville", "vice president for trust and safety |
/// Del Harvey"): a field ([`field_start`]) after a title word.
fn field_after_post(tokens: &[Token], start: usize, patterns: &PatternSet) -> Option<usize> {
    let of = field_start(&tokens[..start], patterns)?;
    let post = of >= 1
        && tokens[of - 1].joined_to_next
        && tokens[of - 1].lower_bits(patterns) & W_TITLE_CI != 0;
    post.then_some(of)
}

/// Where the field of a post ends `words` ("director |of rugby", "vice president |for trust and
/// safety"): the index of its "of" or "for", followed by up to [`MAX_FIELD_WORDS`] field words
/// (or "and"), each word only a space from the next.
pub(super) fn field_start<'t, T: std::borrow::Borrow<Token<'t>>>(
    words: &[T],
    patterns: &PatternSet,
) -> Option<usize> {
    let field = words
        .iter()
        .rev()
        .map(|t| t.borrow())
        .take_while(|t| t.joined_to_next && (t.text == "and" || is_field_of_post(t.text, patterns)))
        .take(MAX_FIELD_WORDS)
        .count();
    let of = words.len().checked_sub(field + 1)?;
    let t = words[of].borrow();
    (field > 0 && t.joined_to_next && matches!(t.text, "of" | "for")).then_some(of)
}

/// Whether `w` may be a word of the field written after a post's "of" or "for": a field word,
/// or a plural one of the fields' forms ("communications", "operations", "public affairs"); not
/// a word of an organisation's kind ("managing director of filtering firm Ciphertrust").
fn is_field_of_post(w: &str, patterns: &PatternSet) -> bool {
    (is_field_word(w, patterns)
        || (w.ends_with("tions") || w == "affairs") && w.bytes().all(|b| b.is_ascii_lowercase()))
        && patterns.word_bits.lower(w) & W_ORG_CI == 0
}

/// Whether `w` may be the lowercase field of a post ("economics" of "MIT economics professor"):
/// a plain lowercase word that is no function word, preposition, auxiliary, reporting verb or
/// adverb.
pub(super) fn is_field_word(w: &str, patterns: &PatternSet) -> bool {
    w.len() >= 3
        && w.bytes().all(|b| b.is_ascii_lowercase())
        && !w.ends_with("ly")
        // Not a verb ("Sanders attacked Democrat presidential candidate", "Trump faces Democratic
        // nominee", "Ms Love found musician"): past forms and third persons.
        && !w.ends_with("ed")
        && (!w.ends_with('s') || w.ends_with("ics") || w.ends_with("ss"))
        && !patterns.irregular_past_verbs.contains(w)
        && !matches!(
            w,
            "his" | "her" | "its" | "their" | "our" | "my" | "your" | "since" | "found" | "met"
        )
        && !matches!(w, "and" | "or" | "but" | "the" | "who" | "that")
        && !patterns.function_words.contains(w)
        && !patterns.prepositions.contains(w)
        && !patterns.auxiliaries.contains(w)
        && !patterns.pronouns.contains_key(w)
        && !patterns.speech_verbs.contains(w)
        // ("NFL superstar quarterback", "CNN primetime host": a word that describes the person.)
        && !patterns.descriptive_adjectives.contains(w)
}

/// Whether the capitalised word `tokens[k]` before a post's field may be the organisation of
/// "MIT economics professor": not a capitalised non-name, an owner or a person's name, and,
/// when it opens its sentence or phrase, an acronym, an organisation's word or a place.
fn field_organisation(tokens: &[Token], k: usize, patterns: &PatternSet) -> bool {
    let t = &tokens[k];
    let opens = k == 0 || !tokens[k - 1].joined_to_next;
    t.is_capitalized()
        && t.joined_to_next
        && !t.possessive
        && t.exact_bits(patterns) & (W_NON_NAME | W_FIRST_MALE | W_FIRST_FEMALE | W_FIRST_UNISEX)
            == 0
        && !patterns.known_surnames.contains_key(t.text)
        && (!opens
            || (t.text.len() >= 2 && t.text.bytes().all(|b| b.is_ascii_uppercase()))
            || t.exact_bits(patterns) & (W_ORG | W_PLACE) != 0)
}
