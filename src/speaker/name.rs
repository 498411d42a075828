//! Words and name runs: the building blocks of speaker mentions.
//!
//! In: a byte range of the article text. Out: [`Token`]s (words with their spans) and [`NameParts`]
//! (a capitalised run split into honorific, title, qualifier and name). Word lists come from the
//! pattern set: honorifics, titles, places, organisation words, capitalised non-names.

use crate::pattern::lexicon::{
    with_lowercase, W_ABBREVIATION, W_FIRST_FEMALE, W_FIRST_MALE, W_FIRST_UNISEX, W_HONORIFIC,
    W_NON_NAME, W_ORG, W_ORG_CI, W_PARTICLE, W_PLACE, W_PLACE_EXACT, W_SPEECH_VERB, W_TITLE,
    W_TITLE_CI, W_TITLE_MODIFIER, W_TITLE_MODIFIER_CI,
};
use crate::pattern::PatternSet;
use crate::segment::Span;
use std::cell::Cell;

/// One word of the text.
#[derive(Clone, Debug)]
pub struct Token<'a> {
    /// The word, without a trailing sentence period or possessive `’s`.
    pub text: &'a str,
    /// Its byte range (of `text`).
    pub span: Span,
    /// It was written with a possessive `’s` / `'s` / `s’`.
    pub possessive: bool,
    /// Only spaces separate it from the next token.
    pub joined_to_next: bool,
    /// It starts with a capital letter.
    capitalized: bool,
    /// It starts inside a quote that [`tokenize_outside_quotes`] leaves out.
    quoted: bool,
    /// Its [`WordBits::exact`] and [`WordBits::lower`] bits once looked up ([`NOT_LOOKED_UP`]
    /// before): a name word is looked up by several stages, and each lookup hashes it.
    ///
    /// [`WordBits::exact`]: crate::pattern::lexicon::WordBits::exact
    /// [`WordBits::lower`]: crate::pattern::lexicon::WordBits::lower
    bits: (Cell<u32>, Cell<u32>),
}

/// [`Token::bits`] not looked up yet (no word has every bit).
const NOT_LOOKED_UP: u32 = u32::MAX;

impl PartialEq for Token<'_> {
    fn eq(&self, other: &Self) -> bool {
        // The looked-up bits follow from the text.
        (self.text, self.span, self.possessive, self.joined_to_next)
            == (
                other.text,
                other.span,
                other.possessive,
                other.joined_to_next,
            )
    }
}

impl Eq for Token<'_> {}

impl Token<'_> {
    /// Whether it starts with a capital letter.
    pub fn is_capitalized(&self) -> bool {
        self.capitalized
    }

    /// `patterns.word_bits.exact(self.text)`, looked up once.
    pub fn exact_bits(&self, patterns: &PatternSet) -> u32 {
        let mut b = self.bits.0.get();
        if b == NOT_LOOKED_UP {
            b = patterns.word_bits.exact(self.text);
            self.bits.0.set(b);
        }
        b
    }

    /// Whether it is an honorific of any gender ([`is_honorific`]).
    pub fn is_honorific(&self, patterns: &PatternSet) -> bool {
        self.exact_bits(patterns) & W_HONORIFIC != 0
    }

    /// `patterns.word_bits.lower(self.text)`, looked up once.
    pub fn lower_bits(&self, patterns: &PatternSet) -> u32 {
        let mut b = self.bits.1.get();
        if b == NOT_LOOKED_UP {
            b = patterns.word_bits.lower(self.text);
            self.bits.1.set(b);
        }
        b
    }
}

/// Splits `range` of `text` into words.
pub fn tokenize<'a>(text: &'a str, range: Span, patterns: &PatternSet) -> Vec<Token<'a>> {
    let mut out = Vec::new();
    tokenize_into(text, range, patterns, &mut out);
    out
}

/// [`tokenize`] into `out` (cleared first), to reuse its allocation.
pub fn tokenize_into<'a>(
    text: &'a str,
    range: Span,
    patterns: &PatternSet,
    out: &mut Vec<Token<'a>>,
) {
    tokenize_outside_quotes(text, range, patterns, &[], &mut 0, out);
}

/// [`tokenize_into`] without the words that start inside a quote: the same as tokenizing `range`
/// and then dropping each word whose start lies in `quotes[*qi]` (the inner spans of the
/// article's quotes, in order), where `*qi` first moves past the quotes that end at or before the
/// word. `*qi` is kept for the next range.
///
/// The words inside a quote are not scanned, but for the first two (the words after the last
/// word before the quote, which say whether that word is joined to the next one or followed by a
/// nickname) and the last one (the word before the first word after the quote).
pub fn tokenize_outside_quotes<'a>(
    text: &'a str,
    range: Span,
    patterns: &PatternSet,
    quotes: &[Span],
    qi: &mut usize,
    out: &mut Vec<Token<'a>>,
) {
    out.clear();
    let s = &text[range.start..range.end];
    let b = s.as_bytes();
    // The character at byte `i` (a char boundary, not ASCII) and its length.
    let char_at = |i: usize| -> (char, usize) {
        let c = s[i..].chars().next().expect("char boundary");
        (c, c.len_utf8())
    };
    let mut next = 0;
    // Whether some gap between words is ` "` or ` “`, as before a nickname.
    let mut nickname_gap = false;
    // Words starting inside quotes since the last word outside one, whether some word is, and
    // the end of the quote the scan last skipped to.
    let mut quoted_in_row = 0;
    let mut any_quoted = false;
    let mut skipped_to = usize::MAX;
    while next < b.len() {
        let i = next;
        match BYTE_CLASS[usize::from(b[i])] {
            WORD => next = i + 1,
            NON_ASCII => {
                let (c, len) = char_at(i);
                next = i + len;
                if !is_alphanumeric_beyond_ascii(c) {
                    continue;
                }
            }
            _ => {
                next = i + 1;
                continue;
            }
        }
        let mut end = next;
        loop {
            // ASCII letters, digits and joiners, a byte at a time; then a character beyond ASCII
            // may go on with the word.
            while end < b.len() && BYTE_CLASS[usize::from(b[end])] & (WORD | JOINER) != 0 {
                end += 1;
            }
            if end < b.len() && b[end] >= 0x80 {
                let (d, len) = char_at(end);
                if d == '’' || is_alphanumeric_beyond_ascii(d) {
                    end += len;
                    continue;
                }
            }
            break;
        }
        // The character that stopped the word is no word start either.
        next = end;
        let mut word = &s[i..end];
        let mut possessive = false;
        // A word ending in a letter or digit other than `s` has nothing to trim (no trailing
        // punctuation, period or possessive).
        let last = b[end - 1];
        if !last.is_ascii_alphanumeric() || last == b's' || last == b'S' {
            // Trailing punctuation that belongs to the sentence, not the word.
            while word.ends_with(['-', '&', '\'', '’']) && !is_possessive(word) {
                word = &word[..word.len() - word.chars().next_back().map_or(1, char::len_utf8)];
            }
            if word.ends_with('.') && !keeps_period(word, patterns) {
                word = word.trim_end_matches('.');
            }
            if let Some(stem) = strip_possessive(word) {
                word = stem;
                possessive = true;
            }
            if word.is_empty() {
                continue;
            }
        }
        let abs = range.start + i;
        let tok_end = abs + word.len();
        if let Some(prev) = out.last_mut() {
            let gap = &text.as_bytes()[prev.span.end..abs];
            // Whether only spaces separate the previous word from this one (a possessive is
            // never joined to the next word).
            prev.joined_to_next = !prev.possessive
                && (gap == b" "
                    || !gap.is_empty()
                        && text[prev.span.end..abs]
                            .chars()
                            .all(|c| c == ' ' || c == '\u{a0}'));
            nickname_gap |= gap == b" \"" || gap == " “".as_bytes();
        }
        let capitalized = if b[i] < 0x80 {
            b[i].is_ascii_uppercase()
        } else {
            char_at(i).0.is_uppercase()
        };
        while *qi < quotes.len() && quotes[*qi].end <= abs {
            *qi += 1;
        }
        let quoted = *qi < quotes.len() && quotes[*qi].start <= abs;
        out.push(Token {
            text: &text[abs..tok_end],
            span: Span::new(abs, tok_end),
            possessive,
            joined_to_next: false,
            capitalized,
            quoted,
            bits: (Cell::new(NOT_LOOKED_UP), Cell::new(NOT_LOOKED_UP)),
        });
        if !quoted {
            quoted_in_row = 0;
            continue;
        }
        any_quoted = true;
        quoted_in_row += 1;
        // Every word from here to the quote's end starts inside it: once the two words after
        // the last word outside are in, go on from the last word that starts inside it.
        let quote_end = quotes[*qi].end;
        if quoted_in_row >= 2 && skipped_to != quote_end {
            skipped_to = quote_end;
            let to = quote_end.saturating_sub(range.start).min(b.len());
            next = last_word_run_before(s, to, next);
        }
    }
    if nickname_gap {
        drop_nicknames(text, out);
    }
    if any_quoted {
        out.retain(|t| !t.quoted);
    }
}

/// `c.is_alphanumeric()` for a character beyond ASCII, without the Unicode tables for the
/// no-break space and the General Punctuation block (quote marks, dashes, `’`), which has no
/// letter or digit.
fn is_alphanumeric_beyond_ascii(c: char) -> bool {
    !(c == '\u{a0}' || ('\u{2000}'..='\u{206f}').contains(&c)) && c.is_alphanumeric()
}

/// Whether the character ending at byte `i` of `s` (a char boundary) may go on with a word: an
/// ASCII letter, digit or joiner, a letter or digit beyond ASCII, or `’`.
fn continues_word_before(s: &str, i: usize) -> bool {
    let b = s.as_bytes()[i - 1];
    if b < 0x80 {
        return BYTE_CLASS[usize::from(b)] & (WORD | JOINER) != 0;
    }
    s[..i]
        .chars()
        .next_back()
        .is_some_and(|c| c == '’' || is_alphanumeric_beyond_ascii(c))
}

/// Where [`tokenize_outside_quotes`] may go on scanning `s` from `from` (where it stands between
/// words) and still find the last word that starts before `to`: the start of the run of word
/// characters holding that word, or `from` when that word starts before `from` or there is none.
/// A run of word characters (letters, digits, joiners, `’`) after a character that is none is
/// split into words the same wherever the scan starts before it, so the words from there on are
/// the ones a scan from the start would find.
fn last_word_run_before(s: &str, to: usize, from: usize) -> usize {
    let b = s.as_bytes();
    let mut p = to;
    while p > from {
        // Back to the start of the run that ends at `p`.
        let run_end = p;
        while p > from && continues_word_before(s, p) {
            p -= s[..p].chars().next_back().map_or(1, char::len_utf8);
        }
        if p <= from {
            return from;
        }
        // A word starts in this run at its first letter or digit: the last word before `to` if
        // that is before `to`.
        let mut k = p;
        while k < run_end.min(to) {
            if b[k] < 0x80 {
                if BYTE_CLASS[usize::from(b[k])] == WORD {
                    return p;
                }
                k += 1;
            } else {
                let c = s[k..].chars().next().expect("char boundary");
                if is_alphanumeric_beyond_ascii(c) {
                    return p;
                }
                k += c.len_utf8();
            }
        }
        // Back over the characters between this run and the one before.
        while p > from && !continues_word_before(s, p) {
            p -= s[..p].chars().next_back().map_or(1, char::len_utf8);
        }
    }
    from
}

/// Leaves out of `out` the nicknames in quotes inside names (Juan "Chico" Manriquez): the name
/// is the words around it. (One pass that keeps tokens in place: linear on any paragraph.)
fn drop_nicknames(text: &str, out: &mut Vec<Token>) {
    let nickname = |a: &Token, b: &Token, c: &Token| {
        a.is_capitalized()
            && b.is_capitalized()
            && c.is_capitalized()
            && !a.possessive
            && matches!(&text[a.span.end..b.span.start], " \"" | " “")
            && matches!(&text[b.span.end..c.span.start], "\" " | "” ")
    };
    let (mut w, mut r) = (0, 0);
    while r < out.len() {
        if w > 0 && r + 1 < out.len() && nickname(&out[w - 1], &out[r], &out[r + 1]) {
            out[w - 1].joined_to_next = true;
            // The nickname goes; the word after it is kept and not tried as one.
            r += 1;
        }
        out.swap(w, r);
        w += 1;
        r += 1;
    }
    out.truncate(w);
}

/// [`BYTE_CLASS`]: an ASCII letter or digit.
const WORD: u8 = 1;
/// [`BYTE_CLASS`]: punctuation that may continue a word (`'`, `-`, `.`, `&`).
const JOINER: u8 = 2;
/// [`BYTE_CLASS`]: a byte of a character beyond ASCII (decoded to tell).
const NON_ASCII: u8 = 4;
/// What each byte is to the tokenizer: 0 (ASCII that ends a word), [`WORD`], [`JOINER`] or
/// [`NON_ASCII`].
static BYTE_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        if b >= 0x80 {
            t[c] = NON_ASCII;
        } else if b.is_ascii_alphanumeric() {
            t[c] = WORD;
        } else if matches!(b, b'\'' | b'-' | b'.' | b'&') {
            t[c] = JOINER;
        }
        c += 1;
    }
    t
};

/// Whether `word` ends with a possessive `’s`, `'s`, `s’` or `s'`.
pub fn is_possessive(word: &str) -> bool {
    strip_possessive(word).is_some()
}

/// `word` without its possessive ending, if it has one.
pub fn strip_possessive(word: &str) -> Option<&str> {
    // Every possessive ends with `’s`, `'s` (any case of s), `s’` or `s'` (`’` ends with the
    // UTF-8 byte 0x99).
    let b = word.as_bytes();
    match b {
        [.., b'\'' | 0x99, b's' | b'S'] | [.., b'\'' | 0x99] => {}
        _ => return None,
    }
    for suffix in ["’s", "'s", "’S", "'S"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            if !stem.is_empty() {
                return Some(stem);
            }
        }
    }
    for suffix in ["s’", "s'"] {
        if word.ends_with(suffix)
            && word.len() > 3
            && word.chars().next().is_some_and(char::is_uppercase)
        {
            return Some(&word[..word.len() - suffix.len() + 1]);
        }
    }
    None
}

fn keeps_period(word: &str, patterns: &PatternSet) -> bool {
    let core = &word[..word.len() - 1];
    let mut chars = core.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return c.is_uppercase();
    }
    if core.contains('.') && core.chars().all(|c| c.is_alphabetic() || c == '.') {
        return true;
    }
    patterns.word_bits.exact(word) & (W_ABBREVIATION | W_HONORIFIC) != 0
}

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

/// Whether a run word can be part of a person's name.
fn plain_name_word(t: &Token, last: bool, patterns: &PatternSet) -> bool {
    if !t.is_capitalized() {
        return false;
    }
    let exact = t.exact_bits(patterns);
    exact & (W_NON_NAME | W_HONORIFIC | W_PLACE_EXACT) == 0
        && t.lower_bits(patterns) & (W_TITLE | W_TITLE_MODIFIER | W_PLACE) == 0
        && (!t.possessive || last)
}

/// Splits the run `tokens[start..end]` into its parts, looking at up to a few words before it for
/// a lowercase title ("adjunct senior fellow Duyeon Kim", "North Korean leader Kim Jong Un").
pub fn parse_run<'a>(
    tokens: &[Token<'a>],
    start: usize,
    end: usize,
    patterns: &PatternSet,
) -> NameParts<'a> {
    let mut parts = NameParts::default();
    let run = &tokens[start..end];
    parts.possessive = run.last().is_some_and(|t| t.possessive);
    // k0: start of the longest tail of plain name words.
    let mut k0 = run.len();
    while k0 > 0 && plain_name_word(&run[k0 - 1], k0 == run.len(), patterns) {
        k0 -= 1;
    }
    // "Charlie King", "Jim Jordan", "Mr. King": a title or place word right after a given name
    // or an honorific is a family name.
    if k0 == run.len() && run.len() >= 2 {
        let prev = &run[run.len() - 2];
        let last = &run[run.len() - 1];
        let after_given =
            prev.exact_bits(patterns) & (W_FIRST_MALE | W_FIRST_FEMALE | W_FIRST_UNISEX) != 0;
        if (after_given || prev.is_honorific(patterns))
            && last.is_capitalized()
            && !patterns.non_names.contains(last.text)
        {
            k0 = run.len() - if after_given { 2 } else { 1 };
        }
    }
    // "Earl Blumenauer", "Gov. Earl Ray Tomblin": a title word that is also a given name, first
    // in the run or right after an honorific, is the given name.
    if (1..run.len()).contains(&k0)
        && run[k0 - 1].exact_bits(patterns) & (W_FIRST_MALE | W_FIRST_FEMALE) != 0
        && (k0 == 1 || run[k0 - 2].is_honorific(patterns))
    {
        k0 -= 1;
    }
    // Lowercase title words right before the run ("adjunct senior fellow", "press secretary",
    // "police chief"), and the capitalised qualifier before them ("White House", "Tulsa"); they
    // count only when a title ends right before the name.
    let mut pre_start = start;
    let mut lower_seen = false;
    while pre_start > 0 && start - pre_start < 6 {
        let t = &tokens[pre_start - 1];
        let joined = t.joined_to_next || (t.possessive && t.is_capitalized());
        let lower_ok = !t.is_capitalized()
            && (t.lower_bits(patterns) & (W_TITLE_CI | W_TITLE_MODIFIER_CI) != 0
                || t.exact_bits(patterns) & W_ORG != 0
                || matches!(t.text, "of" | "for"));
        let qualifier_ok =
            lower_seen && t.is_capitalized() && t.exact_bits(patterns) & W_NON_NAME == 0;
        if !joined || !(lower_ok || qualifier_ok) {
            break;
        }
        lower_seen |= lower_ok;
        pre_start -= 1;
        if t.possessive {
            break;
        }
    }
    // The name starts at the first k >= k0 whose prefix ends with a title or honorific
    // ("Secretary of State | Mike Pompeo"), else at k0.
    let mut k = k0;
    for cand in k0..run.len() {
        // "Lt. Gen. Michael Flynn": an honorific after an honorific is not the name's start.
        if cand + 1 < run.len() && run[cand].is_honorific(patterns) {
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
    // "Cameron Easley for Morning Consult", "Charles B. Rangel of New York": a person's name, then
    // a connector and an organisation or place. Split the run at the connector.
    if let Some(c) = run.iter().position(|t| t.text == "of" || t.text == "for") {
        let head = &run[..c];
        let person_like = head.len() >= 2
            && head[head.len() - 2..]
                .iter()
                .all(|t| plain_name_word(t, false, patterns))
            && !head.iter().any(|t| t.lower_bits(patterns) & W_ORG_CI != 0);
        if person_like && c + 1 < run.len() {
            let mut parts = parse_run(tokens, start, start + c, patterns);
            if parts.affiliation.is_none() && !parts.is_org {
                let org: Vec<&str> = run[c + 1..].iter().map(|t| t.text).collect();
                let org = org.join(" ");
                parts.affiliation = Some(
                    patterns
                        .places
                        .canonical(&org)
                        .map(str::to_string)
                        .unwrap_or(org),
                );
            }
            return parts;
        }
    }
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
        return parts;
    }
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
            return parts;
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
        return parts;
    }
    if !name.is_empty() {
        parts.name = name.iter().map(|t| t.text).collect();
        parts.name_span = Some(Span::new(name[0].span.start, name[name.len() - 1].span.end));
        // A given name says the gender; a lone word is more often a family name ("Warren").
        if name.len() >= 2 {
            if patterns.first_names_male.contains(name[0].text) {
                parts.gender = Some(Gender::Male);
            } else if patterns.first_names_female.contains(name[0].text) {
                parts.gender = Some(Gender::Female);
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
    let pre = &pre[..pre_end];
    if let Some((title_start, title)) = title_suffix(pre, patterns) {
        parts.title = Some(title);
        let q: Vec<&str> = pre[..title_start]
            .iter()
            .map(|t| t.text)
            .skip_while(|w| {
                patterns.non_names.contains(w) || w.chars().next().is_some_and(char::is_lowercase)
            })
            .collect();
        if !q.is_empty() {
            let qs = q.join(" ");
            parts.affiliation = Some(
                patterns
                    .places
                    .canonical(&qs)
                    .map(str::to_string)
                    .unwrap_or(qs),
            );
        }
    }
    parts
}

/// The longest title (modifiers + a title from the lexicon) that ends `words`; returns the index
/// where it starts and the title as written.
/// (Over tokens or references to tokens.)
pub fn title_suffix<'t, T: std::borrow::Borrow<Token<'t>>>(
    words: &[T],
    patterns: &PatternSet,
) -> Option<(usize, String)> {
    let n = words.len();
    // Every title ends with one of the titles' last words.
    let last = words.last()?.borrow();
    if !with_lowercase(last.text, |l| patterns.titles.may_end_with(l)) {
        return None;
    }
    let max = patterns.titles.max_words.max(1).min(n);
    let mut best: Option<usize> = None;
    // The last `len` words lowercased and joined by spaces, for each `len`: each word is
    // lowercased once, and the phrase is built in one buffer.
    let lowered: Vec<String> = words[n - max..]
        .iter()
        .map(|t| t.borrow().text.to_lowercase())
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
    while s > 0
        && words[s - 1].borrow().lower_bits(patterns) & W_TITLE_MODIFIER_CI != 0
        && !words[s - 1].borrow().possessive
    {
        s -= 1;
    }
    let title = words[s..]
        .iter()
        .map(|t| t.borrow().text)
        .collect::<Vec<_>>()
        .join(" ");
    Some((s, title))
}

/// Whether `w` is an honorific of any gender.
pub fn is_honorific(w: &str, patterns: &PatternSet) -> bool {
    patterns.word_bits.exact(w) & W_HONORIFIC != 0
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

    fn parse(text: &str) -> NameParts<'_> {
        let set = PatternSet::embedded().unwrap();
        let toks = tokenize(text, Span::new(0, text.len()), &set);
        let rs = runs(&toks, &set);
        let (s, e) = *rs.last().unwrap();
        parse_run(&toks, s, e, &set)
    }

    /// [`tokenize_into`] and then the words starting inside `quotes` dropped, as
    /// [`tokenize_outside_quotes`] promises.
    fn tokenize_then_drop<'a>(
        text: &'a str,
        range: Span,
        set: &PatternSet,
        quotes: &[Span],
        qi: &mut usize,
    ) -> Vec<Token<'a>> {
        let mut toks = tokenize(text, range, set);
        toks.retain(|t| {
            while *qi < quotes.len() && quotes[*qi].end <= t.span.start {
                *qi += 1;
            }
            !(*qi < quotes.len() && quotes[*qi].start <= t.span.start)
        });
        toks
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 20000,
            ..proptest::prelude::ProptestConfig::default()
        })]

        #[test]
        fn words_outside_quotes_as_if_tokenized_then_dropped(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "Juan", "Chico", "Cole", "a", "1", "s", "S", "é", "É", " ", " ", " ", "\u{a0}",
                "\"", "“", "”", "'", "’", "-", ".", "&", ",", "—", "Mr.", "O’Neil", "said",
                "Ann \"Bo\" Cole", "Ann “Bo” Cole", " \"Bo\" ", " “Bo” ",
            ]), 0..60),
            cuts in proptest::collection::vec((0usize..60, 0usize..12, 0usize..3), 0..6),
            split in 0usize..60,
        ) {
            static SET: std::sync::OnceLock<PatternSet> = std::sync::OnceLock::new();
            let set = SET.get_or_init(|| PatternSet::embedded().unwrap());
            let text = pieces.concat();
            // Quotes from piece `s` to piece `s + l`, each end moved by up to two bytes.
            let piece_at = |k: usize| pieces[..k.min(pieces.len())].concat().len();
            let boundary = |i: usize| {
                let mut i = i.min(text.len());
                while !text.is_char_boundary(i) {
                    i -= 1;
                }
                i
            };
            let mut quotes: Vec<Span> = cuts
                .iter()
                .map(|&(s, l, j)| Span::new(boundary(piece_at(s) + j), boundary(piece_at(s + l) + j)))
                .collect();
            quotes.sort_by_key(|q| q.start);
            let split = piece_at(split);
            let (mut qa, mut qb) = (0, 0);
            let mut toks = Vec::new();
            for range in [Span::new(0, split), Span::new(split, text.len())] {
                tokenize_outside_quotes(&text, range, set, &quotes, &mut qa, &mut toks);
                let want = tokenize_then_drop(&text, range, set, &quotes, &mut qb);
                proptest::prop_assert_eq!(&toks, &want, "{:?} {:?}", text, quotes);
                proptest::prop_assert_eq!(qa, qb);
            }
        }
    }

    #[test]
    fn no_letter_or_digit_in_general_punctuation() {
        for c in ('\u{80}'..='\u{3000}').chain(['\u{10000}', '\u{1d400}']) {
            assert_eq!(
                is_alphanumeric_beyond_ascii(c),
                c.is_alphanumeric(),
                "{c:?}"
            );
        }
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
    fn possessive_is_split_off() {
        let set = PatternSet::embedded().unwrap();
        let t = "Biegun’s predecessor";
        let toks = tokenize(t, Span::new(0, t.len()), &set);
        assert_eq!(toks[0].text, "Biegun");
        assert!(toks[0].possessive);
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
