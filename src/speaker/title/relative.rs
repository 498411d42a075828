//! Posts written in a relative clause after a name, and a second post in an appositive.
//!
//! In: the text after a name's comma (`body`, starting at "who", or the end of a first title).
//! Out: a [`TitleInfo`]: the post held now ("who is a senior adviser at …"), one held before
//! ("who for a decade was the executive editor of …", status `former`), or the second post of
//! an appositive ("a former under secretary of Defense and now the head of …").

use super::clause::opens_clause;
use super::{parse_phrase, phrase_end, sentence_end, TitleInfo};
use crate::pattern::lexicon::W_TITLE_CI;
use crate::pattern::PatternSet;

/// "Joseph Yun, who … is a senior adviser at the United States Institute of Peace": the post a
/// relative clause gives (`body` starts at "who"), held now (`relative_title_verbs`, anywhere in
/// the clause, possibly after "and") or else held before ([`past_post`]).
pub(super) fn post(
    text: &str,
    body: &str,
    body_start: usize,
    patterns: &PatternSet,
) -> Option<TitleInfo> {
    // Present-tense clause anywhere in the relative clause (possibly after "and").
    let clause = &body[..sentence_end(body, patterns)];
    // (ASCII lowercasing keeps every byte offset: offsets found in the copy index the clause.)
    let clause_lower = clause.to_ascii_lowercase();
    for verb in &patterns.relative_title_verbs {
        let needle = format!(" {verb} ");
        if let Some(i) = clause_lower.find(&needle) {
            let start = i + needle.len();
            let sub = &clause[start..];
            // ("who is running against incumbent Sen. Claire McCaskill": a verb, no post.)
            if opens_clause(&sub.to_lowercase(), patterns) {
                break;
            }
            let sub_end = phrase_end(sub, patterns);
            let info = parse_phrase(
                text,
                body_start + start,
                body_start + start + sub_end,
                patterns,
            );
            if info.is_some() {
                return info;
            }
            break;
        }
    }
    // (Else a post held before: "who was …", "who has served as … and is giving advice".)
    past_post(text, clause, &clause_lower, body_start, patterns)
}

/// "Michele Flournoy, a former under secretary of Defense and now the head of the Center for a
/// New American Security": a second post in the same appositive, after "and" (and "now" or
/// "currently") and a determiner, from the end of the first title (`title_end`) to the
/// appositive's end.
pub(in crate::speaker) fn second_post(
    text: &str,
    title_end: usize,
    limit: usize,
    patterns: &PatternSet,
) -> Option<TitleInfo> {
    let rest = text.get(title_end..limit)?;
    let seg = &rest[..phrase_end(rest, patterns)];
    let and = seg.find(" and ")?;
    let mut after = &seg[and + 5..];
    for lead in ["now ", "currently "] {
        after = after.strip_prefix(lead).unwrap_or(after);
    }
    if !["the ", "a ", "an "].iter().any(|d| after.starts_with(d)) {
        return None;
    }
    let start = title_end + (seg.len() - after.len());
    parse_phrase(text, start, title_end + seg.len(), patterns)
}

/// "Brant Houston, who for a decade was the executive editor of …": a post held before, from a
/// relative clause (`clause` starts at "who", at `body_start`; `clause_lower` is its ASCII
/// lowercase copy) whose verb (`relative_past_title_verbs`) comes
/// within its first words and before its first comma. The title carries `former`. Not "who was
/// elected governor" (a participle follows: the post is held now) nor "who was arrested".
fn past_post(
    text: &str,
    clause: &str,
    clause_lower: &str,
    body_start: usize,
    patterns: &PatternSet,
) -> Option<TitleInfo> {
    /// How many words after "who" the verb may come ("who for a decade was").
    const VERB_WORDS: usize = 6;
    let cut = clause.find(',').unwrap_or(clause.len());
    let (clause, lower) = (&clause[..cut], &clause_lower[..cut]);
    let reach = lower
        .match_indices(' ')
        .nth(VERB_WORDS)
        .map_or(lower.len(), |(i, _)| i);
    let (i, verb) = patterns
        .relative_past_title_verbs
        .iter()
        .filter_map(|v| lower.find(&format!(" {v} ")).map(|i| (i, v)))
        .filter(|&(i, _)| i < reach)
        .min_by_key(|&(i, v)| (i, std::cmp::Reverse(v.len())))?;
    let start = i + verb.len() + 2;
    let sub = &lower[start..];
    let first = sub.split(' ').next().unwrap_or("");
    if opens_clause(sub, patterns)
        || (first.ends_with("ed") && patterns.word_bits.lower(first) & W_TITLE_CI == 0)
    {
        return None;
    }
    let sub_end = phrase_end(&clause[start..], patterns);
    let mut info = parse_phrase(
        text,
        body_start + start,
        body_start + start + sub_end,
        patterns,
    )?;
    // ("Rutilio Grande, who was his friend": a tie, not a post.)
    if crate::speaker::describe::is_relation(&info.title, patterns) {
        return None;
    }
    // ("who was a co-chair for Tarrant’s 2008 campaign": held before, not only then.)
    if let Some(t) = info.title.strip_prefix("then ") {
        info.title = t.to_string();
    }
    if patterns
        .statuses
        .canonical(info.title.split(' ').next().unwrap_or(""))
        .is_none()
    {
        info.title = format!("former {}", info.title);
    }
    Some(info)
}
