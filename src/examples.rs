//! The example runner: every example and counterexample written in the pattern files, checked
//! through the whole pipeline.
//!
//! In: a [`PatternSet`]. Out: a [`Report`] with one [`Failure`] per broken example, saying where
//! the example is written, what was expected and what saywho found. Each example runs twice: alone,
//! and after a prefix paragraph, which proves that offsets are computed from the article start.
//! An example written under a rule must be answered by that rule (the row's `rule` column), unless
//! it names the rule that answers it (`rule = "…"`): a rule whose examples another rule answers
//! may be dead and would still pass. The title-comparison examples of `consistency.toml` run
//! through [`crate::consistency::compare_example`]. `saywho patterns test` and the `pattern_examples` test
//! both use it.
//!
//! It sits above the pipeline it drives (the pattern set below knows nothing of it).

use crate::article::Article;
use crate::pattern::{Example, PatternSet};
use crate::pipeline::Extractor;
use crate::table::QuoteRecord;

/// The paragraph put before each example on its second run.
const PREFIX: &str = "An unrelated opening paragraph, with no quotes in it.\n\n";

/// One example that did not give what it expects.
#[derive(Clone, Debug)]
pub struct Failure {
    /// `cues.toml:12 cue.after.verb-mention example 1`.
    pub location: String,
    /// The example's text.
    pub text: String,
    /// What was expected and what was found.
    pub message: String,
}

/// The result of running the examples.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// Examples that passed.
    pub passed: usize,
    /// Examples that failed.
    pub failures: Vec<Failure>,
    /// Known misses (`todo = true`) that still miss.
    pub todo: Vec<Failure>,
    /// Known misses that now pass (their `todo` can go).
    pub fixed_todo: Vec<String>,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {}\n    text: {}",
            self.location,
            self.message,
            self.text.replace('\n', "\n          ")
        )
    }
}

/// Runs every example whose location contains one of `filter`'s words (all when empty; a word
/// starting with `-` excludes), then the title-comparison examples.
pub fn run(patterns: &PatternSet, filter: &[String]) -> Report {
    let ex = Extractor::new(patterns);
    let mut report = Report::default();
    for example in &patterns.examples {
        let src = example.source.as_ref();
        let location = src.map_or_else(String::new, |s| {
            let kind = if example.negative {
                "counterexample"
            } else {
                "example"
            };
            format!("{}:{} {} {} {}", s.file, s.line, s.rule_id, kind, s.index)
        });
        if !selected(&location, filter) {
            continue;
        }
        let own_rule = src
            .filter(|s| s.file == "cues.toml")
            .map(|s| s.rule_id.as_str());
        let mut problem = check_one(&ex, example, "", own_rule);
        if problem.is_none() {
            problem = check_one(&ex, example, PREFIX, own_rule)
                .map(|m| format!("{m} (only after a prefix paragraph: an offset bug)"));
        }
        match (problem, example.todo) {
            (None, false) => report.passed += 1,
            (None, true) => report.fixed_todo.push(location),
            (Some(message), todo) => {
                let f = Failure {
                    location,
                    text: example.text.clone(),
                    message,
                };
                if todo {
                    report.todo.push(f);
                } else {
                    report.failures.push(f);
                }
            }
        }
    }
    for (src, ex) in &patterns.title_examples {
        let location = format!(
            "{}:{} {} example {}",
            src.file, src.line, src.rule_id, src.index
        );
        if !selected(&location, filter) {
            continue;
        }
        let (v, why) = crate::consistency::compare_example(ex, patterns);
        if v.as_str() == ex.verdict {
            report.passed += 1;
        } else {
            report.failures.push(Failure {
                location,
                text: format!("{:?} vs {:?}", ex.a, ex.b),
                message: format!("expected {}, got {} ({why})", ex.verdict, v.as_str()),
            });
        }
    }
    report
}

fn selected(location: &str, filter: &[String]) -> bool {
    let (neg, pos): (Vec<&String>, Vec<&String>) = filter.iter().partition(|f| f.starts_with('-'));
    if neg.iter().any(|n| location.contains(&n[1..])) {
        return false;
    }
    pos.is_empty() || pos.iter().any(|p| location.contains(p.as_str()))
}

/// Checks one example; `None` when it passes, else what went wrong. `own_rule` is the rule the
/// example is written under (for `cues.toml`): the row must come from it, or from the rule the
/// example names.
fn check_one(
    ex: &Extractor,
    example: &Example,
    prefix: &str,
    own_rule: Option<&str>,
) -> Option<String> {
    let text = format!("{prefix}{}", example.text);
    let rows = ex
        .extract(&Article::from_text("example", text.clone()))
        .records;
    for r in &rows {
        if text.get(r.start..r.end) != Some(r.quote.as_str()) {
            return Some(format!(
                "row {:?} does not slice back to its offsets {}..{}",
                r.quote, r.start, r.end
            ));
        }
    }
    if let Some(n) = example.quotes {
        if rows.len() != n {
            let found: Vec<&str> = rows.iter().map(|r| r.quote.as_str()).collect();
            return Some(format!(
                "expected {n} quotes, got {}: {found:?}",
                rows.len()
            ));
        }
    }
    let target: Option<&QuoteRecord> = match &example.quote {
        Some(q) => {
            let Some(start) = example.text.find(q.as_str()) else {
                return Some(format!("the expected quote {q:?} is not in the text"));
            };
            let want = prefix.len() + start;
            match rows.iter().find(|r| r.start == want && r.quote == *q) {
                Some(r) => Some(r),
                None if example.negative => None,
                None => {
                    let found: Vec<&str> = rows.iter().map(|r| r.quote.as_str()).collect();
                    return Some(format!("expected quote {q:?}, found quotes {found:?}"));
                }
            }
        }
        None => rows.first(),
    };
    if example.negative {
        let bad: Vec<&QuoteRecord> = match (&example.quote, target) {
            (Some(_), Some(r)) => vec![r],
            (Some(_), None) => vec![],
            (None, _) => rows.iter().collect(),
        };
        if let Some(r) = bad.iter().find(|r| !r.speaker.is_empty()) {
            return Some(format!(
                "expected no speaker for {:?}, got {:?} (rule {})",
                r.quote, r.speaker, r.rule
            ));
        }
        return None;
    }
    let wants_fields = example.speaker.is_some()
        || example.title.is_some()
        || example.affiliation.is_some()
        || example.party.is_some()
        || example.status.is_some()
        || example.title_at.is_some()
        || example.cue.is_some()
        || example.kind.is_some()
        || example.method.is_some();
    let Some(r) = target else {
        return wants_fields.then(|| "expected a quote, found none".to_string());
    };
    let method = r.method.map_or("", crate::pattern::Method::as_str);
    let title_at = match (r.title_start, r.title_end) {
        (Some(s), Some(e)) => text.get(s..e).unwrap_or(""),
        _ => "",
    };
    let checks: [(&str, &Option<String>, &str); 9] = [
        ("speaker", &example.speaker, &r.speaker),
        ("title_at", &example.title_at, title_at),
        ("title", &example.title, &r.title),
        ("affiliation", &example.affiliation, &r.affiliation),
        ("party", &example.party, &r.party),
        ("status", &example.status, &r.status),
        ("cue", &example.cue, &r.cue),
        ("kind", &example.kind, r.kind.as_str()),
        ("method", &example.method, method),
    ];
    let mut wrong = Vec::new();
    for (field, want, got) in checks {
        if let Some(w) = want {
            if w != got {
                wrong.push(format!("expected {field} {w:?}, got {got:?}"));
            }
        }
    }
    // The rule that answered: the one named, else the one the example is written under.
    if let Some(rule) = example.rule.as_deref().or(own_rule) {
        if wants_fields && r.rule != rule {
            wrong.push(format!(
                "expected rule {rule:?} to answer, got {:?} (name it with `rule = \"{}\"` if \
                 that is right)",
                r.rule, r.rule
            ));
        }
    }
    if wrong.is_empty() {
        None
    } else {
        Some(format!(
            "{} (quote {:?}, rule {:?})",
            wrong.join("; "),
            r.quote,
            r.rule
        ))
    }
}
