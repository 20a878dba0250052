//! Fuzzing: proptest properties for the stages that read what an editor
//! wrote or a scraper brought in: the annotation loader, the cleaning rules
//! and filters, segmentation and the aligner. Each must answer any input
//! with a value or an error, never a panic or a hang, and what it answers
//! must hold together (provenance that maps back to the seed, unique
//! anchors, an alignment that takes every segment once, in order).
//!
//! `cargo test` (and so CI) runs 256 cases per property, a few seconds in
//! all. The longer run, worth doing after a change to one of these stages:
//!
//! ```sh
//! ACCORD_FUZZ_CASES=20000 cargo test --release --test fuzz
//! ```
//!
//! Nothing is written to the source tree (no `proptest-regressions/`): a
//! failure proptest finds is shrunk, fixed, and kept as a named `#[test]`
//! with its minimal input, below the properties.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::Duration;

use accord::error::{Error, Position};
use accord::pipeline::annotate::align::{Alignment, Piece, align};
use accord::pipeline::clean::{Cleaned, LintOptions, clean, clean_document, lint};
use accord::pipeline::load::documents;
use accord::pipeline::load::schema::{Filters, LanguageTag, PartialDate, Rule, SegmentOverride};
use accord::pipeline::segment::{Segment, segment, segment_document};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{Index, select};
use proptest::test_runner::Config as ProptestConfig;
use serde_json::{Value, json};

/// Cases per property when `ACCORD_FUZZ_CASES` is not set: the whole file
/// in a few seconds of a debug build on a two-core machine.
const DEFAULT_CASES: u32 = 256;

/// Longer than any case takes (milliseconds in a debug build), so that
/// only a hang reaches it, even on a loaded CI machine.
const CASE_LIMIT: Duration = Duration::from_secs(30);

fn config() -> ProptestConfig {
    let cases = match std::env::var("ACCORD_FUZZ_CASES") {
        Ok(n) => n
            .parse()
            .unwrap_or_else(|_| panic!("ACCORD_FUZZ_CASES={n}: expected a number of cases")),
        Err(_) => DEFAULT_CASES,
    };
    ProptestConfig {
        cases,
        failure_persistence: None,
        // A hang costs CASE_LIMIT at every shrinking step: give up
        // shrinking after a few minutes rather than never end.
        max_shrink_time: 180_000,
        ..ProptestConfig::default()
    }
}

/// Runs `check` on a thread of its own: a case that does not finish within
/// [`CASE_LIMIT`] fails as a hang instead of stalling the run, and a panic
/// is passed on to proptest, which shrinks it like any failure.
fn bounded(what: &str, check: impl FnOnce() + Send + 'static) {
    let (done, finished) = mpsc::channel();
    let worker = thread::spawn(move || {
        check();
        let _ = done.send(());
    });
    match finished.recv_timeout(CASE_LIMIT) {
        Ok(()) => worker.join().expect("the check finished"),
        Err(RecvTimeoutError::Disconnected) => {
            if let Err(panic) = worker.join() {
                std::panic::resume_unwind(panic);
            }
        }
        // The worker is left running: a thread cannot be stopped from outside.
        Err(RecvTimeoutError::Timeout) => panic!("{what} ran over {CASE_LIMIT:?}: a hang"),
    }
}

// ---------------------------------------------------------------------------
// Text: the pieces raw seeds and annotation values are made of.

/// Words and marks from the corpus's domain and from the damage scrapes
/// carry: page chrome, dates in many layouts, numbering cues, pinyin after
/// Han characters, GBK mojibake, spam tokens, and characters that are
/// awkward for byte offsets (combining marks, emoji, controls, BOMs).
const WORDS: &[&str] = &[
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
fn line() -> impl Strategy<Value = String> {
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
const PATTERNS: &[&str] = &[
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
const BAD_PATTERNS: &[&str] = &["(", "[a-", "a{1000}{1000}", "(?P<x", "\\"];

const FORMATS: &[&str] = &[
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
struct CleaningCase {
    raw: String,
    rules: Vec<(RuleSpec, Option<String>)>,
    filters: [bool; 5],
    chinese: bool,
    truncated: bool,
}

fn cleaning_case() -> impl Strategy<Value = CleaningCase> {
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
    fn rules(&self) -> Vec<Rule> {
        self.rules
            .iter()
            .filter_map(|(spec, why)| {
                serde_json::from_value(spec.to_json(&self.raw, why.as_deref())).ok()
            })
            .collect()
    }

    fn filters(&self) -> Filters {
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

const FILTER_LABELS: [&str; 5] = [
    "filter pinyin",
    "filter lost_nbsp",
    "filter boilerplate",
    "filter keyword_spam",
    "filter link_block",
];

/// The text the edits make of `raw`, worked out here from the public
/// edit list alone.
fn apply_edits(cleaned: &Cleaned) -> String {
    let mut text = String::new();
    let mut at = 0;
    for edit in &cleaned.edits {
        text.push_str(&cleaned.raw[at..edit.range.start]);
        text.push_str(&edit.replacement);
        at = edit.range.end;
    }
    text + &cleaned.raw[at..]
}

/// 1-based line of the raw text a clean offset comes from, from the edit
/// list: kept text maps to itself, text an edit put in to that edit's start.
fn raw_line_of(cleaned: &Cleaned, clean_offset: usize) -> usize {
    let (mut clean_at, mut raw_at) = (0, 0);
    let mut raw_offset = None;
    for edit in &cleaned.edits {
        let kept = edit.range.start - raw_at;
        if clean_offset < clean_at + kept {
            raw_offset = Some(raw_at + (clean_offset - clean_at));
            break;
        }
        clean_at += kept;
        if clean_offset < clean_at + edit.replacement.len() {
            raw_offset = Some(edit.range.start);
            break;
        }
        clean_at += edit.replacement.len();
        raw_at = edit.range.end;
    }
    let raw_offset = raw_offset.unwrap_or(raw_at + (clean_offset - clean_at));
    cleaned.raw[..raw_offset].matches('\n').count() + 1
}

fn raw_line_count(raw: &str) -> usize {
    raw.matches('\n').count() + 1
}

fn check_cleaning(case: &CleaningCase) {
    let rules = case.rules();
    let result = clean(&case.raw, &rules, case.filters(), case.chinese);
    let again = clean(&case.raw, &rules, case.filters(), case.chinese);
    let cleaned = match result {
        Err(e) => {
            let rule = rules
                .get(e.index)
                .expect("the error names a rule that exists");
            let label = format!("cleaning[{}] {}: ", e.index, rule.kind());
            assert!(e.message.starts_with(&label), "{e:?}");
            assert!(e.message.len() > label.len(), "{e:?}");
            assert_eq!(again.err(), Some(e), "cleaning is deterministic");
            return;
        }
        Ok(cleaned) => cleaned,
    };
    let again = again.expect("cleaning is deterministic");
    assert_eq!(
        (&again.text, &again.edits, &again.extracted),
        (&cleaned.text, &cleaned.edits, &cleaned.extracted),
        "cleaning is deterministic"
    );
    assert_eq!(cleaned.raw, case.raw);
    let raw = &cleaned.raw;
    let mut previous: Option<&std::ops::Range<usize>> = None;
    for edit in &cleaned.edits {
        let r = &edit.range;
        assert!(r.start <= r.end && r.end <= raw.len(), "{edit:?}");
        assert!(
            raw.is_char_boundary(r.start) && raw.is_char_boundary(r.end),
            "an edit cuts a character: {edit:?}"
        );
        assert!(
            !(r.is_empty() && edit.replacement.is_empty()),
            "an edit that does nothing: {edit:?}"
        );
        if let Some(p) = previous {
            assert!(
                p.end <= r.start && !(p.is_empty() && r.is_empty() && p.start == r.start),
                "edits overlap or are out of order: {p:?} then {edit:?}"
            );
        }
        previous = Some(r);
        match edit.rule.strip_prefix("cleaning[") {
            Some(rest) => {
                let (index, kind) = rest.split_once("] ").expect("`cleaning[i] kind`");
                let index: usize = index.parse().expect("a rule index");
                assert_eq!(Some(kind), rules.get(index).map(Rule::kind), "{edit:?}");
            }
            None if edit.rule == "filter bom" => assert_eq!(r.start, 0, "{edit:?}"),
            // Always on: characters HTML and XML cannot carry, removed or
            // made a space.
            None if edit.rule == "filter control" => assert!(
                ["", " "].contains(&edit.replacement.as_str())
                    && !raw[r.clone()].contains(['\t', '\n', '\r']),
                "{edit:?}"
            ),
            None => {
                let i = FILTER_LABELS
                    .iter()
                    .position(|l| *l == edit.rule)
                    .unwrap_or_else(|| panic!("an edit by an unknown rule: {edit:?}"));
                assert!(case.filters[i], "a filter switched off made {edit:?}");
                assert!(
                    !(edit.rule == "filter link_block" && case.chinese),
                    "link_block runs only on documents without Chinese: {edit:?}"
                );
            }
        }
    }
    assert_eq!(
        cleaned.text,
        apply_edits(&cleaned),
        "the text is the edits applied"
    );
    for (field, value) in &cleaned.extracted {
        assert!(
            ["title", "published", "publisher", "place"].contains(&field.as_str()),
            "extracted an unknown field `{field}`"
        );
        if field == "published" {
            assert!(
                value.parse::<PartialDate>().is_ok(),
                "published is stored as ISO 8601, found `{value}`"
            );
        }
    }
    let lines = raw_line_count(raw);
    let options = LintOptions {
        chinese_expected: case.chinese,
        truncated: case.truncated,
    };
    for w in lint(&cleaned, options) {
        assert!(
            1 <= w.line && w.line <= w.last_line && w.last_line <= lines,
            "a warning outside the seed's {lines} lines: {w:?}"
        );
        assert!(!w.message.is_empty(), "{w:?}");
    }
}

// ---------------------------------------------------------------------------
// Segmentation.

const LANGUAGES: &[&str] = &["en", "zh", "zh-Hans", "zh-Hant"];
const KINDS: &[&str] = &["heading", "paragraph", "item"];

/// An override's `starts_with`: the opening characters of a segment, or
/// any text.
#[derive(Debug, Clone)]
enum StartsWith {
    Segment(Index, usize),
    Given(String),
}

#[derive(Debug, Clone)]
struct SegmentCase {
    cleaning: CleaningCase,
    languages: Vec<&'static str>,
    overrides: Vec<(StartsWith, &'static str)>,
}

fn segment_case() -> impl Strategy<Value = SegmentCase> {
    let starts_with = prop_oneof![
        4 => (any::<Index>(), 0usize..40).prop_map(|(i, n)| StartsWith::Segment(i, n)),
        1 => line().prop_map(StartsWith::Given),
    ];
    (
        cleaning_case(),
        vec(select(LANGUAGES), 0..3),
        vec((starts_with, select(KINDS)), 0..3),
    )
        .prop_map(|(cleaning, languages, overrides)| SegmentCase {
            cleaning,
            languages,
            overrides,
        })
}

fn check_segmentation(case: &SegmentCase) {
    let c = &case.cleaning;
    // Cleaning's own failures are the cleaning property's; a seed whose
    // rules fail is segmented as the filters alone leave it.
    let cleaned = clean(&c.raw, &c.rules(), c.filters(), c.chinese)
        .or_else(|_| clean(&c.raw, &[], c.filters(), c.chinese))
        .expect("cleaning without rules cannot fail");
    let languages: Vec<LanguageTag> = case
        .languages
        .iter()
        .map(|l| LanguageTag((*l).to_owned()))
        .collect();
    let base = segment(&cleaned, &languages, &[]).expect("no override, no error");
    check_segments(&cleaned, &languages, &base);

    let overrides: Vec<SegmentOverride> = case
        .overrides
        .iter()
        .map(|(starts_with, kind)| {
            let starts_with = match starts_with {
                StartsWith::Segment(i, n) if !base.is_empty() => base[i.index(base.len())]
                    .full_text()
                    .chars()
                    .take(*n)
                    .collect(),
                StartsWith::Segment(..) => String::new(),
                StartsWith::Given(s) => s.clone(),
            };
            serde_json::from_value(json!({"starts_with": starts_with, "kind": kind}))
                .expect("an override")
        })
        .collect();
    // What the overrides must do, worked out from the segments without them.
    let mut expected = Ok(base.clone());
    for o in &overrides {
        let hits: Vec<usize> = (0..base.len())
            .filter(|&i| base[i].full_text().starts_with(&o.starts_with))
            .collect();
        match (hits.as_slice(), &mut expected) {
            ([i], Ok(segments)) => segments[*i].kind = o.kind,
            (_, Ok(_)) => {
                expected = Err((o.starts_with.clone(), hits.len()));
                break;
            }
            (_, Err(_)) => unreachable!("the first failing override stops the loop"),
        }
    }
    match (segment(&cleaned, &languages, &overrides), expected) {
        (Ok(segments), Ok(expected)) => assert_eq!(segments, expected),
        (Err(e), Err((starts_with, hits))) => {
            assert_eq!(e.starts_with, starts_with);
            let message = match hits {
                0 => "matches no segment".to_owned(),
                n => format!("matches {n} segments, expected one"),
            };
            assert_eq!(e.message, message);
        }
        (got, expected) => panic!("overrides gave {got:?}, expected {expected:?}"),
    }
}

/// Every non-blank line of the clean text is one segment, in order; its
/// number and text are that line, whitespace collapsed; anchors count each
/// language apart; each segment's raw line is where its text came from.
fn check_segments(cleaned: &Cleaned, languages: &[LanguageTag], segments: &[Segment]) {
    let mut lines = Vec::new();
    let mut offset = 0;
    for line in cleaned.text.split_inclusive('\n') {
        let collapsed = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if !collapsed.is_empty() {
            let start = offset + (line.len() - line.trim_start().len());
            lines.push((collapsed, start));
        }
        offset += line.len();
    }
    assert_eq!(
        segments.len(),
        lines.len(),
        "one segment per non-blank line of {:?}",
        cleaned.text
    );
    let raw_lines = raw_line_count(&cleaned.raw);
    let mut seen = std::collections::BTreeSet::new();
    let mut counts = std::collections::BTreeMap::new();
    let mut last_line = 1;
    for (s, (collapsed, start)) in segments.iter().zip(&lines) {
        assert!(!s.text.is_empty(), "{s:?}");
        let cue = s.number.as_deref().unwrap_or_default();
        // The line is the cue, at most a space, and the text.
        let text_at = collapsed.len().checked_sub(s.text.len());
        let between = text_at.and_then(|at| collapsed.get(cue.len()..at));
        assert!(
            collapsed.starts_with(cue)
                && collapsed.ends_with(&s.text)
                && between.is_some_and(|b| b.is_empty() || b == " "),
            "{s:?} is not the line `{collapsed}`"
        );
        assert!(seen.insert(s.anchor.clone()), "anchor {} twice", s.anchor);
        let (prefix, n) = s.anchor.split_once('-').expect("`<lang>-<n>`");
        let count = counts.entry(prefix.to_owned()).or_insert(0);
        *count += 1;
        assert_eq!(n, count.to_string(), "anchors count up: {s:?}");
        let chinese = prefix == "zh";
        assert!(chinese || prefix == "en", "{s:?}");
        assert_eq!(s.lang.is_chinese(), chinese, "{s:?}");
        if let Some(declared) = languages.iter().find(|l| l.is_chinese() == chinese) {
            assert_eq!(&s.lang, declared, "the declared tag is used: {s:?}");
        }
        assert!(
            (1..=raw_lines).contains(&s.raw_line) && s.raw_line >= last_line,
            "{s:?}: raw line outside 1..={raw_lines} or before {last_line}"
        );
        assert_eq!(
            s.raw_line,
            raw_line_of(cleaned, *start),
            "the raw line of {s:?}, from the edits {:?}",
            cleaned.edits
        );
        last_line = s.raw_line;
    }
}

// ---------------------------------------------------------------------------
// The aligner.

fn piece() -> impl Strategy<Value = Piece> {
    let len = prop_oneof![
        1 => Just(0.0),
        6 => (0u32..400).prop_map(f64::from),
        1 => (0u32..100_000).prop_map(f64::from),
    ];
    let number = prop_oneof![
        3 => Just(None),
        2 => (1u32..12).prop_map(Some),
        1 => any::<u32>().prop_map(Some),
    ];
    (len, number, prop::bool::weighted(0.2)).prop_map(|(len, number, structural)| Piece {
        len,
        number,
        structural,
    })
}

/// Chinese and English pieces: empty, balanced, or very unequal.
fn piece_lists() -> impl Strategy<Value = (Vec<Piece>, Vec<Piece>)> {
    prop_oneof![
        4 => (vec(piece(), 0..40), vec(piece(), 0..40)),
        1 => (vec(piece(), 0..3), vec(piece(), 0..120)),
        1 => (vec(piece(), 0..120), vec(piece(), 0..3)),
    ]
}

const BEAD_SHAPES: [(usize, usize); 5] = [(1, 1), (1, 0), (0, 1), (2, 1), (1, 2)];

fn check_alignment(zh: &[Piece], en: &[Piece], a: &Alignment) {
    let zh_taken: Vec<usize> = a.beads.iter().flat_map(|b| b.zh.clone()).collect();
    let en_taken: Vec<usize> = a.beads.iter().flat_map(|b| b.en.clone()).collect();
    assert_eq!(
        zh_taken,
        (0..zh.len()).collect::<Vec<_>>(),
        "each Chinese piece once, in order"
    );
    assert_eq!(
        en_taken,
        (0..en.len()).collect::<Vec<_>>(),
        "each English piece once, in order"
    );
    for b in &a.beads {
        assert!(BEAD_SHAPES.contains(&(b.zh.len(), b.en.len())), "{b:?}");
        let structural =
            b.zh.iter()
                .map(|&i| &zh[i])
                .chain(b.en.iter().map(|&i| &en[i]));
        if b.zh.len() + b.en.len() > 1 && structural.clone().any(|p| p.structural) {
            assert!(
                b.zh.len() == 1 && b.en.len() == 1 && structural.clone().all(|p| p.structural),
                "a structural piece merged or paired with body text: {b:?}"
            );
        }
    }
    assert_eq!(a.posterior.len(), a.beads.len());
    assert!(
        a.posterior.iter().all(|p| (0.0..=1.0).contains(p)),
        "posteriors are probabilities: {:?}",
        a.posterior
    );
    assert!(
        (0.0..=1.0).contains(&a.confidence),
        "confidence {} is a probability",
        a.confidence
    );
    // The doubts are what `Alignment` says they are, bead by bead.
    let doubted: Vec<usize> = (0..a.beads.len())
        .filter(|&i| {
            let b = &a.beads[i];
            let paired = !b.zh.is_empty() && !b.en.is_empty();
            let lonely_body = !paired
                && b.zh
                    .iter()
                    .map(|&z| &zh[z])
                    .chain(b.en.iter().map(|&e| &en[e]))
                    .any(|p| !p.structural);
            let number =
                |pieces: &[Piece], side: &[usize]| side.first().and_then(|&i| pieces[i].number);
            let mismatch = matches!(
                (number(zh, &b.zh), number(en, &b.en)),
                (Some(x), Some(y)) if x != y
            );
            lonely_body || mismatch || (paired && a.posterior[i] < 0.5)
        })
        .collect();
    assert_eq!(a.doubts, doubted, "the beads in doubt, of {:?}", a.beads);
}

// ---------------------------------------------------------------------------
// Annotations: YAML built from the schema's own field names, rendered in
// every style YAML allows, then damaged a little.

#[derive(Debug, Clone, Copy)]
enum Style {
    Plain,
    Single,
    Double,
    Literal,
    Folded,
}

#[derive(Debug, Clone)]
enum Node {
    Scalar(String, Style),
    /// `true` for flow style (`[a, b]`).
    Seq(Vec<Node>, bool),
    Map(Vec<(String, Node)>, bool),
    Anchor(String, Box<Node>),
    Alias(String),
}

fn style() -> impl Strategy<Value = Style> {
    prop_oneof![
        8 => Just(Style::Plain),
        2 => Just(Style::Double),
        2 => Just(Style::Single),
        1 => Just(Style::Literal),
        1 => Just(Style::Folded),
    ]
}

fn flow() -> impl Strategy<Value = bool> {
    prop::bool::weighted(0.2)
}

fn styled<S: Strategy<Value = String> + 'static>(text: S) -> BoxedStrategy<Node> {
    let node = (text, style())
        .prop_map(|(s, st)| Node::Scalar(s, st))
        .boxed();
    // Few anchor names, so that aliases find some and miss some; rare, as
    // one alias in a wrong place fails the whole annotation.
    let anchor = select(&["a", "b"][..]).prop_map(str::to_owned);
    prop_oneof![
        400 => node.clone(),
        4 => (anchor.clone(), node).prop_map(|(a, n)| Node::Anchor(a, Box::new(n))),
        1 => anchor.prop_map(Node::Alias),
    ]
    .boxed()
}

fn fixed(values: &'static [&'static str]) -> BoxedStrategy<Node> {
    styled(select(values).prop_map(str::to_owned))
}

type Pool = (&'static [&'static str], &'static [&'static str]);

/// A right value mostly: one wrong value in an annotation of some forty
/// is enough to fail it, and most cases should load and go on to the
/// later stages.
fn pool((right, wrong): Pool) -> BoxedStrategy<Node> {
    prop_oneof![40 => fixed(right), 1 => fixed(wrong)].boxed()
}

fn words() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => vec(select(WORDS), 1..6).prop_map(|w| w.join(" ")),
        1 => line(),
        1 => "[a-zA-Z0-9 ,.:#'\"-]{0,20}",
    ]
}

fn text_value() -> BoxedStrategy<Node> {
    styled(words())
}

fn list(item: BoxedStrategy<Node>, most: usize) -> BoxedStrategy<Node> {
    (vec(item, 0..most), flow())
        .prop_map(|(items, f)| Node::Seq(items, f))
        .boxed()
}

/// Any YAML value, nested, with keys from the schema and anchors.
fn random_node() -> BoxedStrategy<Node> {
    let leaf = prop_oneof![
        3 => text_value(),
        1 => select(&["a", "b"][..]).prop_map(|a| Node::Alias(a.to_owned())),
    ];
    leaf.prop_recursive(4, 24, 4, |inner| {
        prop_oneof![
            (vec(inner.clone(), 0..4), flow()).prop_map(|(items, f)| Node::Seq(items, f)),
            (vec((key(), inner.clone()), 0..4), flow()).prop_map(|(e, f)| Node::Map(e, f)),
            (select(&["a", "b"][..]), inner)
                .prop_map(|(a, n)| Node::Anchor(a.to_owned(), Box::new(n))),
        ]
    })
    .boxed()
}

/// Every key of the annotation schema, at any level.
const KEYS: &[&str] = &[
    "seed",
    "title",
    "original_title",
    "description",
    "metadata",
    "sources",
    "related",
    "cleaning",
    "filters",
    "segments",
    "tags",
    "notes",
    "alignment",
    "event_date",
    "published",
    "place",
    "parties",
    "document_type",
    "publisher",
    "source_url",
    "languages",
    "mechanism",
    "truncated",
    "document",
    "relation",
    "keep_between",
    "drop_lines",
    "drop_block",
    "replace",
    "extract",
    "repair_gbk",
    "start",
    "end",
    "why",
    "matching",
    "from",
    "to",
    "find",
    "with",
    "line",
    "occurrence",
    "format",
    "damaged",
    "residue",
    "lost_byte",
    "expect",
    "pinyin",
    "lost_nbsp",
    "boilerplate",
    "keyword_spam",
    "link_block",
    "starts_with",
    "kind",
    "segment",
    "quote",
    "add",
    "remove",
    "on",
    "text",
    "see",
    "pair",
];

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => select(KEYS).prop_map(str::to_owned),
        1 => words(),
    ]
}

/// Whether the schema requires a field: a required one is left out only
/// by mistake, an optional one often.
#[derive(Debug, Clone, Copy)]
enum Presence {
    Required,
    Optional,
}

/// A field as an editor writes it: mostly right, now and then left out,
/// misspelt, or with any value at all.
fn field(
    name: &'static str,
    presence: Presence,
    value: BoxedStrategy<Node>,
) -> BoxedStrategy<Option<(String, Node)>> {
    let absent = match presence {
        Presence::Required => 1,
        Presence::Optional => 100,
    };
    let misspelt = |name: &str, how: u8| match how {
        0 => name.to_uppercase(),
        1 => format!("{name}s"),
        2 => name[..name.len() - 1].to_owned(),
        _ => name.replace('_', "-"),
    };
    prop_oneof![
        200 => value.clone().prop_map(move |v| Some((name.to_owned(), v))),
        absent => Just(None),
        1 => (0u8..4, value).prop_map(move |(how, v)| Some((misspelt(name, how), v))),
        1 => random_node().prop_map(move |v| Some((name.to_owned(), v))),
    ]
    .boxed()
}

/// A mapping of fields in schema order, now and then with a key of another
/// mapping (or a repeated one) put in.
fn mapping(fields: Vec<BoxedStrategy<Option<(String, Node)>>>) -> BoxedStrategy<Node> {
    let extra = prop_oneof![
        150 => Just(None),
        1 => (any::<Index>(), select(KEYS), random_node())
            .prop_map(|(at, k, v)| Some((at, k.to_owned(), v))),
    ];
    (fields, extra, prop::bool::weighted(0.05))
        .prop_map(|(fields, extra, f)| {
            let mut entries: Vec<(String, Node)> = fields.into_iter().flatten().collect();
            if let Some((at, k, v)) = extra {
                entries.insert(at.index(entries.len() + 1), (k, v));
            }
            Node::Map(entries, f)
        })
        .boxed()
}

// Values by field, each as (what is right, what an editor may get wrong).
const SEEDS: Pool = (
    &["sample.txt"],
    &[
        "missing.txt",
        "../sample.txt",
        "seeds/sample.txt",
        "",
        ".",
        "/etc/passwd",
    ],
);
const DATES: Pool = (
    &[
        "2017-10-04",
        "2017-10",
        "2017",
        "2023-04-25/2023-04-28",
        "unknown",
    ],
    &[
        "2017-13",
        "2017-02-30",
        "2023-04-28/2023-04-25",
        "17-10-04",
        "2017-10-04/",
        "二〇一七",
    ],
);
const LANGUAGE_VALUES: Pool = (&["en", "zh-Hant", "zh", "zh-Hans"], &["fr", "", "EN"]);
const BOOLEANS: Pool = (&["true", "false"], &["yes", "1", "~"]);
const OCCURRENCES: Pool = (&["only", "first"], &["last", "First"]);
const BYTES: Pool = (&["0x82", "130", "0", "255"], &["256", "-1", "x"]);
const KIND_VALUES: Pool = (&["heading", "paragraph", "item"], &["title", ""]);
const ANCHORS: &[&str] = &["en-1", "en-2", "zh-1", "zh-3", "en-99", "x", ""];
const PUBLISHED: Pool = (&["2017-10-04", "2017-10", "2017", "unknown"], DATES.1);
const SOURCES: Pool = (
    &[
        "editorial knowledge",
        "the byline: “Updated: 2017-10-06 21:47”",
        "the seed sample.txt",
        "https://example.org/page.html",
    ],
    &["see notes.md", "shared/DESIGN.md"],
);
/// What of [`SEED_TEXT`] a rule may name, so that most rules apply.
const SEED_PHRASES: &[&str] = &[
    "Home / News / Menu",
    "Sample Statement Title",
    "Updated: 2017-10-06 21:47",
    "SPAMWORD",
    "the last sentence.?",
    "Copyright 2020.",
    "雙方同意",
    "應(yīng)",
    "?jìng)赊k",
    "1. The two sides",
];

/// A phrase of the seed, or any text.
fn seed_phrase() -> BoxedStrategy<Node> {
    prop_oneof![3 => fixed(SEED_PHRASES), 1 => text_value()].boxed()
}

fn pattern_value() -> BoxedStrategy<Node> {
    prop_oneof![
        2 => pool((PATTERNS, BAD_PATTERNS)),
        2 => styled(select(SEED_PHRASES).prop_map(|w| format!("^{}", regex::escape(w)))),
        1 => styled(words().prop_map(|w| format!("^{}", regex::escape(&w)))),
    ]
    .boxed()
}

fn rule_node() -> BoxedStrategy<Node> {
    use Presence::{Optional, Required};
    let why = || field("why", Optional, text_value());
    let one = |kind: &'static str, fields: Vec<BoxedStrategy<Option<(String, Node)>>>| {
        mapping(vec![field(kind, Required, mapping(fields))])
    };
    prop_oneof![
        one(
            "keep_between",
            vec![
                field("start", Required, seed_phrase()),
                field("end", Required, seed_phrase()),
                why(),
            ]
        ),
        one(
            "drop_lines",
            vec![field("matching", Required, pattern_value()), why()]
        ),
        one(
            "drop_block",
            vec![
                field("from", Required, pattern_value()),
                field("to", Optional, pattern_value()),
                why(),
            ]
        ),
        one(
            "replace",
            vec![
                field("find", Required, seed_phrase()),
                field("with", Required, text_value()),
                why(),
            ]
        ),
        one(
            "extract",
            vec![
                field("line", Required, pattern_value()),
                field("occurrence", Optional, pool(OCCURRENCES)),
                field("format", Optional, fixed(FORMATS)),
                why(),
            ]
        ),
        one(
            "repair_gbk",
            vec![
                field("damaged", Required, fixed(&["赊k", "刹槠鹪V", "x", ""])),
                field("residue", Optional, fixed(&["?jìng)", ""])),
                field("lost_byte", Required, pool(BYTES)),
                field("expect", Required, fixed(&["偵辦", "偵查起訴", ""])),
                why(),
            ]
        ),
    ]
    .boxed()
}

fn metadata_node() -> BoxedStrategy<Node> {
    use Presence::{Optional, Required};
    let known = || prop_oneof![1 => fixed(&["unknown"]), 3 => text_value()].boxed();
    mapping(vec![
        field("event_date", Optional, pool(DATES)),
        field("published", Optional, pool(PUBLISHED)),
        field("place", Optional, known()),
        field("parties", Required, list(text_value(), 3)),
        field("document_type", Required, text_value()),
        field("publisher", Optional, known()),
        field("source_url", Optional, known()),
        field("languages", Required, list(pool(LANGUAGE_VALUES), 3)),
        field("mechanism", Optional, fixed(&["lecd", "unknown-mechanism"])),
        field("truncated", Optional, pool(BOOLEANS)),
    ])
}

fn annotation_node() -> BoxedStrategy<Node> {
    use Presence::{Optional, Required};
    let anchor = || fixed(ANCHORS);
    let sources = (vec((select(KEYS), pool(SOURCES)), 0..3), flow())
        .prop_map(|(e, f)| Node::Map(e.into_iter().map(|(k, v)| (k.to_owned(), v)).collect(), f))
        .boxed();
    let filters = mapping(
        [
            "pinyin",
            "lost_nbsp",
            "boilerplate",
            "keyword_spam",
            "link_block",
        ]
        .into_iter()
        .map(|name| field(name, Optional, pool(BOOLEANS)))
        .collect(),
    );
    let related = mapping(vec![
        field("document", Required, text_value()),
        field("relation", Required, text_value()),
    ]);
    let segments = mapping(vec![
        field("starts_with", Required, text_value()),
        field("kind", Required, pool(KIND_VALUES)),
    ]);
    let tags = mapping(vec![
        field("segment", Required, anchor()),
        field("quote", Optional, text_value()),
        field("add", Optional, list(fixed(&["fugitives", "nothing"]), 3)),
        field(
            "remove",
            Optional,
            list(fixed(&["fugitives", "nothing"]), 3),
        ),
    ]);
    let notes = mapping(vec![
        field("on", Required, list(anchor(), 3)),
        field(
            "quote",
            Optional,
            prop_oneof![text_value(), list(text_value(), 3)].boxed(),
        ),
        field("text", Required, text_value()),
        field(
            "see",
            Optional,
            list(fixed(&["other#en-1", "#en-1", "x"]), 2),
        ),
    ]);
    // Two of each, mostly: `[zh-anchor, en-anchor]`.
    let two = |item: BoxedStrategy<Node>| {
        (prop_oneof![20 => Just(2..3), 1 => Just(0..4)], flow())
            .prop_flat_map(move |(n, f)| vec(item.clone(), n).prop_map(move |i| Node::Seq(i, f)))
            .boxed()
    };
    let pair = prop_oneof![
        2 => two(anchor()),
        1 => mapping(vec![
            field("pair", Required, two(anchor())),
            field("quote", Required, two(text_value())),
        ]),
    ]
    .boxed();
    mapping(vec![
        field("seed", Required, pool(SEEDS)),
        field("title", Required, text_value()),
        field("original_title", Optional, text_value()),
        field("description", Required, text_value()),
        field("metadata", Required, metadata_node()),
        field("sources", Optional, sources),
        field("related", Optional, list(related, 3)),
        field("cleaning", Optional, list(rule_node(), 4)),
        field("filters", Optional, filters),
        field("segments", Optional, list(segments, 3)),
        field("tags", Optional, list(tags, 3)),
        field("notes", Optional, list(notes, 3)),
        field("alignment", Optional, list(pair, 3)),
    ])
}

/// Whether `s` reads back as itself written without quotes.
fn plain_safe(s: &str, in_flow: bool) -> bool {
    !s.is_empty()
        && s.trim() == s
        && !s.starts_with([
            '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%',
            '@', '`',
        ])
        && !s.contains(": ")
        && !s.contains(" #")
        && !s.ends_with(':')
        && !s.chars().any(needs_escape)
        && !(in_flow && s.contains([',', '[', ']', '{', '}']))
}

/// Characters YAML does not allow unescaped (or that would change the
/// text's lines).
fn needs_escape(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{feff}' | '\u{2028}' | '\u{2029}' | '\u{fffe}' | '\u{ffff}'
        )
}

fn double_quoted(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if needs_escape(c) => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Whether `s` reads back as itself (up to folding) in a block scalar.
fn block_safe(s: &str) -> bool {
    !s.is_empty()
        && s.split('\n').all(|l| !l.starts_with([' ', '\t']))
        && !s.chars().any(|c| c != '\n' && needs_escape(c))
}

/// A scalar on one line, as plain, quoted in the style asked for when it
/// can be, else double-quoted.
fn inline(s: &str, style: Style, in_flow: bool) -> String {
    match style {
        Style::Plain if plain_safe(s, in_flow) => s.to_owned(),
        Style::Single if !s.chars().any(needs_escape) => format!("'{}'", s.replace('\'', "''")),
        _ => double_quoted(s),
    }
}

fn flow_node(node: &Node) -> String {
    match node {
        Node::Scalar(s, style) => inline(s, *style, true),
        Node::Seq(items, _) => {
            let items: Vec<String> = items.iter().map(flow_node).collect();
            format!("[{}]", items.join(", "))
        }
        Node::Map(entries, _) => {
            let entries: Vec<String> = entries
                .iter()
                .map(|(k, v)| format!("{}: {}", inline(k, Style::Plain, true), flow_node(v)))
                .collect();
            format!("{{{}}}", entries.join(", "))
        }
        Node::Anchor(a, inner) => format!("&{a} {}", flow_node(inner)),
        Node::Alias(a) => format!("*{a}"),
    }
}

/// YAML text for a tree, indented by `unit` (a tab, now and then, which
/// YAML forbids).
struct Writer<'a> {
    out: String,
    unit: &'a str,
}

impl Writer<'_> {
    fn pad(&mut self, depth: usize) {
        for _ in 0..depth {
            self.out.push_str(self.unit);
        }
    }

    /// Writes `node` after a `key:` or `-` on a line at `depth`; a block
    /// collection's entries go on the lines below, at `depth + 1`.
    fn value(&mut self, node: &Node, depth: usize) {
        match node {
            Node::Scalar(s, style @ (Style::Literal | Style::Folded)) if block_safe(s) => {
                self.out.push_str(if matches!(style, Style::Literal) {
                    " |-\n"
                } else {
                    " >-\n"
                });
                for line in s.split('\n') {
                    self.pad(depth + 1);
                    self.out.push_str(line);
                    self.out.push('\n');
                }
            }
            Node::Seq(items, false) if !items.is_empty() => {
                self.out.push('\n');
                for item in items {
                    self.pad(depth + 1);
                    self.out.push('-');
                    self.value(item, depth + 1);
                }
            }
            Node::Map(entries, false) if !entries.is_empty() => {
                self.out.push('\n');
                self.entries(entries, depth + 1);
            }
            Node::Anchor(a, inner) => {
                let _ = write!(self.out, " &{a}");
                self.value(inner, depth);
            }
            other => {
                let _ = writeln!(self.out, " {}", flow_node(other));
            }
        }
    }

    fn entries(&mut self, entries: &[(String, Node)], depth: usize) {
        for (k, v) in entries {
            self.pad(depth);
            self.out.push_str(&inline(k, Style::Plain, false));
            self.out.push(':');
            self.value(v, depth);
        }
    }
}

fn render(root: &Node, unit: &str) -> String {
    let mut w = Writer {
        out: String::new(),
        unit,
    };
    match root {
        Node::Map(entries, false) if !entries.is_empty() => w.entries(entries, 0),
        other => w.value(other, 0),
    }
    w.out
}

/// Damage done to the rendered text, as a hand or an editor does it.
#[derive(Debug, Clone)]
enum Damage {
    Insert(Index, char),
    Delete(Index, usize),
    /// A line's indentation turned into a tab.
    Tab(Index),
    Truncate(Index),
}

fn damage() -> impl Strategy<Value = Damage> {
    let c = prop_oneof![
        4 => select(&[
            ':', '-', ' ', '\t', '\n', '\r', '[', ']', '{', '}', '&', '*', '!', '|', '>', '\'',
            '"', '#', '%', '@', '`', '?', ',', '\u{feff}', '\u{0}', '\u{85}', '\u{2028}', '中',
            '😀', '\u{301}',
        ][..]),
        1 => any::<char>(),
    ];
    prop_oneof![
        3 => (any::<Index>(), c).prop_map(|(at, c)| Damage::Insert(at, c)),
        2 => (any::<Index>(), 1usize..8).prop_map(|(at, n)| Damage::Delete(at, n)),
        1 => any::<Index>().prop_map(Damage::Tab),
        1 => any::<Index>().prop_map(Damage::Truncate),
    ]
}

fn apply_damage(text: &mut String, damage: &Damage) {
    let boundaries: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let at = |i: &Index| boundaries[i.index(boundaries.len())];
    match damage {
        Damage::Insert(i, c) => text.insert(at(i), *c),
        Damage::Delete(i, n) => {
            let start = i.index(boundaries.len());
            let end = (start + n).min(boundaries.len() - 1);
            text.replace_range(boundaries[start]..boundaries[end], "");
        }
        Damage::Tab(i) => {
            let starts: Vec<usize> = std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect();
            let start = starts[i.index(starts.len())];
            let indent = text[start..].len() - text[start..].trim_start_matches(' ').len();
            text.replace_range(start..start + indent, "\t");
        }
        Damage::Truncate(i) => text.truncate(at(i)),
    }
}

/// The largest annotation tried: enough for every field, and small enough
/// that no case runs long.
const MAX_ANNOTATION: usize = 4096;

fn near_valid_annotation() -> impl Strategy<Value = String> {
    (
        annotation_node(),
        prop_oneof![16 => Just("  "), 4 => Just("    "), 2 => Just(" "), 1 => Just("\t")],
        prop_oneof![3 => Just(vec![]), 1 => vec(damage(), 1..4)],
        prop::bool::weighted(0.1),
        prop::bool::weighted(0.15),
    )
        .prop_map(|(node, unit, damage, crlf, bom)| {
            let mut text = render(&node, unit);
            for d in &damage {
                apply_damage(&mut text, d);
            }
            if crlf {
                text = text.replace('\n', "\r\n");
            }
            if bom {
                text.insert(0, '\u{feff}');
            }
            let mut end = MAX_ANNOTATION.min(text.len());
            while !text.is_char_boundary(end) {
                end -= 1;
            }
            text.truncate(end);
            text
        })
}

/// Any text, weighted towards YAML's indicators and the schema's keys.
fn arbitrary_annotation() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        2 => any::<char>().prop_map(String::from),
        2 => select(&[
            ": ", "- ", "\n", "\r\n", "  ", "\t", "[", "]", "{", "}", "&a ", "*a", "!!str ", "|",
            ">-", "'", "\"", "# ", "%YAML 1.2\n", "---\n", "...\n", "? ", ",", "\u{feff}", "\\",
            "<<: ", "!", "@", "[[[[[[[[", "{a: {b: {c: ", "- - - - - - ",
        ][..])
            .prop_map(str::to_owned),
        2 => select(KEYS).prop_map(|k| format!("{k}:")),
        1 => select(WORDS).prop_map(str::to_owned),
    ];
    vec(piece, 0..200).prop_map(|p| p.concat())
}

/// The seed every generated annotation may name, with something for each
/// kind of rule to find.
const SEED_TEXT: &str = "Home / News / Menu\n\
Sample Statement Title\n\
Updated: 2017-10-06 21:47\n\
1. The two sides agreed to deepen SPAMWORD on many matters.\n\
雙方同意加強執法合作。應(yīng)\n\
個案?jìng)赊k和情報\n\
Both sides will continue SPAMWORD, and this is the last sentence.?\n\
Copyright 2020. All rights reserved.\n";

const ANNOTATION_NAME: &str = "fuzzed-annotation.yaml";

/// Reads `text` as an annotation of a site whose one seed is [`SEED_TEXT`],
/// and when it loads, cleans and segments the document: every stage either
/// succeeds or reports an error in the annotation.
fn check_annotation(text: &str) {
    let site = tempfile::tempdir().expect("temp dir");
    let root = site.path();
    fs::create_dir_all(root.join("content/documents")).expect("documents folder");
    fs::create_dir_all(root.join("seeds")).expect("seeds folder");
    fs::write(root.join("seeds/sample.txt"), SEED_TEXT).expect("seed");
    let path = root.join("content/documents").join(ANNOTATION_NAME);
    fs::write(&path, text).expect("annotation");
    // Positions are counted in the text without its byte-order mark, as
    // editors count them.
    let shown = text.strip_prefix('\u{feff}').unwrap_or(text);
    let input = match documents::read(root, &path) {
        Ok(input) => input,
        Err(e) => return assert_names_the_annotation(&e, &path, shown),
    };
    let cleaned = match clean_document(&input) {
        Ok(cleaned) => cleaned,
        Err(e) => return assert_names_the_annotation(&e, &path, shown),
    };
    let chinese = input
        .annotation
        .metadata
        .languages
        .iter()
        .any(LanguageTag::is_chinese);
    let options = LintOptions {
        chinese_expected: chinese,
        truncated: input.annotation.metadata.truncated,
    };
    for w in lint(&cleaned, options) {
        assert!(
            1 <= w.line && w.line <= w.last_line && w.last_line <= raw_line_count(SEED_TEXT),
            "{w:?}"
        );
    }
    match segment_document(&input, &cleaned) {
        Ok(segments) => check_segments(&cleaned, &input.annotation.metadata.languages, &segments),
        Err(e) => assert_names_the_annotation(&e, &path, shown),
    }
}

/// An error about an annotation names that file, at a line and column
/// that are in it, and says something.
fn assert_names_the_annotation(err: &Error, path: &Path, text: &str) {
    let shown = err.to_string();
    assert!(
        shown.contains(&path.display().to_string()),
        "the error names the annotation: {shown}"
    );
    match err {
        Error::Many(errors) => {
            for e in errors {
                assert_names_the_annotation(e, path, text);
            }
        }
        Error::Input {
            location, message, ..
        } => {
            assert_eq!(location.file, path, "{shown}");
            assert!(
                !message.trim().is_empty(),
                "an error with no message: {shown}"
            );
            if let Position::LineColumn { line, column } | Position::Byte { line, column, .. } =
                location.position
            {
                // Editors and YAML take a lone `\r` for a line break too; a
                // position is in the file when it is by either count.
                let by_newline: Vec<&str> = text.split('\n').collect();
                let yaml_lines = text.replace("\r\n", "\n").replace('\r', "\n");
                let by_yaml: Vec<&str> = yaml_lines.split('\n').collect();
                let in_file = [by_newline, by_yaml].iter().any(|lines| {
                    line.checked_sub(1)
                        .and_then(|i| lines.get(i))
                        .is_some_and(|l| (1..=l.chars().count() + 1).contains(&column))
                });
                assert!(in_file, "{line}:{column} is not in the annotation: {shown}");
            }
        }
        other => panic!("expected an error in the annotation, found: {other}"),
    }
}

// ---------------------------------------------------------------------------

proptest! {
    #![proptest_config(config())]

    #[test]
    fn the_annotation_loader_answers_any_text_with_a_value_or_an_error_naming_the_file(
        text in arbitrary_annotation()
    ) {
        bounded("loading an annotation", move || check_annotation(&text));
    }

    #[test]
    fn the_annotation_loader_answers_near_valid_yaml_with_a_value_or_an_error_naming_the_file(
        text in near_valid_annotation()
    ) {
        bounded("loading an annotation", move || check_annotation(&text));
    }

    #[test]
    fn cleaning_never_panics_and_its_edits_are_the_provenance_of_the_text(
        case in cleaning_case()
    ) {
        bounded("cleaning", move || check_cleaning(&case));
    }

    #[test]
    fn segmentation_makes_one_segment_per_line_with_unique_anchors_and_true_raw_lines(
        case in segment_case()
    ) {
        bounded("segmenting", move || check_segmentation(&case));
    }

    #[test]
    fn the_aligner_takes_every_piece_once_in_order(
        (zh, en) in piece_lists()
    ) {
        bounded("aligning", move || check_alignment(&zh, &en, &align(&zh, &en)));
    }
}

// ---------------------------------------------------------------------------
// Failures the properties found, each with its minimal input, kept after the fix.

fn no_filters() -> Filters {
    Filters {
        pinyin: false,
        lost_nbsp: false,
        boilerplate: false,
        keyword_spam: false,
        link_block: false,
    }
}

#[test]
fn the_lint_asks_about_a_question_mark_after_a_non_breaking_space_without_panicking() {
    // The repair's `find` began one byte after the space before the word,
    // inside U+00A0's two bytes.
    let cleaned = clean("The\u{a0},? The \n", &[], no_filters(), false).expect("clean");
    let warnings = lint(&cleaned, LintOptions::default());
    let suggestion = warnings
        .iter()
        .find_map(|w| w.suggestion.as_deref())
        .expect("a suggested rule for the `?`");
    assert!(suggestion.contains(",? The"), "{suggestion}");
}

#[test]
fn a_replacement_just_below_a_removed_line_is_traced_to_its_own_raw_line() {
    // The replaced word was traced to the start of the removal before it,
    // the dropped line above.
    let rules: Vec<Rule> = serde_json::from_value(json!([
        {"drop_lines": {"matching": "^junk$"}},
        {"replace": {"find": "SPAM", "with": "China"}},
    ]))
    .expect("rules");
    let cleaned = clean("keep\njunk\nSPAM here\n", &rules, no_filters(), false).expect("clean");
    let segments = segment(&cleaned, &[], &[]).expect("segments");
    let lines: Vec<(&str, usize)> = segments
        .iter()
        .map(|s| (s.text.as_str(), s.raw_line))
        .collect();
    assert_eq!(lines, [("keep", 1), ("China here", 3)]);
}
