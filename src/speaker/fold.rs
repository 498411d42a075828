//! Folding names for comparison: lowercase, accents removed, hyphens and periods as spaces,
//! apostrophes gone (`Kim Jong-un` = `KIM Jong Un`, `José` = `Jose`, `O’Neil` = `ONeil`).
//!
//! In: a name as written. Out: its folded form. The speaker stage links mentions with it, and
//! `check` links speakers across articles with it.

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
                match c {
                    '-' | '.' => self.gap = true,
                    '\'' => {}
                    _ => self.push(c.to_ascii_lowercase()),
                }
                continue;
            }
            let c = fold_char(c);
            if c == '’' {
                continue;
            }
            if c.is_ascii() {
                self.push(c.to_ascii_lowercase());
                continue;
            }
            for l in c.to_lowercase() {
                self.push(l);
            }
        }
    }
}

/// [`fold`] as it was first written, for tests.
#[cfg(test)]
pub(super) fn fold_reference(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let c = fold_char(c);
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

/// Removes the accent of common Latin letters.
pub fn fold_char(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' | 'Ă' | 'Ą' => 'A',
        'ç' | 'ć' | 'č' => 'c',
        'Ç' | 'Ć' | 'Č' => 'C',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ė' | 'Ę' | 'Ě' => 'E',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => 'i',
        'Ì' | 'Í' | 'Î' | 'Ï' | 'Ī' | 'Į' | 'İ' => 'I',
        'ñ' | 'ń' | 'ň' => 'n',
        'Ñ' | 'Ń' | 'Ň' => 'N',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' | 'Ő' => 'O',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => 'u',
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ū' | 'Ů' | 'Ű' | 'Ų' => 'U',
        'ý' | 'ÿ' => 'y',
        'Ý' | 'Ÿ' => 'Y',
        'š' | 'ś' | 'ş' => 's',
        'Š' | 'Ś' | 'Ş' => 'S',
        'ž' | 'ź' | 'ż' => 'z',
        'Ž' | 'Ź' | 'Ż' => 'Z',
        'ł' => 'l',
        'Ł' => 'L',
        'ř' => 'r',
        'Ř' => 'R',
        'ğ' => 'g',
        'Ğ' => 'G',
        'đ' => 'd',
        'Đ' => 'D',
        _ => c,
    }
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
