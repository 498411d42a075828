//! Stage 0, **find**: the paths given on the command line → the files to read, each once, in a
//! stable order; and the name each article is reported under.
//!
//! In: [`Input`]s (paths and standard input). Out: for a directory, the [`Found`] entries of
//! [`walk`] in sorted path order: files to read, things left out with the reason (a symbolic-link
//! loop, a FIFO, socket or device, a file reached a second time through a link) and paths that
//! could not be read; then, for the pipeline, the files' bytes in [`Unit`]s, a large file in pieces
//! cut at line ends ([`PIECE_BYTES`]) so that memory stays bounded whatever the file's size.
//!
//! Every subcommand walks its inputs here: `extract`, `check`, `eval` and the progress bar see
//! the same files. Symbolic links are followed; a link back to a directory being walked is a loop,
//! reported once and not followed. FIFOs, sockets and devices are never opened (reading a FIFO
//! with no writer blocks forever; pipe such input to standard input with `-`).
//!
//! Names: an article is reported under its path as given ([`article_name`]). A path that is not
//! valid UTF-8 keeps every byte: each byte of an invalid sequence is written `\xHH`, and a
//! backslash in any path is written `\\`, so that two files never share a name;
//! [`article_path`] turns a name back into the path.

use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

use crate::error::Error;

/// Where articles come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    /// A file, or a directory walked for the files the input format reads.
    Path(PathBuf),
    /// Standard input.
    Stdin,
}

/// How inputs are read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum InputFormat {
    /// Each file is one article (directories are walked for `*.txt`).
    #[default]
    Text,
    /// Each line is a JSON object `{"id": …, "text": …}` (directories are walked for `*.jsonl`).
    Jsonl,
}

impl InputFormat {
    /// Whether a file found inside a directory is read in this format.
    pub fn wants(self, path: &Path) -> bool {
        let ext = match self {
            InputFormat::Text => "txt",
            InputFormat::Jsonl => "jsonl",
        };
        path.extension().is_some_and(|e| e == ext)
    }
}

/// A file larger than this is read and extracted in pieces of about this size, cut after a line
/// end (a paragraph boundary), so that a huge file never sits in memory whole. A piece is an
/// article of its own for speakers and continuation: a person introduced in one piece is not known
/// in the next. News articles are far shorter.
pub const PIECE_BYTES: usize = 1 << 20;

/// A piece may run this far past [`PIECE_BYTES`] to reach a line end; a line longer than that is
/// cut at a space (or, failing that, at a character boundary).
pub const PIECE_SLACK: usize = 1 << 20;

/// Why an input was left out, for the closing summary.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SkipKind {
    /// A binary file.
    Binary,
    /// UTF-16 text.
    Utf16,
    /// A JSON Lines record that is not `{"id", "text"}`.
    BadRecord,
    /// A FIFO, socket or device.
    NotAFile,
    /// A symbolic link back to a directory being walked.
    LinkLoop,
    /// A file reached a second time through a link.
    SameFile,
}

impl SkipKind {
    /// How the summary names it ("binary").
    pub fn as_str(self) -> &'static str {
        match self {
            SkipKind::Binary => "binary",
            SkipKind::Utf16 => "UTF-16",
            SkipKind::BadRecord => "bad record",
            SkipKind::NotAFile => "not a regular file",
            SkipKind::LinkLoop => "link loop",
            SkipKind::SameFile => "same file again",
        }
    }
}

/// What [`walk`] found at one path.
#[derive(Debug)]
pub enum Found {
    /// A regular file to read.
    File {
        /// Its path, under the root it was found from.
        path: PathBuf,
        /// Its size in bytes.
        len: u64,
    },
    /// Left out, with a warning.
    Skipped {
        /// The path.
        path: PathBuf,
        /// What it was.
        kind: SkipKind,
        /// Why ("a FIFO, not a regular file").
        reason: String,
    },
    /// Could not be read.
    Failed(Error),
}

impl Found {
    /// The path this entry concerns.
    pub fn path(&self) -> &Path {
        match self {
            Found::File { path, .. } | Found::Skipped { path, .. } => path,
            Found::Failed(Error::Read { path, .. }) => path,
            Found::Failed(_) => Path::new(""),
        }
    }
}

/// The files under `root` that `wanted` accepts, sorted by path; `root` itself when it is a file
/// (whatever its name). Symbolic links are followed, loops reported once and not followed; a file
/// reached a second time through a link is left out; FIFOs, sockets and devices are left out
/// (never opened); what cannot be read is reported in its sorted place and the walk goes on.
pub fn walk(root: &Path, wanted: &dyn Fn(&Path) -> bool) -> Vec<Found> {
    let mut out: Vec<Found> = Vec::new();
    let mut seen: std::collections::HashMap<(u64, u64), PathBuf> = std::collections::HashMap::new();
    // Sorted, so that of two paths to one file the first in sorted order is the one kept.
    for entry in walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
    {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e.path().unwrap_or(root).to_path_buf();
                if let Some(ancestor) = e.loop_ancestor() {
                    out.push(Found::Skipped {
                        kind: SkipKind::LinkLoop,
                        reason: format!(
                            "symbolic link loop: it leads back to {}; not followed",
                            ancestor.display()
                        ),
                        path,
                    });
                    continue;
                }
                let source = e
                    .into_io_error()
                    .unwrap_or_else(|| std::io::Error::other("cannot be read"));
                out.push(Found::Failed(Error::Read { path, source }));
                continue;
            }
        };
        let ft = entry.file_type();
        if ft.is_dir() {
            continue;
        }
        let path = entry.path();
        let explicit = entry.depth() == 0;
        if !explicit && !wanted(path) {
            continue;
        }
        if !ft.is_file() {
            out.push(Found::Skipped {
                path: path.to_path_buf(),
                kind: SkipKind::NotAFile,
                reason: format!(
                    "{}, not a regular file; not read (pipe it to standard input with `-`)",
                    special_kind(&ft)
                ),
            });
            continue;
        }
        let meta = match entry.metadata() {
            Ok(m) => m,
            Err(e) => {
                let source = e
                    .into_io_error()
                    .unwrap_or_else(|| std::io::Error::other("cannot be read"));
                out.push(Found::Failed(Error::Read {
                    path: path.to_path_buf(),
                    source,
                }));
                continue;
            }
        };
        if let Some(id) = file_id(&meta) {
            if let Some(first) = seen.get(&id) {
                out.push(Found::Skipped {
                    path: path.to_path_buf(),
                    kind: SkipKind::SameFile,
                    reason: format!("the same file as {}; read once", first.display()),
                });
                continue;
            }
            seen.insert(id, path.to_path_buf());
        }
        out.push(Found::File {
            path: path.to_path_buf(),
            len: meta.len(),
        });
    }
    // (A stable sort: entries at one path keep walkdir's order.)
    out.sort_by(|a, b| a.path().cmp(b.path()));
    out
}

/// The device and inode of a file, where the platform has them.
fn file_id(meta: &std::fs::Metadata) -> Option<(u64, u64)> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some((meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        None
    }
}

/// What a file that is not a regular file is.
fn special_kind(ft: &std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "a FIFO";
        }
        if ft.is_socket() {
            return "a socket";
        }
        if ft.is_block_device() || ft.is_char_device() {
            return "a device";
        }
    }
    let _ = ft;
    "not a file"
}

/// The name an article at `path` is reported under: the path as given, with every byte of an
/// invalid UTF-8 sequence written `\xHH` and every backslash written `\\` (so the name says which
/// file it was, and two files never share a name).
pub fn article_name(path: &Path) -> String {
    let bytes = path_bytes(path);
    match std::str::from_utf8(&bytes) {
        Ok(s) if !s.contains('\\') => s.to_string(),
        _ => escape_bytes(&bytes),
    }
}

/// The path of an article name made by [`article_name`].
pub fn article_path(name: &str) -> PathBuf {
    if !name.contains('\\') {
        return PathBuf::from(name);
    }
    let b = name.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' {
            if b.get(i + 1) == Some(&b'\\') {
                out.push(b'\\');
                i += 2;
                continue;
            }
            if b.get(i + 1) == Some(&b'x') {
                if let Some(v) = name
                    .get(i + 2..i + 4)
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                {
                    out.push(v);
                    i += 4;
                    continue;
                }
            }
        }
        out.push(b[i]);
        i += 1;
    }
    path_from_bytes(out)
}

fn escape_bytes(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() + 8);
    let mut rest = bytes;
    while !rest.is_empty() {
        let (good, bad) = match std::str::from_utf8(rest) {
            Ok(s) => (s, 0),
            Err(e) => {
                let good = std::str::from_utf8(&rest[..e.valid_up_to()]).unwrap_or_default();
                (good, e.error_len().unwrap_or(rest.len() - e.valid_up_to()))
            }
        };
        out.push_str(&good.replace('\\', "\\\\"));
        for b in &rest[good.len()..good.len() + bad] {
            out.push_str(&format!("\\x{b:02X}"));
        }
        rest = &rest[good.len() + bad..];
    }
    out
}

#[cfg(unix)]
fn path_bytes(path: &Path) -> std::borrow::Cow<'_, [u8]> {
    use std::os::unix::ffi::OsStrExt;
    std::borrow::Cow::Borrowed(path.as_os_str().as_bytes())
}

#[cfg(not(unix))]
fn path_bytes(path: &Path) -> std::borrow::Cow<'_, [u8]> {
    std::borrow::Cow::Owned(path.to_string_lossy().into_owned().into_bytes())
}

#[cfg(unix)]
fn path_from_bytes(bytes: Vec<u8>) -> PathBuf {
    use std::os::unix::ffi::OsStringExt;
    PathBuf::from(std::ffi::OsString::from_vec(bytes))
}

#[cfg(not(unix))]
fn path_from_bytes(bytes: Vec<u8>) -> PathBuf {
    PathBuf::from(String::from_utf8_lossy(&bytes).into_owned())
}

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

/// A unit of work for the pipeline: one article's bytes (or a piece of them), one JSON Lines
/// record, or something to report in order.
pub enum Unit {
    /// An article, or a piece of one.
    Bytes {
        /// The article name.
        name: String,
        /// The bytes.
        bytes: Vec<u8>,
        /// Where they lie in the file.
        piece: Piece,
    },
    /// One line of a JSON Lines input.
    Record {
        /// The file's name.
        source: String,
        /// 1-based line number.
        line: usize,
        /// The line.
        bytes: Vec<u8>,
    },
    /// A path that could not be read.
    Failed {
        /// The name to report.
        name: String,
        /// Why.
        error: Error,
    },
    /// A path left out, with a warning.
    Skipped {
        /// The name to report.
        name: String,
        /// What it was.
        kind: SkipKind,
        /// Why.
        reason: String,
    },
}

impl Unit {
    /// The bytes it holds.
    pub fn len(&self) -> usize {
        match self {
            Unit::Bytes { bytes, .. } | Unit::Record { bytes, .. } => bytes.len(),
            _ => 0,
        }
    }

    /// Whether it holds no bytes.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// One input, walked: what [`units`] reads.
#[derive(Debug)]
pub enum Item {
    /// A file.
    File(PathBuf),
    /// Standard input.
    Stdin,
    /// Left out, with a warning.
    Skipped {
        /// The path.
        path: PathBuf,
        /// What it was.
        kind: SkipKind,
        /// Why.
        reason: String,
    },
    /// Could not be read.
    Failed(Error),
}

/// Walks every input for the files `format` reads: the items in input order (each directory's
/// in sorted order), and the total size of the files.
pub fn items(inputs: &[Input], format: InputFormat) -> (Vec<Item>, u64) {
    let mut out = Vec::new();
    let mut total = 0;
    for input in inputs {
        match input {
            Input::Stdin => out.push(Item::Stdin),
            Input::Path(p) => {
                for f in walk(p, &|q| format.wants(q)) {
                    out.push(match f {
                        Found::File { path, len } => {
                            total += len;
                            Item::File(path)
                        }
                        Found::Skipped { path, kind, reason } => {
                            Item::Skipped { path, kind, reason }
                        }
                        Found::Failed(e) => Item::Failed(e),
                    });
                }
            }
        }
    }
    (out, total)
}

/// Reads the items lazily into units: a text file whole, or in pieces when it is larger than
/// [`PIECE_BYTES`]; a JSON Lines file line by line.
pub fn units(items: Vec<Item>, format: InputFormat) -> impl Iterator<Item = Unit> {
    items
        .into_iter()
        .flat_map(move |item| -> Box<dyn Iterator<Item = Unit>> {
            match item {
                Item::Skipped { path, kind, reason } => Box::new(std::iter::once(Unit::Skipped {
                    name: article_name(&path),
                    kind,
                    reason,
                })),
                Item::Failed(error) => {
                    let name = match &error {
                        Error::Read { path, .. } => article_name(path),
                        _ => String::new(),
                    };
                    Box::new(std::iter::once(Unit::Failed { name, error }))
                }
                Item::Stdin => match format {
                    InputFormat::Text => Box::new(pieces(
                        "-".to_string(),
                        PathBuf::from("-"),
                        0,
                        Box::new(std::io::stdin()),
                    )),
                    InputFormat::Jsonl => Box::new(jsonl_units(
                        "-".into(),
                        PathBuf::from("-"),
                        Box::new(std::io::BufReader::new(std::io::stdin())),
                    )),
                },
                Item::File(path) => {
                    let name = article_name(&path);
                    let file = match open_regular(&path) {
                        Ok(f) => f,
                        Err(source) => {
                            return Box::new(std::iter::once(Unit::Failed {
                                name,
                                error: Error::Read { path, source },
                            }))
                        }
                    };
                    match format {
                        InputFormat::Text => {
                            let len = file.metadata().map_or(0, |m| m.len() as usize);
                            Box::new(pieces(name, path, len, Box::new(file)))
                        }
                        InputFormat::Jsonl => Box::new(jsonl_units(
                            name,
                            path,
                            Box::new(std::io::BufReader::new(file)),
                        )),
                    }
                }
            }
        })
}

/// Opens `path` for reading if it is a regular file: a FIFO that appeared since the walk is
/// refused rather than opened (opening it would block).
pub fn open_regular(path: &Path) -> std::io::Result<std::fs::File> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(std::io::Error::other(format!(
            "{}, not a regular file",
            special_kind(&meta.file_type())
        )));
    }
    std::fs::File::open(path)
}

/// Reads all of `path`, a regular file (see [`open_regular`]).
pub fn read_regular(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut f = open_regular(path)?;
    let mut buf = Vec::new();
    f.read_to_end(&mut buf)?;
    Ok(buf)
}

/// The pieces of one text input: the whole input when it is at most [`PIECE_BYTES`] long, else
/// pieces that each end after a line end (or, in a line longer than [`PIECE_SLACK`] more, after a
/// space).
fn pieces(
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

/// The records of one JSON Lines input, one unit per non-blank line.
fn jsonl_units(
    source: String,
    path: PathBuf,
    mut reader: Box<dyn BufRead>,
) -> impl Iterator<Item = Unit> {
    let mut line_no = 0;
    let mut done = false;
    std::iter::from_fn(move || loop {
        if done {
            return None;
        }
        let mut buf = Vec::new();
        match reader.read_until(b'\n', &mut buf) {
            Ok(0) => return None,
            Ok(_) => {
                line_no += 1;
                if buf.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                return Some(Unit::Record {
                    source: source.clone(),
                    line: line_no,
                    bytes: buf,
                });
            }
            Err(e) => {
                done = true;
                return Some(Unit::Failed {
                    name: format!("{source}:{}", line_no + 1),
                    error: Error::Read {
                        path: path.clone(),
                        source: e,
                    },
                });
            }
        }
    })
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

    #[test]
    fn names_escape_bytes_and_backslashes_and_come_back() {
        #[cfg(unix)]
        {
            use std::os::unix::ffi::OsStrExt;
            let cases: &[&[u8]] = &[
                b"seeds/a.txt",
                b"a\xff.txt",
                b"a\xfe.txt",
                b"a\\xff.txt",
                b"a\\\\b.txt",
                b"caf\xc3\xa9.txt",
                b"bad\xc3(.txt",
            ];
            let mut names = std::collections::HashSet::new();
            for c in cases {
                let p = Path::new(std::ffi::OsStr::from_bytes(c));
                let name = article_name(p);
                assert!(names.insert(name.clone()), "{name} twice");
                assert_eq!(article_path(&name), p, "{name}");
            }
            assert_eq!(article_name(Path::new("seeds/a.txt")), "seeds/a.txt");
            assert_eq!(
                article_name(Path::new(std::ffi::OsStr::from_bytes(b"a\xff.txt"))),
                "a\\xFF.txt"
            );
            assert_eq!(article_name(Path::new("café.txt")), "café.txt");
        }
    }
}
