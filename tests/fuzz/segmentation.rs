//! Segmentation: one segment per non-blank line of the clean text, with
//! unique anchors and the raw line its text came from; overrides change the
//! one segment they name, or fail with why.

use accord::pipeline::clean::{Cleaned, clean};
use accord::pipeline::load::schema::{LanguageTag, Rule, SegmentOverride};
use accord::pipeline::segment::{Segment, segment};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{Index, select};
use serde_json::json;

use crate::strategies::{CleaningCase, cleaning_case, line};
use crate::{bounded, config, no_filters, raw_line_count};

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

/// Every non-blank line of the clean text is one segment, in order; its
/// number and text are that line, whitespace collapsed; anchors count each
/// language apart; each segment's raw line is where its text came from.
pub(crate) fn check_segments(cleaned: &Cleaned, languages: &[LanguageTag], segments: &[Segment]) {
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

proptest! {
    #![proptest_config(config())]

    #[test]
    fn segmentation_makes_one_segment_per_line_with_unique_anchors_and_true_raw_lines(
        case in segment_case()
    ) {
        bounded("segmenting", move || check_segmentation(&case));
    }
}

// ---------------------------------------------------------------------------
// Failures the property found, each with its minimal input, kept after the fix.

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
