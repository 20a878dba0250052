//! Cleaning: any seed, with any rules and filters, gives clean text or an
//! error naming the rule, never a panic; the edits are the provenance of
//! the text, and the lint's warnings are on lines of the seed.

use accord::pipeline::clean::{Cleaned, LintOptions, clean, lint};
use accord::pipeline::load::schema::{PartialDate, Rule};
use proptest::prelude::*;

use crate::strategies::{CleaningCase, cleaning_case};
use crate::{bounded, config, no_filters, raw_line_count};

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

proptest! {
    #![proptest_config(config())]

    #[test]
    fn cleaning_never_panics_and_its_edits_are_the_provenance_of_the_text(
        case in cleaning_case()
    ) {
        bounded("cleaning", move || check_cleaning(&case));
    }
}

// ---------------------------------------------------------------------------
// Failures the property found, each with its minimal input, kept after the fix.

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
