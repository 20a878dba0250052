//! The automatic aligner against the hand alignment of the 2023 statement,
//! and on variants of its text with English paragraphs merged or split.

mod common;

use std::fs;
use std::path::Path;

use common::corpus_site;

const SLUG: &str = "2023-china-australia-law-enforcement-working-group";
const SEED: &str = "seeds/004_abd16c6579672b96.txt";

/// A row as anchors: (Chinese anchors, English anchors).
type Row = (Vec<String>, Vec<String>);

/// The rows of the statement, and the aligner's report.
fn rows(
    root: &Path,
) -> (
    Vec<Row>,
    accord::pipeline::annotate::bilingual::AlignmentReport,
) {
    let (_, documents) = accord::analyse(root).unwrap_or_else(|e| panic!("{e}"));
    let doc = documents
        .into_iter()
        .find(|d| d.slug == SLUG)
        .expect("the statement");
    let names = |idx: &[usize]| {
        idx.iter()
            .map(|&i| doc.segments[i].anchor.clone())
            .collect::<Vec<_>>()
    };
    let rows = doc
        .alignment
        .iter()
        .map(|r| (names(&r.zh), names(&r.en)))
        .collect();
    (rows, doc.alignment_report.clone().expect("a report"))
}

fn without_hand_alignment(root: &Path) {
    let path = root.join(format!("content/documents/{SLUG}.yaml"));
    let text = fs::read_to_string(&path).expect("annotation");
    let cut = text
        .find("alignment:")
        .expect("the annotation has a hand alignment");
    fs::write(&path, &text[..cut]).expect("write annotation");
}

/// Edits the seed of a temporary copy (and records it anew, since the copy
/// is no longer the record).
fn edit_seed(root: &Path, edit: impl FnOnce(Vec<String>) -> Vec<String>) {
    let path = root.join(SEED);
    let lines: Vec<String> = fs::read_to_string(&path)
        .expect("seed")
        .lines()
        .map(str::to_owned)
        .collect();
    fs::write(&path, edit(lines).join("\n") + "\n").expect("write seed");
    common::record_checksums(root);
}

fn one(zh: &[&str], en: &[&str]) -> Row {
    (
        zh.iter().map(|s| s.to_string()).collect(),
        en.iter().map(|s| s.to_string()).collect(),
    )
}

fn hand_rows() -> Vec<Row> {
    let mut rows = vec![one(&[], &["en-1"])];
    for i in 1..=9 {
        rows.push(one(&[&format!("zh-{i}")], &[&format!("en-{}", i + 1)]));
    }
    rows.push(one(&["zh-10"], &[]));
    rows
}

#[test]
fn the_hand_alignment_pairs_every_paragraph_and_leaves_title_and_attribution_alone() {
    let site = corpus_site();
    let (rows, report) = rows(site.path());
    assert_eq!(report.source, "annotation");
    assert_eq!(rows, hand_rows());
    assert!(
        report.disagreements.is_empty(),
        "{:?}",
        report.disagreements
    );
}

#[test]
fn the_automatic_alignment_equals_the_hand_alignment() {
    let site = corpus_site();
    without_hand_alignment(site.path());
    let (rows, report) = rows(site.path());
    assert_eq!(report.source, "automatic");
    assert_eq!(rows, hand_rows());
    assert!(report.confidence > 0.9, "confidence {}", report.confidence);
    assert!(report.doubts.is_empty(), "{:?}", report.doubts);
}

#[test]
fn merged_english_paragraphs_align_two_to_one() {
    let site = corpus_site();
    without_hand_alignment(site.path());
    // Seed lines 16 and 17 are the English items 2 and 3 (en-6, en-7).
    edit_seed(site.path(), |mut lines| {
        let third = lines.remove(16);
        lines[15] = format!("{} {third}", lines[15]);
        lines
    });
    let (rows, _) = rows(site.path());
    assert!(
        rows.contains(&one(&["zh-5", "zh-6"], &["en-6"])),
        "{rows:?}"
    );
    assert!(rows.contains(&one(&["zh-7"], &["en-7"])), "{rows:?}");
    assert!(rows.contains(&one(&["zh-4"], &["en-5"])), "{rows:?}");
    assert_eq!(rows.len(), 10);
}

#[test]
fn a_split_english_paragraph_aligns_one_to_two() {
    let site = corpus_site();
    without_hand_alignment(site.path());
    // Seed line 14 (en-4) split before its second sentence.
    edit_seed(site.path(), |mut lines| {
        let (a, b) = lines[13]
            .split_once(" China and Australia are")
            .expect("the sentence");
        let (a, b) = (a.to_owned(), format!("China and Australia are{b}"));
        lines[13] = a;
        lines.insert(14, b);
        lines
    });
    let (rows, _) = rows(site.path());
    assert!(
        rows.contains(&one(&["zh-3"], &["en-4", "en-5"])),
        "{rows:?}"
    );
    assert!(rows.contains(&one(&["zh-4"], &["en-6"])), "{rows:?}");
    assert!(rows.contains(&one(&["zh-10"], &[])), "{rows:?}");
    assert_eq!(rows.len(), 11);
}

#[test]
fn a_split_and_a_merge_together_still_pair_the_numbered_items() {
    let site = corpus_site();
    without_hand_alignment(site.path());
    edit_seed(site.path(), |mut lines| {
        // Merge items 4 and 5 (lines 18, 19), then split the first paragraph (line 12).
        let fifth = lines.remove(18);
        lines[17] = format!("{} {fifth}", lines[17]);
        let (a, b) = lines[11]
            .split_once(" The parties, amid")
            .expect("the sentence");
        let (a, b) = (a.to_owned(), format!("The parties, amid{b}"));
        lines[11] = a;
        lines.insert(12, b);
        lines
    });
    let (rows, _) = rows(site.path());
    assert!(
        rows.contains(&one(&["zh-1"], &["en-2", "en-3"])),
        "{rows:?}"
    );
    assert!(
        rows.contains(&one(&["zh-7", "zh-8"], &["en-9"])),
        "{rows:?}"
    );
    assert!(rows.contains(&one(&["zh-9"], &["en-10"])), "{rows:?}");
}
