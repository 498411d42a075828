//! Property tests: on arbitrary bytes and arbitrary text, extraction never panics, every row's
//! span lies on character boundaries inside the input, and `quote` equals that slice.
//! See: issue #6.

use proptest::prelude::*;
use saywho::{Article, Extractor, PatternSet};

fn patterns() -> &'static PatternSet {
    static SET: std::sync::OnceLock<PatternSet> = std::sync::OnceLock::new();
    SET.get_or_init(|| PatternSet::embedded().unwrap())
}

fn check(name: &str, bytes: Vec<u8>) -> Result<(), TestCaseError> {
    let ex = Extractor::new(patterns());
    let Ok(article) = Article::from_bytes(name, bytes.clone()) else {
        return Ok(());
    };
    prop_assert_eq!(article.text.len(), bytes.len());
    let r = ex.extract(&article);
    for row in &r.records {
        prop_assert!(row.start <= row.end && row.end <= article.text.len());
        prop_assert!(
            article.text.is_char_boundary(row.start) && article.text.is_char_boundary(row.end)
        );
        prop_assert_eq!(&article.text[row.start..row.end], row.quote.as_str());
        if article.invalid_utf8_at.is_none() {
            prop_assert_eq!(&bytes[row.start..row.end], row.quote.as_bytes());
        }
    }
    Ok(())
}

/// Text made of the characters that matter to saywho: quote marks, apostrophes, line ends,
/// capitals, reporting verbs and names.
fn newsy() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "“",
        "”",
        "\"",
        "‘",
        "’",
        "'",
        "«",
        "»",
        "„",
        " ",
        " ",
        " ",
        "\n",
        "\n\n",
        "\r\n",
        "\r",
        ",",
        ".",
        ":",
        "?",
        "said",
        "says",
        "told reporters",
        "according to",
        "he",
        "she",
        "it",
        "the president",
        "a senior official",
        "Jane Roe",
        "Kim Jong Un",
        "Mr.",
        "Dr.",
        "U.S.",
        "Secretary of State",
        "of",
        "the",
        "at",
        "Acme Corp",
        "é",
        "\u{feff}",
        "\u{1a}",
        "-",
        "—",
        "(",
        ")",
        "Yun",
        "Moon Jae-in",
        "who is a",
        "senior fellow",
    ]);
    prop::collection::vec(pieces, 0..120).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        check("bytes", bytes)?;
    }

    #[test]
    fn arbitrary_unicode_never_panics(s in "\\PC{0,300}") {
        check("unicode", s.into_bytes())?;
    }

    #[test]
    fn newsy_text_never_panics(s in newsy()) {
        check("newsy", s.into_bytes())?;
    }
}
