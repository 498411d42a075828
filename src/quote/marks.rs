//! Quote-mark pairing within a paragraph.
//!
//! The marks come from `patterns/quotes.toml`. A straight `"` is both an opening and a closing
//! mark; which one it is follows from the state (inside or outside a quote) and its neighbours:
//! a `"` right after a digit (12" records) is an inch mark, and a `"` outside a quote that follows
//! a word and precedes a space is a stray closing mark.

use super::{Diagnostic, Quote};
use crate::pattern::PatternSet;
use crate::segment::{Paragraph, Span};

/// Finds the quotes of every paragraph. Problems go to `diags`; they never stop the article.
pub fn detect(
    text: &str,
    paragraphs: &[Paragraph],
    patterns: &PatternSet,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Quote> {
    let mut quotes: Vec<Quote> = Vec::new();
    let mut open_chain: Option<usize> = None; // index of the first piece of an open multi-paragraph quote
    for (pi, para) in paragraphs.iter().enumerate() {
        let first_in_para = quotes.len();
        let ran_to_end = pair_paragraph(text, para.span, pi, patterns, &mut quotes, diags);
        // Multi-paragraph quotes: a piece that ran to its paragraph's end continues if the next
        // paragraph opens with a mark. Chain the first quote of this paragraph to it.
        if let Some(chain) = open_chain.take() {
            if let Some(q) = quotes.get_mut(first_in_para) {
                if q.open == first_nonspace(text, para.span) {
                    q.chain = Some(chain);
                }
            }
        }
        if ran_to_end {
            let last = quotes.len() - 1;
            let next_opens = paragraphs
                .get(pi + 1)
                .is_some_and(|n| starts_with_opener(text, n.span, patterns));
            if next_opens {
                let chain = quotes[last].chain.unwrap_or(last);
                quotes[last].chain = Some(chain);
                open_chain = Some(chain);
            } else {
                diags.push(Diagnostic {
                    offset: quotes[last].open,
                    message: "quote mark not closed before the end of its paragraph".into(),
                });
            }
        }
    }
    quotes
}

fn first_nonspace(text: &str, span: Span) -> usize {
    let s = span.slice(text);
    span.start + (s.len() - s.trim_start().len())
}

fn starts_with_opener(text: &str, span: Span, patterns: &PatternSet) -> bool {
    let s = span.slice(text).trim_start();
    patterns
        .quotes
        .pairs
        .iter()
        .any(|&(o, _)| mark_str(patterns, o).is_some_and(|m| s.starts_with(m)))
}

/// Pairs the marks of one paragraph and pushes its quotes. Returns whether the last quote runs to
/// the paragraph's end without a closing mark.
fn pair_paragraph(
    text: &str,
    span: Span,
    pi: usize,
    patterns: &PatternSet,
    quotes: &mut Vec<Quote>,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    let p = span.slice(text);
    let lead = p.len() - p.trim_start().len();
    // (position of the opening mark, its char, index of its pair)
    let mut open: Option<(usize, char, usize)> = None;
    // The pair of a quote of another style nested in a quote that opens the paragraph
    // ("PENCE: … “Shark Tank.” But …" in a transcript given in straight quotes): part of it.
    let mut nested: Option<usize> = None;
    for m in patterns.quotes.marks.find_iter(p) {
        let c = patterns.quotes.mark_chars[m.pattern().as_usize()];
        let at = m.start();
        let before = p[..at].chars().next_back();
        let after = p[m.end()..].chars().next();
        if let Some(inner) = nested {
            if patterns.quotes.pairs[inner].1.contains(&c) {
                nested = None;
            }
            continue;
        }
        match open {
            Some((o, oc, pair)) => {
                // The opening mark again, followed by a space or the paragraph's end, is a typo for
                // the closing one (“It’s unusual, “ said Noble): an opening mark is never followed
                // by a space.
                let typo = c == oc
                    && !patterns.quotes.pairs[pair].1.contains(&c)
                    && after.is_none_or(char::is_whitespace);
                if typo {
                    diags.push(Diagnostic {
                        offset: span.start + at,
                        message: "opening quote mark used to close a quote; read as closing".into(),
                    });
                }
                let closes = typo || patterns.quotes.pairs[pair].1.contains(&c);
                if !closes && o == lead {
                    let other_style = opener_pair(patterns, c).filter(|_| c != oc);
                    if let Some(inner) = other_style {
                        nested = Some(inner);
                        continue;
                    }
                }
                if closes && (at - o) <= patterns.quotes.max_quote_bytes {
                    push_quote(
                        text,
                        span.start + o,
                        mark_len(patterns, oc),
                        span.start + at,
                        Some(span.start + m.end()),
                        pi,
                        quotes,
                    );
                    open = (c == oc && reopens(&p[..at], after)).then_some((at, c, pair));
                } else if closes {
                    diags.push(Diagnostic {
                        offset: span.start + o,
                        message: format!(
                            "quote longer than {} bytes without a closing mark; ignored",
                            patterns.quotes.max_quote_bytes
                        ),
                    });
                    open = None;
                } else if let Some(pair) = opener_pair(patterns, c) {
                    diags.push(Diagnostic {
                        offset: span.start + o,
                        message: "quote mark opened twice; the first is ignored".into(),
                    });
                    open = Some((at, c, pair));
                }
            }
            None => {
                let Some(pair) = opener_pair(patterns, c) else {
                    diags.push(Diagnostic {
                        offset: span.start + at,
                        message: "closing quote mark with no opening mark".into(),
                    });
                    continue;
                };
                let symmetric = patterns.quotes.pairs[pair].1.contains(&c);
                if symmetric && stray(before, after) {
                    diags.push(Diagnostic {
                        offset: span.start + at,
                        message: "stray straight quote mark".into(),
                    });
                    continue;
                }
                open = Some((at, c, pair));
            }
        }
    }
    if let Some((o, oc, _)) = open {
        let end = p.trim_end().len();
        if end - o <= patterns.quotes.max_quote_bytes {
            let before = quotes.len();
            push_quote(
                text,
                span.start + o,
                mark_len(patterns, oc),
                span.start + end,
                None,
                pi,
                quotes,
            );
            return quotes.len() > before;
        }
        diags.push(Diagnostic {
            offset: span.start + o,
            message: "unclosed quote mark ignored (quote too long)".into(),
        });
    }
    false
}

/// Whether a straight mark outside a quote, between the characters `before` and `after` it, is an
/// inch mark (12") or a stray closing mark (word" then a space or the end).
fn stray(before: Option<char>, after: Option<char>) -> bool {
    let after_word =
        before.is_some_and(|b| b.is_alphanumeric() || matches!(b, '.' | ',' | '?' | '!'));
    let then_space = after.is_none_or(char::is_whitespace);
    then_space && (before.is_some_and(|b| b.is_ascii_digit()) || after_word)
}

/// Whether a straight mark that closes a quote opens the next one too, with `head` the paragraph
/// up to the mark: `"Last week I announced £419m. "That's a 5.5% increase …"` — after a
/// sentence's end and a space, before a capital (a quote's paragraphs run together, as in BBC
/// texts). A closing mark never stands after a space, an opening one never before one.
fn reopens(head: &str, after: Option<char>) -> bool {
    head.ends_with(' ')
        && head.trim_end().ends_with(['.', '!', '?'])
        && after.is_some_and(char::is_uppercase)
}

/// The mark `c` stands for, as written (`''` for a mark of two characters).
fn mark_str(patterns: &PatternSet, c: char) -> Option<&str> {
    let q = &patterns.quotes;
    q.mark_chars
        .iter()
        .position(|&m| m == c)
        .map(|k| q.mark_strs[k].as_str())
}

/// The length in bytes of the mark `c` stands for (`''` is two bytes, `“` three).
fn mark_len(patterns: &PatternSet, c: char) -> usize {
    mark_str(patterns, c).map_or(c.len_utf8(), str::len)
}

fn opener_pair(patterns: &PatternSet, c: char) -> Option<usize> {
    patterns.quotes.pairs.iter().position(|(o, _)| *o == c)
}

fn push_quote(
    text: &str,
    open: usize,
    mark_len: usize,
    inner_end: usize,
    close: Option<usize>,
    pi: usize,
    quotes: &mut Vec<Quote>,
) {
    let start = open + mark_len;
    if text[start..inner_end].trim().is_empty() {
        return;
    }
    quotes.push(Quote {
        inner: Span::new(start, inner_end),
        open,
        close,
        paragraph: pi,
        chain: None,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::paragraphs;

    fn spans(text: &str) -> Vec<String> {
        let set = PatternSet::embedded().unwrap();
        let mut d = vec![];
        detect(text, &paragraphs(text), &set, &mut d)
            .iter()
            .map(|q| q.inner.slice(text).to_string())
            .collect()
    }

    macro_rules! t {
        ($name:ident, $input:expr, $expected:expr) => {
            #[test]
            fn $name() {
                let expected: &[&str] = $expected;
                assert_eq!(spans($input), expected);
            }
        };
    }

    t!(pairing010, "“Yes,” he said. “No.”", &["Yes,", "No."]);
    t!(pairing020, "\"Yes,\" he said.", &["Yes,"]);
    t!(pairing030, "the Workers’ Party, don’t, ’90s", &[]);
    t!(
        pairing040,
        "“He said ‘no’ twice,” she said.",
        &["He said ‘no’ twice,"]
    );
    t!(pairing050, "a 12\" record and “this”", &["this"]);
    t!(pairing060, "«Oui», dit-il. „Ja“, sagte er.", &["Oui", "Ja"]);
    t!(
        pairing070,
        "“Open here\n\nnext paragraph” closes",
        &["Open here"]
    );
    t!(
        pairing080,
        "“First part\n\n“second part,” he said.",
        &["First part", "second part,"]
    );
    t!(pairing090, "“”", &[]);
    t!(
        pairing100,
        "word\" stray then \"real one\" ok",
        &["real one"]
    );

    t!(
        pairing110,
        "\"PENCE: She thinks this is “Shark Tank.” It is not.\n\n\"WALLACE: Thank you.\"",
        &[
            "PENCE: She thinks this is “Shark Tank.” It is not.",
            "WALLACE: Thank you."
        ]
    );
    t!(
        pairing120,
        "He said \"yes\" and then “no” twice.",
        &["yes", "no"]
    );
    // A quote's paragraphs run together (BBC texts): a straight mark after a sentence's end and a
    // space, before a capital, closes one piece and opens the next.
    t!(
        pairing130,
        "He said: \"I announced £419m. \"That is a 5.5% increase.\" Mr McCabe is also here.",
        &["I announced £419m. ", "That is a 5.5% increase."]
    );
    // (Not a closing mark that a space follows: the next quote is its own.)
    t!(
        pairing140,
        "\"We won,\" he said. \"It was great.\"",
        &["We won,", "It was great."]
    );

    #[test]
    fn multi_paragraph_pieces_are_chained() {
        let set = PatternSet::embedded().unwrap();
        let text = "“One\n\n“Two\n\n“Three,” he said.";
        let mut d = vec![];
        let q = detect(text, &paragraphs(text), &set, &mut d);
        assert_eq!(q.len(), 3);
        assert_eq!(q[0].chain, Some(0));
        assert_eq!(q[1].chain, Some(0));
        assert_eq!(q[2].chain, Some(0));
        assert!(d.is_empty(), "{d:?}");
    }
}
