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

mod name;
mod piece;

pub use name::{article_name, article_path};
use piece::pieces;
pub use piece::{count_paragraphs, Piece, PIECE_BYTES, PIECE_SLACK};

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
