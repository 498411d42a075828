//! The pattern set: everything saywho knows about English news attribution, as data.
//!
//! In: the files of `patterns/` (compiled into the binary, or read from `--patterns DIR`).
//! Out: a validated, compiled [`PatternSet`] that every stage borrows. It is built once per run and
//! shared by reference across threads (`Regex` and `AhoCorasick` are `Sync`).
//!
//! The files go through two steps, as ripgrep's flags do: [`load`] deserialises them into raw serde
//! structs (`RawQuotes`, `RawCues`, `RawSpeakers`), and [`compile`] expands the `{placeholders}` of
//! the rules, compiles the regexes and the word lists, and checks the examples' shape. The format is
//! documented in `patterns/README.md`; [`crate::examples`] runs every example.

pub mod compile;
pub mod lexicon;
pub mod load;
pub mod rules;
mod word_index;
pub mod words;

pub use compile::{ComparisonRules, PatternSet, PronounClass, QuoteRules};
pub use lexicon::{Lexicon, PlaceTable};
pub use load::{Example, ExampleSource, PatternFiles};
pub use rules::{CueRule, Method, Position};
