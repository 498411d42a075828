//! When articles were written: the dates `check` compares to tell a change over time from a
//! conflict.
//!
//! In: a `--dates` table (CSV or TSV: an article column and a date column), rows' own `date`s.
//! Out: [`Dates`], looked up by an article's path, file name or file stem; [`apart_in_time`] for
//! two dates.

use std::collections::HashMap;

/// Articles whose dates lie at most this many days apart describe the same moment: a difference
/// between them is a conflict, not a change over time.
pub const SAME_TIME_DAYS: i64 = 31;

/// Article → date, by path, file name and file stem (a file name or stem two articles of
/// different dates share is left out: it would give one of them the wrong date).
#[derive(Clone, Debug, Default)]
pub struct Dates {
    exact: HashMap<String, String>,
    by_name: HashMap<String, Option<String>>,
}

impl Dates {
    /// Adds an article's date (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`).
    pub fn insert(&mut self, article: &str, date: &str) {
        self.exact.insert(article.to_string(), date.to_string());
        for key in [file_name(article), file_stem(article)] {
            self.by_name
                .entry(key.to_string())
                .and_modify(|d| {
                    if d.as_deref() != Some(date) {
                        *d = None;
                    }
                })
                .or_insert_with(|| Some(date.to_string()));
        }
    }

    /// The date of `article`: by its path as written, else its file name, else its stem.
    pub fn get(&self, article: &str) -> Option<&str> {
        self.exact
            .get(article)
            .or_else(|| {
                [file_name(article), file_stem(article)]
                    .iter()
                    .find_map(|k| self.by_name.get(*k).and_then(Option::as_ref))
            })
            .map(String::as_str)
    }

    /// Adds every date of `other` (its dates win).
    pub fn extend(&mut self, other: Dates) {
        for (article, date) in other.exact {
            self.insert(&article, &date);
        }
    }

    /// Whether no date was given.
    pub fn is_empty(&self) -> bool {
        self.exact.is_empty()
    }

    /// Reads a `--dates` table: CSV, or TSV when its first line holds a tab. With a header, the
    /// column named `date` (else the first whose name ends in `date`: `publication_date`) and
    /// one of `article`, `path`, `file`, `filename`, `id`, `name`; without one, the article then
    /// the date. Dates as [`crate::article::date_given`] reads them; a cell that says there is
    /// none (empty, `None`, `NA`) is left out. Returns the dates and what was wrong with the lines
    /// left out (a date that cannot be read), each naming its line; an error when the table
    /// itself cannot be read.
    pub fn read(text: &str) -> Result<(Dates, Vec<String>), String> {
        let delimiter = if text.lines().next().is_some_and(|l| l.contains('\t')) {
            b'\t'
        } else {
            b','
        };
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .delimiter(delimiter)
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(text.as_bytes());
        let mut dates = Dates::default();
        let mut problems = Vec::new();
        let (mut article_col, mut date_col) = (0, 1);
        for (i, row) in reader.records().enumerate() {
            let line = i + 1;
            let row = row.map_err(|e| format!("line {line}: {e}"))?;
            if row.iter().all(str::is_empty) || row.get(0).is_some_and(|c| c.starts_with('#')) {
                continue;
            }
            if i == 0 {
                let named = |names: &[&str]| {
                    row.iter()
                        .position(|c| names.iter().any(|n| c.eq_ignore_ascii_case(n)))
                };
                let dated = named(&["date"]).or_else(|| {
                    row.iter()
                        .position(|c| c.to_ascii_lowercase().ends_with("date"))
                });
                if let Some(d) = dated {
                    date_col = d;
                    article_col = named(&["article", "path", "file", "filename", "id", "name"])
                        .ok_or_else(|| {
                            "line 1: a header with a date column needs an article, path, file, \
                             id or name column"
                                .to_string()
                        })?;
                    continue;
                }
            }
            let (Some(article), Some(date)) = (row.get(article_col), row.get(date_col)) else {
                problems.push(format!("line {line}: expected an article and a date"));
                continue;
            };
            // A table's way of saying it has none.
            if ["", "none", "null", "na", "n/a", "-"]
                .iter()
                .any(|n| date.eq_ignore_ascii_case(n))
            {
                continue;
            }
            match crate::article::date_given(date) {
                Some(d) => dates.insert(article, &d),
                None => problems.push(format!("line {line}: not a date: {date:?}")),
            }
        }
        Ok((dates, problems))
    }
}

/// The file name of an article's path.
fn file_name(article: &str) -> &str {
    article.rsplit(['/', '\\']).next().unwrap_or(article)
}

/// The file name without its extension.
fn file_stem(article: &str) -> &str {
    let name = file_name(article);
    match name.rfind('.') {
        Some(i) if i > 0 => &name[..i],
        _ => name,
    }
}

/// The days from 0000-03-01 to `date` (`YYYY-MM-DD`; a month or a year alone counts as its first
/// day); `None` when it is not a date.
fn day_number(date: &str) -> Option<i64> {
    let mut parts = date.trim().splitn(3, '-');
    let y: i64 = parts.next()?.parse().ok()?;
    let m: i64 = parts.next().map_or(Ok(1), str::parse).ok()?;
    let d: i64 = parts
        .next()
        .map_or(Ok(1), |s| s.get(..2).unwrap_or(s).parse())
        .ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Days from a civil date (Howard Hinnant's algorithm).
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe)
}

/// Whether two articles' dates lie far enough apart for a description to have changed between
/// them (both must be known).
pub fn apart_in_time(a: &str, b: &str) -> bool {
    match (day_number(a), day_number(b)) {
        (Some(x), Some(y)) => (x - y).abs() > SAME_TIME_DAYS,
        _ => false,
    }
}

/// A year from 1900 to 2099 written as a word (`2009`, `1990s`, `2016,`), else `None`.
fn year_of(word: &str) -> Option<u32> {
    let w = word.trim_end_matches([',', '.', ';', ':', ')', '”', '"', '’', '\'']);
    let w = w.strip_suffix('s').unwrap_or(w);
    (w.len() == 4 && w.bytes().all(|b| b.is_ascii_digit()))
        .then(|| w.parse::<u32>().ok())
        .flatten()
        .filter(|y| (1900..=2099).contains(y))
}

/// The latest year written in `text`: what "now" is for an article whose date is unknown.
pub fn latest_year(text: &str) -> Option<u32> {
    text.split(|c: char| !c.is_ascii_digit())
        .filter(|d| d.len() == 4)
        .filter_map(year_of)
        .max()
}

/// The words after which a year anchors a sentence's events in time: "In 2018, …", "in October
/// of 2009", "on Sept. 26, 1960", "from 2009 to 2014" (not "the 2017 tax law", which names a
/// thing); besides a month's whole name (`crate::article::MONTHS`).
const TIME_ANCHORS: &[&str] = &[
    "in", "of", "since", "during", "from", "between", "until", "by", "jan.", "feb.", "mar.",
    "apr.", "aug.", "sept.", "sep.", "oct.", "nov.", "dec.",
];

/// Whether `sentence` sets what it tells in a year before `now`: a title given there is the one
/// held then ("In 2018, … white police officer Amber Guyger …", "as President George W. Bush wrote
/// in a presidential proclamation in October of 2009").
///
/// What is quoted is left out: "“We lost in 2009,” said Sen. Ann Oak" tells of now.
pub fn told_of_past(sentence: &str, now: u32) -> bool {
    let mut quoted = false;
    let mut outside = String::with_capacity(sentence.len());
    for c in sentence.chars() {
        match c {
            '“' => quoted = true,
            '”' => quoted = false,
            '"' => quoted = !quoted,
            _ if !quoted => outside.push(c),
            _ => {}
        }
    }
    let words: Vec<&str> = outside.split_whitespace().collect();
    // "during his eight years in office", "during her tenure": a term told as a whole.
    let term = words.windows(2).enumerate().any(|(i, w)| {
        w[0].eq_ignore_ascii_case("during")
            && matches!(w[1], "his" | "her" | "their")
            && words[i + 2..(i + 7).min(words.len())].iter().any(|t| {
                let t = t.trim_end_matches([',', '.', ';']);
                matches!(t, "tenure" | "presidency" | "office" | "term" | "terms")
            })
    });
    term || words.iter().enumerate().any(|(i, w)| {
        if year_of(w).is_none_or(|y| y >= now) {
            return false;
        }
        let anchor = |k: usize| {
            let w = words[k].trim_end_matches(',').to_lowercase();
            TIME_ANCHORS.contains(&w.as_str()) || crate::article::MONTHS.contains(&w.as_str())
        };
        // "Sept. 26, 1960": the month before the day.
        let day = |k: usize| {
            let d = words[k].trim_end_matches(',');
            !d.is_empty() && d.len() <= 2 && d.bytes().all(|b| b.is_ascii_digit())
        };
        (i >= 1 && anchor(i - 1)) || (i >= 2 && day(i - 1) && anchor(i - 2))
    })
}

/// Words right before a post that tell it as it ended: "set out to fire FBI Director James
/// Comey", "fired his deputy chief of staff Bridget Anne Kelly", "the ouster of …".
const ENDING_WORDS: &[&str] = &[
    "fire",
    "fired",
    "fires",
    "firing",
    "oust",
    "ousted",
    "ousting",
    "ouster",
    "sack",
    "sacked",
    "sacking",
    "dismiss",
    "dismissed",
    "dismissal",
    "resignation",
    "succeed",
    "succeeded",
    "replace",
    "replaced",
    "replacing",
];

/// Whether the text `before` a post ends by telling that post's end ("… to fire", "… fired his",
/// "… the firing of").
pub fn told_as_ended(before: &str) -> bool {
    let words: Vec<String> = before
        .split_whitespace()
        .rev()
        .take(3)
        .map(|w| w.to_lowercase())
        .collect();
    // The verb, then at most a possessive or "of" (and "the") before the post.
    let filler = |w: &str| matches!(w, "his" | "her" | "their" | "its" | "of" | "the");
    let verb_at = words.iter().position(|w| !filler(w));
    verb_at.is_some_and(|k| ENDING_WORDS.contains(&words[k].as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn posts_told_as_they_ended() {
        assert!(told_as_ended("When Donald Trump set out to fire "));
        assert!(told_as_ended("Christie fired his "));
        assert!(told_as_ended("It followed the firing of "));
        assert!(!told_as_ended("On Monday, "));
        assert!(!told_as_ended("The fire chief said the "));
        assert!(!told_as_ended(""));
    }

    #[test]
    fn sentences_told_of_the_past() {
        assert!(told_of_past(
            "In 2018, white police officer Amber Guyger shot him.",
            2020
        ));
        assert!(told_of_past(
            "as President George W. Bush wrote in a proclamation in October of 2009.",
            2018
        ));
        assert!(told_of_past(
            "Vice President Richard Nixon entered a studio on Sept. 26, 1960.",
            2016
        ));
        // A year that names a thing, a year not before now, a number that is no year.
        assert!(!told_of_past(
            "Rep. Ann Oak voted for the 2017 tax law.",
            2018
        ));
        assert!(!told_of_past("In 2018, Gov. Ann Oak signed it.", 2018));
        assert!(!told_of_past(
            "Gov. Ann Oak cut 2000 jobs in 5000 days.",
            2018
        ));
        assert!(!told_of_past("“We lost in 2009,” said Sen. Ann Oak.", 2018));
        assert!(told_of_past(
            "whether President Bill Clinton helped them during his eight years in office.",
            2016
        ));
        assert!(!told_of_past("During his visit, Gov. Ann Oak spoke.", 2016));
        assert_eq!(
            latest_year("Filed 2016-03-02; by 2019 and in the 1990s; 12345 and 3000."),
            Some(2019)
        );
        assert_eq!(latest_year("no years"), None);
    }

    #[test]
    fn days_between_dates() {
        assert_eq!(
            day_number("2017-03-01").unwrap() - day_number("2017-02-01").unwrap(),
            28
        );
        assert_eq!(
            day_number("2016-12-31").unwrap() + 1,
            day_number("2017-01-01").unwrap()
        );
        assert_eq!(
            day_number("2016-07").unwrap(),
            day_number("2016-07-01").unwrap()
        );
        assert!(day_number("yesterday").is_none());
        assert!(apart_in_time("2016-07-18", "2017-03-01"));
        assert!(!apart_in_time("2016-07-18", "2016-07-30"));
        assert!(!apart_in_time("", "2016-07-30"));
    }

    #[test]
    fn a_dates_table() {
        let (d, problems) =
            Dates::read("path,date\nnews/a.txt,2016-07-18\nb.txt,\"March 1, 2017\"\n").unwrap();
        assert!(problems.is_empty());
        assert_eq!(d.get("news/a.txt"), Some("2016-07-18"));
        assert_eq!(d.get("/elsewhere/a.txt"), Some("2016-07-18"));
        assert_eq!(d.get("a"), Some("2016-07-18"));
        assert_eq!(d.get("b.txt"), Some("2017-03-01"));
        assert_eq!(d.get("c.txt"), None);
        let (tsv, _) =
            Dates::read("a.txt\t2016-07-18\n# a comment\n\nb.txt\t2017\nc.txt\tNone\n").unwrap();
        assert_eq!(tsv.get("c.txt"), None);
        assert_eq!(tsv.get("b.txt"), Some("2017"));
        let (swapped, _) = Dates::read("date,article\n2016-07-18,a.txt\n").unwrap();
        assert_eq!(swapped.get("a.txt"), Some("2016-07-18"));
        let (named, _) =
            Dates::read("split\tfilename\tpublication_date\ndev\tx_1\t2016-09-12\n").unwrap();
        assert_eq!(named.get("corpus/dev/x_1.txt"), Some("2016-09-12"));
        let (bad, problems) = Dates::read("a.txt,soon\nb.txt,2017-01-02\n").unwrap();
        assert_eq!(problems, ["line 1: not a date: \"soon\""]);
        assert_eq!(bad.get("b.txt"), Some("2017-01-02"));
        assert!(Dates::read("date,when\n").unwrap_err().contains("article"));
    }

    #[test]
    fn a_name_two_dates_share_is_left_out() {
        let mut d = Dates::default();
        d.insert("x/a.txt", "2016-07-18");
        d.insert("y/a.txt", "2017-03-01");
        assert_eq!(d.get("x/a.txt"), Some("2016-07-18"));
        assert_eq!(d.get("z/a.txt"), None);
    }
}
