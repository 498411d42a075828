//! What one mention of a person says of them: the title written before the name, an appositive
//! or a relative clause around it (and a second post in it), an organisation right after the
//! name, the honorific when it is also a post, a party tag and its state.
//!
//! In: the article text and a name run's parts and span. Out: the descriptions ([`Said`]), the
//! party and the state; [`super::scan`] keeps the most specific description as the person's post.

use super::describe::{describe, party_tag, Description};
use super::name::NameParts;
use super::status::{prefixed_honorific, qualifier_before, status_before};
use super::title;
use super::{floor_char_boundary, TITLE_REACH};
use crate::pattern::PatternSet;
use crate::segment::Span;

/// One description a mention gives.
pub(super) struct Said {
    /// The post as described.
    pub description: Description,
    /// Where its title is written.
    pub at: Option<Span>,
    /// It is an honorific that is also a post ("Sen.").
    pub honorific: bool,
    /// It is a group's post ("one of the bill's architects"): it fills an empty title, but
    /// another post written of the person wins over it.
    pub group: bool,
}

impl Said {
    /// A description written out (not an honorific, not a group's post).
    fn written(description: Description, at: Option<Span>) -> Said {
        Said {
            description,
            at,
            honorific: false,
            group: false,
        }
    }
}

/// What the mention of a person (`parts`, at `span`, in a line ending at `limit`) says of them:
/// the title written before the name, an appositive or relative clause around it, the honorific
/// when it is also a post ("Sen.", "Gov."; not "Dr."); and the party a tag right after the name
/// gives ("(R-Texas)", ", D-Nev.,"), or one of the descriptions; and the tag's state.
pub(super) fn mention_descriptions(
    text: &str,
    parts: &NameParts,
    span: Span,
    limit: usize,
    patterns: &PatternSet,
) -> (Vec<Said>, Option<String>, Option<String>) {
    // A party tag right after the name ("(R-Texas)", ", D-Nev.,"); an appositive comes after it.
    let tag = party_tag(&text[span.end..limit.max(span.end)], patterns);
    let after_tag = span.end + tag.as_ref().map_or(0, |t| t.len);
    // What this mention says: the title written before the name, an appositive or relative
    // clause around it, the honorific when it is also a post ("Sen.", "Gov."; not "Dr.").
    let mut said: Vec<Said> = Vec::new();
    if let Some(t) = &parts.title {
        let aff = parts.affiliation.as_deref().unwrap_or("");
        let mut d = describe(t, aff, patterns);
        if d.status.is_empty() {
            let at = parts.title_span.map_or(span.start, |s| s.start);
            d.status = status_before(text, at, patterns).unwrap_or_default();
        }
        said.push(Said::written(d, parts.title_span));
    }
    // Titles are written within a few hundred bytes of the name; looking no further keeps
    // huge one-paragraph inputs linear.
    let reach = floor_char_boundary(text, limit.min(after_tag + TITLE_REACH));
    let info = title::after_name(text, after_tag, reach, patterns)
        .or_else(|| appositive_before(text, parts, span, patterns));
    if let Some(info) = info {
        // ("X, a former under secretary of Defense and now the head of the Center …": a second
        // post in the appositive after the name.)
        let second = (info.span.start >= span.end)
            .then(|| title::second_post(text, info.span.end, reach, patterns))
            .flatten();
        said.push(Said {
            group: info.group,
            ..Said::written(
                describe(&info.title, &info.affiliation, patterns),
                Some(info.span),
            )
        });
        if let Some(info) = second {
            said.push(Said::written(
                describe(&info.title, &info.affiliation, patterns),
                Some(info.span),
            ));
        }
    }
    // "Philip Wegmann of the Washington Examiner": an organisation right after the name.
    if parts.affiliation.is_none() && said.iter().all(|s| s.description.affiliation.is_empty()) {
        if let Some((org, at)) = super::connector::org_after_name(text, after_tag, patterns) {
            let d = super::describe::Description {
                affiliation: org,
                ..Default::default()
            };
            said.push(Said::written(d, Some(at)));
        }
    }
    // "CNN's Jake Tapper": the organisation whose possessive is written before the name.
    // (Of a full name, not a place or a thing read as one: "the State Department’s Korea desk".)
    if parts.title.is_none()
        && parts.honorific.is_none()
        && parts.name.len() >= 2
        && said.iter().all(|s| s.description.affiliation.is_empty())
        && !patterns.names_a_place(&parts.name.join(" "))
    {
        if let Some((org, at)) = super::connector::org_owning_name(text, span.start, patterns) {
            let d = super::describe::Description {
                affiliation: org,
                ..Default::default()
            };
            said.push(Said::written(d, Some(at)));
        }
    }
    if let Some(d) = honorific_post(text, parts, span, after_tag, patterns) {
        said.push(d);
    }
    // The tag's state is the constituency of a post given without one ("Sen. Mike Lee
    // (R-Utah)").
    if let Some(state) = tag.as_ref().and_then(|t| t.state.as_ref()) {
        for s in said.iter_mut() {
            if s.description.affiliation.is_empty() {
                s.description.affiliation.clone_from(state);
            }
        }
    }
    // "then-Sen. Mike Pence", "ex-Gov. X": an honorific written with a status prefix stands
    // before the name run (which starts at the first capital).
    if parts.honorific.is_none() && parts.title.is_none() {
        if let Some(d) = prefixed_honorific(text, span.start, patterns) {
            said.push(d);
        }
    }
    let state = tag.as_ref().and_then(|t| t.state.clone());
    let party = tag.map(|t| t.party).or_else(|| {
        said.iter()
            .map(|s| &s.description.party)
            .find(|p| !p.is_empty())
            .cloned()
    });
    (said, party, state)
}

/// The post an honorific that is one says ("Sen.", "Gov."; not "Dr."), with the place or state
/// written before it ("New Jersey Gov.") or after the name ("Sen. Kamala Harris of California")
/// and its status ("former Rep. Tom Tancredo").
fn honorific_post(
    text: &str,
    parts: &NameParts,
    span: Span,
    after_tag: usize,
    patterns: &PatternSet,
) -> Option<Said> {
    let h = parts.honorific.as_ref().filter(|h| {
        patterns
            .title_aliases
            .canonical(&h.to_lowercase())
            .is_some()
    })?;
    let at = parts.honorific_span.unwrap_or(span);
    // "former Rep. Tom Tancredo", "former Arkansas Gov. Mike Huckabee": the status before it.
    let mut d = describe(h, qualifier_before(text, at.start), patterns);
    // "New Jersey Gov.", "Tennessee Republican Sen.": only a place, a state or a party before an
    // honorific describes the post; other capitalised words before it are a headline's or
    // another name's.
    if !d.affiliation.is_empty() && !patterns.names_a_place(&d.affiliation) {
        d = describe(h, "", patterns);
    }
    if let Some(state) = patterns.us_states.canonical(&d.affiliation) {
        d.affiliation = state.to_string();
    }
    // "Sen. Kamala Harris of California": the member's place after the name.
    if d.affiliation.is_empty() {
        if let Some(place) = super::connector::place_after_name(text, after_tag, patterns) {
            d.affiliation = place;
        }
    }
    if d.status.is_empty() {
        d.status = status_before(text, at.start, patterns).unwrap_or_default();
    }
    Some(Said {
        honorific: true,
        ..Said::written(d, Some(at))
    })
}

/// The appositive written before the name, ending with ", " right before it (or before its
/// honorific: "The Bishop of Stepney, Rt Rev Adrian Newman").
fn appositive_before(
    text: &str,
    parts: &NameParts,
    span: Span,
    patterns: &PatternSet,
) -> Option<title::TitleInfo> {
    // (Only a courtesy honorific of a profession or rank: before "Sen." or "Gen." a comma
    // ends a list's item, "Vice President Biden, Sen. Elizabeth Warren"; before "Mr." an
    // opening clause, "Though Biden has been the go-to centrist candidate, Mr. Keenan".)
    // (`lexicon/honorifics-of-profession.txt`.)
    let courtesy = parts.honorific.as_deref().is_some_and(|h| {
        patterns
            .honorifics_of_profession
            .contains(h.split(' ').next().unwrap_or("").trim_end_matches('.'))
    });
    let at = parts
        .honorific_span
        .filter(|h| courtesy && h.end <= span.start)
        .map_or(span.start, |h| h.start);
    if !text[..at].ends_with(", ") {
        return None;
    }
    // ("One of the two White House staffers …, Pence spokesperson Katie Miller": a name before a
    // lowercase post and another name qualifies that post; the appositive is the other's.)
    let mut next = text[span.end..].split(' ').skip(1);
    if let (Some(post), Some(name)) = (next.next(), next.next()) {
        if post.starts_with(char::is_lowercase)
            && patterns.titles.may_end_with(post)
            && name.starts_with(char::is_uppercase)
        {
            return None;
        }
    }
    let back = floor_char_boundary(text, at.saturating_sub(TITLE_REACH));
    let floor = text[back..at].rfind('\n').map_or(back, |k| back + k + 1);
    title::before_name(text, at, floor, patterns)
}
