//! Byte ranges of a text → a flat list of text pieces and properly nested open/close events, for
//! writing the ranges as HTML elements around the text.
//!
//! Quotes nest (a scare quote inside a direct one) and the place a title was given may lie inside
//! a quote, so ranges may contain one another. Elements must nest, so a range that starts inside
//! another and ends after it is closed where the outer one ends and opened again after it (the
//! second open has `first == false`). Ranges that are empty, out of bounds or not on character
//! boundaries are left out; every other range's text is exactly the text pieces between its
//! opens and closes.

use std::cmp::Reverse;

/// One step of the output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event<'t> {
    /// Text outside or inside ranges, never empty.
    Text(&'t str),
    /// Range `index` opens; `first` is false when it reopens after a crossing range closed.
    Open {
        /// Index into the ranges given.
        index: usize,
        /// The range's first piece.
        first: bool,
    },
    /// Range `index` closes (possibly to reopen at once).
    Close {
        /// Index into the ranges given.
        index: usize,
    },
}

/// The events of `ranges` (`(start, end)` byte offsets) over `text`.
pub fn nest<'t>(text: &'t str, ranges: &[(usize, usize)]) -> Vec<Event<'t>> {
    let valid = |&(s, e): &(usize, usize)| {
        s < e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e)
    };
    let mut order: Vec<usize> = (0..ranges.len()).filter(|&i| valid(&ranges[i])).collect();
    // Outer ranges (earlier start, then later end) open first.
    order.sort_by_key(|&i| (ranges[i].0, Reverse(ranges[i].1), i));
    let mut out = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    let mut pos = 0;
    let mut next = 0;
    let text_to = |out: &mut Vec<Event<'t>>, pos: &mut usize, to: usize| {
        if to > *pos {
            out.push(Event::Text(&text[*pos..to]));
            *pos = to;
        }
    };
    loop {
        let close_at = stack.iter().map(|&i| ranges[i].1).min();
        let open_at = order.get(next).map(|&i| ranges[i].0);
        match (close_at, open_at) {
            (None, None) => break,
            // A range that ends where another starts closes first: they are siblings.
            (Some(c), o) if o.is_none_or(|o| c <= o) => {
                text_to(&mut out, &mut pos, c);
                let mut reopen = Vec::new();
                while stack.iter().any(|&i| ranges[i].1 == c) {
                    let top = stack.pop().expect("a range ends here");
                    out.push(Event::Close { index: top });
                    if ranges[top].1 != c {
                        reopen.push(top);
                    }
                }
                for &i in reopen.iter().rev() {
                    stack.push(i);
                    out.push(Event::Open {
                        index: i,
                        first: false,
                    });
                }
            }
            (_, Some(o)) => {
                text_to(&mut out, &mut pos, o);
                while let Some(&i) = order.get(next) {
                    if ranges[i].0 != o {
                        break;
                    }
                    stack.push(i);
                    out.push(Event::Open {
                        index: i,
                        first: true,
                    });
                    next += 1;
                }
            }
            (Some(_), None) => unreachable!("the guard takes every close without an open"),
        }
    }
    text_to(&mut out, &mut pos, text.len());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Writes the events as `[i` / `i]` brackets around the text, as a compact expectation.
    fn show(text: &str, ranges: &[(usize, usize)]) -> String {
        let mut s = String::new();
        for e in nest(text, ranges) {
            match e {
                Event::Text(t) => s.push_str(t),
                Event::Open { index, first } => {
                    s.push_str(&format!("[{index}{}", if first { "" } else { "'" }))
                }
                Event::Close { index } => s.push_str(&format!("{index}]")),
            }
        }
        s
    }

    macro_rules! t {
        ($name:ident, $text:expr, $ranges:expr, $want:expr) => {
            #[test]
            fn $name() {
                assert_eq!(show($text, &$ranges), $want);
            }
        };
    }

    t!(nest010, "abcdef", [], "abcdef");
    t!(nest020, "abcdef", [(1, 3)], "a[0bc0]def");
    t!(nest030, "abcdef", [(0, 6), (2, 4)], "[0ab[1cd1]ef0]");
    t!(nest040, "abcdef", [(2, 4), (0, 6)], "[1ab[0cd0]ef1]");
    t!(nest050, "abcdef", [(0, 2), (2, 4)], "[0ab0][1cd1]ef");
    t!(nest060, "abcdef", [(0, 4), (2, 6)], "[0ab[1cd1]0][1'ef1]");
    t!(nest070, "abcdef", [(1, 1), (5, 9), (3, 2)], "abcdef");
    t!(nest080, "abcdef", [(1, 3), (1, 3)], "a[0[1bc1]0]def");
    t!(nest090, "aé", [(1, 2), (1, 3)], "a[1é1]");
    t!(
        nest100,
        "abcdef",
        [(0, 6), (0, 3), (3, 6)],
        "[0[1abc1][2def2]0]"
    );

    proptest! {
        /// The text pieces make the text; each valid range's pieces make its text; opens and
        /// closes balance and nest.
        #[test]
        fn pieces_make_the_text(
            text in "[a-zé ]{0,30}",
            raw in proptest::collection::vec((0usize..40, 0usize..40), 0..8),
        ) {
            let events = nest(&text, &raw);
            let mut whole = String::new();
            let mut inside = vec![String::new(); raw.len()];
            let mut open: Vec<usize> = Vec::new();
            let mut opened = vec![false; raw.len()];
            for e in &events {
                match *e {
                    Event::Text(t) => {
                        prop_assert!(!t.is_empty());
                        whole.push_str(t);
                        for &i in &open {
                            inside[i].push_str(t);
                        }
                    }
                    Event::Open { index, first } => {
                        prop_assert_eq!(first, !opened[index]);
                        opened[index] = true;
                        open.push(index);
                    }
                    Event::Close { index } => prop_assert_eq!(open.pop(), Some(index)),
                }
            }
            prop_assert!(open.is_empty());
            prop_assert_eq!(&whole, &text);
            for (i, &(s, e)) in raw.iter().enumerate() {
                let valid = s < e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e);
                prop_assert_eq!(opened[i], valid);
                if valid {
                    prop_assert_eq!(&inside[i], &text[s..e]);
                }
            }
        }
    }
}
