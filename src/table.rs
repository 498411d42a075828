//! Stage 6, **tabulate**: the row type of the quotes table.
//!
//! In: a quote and its speaker. Out: a [`QuoteRecord`], serialised by [`crate::output`] with the
//! columns in this fixed order:
//!
//! | column | meaning |
//! |---|---|
//! | `article` | the path as found, or the JSON Lines record id |
//! | `start`, `end` | UTF-8 byte offsets of the quote's inner text (without marks) in the input |
//! | `quote` | the inner text, exactly `input[start..end]` |
//! | `speaker` | full name as introduced in the article; empty if unknown or unnamed |
//! | `title`, `affiliation` | as the article introduced the speaker |
//! | `cue` | the reporting words ("said", "told reporters", "according to") |
//! | `kind` | `direct`, `partial`, or `scare` (a term, title of a work or nickname: never a speaker) |
//! | `method` | how the speaker was found: `after-quote`, `before-quote`, `colon-intro`, `according-to`, `pronoun`, `surname`, `nominal`, `unnamed`, `continuation` |
//! | `rule` | the id of the pattern rule that matched |
//! | `paragraph` | 1-based paragraph number |
//! | `mention` | the speaker mention as written near the quote ("she", "the president") |
//! | `title_start`, `title_end` | byte offsets of where the title was given (empty if none) |

use serde::{Deserialize, Serialize};

/// One row of the quotes table.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteRecord {
    /// The article's name.
    pub article: String,
    /// Byte offset of the quote's inner text.
    pub start: usize,
    /// Byte offset just past the quote's inner text.
    pub end: usize,
    /// The inner text.
    pub quote: String,
    /// Full name of the speaker, or empty.
    pub speaker: String,
    /// The speaker's title, or empty.
    pub title: String,
    /// The speaker's affiliation, or empty.
    pub affiliation: String,
    /// The reporting words, or empty.
    pub cue: String,
    /// `direct`, `partial` or `scare`.
    pub kind: String,
    /// How the speaker was found, or empty.
    pub method: String,
    /// The pattern rule that matched, or empty.
    pub rule: String,
    /// 1-based paragraph number.
    pub paragraph: usize,
    /// The mention as written, or empty.
    pub mention: String,
    /// Where the title was given (byte offset), if anywhere.
    pub title_start: Option<usize>,
    /// End of where the title was given.
    pub title_end: Option<usize>,
}
