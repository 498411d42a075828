//! Inline link boxes: some sites (The Hill) print, right after a person's name, a box with the
//! person's full name and the headlines of related stories, ending in `MORE`: "Rep. Steve Scalise
//! Stephen (Steve) Joseph ScaliseNew York Times reporter fact-checks … MORE (R-La.) told
//! reporters". Read as text, the box garbles the name, the title and the party tag after it.
//!
//! In: an article's text. Out: the same text with each box replaced by spaces, byte for byte, so
//! every offset still points into the file (the pipeline analyses this text and slices quotes
//! from the original). A box is recognised by its shape only: the visible name's last word, up
//! to five capitalised words of the full name, the same last word again glued to
//! the first headline ("ScaliseNew"), then at most 1,000 bytes on its line to a word `MORE`.

use std::borrow::Cow;

/// The longest box: a full name and a handful of headlines.
const MAX_BOX_BYTES: usize = 1000;
/// The most words of a full name between the visible surname and its glued repetition
/// ("Stephen (Steve) Joseph").
const MAX_NAME_WORDS: usize = 5;

/// The text with its link boxes blanked (borrowed when it has none).
pub fn mask(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut boxes: Vec<(usize, usize)> = Vec::new();
    let mut floor = 0;
    // `MORE` after a space, or glued to the name when the box has no headline
    // ("John Neely KennedyMORE"); not inside a word.
    for m in memchr::memmem::find_iter(bytes, b"MORE") {
        let end = m + "MORE".len();
        let before = m.checked_sub(1).map(|k| bytes[k]);
        if m < floor
            || bytes.get(end).is_some_and(|b| b.is_ascii_alphanumeric())
            || !before.is_some_and(|b| b == b' ' || b.is_ascii_alphabetic())
        {
            continue;
        }
        // A box never runs past its line: the window starts at the line's start at the earliest.
        let line = memchr::memrchr(b'\n', &bytes[..m]).map_or(0, |k| k + 1);
        let mut from = m.saturating_sub(MAX_BOX_BYTES).max(floor).max(line);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        if let Some(start) = box_start(&text[from..end]) {
            boxes.push((from + start, end));
            floor = end;
        }
    }
    if boxes.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = bytes.to_vec();
    for (s, e) in boxes {
        // Both ends are ASCII (a space before, `MORE` at the end): whole characters are blanked.
        out[s..e].fill(b' ');
    }
    Cow::Owned(String::from_utf8(out).unwrap_or_else(|_| text.to_string()))
}

/// Where a box starts in `window` (the text up to `MORE`): after the first word `W` that is
/// followed by a few capitalised words, the last of which is `W` glued to a capital, a digit or a
/// quote mark.
fn box_start(window: &str) -> Option<usize> {
    let words: Vec<(usize, &str)> = window
        .split(' ')
        .scan(0, |pos, w| {
            let at = *pos;
            *pos += w.len() + 1;
            Some((at, w))
        })
        .collect();
    for (i, &(_, w)) in words.iter().enumerate() {
        if w.len() < 2
            || !w.starts_with(|c: char| c.is_uppercase())
            || !w
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, '-' | '\'' | '’'))
        {
            continue;
        }
        for &(_, t) in words.iter().skip(i + 1).take(MAX_NAME_WORDS + 1) {
            if let Some(rest) = t.strip_prefix(w) {
                if rest.starts_with(|c: char| {
                    c.is_uppercase() || c.is_ascii_digit() || matches!(c, '\'' | '‘' | '“' | '"')
                }) {
                    return words.get(i + 1).map(|&(at, _)| at);
                }
            }
            let name_word = t.starts_with(|c: char| c.is_uppercase())
                || (t.starts_with('(') && t[1..].starts_with(|c: char| c.is_uppercase()));
            if !name_word {
                break;
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_box_is_blanked_and_offsets_hold() {
        let t = "Whip Steve Scalise Stephen (Steve) Joseph ScaliseNew York Times reporter fact-checks McCarthy 'I'm glad' MORE (R-La.) told reporters.";
        let m = mask(t);
        assert_eq!(m.len(), t.len());
        assert!(m.starts_with("Whip Steve Scalise "));
        assert!(m.contains("Scalise ") && !m.contains("ScaliseNew") && !m.contains("MORE"));
        assert!(m.trim_end().ends_with("(R-La.) told reporters."));
    }

    #[test]
    fn text_without_a_box_is_borrowed() {
        for t in [
            "He wants MORE money, said Steve Scalise.",
            "Tim Ryan said more. MORE to come.",
            "“We need MORE,” Sen. Tim Kaine said.",
        ] {
            assert!(matches!(mask(t), Cow::Borrowed(_)), "{t}");
        }
    }

    #[test]
    fn a_box_without_headlines_stays_on_its_line() {
        let t = "“They did a fine job,” Sen. John Kennedy John Neely KennedyMORE (R-La.) told reporters. “They said nothing.”\n\nSen. Amy Klobuchar Amy Jean KlobucharHillicon Valley: a headline MORE (D-Minn.) said.";
        let m = mask(t);
        assert_eq!(m.len(), t.len());
        assert!(m.contains("Sen. John Kennedy ") && !m.contains("Neely") && !m.contains("MORE"));
        assert!(m.contains("“They said nothing.”"));
        assert!(m.contains("Sen. Amy Klobuchar ") && !m.contains("Hillicon"));
    }

    #[test]
    fn two_boxes_in_one_paragraph() {
        let t = "President Trump Donald John TrumpGOP senators balk MORE and Rep. Tim Ryan Timothy (Tim) RyanTim Ryan endorses Biden MORE (D-Ohio) said.";
        let m = mask(t);
        assert!(m.starts_with("President Trump "));
        assert!(m.contains(" and Rep. Tim Ryan "));
        assert!(!m.contains("Donald") && !m.contains("Timothy") && !m.contains("MORE"));
        assert!(m.trim_end().ends_with("(D-Ohio) said."));
    }
}
