//! Dates as precise as they are known, and intervals of them.

use std::fmt;
use std::str::FromStr;

/// A calendar date known to the year, the month or the day: `2017`,
/// `2017-10`, `2017-10-04`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct PartialDate {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl FromStr for PartialDate {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let expected = || format!("expected a date as YYYY, YYYY-MM or YYYY-MM-DD, found `{s}`");
        let parts: Vec<&str> = s.split('-').collect();
        let number = |p: &str, len: usize| {
            if p.len() == len && p.bytes().all(|b| b.is_ascii_digit()) {
                p.parse::<u16>().ok()
            } else {
                None
            }
        };
        let year = parts
            .first()
            .and_then(|p| number(p, 4))
            .ok_or_else(expected)?;
        let month = match parts.get(1) {
            None => None,
            Some(p) => Some(
                number(p, 2)
                    .filter(|m| (1..=12).contains(m))
                    .ok_or_else(expected)? as u8,
            ),
        };
        let day = match (parts.get(2), month) {
            (None, _) => None,
            (Some(p), Some(m)) => {
                let max = days_in_month(year, m);
                Some(
                    number(p, 2)
                        .filter(|d| (1..=max as u16).contains(d))
                        .ok_or_else(expected)? as u8,
                )
            }
            (Some(_), None) => return Err(expected()),
        };
        if parts.len() > 3 {
            return Err(expected());
        }
        Ok(PartialDate { year, month, day })
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    // `month` is 1..=12 here; anything else would not be a month at all.
    time::Month::try_from(month).map_or(0, |m| time::util::days_in_month(m, i32::from(year)))
}

impl PartialDate {
    /// ISO 8601 form, as precise as the date is known.
    pub(crate) fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }

    /// The month's English name, when the month is known.
    pub(crate) fn month_name(&self) -> Option<&'static str> {
        self.month.map(|m| MONTHS[usize::from(m) - 1])
    }

    /// Human form: `4 October 2017`, `October 2017`, `2017`.
    pub(crate) fn human(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{d} {} {}", MONTHS[usize::from(m) - 1], self.year),
            (Some(m), None) => format!("{} {}", MONTHS[usize::from(m) - 1], self.year),
            _ => self.year.to_string(),
        }
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

/// One date or an ISO 8601 interval `2023-04-25/2023-04-28`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateSpan {
    pub start: PartialDate,
    pub end: Option<PartialDate>,
}

impl FromStr for DateSpan {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.split_once('/') {
            None => Ok(DateSpan {
                start: s.parse()?,
                end: None,
            }),
            Some((a, b)) => {
                let (start, end): (PartialDate, PartialDate) = (a.parse()?, b.parse()?);
                if end < start {
                    return Err(format!("the interval `{s}` ends before it starts"));
                }
                Ok(DateSpan {
                    start,
                    end: Some(end),
                })
            }
        }
    }
}

impl DateSpan {
    pub(crate) fn iso(&self) -> String {
        match self.end {
            Some(end) => format!("{}/{}", self.start.iso(), end.iso()),
            None => self.start.iso(),
        }
    }

    /// `4 October 2017`, or `25–28 April 2023` for a span within one month.
    pub(crate) fn human(&self) -> String {
        match self.end {
            None => self.start.human(),
            Some(end) if end.year == self.start.year && end.month == self.start.month => {
                match (self.start.day, end.day, end.month) {
                    (Some(a), Some(b), Some(m)) => {
                        format!("{a}–{b} {} {}", MONTHS[usize::from(m) - 1], end.year)
                    }
                    _ => format!("{} – {}", self.start.human(), end.human()),
                }
            }
            Some(end) => format!("{} – {}", self.start.human(), end.human()),
        }
    }
}

impl fmt::Display for DateSpan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_have_their_gregorian_lengths() {
        let lengths: Vec<u8> = (1..=12).map(|m| days_in_month(2023, m)).collect();
        assert_eq!(lengths, [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]);
        assert_eq!(days_in_month(2024, 2), 29);
        assert_eq!(days_in_month(2000, 2), 29);
        assert_eq!(days_in_month(1900, 2), 28);
        assert_eq!(days_in_month(2100, 2), 28);
    }

    #[test]
    fn partial_dates_parse_at_every_precision() {
        assert_eq!("2017".parse::<PartialDate>().unwrap().human(), "2017");
        assert_eq!(
            "2017-10".parse::<PartialDate>().unwrap().human(),
            "October 2017"
        );
        assert_eq!(
            "2017-10-04".parse::<PartialDate>().unwrap().human(),
            "4 October 2017"
        );
    }

    #[test]
    fn impossible_dates_are_rejected() {
        for bad in [
            "2017-13",
            "2017-02-29",
            "17-10-04",
            "2017-10-4",
            "2017-10-04-01",
            "October",
        ] {
            assert!(bad.parse::<PartialDate>().is_err(), "{bad}");
        }
        assert!("2016-02-29".parse::<PartialDate>().is_ok());
    }

    #[test]
    fn date_spans_within_a_month_read_naturally() {
        let span: DateSpan = "2023-04-25/2023-04-28".parse().unwrap();
        assert_eq!(span.human(), "25–28 April 2023");
        assert!("2023-04-28/2023-04-25".parse::<DateSpan>().is_err());
    }
}
