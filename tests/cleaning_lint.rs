//! The cleaning lint measured on noisy scrapes it was not written from.
//!
//! `tests/fixtures/noisy/*.txt` are sixteen pages in the corpus's domain, English
//! and Chinese, written for this test by someone who had not seen the
//! detectors; each line an archivist would remove is marked `[kind] ` at
//! its start (the mark is stripped before cleaning). A line counts as found
//! when the default filters remove it or the lint flags it as chrome.

use std::collections::BTreeSet;

use accord::pipeline::clean::{LintOptions, clean, lint};

struct Fixture {
    name: String,
    raw: String,
    noise: BTreeSet<usize>,
    chinese: bool,
}

fn fixtures() -> Vec<Fixture> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/noisy");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixtures")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("fixture");
            let mut raw = String::new();
            let mut noise = BTreeSet::new();
            let lines = text.lines().filter(|l| !l.starts_with("#! "));
            for (i, line) in lines.enumerate() {
                let marked = line
                    .strip_prefix('[')
                    .and_then(|rest| rest.split_once("] "))
                    .filter(|(kind, _)| kind.chars().all(|c| c.is_ascii_lowercase() || c == '_'));
                match marked {
                    Some((_, line)) => {
                        noise.insert(i + 1);
                        raw.push_str(line);
                    }
                    None => raw.push_str(line),
                }
                raw.push('\n');
            }
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            Fixture {
                chinese: name.contains("-zh-"),
                name,
                raw,
                noise,
            }
        })
        .collect()
}

/// Raw lines (1-based) the default filters removed whole.
fn filtered_lines(cleaned: &accord::pipeline::clean::Cleaned) -> BTreeSet<usize> {
    let mut removed = BTreeSet::new();
    let mut start = 0;
    for (i, piece) in cleaned.raw.split_inclusive('\n').enumerate() {
        let end = start + piece.trim_end_matches('\n').len();
        let whole = end > start && cleaned.edits.iter().any(|e| e.is_removal_of(start..end));
        if whole {
            removed.insert(i + 1);
        }
        start += piece.len();
    }
    removed
}

#[test]
fn the_lint_finds_page_chrome_in_pages_it_was_not_written_from() {
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    let mut report = Vec::new();
    for f in fixtures() {
        let cleaned = clean(&f.raw, &[], Default::default(), f.chinese).expect("clean");
        let options = LintOptions {
            chinese_expected: f.chinese,
            truncated: false,
        };
        let mut found = filtered_lines(&cleaned);
        for w in lint(&cleaned, options) {
            if w.kind.is_chrome() {
                found.insert(w.line);
            }
        }
        let hit = found.intersection(&f.noise).count();
        let false_alarms: Vec<_> = found.difference(&f.noise).collect();
        let missed: Vec<_> = f.noise.difference(&found).collect();
        report.push(format!(
            "{}: {hit} found, false {:?}, missed {:?}",
            f.name, false_alarms, missed
        ));
        tp += hit;
        fp += false_alarms.len();
        fn_ += missed.len();
    }
    let precision = tp as f64 / (tp + fp).max(1) as f64;
    let recall = tp as f64 / (tp + fn_).max(1) as f64;
    println!("{}", report.join("\n"));
    println!(
        "lint over the noisy fixtures: precision {precision:.3}, recall {recall:.3} ({tp} found, {fp} false, {fn_} missed)"
    );
    // Floors just under what was measured, so a regression fails.
    assert!(
        precision >= PRECISION_FLOOR,
        "precision {precision:.3}\n{report:#?}"
    );
    assert!(recall >= RECALL_FLOOR, "recall {recall:.3}\n{report:#?}");
}

const PRECISION_FLOOR: f64 = 0.95;
const RECALL_FLOOR: f64 = 0.75;
