//! Attribution rules: a rule's `{placeholders}` expanded, its regex compiled, and the
//! helpers that find its matches fast ([`RuleSearch`]).
//!
//! In: a rule's regex template, the `[define]`s of `cues.toml` and the word classes of the lexicons.
//! Out: a [`CueRule`] (compiled by [`super::PatternSet::compile`]). Every problem is reported by the
//! caller with the rule's file and line.

use std::collections::BTreeMap;

use regex::Regex;

use super::words::PendingWordClasses;

/// Where an attribution rule looks, relative to the quote.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Position {
    /// The rest of the sentence after the closing mark; the rule is anchored there.
    AfterQuote,
    /// The sentence before the opening mark (back to the previous quote); the match nearest the
    /// quote wins.
    BeforeQuote,
    /// The last sentence of the previous paragraph, for a quote that opens its paragraph.
    PreviousParagraph,
    /// The sentence before, in the same paragraph, for a quote that opens its sentence.
    PreviousSentence,
    /// The first words inside the quote: a transcript's speaker label (`"PENCE: Well, …"`).
    QuoteStart,
    /// The first line of the next paragraph, for a quote that ends its paragraph: a signature
    /// (`“…” ¶ - Bernie Sanders.`); the rule is anchored there.
    NextParagraph,
}

/// How a quote's speaker was found: the `method` column. A rule names the method of the speaker
/// it captures (`method = "after-quote"` in `cues.toml`); the speaker stage names how it resolved
/// a mention that was not the name itself.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Method {
    /// `“…,” said NAME` / `“…,” NAME said`.
    AfterQuote,
    /// `NAME said the plan would “…”`.
    BeforeQuote,
    /// `NAME said:` before the quote, or ending the paragraph before.
    ColonIntro,
    /// `according to NAME`.
    AccordingTo,
    /// The subject of the sentence the quote is in.
    Subject,
    /// A transcript's speaker label (`PENCE: …`).
    Label,
    /// The quote continues an earlier one, or another piece of the same quote.
    Continuation,
    /// A pronoun resolved to its person.
    Pronoun,
    /// A surname resolved to the full name.
    Surname,
    /// `the president` resolved to the person given that title, or an organisation by its noun.
    Nominal,
    /// An unnamed source (`a senior official`): a title, no name.
    Unnamed,
}

impl Method {
    /// Every method, for messages.
    pub const ALL: [Method; 11] = [
        Method::AfterQuote,
        Method::BeforeQuote,
        Method::ColonIntro,
        Method::AccordingTo,
        Method::Subject,
        Method::Label,
        Method::Continuation,
        Method::Pronoun,
        Method::Surname,
        Method::Nominal,
        Method::Unnamed,
    ];

    /// The name in the output (`after-quote`).
    pub fn as_str(self) -> &'static str {
        match self {
            Method::AfterQuote => "after-quote",
            Method::BeforeQuote => "before-quote",
            Method::ColonIntro => "colon-intro",
            Method::AccordingTo => "according-to",
            Method::Subject => "subject",
            Method::Label => "label",
            Method::Continuation => "continuation",
            Method::Pronoun => "pronoun",
            Method::Surname => "surname",
            Method::Nominal => "nominal",
            Method::Unnamed => "unnamed",
        }
    }

    /// The method of that name.
    pub fn from_name(name: &str) -> Option<Method> {
        Method::ALL.into_iter().find(|m| m.as_str() == name)
    }
}

/// A compiled attribution rule.
#[derive(Clone, Debug)]
pub struct CueRule {
    /// Stable dotted id (`cue.after.verb-mention`), shown in the output's `rule` column.
    pub id: String,
    /// Where it looks.
    pub at: Position,
    /// The method reported when this rule names the speaker directly.
    pub method: Method,
    /// The expanded regex (lexicons and definitions filled in); it has the groups `speaker` and
    /// `cue`.
    pub pattern: String,
    /// `pattern` compiled, see [`CueRule::regex`].
    pub(crate) regex: std::sync::OnceLock<Regex>,
    /// Faster ways to find where `regex` matches ([`RuleSearch`]); `None` if they could not be
    /// built (then `regex` alone is used).
    pub search: Option<RuleSearch>,
    /// Tried only after continuation from an earlier quote found nothing.
    pub fallback: bool,
    /// Tried after every rule that is not `last`, whatever the quote.
    pub last: bool,
}

impl CueRule {
    /// The rule's regex, as a `regex::Regex`. The attribution only runs it for a rule without a
    /// [`RuleSearch`]; for the others it is compiled on first use (it is a large part of the
    /// start-up time and memory otherwise).
    pub fn regex(&self) -> &Regex {
        self.regex.get_or_init(|| {
            // `search.exact` was built from the same pattern with the same syntax and NFA size
            // limit, so this cannot fail.
            build_regex(&self.pattern).expect("a rule regex whose RuleSearch was built")
        })
    }

    /// The rule's regex if the attribution runs it (the rule has no [`RuleSearch`]).
    pub fn plain_regex(&self) -> Option<&Regex> {
        self.search.is_none().then(|| self.regex())
    }
}

/// Compiles a rule's expanded regex.
pub(crate) fn build_regex(pattern: &str) -> std::result::Result<Regex, regex::Error> {
    regex::RegexBuilder::new(pattern)
        .size_limit(32 << 20)
        .dfa_size_limit(4 << 20)
        .build()
}

/// Helpers that find where a rule's regex matches without running it over every position.
///
/// The rules' regexes are large (thousands of NFA states: the `{1,160}` repetitions and the
/// Unicode word boundaries of `{mention}` and `{between}`), and the lazy DFA cannot run them (it
/// gives up on Unicode word boundaries at the first non-ASCII byte, and counted repetitions make
/// it build a state per position), so every search runs on the slow NFA engines. A **relaxed**
/// regex — the same without word boundaries, with unbounded repetitions and no groups — matches
/// wherever the rule's regex does and runs on a small lazy DFA. It says cheaply that a context
/// has no match at all, and, run backwards, where a match could start; the rule's own regex then
/// only runs anchored at those starts.
#[derive(Clone, Debug)]
pub struct RuleSearch {
    /// The rule's regex (the same pattern and syntax as [`CueRule::regex`], so the same
    /// matches and groups) on the NFA engines only: the lazy DFA would give up at the first
    /// non-ASCII byte anyway (Unicode `\b`), after building states for nothing. Searches run
    /// anchored at the starts a [`Prefilter::Reverse`] finds, or over a bounded span.
    pub exact: regex_automata::meta::Regex,
    /// The group indexes of `speaker` and `cue` in `exact`.
    pub groups: (usize, usize),
    /// The regex has an end-of-text assertion (`$`, `\z`) somewhere.
    pub end_looks: bool,
    /// The first rule with the same regex (this rule's own index if none before has it): rules
    /// with one regex share its automata's caches.
    pub cache_slot: usize,
    /// The relaxed regex.
    pub prefilter: Prefilter,
    /// Every match of the relaxed regex starts at the start of the context (`^`): then the first
    /// bytes of a context can rule the rule out before the context is normalized (see
    /// [`crate::attribution`]).
    pub anchored: bool,
    /// The regex starts with its `speaker` group: every match's speaker starts where the match
    /// does.
    pub speaker_first: bool,
}

impl RuleSearch {
    /// Whether a match of `exact` found in all of `hay` and ending at `end` has the same groups as
    /// the same search over `hay[..end]` only (which is what the attribution has always used): the
    /// two can differ only through an assertion looking at `end`. None can when `end` is the end
    /// of `hay`; a word boundary sees the same at `end` when an ASCII non-word character follows
    /// (the end of text is not a word character either); an end-of-text assertion needs `end` to
    /// be the end of `hay`.
    pub fn same_groups_truncated(&self, hay: &str, end: usize) -> bool {
        match hay.as_bytes().get(end) {
            None => true,
            Some(&b) => {
                !self.end_looks && b.is_ascii() && !(b.is_ascii_alphanumeric() || b == b'_')
            }
        }
    }
}

/// How a rule's relaxed regex runs.
#[derive(Clone, Debug)]
pub enum Prefilter {
    /// Forward, for rules anchored at the context's start or starting with a literal.
    Forward(regex_automata::hybrid::dfa::DFA),
    /// Backwards from the context's end, with every match kept (`MatchKind::All`): over
    /// `start..` it reports the smallest position at or after `start` where a match of the
    /// relaxed regex — and so any match of the rule — can begin.
    Reverse(regex_automata::hybrid::dfa::DFA),
}

impl RuleSearch {
    /// The helpers of a rule's (expanded) regex, or `None` if one cannot be built.
    pub fn new(pattern: &str) -> Option<RuleSearch> {
        use regex_automata::{hybrid, meta, nfa::thompson, MatchKind};
        // Parsed once for the relaxed regex, the exact one and the look-around check.
        let parsed = parse(pattern)?;
        let hir = relax(parsed.clone());
        let props = hir.properties();
        let anchored = props
            .look_set_prefix()
            .contains(regex_syntax::hir::Look::Start);
        let forward = anchored || {
            let seq = regex_syntax::hir::literal::Extractor::new().extract(&hir);
            seq.is_finite() && seq.min_literal_len().is_some_and(|n| n >= 3)
        };
        // Backwards, only the starts matter: the cue's first item ends the relaxed regex.
        let hir = if forward {
            hir
        } else {
            relax(up_to_cue_start(parsed.clone()))
        };
        let nfa = thompson::Compiler::new()
            .configure(
                thompson::Config::new()
                    .reverse(!forward)
                    .shrink(!forward)
                    .nfa_size_limit(Some(32 << 20))
                    .which_captures(thompson::WhichCaptures::None),
            )
            .build_from_hir(&hir)
            .ok()?;
        // Every match kept: run backwards, the search goes on to the smallest start.
        let kind = if forward {
            MatchKind::LeftmostFirst
        } else {
            MatchKind::All
        };
        let dfa = hybrid::dfa::DFA::builder()
            .configure(
                // Each worker holds one cache per rule: 4 MB each keeps peak memory under
                // 100 MB at -j2 on the corpus given 4 times (8 MB: 104 MB, ~6 % faster).
                hybrid::dfa::Config::new()
                    .match_kind(kind)
                    .cache_capacity(4 << 20),
            )
            .build_from_nfa(nfa)
            .ok()?;
        let prefilter = if forward {
            Prefilter::Forward(dfa)
        } else {
            Prefilter::Reverse(dfa)
        };
        let exact = meta::Builder::new()
            .configure(
                meta::Config::new()
                    .nfa_size_limit(Some(32 << 20))
                    .match_kind(MatchKind::LeftmostFirst)
                    .utf8_empty(true)
                    .hybrid(false)
                    .dfa(false),
            )
            .build_from_hir(&parsed)
            .ok()?;
        let group = |name: &str| {
            exact
                .group_info()
                .to_index(regex_automata::PatternID::ZERO, name)
        };
        let groups = (group("speaker")?, group("cue")?);
        let speaker_first = {
            use regex_syntax::hir::HirKind;
            let first = match parsed.kind() {
                HirKind::Concat(hs) => hs.first(),
                _ => Some(&parsed),
            };
            first.is_some_and(|h| group_named(h, "speaker").is_some())
        };
        let end_looks = {
            use regex_syntax::hir::Look;
            let looks = parsed.properties().look_set();
            looks.contains(Look::End)
                || looks.contains(Look::EndLF)
                || looks.contains(Look::EndCRLF)
        };
        Some(RuleSearch {
            exact,
            groups,
            end_looks,
            cache_slot: 0,
            prefilter,
            anchored,
            speaker_first,
        })
    }
}

/// `pattern` made looser: it matches every haystack (and every span) that `pattern` matches. Word
/// boundaries are dropped, every bounded repetition is unbounded (`{1,160}` → `+`, `{0,6}` → `*`)
/// and capture groups are plain groups. `None` if `pattern` does not parse.
pub fn relaxed(pattern: &str) -> Option<regex_syntax::hir::Hir> {
    parse(pattern).map(relax)
}

/// A rule's expanded regex parsed, with the syntax `regex::Regex` uses (Unicode, UTF-8).
fn parse(pattern: &str) -> Option<regex_syntax::hir::Hir> {
    regex_syntax::ParserBuilder::new()
        .utf8(true)
        .build()
        .parse(pattern)
        .ok()
}

/// `h` itself if it is the capture group `name`.
fn group_named<'h>(
    h: &'h regex_syntax::hir::Hir,
    name: &str,
) -> Option<&'h regex_syntax::hir::Capture> {
    match h.kind() {
        regex_syntax::hir::HirKind::Capture(c) if c.name.as_deref() == Some(name) => Some(c),
        _ => None,
    }
}

/// `hir` without what follows the first item of its `cue` group, when that group ends it (`…
/// (?P<cue>{verb}{cue_tail})` → `… {verb}`) or is followed by an optional repetition of a class
/// that holds every character the rest of the group can match (`… (?P<cue>{verb}{cue_tail})
/// [^:“”".!?]{0,80}:` → `… {verb}[^:“”".!?]{0,80}:`, the same once relaxed to `*`); `hir` itself
/// otherwise. Every match of `hir` starts with a match of the result (of its relaxed form, in the
/// second case), so the two have the same possible starts, and the shorter regex makes a smaller
/// reverse DFA.
fn up_to_cue_start(hir: regex_syntax::hir::Hir) -> regex_syntax::hir::Hir {
    use regex_syntax::hir::{Class, Hir, HirKind};
    let HirKind::Concat(items) = hir.kind() else {
        return hir;
    };
    let Some((k, cue)) = items
        .iter()
        .enumerate()
        .find_map(|(k, h)| group_named(h, "cue").map(|c| (k, c)))
    else {
        return hir;
    };
    let HirKind::Concat(parts) = cue.sub.kind() else {
        return hir;
    };
    if parts.len() < 2 {
        return hir;
    }
    let absorbed = match items.get(k + 1).map(Hir::kind) {
        None => true,
        Some(HirKind::Repetition(r)) => match (r.min, r.sub.kind()) {
            (0, HirKind::Class(Class::Unicode(loop_class))) => parts[1..].iter().all(|p| {
                alphabet(p).is_some_and(|mut a| {
                    a.difference(loop_class);
                    a.ranges().is_empty()
                })
            }),
            _ => false,
        },
        Some(_) => false,
    };
    if !absorbed {
        return hir;
    }
    let mut out = items[..k].to_vec();
    out.push(parts[0].clone());
    out.extend(items[k + 1..].iter().cloned());
    Hir::concat(out)
}

/// Every character a match of `hir` can hold (look-arounds hold none); `None` for byte classes.
fn alphabet(hir: &regex_syntax::hir::Hir) -> Option<regex_syntax::hir::ClassUnicode> {
    use regex_syntax::hir::{Class, ClassUnicode, ClassUnicodeRange, HirKind};
    let mut set = ClassUnicode::empty();
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => {}
        HirKind::Literal(l) => {
            for c in std::str::from_utf8(&l.0).ok()?.chars() {
                set.push(ClassUnicodeRange::new(c, c));
            }
        }
        HirKind::Class(Class::Unicode(c)) => set.union(c),
        HirKind::Class(Class::Bytes(_)) => return None,
        HirKind::Repetition(r) => set = alphabet(&r.sub)?,
        HirKind::Capture(c) => set = alphabet(&c.sub)?,
        HirKind::Concat(v) | HirKind::Alternation(v) => {
            for h in v {
                set.union(&alphabet(h)?);
            }
        }
    }
    Some(set)
}

/// [`relaxed`] on a parsed regex.
fn relax(hir: regex_syntax::hir::Hir) -> regex_syntax::hir::Hir {
    use regex_syntax::hir::{
        Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind, Look, Repetition,
    };
    fn relax(h: Hir) -> Hir {
        match h.into_kind() {
            HirKind::Look(
                Look::WordAscii
                | Look::WordAsciiNegate
                | Look::WordUnicode
                | Look::WordUnicodeNegate
                | Look::WordStartAscii
                | Look::WordEndAscii
                | Look::WordStartUnicode
                | Look::WordEndUnicode
                | Look::WordStartHalfAscii
                | Look::WordEndHalfAscii
                | Look::WordStartHalfUnicode
                | Look::WordEndHalfUnicode,
            ) => Hir::empty(),
            HirKind::Look(l) => Hir::look(l),
            HirKind::Repetition(r) => {
                let (min, max) = match r.max {
                    Some(max) if max <= 1 => (r.min, Some(max)),
                    _ => (r.min.min(1), None),
                };
                Hir::repetition(Repetition {
                    min,
                    max,
                    greedy: r.greedy,
                    sub: Box::new(relax(*r.sub)),
                })
            }
            HirKind::Capture(c) => relax(*c.sub),
            HirKind::Concat(v) => Hir::concat(v.into_iter().map(relax).collect()),
            HirKind::Alternation(v) => Hir::alternation(v.into_iter().map(relax).collect()),
            HirKind::Empty => Hir::empty(),
            HirKind::Literal(l) => Hir::literal(l.0),
            HirKind::Class(Class::Unicode(c)) => Hir::class(Class::Unicode(coarse(c))),
            HirKind::Class(c) => Hir::class(c),
        }
    }
    // A class with its non-ASCII part, other than the word-class characters, widened to every
    // non-ASCII character: far fewer UTF-8 states, and the lazy DFA builds its states faster.
    fn coarse(c: ClassUnicode) -> ClassUnicode {
        let other = ClassUnicode::new([
            ClassUnicodeRange::new('\u{80}', '\u{D7FF}'),
            ClassUnicodeRange::new('\u{E100}', '\u{10FFFF}'),
        ]);
        let mut rest = c.clone();
        rest.intersect(&other);
        if rest.ranges().is_empty() {
            return c;
        }
        let mut out = c;
        out.union(&other);
        out
    }
    relax(hir)
}

/// A rule's [`RuleSearch`], or without one its compiled regex (or why it does not compile);
/// nothing for a rule whose expansion failed.
pub(crate) type BuiltRule = (
    Option<std::result::Result<Regex, regex::Error>>,
    Option<RuleSearch>,
);

/// Builds the regexes of every successfully expanded rule, spread over the machine's cores.
pub(crate) fn build_rule_regexes(
    expansions: &[std::result::Result<String, String>],
) -> Vec<BuiltRule> {
    let build = |e: &std::result::Result<String, String>| -> BuiltRule {
        let Ok(pattern) = e else {
            return (None, None);
        };
        // The regex is only needed now when the rule has no search helpers (or to report why
        // it does not compile); otherwise it is compiled on first use.
        match RuleSearch::new(pattern) {
            Some(search) => (None, Some(search)),
            None => (Some(build_regex(pattern)), None),
        }
    };
    // Rules with the same expansion share one build.
    let first: Vec<usize> = (0..expansions.len())
        .map(|i| {
            expansions[..i]
                .iter()
                .position(|e| *e == expansions[i])
                .unwrap_or(i)
        })
        .collect();
    let todo: Vec<usize> = (0..expansions.len()).filter(|&i| first[i] == i).collect();
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8)
        .min(todo.len());
    let mut out: Vec<Option<BuiltRule>> = (0..expansions.len()).map(|_| None).collect();
    if threads <= 1 {
        for &i in &todo {
            out[i] = Some(build(&expansions[i]));
        }
    } else {
        // Each thread takes the next rule to build: their costs differ widely.
        let next = std::sync::atomic::AtomicUsize::new(0);
        std::thread::scope(|scope| {
            let handles: Vec<_> = (0..threads)
                .map(|_| {
                    scope.spawn(|| {
                        let mut built = Vec::new();
                        loop {
                            let k = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                            let Some(&i) = todo.get(k) else {
                                return built;
                            };
                            built.push((i, build(&expansions[i])));
                        }
                    })
                })
                .collect();
            for h in handles {
                for (i, b) in h.join().expect("regex build thread") {
                    out[i] = Some(b);
                }
            }
        });
    }
    for i in 0..out.len() {
        if first[i] != i {
            out[i] = out[first[i]].clone();
        }
    }
    out.into_iter()
        .map(|b| b.expect("every rule built"))
        .collect()
}

/// Expands `{name}` (a `[define]` entry) and `{lexicon:file}` (a word list) in a rule's regex.
pub(crate) fn expand(
    template: &str,
    defines: &BTreeMap<String, String>,
    classes: &PendingWordClasses,
    depth: usize,
) -> std::result::Result<String, String> {
    if depth > 16 {
        return Err("placeholders nest more than 16 deep (a define refers to itself?)".into());
    }
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find('}');
        let key = close.map(|c| &after[..c]);
        let unicode_class = out.ends_with("\\p") || out.ends_with("\\P");
        let is_placeholder = !unicode_class
            && key.is_some_and(|k| {
                !k.is_empty()
                    && k.chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || c == ':')
                    && !k.chars().all(|c| c.is_ascii_digit() || c == ',')
            });
        match (key, is_placeholder) {
            (Some(k), true) => {
                if let Some(name) = k.strip_prefix("lexicon:") {
                    let class = classes
                        .class(name, false)
                        .ok_or_else(|| format!("unknown lexicon {{{k}}}"))?;
                    out.push_str(&class);
                } else if let Some(name) = k.strip_prefix("lexicon-ci:") {
                    let class = classes
                        .class(name, true)
                        .ok_or_else(|| format!("unknown lexicon {{{k}}}"))?;
                    out.push_str(&class);
                } else if k == "anylower" {
                    out.push_str(&classes.any(false));
                } else if k == "anycap" {
                    out.push_str(&classes.any(true));
                } else {
                    let def = defines
                        .get(k)
                        .ok_or_else(|| format!("unknown placeholder {{{k}}}"))?;
                    out.push_str(&format!(
                        "(?:{})",
                        expand(def, defines, classes, depth + 1)?
                    ));
                }
                rest = &after[k.len() + 1..];
            }
            _ => {
                // A regex repetition such as {0,5}: keep it.
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pattern::words::WordClasses;
    use crate::pattern::Lexicon;

    #[test]
    fn reverse_prefilters_end_at_the_cue_start_only_when_that_keeps_the_starts() {
        let cut = |p: &str| up_to_cue_start(parse(p).unwrap()).to_string();
        let same = |p: &str| parse(p).unwrap().to_string();
        let name = "(?P<speaker>[A-Z][a-z]+) ";
        // The cue ends the regex: its tail goes.
        let tail = "(?P<cue>said(?: to [a-z]+)?)";
        assert!(cut(&format!("{name}{tail}")) == same(&format!("{name}(?:said)")));
        // An optional repetition that holds every character of the tail absorbs it.
        assert!(
            cut(&format!("{name}{tail}[^:.]{{0,80}}:$"))
                == same(&format!("{name}(?:said)[^:.]{{0,80}}:$"))
        );
        // One that does not (the tail may hold a period), or a required one, does not.
        for kept in [
            format!("{name}(?P<cue>said(?: to [a-z.]+)?)[^:.]{{0,80}}:$"),
            format!("{name}{tail}[^:.]{{1,80}}:$"),
            format!("{name}{tail} now"),
        ] {
            assert!(cut(&kept) == same(&kept), "{kept}");
        }
    }

    #[test]
    fn expand_keeps_repetitions_and_fills_defines() {
        let mut d = BTreeMap::new();
        d.insert("w".to_string(), "a{1,2}".to_string());
        let l = Lexicon::for_tests(&["said"]);
        let c = WordClasses::start(&[("speech-verbs", &l)]).unwrap();
        assert_eq!(expand("x{w}y{3}", &d, &c, 0).unwrap(), "x(?:a{1,2})y{3}");
        assert!(expand("{nope}", &d, &c, 0).is_err());
        assert!(expand("{lexicon:speech-verbs}", &d, &c, 0)
            .unwrap()
            .starts_with('['));
    }
}
