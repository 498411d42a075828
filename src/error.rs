//! The library's error type.
//!
//! Only failures that stop a whole operation are errors: a pattern set that does not load, an output
//! that cannot be written, an input that cannot be read. Problems inside one article (an unbalanced
//! quote mark, a quote cut off at the end of the file) are not errors; they are recorded as
//! [`crate::Diagnostic`]s on the article's result.

use std::path::PathBuf;

/// Everything that can go wrong in the library.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// An input file or directory could not be read. The run reports it and goes on with the other
    /// inputs; check the path and its permissions.
    #[error("{}: {source}", path.display())]
    Read {
        /// The path as given.
        path: PathBuf,
        /// What the operating system said.
        source: std::io::Error,
    },
    /// A pattern file is not valid TOML, or a field in it has the wrong shape. Fix the file at the
    /// line given.
    #[error("{}:{line}: {message}", path.display())]
    PatternSyntax {
        /// The pattern file.
        path: PathBuf,
        /// 1-based line of the problem (0 when unknown).
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A rule's regex (after its `{placeholders}` are expanded) does not compile. Fix the rule.
    #[error("{}:{line}: rule {rule_id}: {source}", path.display())]
    PatternRegex {
        /// The pattern file.
        path: PathBuf,
        /// 1-based line of the rule.
        line: usize,
        /// The rule's id.
        rule_id: String,
        /// The regex crate's message.
        source: Box<regex::Error>,
    },
    /// Writing the output failed (a full disk, a closed pipe). Nothing more can be written.
    #[error("writing output: {source}")]
    Write {
        /// The underlying error.
        source: std::io::Error,
    },
    /// A quote table given to `check` could not be parsed.
    #[error("{}:{line}: {message}", path.display())]
    Table {
        /// The table file.
        path: PathBuf,
        /// 1-based line (0 when unknown).
        line: usize,
        /// What is wrong.
        message: String,
    },
}

/// A `Result` with [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

impl From<csv::Error> for Error {
    fn from(e: csv::Error) -> Error {
        Error::Write {
            source: std::io::Error::other(e.to_string()),
        }
    }
}

/// Turns a byte offset in `text` into a 1-based line number.
pub fn line_of(text: &str, offset: usize) -> usize {
    LineIndex::new(text).line(offset)
}

/// The line starts of a text, for turning many byte offsets into line numbers (each
/// [`line_of`] reads the text from its start).
pub struct LineIndex {
    /// Byte offset of every newline.
    newlines: Vec<usize>,
}

impl LineIndex {
    /// The index of `text`.
    pub fn new(text: &str) -> LineIndex {
        LineIndex {
            newlines: memchr::memchr_iter(b'\n', text.as_bytes()).collect(),
        }
    }

    /// The 1-based line number of byte `offset` (as [`line_of`]).
    pub fn line(&self, offset: usize) -> usize {
        self.newlines.partition_point(|&n| n < offset) + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_numbers_count_the_newlines_before_the_offset() {
        for text in ["", "a", "\n", "a\nb", "a\n\nbc\n", "\n\nx\ny\n\n"] {
            let index = LineIndex::new(text);
            for offset in 0..=text.len() + 2 {
                let newlines = text.as_bytes()[..offset.min(text.len())]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count();
                assert_eq!(index.line(offset), newlines + 1, "{text:?} at {offset}");
                assert_eq!(line_of(text, offset), newlines + 1);
            }
        }
    }
}
