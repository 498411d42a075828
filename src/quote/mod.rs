//! Stage 3, **detect**: a paragraph → the [`Quote`]s in it.
//!
//! In: the article text and its [`crate::segment::Paragraph`]s. Out: every quotation, in text order,
//! with the byte span of its inner text (without marks) and its paragraph.
//!
//! Invariants: `inner` lies on char boundaries inside its paragraph and is never empty; quotes never
//! overlap; an unbalanced mark costs at most its own paragraph; a quote without a closing mark
//! runs to the end of its paragraph and never further than the pattern set's `max_quote_chars`.
//! The quote marks are data (`patterns/quotes.toml`); single quotes are not top-level marks, so
//! apostrophes (don’t, Workers’ Party, ’90s) and nested ‘…’ quotes stay part of the text.

pub mod marks;

use crate::segment::Span;

/// What a quoted span is.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// A whole statement in quotes.
    #[default]
    Direct,
    /// A quoted fragment inside reported speech ("said the plan would “cost jobs”").
    Partial,
    /// Quoted text that is not speech: a scare quote, a title of a work, a nickname.
    Scare,
}

impl QuoteKind {
    /// The kind of that name (`direct`, `partial`, `scare`).
    pub fn from_name(name: &str) -> Option<QuoteKind> {
        [QuoteKind::Direct, QuoteKind::Partial, QuoteKind::Scare]
            .into_iter()
            .find(|k| k.as_str() == name)
    }

    /// The name used in the output.
    pub fn as_str(&self) -> &'static str {
        match self {
            QuoteKind::Direct => "direct",
            QuoteKind::Partial => "partial",
            QuoteKind::Scare => "scare",
        }
    }
}

/// One quotation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Quote {
    /// The inner text, without the quote marks.
    pub inner: Span,
    /// Where the opening mark starts.
    pub open: usize,
    /// Where the closing mark ends; `None` when the quote runs to the end of its paragraph.
    pub close: Option<usize>,
    /// Index of its paragraph.
    pub paragraph: usize,
    /// For the pieces of a multi-paragraph quote, the index of its first piece.
    pub chain: Option<usize>,
}

impl Quote {
    /// The byte offset just after the quote (after its closing mark, or its paragraph's end).
    pub fn after(&self) -> usize {
        self.close.unwrap_or(self.inner.end)
    }
}

pub use marks::detect;

/// A problem inside one article that did not stop it: an unbalanced or stray mark.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Byte offset it concerns.
    pub offset: usize,
    /// What happened.
    pub message: String,
}
