//! The lint on small pages: what it flags, and what it leaves alone.

use super::*;
use crate::pipeline::clean::Draft;

fn lint_text(raw: &str) -> Vec<String> {
    lint(&Draft::new(raw).finish(), LintOptions::default())
        .into_iter()
        .map(|w| format!("{}: {}", w.line, w.message))
        .collect()
}

#[test]
fn lint_reports_each_kind_of_leftover_with_its_line() {
    let found = lint_text(
        "Clean line? Yes.\nFran?ais\nThe 皇冠体育app policy\n應(yīng)邀\na| b| c| d| e\nbad \u{FFFD}\n",
    );
    assert_eq!(found.len(), 6, "{found:#?}");
    assert!(found[0].starts_with("2: stray `?`"));
    assert!(found[1].starts_with("3: Chinese text inside English"));
    assert!(found[2].starts_with("4: Chinese line in a document whose languages"));
    assert!(found[3].starts_with("4: parenthesised pinyin: `(yīng)`"));
    assert!(found[4].starts_with("5: line looks like a list"));
    assert!(found[5].starts_with("6: replacement character"));
}

#[test]
fn clean_text_gives_no_warnings() {
    assert!(lint_text("Why? Because \"he asked?\" she said.\n").is_empty());
    let chinese = LintOptions {
        chinese_expected: true,
        truncated: false,
    };
    assert!(lint(&Draft::new("雙方同意。\n").finish(), chinese).is_empty());
}

#[test]
fn chrome_warnings_carry_a_rule_that_removes_the_line() {
    let warnings = lint(
        &Draft::new("Share: Facebook | Twitter\nThe two sides agreed to meet again.\n").finish(),
        LintOptions::default(),
    );
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
    assert_eq!(warnings[0].kind, Kind::ShareBar);
    let rule = warnings[0].suggestion.as_deref().unwrap();
    let rules = crate::pipeline::load::schema::parse_rules(rule).unwrap();
    let cleaned = crate::pipeline::clean::clean(
        "Share: Facebook | Twitter\nThe two sides agreed to meet again.\n",
        &rules,
        Default::default(),
        false,
    )
    .unwrap();
    assert_eq!(cleaned.text, "The two sides agreed to meet again.\n");
}

#[test]
fn the_repeated_headline_suggestion_takes_the_title_from_the_first_copy() {
    let raw = "Police of two countries meet | The Daily\nPolice of two countries meet\nThe two sides agreed to meet again.\n";
    let warnings = lint(&Draft::new(raw).finish(), LintOptions::default());
    let repeated = warnings
        .iter()
        .find(|w| w.kind == Kind::RepeatedHeadline)
        .expect("a repeated headline");
    assert_eq!(repeated.line, 1);
    let rules = crate::pipeline::load::schema::parse_rules(repeated.suggestion.as_deref().unwrap())
        .unwrap();
    let cleaned = crate::pipeline::clean::clean(raw, &rules, Default::default(), false).unwrap();
    assert_eq!(
        cleaned.text,
        "Police of two countries meet\nThe two sides agreed to meet again.\n"
    );
    assert_eq!(cleaned.extracted["title"], "Police of two countries meet");
}

#[test]
fn a_text_with_nothing_left_is_a_warning() {
    let found = lint(&Draft::new("\n\n").finish(), LintOptions::default());
    assert_eq!(found[0].kind, Kind::Empty);
}

#[test]
fn the_annotation_format_page_explains_every_kind() {
    let page = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content/pages/annotation-format.md"),
    )
    .expect("the annotation-format page");
    let explained: Vec<&str> = page
        .lines()
        .filter_map(|l| l.strip_prefix("| "))
        .filter_map(|l| l.split(" | ").next())
        .collect();
    for kind in Kind::ALL {
        assert!(
            explained
                .iter()
                .any(|cell| cell.split(", ").any(|name| name == kind.name())),
            "the lint table of the annotation-format page does not explain `{}`",
            kind.name()
        );
    }
}
