//! Name runs: the building blocks of speaker mentions.
//!
//! In: [`Token`]s of the text ([`crate::token`]). Out: the capitalised runs among them, and
//! [`NameParts`] (a run split into honorific, title, qualifier and name). Word lists come from the
//! pattern set: honorifics, titles, places, organisation words, capitalised non-names.

use crate::pattern::lexicon::{
    with_lowercase, W_FIRST_FEMALE, W_FIRST_MALE, W_FIRST_UNISEX, W_HONORIFIC, W_NON_NAME, W_ORG,
    W_ORG_CI, W_PARTICLE, W_PLACE, W_PLACE_EXACT, W_SPEECH_VERB, W_TITLE, W_TITLE_CI,
    W_TITLE_MODIFIER, W_TITLE_MODIFIER_CI, W_TITLE_PLURAL,
};
use crate::pattern::PatternSet;
use crate::segment::Span;
use crate::token::Token;

/// The most lowercase title words (and their qualifier) read before a name ("former deputy
/// national security adviser").
pub(super) const MAX_TITLE_WORDS: usize = 8;

/// Gender, as far as the text tells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Gender {
    /// he / Mr.
    Male,
    /// she / Ms.
    Female,
}

/// A capitalised run split into its parts: `U.S. Secretary of State Mike Pompeo` is
/// affiliation `U.S.`, title `Secretary of State`, name `Mike Pompeo`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NameParts<'a> {
    /// The name words, as written (slices of the text).
    pub name: Vec<&'a str>,
    /// Span of the name words.
    pub name_span: Option<Span>,
    /// A title written before the name.
    pub title: Option<String>,
    /// A country, organisation or place written before the title.
    pub affiliation: Option<String>,
    /// The gender an honorific or a given name tells.
    pub gender: Option<Gender>,
    /// The run names an organisation, not a person.
    pub is_org: bool,
    /// The last name word was possessive (`Trump’s`).
    pub possessive: bool,
    /// The honorific written before the name, as written (`Sen.`, `Dr.`).
    pub honorific: Option<String>,
    /// Where the honorific is written.
    pub honorific_span: Option<Span>,
    /// Where the title before the name is written.
    pub title_span: Option<Span>,
}

/// Whether a token can be part of a name run.
fn name_word(tok: &Token, patterns: &PatternSet) -> bool {
    tok.is_capitalized() || tok.exact_bits(patterns) & W_PARTICLE != 0
}

/// Finds the capitalised runs in `tokens`: maximal sequences of capitalised words (with name
/// particles) joined only by spaces. Returns index ranges into `tokens`.
pub fn runs(tokens: &[Token], patterns: &PatternSet) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        // A run never starts with a sentence opener or a capitalised reporting verb ("But",
        // "Said", "Continued").
        let t = &tokens[i];
        if !t.is_capitalized()
            || t.exact_bits(patterns) & W_NON_NAME != 0
            || t.lower_bits(patterns) & W_SPEECH_VERB != 0
        {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i + 1;
        while end < tokens.len() && tokens[end - 1].joined_to_next {
            let t = &tokens[end];
            let connector = matches!(t.text, "of" | "for")
                && t.joined_to_next
                && tokens.get(end + 1).is_some_and(|n| {
                    n.is_capitalized() && n.exact_bits(patterns) & W_NON_NAME == 0
                });
            if !(name_word(t, patterns) || connector) {
                break;
            }
            end += 1;
        }
        // A run may not end on a particle.
        while end > start + 1 && !tokens[end - 1].is_capitalized() {
            end -= 1;
        }
        out.push((start, end));
        i = end;
    }
    out
}

/// Where a person's name starts in `tokens[from..end]` when it runs to `end`: at an honorific or
/// a given name, before the last token, with only capitalised words after it and no "of" or
/// "for" ("Director of National Intelligence | Dan Coats", "Chairman of the Joint Chiefs of Staff
/// | Gen. Martin Dempsey").
pub(super) fn name_to_end(
    tokens: &[Token],
    from: usize,
    end: usize,
    patterns: &PatternSet,
) -> Option<usize> {
    (from..end.saturating_sub(1)).find(|&j| {
        (tokens[j].is_honorific(patterns) || patterns.is_given_name(tokens[j].text))
            && tokens[j..end]
                .iter()
                .all(|t| t.is_capitalized() && !matches!(t.text, "of" | "for"))
    })
}

/// Whether a run word can be part of a person's name.
pub(super) fn plain_name_word(t: &Token, last: bool, patterns: &PatternSet) -> bool {
    if !t.is_capitalized() {
        return false;
    }
    let exact = t.exact_bits(patterns);
    exact & (W_NON_NAME | W_HONORIFIC | W_PLACE_EXACT) == 0
        && t.lower_bits(patterns) & (W_TITLE | W_TITLE_MODIFIER | W_PLACE) == 0
        && (!t.possessive || last)
        && without_status(t.text, patterns).is_none()
}

/// Splits the run `tokens[start..end]` into its parts, looking at up to a few words before it for
/// a lowercase title ("adjunct senior fellow Duyeon Kim", "North Korean leader Kim Jong Un").
pub fn parse_run<'a>(
    tokens: &[Token<'a>],
    start: usize,
    end: usize,
    patterns: &PatternSet,
) -> NameParts<'a> {
    // "Brian Monteith MSP", "Tom McCabe MSP": a post-nominal in capitals after a full name (one
    // that opens with a given name: not "Manchester Central MP", a constituency) is no word of it.
    let end = if end >= start + 3
        && tokens[start].exact_bits(patterns) & (W_FIRST_MALE | W_FIRST_FEMALE | W_FIRST_UNISEX)
            != 0
        && tokens[end - 1].text.len() >= 2
        && tokens[end - 1].text.bytes().all(|b| b.is_ascii_uppercase())
        && tokens[end - 1].lower_bits(patterns) & W_TITLE_CI != 0
        && tokens[end - 2].is_capitalized()
    {
        end - 1
    } else {
        end
    };
    let run = &tokens[start..end];
    let k0 = name_tail_start(run, patterns);
    let pre_start = super::post_words::title_words_start(tokens, start, patterns);
    let k = name_start(tokens, start, end, k0, pre_start, patterns);
    if let Some(p) = super::connector::post_of_then_name(tokens, start, end, patterns) {
        return p;
    }
    if let Some(p) = super::connector::split_at_connector(tokens, start, end, patterns) {
        return p;
    }
    if let Some(p) = organisation(tokens, start, end, k, patterns) {
        return p;
    }
    if let Some(p) = thing_name(run, k, k0, patterns) {
        return p;
    }
    person(tokens, start, end, k, pre_start, patterns)
}

/// Where the longest tail of plain name words of `run` starts (a title or place word right
/// after a given name or an honorific counting as a family name).
fn name_tail_start(run: &[Token], patterns: &PatternSet) -> usize {
    // "Martin Luther King Jr.": a generational suffix goes with the name before it, read as if
    // the name ended there (so "King" after a given name is the family name).
    if let [core @ .., last] = run {
        if !core.is_empty() && is_generational_suffix(last.text) {
            let k = name_tail_start(core, patterns);
            if k < core.len() {
                return k;
            }
        }
    }
    // k0: start of the longest tail of plain name words.
    let mut k0 = run.len();
    loop {
        // "Justices Ruth Bader Ginsburg, Stephen Breyer …": a plural post before a given name.
        let plural_post = || {
            run[k0 - 1].lower_bits(patterns) & W_TITLE_PLURAL != 0
                && run.get(k0).is_some_and(|n| patterns.is_given_name(n.text))
                // (Not the end of a body's name: "Speaker of the House of Representatives Nancy
                // Pelosi".)
                && (k0 < 2 || run[k0 - 2].text != "of")
        };
        if k0 > 0 && plain_name_word(&run[k0 - 1], k0 == run.len(), patterns) && !plural_post() {
            k0 -= 1;
        } else if k0 >= 2
            && k0 < run.len()
            && patterns.name_particles.contains(run[k0 - 1].text)
            && plain_name_word(&run[k0 - 2], false, patterns)
        {
            // "Mayor Bill de Blasio": a lowercase particle between plain name words.
            k0 -= 2;
        } else {
            break;
        }
    }
    // "Charlie King", "Jim Jordan", "Mr. King": a title or place word right after a given name
    // or an honorific is a family name.
    if k0 == run.len() && run.len() >= 2 {
        let prev = &run[run.len() - 2];
        let last = &run[run.len() - 1];
        let after_given =
            prev.exact_bits(patterns) & (W_FIRST_MALE | W_FIRST_FEMALE | W_FIRST_UNISEX) != 0;
        // (A capitalised non-name too, when punctuation follows it, "said Harry First, a
        // professor"; not a day, "told Bernie Tuesday".)
        let surname_like = !patterns.non_names.contains(last.text)
            || (after_given
                && !last.joined_to_next
                && !patterns.weekdays.contains(&last.text.to_lowercase()));
        // ("Alveda King said": a title that is a family name too, after a name word that is no
        // title, place or organisation word, even when it is no given name we know.)
        let surname_title = patterns.surname_titles.contains(last.text)
            && plain_name_word(prev, false, patterns)
            && prev.exact_bits(patterns) & (W_ORG | W_PLACE | W_NON_NAME) == 0
            && prev.lower_bits(patterns) & (W_TITLE_CI | W_TITLE_MODIFIER_CI | W_ORG_CI) == 0;
        if (after_given || surname_title || prev.is_honorific(patterns))
            && last.is_capitalized()
            && surname_like
        {
            k0 = run.len() - if after_given || surname_title { 2 } else { 1 };
        }
    }
    // "Earl Blumenauer", "Gov. Earl Ray Tomblin", "Virginia Foxx", "Jordan Peterson": a title or
    // place word that is also a given name, first in the run or right after an honorific, is the
    // given name.
    if (1..run.len()).contains(&k0)
        && run[k0 - 1].exact_bits(patterns) & (W_FIRST_MALE | W_FIRST_FEMALE | W_FIRST_UNISEX) != 0
        && (k0 == 1 || run[k0 - 2].is_honorific(patterns))
    {
        k0 -= 1;
    }
    k0
}

/// Whether `w` is a generational suffix after a name ("Jr.", "III").
pub(super) fn is_generational_suffix(w: &str) -> bool {
    matches!(w, "Jr." | "Jr" | "Sr." | "Sr" | "II" | "III" | "IV")
}

/// Where the name starts in the run `tokens[start..end]`: the first `k >= k0` whose prefix (from
/// `pre_start`) ends with a title or honorific ("Secretary of State | Mike Pompeo"), else `k0`.
fn name_start(
    tokens: &[Token],
    start: usize,
    end: usize,
    k0: usize,
    pre_start: usize,
    patterns: &PatternSet,
) -> usize {
    let run = &tokens[start..end];
    // The name starts at the first k >= k0 whose prefix ends with a title or honorific
    // ("Secretary of State | Mike Pompeo"), else at k0.
    let mut k = k0;
    for cand in k0..run.len() {
        // "Lt. Gen. Michael Flynn": an honorific after an honorific is not the name's start.
        if cand + 1 < run.len() && run[cand].is_honorific(patterns) {
            continue;
        }
        // "Martin Luther King Jr.": a name never starts at its generational suffix.
        if is_generational_suffix(run[cand].text) {
            continue;
        }
        // "Earl Blumenauer": a given name taken into the name above is not a title.
        if cand > k0 && run[cand - 1].exact_bits(patterns) & (W_FIRST_MALE | W_FIRST_FEMALE) != 0 {
            continue;
        }
        let pre = &tokens[pre_start..start + cand];
        let ends_with_title = pre.last().is_some_and(|t| t.is_honorific(patterns))
            || title_suffix(pre, patterns).is_some();
        if ends_with_title {
            k = cand;
            break;
        }
    }
    k
}

/// The run as an organisation's name, when it is one ("Association of Flight Attendants", "the
/// JoongAng Ilbo newspaper", a name with an organisation word after the name start `k`).
fn organisation<'a>(
    tokens: &[Token<'a>],
    start: usize,
    end: usize,
    k: usize,
    patterns: &PatternSet,
) -> Option<NameParts<'a>> {
    let run = &tokens[start..end];
    // "Jessica Post", "Emily Church": a given name (not also a place: "Jordan Times", "Georgia
    // Tech") and one organisation word in the singular are a person's name.
    if let [given, last] = run {
        if patterns.is_given_name(given.text)
            && patterns.places.canonical(given.text).is_none()
            && !last.text.ends_with('s')
            && tokens.get(end).is_none_or(|t| t.text != "of")
        {
            return None;
        }
    }
    let mut parts = NameParts::default();
    parts.possessive = run.last().is_some_and(|t| t.possessive);
    let following_org_word = tokens.get(end).is_some_and(|t| {
        run.last().is_some_and(|l| l.joined_to_next)
            && !t.is_capitalized()
            && patterns.org_words.contains(t.text)
    });
    let org_at = run
        .iter()
        .position(|t| t.is_capitalized() && t.lower_bits(patterns) & W_ORG_CI != 0);
    // "Association of Flight Attendants", "Bank of America": an organisation word, a connector,
    // then the rest of the name (not a person named "Flight Attendants").
    // ("Department of Homeland Security Secretary Jeh Johnson" is a person: a title follows.)
    let org_of = org_at.is_some_and(|o| {
        o + 2 < run.len()
            && matches!(run[o + 1].text, "of" | "for" | "on")
            && run[o + 2..].iter().all(|t| {
                (t.is_capitalized() || t.text == "of")
                    && t.lower_bits(patterns) & W_TITLE_CI == 0
                    && !t.is_honorific(patterns)
            })
    });
    if following_org_word
        || org_of
        || org_at.is_some_and(|o| o >= k)
        || run[k..].iter().any(|t| t.text == "of" || t.text == "for")
    {
        parts.is_org = true;
        let s = run
            .iter()
            .position(|t| !patterns.non_names.contains(t.text))
            .unwrap_or(0);
        let s = s.min(org_at.unwrap_or(s)).min(k);
        let s = s.max(
            run.iter()
                .position(|t| t.is_capitalized() && !patterns.non_names.contains(t.text))
                .unwrap_or(s),
        );
        parts.name = run[s..].iter().map(|t| t.text).collect();
        parts.name_span = Some(Span::new(run[s].span.start, run[run.len() - 1].span.end));
        return Some(parts);
    }
    None
}

/// "National Review", "Trump-Kim Summit": capitalised words before a lone name word with no title
/// or honorific among them name a thing, not a person; an acronym alone ("CNN", "TV") too.
fn thing_name<'a>(
    run: &[Token<'a>],
    k: usize,
    k0: usize,
    patterns: &PatternSet,
) -> Option<NameParts<'a>> {
    let mut parts = NameParts::default();
    parts.possessive = run.last().is_some_and(|t| t.possessive);
    // "National Review", "Trump-Kim Summit": capitalised words before a lone name word with no
    // title or honorific among them name a thing, not a person.
    if k == k0 && k0 > 0 && run.len() - k == 1 {
        let pre_in_run = &run[..k0];
        let titled = title_suffix(pre_in_run, patterns).is_some()
            || pre_in_run.iter().any(|t| t.is_honorific(patterns));
        let place_only = patterns
            .places
            .canonical(
                &pre_in_run
                    .iter()
                    .map(|t| t.text)
                    .collect::<Vec<_>>()
                    .join(" "),
            )
            .is_some();
        if !titled
            && !place_only
            && pre_in_run
                .iter()
                .all(|t| !patterns.non_names.contains(t.text))
        {
            parts.is_org = true;
            parts.name = run.iter().map(|t| t.text).collect();
            parts.name_span = Some(Span::new(run[0].span.start, run[run.len() - 1].span.end));
            return Some(parts);
        }
    }
    let name = &run[k..];
    // An acronym alone ("CNN", "RNC", "TV") is an organisation or a thing, not a person.
    if name.len() == 1
        && name[0].text.len() >= 2
        && name[0]
            .text
            .chars()
            .all(|c| c.is_uppercase() || c == '.' || c == '&')
    {
        parts.is_org = true;
        parts.name = vec![name[0].text];
        parts.name_span = Some(name[0].span);
        return Some(parts);
    }
    None
}

/// The run as a person's name from `k` on, with the honorific, title and qualifier written
/// before it (from `pre_start`).
fn person<'a>(
    tokens: &[Token<'a>],
    start: usize,
    end: usize,
    k: usize,
    pre_start: usize,
    patterns: &PatternSet,
) -> NameParts<'a> {
    let run = &tokens[start..end];
    let mut parts = NameParts::default();
    parts.possessive = run.last().is_some_and(|t| t.possessive);
    let name = &run[k..];
    if !name.is_empty() {
        parts.name = name.iter().map(|t| t.text).collect();
        parts.name_span = Some(Span::new(name[0].span.start, name[name.len() - 1].span.end));
        // A given name says the gender; a lone word is more often a family name ("Warren").
        if name.len() >= 2 {
            if let Some(g) = given_name_gender(name[0].text, patterns) {
                parts.gender = Some(g);
            }
        }
    }
    let pre: Vec<&Token> = tokens[pre_start..start + k].iter().collect();
    let mut pre_end = pre.len();
    if let Some(last) = pre.last() {
        if let Some(g) = honorific_gender(last.text, patterns) {
            parts.gender = parts.gender.or(g);
            parts.honorific = Some(last.text.to_string());
            pre_end -= 1;
        } else if last.is_honorific(patterns) {
            parts.honorific = Some(last.text.to_string());
            pre_end -= 1;
        }
        // "Lt. Gen.", "Rear Adm.": honorifics in a row are one.
        while parts.honorific.is_some()
            && pre_end > 0
            && pre[pre_end - 1].is_honorific(patterns)
            && pre[pre_end - 1].joined_to_next
        {
            pre_end -= 1;
            let h = parts.honorific.take().unwrap_or_default();
            parts.honorific = Some(format!("{} {h}", pre[pre_end].text));
        }
    }
    if parts.honorific.is_some() {
        parts.honorific_span = Some(Span::new(
            pre[pre_end].span.start,
            pre[pre.len() - 1].span.end,
        ));
    }
    let pre = &pre[..pre_end];
    if let Some((title_start, mut title)) = title_with_field(pre, patterns) {
        // "MIT economics professor": the field before the post is the post's, not the
        // organisation's (a word of one stays there: "Clinton campaign spokesman").
        let title_start = if title_start >= 2
            && super::post_words::is_field_word(pre[title_start - 1].text, patterns)
            && pre[title_start - 1].lower_bits(patterns) & (W_ORG_CI | W_TITLE_MODIFIER_CI) == 0
            && pre[title_start - 1].exact_bits(patterns) & W_ORG == 0
            && pre[title_start - 2].is_capitalized()
            && pre[title_start - 2].joined_to_next
        {
            title = format!("{} {title}", pre[title_start - 1].text);
            title_start - 1
        } else {
            title_start
        };
        parts.title = Some(title);
        parts.title_span = Some(Span::new(
            pre[title_start].span.start,
            pre[pre.len() - 1].span.end,
        ));
        let q: Vec<&Token> = pre[..title_start]
            .iter()
            .copied()
            .skip_while(|t| {
                patterns.non_names.contains(t.text)
                    || t.text.chars().next().is_some_and(char::is_lowercase)
            })
            .collect();
        if !q.is_empty() {
            // The words as written, with an ampersand where the text has one ("JPMorgan Chase &
            // Co.").
            let mut qs = String::new();
            for (i, t) in q.iter().enumerate() {
                qs.push_str(t.text);
                if i + 1 < q.len() {
                    qs.push_str(if t.ampersand_to_next { " & " } else { " " });
                }
            }
            parts.affiliation = Some(patterns.place_or_written(qs));
        }
    }
    parts
}

/// The title that ends `words` ([`title_suffix`]), or one with the field it is of written after
/// it ([`super::post_words::field_start`]): "vice president for trust and safety", "director of
/// rugby".
fn title_with_field(words: &[&Token], patterns: &PatternSet) -> Option<(usize, String)> {
    title_suffix(words, patterns).or_else(|| {
        let of = super::post_words::field_start(words, patterns)?;
        let (start, title) = title_suffix(&words[..of], patterns)?;
        let rest: Vec<&str> = words[of..].iter().map(|t| t.text).collect();
        Some((start, format!("{title} {}", rest.join(" "))))
    })
}

/// The longest title (modifiers + a title from the lexicon) that ends `words`; returns the index
/// where it starts and the title as written.
/// (Over tokens or references to tokens.)
pub fn title_suffix<'t, T: std::borrow::Borrow<Token<'t>>>(
    words: &[T],
    patterns: &PatternSet,
) -> Option<(usize, String)> {
    let n = words.len();
    // Every title ends with one of the titles' last words ("ex-President" with "president").
    let last = words.last()?.borrow();
    let last_text = without_status(last.text, patterns).unwrap_or(last.text);
    if !with_lowercase(last_text, |l| patterns.titles.may_end_with(l)) {
        return None;
    }
    let max = patterns.titles.max_words.max(1).min(n);
    let mut best: Option<usize> = None;
    // The last `len` words lowercased and joined by spaces, for each `len`: each word is
    // lowercased once, and the phrase is built in one buffer.
    let lowered: Vec<String> = words[n - max..]
        .iter()
        .map(|t| {
            let w = t.borrow().text;
            without_status(w, patterns).unwrap_or(w).to_lowercase()
        })
        .collect();
    let mut phrase = String::new();
    for len in 1..=max {
        phrase.clear();
        for (i, w) in lowered[max - len..].iter().enumerate() {
            if i > 0 {
                phrase.push(' ');
            }
            phrase.push_str(w);
        }
        if patterns.titles.contains(&phrase) {
            best = Some(n - len);
        }
    }
    let mut s = best?;
    let modifier = |t: &Token| {
        (t.lower_bits(patterns) & W_TITLE_MODIFIER_CI != 0
            || without_status(t.text, patterns).is_some())
            && !t.possessive
    };
    loop {
        if s > 0 && modifier(words[s - 1].borrow()) {
            s -= 1;
        } else if s > 1
            // "chief U.S. economist": a country between a modifier and the title.
            && words[s - 1].borrow().exact_bits(patterns) & W_PLACE_EXACT != 0
            && modifier(words[s - 2].borrow())
        {
            s -= 2;
        } else {
            break;
        }
    }
    let title = words[s..]
        .iter()
        .map(|t| t.borrow().text)
        .collect::<Vec<_>>()
        .join(" ");
    Some((s, title))
}

/// `w` without a status prefix, when it is a title, a title modifier or an honorific written
/// with one (`then-Deputy`, `ex-Foreign`, `ex-President`, `then-Gov.`): the status goes to the
/// status column.
pub fn without_status<'w>(w: &'w str, patterns: &PatternSet) -> Option<&'w str> {
    let titled = |s: &str| {
        patterns.word_bits.lower(s) & (W_TITLE_CI | W_TITLE_MODIFIER_CI) != 0
            || patterns.word_bits.exact(s) & W_HONORIFIC != 0
    };
    // "Mayor-elect": a status written after the post.
    if let Some(stem) = w.strip_suffix("-elect").filter(|s| !s.is_empty()) {
        return titled(stem).then_some(stem);
    }
    let i = w.find('-')?;
    let (prefix, rest) = (&w[..=i], &w[i + 1..]);
    (!rest.is_empty()
        && patterns
            .statuses
            .canonical(&prefix.to_lowercase())
            .is_some()
        && titled(rest))
    .then_some(rest)
}

/// Whether `w` is an honorific of any gender.
pub fn is_honorific(w: &str, patterns: &PatternSet) -> bool {
    patterns.word_bits.exact(w) & W_HONORIFIC != 0
}

/// The gender a given name of the lexicons tells (none for a unisex one).
pub(super) fn given_name_gender(w: &str, patterns: &PatternSet) -> Option<Gender> {
    if patterns.first_names_male.contains(w) {
        Some(Gender::Male)
    } else if patterns.first_names_female.contains(w) {
        Some(Gender::Female)
    } else {
        None
    }
}

/// The gender an honorific tells: `Some(Some(g))` for Mr./Ms., `Some(None)` for Dr.
fn honorific_gender(w: &str, patterns: &PatternSet) -> Option<Option<Gender>> {
    if patterns.honorifics_male.contains(w) {
        Some(Some(Gender::Male))
    } else if patterns.honorifics_female.contains(w) {
        Some(Some(Gender::Female))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::token::tokenize;

    fn parse(text: &str) -> NameParts<'_> {
        let set = PatternSet::embedded().unwrap();
        let toks = tokenize(text, Span::new(0, text.len()), &set);
        let rs = runs(&toks, &set);
        let (s, e) = *rs.last().unwrap();
        parse_run(&toks, s, e, &set)
    }

    #[test]
    fn title_before_name() {
        let p = parse("U.S. Secretary of State Mike Pompeo");
        assert_eq!(p.name, vec!["Mike", "Pompeo"]);
        assert_eq!(p.title.as_deref(), Some("Secretary of State"));
        assert_eq!(p.affiliation.as_deref(), Some("United States"));
    }

    #[test]
    fn lowercase_title_and_place_before_name() {
        let p = parse("North Korean leader Kim Jong Un");
        assert_eq!(p.name, vec!["Kim", "Jong", "Un"]);
        assert_eq!(p.title.as_deref(), Some("leader"));
    }

    #[test]
    fn honorifics_in_a_row_are_one() {
        let p = parse("Retired Lt. Gen. Michael Flynn");
        assert_eq!(p.name, vec!["Michael", "Flynn"]);
        assert_eq!(p.honorific.as_deref(), Some("Lt. Gen."));
    }

    #[test]
    fn a_title_that_is_a_given_name_after_an_honorific() {
        let p = parse("Gov. Earl Ray Tomblin");
        assert_eq!(p.name, vec!["Earl", "Ray", "Tomblin"]);
        assert_eq!(p.honorific.as_deref(), Some("Gov."));
        let p = parse("Earl Blumenauer");
        assert_eq!(p.name, vec!["Earl", "Blumenauer"]);
    }
}
