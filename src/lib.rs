//! saywho finds every quotation in news articles, says who said it (full name, title,
//! affiliation), and checks that a speaker's title agrees from one article to the next.
//!
//! The pipeline is a chain of stages, one module each, whose boundaries are types:
//!
//! 1. [`article`]: bytes → [`Article`] (same byte length; invalid UTF-8 substituted, not fatal);
//! 2. [`segment`]: text → paragraphs and sentences ([`segment::Span`]s);
//! 3. [`quote`]: paragraphs → [`Quote`]s (mark pairing, multi-paragraph quotes, scare quotes);
//! 4. [`attribution`]: a quote and its context → [`Attribution`] (cue and speaker mention);
//! 5. [`speaker`]: a mention → [`Speaker`] (pronouns, surnames, nominals, titles);
//! 6. [`table`]: [`QuoteRecord`], the output row; [`output`] writes CSV or JSON Lines;
//! 7. [`consistency`]: rows of many articles → [`consistency::SpeakerReport`]s (title conflicts);
//! 8. [`report`]: texts, rows and reports → one self-contained HTML page to read them in.
//!
//! Everything saywho knows about English attribution is data in `patterns/`, compiled into a
//! [`PatternSet`] once and shared; [`examples`] runs the examples written in those files.
//! [`Extractor`] runs the stages on one article, or on many in parallel with ordered output.
//!
//! ```
//! let patterns = saywho::PatternSet::embedded().unwrap();
//! let text = "Press Secretary Sarah Sanders spoke on Friday. “We will keep up the pressure,” Sanders said.";
//! let rows = saywho::Extractor::new(&patterns).extract(&saywho::Article::from_text("a.txt", text)).records;
//! assert_eq!(rows.len(), 1);
//! assert_eq!(rows[0].speaker, "Sarah Sanders");
//! assert_eq!(rows[0].title, "Press Secretary");
//! assert_eq!(&text[rows[0].start..rows[0].end], "We will keep up the pressure,");
//! ```
#![deny(missing_docs)]

pub mod article;
pub mod attribution;
pub mod consistency;
pub mod error;
pub mod eval;
pub mod examples;
pub mod gather;
pub mod input;
pub mod link_box;
pub mod output;
pub mod pattern;
pub mod pipeline;
pub mod quote;
pub mod report;
pub mod segment;
pub mod speaker;
pub mod table;
pub mod token;

pub use article::Article;
pub use attribution::Attribution;
pub use error::{Error, Result};
pub use input::{Input, InputFormat};
pub use pattern::PatternSet;
pub use pipeline::{ArticleResult, Extractor, Outcome, Processed};
pub use quote::{Diagnostic, Quote, QuoteKind};
pub use speaker::{Speaker, SpeakerResolver};
pub use table::QuoteRecord;
