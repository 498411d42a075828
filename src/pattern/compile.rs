//! Compiling raw pattern files into a [`PatternSet`].
//!
//! In: [`PatternFiles`]. Out: a [`PatternSet`] whose regexes are compiled, whose word lists are
//! indexed for lookup, and whose examples are collected (with file and line) for [`crate::examples`].
//! Every problem is an [`Error`] naming the file and line.

use std::collections::{BTreeMap, HashMap};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::lexicon::{Lexicon, PlaceTable, WordBits};
use super::load::{
    Example, ExampleSource, PatternFiles, RawComparison, RawConsistency, RawCounter, RawCues,
    RawQuotes, RawSpeakers, RawTitleExample,
};
use super::rules::{build_rule_regexes, expand, CueRule, Method, Position};
use super::words::WordClasses;
use crate::error::{Error, LineIndex, Result};

/// Pronoun classes of `pronouns.txt`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PronounClass {
    /// he
    Male,
    /// she
    Female,
    /// they
    Plural,
    /// it
    Neuter,
    /// we, I
    First,
}

/// What `quotes.toml` says: the quote marks, and what makes a quote a term, a title or a nickname.
#[derive(Debug)]
pub struct QuoteRules {
    /// A quote with no closing mark never runs past this many bytes.
    pub max_quote_bytes: usize,
    /// (opening mark, closing marks) pairs.
    pub pairs: Vec<(char, Vec<char>)>,
    /// Finds every mark of every pair in one pass.
    pub marks: AhoCorasick,
    /// The mark each `marks` pattern id stands for: the mark itself when it is one character, a
    /// character of the private use area standing for it when it is several (`''`).
    pub mark_chars: Vec<char>,
    /// The mark each `marks` pattern id finds, as written (`“`, `''`).
    pub mark_strs: Vec<String>,
    /// Words that, right before a quote, make it a title or a term, not speech.
    pub scare_before: Vec<String>,
    /// The most space-separated words any of `scare_before` has.
    pub scare_before_words: usize,
    /// A capitalised quote of at most this many words between two name words is a nickname.
    pub nickname_max_words: usize,
    /// Prepositions after which a quote in title case is the title of a work ("appeared on
    /// “Meet the Press”", "author of “The Art of the Deal”").
    pub work_title_after: Vec<String>,
    /// The most words such a title has.
    pub work_title_max_words: usize,
}

/// How `check` compares two posts (`consistency.toml`). Posts are written as titles are; the
/// comparison normalises them the same way.
#[derive(Clone, Debug, Default)]
pub struct ComparisonRules {
    /// Words a title comparison ignores (the, of, a).
    pub drop_words: Lexicon,
    /// Words that mark a past post (former, ex-).
    pub former_words: Lexicon,
    /// Words that make another post of the same name: "deputy director" is not "director".
    pub distinguishing_words: Lexicon,
    /// Words of seniority a writer may leave out ("economist" for "chief economist"); two
    /// different ones are different posts.
    pub seniority_words: Lexicon,
    /// Words that place a post in a list or in history ("first", "last"), written lowercase
    /// before it: such a title is not compared.
    pub history_words: Lexicon,
    /// Military ranks ("general", "admiral"): held beside an office, and kept as a courtesy
    /// title after retirement.
    pub ranks: Lexicon,
    /// Posts whose bare title stays a form of address after they are left ("President Bill
    /// Clinton" years later): written alone, no serving post.
    pub courtesy_titles: Lexicon,
    /// Words of a candidacy ("candidate", "nominee"): the party written with one may name the
    /// primary run in ("Democratic presidential candidate Sen. Bernie Sanders, I-Vt.").
    pub candidacies: Lexicon,
    /// Words of bodies one person may chair several of at once ("committee", "conference").
    pub bodies_chaired_at_once: Lexicon,
    /// Words of organisations' names that say their kind or place, not which one they are
    /// ("national", "public"): two names sharing only these are different organisations.
    pub generic_org_words: Lexicon,
    /// Groups of posts of which one person holds one at a time (mayor, council member).
    pub exclusive: Vec<Vec<String>>,
    /// Posts held with any other ("founder", "candidate").
    pub held_with_any: Vec<String>,
    /// Posts between two places, a sender and a host ("ambassador"): two places are no conflict.
    pub posts_between_places: Vec<String>,
    /// Groups of posts by name ("legislator": senator, representative, …).
    pub groups: Vec<(String, Vec<String>)>,
    /// Pairs of groups whose posts one person holds at once.
    pub held_together: Vec<(String, String)>,
}

/// The compiled pattern set. Build it once with [`PatternSet::embedded`] or [`PatternSet::from_dir`]
/// and share it.
#[derive(Debug)]
pub struct PatternSet {
    /// A number no other pattern set of this process has (per-thread caches are keyed on it).
    pub id: u64,
    /// The files it was built from.
    pub files: PatternFiles,
    /// Quote marks and what makes a quote a term or a title (`quotes.toml`).
    pub quotes: QuoteRules,
    /// The attribution rules, in priority order.
    pub rules: Vec<CueRule>,
    /// The lexicons the rules use, as word classes (see [`super::words`]).
    pub word_classes: WordClasses,
    /// Reporting verbs in all their forms.
    pub speech_verbs: Lexicon,
    /// Job titles (lowercase).
    pub titles: Lexicon,
    /// Words that extend a title (senior, deputy, former).
    pub title_modifiers: Lexicon,
    /// Honorifics that say nothing about gender.
    pub honorifics: Lexicon,
    /// Honorifics of men.
    pub honorifics_male: Lexicon,
    /// Honorifics of women.
    pub honorifics_female: Lexicon,
    /// Subject pronouns and their class.
    pub pronouns: HashMap<String, PronounClass>,
    /// Nouns that head organisation names.
    pub org_words: Lexicon,
    /// Nouns for texts that speak ("the letter reads").
    pub document_words: Lexicon,
    /// Family names written first (Kim Jong Un).
    pub family_name_first: Lexicon,
    /// Abbreviations whose period does not end a sentence.
    pub abbreviations: Lexicon,
    /// Countries, blocs and their adjectives.
    pub places: PlaceTable,
    /// Equivalent spellings of titles.
    pub title_aliases: PlaceTable,
    /// Equivalent names of organisations.
    pub org_aliases: PlaceTable,
    /// Given names of men.
    pub first_names_male: Lexicon,
    /// Given names of women.
    pub first_names_female: Lexicon,
    /// Given names of either gender (name recognition only).
    pub first_names_unisex: Lexicon,
    /// Capitalised words that are never part of a name.
    pub non_names: Lexicon,
    /// Surnames that, alone, name one well-known person (`Trump` → `Donald Trump`).
    pub known_surnames: HashMap<String, String>,
    /// Lowercase words that may sit inside a name (de, van, bin).
    pub name_particles: Lexicon,
    /// Prepositions that separate a title from its organisation (at, of, for).
    pub affiliation_prepositions: Vec<String>,
    /// Words that end an appositive's organisation (", which", ", who").
    pub clause_stops: Vec<String>,
    /// Titles that are family names too, after a name word ("Alveda King", "Rick Bishop").
    pub surname_titles: Lexicon,
    /// Verbs of a relative clause that give a title ("who is", "who serves as").
    pub relative_title_verbs: Vec<String>,
    /// Verbs of a relative clause that give a post held before ("who was", "who served as").
    pub relative_past_title_verbs: Vec<String>,
    /// Determiners of an unnamed source ("a senior official").
    pub unnamed_determiners: Lexicon,
    /// Nouns of unnamed sources ("the official"): never the person the text just named.
    pub anonymous_heads: Lexicon,
    /// `lexicon/org-descriptors.txt`: words between "the" and an organisation's name ("the
    /// nonprofit Investigative Reporters and Editors").
    pub org_descriptors: Lexicon,
    /// `lexicon/representative-heads.txt`: posts held for someone else (lawyer, agent, adviser).
    pub representative_heads: Lexicon,
    /// How many sentences back a pronoun may look for its person.
    pub pronoun_window_sentences: usize,
    /// How `check` compares posts (`consistency.toml`).
    pub comparison: ComparisonRules,
    /// Words that start a prepositional phrase or a clause, never a speaker's description.
    pub function_words: Lexicon,
    /// Days of the week, lowercase.
    pub weekdays: Lexicon,
    /// Words that open a clause or an adverbial phrase, not a noun phrase.
    pub clause_openers: Lexicon,
    /// Words that open an adverbial or a clause right after `NAME, `.
    pub adverbial_openers: Lexicon,
    /// Words after which a capitalised name is a place or an institution.
    pub locative_prepositions: Lexicon,
    /// Prepositions: a name after one is not its sentence's subject.
    pub prepositions: Lexicon,
    /// Words that may stand between a subject and its reporting verb.
    pub subject_adverbs: Lexicon,
    /// Auxiliary and linking verbs.
    pub auxiliaries: Lexicon,
    /// Words that describe a person rather than a post ("maverick").
    pub descriptive_adjectives: Lexicon,
    /// Title words that tell a tie or a part in a story, not a post ("ally", "wife", "voter").
    pub relations: Lexicon,
    /// Courtesy honorifics of a profession or rank ("Dr", "Rev"), without their period.
    pub honorifics_of_profession: Lexicon,
    /// Honorifics of address ("Mr", "Ms"), without their period.
    pub honorifics_of_address: Lexicon,
    /// Acronyms that name no organisation ("TV", "LGBT", "PR").
    pub non_organisation_acronyms: Lexicon,
    /// Past tenses not in -ed ("sat", "met", "went").
    pub irregular_past_verbs: Lexicon,
    /// Nouns of a person of one gender (`man|male`, `woman|female`).
    pub gendered_nouns: HashMap<String, String>,
    /// Political parties and their other names (`Tory` = `Conservative`).
    pub parties: PlaceTable,
    /// The letters of party tags (`R` = `Republican`).
    pub party_codes: HashMap<String, String>,
    /// US states and their abbreviations (`Calif.` = `California`).
    pub us_states: PlaceTable,
    /// Words that say when a post is held (`ex-` = `former`, `then-` = `then`).
    pub statuses: PlaceTable,
    /// Every example and counterexample, for the runner.
    pub examples: Vec<Example>,
    /// Every title-comparison example of `consistency.toml`.
    pub title_examples: Vec<(ExampleSource, RawTitleExample)>,
    /// The word lists above as bits per word, for the name parser's hot paths.
    pub word_bits: WordBits,
}

impl PatternSet {
    /// The pattern set compiled into the binary.
    pub fn embedded() -> Result<PatternSet> {
        PatternSet::compile(PatternFiles::embedded())
    }

    /// The pattern set in `dir` (a copy of `patterns/`).
    pub fn from_dir(dir: &std::path::Path) -> Result<PatternSet> {
        PatternSet::compile(PatternFiles::read_dir(dir)?)
    }

    /// Compiles raw files.
    pub fn compile(files: PatternFiles) -> Result<PatternSet> {
        let mut lexicons = load_lexicons(&files)?;
        let quotes: RawQuotes = files.parse("quotes.toml")?;
        let cues: RawCues = files.parse("cues.toml")?;
        let speakers: RawSpeakers = files.parse("speakers.toml")?;
        let consistency: RawConsistency = files.parse("consistency.toml")?;
        let word_class_error = |message| Error::PatternSyntax {
            path: files.path("cues.toml"),
            line: 0,
            message,
        };
        // The word classes of the lexicons the rules name; their automaton is built on another
        // thread while the rules are compiled.
        let pending_classes = {
            let named: Vec<(&str, &Lexicon)> = lexicons_in_rules(&cues)
                .into_iter()
                .map(|name| {
                    lexicons
                        .get_key_value(&name)
                        .map(|(k, v)| (k.as_str(), v))
                        .ok_or_else(|| {
                            word_class_error(format!(
                                "the rules use {{lexicon:{name}}}, but lexicon/{name}.txt does not exist"
                            ))
                        })
                })
                .collect::<Result<_>>()?;
            WordClasses::start(&named).map_err(word_class_error)?
        };
        let mut examples = Vec::new();
        let quote_rules = compile_quotes(&quotes, &files)?;
        collect_examples(
            &LineIndex::new(files.get("quotes.toml")),
            "quotes.toml",
            "quotes",
            quotes.example,
            quotes.counterexample,
            &mut examples,
        );
        let rules = compile_rules(cues, &pending_classes, &files, &mut examples)?;
        collect_examples(
            &LineIndex::new(files.get("speakers.toml")),
            "speakers.toml",
            "speakers",
            speakers.example,
            speakers.counterexample,
            &mut examples,
        );
        let (consistency_rules, consistency_examples) = consistency.split();
        let title_examples = title_examples(consistency_examples, &files);

        static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        let word_classes = pending_classes.finish().map_err(word_class_error)?;
        let mut take = |name: &str| -> Result<Lexicon> {
            lexicons.remove(name).ok_or_else(|| Error::Read {
                path: files.path(&format!("lexicon/{name}.txt")),
                source: std::io::Error::from(std::io::ErrorKind::NotFound),
            })
        };
        let mut set = PatternSet {
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            quotes: quote_rules,
            rules,
            word_classes,
            speech_verbs: take("speech-verbs")?,
            titles: take("titles")?,
            title_modifiers: take("title-modifiers")?,
            honorifics: take("honorifics")?,
            honorifics_male: take("honorifics-male")?,
            honorifics_female: take("honorifics-female")?,
            pronouns: compile_pronouns(&files)?,
            org_words: take("org-words")?,
            document_words: take("document-words")?,
            family_name_first: take("family-name-first")?,
            abbreviations: take("abbreviations")?,
            places: PlaceTable::new(&files.lexicon("lexicon/places.txt")?),
            title_aliases: PlaceTable::new(&files.lexicon("lexicon/title-aliases.txt")?),
            org_aliases: PlaceTable::new(&files.lexicon("lexicon/org-aliases.txt")?),
            first_names_male: take("first-names-male")?,
            first_names_female: take("first-names-female")?,
            first_names_unisex: take("first-names-unisex")?,
            non_names: take("capitalized-non-names")?,
            known_surnames: pairs(&files, "lexicon/known-surnames.txt")?,
            name_particles: Lexicon::new(speakers.name_particles),
            affiliation_prepositions: speakers.affiliation_prepositions,
            clause_stops: speakers.clause_stops,
            surname_titles: Lexicon::new(speakers.surname_titles),
            relative_title_verbs: speakers.relative_title_verbs,
            relative_past_title_verbs: speakers.relative_past_title_verbs,
            unnamed_determiners: Lexicon::new(speakers.unnamed_determiners),
            anonymous_heads: take("anonymous-heads")?,
            representative_heads: take("representative-heads")?,
            org_descriptors: take("org-descriptors")?,
            pronoun_window_sentences: speakers.pronoun_window_sentences,
            comparison: comparison_rules(consistency_rules, &files)?,
            function_words: take("function-words")?,
            weekdays: take("weekdays")?,
            clause_openers: take("clause-openers")?,
            adverbial_openers: take("adverbial-openers")?,
            locative_prepositions: take("locative-prepositions")?,
            prepositions: take("prepositions")?,
            subject_adverbs: take("subject-adverbs")?,
            auxiliaries: take("auxiliaries")?,
            descriptive_adjectives: take("descriptive-adjectives")?,
            relations: take("relations")?,
            honorifics_of_profession: take("honorifics-of-profession")?,
            honorifics_of_address: take("honorifics-of-address")?,
            non_organisation_acronyms: take("non-organisation-acronyms")?,
            irregular_past_verbs: take("irregular-past-verbs")?,
            parties: PlaceTable::new(&files.lexicon("lexicon/parties.txt")?),
            party_codes: pairs(&files, "lexicon/party-codes.txt")?,
            gendered_nouns: pairs(&files, "lexicon/gendered-nouns.txt")?,
            us_states: PlaceTable::new(&files.lexicon("lexicon/us-states.txt")?),
            statuses: PlaceTable::new(&files.lexicon("lexicon/status-words.txt")?),
            examples,
            title_examples,
            files,
            word_bits: WordBits::default(),
        };
        set.word_bits = WordBits::new(&set);
        Ok(set)
    }
}

/// Every word list of `lexicon/`, by name (`titles` for `lexicon/titles.txt`): each file is
/// checked (no stray whitespace, no duplicates), whether or not the pattern set uses it.
fn load_lexicons(files: &PatternFiles) -> Result<BTreeMap<String, Lexicon>> {
    let names: Vec<String> = files.lexicon_names().map(str::to_string).collect();
    names
        .into_iter()
        .map(|name| {
            let entries = files.lexicon(&format!("lexicon/{name}.txt"))?;
            Ok((
                name,
                Lexicon::new(entries.into_iter().map(|(_, e)| e).collect()),
            ))
        })
        .collect()
}

/// The lexicons the rules and defines of `cues.toml` name (`{lexicon:NAME}`,
/// `{lexicon-ci:NAME}`), sorted: each gets a word class.
fn lexicons_in_rules(cues: &RawCues) -> std::collections::BTreeSet<String> {
    let texts = cues
        .define
        .values()
        .map(String::as_str)
        .chain(cues.rule.iter().map(|r| r.get_ref().regex.as_str()));
    let mut names = std::collections::BTreeSet::new();
    for t in texts {
        for prefix in ["{lexicon:", "{lexicon-ci:"] {
            for (i, _) in t.match_indices(prefix) {
                let rest = &t[i + prefix.len()..];
                if let Some(end) = rest.find('}') {
                    names.insert(rest[..end].to_string());
                }
            }
        }
    }
    names
}

/// The most characters a quote mark may have (`''`).
const MAX_MARK_CHARS: usize = 2;

/// `quotes.toml`: the quote-mark pairs with one automaton that finds every mark, and the words
/// and sizes that make a quote a term, a title or a nickname.
fn compile_quotes(quotes: &RawQuotes, files: &PatternFiles) -> Result<QuoteRules> {
    let mut pairs = Vec::new();
    let mut mark_chars: Vec<char> = Vec::new();
    let mut mark_strs: Vec<String> = Vec::new();
    // A mark of one character stands for itself; one of several (`''`, two apostrophes written
    // for a double quote) gets a character of the supplementary private use area.
    let mut id = |s: &str| -> Result<char> {
        if let Some(k) = mark_strs.iter().position(|m| m == s) {
            return Ok(mark_chars[k]);
        }
        let mut it = s.chars();
        let c = match (it.next(), it.next()) {
            (Some(c), None) => c,
            (Some(_), Some(_)) if s.chars().count() <= MAX_MARK_CHARS => {
                char::from_u32(0xF_0000 + mark_strs.len() as u32).unwrap_or('\u{F0000}')
            }
            _ => {
                return Err(Error::PatternSyntax {
                    path: files.path("quotes.toml"),
                    line: 0,
                    message: format!("quote mark {s:?} must be one to {MAX_MARK_CHARS} characters"),
                })
            }
        };
        mark_chars.push(c);
        mark_strs.push(s.to_string());
        Ok(c)
    };
    for p in &quotes.pair {
        let open = id(&p.open)?;
        let close = p.close.iter().map(|c| id(c)).collect::<Result<Vec<_>>>()?;
        pairs.push((open, close));
    }
    // (The longest mark wins where one starts another.)
    let marks = AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&mark_strs)
        .map_err(|e| Error::PatternSyntax {
            path: files.path("quotes.toml"),
            line: 0,
            message: e.to_string(),
        })?;
    Ok(QuoteRules {
        max_quote_bytes: quotes.max_quote_chars,
        pairs,
        marks,
        mark_chars,
        mark_strs,
        scare_before: quotes
            .scare_before
            .iter()
            .map(|s| s.to_lowercase())
            .collect(),
        scare_before_words: quotes
            .scare_before
            .iter()
            .map(|s| s.split(' ').count())
            .max()
            .unwrap_or(0),
        nickname_max_words: quotes.nickname_max_words,
        work_title_after: quotes.work_title_after.clone(),
        work_title_max_words: quotes.work_title_max_words,
    })
}

/// The rules of `cues.toml`, in file order, with their examples added to `examples`.
fn compile_rules(
    cues: RawCues,
    classes: &super::words::PendingWordClasses,
    files: &PatternFiles,
    examples: &mut Vec<Example>,
) -> Result<Vec<CueRule>> {
    let text = files.get("cues.toml");
    let mut rules = Vec::new();
    // The rules' regexes are built up front, on as many threads as there are cores (they are
    // most of the start-up time); errors are still reported in file order below.
    let expansions: Vec<std::result::Result<String, String>> = cues
        .rule
        .iter()
        .map(|r| expand(&r.get_ref().regex, &cues.define, classes, 0))
        .collect();
    let mut built = build_rule_regexes(&expansions).into_iter();
    let cue_lines = LineIndex::new(text);
    for (spanned, expanded) in cues.rule.into_iter().zip(expansions) {
        let (regex, search) = built.next().expect("one per rule");
        let line = cue_lines.line(spanned.span().start);
        let raw = spanned.into_inner();
        let err = |message: String| Error::PatternSyntax {
            path: files.path("cues.toml"),
            line,
            message: format!("rule {}: {message}", raw.id),
        };
        let at = match raw.at.as_str() {
            "after-quote" => Position::AfterQuote,
            "before-quote" => Position::BeforeQuote,
            "previous-paragraph" => Position::PreviousParagraph,
            "previous-sentence" => Position::PreviousSentence,
            "quote-start" => Position::QuoteStart,
            "next-paragraph" => Position::NextParagraph,
            other => {
                return Err(err(format!(
                    "`at` is {other:?}; expected after-quote, before-quote, previous-sentence, previous-paragraph, quote-start or next-paragraph"
                )))
            }
        };
        let expanded = expanded.map_err(err)?;
        let method = Method::from_name(&raw.method).ok_or_else(|| {
            let names: Vec<&str> = Method::ALL.iter().map(|m| m.as_str()).collect();
            err(format!(
                "`method` is {:?}; expected one of {}",
                raw.method,
                names.join(", ")
            ))
        })?;
        // A rule with a search has both groups (`RuleSearch::new` checks them); its regex is
        // compiled on first use.
        let regex = match (regex, &search) {
            (_, Some(_)) => std::sync::OnceLock::new(),
            (regex, None) => {
                let regex = regex.expect("built for every expanded rule").map_err(|e| {
                    Error::PatternRegex {
                        path: files.path("cues.toml"),
                        line,
                        rule_id: raw.id.clone(),
                        source: Box::new(e),
                    }
                })?;
                for group in ["speaker", "cue"] {
                    if !regex.capture_names().any(|n| n == Some(group)) {
                        return Err(err(format!("the regex has no group named `{group}`")));
                    }
                }
                std::sync::OnceLock::from(regex)
            }
        };
        if raw.examples.is_empty() || raw.counterexamples.is_empty() {
            return Err(err(
                "every rule needs at least one example and one counterexample".into(),
            ));
        }
        collect_examples(
            &cue_lines,
            "cues.toml",
            &raw.id,
            raw.examples,
            raw.counterexamples,
            examples,
        );
        let index = rules.len();
        let search = search.map(|mut s| {
            s.cache_slot = rules
                .iter()
                .position(|r: &CueRule| r.search.is_some() && r.pattern == expanded)
                .unwrap_or(index);
            s
        });
        rules.push(CueRule {
            id: raw.id,
            at,
            method,
            pattern: expanded,
            regex,
            search,
            fallback: raw.fallback,
            last: raw.last,
        });
    }
    Ok(rules)
}

/// The title-comparison examples of `consistency.toml`, with where each is written.
fn title_examples(
    examples: Vec<toml::Spanned<RawTitleExample>>,
    files: &PatternFiles,
) -> Vec<(ExampleSource, RawTitleExample)> {
    let lines = LineIndex::new(files.get("consistency.toml"));
    examples
        .into_iter()
        .enumerate()
        .map(|(i, s)| {
            let src = ExampleSource {
                file: "consistency.toml".into(),
                line: lines.line(s.span().start),
                rule_id: "consistency".into(),
                index: i + 1,
            };
            (src, s.into_inner())
        })
        .collect()
}

/// A word list of `Key|Value` lines, as a map.
fn pairs(files: &PatternFiles, rel: &str) -> Result<HashMap<String, String>> {
    Ok(files
        .lexicon(rel)?
        .into_iter()
        .filter_map(|(_, l)| {
            l.split_once('|')
                .map(|(a, b)| (a.to_string(), b.to_string()))
        })
        .collect())
}

/// `consistency.toml`'s rules; a pair of groups naming a group that is not defined is an error.
fn comparison_rules(raw: RawComparison, files: &PatternFiles) -> Result<ComparisonRules> {
    for name in raw.held_together.iter().flatten() {
        if !raw.groups.contains_key(name) {
            return Err(Error::PatternSyntax {
                path: files.path("consistency.toml"),
                line: 0,
                message: format!("held_together names the group {name:?}, which [groups] lacks"),
            });
        }
    }
    Ok(ComparisonRules {
        drop_words: Lexicon::new(raw.drop_words),
        former_words: Lexicon::new(raw.former_words),
        distinguishing_words: Lexicon::new(raw.distinguishing_words),
        seniority_words: Lexicon::new(raw.seniority_words),
        generic_org_words: Lexicon::new(raw.generic_org_words),
        history_words: Lexicon::new(raw.history_words),
        ranks: Lexicon::new(raw.ranks),
        courtesy_titles: Lexicon::new(raw.courtesy_titles),
        candidacies: Lexicon::new(raw.candidacies),
        bodies_chaired_at_once: Lexicon::new(raw.bodies_chaired_at_once),
        exclusive: raw.exclusive,
        held_with_any: raw.held_with_any,
        posts_between_places: raw.posts_between_places,
        groups: raw.groups.into_iter().collect(),
        held_together: raw.held_together.into_iter().map(|[a, b]| (a, b)).collect(),
    })
}

/// `lexicon/pronouns.txt`: pronoun → class.
fn compile_pronouns(files: &PatternFiles) -> Result<HashMap<String, PronounClass>> {
    let mut pronouns = HashMap::new();
    for (line, entry) in files.lexicon("lexicon/pronouns.txt")? {
        let mut it = entry.split(' ');
        let (word, class) = (it.next().unwrap_or(""), it.next().unwrap_or(""));
        let class = match class {
            "male" => PronounClass::Male,
            "female" => PronounClass::Female,
            "plural" => PronounClass::Plural,
            "neuter" => PronounClass::Neuter,
            "first" => PronounClass::First,
            _ => {
                return Err(Error::PatternSyntax {
                    path: files.path("lexicon/pronouns.txt"),
                    line,
                    message: format!("unknown pronoun class {class:?}"),
                })
            }
        };
        pronouns.insert(word.to_lowercase(), class);
    }
    Ok(pronouns)
}

fn collect_examples(
    lines: &LineIndex,
    file: &str,
    rule_id: &str,
    positive: Vec<toml::Spanned<Example>>,
    negative: Vec<toml::Spanned<RawCounter>>,
    out: &mut Vec<Example>,
) {
    let all = positive
        .into_iter()
        .map(|s| (s.span().start, s.into_inner()))
        .chain(
            negative
                .into_iter()
                .map(|s| (s.span().start, s.into_inner().into_example())),
        );
    for (i, (start, mut ex)) in all.enumerate() {
        ex.source = Some(ExampleSource {
            file: file.to_string(),
            line: lines.line(start),
            rule_id: rule_id.to_string(),
            index: i + 1,
        });
        out.push(ex);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_set_compiles() {
        let set = PatternSet::embedded().unwrap();
        assert!(!set.rules.is_empty());
        assert!(set.speech_verbs.contains("said"));
    }
}
