//! Whether a name is a reporting subject: a reporting verb right after it ("Yun said", "Yun also
//! told"), in a relative clause after its appositive ("X, the ranking Democrat, who said"), or
//! right before it ("…,” said Alan Abramowitz").
//!
//! In: the tokens of a paragraph and the index just past a name's run. Out: yes or no. The
//! mentions [`super::scan`] records carry the answer, and pronouns and descriptions look for
//! reporting subjects first.

use crate::pattern::lexicon::W_SPEECH_VERB_EXACT;
use crate::pattern::PatternSet;
use crate::token::Token;

/// How many words after a name its reporting verb may come ("Yun also has said").
const VERB_REACH: usize = 3;
/// How many words after a name its appositive and a relative clause (", who said") may take.
const RELATIVE_REACH: usize = 30;

/// What ends the clause a name and its verb share: a sentence end or a quote mark.
const CLAUSE_ENDS: [char; 7] = ['.', '“', '”', '"', '!', '?', ';'];

/// Whether a reporting verb follows the run `toks[s..e]`, in the same clause ("Yun said", "Yun
/// also said", "the JoongAng Ilbo newspaper said"): within three words, with only adverbs and
/// organisation words between, and no quote mark or sentence end. `object`: the run follows a
/// preposition (as the scan reads the word before it).
pub(super) fn reports(
    text: &str,
    toks: &[Token],
    s: usize,
    e: usize,
    object: bool,
    patterns: &PatternSet,
) -> bool {
    // "Brant Houston, who for a decade was the executive editor of Investigative Reporters and
    // Editors, told …": a name inside a relative clause is not the subject of the verb after the
    // clause's closing comma.
    // After a preposition the name is no subject, with or without a comma before the verb
    // ("came to the defense of Paul Manafort, arguing …", "Trump, who earlier on Twitter said
    // …": the verb is the sentence subject's).
    let after_comma = |verb: usize| text[toks[e - 1].span.end..toks[verb].span.start].contains(',');
    reports_after_name(text, toks, e, patterns)
        .is_some_and(|verb| !(object || after_comma(verb) && inside_relative_clause(text, toks, s)))
        || reports_in_relative_clause(text, toks, e, patterns)
        || (!object && reports_after_appositive(text, toks, e, patterns))
}

/// "Syed Kazmi, a cameraman for the local Roze News station in Peshawar, said": a reporting verb
/// right after an appositive that opens with a determiner, between commas, in the same clause.
fn reports_after_appositive(text: &str, toks: &[Token], e: usize, patterns: &PatternSet) -> bool {
    let name_end = toks[e - 1].span.end;
    if !text[name_end..].starts_with(", ")
        || !toks
            .get(e)
            .is_some_and(|t| matches!(t.text, "a" | "an" | "the" | "his" | "her"))
    {
        return false;
    }
    let mut checked = name_end + 1;
    for k in e + 1..toks.len().min(e + RELATIVE_REACH) {
        let gap = &text[checked..toks[k].span.start];
        if gap.contains(CLAUSE_ENDS) {
            return false;
        }
        if gap.contains(',') {
            return opens_with_reporting_verb(&toks[k..], patterns);
        }
        checked = toks[k].span.start;
    }
    false
}

/// Whether the run starting at token `s` is inside a relative clause opened by ", who", ",
/// which" or ", whose" earlier in its sentence, with no comma since.
fn inside_relative_clause(text: &str, toks: &[Token], s: usize) -> bool {
    let mut k = s;
    while k > 0 && s - k < RELATIVE_REACH {
        let gap = &text[toks[k - 1].span.end..toks[k].span.start];
        if gap.contains(CLAUSE_ENDS) || gap.contains(',') {
            return false;
        }
        k -= 1;
        if matches!(toks[k].text, "who" | "which" | "whose") {
            return k > 0 && text[toks[k - 1].span.end..toks[k].span.start].contains(',');
        }
    }
    false
}

/// "Sen. Dianne Feinstein of California, the ranking Democrat on the committee, who said …": a
/// relative clause after the name's appositive whose verb reports speech, in the same sentence.
fn reports_in_relative_clause(text: &str, toks: &[Token], e: usize, patterns: &PatternSet) -> bool {
    // Only a name of two words or more ("Dianne Feinstein"), not a lone word that may be a
    // group's or a people's ("WoLF, who testified", "the only Yazidi representative, who").
    // ("Dianne Feinstein of California": the run may end with a place after "of".)
    let two_words = |j: usize| j >= 2 && toks[j - 2].is_capitalized() && toks[j - 2].joined_to_next;
    if !(two_words(e) || e >= 3 && toks[e - 2].text == "of" && two_words(e - 2)) {
        return false;
    }
    let name_end = toks[e - 1].span.end;
    // The clause must follow the name or its appositive ("X of California, the …, who said"), not
    // a later name's ("X's position was backed by Y, …, who said").
    let rest = &text[name_end..];
    if ![",", " of ", " ("].iter().any(|p| rest.starts_with(p)) {
        return false;
    }
    // (Each piece of text is looked at once: `checked` is where the last look ended.)
    let mut checked = name_end;
    let mut k = e;
    while k < toks.len() && k - e < RELATIVE_REACH {
        let t = &toks[k];
        if text[checked..t.span.start].contains(CLAUSE_ENDS) {
            return false;
        }
        checked = t.span.start;
        if t.text == "who" && text[..t.span.start].trim_end().ends_with(',') {
            return opens_with_reporting_verb(&toks[k + 1..], patterns);
        }
        k += 1;
    }
    false
}

/// Whether `toks` open with a reporting verb, after at most two adverbs ("who later told"), or
/// with a verb that gives a statement ("who issued a stark warning to leakers", "who delivered
/// remarks").
fn opens_with_reporting_verb(toks: &[Token], patterns: &PatternSet) -> bool {
    let Some(k) = toks
        .iter()
        .take(3)
        .position(|t| !is_adverb(t.text, patterns))
    else {
        return false;
    };
    if toks[k].exact_bits(patterns) & W_SPEECH_VERB_EXACT != 0 {
        return true;
    }
    matches!(
        toks[k].text,
        "issued" | "issues" | "gave" | "gives" | "delivered" | "delivers"
    ) && toks[k + 1..].iter().take(STATEMENT_REACH).any(|t| {
        patterns.document_words.contains(t.text)
            || matches!(t.text, "remarks" | "speech" | "plea" | "appeal" | "address")
    })
}

/// How many words after "issued" a statement's noun may come ("issued a stark warning").
const STATEMENT_REACH: usize = 3;

/// A reporting verb right after the name ("Yun said", "Yun also told"): its token index.
fn reports_after_name(
    text: &str,
    toks: &[Token],
    e: usize,
    patterns: &PatternSet,
) -> Option<usize> {
    toks.iter()
        .enumerate()
        .skip(e)
        .take(VERB_REACH)
        .take_while(|(_, t)| !text[toks[e - 1].span.end..t.span.start].contains(CLAUSE_ENDS))
        .try_for_each(|(k, t)| {
            if t.exact_bits(patterns) & W_SPEECH_VERB_EXACT != 0 {
                Err(Some(k))
            } else if is_adverb(t.text, patterns) || patterns.org_words.contains(t.text) {
                Ok(())
            } else {
                Err(None)
            }
        })
        .err()
        .flatten()
}

/// Whether `w`, the word right before a name (whose earlier tokens are `before`), is a reporting
/// verb that puts its speaker after it ("…,” said Alan Abramowitz") or ends "according to".
/// ("told X" and "asked X" name the listener.)
pub(super) fn after_reporting_verb(w: &str, before: &[Token]) -> bool {
    (matches!(
        w,
        "said" | "says" | "added" | "adds" | "wrote" | "writes" | "noted"
    ) && !object_of_reporting_verb(w, before))
        || (w == "to" && before.len() >= 2 && before[before.len() - 2].text == "according")
}

/// Whether a name after the word `w` (whose earlier tokens, `w` last, are `before`) is an
/// object, not a sentence's subject: after a preposition, or after a pronoun's reporting verb.
pub(super) fn takes_an_object(w: &str, before: &[Token], patterns: &PatternSet) -> bool {
    patterns.prepositions.contains(w) || object_of_reporting_verb(w, before)
}

/// Whether the name after `w` (whose earlier tokens, `w` last, are `before`) is what a pronoun
/// subject says, not who says it: "Asked who leads the party, he said Ryan."
fn object_of_reporting_verb(w: &str, before: &[Token]) -> bool {
    matches!(w, "said" | "says" | "added" | "adds" | "wrote" | "writes")
        && before.len() >= 2
        && is_subject_pronoun(before[before.len() - 2].text)
}

/// Whether `w` is a personal pronoun that is a clause's subject ("he", "They"; not "it").
pub(super) fn is_subject_pronoun(w: &str) -> bool {
    matches!(
        w,
        "he" | "she" | "they" | "we" | "I" | "He" | "She" | "They" | "We"
    )
}

/// Words that may stand between a subject and its reporting verb ("Yun also said").
pub(super) fn is_adverb(w: &str, patterns: &PatternSet) -> bool {
    patterns.subject_adverbs.contains(w)
        || (w.len() > 4 && w.ends_with("ly") && w.chars().all(|c| c.is_ascii_lowercase()))
}
