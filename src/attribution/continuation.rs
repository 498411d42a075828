//! Continuation: a quote that no rule attributes takes the attribution of a quote close before
//! it (`“…,” she said. “…”`), and each piece of a quote that runs over several paragraphs takes
//! the attribution of a piece of the same quote.
//!
//! In: the article's quotes, and for each one whether it has an attribution of its own. Out: for
//! a quote without one, the index of the quote whose attribution (and speaker) it continues.
//! Looks are bounded ([`CONTINUATION_REACH`]), so a paragraph of many quotes stays linear.

use crate::quote::{Quote, QuoteKind};
use crate::segment::Span;

/// How many quotes back a quote with no attribution of its own looks for one to continue: a
/// continued quote follows its source closely, and the bound keeps huge paragraphs linear.
pub const CONTINUATION_REACH: usize = 50;

/// How a quote got its attribution.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Via {
    /// A rule matched around this quote.
    Own,
    /// It continues an earlier quote, or another piece of the same multi-paragraph quote.
    Continuation,
}

/// The quote whose attribution quote `i` (of kind `kind`, in paragraph span `para`) continues,
/// when no rule attributed it: the nearest quote before it in the same paragraph that has an
/// attribution, in the same sentence (or anywhere in the paragraph for a direct quote); else,
/// when quote `i` opens its paragraph, the nearest attributed direct quote of the paragraph
/// before, or a partial one in that paragraph's last sentence with its speaker named after it.
/// `attributed(k)` is, when quote `k` has an attribution, its kind and where its own speaker
/// mention starts (none for a continued one); `sentence_of` numbers the sentence of an offset.
pub fn source(
    text: &str,
    quotes: &[Quote],
    i: usize,
    para: Span,
    kind: QuoteKind,
    sentence_of: impl Fn(usize) -> usize,
    attributed: impl Fn(usize) -> Option<(QuoteKind, Option<usize>)>,
) -> Option<usize> {
    let q = &quotes[i];
    let same_sentence = |k: usize| sentence_of(quotes[k].open) == sentence_of(q.open);
    let here = (0..i)
        .rev()
        .take(CONTINUATION_REACH)
        .take_while(|&k| quotes[k].paragraph == q.paragraph)
        .find(|&k| attributed(k).is_some() && (same_sentence(k) || kind == QuoteKind::Direct));
    here.or_else(|| {
        let opens = text[para.start..q.open].trim().is_empty();
        if !opens || q.paragraph == 0 {
            return None;
        }
        // (A partial quote too when its sentence, with its speaker named after it, ends the
        // paragraph before: "… “is inconsistent with it,” said Michael Gapen, chief economist at
        // Barclays. ¶ “In the big picture …”" goes on in Gapen's words.)
        let before_end = text[..para.start].trim_end().len().saturating_sub(1);
        let last_sentence = sentence_of(before_end);
        (0..i)
            .rev()
            .take(CONTINUATION_REACH)
            .take_while(|&k| quotes[k].paragraph + 1 >= q.paragraph)
            .find(|&k| {
                quotes[k].paragraph + 1 == q.paragraph
                    && match attributed(k) {
                        Some((QuoteKind::Direct, _)) => true,
                        Some((_, Some(mention))) => {
                            quotes[k].close.is_some_and(|c| mention > c)
                                && sentence_of(quotes[k].open) == last_sentence
                        }
                        _ => false,
                    }
            })
    })
}

/// Multi-paragraph quotes: the speaker named in any piece applies to every piece. For each piece
/// of a chain without an attribution of its own (`own(k)` false), the piece it takes its
/// attribution from: the nearest piece before it that has one (a transcript's pieces change
/// speakers), else the first piece of its chain that has one. Pairs (piece, source), in order.
pub fn chain_sources(quotes: &[Quote], own: impl Fn(usize) -> bool) -> Vec<(usize, usize)> {
    use std::collections::HashMap;
    // The first piece of each chain that has an attribution of its own, found in one pass.
    let mut first: HashMap<usize, usize> = HashMap::new();
    for (k, q) in quotes.iter().enumerate() {
        if let Some(chain) = q.chain {
            if own(k) {
                first.entry(chain).or_insert(k);
            }
        }
    }
    let mut last_own: HashMap<usize, usize> = HashMap::new();
    let mut out = Vec::new();
    for (i, q) in quotes.iter().enumerate() {
        let Some(chain) = q.chain else {
            continue;
        };
        if own(i) {
            last_own.insert(chain, i);
        } else if let Some(&k) = last_own.get(&chain).or_else(|| first.get(&chain)) {
            out.push((i, k));
        }
    }
    out
}
