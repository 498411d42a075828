//! Folding names for comparison: lowercase, accents removed, hyphens and periods as spaces,
//! apostrophes gone (`Kim Jong-un` = `KIM Jong Un`, `José` = `Jose`, `O’Neil` = `ONeil`).
//!
//! In: a name as written. Out: its folded form. The speaker stage links mentions with it, and
//! `check` links speakers across articles with it. Accents go by Unicode's compatibility
//! decomposition ([`without_accents`]), the one accent folding `eval` uses too.

/// Folds a name for comparison: lowercase, accents removed, hyphens and periods as spaces.
pub fn fold(s: &str) -> String {
    let mut f = Folder::with_capacity(s.len());
    f.push_str(s);
    f.out
}

/// [`fold`] of `words.join(" ")`, without the joined string.
pub(super) fn fold_words(words: &[&str]) -> String {
    let mut f = Folder::with_capacity(words.iter().map(|w| w.len() + 1).sum());
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            f.gap = true;
        }
        f.push_str(w);
    }
    f.out
}

/// The state of [`fold`]: apostrophes vanish, hyphens and periods separate words like
/// whitespace, and runs of separators become one space, none at either end.
pub(super) struct Folder {
    out: String,
    /// A separator is pending.
    gap: bool,
}

impl Folder {
    pub(super) fn with_capacity(n: usize) -> Folder {
        Folder {
            out: String::with_capacity(n),
            gap: false,
        }
    }

    pub(super) fn push(&mut self, l: char) {
        if l.is_whitespace() {
            self.gap = true;
        } else {
            if self.gap && !self.out.is_empty() {
                self.out.push(' ');
            }
            self.gap = false;
            self.out.push(l);
        }
    }

    pub(super) fn push_str(&mut self, s: &str) {
        for c in s.chars() {
            if c.is_ascii() {
                self.push_ascii(c);
                continue;
            }
            for d in base_letters(c) {
                if d.is_ascii() {
                    self.push_ascii(d);
                } else if d != '’' {
                    for l in d.to_lowercase() {
                        self.push(l);
                    }
                }
            }
        }
    }

    /// One ASCII character: hyphens and periods separate words, apostrophes vanish.
    fn push_ascii(&mut self, c: char) {
        match c {
            '-' | '.' => self.gap = true,
            '\'' => {}
            _ => self.push(c.to_ascii_lowercase()),
        }
    }
}

/// [`fold`] as it was first written, for tests.
#[cfg(test)]
pub(super) fn fold_reference(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(base_letters) {
        if c == '-' || c == '.' || c == '’' || c == '\'' {
            if !out.ends_with(' ') && (c == '-' || c == '.') {
                out.push(' ');
            }
            continue;
        }
        for l in c.to_lowercase() {
            out.push(l);
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Letters that Unicode does not decompose into a base letter and an accent, with the base
/// letter they are read as in names (`Søren` = `Soren`, `Wałęsa` = `Walesa`).
const UNDECOMPOSED: &[(char, char)] = &[
    ('ø', 'o'),
    ('Ø', 'O'),
    ('ł', 'l'),
    ('Ł', 'L'),
    ('đ', 'd'),
    ('Đ', 'D'),
    ('ı', 'i'),
];

/// The characters of `c` without accents: its compatibility decomposition (Unicode NFKD) without
/// combining marks (`é` → `e`, `ﬁ` → `fi`, `Ａ` → `A`). The one accent folding of saywho: names
/// ([`fold`]) and `eval` (which mirrors `tools/score.py`) both start from it.
pub fn without_accents(c: char) -> impl Iterator<Item = char> {
    use unicode_normalization::char::is_combining_mark;
    let mut out = [None; 4];
    let mut n = 0;
    let mut more = Vec::new();
    unicode_normalization::char::decompose_compatible(c, |d| {
        if is_combining_mark(d) {
            return;
        }
        if n < out.len() {
            out[n] = Some(d);
            n += 1;
        } else {
            more.push(d);
        }
    });
    out.into_iter().flatten().chain(more)
}

/// [`without_accents`], and the letters Unicode does not decompose as their base letter (`ø` →
/// `o`, `ł` → `l`): how names are compared.
pub fn base_letters(c: char) -> impl Iterator<Item = char> {
    without_accents(c).map(|d| {
        UNDECOMPOSED
            .iter()
            .find(|(from, _)| *from == d)
            .map_or(d, |&(_, to)| to)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_names() {
        assert_eq!(fold("Kim Jong-un"), "kim jong un");
        assert_eq!(fold("KIM Jong Un"), "kim jong un");
        assert_eq!(fold("José Alvarado"), "jose alvarado");
    }

    #[test]
    fn fold_matches_reference() {
        let cases = [
            "Kim Jong-un",
            " A.B. de-la Cruz ",
            "O’Neil's",
            "İstanbul ĞÜŞ",
            "x\u{a0}-\u{a0}y",
            "--..--",
            "",
            " ",
            "’",
            "Ǆemal ﬁ ß ΣΑΣ",
            "a\t\nb",
            "Jean-.-Marc",
            "\u{2028}x",
            "é-’-é",
            "ÀÁÂ. ÇĆ",
            "Mr.  Smith",
            "a - b",
        ];
        for c in cases {
            assert_eq!(fold(c), fold_reference(c), "{c:?}");
        }
        let words = ["Jean-", "’Marc", "", " ", "de.la", "ÉMILE"];
        for a in 0..words.len() {
            for b in a..words.len() {
                let w = &words[a..=b];
                assert_eq!(fold_words(w), fold_reference(&w.join(" ")), "{w:?}");
            }
        }
        // Every character, alone and between letters.
        for u in (0u32..0x3000).chain(0xFF00..0x10000) {
            if let Some(ch) = char::from_u32(u) {
                for s in [ch.to_string(), format!("a{ch}b"), format!(" {ch} {ch}-")] {
                    assert_eq!(fold(&s), fold_reference(&s), "{s:?}");
                }
            }
        }
    }
}
