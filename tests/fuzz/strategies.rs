//! Strategies more than one target draws on: the text raw seeds and
//! annotation values are made of (the loader's YAML too), the patterns and
//! formats of cleaning rules (the loader's rules too), and cleaning cases,
//! which segmentation cleans before it segments.

use accord::pipeline::load::schema::{Filters, Rule};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{Index, select};
use serde_json::{Value, json};

// ---------------------------------------------------------------------------
// Text: the pieces raw seeds and annotation values are made of.

/// Words and marks from the corpus's domain and from the damage scrapes
/// carry: page chrome, dates in many layouts, numbering cues, pinyin after
/// Han characters, GBK mojibake, spam tokens, and characters that are
/// awkward for byte offsets (combining marks, emoji, controls, BOMs).
pub(crate) const WORDS: &[&str] = &[
    "The",
    "parties",
    "agreed",
    "to",
    "cooperation",
    "law",
    "enforcement",
    "U.S.",
    "Mr.",
    "China",
    "Australia",
    "Beijing",
    "on",
    "the",
    "Summary",
    "of",
    "outcomes",
    "Title",
    "Body.",
    "End.",
    "April 12, 2015",
    "Dec. 8, 2016",
    "12 April 2015",
    "2017-10-06 21:47",
    "04/12/2015",
    "2015",
    "2017年4月23日",
    "二〇一七年十月二十三日",
    "Updated:",
    "chinadaily.com.cn |",
    "Published:",
    ",?",
    ".?",
    ";?",
    ":?",
    "?",
    ".",
    ":",
    "|",
    " | ",
    "(",
    ")",
    "（",
    "）",
    "1.",
    "2)",
    "(3)",
    "三、",
    "十二、",
    "VI.",
    "一、",
    "-",
    "- ",
    "#",
    "雙方",
    "同意",
    "执法合作",
    "中华人民共和国",
    "。",
    "，",
    "應(yīng)",
    "聯(lián)",
    "國(guó)",
    "皇冠体育app",
    "赊k",
    "?jìng)赊k",
    "刹槠鹪V",
    "Copyright",
    "©",
    "All rights reserved",
    "Follow us",
    "Most Viewed",
    "京ICP备",
    "Share",
    "Home",
    "News",
    "Print",
    "Facebook",
    "Registration Number:",
    "https://example.org/a.html",
    "SPAMWORD",
    "\u{0}",
    "\u{7}",
    "\u{1b}",
    "\t",
    "\u{a0}",
    "\u{3000}",
    "\u{200b}",
    "\u{feff}",
    "\u{301}",
    "e\u{301}",
    "\u{85}",
    "\u{2028}",
    "😀",
    "👨\u{200d}👩\u{200d}👧",
    "🇨🇳",
    "\r",
    "\u{fffd}",
    "ﬁ",
    "İ",
    "ß",
    "\u{10ffff}",
];

const SEPARATORS: &[&str] = &[" ", " ", " ", "", "\t", "\u{a0}", "  "];
const BREAKS: &[&str] = &["\n", "\n", "\n", "\n", "\r\n", "\r", ""];

fn token() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => select(WORDS).prop_map(str::to_owned),
        1 => any::<char>().prop_map(String::from),
        1 => "\\PC{0,6}",
    ]
}

/// A line of tokens, without its line break.
pub(crate) fn line() -> impl Strategy<Value = String> {
    vec((token(), select(SEPARATORS)), 0..10).prop_map(|parts| {
        parts.into_iter().fold(String::new(), |mut line, (t, s)| {
            line.push_str(&t);
            line.push_str(s);
            line
        })
    })
}

/// A scraped page: lines with mixed breaks, at times a byte-order mark.
fn raw_text() -> impl Strategy<Value = String> {
    (
        prop::bool::weighted(0.1),
        vec((line(), select(BREAKS)), 0..16),
    )
        .prop_map(|(bom, lines)| {
            let mut raw = String::from(if bom { "\u{feff}" } else { "" });
            for (line, end) in lines {
                raw.push_str(&line);
                raw.push_str(end);
            }
            raw
        })
}

/// Part of a text given later: `Seed` takes up to `chars` characters of it
/// from a position, so that rules and overrides often match what they run
/// on; `Given` is any text.
#[derive(Debug, Clone)]
enum Fragment {
    Seed(Index, usize),
    Given(String),
}

impl Fragment {
    fn of(&self, text: &str) -> String {
        match self {
            Fragment::Seed(at, chars) => {
                let count = text.chars().count();
                text.chars()
                    .skip(at.index(count + 1))
                    .take(*chars)
                    .collect()
            }
            Fragment::Given(s) => s.clone(),
        }
    }
}

fn fragment() -> impl Strategy<Value = Fragment> {
    prop_oneof![
        3 => (any::<Index>(), 0usize..24).prop_map(|(at, n)| Fragment::Seed(at, n)),
        1 => line().prop_map(Fragment::Given),
    ]
}

// ---------------------------------------------------------------------------
// Cleaning rules, built from what they run on.

/// Patterns as editors write them...
pub(crate) const PATTERNS: &[&str] = &[
    "^$",
    r"^\s*$",
    ".",
    "^Copyright",
    "(?i)follow us",
    "^(?P<title>.+)$",
    r"^(?P<publisher>\S+) \| Updated: (?P<published>\d{4}-\d{2}-\d{2}) \d{2}:\d{2}$",
    "^Published: (?P<published>.+?)$",
    "(?P<published>.+)",
    "(?P<place>[^,]+), (?P<published>.+)",
    "(?P<colour>x)",
    r"\p{Han}+",
    "(?P<title>)",
    "",
];

/// ...and some no editor should: bad syntax, a regex too large to compile.
pub(crate) const BAD_PATTERNS: &[&str] = &["(", "[a-", "a{1000}{1000}", "(?P<x", "\\"];

pub(crate) const FORMATS: &[&str] = &[
    "[day]/[month]/[year]",
    "[month]/[day]/[year]",
    "[year]-[month]-[day]",
    "[year]",
    "[nonsense]",
    "[",
    "",
];

const GROUPS: &[&str] = &["title", "published", "publisher", "place", "colour"];
const TAILS: &[&str] = &["", "$", ".*", r"\s*$", ".*$"];

#[derive(Debug, Clone)]
enum PatternSpec {
    Given(&'static str),
    /// A piece of the seed, escaped, in a named group or not.
    Line {
        fragment: Fragment,
        group: Option<&'static str>,
        anchored: bool,
        tail: &'static str,
    },
}

impl PatternSpec {
    fn of(&self, raw: &str) -> String {
        match self {
            PatternSpec::Given(p) => (*p).to_owned(),
            PatternSpec::Line {
                fragment,
                group,
                anchored,
                tail,
            } => {
                let literal = regex::escape(fragment.of(raw).trim());
                let body = match group {
                    Some(name) => format!("(?P<{name}>{literal})"),
                    None => literal,
                };
                format!("{}{body}{tail}", if *anchored { "^" } else { "" })
            }
        }
    }
}

fn pattern() -> impl Strategy<Value = PatternSpec> {
    prop_oneof![
        1 => prop_oneof![4 => select(PATTERNS), 1 => select(BAD_PATTERNS)]
            .prop_map(PatternSpec::Given),
        3 => (
            fragment(),
            prop::option::of(select(GROUPS)),
            any::<bool>(),
            select(TAILS),
        )
            .prop_map(|(fragment, group, anchored, tail)| PatternSpec::Line {
                fragment,
                group,
                anchored,
                tail,
            }),
    ]
}

#[derive(Debug, Clone)]
enum RuleSpec {
    KeepBetween(Fragment, Fragment),
    DropLines(PatternSpec),
    DropBlock(PatternSpec, Option<PatternSpec>),
    Replace(Fragment, Fragment),
    Extract(PatternSpec, bool, Option<&'static str>),
    RepairGbk(Fragment, Fragment, u8, Fragment),
}

fn rule_spec() -> impl Strategy<Value = (RuleSpec, Option<String>)> {
    let spec = prop_oneof![
        (fragment(), fragment()).prop_map(|(a, b)| RuleSpec::KeepBetween(a, b)),
        pattern().prop_map(RuleSpec::DropLines),
        (pattern(), prop::option::of(pattern())).prop_map(|(a, b)| RuleSpec::DropBlock(a, b)),
        (fragment(), fragment()).prop_map(|(a, b)| RuleSpec::Replace(a, b)),
        (
            pattern(),
            any::<bool>(),
            prop::option::weighted(0.3, select(FORMATS))
        )
            .prop_map(|(p, first, format)| RuleSpec::Extract(p, first, format)),
        (
            fragment(),
            fragment(),
            prop_oneof![Just(0x82u8), any::<u8>()],
            prop_oneof![
                select(&["偵辦", "偵查起訴", ""][..]).prop_map(|s| Fragment::Given(s.into())),
                fragment(),
            ],
        )
            .prop_map(|(d, r, b, e)| RuleSpec::RepairGbk(d, r, b, e)),
    ];
    (spec, prop::option::of(line()))
}

impl RuleSpec {
    /// The rule as the annotation's YAML would give it to serde.
    fn to_json(&self, raw: &str, why: Option<&str>) -> Value {
        match self {
            RuleSpec::KeepBetween(start, end) => json!({"keep_between": {
                "start": start.of(raw), "end": end.of(raw), "why": why}}),
            RuleSpec::DropLines(p) => json!({"drop_lines": {"matching": p.of(raw), "why": why}}),
            RuleSpec::DropBlock(from, to) => json!({"drop_block": {
                "from": from.of(raw), "to": to.as_ref().map(|p| p.of(raw)), "why": why}}),
            RuleSpec::Replace(find, with) => json!({"replace": {
                "find": find.of(raw), "with": with.of(raw), "why": why}}),
            RuleSpec::Extract(line, first, format) => json!({"extract": {
                "line": line.of(raw),
                "occurrence": if *first { "first" } else { "only" },
                "format": format,
                "why": why}}),
            RuleSpec::RepairGbk(damaged, residue, lost_byte, expect) => json!({"repair_gbk": {
                "damaged": damaged.of(raw), "residue": residue.of(raw),
                "lost_byte": lost_byte, "expect": expect.of(raw), "why": why}}),
        }
    }
}

/// A seed, the rules an annotation declares for it, its filters, whether
/// it declares Chinese and whether it is recorded as cut off.
#[derive(Debug, Clone)]
pub(crate) struct CleaningCase {
    pub(crate) raw: String,
    rules: Vec<(RuleSpec, Option<String>)>,
    pub(crate) filters: [bool; 5],
    pub(crate) chinese: bool,
    pub(crate) truncated: bool,
}

pub(crate) fn cleaning_case() -> impl Strategy<Value = CleaningCase> {
    (
        raw_text(),
        vec(rule_spec(), 0..5),
        any::<[bool; 5]>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(raw, rules, filters, chinese, truncated)| CleaningCase {
            raw,
            rules,
            filters,
            chinese,
            truncated,
        })
}

impl CleaningCase {
    /// The rules, deserialised as the loader does; a rule whose pattern
    /// does not parse is refused by the loader, so it is left out here
    /// (the annotation properties try those).
    pub(crate) fn rules(&self) -> Vec<Rule> {
        self.rules
            .iter()
            .filter_map(|(spec, why)| {
                serde_json::from_value(spec.to_json(&self.raw, why.as_deref())).ok()
            })
            .collect()
    }

    pub(crate) fn filters(&self) -> Filters {
        let [pinyin, lost_nbsp, boilerplate, keyword_spam, link_block] = self.filters;
        Filters {
            pinyin,
            lost_nbsp,
            boilerplate,
            keyword_spam,
            link_block,
        }
    }
}
