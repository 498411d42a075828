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
        Article {
            name: name.into(),
            text: text.into(),
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
                text,
                invalid_utf8_at: None,
            }),
            Err(e) => {
                let bytes = e.into_bytes();
                let (text, first) = substitute_invalid(&bytes);
                Ok(Article {
                    name,
                    text,
                    invalid_utf8_at: Some(first),
                })
            }
        }
    }
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
    fn empty_is_an_empty_article() {
        let a = Article::from_bytes("t", vec![]).unwrap();
        assert!(a.text.is_empty());
    }
}
