//! The cleaning lint measured on noisy scrapes it was not written from.
//!
//! `tests/fixtures/noisy/*.txt` are twenty-four pages in the corpus's domain, English
//! and Chinese, written for this test by someone who had not seen the
//! detectors; each line an archivist would remove is marked `[kind] ` at
//! its start (the mark is stripped before cleaning). A line counts as found
//! when the default filters remove it or the lint flags it as chrome.

mod common;

use accord::pipeline::clean::{LintOptions, clean, lint};
use common::noisy::{Score, fixtures, removed_lines};

#[test]
fn the_lint_finds_page_chrome_in_pages_it_was_not_written_from() {
    let mut score = Score::default();
    let mut report = Vec::new();
    for f in fixtures() {
        let cleaned = clean(&f.raw, &[], Default::default(), f.chinese).expect("clean");
        let options = LintOptions {
            chinese_expected: f.chinese,
            truncated: false,
        };
        let mut found = removed_lines(&cleaned);
        let raw_lines: Vec<&str> = f.raw.lines().collect();
        for w in lint(&cleaned, options) {
            if w.kind.is_chrome() {
                // A run of links covers its blank lines too; only text counts.
                found.extend(
                    (w.line..=w.last_line).filter(|&l| !raw_lines[l - 1].trim().is_empty()),
                );
            }
        }
        report.push(score.add(&f, &found));
    }
    let (precision, recall) = (score.precision(), score.recall());
    println!("{}", report.join("\n"));
    println!(
        "lint over the noisy fixtures: precision {precision:.3}, recall {recall:.3} ({} found, {} false, {} missed)",
        score.hit, score.false_alarms, score.missed
    );
    // Floors just under what was measured, so a regression fails.
    assert!(
        precision >= PRECISION_FLOOR,
        "precision {precision:.3}\n{report:#?}"
    );
    assert!(recall >= RECALL_FLOOR, "recall {recall:.3}\n{report:#?}");
}

const PRECISION_FLOOR: f64 = 0.95;
/// A guard against regressions, below what the fixtures measure: 0.742
/// over all 32 pages, 0.702 on the last eight (set4) when they were still
/// unseen. The lint's misses are what `accord new`'s article bounds catch.
const RECALL_FLOOR: f64 = 0.72;
