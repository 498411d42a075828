//! Stage 1, **read**: raw bytes → [`Article`].
//!
//! In: a name and the bytes of one file (or one JSON Lines record).
//! Out: an [`Article`] whose `text` has *exactly the same byte length* as the input, so that every
//! byte offset the later stages compute is also an offset into the original file.
//!
//! Invariants and policies:
//! * Invalid UTF-8 is not fatal: each byte of an invalid sequence is replaced by U+001A (SUBSTITUTE,
//!   one byte), which no later stage treats as text. The offset of the first bad byte is kept in
//!   [`Article::invalid_utf8_at`] so the caller can warn.
//! * A UTF-8 byte-order mark, CRLF and lone CR line ends are kept as they are; the segmenter treats
//!   `\r` as a line end.
//! * Binary input (a NUL byte, or mostly control bytes, in the first 8 KiB) is refused with
//!   [`Skip::Binary`], UTF-16 text (a UTF-16 byte-order mark) with [`Skip::Utf16`]; empty input
//!   is an article with no text.

/// The character that stands in for each byte of an invalid UTF-8 sequence.
pub const SUBSTITUTE: char = '\u{1A}';

/// One article, ready for segmentation.
#[derive(Clone, Debug)]
pub struct Article {
    /// The name the article is reported under: the path as given, or a JSON Lines record id.
    pub name: String,
    /// The text, byte for byte as long as the input.
    pub text: String,
    /// The byte offset of the first invalid UTF-8 sequence, if any.
    pub invalid_utf8_at: Option<usize>,
    /// The article's date (`YYYY-MM-DD`): given with it (a JSON Lines record's `date`), or
    /// written in its first lines ([`date_in`]).
    pub date: Option<String>,
}

/// Why an input was not turned into an article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Skip {
    /// The bytes look like a binary file; `reason` says what gave it away.
    Binary {
        /// A short human-readable reason ("NUL byte at offset 12").
        reason: String,
    },
    /// UTF-16 text (it starts with a UTF-16 byte-order mark). Offsets are UTF-8 byte offsets of
    /// the file as read, so the file is not decoded: convert it to UTF-8 first.
    Utf16 {
        /// `LE` or `BE`.
        endian: &'static str,
    },
}

impl std::fmt::Display for Skip {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Skip::Binary { reason } => write!(f, "binary file ({reason})"),
            Skip::Utf16 { endian } => write!(
                f,
                "UTF-16{endian} text (byte-order mark); convert it to UTF-8 first (iconv -f UTF-16 -t UTF-8)"
            ),
        }
    }
}

impl Article {
    /// Builds an article from text that is already valid UTF-8.
    pub fn from_text(name: impl Into<String>, text: impl Into<String>) -> Article {
        let text = text.into();
        Article {
            name: name.into(),
            date: date_in(&text),
            text,
            invalid_utf8_at: None,
        }
    }

    /// Builds an article from raw bytes, applying the policies in the module docs.
    pub fn from_bytes(name: impl Into<String>, bytes: Vec<u8>) -> Result<Article, Skip> {
        // A UTF-16 byte-order mark, and the NUL bytes of UTF-16 text (FF FE is also just two
        // invalid UTF-8 bytes).
        let nul =
            || bytes.len() == 2 || memchr::memchr(0, &bytes[..bytes.len().min(8192)]).is_some();
        match bytes.get(..2) {
            Some([0xFF, 0xFE]) if nul() => return Err(Skip::Utf16 { endian: "LE" }),
            Some([0xFE, 0xFF]) if nul() => return Err(Skip::Utf16 { endian: "BE" }),
            _ => {}
        }
        if let Some(reason) = binary_reason(&bytes) {
            return Err(Skip::Binary { reason });
        }
        let name = name.into();
        match String::from_utf8(bytes) {
            Ok(text) => Ok(Article {
                name,
                date: date_in(&text),
                text,
                invalid_utf8_at: None,
            }),
            Err(e) => {
                let bytes = e.into_bytes();
                let (text, first) = substitute_invalid(&bytes);
                Ok(Article {
                    name,
                    date: date_in(&text),
                    text,
                    invalid_utf8_at: Some(first),
                })
            }
        }
    }
}

/// How far into an article its date is looked for: a dateline or a byline's date sits in the
/// first lines.
const DATE_REACH: usize = 400;

/// The months' names, lowercase, January first.
pub(crate) const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A line this short that holds a date is a byline's or a dateline's.
const DATE_LINE_LEN: usize = 100;

/// A date this close to the start of a longer line is its dateline ("LONDON, 3 Feb 2005 —",
/// "Published 2016-07-18"); further on, it is the date of an event the text tells of ("… met in
/// Singapore on June 12, 2018").
const DATE_LINE_WORDS: usize = 5;

/// The article's date, written in its first lines (`2017-03-01`, `March 1, 2017`, `1 March
/// 2017`, `Mar. 1, 2017`) on a line of its own or at the start of one, as `YYYY-MM-DD`.
pub fn date_in(text: &str) -> Option<String> {
    let mut end = text.len().min(DATE_REACH);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text[..end].lines().find_map(|line| {
        let (at, date) = date_in_line(line)?;
        (line.trim().len() <= DATE_LINE_LEN || at <= DATE_LINE_WORDS).then_some(date)
    })
}

/// The first date of a line, and the number of words before it.
fn date_in_line(line: &str) -> Option<(usize, String)> {
    let words: Vec<&str> = line
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .collect();
    let month = |w: &str| -> Option<u32> {
        let w = w.trim_end_matches('.').to_lowercase();
        (w.len() >= 3)
            .then(|| MONTHS.iter().position(|m| m.starts_with(&w)))
            .flatten()
            .map(|i| i as u32 + 1)
    };
    let day = |w: &str| -> Option<u32> {
        let w = w.trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == '.');
        w.parse().ok().filter(|d| (1..=31).contains(d))
    };
    let year = |w: &str| -> Option<u32> {
        let w = w.trim_end_matches(|c: char| !c.is_ascii_digit());
        (w.len() == 4)
            .then(|| w.parse().ok())
            .flatten()
            .filter(|y| (1900..=2100).contains(y))
    };
    let iso = |y: u32, m: u32, d: u32| format!("{y:04}-{m:02}-{d:02}");
    for (i, w) in words.iter().enumerate() {
        // 2017-03-01, 2017-03-01T10:00Z
        let digits = w.trim_start_matches(|c: char| !c.is_ascii_digit());
        if let Some(d) = digits.get(..10).and_then(iso_day) {
            return Some((i, d));
        }
        let next = |k: usize| words.get(i + k).copied().unwrap_or("");
        // March 1, 2017
        if let (Some(m), Some(d), Some(y)) = (month(w), day(next(1)), year(next(2))) {
            return Some((i, iso(y, m, d)));
        }
        // 1 March 2017
        if let (Some(d), Some(m), Some(y)) = (day(w), month(next(1)), year(next(2))) {
            return Some((i, iso(y, m, d)));
        }
    }
    None
}

/// A date given with an article (a JSON Lines record's `date`, a line of `--dates`), as
/// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`: ISO dates and timestamps (`2017-03-01T10:00:00Z`) keep
/// their date, written dates (`March 1, 2017`) are read as in an article; `None` when it holds
/// none.
pub fn date_given(s: &str) -> Option<String> {
    let s = s.trim();
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    let month_ok = |m: &str| m.parse::<u32>().is_ok_and(|m| (1..=12).contains(&m));
    if let Some(d) = s.get(..10).and_then(iso_day) {
        return Some(d);
    }
    // 9/6/17, 9/6/2017: month first (as US tables write it) unless the first number cannot
    // be a month.
    if let [a, b, y] = s.split('/').collect::<Vec<_>>()[..] {
        let (a, b): (u32, u32) = (a.parse().ok()?, b.parse().ok()?);
        let y: u32 = match y.len() {
            2 => 2000 + y.parse::<u32>().ok()?,
            4 => y.parse().ok()?,
            _ => return None,
        };
        let (m, d) = if a > 12 { (b, a) } else { (a, b) };
        return ((1..=12).contains(&m) && (1..=31).contains(&d))
            .then(|| format!("{y:04}-{m:02}-{d:02}"));
    }
    match s.split('-').collect::<Vec<_>>()[..] {
        [y, m] if digits(y, 4) && digits(m, 2) && month_ok(m) => Some(s.to_string()),
        [y] if digits(y, 4) => Some(s.to_string()),
        _ => date_in(s),
    }
}

/// `s` when it is an ISO day, `YYYY-MM-DD`.
fn iso_day(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && [0, 1, 2, 3, 5, 6, 8, 9]
            .iter()
            .all(|&i| b[i].is_ascii_digit());
    let m: u32 = s.get(5..7)?.parse().ok()?;
    let d: u32 = s.get(8..10)?.parse().ok()?;
    (ok && (1..=12).contains(&m) && (1..=31).contains(&d)).then(|| s.to_string())
}

/// Replaces every byte of every invalid sequence with [`SUBSTITUTE`], keeping the length.
fn substitute_invalid(bytes: &[u8]) -> (String, usize) {
    let mut out = String::with_capacity(bytes.len());
    let mut first = None;
    let mut rest = bytes;
    let mut pos = 0;
    while !rest.is_empty() {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                out.push_str(s);
                break;
            }
            Err(e) => {
                let good = e.valid_up_to();
                // SAFETY-free: from_utf8 told us this prefix is valid.
                out.push_str(std::str::from_utf8(&rest[..good]).unwrap_or_default());
                let bad = e.error_len().unwrap_or(rest.len() - good);
                first.get_or_insert(pos + good);
                for _ in 0..bad {
                    out.push(SUBSTITUTE);
                }
                pos += good + bad;
                rest = &rest[good + bad..];
            }
        }
    }
    debug_assert_eq!(out.len(), bytes.len());
    (out, first.unwrap_or(0))
}

/// Says why `bytes` look binary, or `None` when they look like text.
fn binary_reason(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(8192)];
    if let Some(i) = memchr::memchr(0, head) {
        return Some(format!("NUL byte at offset {i}"));
    }
    if head.is_empty() {
        return None;
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    if control * 10 > head.len() {
        return Some(format!(
            "{control} control bytes in the first {} bytes",
            head.len()
        ));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_keeps_length_and_reports_offset() {
        let bytes = b"ab\xffcd \xe2\x80 x".to_vec();
        let a = Article::from_bytes("t", bytes.clone()).unwrap();
        assert_eq!(a.text.len(), bytes.len());
        assert_eq!(a.invalid_utf8_at, Some(2));
        assert!(a.text.starts_with("ab\u{1a}cd "));
    }

    #[test]
    fn nul_byte_is_binary() {
        let e = Article::from_bytes("t", b"abc\0def".to_vec()).unwrap_err();
        assert_eq!(
            e,
            Skip::Binary {
                reason: "NUL byte at offset 3".into()
            }
        );
    }

    #[test]
    fn dates_in_the_first_lines() {
        for (text, want) in [
            (
                "By Ann Lee\nMarch 1, 2017\n\nThe talks…",
                Some("2017-03-01"),
            ),
            ("LONDON, 3 Feb 2005 — The talks…", Some("2005-02-03")),
            (
                "Published 2016-07-18T10:00Z. The talks…",
                Some("2016-07-18"),
            ),
            ("Mar. 9, 2018: a day", Some("2018-03-09")),
            ("May the best side win in 2017.", None),
            (
                "US President Donald Trump meets with North Korean leader Kim Jong Un in \
                 Singapore on June 12, 2018. Photo: AFP/Saul Loeb",
                None,
            ),
            (
                "A caption.\nUpdated: 12 June 2018 10:02 BST\n",
                Some("2018-06-12"),
            ),
            ("The talks went on.", None),
        ] {
            assert_eq!(date_in(text).as_deref(), want, "{text:?}");
        }
    }

    #[test]
    fn dates_given() {
        for (given, want) in [
            ("2017-03-01", Some("2017-03-01")),
            ("2017-03-01T10:00:00Z", Some("2017-03-01")),
            ("2017-03", Some("2017-03")),
            ("2017", Some("2017")),
            ("March 1, 2017", Some("2017-03-01")),
            ("2017-13-01", None),
            ("9/6/17", Some("2017-09-06")),
            ("25/12/2016", Some("2016-12-25")),
            ("9/6/1", None),
            ("soon", None),
            ("", None),
        ] {
            assert_eq!(date_given(given).as_deref(), want, "{given:?}");
        }
    }

    #[test]
    fn empty_is_an_empty_article() {
        let a = Article::from_bytes("t", vec![]).unwrap();
        assert!(a.text.is_empty());
    }
}
