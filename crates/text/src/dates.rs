//! Date expressions: the publication date of a page and dates mentioned in a
//! sentence, resolved against the publication date.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use model::Span;

/// How precise a resolved date is; `date` is the first day of the period for
/// months and years, and a day inside the week for weeks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Granularity {
    Day,
    Week,
    Month,
    Year,
}

/// A date expression found in a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateMention {
    /// Byte offsets into the sentence passed to [`find_dates`].
    pub span: Span,
    pub date: NaiveDate,
    pub granularity: Granularity,
}

/// A month-day without a year may lie this many days after the publication
/// date (articles announce events a few days ahead).
const FUTURE_TOLERANCE_DAYS: i64 = 7;

/// How much of a page's beginning is searched for its dateline.
const DATELINE_WINDOW_BYTES: usize = 2000;

/// The first full calendar date (day, month and year) near the top of `text`.
pub fn find_publication_date(text: &str) -> Option<NaiveDate> {
    let mut cut = text.len().min(DATELINE_WINDOW_BYTES);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = &text[..cut];
    let words = scan(head);
    (0..words.len()).find_map(|t| absolute_date(head, &words, t).map(|(d, _)| d))
}

/// Date expressions in `sentence`; relative ones ("yesterday", "Tuesday",
/// "January 11") need `publication` and are skipped without it.
pub fn find_dates(sentence: &str, publication: Option<NaiveDate>) -> Vec<DateMention> {
    let words = scan(sentence);
    let mut out = Vec::new();
    let mut t = 0;
    while t < words.len() {
        if let Some((mention, next)) = match_at(sentence, &words, t, publication) {
            out.push(mention);
            t = next;
        } else {
            t += 1;
        }
    }
    out
}

/// A word of the sentence: an alphanumeric run.
#[derive(Debug, Clone, Copy)]
struct Word {
    start: usize,
    end: usize,
}

fn scan(text: &str) -> Vec<Word> {
    let mut words = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
        } else if let Some(s) = start.take() {
            words.push(Word { start: s, end: i });
        }
    }
    if let Some(s) = start {
        words.push(Word {
            start: s,
            end: text.len(),
        });
    }
    words
}

fn text_of<'a>(text: &'a str, words: &[Word], t: usize) -> &'a str {
    words.get(t).map_or("", |w| &text[w.start..w.end])
}

/// The characters between word `t` and word `t + 1`.
fn gap<'a>(text: &'a str, words: &[Word], t: usize) -> &'a str {
    match (words.get(t), words.get(t + 1)) {
        (Some(a), Some(b)) => &text[a.end..b.start],
        _ => "",
    }
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// ASCII-lowercases a short word into `buf` without allocating. Words longer than the buffer
/// (or not valid after lowercasing, which ASCII lowercasing cannot cause) give "", which matches
/// none of the date keywords, all shorter than 16 bytes.
fn lower<'b>(word: &str, buf: &'b mut [u8; 16]) -> &'b str {
    let Some(dst) = buf.get_mut(..word.len()) else {
        return "";
    };
    dst.copy_from_slice(word.as_bytes());
    dst.make_ascii_lowercase();
    std::str::from_utf8(dst).unwrap_or("")
}

/// Month number for a capitalised month name or abbreviation ("Feb", "FEB", "Sept").
fn month(word: &str) -> Option<u32> {
    if !word.starts_with(|c: char| c.is_ascii_uppercase()) || word.len() < 3 {
        return None;
    }
    let mut buf = [0u8; 16];
    let lower = lower(word, &mut buf);
    if lower == "sept" {
        return Some(9);
    }
    MONTHS
        .iter()
        .position(|m| *m == lower || (lower.len() == 3 && m.starts_with(lower)))
        .map(|i| i as u32 + 1)
}

fn weekday(word: &str) -> Option<Weekday> {
    if !word.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    Some(match lower(word, &mut [0u8; 16]) {
        "monday" => Weekday::Mon,
        "tuesday" => Weekday::Tue,
        "wednesday" => Weekday::Wed,
        "thursday" => Weekday::Thu,
        "friday" => Weekday::Fri,
        "saturday" => Weekday::Sat,
        "sunday" => Weekday::Sun,
        _ => return None,
    })
}

/// Day of month: "6", "06", "6th", "21st".
fn day(word: &str) -> Option<u32> {
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    let suffix = &word[digits..];
    if !suffix.is_empty()
        && !["st", "nd", "rd", "th"]
            .iter()
            .any(|x| suffix.eq_ignore_ascii_case(x))
    {
        return None;
    }
    let d: u32 = word[..digits].parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

fn year(word: &str) -> Option<i32> {
    if word.len() != 4 || !word.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let y: i32 = word.parse().ok()?;
    (1800..=2200).contains(&y).then_some(y)
}

fn number_word(word: &str) -> Option<i64> {
    if let Ok(n) = word.parse::<i64>() {
        return (0..=1000).contains(&n).then_some(n);
    }
    Some(match lower(word, &mut [0u8; 16]) {
        "a" | "an" | "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "fifteen" => 15,
        "twenty" => 20,
        "thirty" => 30,
        _ => return None,
    })
}

/// A gap that may stand between parts of one date ("Feb. 6, 2023").
fn small_gap(g: &str, allow_comma: bool) -> bool {
    let g = g.trim_start_matches('.');
    let g = if allow_comma {
        g.trim_start_matches(',')
    } else {
        g
    };
    !g.is_empty() && g.chars().all(char::is_whitespace)
}

/// A full date with a year starting at word `t`: returns the date and the
/// index of its last word.
fn absolute_date(text: &str, words: &[Word], t: usize) -> Option<(NaiveDate, usize)> {
    let w0 = text_of(text, words, t);
    let w1 = text_of(text, words, t + 1);
    let w2 = text_of(text, words, t + 2);
    // Month D, YYYY
    if let (Some(m), Some(d), Some(y)) = (month(w0), day(w1), year(w2)) {
        if small_gap(gap(text, words, t), false) && small_gap(gap(text, words, t + 1), true) {
            return NaiveDate::from_ymd_opt(y, m, d).map(|date| (date, t + 2));
        }
    }
    // D Month YYYY
    if let (Some(d), Some(m), Some(y)) = (day(w0), month(w1), year(w2)) {
        if small_gap(gap(text, words, t), false) && small_gap(gap(text, words, t + 1), true) {
            return NaiveDate::from_ymd_opt(y, m, d).map(|date| (date, t + 2));
        }
    }
    // YYYY-MM-DD
    if let Some(y) = year(w0) {
        if gap(text, words, t) == "-"
            && gap(text, words, t + 1) == "-"
            && w1.len() == 2
            && w2.len() == 2
        {
            if let (Ok(m), Ok(d)) = (w1.parse(), w2.parse()) {
                return NaiveDate::from_ymd_opt(y, m, d).map(|date| (date, t + 2));
            }
        }
        // YYYYMMDD would be 8 digits and is not matched by `year`.
    }
    None
}

fn span(words: &[Word], first: usize, last: usize) -> Span {
    Span::new(words[first].start, words[last].end)
}

fn month_start(y: i32, m: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, 1)
}

fn add_months(date: NaiveDate, months: i32) -> Option<NaiveDate> {
    let total = date.year() * 12 + date.month0() as i32 + months;
    month_start(total.div_euclid(12), total.rem_euclid(12) as u32 + 1)
}

/// The most recent `month`/`day` not later than `publication` plus tolerance.
fn resolve_month_day(publication: NaiveDate, m: u32, d: u32) -> Option<NaiveDate> {
    let limit = publication + Duration::days(FUTURE_TOLERANCE_DAYS);
    (0..=4).find_map(|back| {
        let date = NaiveDate::from_ymd_opt(publication.year() - back, m, d)?;
        (date <= limit).then_some(date)
    })
}

fn lower_is(text: &str, words: &[Word], t: usize, options: &[&str]) -> bool {
    let w = text_of(text, words, t);
    options.iter().any(|o| w.eq_ignore_ascii_case(o))
}

fn match_at(
    text: &str,
    words: &[Word],
    t: usize,
    publication: Option<NaiveDate>,
) -> Option<(DateMention, usize)> {
    let mention = |first: usize, last: usize, date: NaiveDate, granularity| {
        Some((
            DateMention {
                span: span(words, first, last),
                date,
                granularity,
            },
            last + 1,
        ))
    };
    if let Some((date, last)) = absolute_date(text, words, t) {
        return mention(t, last, date, Granularity::Day);
    }
    let w0 = text_of(text, words, t);
    let w1 = text_of(text, words, t + 1);
    let before = t.checked_sub(1).map_or("", |p| text_of(text, words, p));
    let year_prepositions = [
        "in",
        "since",
        "during",
        "until",
        "till",
        "by",
        "from",
        "of",
        "early",
        "late",
        "mid",
        "before",
        "after",
        "through",
        "throughout",
        "year",
    ];
    if let Some(m) = month(w0) {
        // Month YYYY
        if let Some(y) = year(w1) {
            if small_gap(gap(text, words, t), true) {
                return mention(t, t + 1, month_start(y, m)?, Granularity::Month);
            }
        }
        let publication = publication?;
        // Month D
        if let Some(d) = day(w1) {
            if small_gap(gap(text, words, t), false) {
                return mention(
                    t,
                    t + 1,
                    resolve_month_day(publication, m, d)?,
                    Granularity::Day,
                );
            }
        }
        // "in May", "last March": the most recent such month.
        if [
            "in", "since", "last", "early", "late", "mid", "until", "by", "this",
        ]
        .iter()
        .any(|p| before.eq_ignore_ascii_case(p))
        {
            let mut y = publication.year();
            if m > publication.month() {
                y -= 1;
            }
            return mention(t, t, month_start(y, m)?, Granularity::Month);
        }
        return None;
    }
    if let (Some(d), Some(m)) = (day(w0), month(w1)) {
        if small_gap(gap(text, words, t), false) {
            let publication = publication?;
            return mention(
                t,
                t + 1,
                resolve_month_day(publication, m, d)?,
                Granularity::Day,
            );
        }
    }
    if let Some(y) = year(w0) {
        if year_prepositions
            .iter()
            .any(|p| before.eq_ignore_ascii_case(p))
        {
            return mention(t, t, NaiveDate::from_ymd_opt(y, 1, 1)?, Granularity::Year);
        }
        return None;
    }
    let publication = publication?;
    if let Some(wd) = weekday(w0) {
        // "Monday, February 6": the date that follows says more.
        if month(w1).is_some()
            || (day(w1).is_some() && month(text_of(text, words, t + 2)).is_some())
        {
            return None;
        }
        let back = (publication.weekday().num_days_from_monday() as i64
            - wd.num_days_from_monday() as i64)
            .rem_euclid(7);
        let (first, date) = if before.eq_ignore_ascii_case("next") {
            let ahead = if back == 0 { 7 } else { 7 - back };
            (t - 1, publication + Duration::days(ahead))
        } else if before.eq_ignore_ascii_case("last") {
            let back = if back == 0 { 7 } else { back };
            (t - 1, publication - Duration::days(back))
        } else {
            (t, publication - Duration::days(back))
        };
        return mention(first, t, date, Granularity::Day);
    }
    let mut w0buf = [0u8; 16];
    let w0l = lower(w0, &mut w0buf);
    match w0l {
        "yesterday" => return mention(t, t, publication - Duration::days(1), Granularity::Day),
        "today" => return mention(t, t, publication, Granularity::Day),
        "tomorrow" => return mention(t, t, publication + Duration::days(1), Granularity::Day),
        "tonight" => return mention(t, t, publication, Granularity::Day),
        "last" | "this" | "next" | "past" => {
            let offset: i64 = match w0l {
                "last" | "past" => -1,
                "this" => 0,
                _ => 1,
            };
            let found = match lower(w1, &mut [0u8; 16]) {
                "week" | "weekend" => {
                    Some((publication + Duration::days(7 * offset), Granularity::Week))
                }
                "month" => add_months(publication, offset as i32).map(|d| (d, Granularity::Month)),
                "year" => NaiveDate::from_ymd_opt(publication.year() + offset as i32, 1, 1)
                    .map(|d| (d, Granularity::Year)),
                "night" if offset == -1 => {
                    Some((publication - Duration::days(1), Granularity::Day))
                }
                "morning" | "afternoon" | "evening" if offset == 0 => {
                    Some((publication, Granularity::Day))
                }
                _ => None,
            };
            if let Some((date, granularity)) = found {
                return mention(t, t + 1, date, granularity);
            }
        }
        _ => {}
    }
    // "three years ago", "a week ago"
    if let Some(n) = number_word(w0) {
        let mut unit_buf = [0u8; 16];
        let unit = lower(w1, &mut unit_buf);
        if lower_is(text, words, t + 2, &["ago"]) {
            let found = match unit.trim_end_matches('s') {
                "day" => Some((publication - Duration::days(n), Granularity::Day)),
                "week" => Some((publication - Duration::days(7 * n), Granularity::Week)),
                "month" => add_months(publication, -(n as i32)).map(|d| (d, Granularity::Month)),
                "year" => NaiveDate::from_ymd_opt(publication.year() - n as i32, 1, 1)
                    .map(|d| (d, Granularity::Year)),
                _ => None,
            };
            if let Some((date, granularity)) = found {
                return mention(t, t + 2, date, granularity);
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_parse() {
        assert_eq!(month("FEB"), Some(2));
        assert_eq!(month("Sept"), Some(9));
        assert_eq!(month("May"), Some(5));
        assert_eq!(month("may"), None);
        assert_eq!(month("Mar"), Some(3));
        assert_eq!(month("Marc"), None);
    }
}
