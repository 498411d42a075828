//! Fuzz target: any bytes, as an article, never panic, and every row slices back to its quote.
//! Run with `cargo +nightly fuzz run extract` from the repository root (see README).
#![no_main]

use libfuzzer_sys::fuzz_target;
use saywho::{Article, Extractor, PatternSet};

static PATTERNS: std::sync::OnceLock<PatternSet> = std::sync::OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let patterns = PATTERNS.get_or_init(|| PatternSet::embedded().expect("patterns"));
    let Ok(article) = Article::from_bytes("fuzz", data.to_vec()) else { return };
    assert_eq!(article.text.len(), data.len());
    for row in Extractor::new(patterns).extract(&article).records {
        assert_eq!(&article.text[row.start..row.end], row.quote);
    }
});
