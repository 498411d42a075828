//! Word lists, indexed for lookup: [`Lexicon`] (a list looked up as written or ignoring case),
//! [`PlaceTable`] (groups of names for one thing, `United States|U.S.|US`), and [`WordBits`] (every
//! list a word is in, found with two lookups for the name parser's hot paths).
//!
//! In: the entries of `patterns/lexicon/*.txt`. Out: the indexed lists the stages look words up
//! in. Every answer of an index is its lists' own.

/// A hash map with a fast hasher (the lexicons are looked up for every word of an article).
pub type FastMap<K, V> = foldhash::HashMap<K, V>;
/// A hash set with a fast hasher.
pub type FastSet<T> = foldhash::HashSet<T>;

/// Calls `f` with `s.to_lowercase()`, without allocating when `s` is ASCII (then lowercasing is
/// ASCII lowercasing).
pub fn with_lowercase<R>(s: &str, f: impl FnOnce(&str) -> R) -> R {
    let b = s.as_bytes();
    if b.iter().all(|c| c.is_ascii() && !c.is_ascii_uppercase()) {
        return f(s);
    }
    if b.is_ascii() && b.len() <= 64 {
        let mut buf = [0u8; 64];
        let low = &mut buf[..b.len()];
        low.copy_from_slice(b);
        low.make_ascii_lowercase();
        return f(std::str::from_utf8(low).expect("ASCII"));
    }
    f(&s.to_lowercase())
}

/// Lengths and first bytes of a set of strings: most words are in no lexicon, and most of those
/// are told apart by these alone, without hashing.
#[derive(Clone, Debug, Default)]
struct Shape {
    /// Bit `min(len, 63)` for every length.
    lens: u64,
    /// Bit `b` for every first byte `b`.
    firsts: [u64; 4],
}

impl Shape {
    fn add(&mut self, s: &str) {
        self.lens |= 1 << s.len().min(63);
        if let Some(&b) = s.as_bytes().first() {
            self.firsts[usize::from(b >> 6)] |= 1 << (b & 63);
        }
    }

    /// False only when no string added has the length and first byte of `s`.
    fn may_contain(&self, s: &str) -> bool {
        self.lens & (1 << s.len().min(63)) != 0
            && s.as_bytes()
                .first()
                .is_none_or(|&b| self.firsts[usize::from(b >> 6)] & (1 << (b & 63)) != 0)
    }
}

/// A set of strings with a [`Shape`] check before the hash lookup.
#[derive(Clone, Debug, Default)]
struct WordSet {
    set: FastSet<String>,
    shape: Shape,
}

impl FromIterator<String> for WordSet {
    fn from_iter<I: IntoIterator<Item = String>>(iter: I) -> WordSet {
        let mut w = WordSet::default();
        for s in iter {
            w.shape.add(&s);
            w.set.insert(s);
        }
        w
    }
}

impl WordSet {
    fn contains(&self, s: &str) -> bool {
        self.shape.may_contain(s) && self.set.contains(s)
    }
}

/// A map from strings with a [`Shape`] check before the hash lookup.
#[derive(Clone, Debug, Default)]
struct WordMap {
    map: FastMap<String, String>,
    shape: Shape,
}

impl WordMap {
    fn insert(&mut self, k: String, v: String) {
        self.shape.add(&k);
        self.map.insert(k, v);
    }

    fn get(&self, k: &str) -> Option<&String> {
        if self.shape.may_contain(k) {
            self.map.get(k)
        } else {
            None
        }
    }

    fn keys(&self) -> impl Iterator<Item = &String> {
        self.map.keys()
    }
}

/// A word list, looked up exactly or case-insensitively.
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    /// The entries as written, in file order.
    pub entries: Vec<String>,
    exact: WordSet,
    lower: WordSet,
    /// The last word of every entry.
    last_words: WordSet,
    /// The most words any entry has.
    pub max_words: usize,
}

impl Lexicon {
    pub(crate) fn new(entries: Vec<String>) -> Lexicon {
        let exact = entries.iter().cloned().collect();
        let lower = entries.iter().map(|e| e.to_lowercase()).collect();
        let last_words = entries
            .iter()
            .map(|e| e.rsplit(' ').next().unwrap_or("").to_string())
            .collect();
        let max_words = entries
            .iter()
            .map(|e| e.split(' ').count())
            .max()
            .unwrap_or(0);
        Lexicon {
            entries,
            exact,
            lower,
            last_words,
            max_words,
        }
    }

    /// Whether some entry (as written) ends with the word `w`: no entry ending with a word
    /// equal to `x` unless this holds for `x`.
    pub fn may_end_with(&self, w: &str) -> bool {
        self.last_words.contains(w)
    }

    /// Whether `s` is an entry, exactly as written.
    pub fn contains(&self, s: &str) -> bool {
        self.exact.contains(s)
    }

    /// Whether `s` is an entry, ignoring case.
    pub fn contains_ci(&self, s: &str) -> bool {
        with_lowercase(s, |l| self.lower.contains(l))
    }

    /// A lexicon from a list, for tests.
    #[doc(hidden)]
    pub fn for_tests(entries: &[&str]) -> Lexicon {
        Lexicon::new(entries.iter().map(|s| s.to_string()).collect())
    }
}

/// Which word lists a word is in, found with two lookups instead of one per list: `exact` by the
/// word as written, `lower` by its lowercase form (see the `W_*` bits). Derived from the lexicons,
/// so every answer is the lexicons' own.
#[derive(Clone, Debug, Default)]
pub struct WordBits {
    exact: FastMap<String, u32>,
    lower: FastMap<String, u32>,
}

/// [`WordBits::exact`]: in `capitalized-non-names`.
pub const W_NON_NAME: u32 = 1;
/// [`WordBits::exact`]: an honorific of any gender.
pub const W_HONORIFIC: u32 = 1 << 1;
/// [`WordBits::exact`]: a men's honorific.
pub const W_HONORIFIC_MALE: u32 = 1 << 2;
/// [`WordBits::exact`]: a women's honorific.
pub const W_HONORIFIC_FEMALE: u32 = 1 << 3;
/// [`WordBits::exact`]: a place alias matched only as written.
pub const W_PLACE_EXACT: u32 = 1 << 4;
/// [`WordBits::exact`]: a name particle.
pub const W_PARTICLE: u32 = 1 << 5;
/// [`WordBits::exact`]: a men's given name.
pub const W_FIRST_MALE: u32 = 1 << 6;
/// [`WordBits::exact`]: a women's given name.
pub const W_FIRST_FEMALE: u32 = 1 << 7;
/// [`WordBits::lower`]: the lowercase form is a title as written.
pub const W_TITLE: u32 = 1 << 8;
/// [`WordBits::lower`]: the lowercase form is a title modifier as written.
pub const W_TITLE_MODIFIER: u32 = 1 << 9;
/// [`WordBits::lower`]: the lowercase form is a speech verb as written.
pub const W_SPEECH_VERB: u32 = 1 << 10;
/// [`WordBits::lower`]: a place alias, ignoring case.
pub const W_PLACE: u32 = 1 << 11;
/// [`WordBits::exact`]: an organisation word as written.
pub const W_ORG: u32 = 1 << 12;
/// [`WordBits::exact`]: a speech verb as written.
pub const W_SPEECH_VERB_EXACT: u32 = 1 << 13;
/// [`WordBits::lower`]: a title, ignoring case.
pub const W_TITLE_CI: u32 = 1 << 14;
/// [`WordBits::lower`]: a title modifier, ignoring case.
pub const W_TITLE_MODIFIER_CI: u32 = 1 << 15;
/// [`WordBits::exact`]: an abbreviation whose period does not end a sentence.
pub const W_ABBREVIATION: u32 = 1 << 16;
/// [`WordBits::exact`]: a given name of either gender.
pub const W_FIRST_UNISEX: u32 = 1 << 17;
/// [`WordBits::lower`]: an organisation word, ignoring case.
pub const W_ORG_CI: u32 = 1 << 18;
/// [`WordBits::lower`]: the plural of a one-word title, ignoring case ("justices", "senators",
/// "congressmen"), when it is no given name or known surname.
pub const W_TITLE_PLURAL: u32 = 1 << 19;

impl WordBits {
    pub(crate) fn new(p: &super::PatternSet) -> WordBits {
        let mut w = WordBits::default();
        let mut exact = |lex: &Lexicon, bit: u32| {
            for e in &lex.entries {
                *w.exact.entry(e.clone()).or_default() |= bit;
            }
        };
        exact(&p.non_names, W_NON_NAME);
        exact(&p.honorifics, W_HONORIFIC);
        exact(&p.honorifics_male, W_HONORIFIC | W_HONORIFIC_MALE);
        exact(&p.honorifics_female, W_HONORIFIC | W_HONORIFIC_FEMALE);
        exact(&p.name_particles, W_PARTICLE);
        exact(&p.first_names_male, W_FIRST_MALE);
        exact(&p.first_names_female, W_FIRST_FEMALE);
        exact(&p.first_names_unisex, W_FIRST_UNISEX);
        exact(&p.org_words, W_ORG);
        exact(&p.abbreviations, W_ABBREVIATION);
        exact(&p.speech_verbs, W_SPEECH_VERB_EXACT);
        for k in p.places.exact_only.keys() {
            *w.exact.entry(k.clone()).or_default() |= W_PLACE_EXACT;
        }
        let mut lower = |lex: &Lexicon, bit: u32| {
            for e in &lex.entries {
                *w.lower.entry(e.clone()).or_default() |= bit;
            }
        };
        lower(&p.titles, W_TITLE);
        lower(&p.title_modifiers, W_TITLE_MODIFIER);
        lower(&p.speech_verbs, W_SPEECH_VERB);
        // Ignoring case: the entries lowercased, looked up by the word lowercased.
        for (lex, bit) in [
            (&p.titles, W_TITLE_CI),
            (&p.title_modifiers, W_TITLE_MODIFIER_CI),
            (&p.org_words, W_ORG_CI),
        ] {
            for e in &lex.entries {
                *w.lower.entry(e.to_lowercase()).or_default() |= bit;
            }
        }
        for k in p.places.canonical.keys() {
            *w.lower.entry(k.clone()).or_default() |= W_PLACE;
        }
        for e in &p.titles.entries {
            let Some(plural) = title_plural(e) else {
                continue;
            };
            let capitalised = capitalise(&plural);
            if p.is_given_name(&capitalised) || p.known_surnames.contains_key(&capitalised) {
                continue;
            }
            *w.lower.entry(plural).or_default() |= W_TITLE_PLURAL;
        }
        w
    }

    /// The `exact` bits of `s` as written.
    pub fn exact(&self, s: &str) -> u32 {
        self.exact.get(s).copied().unwrap_or(0)
    }

    /// The `lower` bits of `s.to_lowercase()`.
    pub fn lower(&self, s: &str) -> u32 {
        with_lowercase(s, |l| self.lower.get(l).copied().unwrap_or(0))
    }
}

/// The plural of a one-word title of at least four letters, lowercase ("justice" → "justices",
/// "secretary" → "secretaries", "congressman" → "congressmen"); `None` for other entries.
fn title_plural(title: &str) -> Option<String> {
    let t = title.to_lowercase();
    if t.len() < 4 || !t.bytes().all(|b| b.is_ascii_lowercase() || b == b'-') {
        return None;
    }
    Some(if let Some(stem) = t.strip_suffix("man") {
        format!("{stem}men")
    } else if let Some(stem) = t.strip_suffix("wife") {
        format!("{stem}wives")
    } else if t.ends_with(['s', 'x']) || t.ends_with("sh") || t.ends_with("ch") {
        format!("{t}es")
    } else if t.ends_with('y') && !matches!(t.as_bytes()[t.len() - 2], b'a' | b'e' | b'o' | b'u') {
        format!("{}ies", &t[..t.len() - 1])
    } else {
        format!("{t}s")
    })
}

/// `w` with its first letter in capitals.
fn capitalise(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// Groups of names for the same thing (`United States|U.S.|US|American`), canonical name first.
#[derive(Clone, Debug, Default)]
pub struct PlaceTable {
    canonical: WordMap,
    exact_only: WordMap,
}

impl PlaceTable {
    pub(crate) fn new(lines: &[(usize, String)]) -> PlaceTable {
        let mut canonical = WordMap::default();
        let mut exact_only = WordMap::default();
        for (_, line) in lines {
            let parts: Vec<&str> = line.split('|').collect();
            let first = parts[0].to_string();
            for alias in parts {
                // Short all-capital aliases (UN, US, WHO) only match as written: "Un" in
                // "Kim Jong Un" and "who" are not places.
                let acronym = alias.len() <= 5
                    && alias
                        .chars()
                        .all(|c| c.is_uppercase() || c == '.' || c == '&');
                if acronym {
                    exact_only.insert(alias.to_string(), first.clone());
                } else {
                    canonical.insert(alias.to_lowercase(), first.clone());
                }
            }
        }
        PlaceTable {
            canonical,
            exact_only,
        }
    }

    /// The canonical form of `s` if it is a known alias (case-insensitive).
    pub fn canonical(&self, s: &str) -> Option<&str> {
        self.exact_only
            .get(s)
            .or_else(|| with_lowercase(s, |l| self.canonical.get(l)))
            .map(String::as_str)
    }

    /// How many words the longest alias has.
    pub fn max_words(&self) -> usize {
        self.canonical
            .keys()
            .chain(self.exact_only.keys())
            .map(|k| k.split(' ').count())
            .max()
            .unwrap_or(0)
    }
}

/// Questions the pattern set answers from its word lists alone.
impl super::PatternSet {
    /// Whether a mention ending at `end` is a town that its state or country follows between commas:
    /// "after the shootings in El Paso and |Dayton|, Ohio, that he would" (where, not who).
    pub fn is_town_before_region(&self, hay: &str, end: usize) -> bool {
        hay.get(end..)
            .and_then(|r| r.strip_prefix(", "))
            .is_some_and(|rest| self.opens_with_region(rest))
    }

    /// Whether the mention at `at` is the state or country of a town written before it, between
    /// commas: "Speaking at a town hall in Salem, |New Hampshire, Trump went after Bush" (the place
    /// is where, not who).
    pub fn is_town_region(&self, hay: &str, at: usize) -> bool {
        let before = hay[..at].trim_end_matches([' ', '\u{a0}']);
        let prev = before.rsplit([' ', '\u{a0}']).next().unwrap_or("");
        prev.strip_suffix(',')
            .is_some_and(|town| town.starts_with(char::is_uppercase) && !self.names_a_place(town))
            && self.opens_with_region(&hay[at..])
    }

    /// Whether `rest` opens with a state or a country of at most three words closed by a comma.
    fn opens_with_region(&self, rest: &str) -> bool {
        rest.split_once(',')
            .is_some_and(|(region, _)| region.split(' ').count() <= 3 && self.names_a_place(region))
    }

    /// Whether `w` is a given name of the lexicons (of either gender).
    pub fn is_given_name(&self, w: &str) -> bool {
        self.first_names_male.contains(w)
            || self.first_names_female.contains(w)
            || self.first_names_unisex.contains(w)
    }

    /// Whether `s` names a place: a country or region (`lexicon/places.txt`) or a US state.
    pub fn names_a_place(&self, s: &str) -> bool {
        self.state_or_place(s).is_some()
    }

    /// The canonical name of the US state `s` names ("Calif." → "California"), else of the place
    /// (`lexicon/places.txt`: "U.S." → "United States").
    pub fn state_or_place(&self, s: &str) -> Option<&str> {
        self.us_states
            .canonical(s)
            .or_else(|| self.places.canonical(s))
    }

    /// A place's canonical name ("U.S." → "United States"), else `s` as written.
    pub fn place_or_written(&self, s: String) -> String {
        self.places.canonical(&s).map(str::to_string).unwrap_or(s)
    }
}

#[cfg(test)]
mod tests {
    use super::title_plural;

    #[test]
    fn plurals_of_one_word_titles() {
        for (t, p) in [
            ("justice", "justices"),
            ("Secretary", "secretaries"),
            ("attorney", "attorneys"),
            ("congressman", "congressmen"),
            ("boss", "bosses"),
            ("coach", "coaches"),
        ] {
            assert_eq!(title_plural(t).as_deref(), Some(p), "{t}");
        }
        // Too short, abbreviated or of several words: none.
        for t in ["MP", "Sen.", "press secretary"] {
            assert_eq!(title_plural(t), None, "{t}");
        }
    }
}
