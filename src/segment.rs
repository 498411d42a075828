//! Stage 2, **segment**: an article's text → paragraphs and sentences.
//!
//! In: `&str` (an [`crate::Article`]'s text). Out: [`Paragraph`]s, each a byte range of the text
//! without its line end, and, on demand, the sentence starts of one paragraph.
//!
//! Invariants: every range lies on char boundaries of the text; paragraphs are in order and never
//! overlap; a paragraph is one line (`\n`, `\r\n` or a lone `\r` ends it) that is not blank.
//! Sentence boundaries are never placed inside a quote, and never after an abbreviation
//! (`patterns/lexicon/abbreviations.txt`) or a single initial ("J.").

use crate::pattern::PatternSet;

/// A byte range `start..end` of the article text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// The text it covers.
    pub fn slice<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
}

/// One paragraph: a non-blank line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Paragraph {
    /// Its byte range, without the line end.
    pub span: Span,
}

/// Splits `text` into paragraphs (non-blank lines).
pub fn paragraphs(text: &str) -> Vec<Paragraph> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut push = |s: usize, e: usize| {
        if bytes[s..e].iter().any(|b| !b.is_ascii_whitespace()) && !text[s..e].trim().is_empty() {
            out.push(Paragraph {
                span: Span::new(s, e),
            });
        }
    };
    for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        // "\r\n": the "\n" closes an empty line after the "\r"; skip it.
        if bytes[i] == b'\n' && i > 0 && bytes[i - 1] == b'\r' {
            start = i + 1;
            continue;
        }
        push(start, i);
        start = i + 1;
    }
    if start < bytes.len() {
        push(start, bytes.len());
    }
    out
}

/// The byte offsets (absolute) where sentences start inside `para`, the first being
/// `para.start`. Offsets inside any of `quotes` (absolute inner spans) are never boundaries.
pub fn sentence_starts(
    text: &str,
    para: Span,
    quotes: &[Span],
    patterns: &PatternSet,
) -> Vec<usize> {
    let mut starts = vec![para.start];
    let p = &text[para.start..para.end];
    let bytes = p.as_bytes();
    let mut q = 0; // index into quotes
    for i in memchr::memchr3_iter(b'.', b'!', b'?', bytes) {
        let b = bytes[i];
        let abs = para.start + i;
        while q < quotes.len() && quotes[q].end < abs {
            q += 1;
        }
        // Inside a quote (and not its last character): no boundary.
        if q < quotes.len() && quotes[q].start <= abs && abs + 1 < quotes[q].end {
            continue;
        }
        // Skip closing marks and brackets, then require whitespace.
        let mut j = i + 1;
        while j < bytes.len() {
            let c = p[j..].chars().next().unwrap_or(' ');
            if matches!(c, '”' | '"' | '’' | '\'' | ')' | ']' | '»' | '“') {
                j += c.len_utf8();
            } else {
                break;
            }
        }
        // Spaces, tabs and no-break spaces (U+00A0, two bytes).
        let ws_start = j;
        loop {
            if j < bytes.len() && (bytes[j] == b' ' || bytes[j] == b'\t') {
                j += 1;
            } else if bytes[j..].starts_with("\u{a0}".as_bytes()) {
                j += 2;
            } else {
                break;
            }
        }
        if j == ws_start || j >= bytes.len() {
            continue;
        }
        let next = p[j..].chars().next().unwrap_or(' ');
        if !(next.is_uppercase()
            || next.is_ascii_digit()
            || matches!(next, '“' | '"' | '‘' | '«' | '(' | '—' | '–'))
        {
            continue;
        }
        if b == b'.' && is_abbreviation(p, i, patterns) {
            continue;
        }
        starts.push(para.start + j);
    }
    starts
}

/// Whether the word that ends with the period at `dot` is an abbreviation or an initial.
fn is_abbreviation(p: &str, dot: usize, patterns: &PatternSet) -> bool {
    let word_start = p[..dot]
        .rfind(|c: char| c.is_whitespace() || c == '(' || c == '“' || c == '"')
        .map_or(0, |k| k + p[k..].chars().next().map_or(1, char::len_utf8));
    let word = &p[word_start..=dot];
    let core = &word[..word.len() - 1];
    if core.is_empty() {
        return false;
    }
    // An initial: one capital letter.
    let mut chars = core.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if c.is_uppercase() {
            return true;
        }
    }
    // Dotted acronyms (U.S., D.C.) are abbreviations.
    if core.contains('.') && core.chars().all(|c| c.is_alphabetic() || c == '.') {
        return true;
    }
    // "then-Sen.", "ex-Gov.": an abbreviation after a status prefix.
    patterns.abbreviations.contains(word)
        || word.split_once('-').is_some_and(|(prefix, rest)| {
            patterns
                .statuses
                .canonical(&format!("{}-", prefix.to_lowercase()))
                .is_some()
                && patterns.abbreviations.contains(rest)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_split_on_any_line_end_and_skip_blank_lines() {
        let t = "a b\r\n\r\nc\rd\n\n  \ne";
        let ps: Vec<&str> = paragraphs(t).iter().map(|p| p.span.slice(t)).collect();
        assert_eq!(ps, vec!["a b", "c", "d", "e"]);
    }

    #[test]
    fn sentences_respect_abbreviations_and_initials() {
        let set = PatternSet::embedded().unwrap();
        let t = "Mr. Smith met U.S. officials on Jan. 6. Then J. Doe left. Done!";
        let s = sentence_starts(t, Span::new(0, t.len()), &[], &set);
        let parts: Vec<&str> = s.iter().map(|&i| &t[i..]).collect();
        assert_eq!(parts.len(), 3, "{parts:?}");
        assert!(parts[1].starts_with("Then"));
        assert!(parts[2].starts_with("Done"));
    }

    #[test]
    fn a_no_break_space_after_a_period_ends_a_sentence() {
        let set = PatternSet::embedded().unwrap();
        let t = "It is short of funds.\u{a0} “We need the money,” said Joseph.";
        let s = sentence_starts(t, Span::new(0, t.len()), &[], &set);
        let parts: Vec<&str> = s.iter().map(|&i| &t[i..]).collect();
        assert_eq!(parts.len(), 2, "{parts:?}");
        assert!(parts[1].starts_with('“'));
    }
}
