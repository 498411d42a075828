//! Words of the text: the tokenizer the speaker stage reads names and titles with.
//!
//! In: a byte range of the article text (and, for [`tokenize_outside_quotes`], the quotes' inner
//! spans). Out: [`Token`]s, words with their spans, a trailing sentence period and a possessive
//! `’s` taken off (the token says it had one), and whether only spaces join each to the next.
//! Which word lists a token is in is looked up once and kept on it ([`Token::exact_bits`]).

use std::cell::Cell;

use crate::pattern::lexicon::{W_ABBREVIATION, W_HONORIFIC};
use crate::pattern::PatternSet;
use crate::segment::Span;

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
    /// ` & ` separates it from the next token ("JPMorgan Chase & Co.").
    pub ampersand_to_next: bool,
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

impl<'a> Token<'a> {
    /// The word without a plural's final `s` ("advisers" → "adviser"), its span one byte
    /// shorter; `None` for a possessive or a word that does not end in a single `s`.
    pub fn without_plural_s(&self) -> Option<Token<'a>> {
        let stem = self
            .text
            .strip_suffix('s')
            .filter(|s| s.len() > 1 && !s.ends_with(['s', '\'', '’']) && !self.possessive)?;
        Some(Token {
            text: stem,
            span: Span::new(self.span.start, self.span.start + stem.len()),
            bits: (Cell::new(NOT_LOOKED_UP), Cell::new(NOT_LOOKED_UP)),
            ..self.clone()
        })
    }

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

    /// Whether it is an honorific of any gender ([`crate::speaker::name::is_honorific`]).
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
        let Some((word, possessive)) = trim_word(&s[i..end], patterns) else {
            continue;
        };
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
            prev.ampersand_to_next = gap == b" & ";
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
            ampersand_to_next: false,
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

/// A word as scanned, without what belongs to the sentence: trailing punctuation, a sentence
/// period (not an abbreviation's or an initial's) and a possessive `’s` (said in the second
/// value). `None` when nothing is left.
fn trim_word<'a>(scanned: &'a str, patterns: &PatternSet) -> Option<(&'a str, bool)> {
    let mut word = scanned;
    // A word ending in a letter or digit other than `s` has nothing to trim (no trailing
    // punctuation, period or possessive).
    let last = *scanned.as_bytes().last()?;
    if last.is_ascii_alphanumeric() && last != b's' && last != b'S' {
        return Some((word, false));
    }
    // Trailing punctuation that belongs to the sentence, not the word.
    while word.ends_with(['-', '&', '\'', '’']) && !is_possessive(word) {
        word = &word[..word.len() - word.chars().next_back().map_or(1, char::len_utf8)];
    }
    if word.ends_with('.') && !keeps_period(word, patterns) {
        word = word.trim_end_matches('.');
    }
    let mut possessive = false;
    if let Some(stem) = strip_possessive(word) {
        word = stem;
        possessive = true;
    }
    (!word.is_empty()).then_some((word, possessive))
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn possessive_is_split_off() {
        let set = PatternSet::embedded().unwrap();
        let t = "Biegun’s predecessor";
        let toks = tokenize(t, Span::new(0, t.len()), &set);
        assert_eq!(toks[0].text, "Biegun");
        assert!(toks[0].possessive);
    }
}
