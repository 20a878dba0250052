//! Dates as pages print them (`April 12, 2015`, `12 Apr. 2015`,
//! `2017年4月23日`, `二〇一七年一月`, `2017-04-23 06:37`), read into a
//! [`PartialDate`]. An `extract` rule's `published` group goes through
//! here, and `accord new` finds datelines with it.
//!
//! Written by hand: date crates (`time`, `chrono`, `dateparser`) parse one
//! known layout at a time or guess between month-first and day-first; a
//! dateline must be read in any of these layouts, Chinese ones included, and
//! a form that two readings fit must be refused, not guessed.

use std::ops::Range;
use std::sync::LazyLock;

use regex::{Captures, Regex};

use crate::pipeline::load::schema::PartialDate;

/// Month names and their abbreviations, lower-case, by month number − 1.
const MONTHS: [&[&str]; 12] = [
    &["january", "jan"],
    &["february", "feb"],
    &["march", "mar"],
    &["april", "apr"],
    &["may"],
    &["june", "jun"],
    &["july", "jul"],
    &["august", "aug"],
    &["september", "sept", "sep"],
    &["october", "oct"],
    &["november", "nov"],
    &["december", "dec"],
];

const MONTH: &str = r"(?P<month>(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?)";
const WEEKDAY: &str =
    r"(?:(?i:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?i:day)?\.?,?\s+)?";
const ORDINAL: &str = r"(?:st|nd|rd|th)?";
/// A time of day (and zone) after the date, which says nothing of the day.
const TIME: &str = r"(?:,?\s*(?:T|at\s+)?\d{1,2}[:：]\d{2}(?:[:：]\d{2})?(?:\.\d+)?(?:\s*(?i:[ap]\.?m\.?))?(?:\s*(?:Z|[+-]\d{2}:?\d{2}|\(?(?:UTC|GMT)(?:[+-]\d{1,2}(?::?\d{2})?)?\)?|\(?[A-Z]{2,4}\)?))?)?";

/// The layouts read without help, each a regex with named groups `year`,
/// `month` (number or name) and `day`.
static LAYOUTS: LazyLock<Vec<Regex>> = LazyLock::new(|| {
    // An ASCII word boundary, so that `时间2017年` still starts a date
    // while `12017-04` does not.
    let edge = r"(?-u:\b)";
    [
        // 2017-04-23, 2017/4/23, 2017.04.23, 2017-04
        format!(r"{edge}(?P<year>\d{{4}})[-/.](?P<month>\d{{1,2}})(?:[-/.](?P<day>\d{{1,2}}))?"),
        // 2017年4月23日, 2017年4月
        format!(r"{edge}(?P<year>\d{{4}})\s*年\s*(?P<month>\d{{1,2}})\s*月(?:\s*(?P<day>\d{{1,2}})\s*[日号])?"),
        // 二〇一七年四月二十三日
        format!(
            "(?P<year>[{CHINESE_DIGITS}]{{4}})年(?P<month>[{CHINESE_DIGITS}]{{1,2}})月(?:(?P<day>[{CHINESE_DIGITS}]{{1,3}})[日号])?"
        ),
        // April 12, 2015; Dec. 8, 2016; Wednesday, April 12 2015
        format!(r"\b{WEEKDAY}{MONTH}\s+(?P<day>\d{{1,2}}){ORDINAL},?\s+(?P<year>\d{{4}})\b"),
        // 12 April 2015; 12th Apr. 2015; Wed 12 April, 2015
        format!(r"\b{WEEKDAY}(?P<day>\d{{1,2}}){ORDINAL}\s+(?:of\s+)?{MONTH},?\s+(?P<year>\d{{4}})\b"),
        // April 2015
        format!(r"\b{MONTH},?\s+(?P<year>\d{{4}})\b"),
    ]
    .iter()
    .map(|layout| Regex::new(&format!("{layout}{TIME}")).expect("date layout"))
    .collect()
});

const CHINESE_DIGITS: &str = "〇零一二三四五六七八九十";

/// Day, month and year in numbers only, whose order the text does not say.
static AMBIGUOUS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{2}|\d{4})$").expect("regex"));

/// Reads a whole date as printed. With `format` (a layout in the `time`
/// crate's format description syntax, e.g. `[day]/[month]/[year]`) the text
/// must follow it; without, it must be one of the unambiguous layouts.
pub fn parse_date(text: &str, format: Option<&str>) -> Result<PartialDate, String> {
    let text = text.trim();
    if let Some(format) = format {
        return parse_with_format(text, format);
    }
    if let Ok(date) = text.parse::<PartialDate>() {
        return Ok(date);
    }
    if let Some(c) = AMBIGUOUS.captures(text) {
        return Err(format!(
            "`{text}` could be day {}, month {} or month {}, day {}: add `format:` to the rule, e.g. `format: \"[day]/[month]/[year]\"`",
            &c[1], &c[2], &c[1], &c[2]
        ));
    }
    let whole = |c: &Captures<'_>| c.get(0).is_some_and(|all| all.range() == (0..text.len()));
    for layout in LAYOUTS.iter() {
        if let Some(c) = layout.captures(text).filter(whole) {
            return date_of(&c);
        }
    }
    Err(format!(
        "expected a date such as `2015-04-12`, `April 12, 2015`, `12 April 2015`, `Dec. 8, 2016` or `2017年4月23日`, found `{text}`"
    ))
}

/// The first date printed in a line, with where it stands in the line.
pub fn find_date(line: &str) -> Option<(Range<usize>, PartialDate)> {
    LAYOUTS
        .iter()
        .filter_map(|layout| {
            let c = layout.captures(line)?;
            let all = c
                .get(0)
                .filter(|all| !line[all.end()..].starts_with(|ch: char| ch.is_ascii_digit()))?;
            let date = date_of(&c).ok()?;
            Some((all.range(), date))
        })
        .min_by_key(|(range, _)| (range.start, std::cmp::Reverse(range.end)))
}

fn date_of(c: &Captures<'_>) -> Result<PartialDate, String> {
    let number = |name: &str| c.name(name).map(|m| m.as_str());
    let year = number("year").map(read_number).ok_or("no year")?;
    let month = match number("month") {
        Some(m) if m.starts_with(|ch: char| ch.is_alphabetic() && !is_chinese_digit(ch)) => {
            Some(month_number(m).ok_or_else(|| format!("`{m}` is not a month"))?)
        }
        Some(m) => Some(read_number(m)),
        None => None,
    };
    let day = number("day").map(read_number);
    let iso = match (month, day) {
        (Some(m), Some(d)) => format!("{year:04}-{m:02}-{d:02}"),
        (Some(m), None) => format!("{year:04}-{m:02}"),
        _ => format!("{year:04}"),
    };
    iso.parse()
}

fn month_number(name: &str) -> Option<u32> {
    let name = name.trim_end_matches('.').to_lowercase();
    MONTHS
        .iter()
        .position(|names| names.contains(&name.as_str()))
        .map(|i| i as u32 + 1)
}

fn is_chinese_digit(ch: char) -> bool {
    CHINESE_DIGITS.contains(ch)
}

/// A number in ASCII digits or Chinese numerals: digit by digit for a year
/// (`二〇一七`), with 十 as tens for a month or day (`二十三`).
fn read_number(text: &str) -> u32 {
    if text.bytes().all(|b| b.is_ascii_digit()) {
        return text.parse().unwrap_or(0);
    }
    let digit = |ch: char| {
        "〇一二三四五六七八九"
            .chars()
            .position(|d| d == ch || (ch == '零' && d == '〇'))
    };
    match text.split_once('十') {
        Some((tens, ones)) => {
            let tens = tens.chars().next().and_then(digit).unwrap_or(1);
            let ones = ones.chars().next().and_then(digit).unwrap_or(0);
            (tens * 10 + ones) as u32
        }
        None => text
            .chars()
            .filter_map(digit)
            .fold(0, |n, d| n * 10 + d as u32),
    }
}

fn parse_with_format(text: &str, format: &str) -> Result<PartialDate, String> {
    let description = time::format_description::parse_borrowed::<2>(format)
        .map_err(|e| format!("`format: {format}` is not a date layout: {e}"))?;
    let date = time::Date::parse(text, &description)
        .map_err(|e| format!("`{text}` does not follow `format: {format}`: {e}"))?;
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
    .parse()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(text: &str) -> String {
        parse_date(text, None)
            .unwrap_or_else(|e| panic!("{e}"))
            .iso()
    }

    #[test]
    fn ordinary_english_and_chinese_dates_are_read() {
        assert_eq!(iso("April 12, 2015"), "2015-04-12");
        assert_eq!(iso("12 April 2015"), "2015-04-12");
        assert_eq!(iso("Dec. 8, 2016"), "2016-12-08");
        assert_eq!(iso("Sept. 30, 2016"), "2016-09-30");
        assert_eq!(iso("Wednesday, 4th October 2017"), "2017-10-04");
        assert_eq!(iso("2017年4月23日"), "2017-04-23");
        assert_eq!(iso("2017 年 04 月 23 日"), "2017-04-23");
        assert_eq!(iso("二〇一七年一月"), "2017-01");
        assert_eq!(iso("二〇一七年十月二十三日"), "2017-10-23");
        assert_eq!(iso("2017-04-23 06:37"), "2017-04-23");
        assert_eq!(iso("2017-04-23T06:37:00+08:00"), "2017-04-23");
        assert_eq!(iso("April 2015"), "2015-04");
        assert_eq!(iso("2015"), "2015");
        assert_eq!(iso("March 14, 2019 9:12 a.m. EDT"), "2019-03-14");
    }

    #[test]
    fn impossible_and_ambiguous_dates_are_refused() {
        assert!(parse_date("February 30, 2015", None).is_err());
        assert!(parse_date("Smarch 3, 2015", None).is_err());
        let err = parse_date("04/12/2015", None).unwrap_err();
        assert!(err.contains("format:"), "{err}");
        assert!(parse_date("see April 12, 2015 above", None).is_err());
    }

    #[test]
    fn an_explicit_format_settles_the_order() {
        let format = Some("[day]/[month]/[year]");
        assert_eq!(
            parse_date("04/12/2015", format).unwrap().iso(),
            "2015-12-04"
        );
        let format = Some("[month]/[day]/[year]");
        assert_eq!(
            parse_date("04/12/2015", format).unwrap().iso(),
            "2015-04-12"
        );
        assert!(parse_date("13/12/2015", format).is_err());
        assert!(parse_date("04/12/2015", Some("[nonsense]")).is_err());
    }

    #[test]
    fn dates_are_found_inside_datelines() {
        let found = |line: &str| find_date(line).map(|(r, d)| (line[r].to_owned(), d.iso()));
        assert_eq!(
            found("Updated: 2019-03-14 09:12"),
            Some(("2019-03-14 09:12".into(), "2019-03-14".into()))
        );
        assert_eq!(
            found("Published on Wednesday, March 13, 2019 | 4 min read"),
            Some(("Wednesday, March 13, 2019".into(), "2019-03-13".into()))
        );
        assert_eq!(
            found("发布时间：2018年11月29日 06:37 来源：新京报"),
            Some(("2018年11月29日 06:37".into(), "2018-11-29".into()))
        );
        assert_eq!(found("No date here, only 12 apples."), None);
        assert_eq!(found("Call 1300 123 456"), None);
    }
}
