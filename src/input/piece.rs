//! Reading a large file in pieces cut at line ends, so that memory stays bounded whatever the
//! file's size, with each piece's place in the file (its offset and the paragraphs before it).

use std::io::Read;
use std::path::PathBuf;

use super::Unit;
use crate::error::Error;

/// A file larger than this is read and extracted in pieces of about this size, cut after a line
/// end (a paragraph boundary), so that a huge file never sits in memory whole. A piece is an
/// article of its own for speakers and continuation: a person introduced in one piece is not known
/// in the next. News articles are far shorter.
pub const PIECE_BYTES: usize = 1 << 20;

/// A piece may run this far past [`PIECE_BYTES`] to reach a line end; a line longer than that is
/// cut at a space (or, failing that, at a character boundary).
pub const PIECE_SLACK: usize = 1 << 20;

/// Where a piece of a file lies in the whole file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Piece {
    /// Byte offset of the piece in the file.
    pub offset: usize,
    /// Paragraphs (non-blank lines) of the file before the piece.
    pub paragraphs_before: usize,
    /// It continues the article of the piece before (a later piece of one file).
    pub continues: bool,
}

/// The pieces of one text input: the whole input when it is at most [`PIECE_BYTES`] long, else
/// pieces that each end after a line end (or, in a line longer than [`PIECE_SLACK`] more, after a
/// space).
pub(super) fn pieces(
    name: String,
    path: PathBuf,
    size_hint: usize,
    mut reader: Box<dyn Read>,
) -> impl Iterator<Item = Unit> {
    let mut carry: Vec<u8> = Vec::new();
    let mut piece = Piece::default();
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        // Fill up to the most a piece may hold, or to the end of the input.
        let want = PIECE_BYTES + PIECE_SLACK;
        let need = want.saturating_sub(carry.len());
        carry.reserve(size_hint.min(need));
        let eof = match (&mut reader).take(need as u64).read_to_end(&mut carry) {
            // Fewer bytes than asked for: the input has ended.
            Ok(n) => n < need,
            Err(source) => {
                done = true;
                return Some(Unit::Failed {
                    name: name.clone(),
                    error: Error::Read {
                        path: path.clone(),
                        source,
                    },
                });
            }
        };
        let cut = cut_point(&carry, eof, PIECE_BYTES, PIECE_SLACK);
        let rest = carry.split_off(cut);
        let bytes = std::mem::replace(&mut carry, rest);
        let this = piece;
        done = eof && carry.is_empty();
        // The next piece's place: its offset, and the paragraphs before it.
        piece.offset += bytes.len();
        piece.paragraphs_before += paragraphs_before_next(&bytes, &carry);
        piece.continues = true;
        Some(Unit::Bytes {
            name: name.clone(),
            bytes,
            piece: this,
        })
    })
}

/// Where to end a piece of `buf` (at most `piece + slack` bytes; `eof` when the input ends with
/// it): all of it when it is at most `piece` bytes and the input ends; else after the last line
/// end within `piece` bytes, else after the first line end after that, else (a line longer than
/// the buffer) after the last space within `piece` bytes (or after it), else before the last
/// character.
fn cut_point(buf: &[u8], eof: bool, piece: usize, slack: usize) -> usize {
    if eof && buf.len() <= piece {
        return buf.len();
    }
    let head = &buf[..piece.min(buf.len())];
    if let Some(i) = memchr::memrchr(b'\n', head) {
        return i + 1;
    }
    if let Some(i) = memchr::memchr(b'\n', &buf[head.len()..]) {
        return head.len() + i + 1;
    }
    if eof && buf.len() <= piece + slack {
        return buf.len();
    }
    // A line longer than the buffer: cut at a space, within `piece` bytes if there is one there.
    if let Some(i) = memchr::memrchr(b' ', head).or_else(|| memchr::memrchr(b' ', buf)) {
        return i + 1;
    }
    // No space in the whole buffer: cut before the last byte that starts a character.
    let mut i = buf.len().saturating_sub(1);
    while i > 0 && (buf[i] & 0xC0) == 0x80 {
        i -= 1;
    }
    i.max(1).min(buf.len())
}

/// The number of paragraphs [`crate::segment::paragraphs`] finds in `bytes` (non-blank lines; a
/// line end is `\n`, `\r\n` or a lone `\r`).
pub fn count_paragraphs(bytes: &[u8]) -> usize {
    let mut n = 0;
    let mut start = 0;
    for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        if bytes[i] == b'\n' && i > 0 && bytes[i - 1] == b'\r' {
            start = i + 1;
            continue;
        }
        n += usize::from(non_blank(&bytes[start..i]));
        start = i + 1;
    }
    if start < bytes.len() {
        n += usize::from(non_blank(&bytes[start..]));
    }
    n
}

/// How many paragraphs of the file a piece adds before the piece after it (which starts with
/// `next`): its own, less one when a line is cut in two between them and both parts are
/// paragraph text (that line is one paragraph, numbered where it starts).
fn paragraphs_before_next(piece: &[u8], next: &[u8]) -> usize {
    let n = count_paragraphs(piece);
    if piece.ends_with(b"\n") || piece.ends_with(b"\r") || next.is_empty() {
        return n;
    }
    let start = memchr::memrchr2(b'\n', b'\r', piece).map_or(0, |i| i + 1);
    let end = memchr::memchr2(b'\n', b'\r', next).unwrap_or(next.len());
    let cut_line = non_blank(&piece[start..]) && non_blank(&next[..end]);
    n - usize::from(cut_line)
}

/// Whether a line is a paragraph: it has a character that is not white space (an invalid byte
/// stands for a character that is not).
fn non_blank(line: &[u8]) -> bool {
    line.iter().any(|b| !b.is_ascii_whitespace())
        && !String::from_utf8_lossy(line).trim().is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 5000,
            ..proptest::prelude::ProptestConfig::default()
        })]

        /// Paragraphs are counted as the segmenter finds them; the pieces of a text are the
        /// text, cut on character boundaries; and every paragraph of a piece gets the number of
        /// the text's paragraph it lies in.
        #[test]
        fn pieces_number_paragraphs_as_the_whole(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "a", "word", " ", "\n", "\r", "\r\n", "\u{a0}", "\t", "é", "“x”", "\n\n",
            ]), 0..40),
            piece in 4usize..12,
            slack in 0usize..6,
        ) {
            let text: String = parts.concat();
            let whole = crate::segment::paragraphs(&text);
            proptest::prop_assert_eq!(count_paragraphs(text.as_bytes()), whole.len());
            // Cut the way the reader cuts.
            let mut offset = 0;
            let mut before = 0;
            let mut pieces = Vec::new();
            while offset < text.len() {
                let rest = &text.as_bytes()[offset..];
                let take = rest.len().min(piece + slack);
                let cut = cut_point(&rest[..take], take == rest.len(), piece, slack);
                proptest::prop_assert!(cut > 0 && cut <= take);
                let p = std::str::from_utf8(&rest[..cut]);
                proptest::prop_assert!(p.is_ok(), "cut inside a character: {:?}", &rest[..cut]);
                let p = p.unwrap_or_default();
                for (i, para) in crate::segment::paragraphs(p).iter().enumerate() {
                    let at = offset + para.span.start;
                    let k = whole.iter().position(|w| w.span.start <= at && at < w.span.end);
                    proptest::prop_assert_eq!(k, Some(before + i), "{:?} in {:?}", p, text);
                }
                before += paragraphs_before_next(p.as_bytes(), &rest[cut..]);
                pieces.push(p.to_string());
                offset += cut;
            }
            proptest::prop_assert_eq!(pieces.concat(), text);
        }
    }
}
