//! Reading pattern files: TOML rules and `.txt` word lists → raw serde structs.
//!
//! In: a directory (or the embedded copy of `patterns/`). Out: [`PatternFiles`], the raw content of
//! every file, with the line number of each rule and example kept for error messages.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{line_of, Error, Result};

/// The pattern files compiled into the binary, as (relative path, content): every
/// `patterns/*.toml` and `patterns/lexicon/*.txt`, listed by `build.rs`.
const EMBEDDED: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/embedded_patterns.rs"));

/// The rule files a pattern directory must have.
const REQUIRED: &[&str] = &[
    "quotes.toml",
    "cues.toml",
    "speakers.toml",
    "consistency.toml",
];

/// The raw text of every pattern file, keyed by its path relative to the pattern directory.
#[derive(Clone, Debug)]
pub struct PatternFiles {
    /// Where the files came from, for messages (`patterns/` for the embedded copy).
    pub root: PathBuf,
    /// Relative path → content.
    pub files: BTreeMap<String, String>,
}

impl PatternFiles {
    /// The pattern set compiled into the binary.
    pub fn embedded() -> PatternFiles {
        let files = EMBEDDED
            .iter()
            .map(|(p, c)| (p.to_string(), c.to_string()))
            .collect();
        PatternFiles {
            root: PathBuf::from("patterns"),
            files,
        }
    }

    /// Reads every `*.toml` and `lexicon/*.txt` of `dir`, found by name. The four rule files
    /// must exist; a word list the pattern set needs and does not find is an error when the set
    /// is compiled.
    pub fn read_dir(dir: &Path) -> Result<PatternFiles> {
        let mut files = BTreeMap::new();
        for (sub, ext) in [("", "toml"), ("lexicon", "txt")] {
            let d = dir.join(sub);
            let entries = match std::fs::read_dir(&d) {
                Ok(e) => e,
                Err(source) if !sub.is_empty() && source.kind() == std::io::ErrorKind::NotFound => {
                    continue
                }
                Err(source) => return Err(Error::Read { path: d, source }),
            };
            for e in entries {
                let path = e.map_err(|source| Error::Read {
                    path: d.clone(),
                    source,
                })?;
                let path = path.path();
                let Some(name) = path
                    .file_name()
                    .and_then(|n| n.to_str())
                    .filter(|_| path.extension().is_some_and(|x| x == ext))
                else {
                    continue;
                };
                let rel = if sub.is_empty() {
                    name.to_string()
                } else {
                    format!("{sub}/{name}")
                };
                let text = std::fs::read_to_string(&path)
                    .map_err(|source| Error::Read { path, source })?;
                files.insert(rel, text);
            }
        }
        for rel in REQUIRED {
            if !files.contains_key(*rel) {
                let path = dir.join(rel);
                return Err(Error::Read {
                    path,
                    source: std::io::Error::from(std::io::ErrorKind::NotFound),
                });
            }
        }
        Ok(PatternFiles {
            root: dir.to_path_buf(),
            files,
        })
    }

    /// The names of the word lists (`titles` for `lexicon/titles.txt`), sorted.
    pub fn lexicon_names(&self) -> impl Iterator<Item = &str> {
        self.files.keys().filter_map(|k| {
            k.strip_prefix("lexicon/")
                .and_then(|n| n.strip_suffix(".txt"))
        })
    }

    /// The content of one file (empty when absent).
    pub fn get(&self, rel: &str) -> &str {
        self.files.get(rel).map(String::as_str).unwrap_or("")
    }

    /// The full path of `rel`, for messages.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    /// Parses one TOML file into `T`, turning a parse error into [`Error::PatternSyntax`].
    pub(crate) fn parse<T: for<'de> Deserialize<'de>>(&self, rel: &str) -> Result<T> {
        let text = self.get(rel);
        toml::from_str(text).map_err(|e| Error::PatternSyntax {
            path: self.path(rel),
            line: e.span().map(|s| line_of(text, s.start)).unwrap_or(0),
            message: e.message().to_string(),
        })
    }

    /// The entries of a word list: one per line, `#` comments and blank lines skipped.
    /// Returns (line number, entry) pairs; a stray-whitespace or duplicate entry is an error.
    pub fn lexicon(&self, rel: &str) -> Result<Vec<(usize, String)>> {
        let Some(text) = self.files.get(rel) else {
            return Err(Error::Read {
                path: self.path(rel),
                source: std::io::Error::from(std::io::ErrorKind::NotFound),
            });
        };
        let mut out: Vec<(usize, String)> = Vec::new();
        let mut seen = std::collections::HashMap::new();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let err = |message: String| Error::PatternSyntax {
                path: self.path(rel),
                line: i + 1,
                message,
            };
            if line != line.trim() || line.contains('\t') {
                return Err(err(format!("entry {:?} has stray whitespace", line)));
            }
            if let Some(first) = seen.insert(line.to_string(), i + 1) {
                return Err(err(format!(
                    "duplicate entry {line:?} (first on line {first})"
                )));
            }
            out.push((i + 1, line.to_string()));
        }
        Ok(out)
    }
}

/// Where an example or counterexample comes from, for the runner's messages.
#[derive(Clone, Debug)]
pub struct ExampleSource {
    /// The pattern file, relative (`cues.toml`).
    pub file: String,
    /// 1-based line of the example.
    pub line: usize,
    /// The rule it belongs to, or the file's section (`quotes`, `speakers`).
    pub rule_id: String,
    /// 1-based index of the example within its rule.
    pub index: usize,
}

/// One example: a text and what saywho must find in it. Expected values are compared exactly;
/// `speaker = ""` means "no speaker". Fields left out are not checked.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Example {
    /// The text, one or more paragraphs.
    pub text: String,
    /// The quote the other fields are about (its inner text, without marks). Default: the first.
    pub quote: Option<String>,
    /// How many quotes the text must yield.
    pub quotes: Option<usize>,
    /// Expected speaker.
    pub speaker: Option<String>,
    /// Expected title.
    pub title: Option<String>,
    /// Expected affiliation.
    pub affiliation: Option<String>,
    /// Expected party.
    pub party: Option<String>,
    /// Expected status of the post (`former`, `then`, `acting`, …).
    pub status: Option<String>,
    /// The text the title's offsets (`title_start`, `title_end`) must cover.
    pub title_at: Option<String>,
    /// Expected cue.
    pub cue: Option<String>,
    /// Expected kind (`direct` or `partial`).
    pub kind: Option<String>,
    /// Expected method.
    pub method: Option<String>,
    /// The rule that must answer, when it is not the rule the example is written under.
    pub rule: Option<String>,
    /// A known miss: reported, not counted as a failure.
    #[serde(default)]
    pub todo: bool,
    /// A counterexample: the quote named by `quote` (or every quote) must get no speaker.
    #[serde(default, skip)]
    pub negative: bool,
    /// Where the example was written.
    #[serde(skip)]
    pub source: Option<ExampleSource>,
}

/// A counterexample as written: a bare string, or a table with `text` and `quote`.
#[derive(Clone, Debug, Deserialize)]
#[serde(untagged)]
pub(crate) enum RawCounter {
    Text(String),
    Table { text: String, quote: Option<String> },
}

impl RawCounter {
    pub(crate) fn into_example(self) -> Example {
        let (text, quote) = match self {
            RawCounter::Text(t) => (t, None),
            RawCounter::Table { text, quote } => (text, quote),
        };
        Example {
            text,
            quote,
            negative: true,
            ..Example::default()
        }
    }
}

/// `quotes.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawQuotes {
    pub max_quote_chars: usize,
    pub pair: Vec<RawPair>,
    pub scare_before: Vec<String>,
    pub nickname_max_words: usize,
    #[serde(default)]
    pub work_title_after: Vec<String>,
    #[serde(default)]
    pub work_title_max_words: usize,
    #[serde(default)]
    pub example: Vec<toml::Spanned<Example>>,
    #[serde(default)]
    pub counterexample: Vec<toml::Spanned<RawCounter>>,
}

/// One quote-mark pair of `quotes.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPair {
    pub open: String,
    pub close: Vec<String>,
}

/// `cues.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawCues {
    pub define: BTreeMap<String, String>,
    pub rule: Vec<toml::Spanned<RawRule>>,
}

/// One attribution rule.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRule {
    pub id: String,
    pub at: String,
    pub method: String,
    pub regex: String,
    #[serde(default)]
    pub fallback: bool,
    #[serde(default)]
    pub last: bool,
    /// What shape the rule covers, for people reading the file (not used by the code).
    #[serde(default, rename = "description")]
    pub _description: String,
    #[serde(default)]
    pub examples: Vec<toml::Spanned<Example>>,
    #[serde(default)]
    pub counterexamples: Vec<toml::Spanned<RawCounter>>,
}

/// `speakers.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSpeakers {
    pub name_particles: Vec<String>,
    pub affiliation_prepositions: Vec<String>,
    pub clause_stops: Vec<String>,
    pub surname_titles: Vec<String>,
    pub relative_title_verbs: Vec<String>,
    pub relative_past_title_verbs: Vec<String>,
    pub unnamed_determiners: Vec<String>,
    pub pronoun_window_sentences: usize,
    #[serde(default)]
    pub example: Vec<toml::Spanned<Example>>,
    #[serde(default)]
    pub counterexample: Vec<toml::Spanned<RawCounter>>,
}

/// `consistency.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawConsistency {
    pub drop_words: Vec<String>,
    pub former_words: Vec<String>,
    #[serde(default)]
    pub distinguishing_words: Vec<String>,
    #[serde(default)]
    pub seniority_words: Vec<String>,
    #[serde(default)]
    pub generic_org_words: Vec<String>,
    #[serde(default)]
    pub history_words: Vec<String>,
    #[serde(default)]
    pub ranks: Vec<String>,
    #[serde(default)]
    pub courtesy_titles: Vec<String>,
    #[serde(default)]
    pub candidacies: Vec<String>,
    #[serde(default)]
    pub bodies_chaired_at_once: Vec<String>,
    #[serde(default)]
    pub exclusive: Vec<Vec<String>>,
    #[serde(default)]
    pub held_with_any: Vec<String>,
    #[serde(default)]
    pub posts_between_places: Vec<String>,
    #[serde(default)]
    pub groups: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    pub held_together: Vec<[String; 2]>,
    #[serde(default)]
    pub example: Vec<toml::Spanned<RawTitleExample>>,
}

impl RawConsistency {
    /// The rules and the examples apart.
    pub fn split(self) -> (RawComparison, Vec<toml::Spanned<RawTitleExample>>) {
        let rules = RawComparison {
            drop_words: self.drop_words,
            former_words: self.former_words,
            distinguishing_words: self.distinguishing_words,
            seniority_words: self.seniority_words,
            generic_org_words: self.generic_org_words,
            history_words: self.history_words,
            ranks: self.ranks,
            courtesy_titles: self.courtesy_titles,
            candidacies: self.candidacies,
            bodies_chaired_at_once: self.bodies_chaired_at_once,
            exclusive: self.exclusive,
            held_with_any: self.held_with_any,
            posts_between_places: self.posts_between_places,
            groups: self.groups,
            held_together: self.held_together,
        };
        (rules, self.example)
    }
}

/// The rules of `consistency.toml` (see [`crate::pattern::ComparisonRules`]).
#[derive(Debug)]
pub(crate) struct RawComparison {
    pub drop_words: Vec<String>,
    pub former_words: Vec<String>,
    pub distinguishing_words: Vec<String>,
    pub seniority_words: Vec<String>,
    pub generic_org_words: Vec<String>,
    pub history_words: Vec<String>,
    pub ranks: Vec<String>,
    pub courtesy_titles: Vec<String>,
    pub candidacies: Vec<String>,
    pub bodies_chaired_at_once: Vec<String>,
    pub exclusive: Vec<Vec<String>>,
    pub held_with_any: Vec<String>,
    pub posts_between_places: Vec<String>,
    pub groups: BTreeMap<String, Vec<String>>,
    pub held_together: Vec<[String; 2]>,
}

/// An example of `consistency.toml`: two forms and the verdict comparing them must give.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTitleExample {
    /// First description: title, affiliation, and optionally party and status.
    pub a: Vec<String>,
    /// Second description, the same way.
    pub b: Vec<String>,
    /// `consistent`, `conflict`, `changed`, `refinement`.
    pub verdict: String,
    /// The two articles' dates, when the example is about time.
    #[serde(default)]
    pub dates: Option<[String; 2]>,
    /// Affiliations that name a person served, not an organisation ("Marco Rubio"): what the
    /// corpus's speaker names tell `check` in a real run.
    #[serde(default)]
    pub people: Vec<String>,
}
