//! Scoring against gold annotations: the measures of `tools/score.py`, computed the same way.
//!
//! In: gold quotes (JSON Lines: `article`, `start`, `end` as code-point offsets, `quote`, `kind`,
//! `speaker`, `title`, `affiliation`), the predicted [`QuoteRecord`]s, and the article texts.
//! Out: [`Scores`] (recall by kind, precision, speaker accuracy strict and lenient, title and
//! affiliation accuracy) and the list of [`EvalError`]s (misses, wrong speakers, spurious rows).
//!
//! The rules follow score.py exactly so the figures agree: a prediction matches a gold quote when
//! their spans overlap by at least half of the shorter one (the largest overlap wins); names are
//! compared after folding case, accents, hyphens, a leading "the", honorifics and initials;
//! "lenient" also accepts a name whose words contain the other's (or are contained in them and
//! keep the surname). A gold speaker is first cut to the name inside it ([`gold_name`]); one that
//! only describes ("the announcer") is counted as `direct_described` and left out of the
//! accuracies. Titles and affiliations match on word F1 >= 0.5 after abbreviations are written
//! out (`Sen.` = `senator`).

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::table::QuoteRecord;

/// One gold quotation.
#[derive(Clone, Debug, Deserialize)]
pub struct GoldQuote {
    /// The article's file name.
    pub article: String,
    /// Code-point offset of the inner text.
    pub start: usize,
    /// Code-point offset past the inner text.
    pub end: usize,
    /// The inner text.
    #[serde(default)]
    pub quote: String,
    /// `direct`, `partial` or `scare`.
    pub kind: String,
    /// The speaker's name.
    pub speaker: Option<String>,
    /// The speaker's title.
    #[serde(default)]
    pub title: Option<String>,
    /// The speaker's affiliation.
    #[serde(default)]
    pub affiliation: Option<String>,
}

/// A gold line that cannot be used: not JSON of the gold format, an unknown kind, or offsets
/// that do not make a span.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong with it.
    pub message: String,
}

/// Reads gold quotes from JSON Lines: every usable line, and a [`GoldError`] for each line that
/// is not (it costs that line only). Blank lines are skipped.
pub fn read_gold(text: &str) -> (Vec<(usize, GoldQuote)>, Vec<GoldError>) {
    let mut gold = Vec::new();
    let mut errors = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let err = |message: String| GoldError {
            line: i + 1,
            message,
        };
        match serde_json::from_str::<GoldQuote>(line) {
            Err(e) => errors.push(err(e.to_string())),
            Ok(g) if !matches!(g.kind.as_str(), "direct" | "partial" | "scare") => {
                errors.push(err(format!(
                    "unknown kind {:?} (direct, partial or scare)",
                    g.kind
                )))
            }
            Ok(g) if g.start > g.end => {
                errors.push(err(format!("start {} is after end {}", g.start, g.end)))
            }
            Ok(g) if g.end > i64::MAX as usize => {
                errors.push(err(format!("end {} is out of range", g.end)))
            }
            Ok(g) => gold.push((i + 1, g)),
        }
    }
    (gold, errors)
}

/// The figures, with the names score.py prints.
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct Scores {
    /// Articles in the gold file.
    pub articles: usize,
    /// Predicted rows in those articles.
    pub predicted_quotes: usize,
    /// Gold direct quotes.
    pub gold_direct: usize,
    /// Gold partial quotes.
    pub gold_partial: usize,
    /// Gold scare quotes.
    pub gold_scare: usize,
    /// Share of direct quotes found.
    pub direct_recall: Option<f64>,
    /// Share of partial quotes found.
    pub partial_recall: Option<f64>,
    /// Share of rows that match a gold quote and do not give a scare quote a speaker.
    pub precision: Option<f64>,
    /// Rows matching no gold quote.
    pub spurious: usize,
    /// Scare quotes given a speaker.
    pub scare_attributed: usize,
    /// Direct quotes whose gold speaker only describes ("the announcer", "one questioner"):
    /// left out of the speaker, title and affiliation accuracies.
    pub direct_described: usize,
    /// Direct quotes with exactly the gold speaker.
    pub direct_speaker_acc_strict: Option<f64>,
    /// Direct quotes with an acceptable speaker.
    pub direct_speaker_acc_lenient: Option<f64>,
    /// Partial quotes with an acceptable speaker.
    pub partial_speaker_acc_lenient: Option<f64>,
    /// Direct quotes with the gold title (word F1 >= 0.5).
    pub direct_title_acc: Option<f64>,
    /// Direct quotes with the gold affiliation (word F1 >= 0.5).
    pub direct_affiliation_acc: Option<f64>,
}

/// One miss, wrong speaker or spurious row.
#[derive(Clone, Debug)]
pub struct EvalError {
    /// `missed`, `wrong speaker`, `spurious`, `scare quote given a speaker`.
    pub kind: &'static str,
    /// The article.
    pub article: String,
    /// The gold speaker.
    pub gold_speaker: Option<String>,
    /// The gold quote.
    pub gold_quote: String,
    /// The predicted row.
    pub predicted: Option<QuoteRecord>,
    /// Byte offset in the article, for context.
    pub at: usize,
}

const STOP: &[&str] = &[
    "the", "a", "an", "of", "at", "for", "in", "on", "and", "to", "'s", "’s",
];
const HONORIFICS: &[&str] = &[
    "mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "lord", "lady", "prof", "rev", "sen",
    "rep", "gov",
];
/// First words of a gold speaker that describes rather than names ("the announcer", "one
/// questioner", "The Republican nominee"): such a speaker is counted apart, not matched.
const DESCRIBERS: &[&str] = &[
    "the", "a", "an", "one", "his", "her", "their", "its", "our", "several", "some", "two",
    "three", "many", "other", "another", "both", "said", "says",
];
/// Title words written short in articles and long in annotations (and the other way round).
const TITLE_ABBREV: &[(&str, &str)] = &[
    ("sen", "senator"),
    ("sens", "senators"),
    ("rep", "representative"),
    ("reps", "representatives"),
    ("gov", "governor"),
    ("lt", "lieutenant"),
    ("gen", "general"),
    ("col", "colonel"),
    ("maj", "major"),
    ("sgt", "sergeant"),
    ("capt", "captain"),
    ("adm", "admiral"),
    ("pres", "president"),
    ("supt", "superintendent"),
    ("atty", "attorney"),
    ("asst", "assistant"),
    ("dept", "department"),
    ("govt", "government"),
    ("amb", "ambassador"),
];

fn fold(s: &str) -> String {
    // (score.py: NFKD, combining marks dropped; no more, so that the figures agree.)
    let s: String = s
        .chars()
        .flat_map(crate::speaker::without_accents)
        .collect::<String>()
        .to_lowercase();
    // score.py: re.sub(r"[’']s\b", "", s)
    let chars: Vec<char> = s.chars().collect();
    let mut t = String::with_capacity(s.len());
    let mut i = 0;
    while i < chars.len() {
        if (chars[i] == '’' || chars[i] == '\'')
            && chars.get(i + 1) == Some(&'s')
            && !chars
                .get(i + 2)
                .is_some_and(|c| c.is_alphanumeric() || *c == '_')
        {
            i += 2;
            continue;
        }
        t.push(chars[i]);
        i += 1;
    }
    let mut out = String::with_capacity(t.len());
    for c in t.chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if !out.ends_with(' ') {
            out.push(' ');
        }
    }
    out.trim().to_string()
}

fn words(s: &str) -> Vec<String> {
    fold(s)
        .split(' ')
        .filter(|w| !w.is_empty() && !STOP.contains(w))
        .map(str::to_string)
        .collect()
}

/// Words of a title or affiliation, abbreviations written out ("Sen." = "senator").
fn title_words(s: &str) -> Vec<String> {
    words(s)
        .into_iter()
        .map(
            |w| match TITLE_ABBREV.iter().find(|(short, _)| *short == w) {
                Some((_, long)) => (*long).to_string(),
                None => w,
            },
        )
        .collect()
}

/// The name inside a gold speaker annotation (score.py's `gold_name`): "Patrick McGinley, a law
/// professor at X" is "Patrick McGinley"; "Gov. Earl Ray Tomblin of West Virginia" is "Gov. Earl
/// Ray Tomblin"; "His former business partner at Lenox, Lawrence B. Cummings," is "Lawrence B.
/// Cummings". `None` when the annotation only describes the speaker.
pub fn gold_name(speaker: &str) -> Option<&str> {
    for part in speaker.split(',').map(str::trim) {
        let part = cut_at_of(part);
        let Some(first) = part.split_whitespace().next() else {
            continue;
        };
        let lower = first.to_lowercase();
        if DESCRIBERS.contains(&lower.trim_matches('.'))
            || !first.chars().next().is_some_and(char::is_uppercase)
        {
            continue;
        }
        return Some(part);
    }
    None
}

/// `part` up to its first " of " (score.py: `re.split(r"\s+of\s+", part)[0]`: the word "of",
/// lowercase, with white space on both sides).
fn cut_at_of(part: &str) -> &str {
    let mut from = 0;
    while let Some(i) = part[from..].find("of").map(|i| i + from) {
        let before = part[..i].chars().next_back();
        let after = part[i + 2..].chars().next();
        if before.is_some_and(char::is_whitespace) && after.is_some_and(char::is_whitespace) {
            return part[..i].trim_end();
        }
        from = i + 2;
    }
    part
}

fn name_words(s: &str) -> Vec<String> {
    words(s)
        .into_iter()
        .filter(|w| !HONORIFICS.contains(&w.as_str()) && w.chars().count() > 1)
        .collect()
}

/// Whether `pred` names the gold speaker (score.py's `speaker_ok`).
pub fn speaker_ok(pred: &str, gold: &str, strict: bool) -> bool {
    let (p, g) = (name_words(pred), name_words(gold));
    if p.is_empty() || g.is_empty() {
        return false;
    }
    if p == g {
        return true;
    }
    if strict {
        return false;
    }
    let sp: HashSet<&String> = p.iter().collect();
    let sg: HashSet<&String> = g.iter().collect();
    sg.is_subset(&sp) || (sp.is_subset(&sg) && sp.contains(&g[g.len() - 1]))
}

fn overlap_ok(pred: &str, gold: &str) -> bool {
    let p: HashSet<String> = title_words(pred).into_iter().collect();
    let g: HashSet<String> = title_words(gold).into_iter().collect();
    if p.is_empty() || g.is_empty() {
        return false;
    }
    let inter = p.intersection(&g).count();
    if inter == 0 {
        return false;
    }
    let (prec, rec) = (inter as f64 / p.len() as f64, inter as f64 / g.len() as f64);
    2.0 * prec * rec / (prec + rec) >= 0.5
}

fn ratio(a: usize, b: usize) -> Option<f64> {
    (b > 0).then(|| (a as f64 / b as f64 * 10000.0).round() / 10000.0)
}

/// Predicted rows by article: (code-point start, code-point end, row).
type ByArticle<'a> = BTreeMap<&'a str, Vec<(i64, i64, &'a QuoteRecord)>>;

/// The predicted rows of the gold articles (matched on the file name), with their offsets as
/// code points (-1 where a byte offset is not a character's start).
fn predictions_by_article<'a>(
    arts: &HashSet<&'a str>,
    predicted: &'a [QuoteRecord],
    texts: &HashMap<String, String>,
) -> ByArticle<'a> {
    // byte offset → code-point offset, per article.
    let maps: HashMap<&str, HashMap<usize, usize>> = arts
        .iter()
        .map(|a| {
            let t = texts.get(*a).map(String::as_str).unwrap_or("");
            let mut m: HashMap<usize, usize> = t
                .char_indices()
                .enumerate()
                .map(|(i, (b, _))| (b, i))
                .collect();
            m.insert(t.len(), t.chars().count());
            (*a, m)
        })
        .collect();
    // Predictions per article: (char start, char end, row).
    let mut preds: BTreeMap<&str, Vec<(i64, i64, &QuoteRecord)>> = BTreeMap::new();
    for r in predicted {
        let base = r.article.rsplit('/').next().unwrap_or(&r.article);
        let Some(a) = arts.get(base) else { continue };
        let m = &maps[a];
        let s = m.get(&r.start).map_or(-1, |&v| v as i64);
        let e = m.get(&r.end).map_or(-1, |&v| v as i64);
        preds.entry(a).or_default().push((s, e, r));
    }
    preds
}

/// Scores `predicted` against `gold`; `texts` maps an article's file name to its text.
pub fn score(
    gold: &[GoldQuote],
    predicted: &[QuoteRecord],
    texts: &HashMap<String, String>,
) -> (Scores, Vec<EvalError>) {
    let arts: HashSet<&str> = gold.iter().map(|g| g.article.as_str()).collect();
    let preds = predictions_by_article(&arts, predicted, texts);
    let mut st: HashMap<String, usize> = HashMap::new();
    let mut inc = |k: String| *st.entry(k).or_default() += 1;
    let mut errors = Vec::new();
    let mut matched: HashSet<*const QuoteRecord> = HashSet::new();
    for g in gold {
        let best = best_match(g, preds.get(g.article.as_str()).map_or(&[], Vec::as_slice));
        if let Some(p) = best {
            matched.insert(p as *const _);
        }
        let k = g.kind.as_str();
        inc(format!("{k}_gold"));
        if best.is_some() {
            inc(format!("{k}_found"));
        }
        let at = texts.get(&g.article).map_or(0, |t| {
            t.char_indices().nth(g.start).map_or(t.len(), |(b, _)| b)
        });
        let err = |kind: &'static str, p: Option<&QuoteRecord>| EvalError {
            kind,
            article: g.article.clone(),
            gold_speaker: g.speaker.clone(),
            gold_quote: g.quote.clone(),
            predicted: p.cloned(),
            at,
        };
        if k == "scare" {
            if best.is_some_and(|p| !p.speaker.trim().is_empty()) {
                inc("scare_attributed".into());
                errors.push(err("scare quote given a speaker", best));
            }
            continue;
        }
        let gold_speaker = g.speaker.as_deref().filter(|s| !s.is_empty());
        let gname = gold_speaker.and_then(gold_name);
        if gold_speaker.is_some() && gname.is_none() {
            inc(format!("{k}_described"));
            if best.is_none() {
                errors.push(err("missed", None));
            }
        } else if let Some(gsp) = gname {
            inc(format!("{k}_named"));
            let ps = best.map_or("", |p| p.speaker.as_str());
            for (mode, strict) in [("strict", true), ("lenient", false)] {
                if best.is_some() && speaker_ok(ps, gsp, strict) {
                    inc(format!("{k}_speaker_{mode}"));
                }
            }
            if best.is_none() {
                errors.push(err("missed", None));
            } else if !speaker_ok(ps, gsp, false) {
                errors.push(err("wrong speaker", best));
            }
        } else if best.is_none() {
            errors.push(err("missed", None));
        }
        if k == "direct" && gname.is_some() {
            if let Some(t) = g.title.as_deref().filter(|t| !t.is_empty()) {
                inc("direct_titled".into());
                if best.is_some_and(|p| overlap_ok(&p.title, t)) {
                    inc("direct_title_ok".into());
                }
            }
            if let Some(a) = g.affiliation.as_deref().filter(|a| !a.is_empty()) {
                inc("direct_affiliated".into());
                if best.is_some_and(|p| overlap_ok(&p.affiliation, a)) {
                    inc("direct_affiliation_ok".into());
                }
            }
        }
    }
    let n_pred: usize = preds.values().map(Vec::len).sum();
    let spurious = spurious_rows(&preds, &matched, &mut errors);
    (summarise(&st, arts.len(), n_pred, spurious), errors)
}

/// The predicted row that matches gold quote `g` best: their spans overlap by at least half of
/// the shorter one, the largest overlap winning (the first of equals).
fn best_match<'a>(g: &GoldQuote, preds: &[(i64, i64, &'a QuoteRecord)]) -> Option<&'a QuoteRecord> {
    let (gs, ge) = (g.start as i64, g.end as i64);
    let mut best: Option<&QuoteRecord> = None;
    let mut best_ov = 0i64;
    for &(s, e, r) in preds {
        if s < 0 {
            continue;
        }
        let ov = e.min(ge) - s.max(gs);
        let shorter = 1.max((e - s).min(ge - gs));
        if ov as f64 >= shorter as f64 / 2.0 && ov > best_ov {
            best = Some(r);
            best_ov = ov;
        }
    }
    best
}

/// The rows that match no gold quote, each added to `errors`; their number.
fn spurious_rows(
    preds: &ByArticle,
    matched: &HashSet<*const QuoteRecord>,
    errors: &mut Vec<EvalError>,
) -> usize {
    let mut spurious = 0;
    for v in preds.values() {
        for &(_, _, r) in v {
            if !matched.contains(&(r as *const _)) {
                spurious += 1;
                errors.push(EvalError {
                    kind: "spurious",
                    article: r.article.clone(),
                    gold_speaker: None,
                    gold_quote: String::new(),
                    predicted: Some(r.clone()),
                    at: r.start,
                });
            }
        }
    }
    spurious
}

/// The figures from the counts.
fn summarise(
    st: &HashMap<String, usize>,
    articles: usize,
    n_pred: usize,
    spurious: usize,
) -> Scores {
    let g = |k: &str| st.get(k).copied().unwrap_or(0);
    Scores {
        articles,
        predicted_quotes: n_pred,
        gold_direct: g("direct_gold"),
        gold_partial: g("partial_gold"),
        gold_scare: g("scare_gold"),
        direct_recall: ratio(g("direct_found"), g("direct_gold")),
        partial_recall: ratio(g("partial_found"), g("partial_gold")),
        precision: (n_pred > 0).then(|| {
            ((n_pred - spurious - g("scare_attributed")) as f64 / n_pred as f64 * 10000.0).round()
                / 10000.0
        }),
        spurious,
        scare_attributed: g("scare_attributed"),
        direct_described: g("direct_described"),
        direct_speaker_acc_strict: ratio(g("direct_speaker_strict"), g("direct_named")),
        direct_speaker_acc_lenient: ratio(g("direct_speaker_lenient"), g("direct_named")),
        partial_speaker_acc_lenient: ratio(g("partial_speaker_lenient"), g("partial_named")),
        direct_title_acc: ratio(g("direct_title_ok"), g("direct_titled")),
        direct_affiliation_acc: ratio(g("direct_affiliation_ok"), g("direct_affiliated")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_fold_like_score_py() {
        assert!(speaker_ok("Donald Trump", "Trump", false));
        assert!(!speaker_ok("Donald Trump", "Trump", true));
        assert!(speaker_ok("Dr. José Álvarez", "Jose Alvarez", true));
        assert!(speaker_ok("Donald J. Trump", "Donald Trump", true));
        assert!(!speaker_ok("", "Trump", false));
        assert_eq!(fold("Trump’s team"), "trump team");
    }

    #[test]
    fn gold_names_cut_like_score_py() {
        let cases = [
            (
                "Patrick McGinley, a law professor at West Virginia University",
                Some("Patrick McGinley"),
            ),
            (
                "Gov. Earl Ray Tomblin of West Virginia",
                Some("Gov. Earl Ray Tomblin"),
            ),
            (
                "His former business partner at Lenox, Lawrence B. Cummings,",
                Some("Lawrence B. Cummings"),
            ),
            ("the announcer", None),
            ("The Republican nominee", None),
            ("one questioner", None),
            ("said", None),
            (
                "Sen. Chuck Schumer  of New York",
                Some("Sen. Chuck Schumer"),
            ),
            ("Professor Jones", Some("Professor Jones")),
            ("Ted Cruz", Some("Ted Cruz")),
            ("officials", None),
            ("", None),
        ];
        for (gold, want) in cases {
            assert_eq!(gold_name(gold), want, "{gold:?}");
        }
    }

    #[test]
    fn titles_compare_with_abbreviations_written_out() {
        assert!(overlap_ok("Sen.", "senator"));
        assert!(overlap_ok("Lt. Gen.", "lieutenant general"));
        assert!(overlap_ok("Gov.", "Governor"));
        assert!(!overlap_ok("Rep.", "senator"));
    }
}
