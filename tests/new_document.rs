//! `accord new` on noisy scrapes it was not written from: the draft
//! annotation, built unchanged, must remove the marked chrome and keep the
//! article (line-level precision and recall over `tests/fixtures/noisy/`).

mod common;

use common::noisy::{Score, fixtures, removed_lines};

#[test]
fn the_unedited_draft_cleans_pages_it_was_not_written_from() {
    let mut score = Score::default();
    let mut report = Vec::new();
    for f in fixtures() {
        let (draft, cleaned) = accord::draft::draft_annotation(&f.name, &f.raw);
        // `ACCORD_SHOW_DRAFT=<part of a fixture name>` prints its draft, to
        // see why a line was missed.
        if std::env::var("ACCORD_SHOW_DRAFT").is_ok_and(|n| f.name.contains(&n)) {
            println!("{}", draft.yaml);
        }
        report.push(format!(
            "{} ({} rules)",
            score.add(&f, &removed_lines(&cleaned)),
            draft.rules
        ));
    }
    assert_both_above_095("the noisy fixtures", &score, &report);
}

/// The bundled seeds were annotated by hand: what the hand-written rules
/// remove is the answer the draft is measured against.
#[test]
fn the_draft_of_each_bundled_seed_removes_what_its_editor_removed() {
    let inputs = accord::pipeline::load::load(&common::repo_root()).expect("the bundled corpus");
    let mut score = Score::default();
    let mut report = Vec::new();
    for input in &inputs.documents {
        let by_hand = accord::pipeline::clean::clean_document(input).expect("it cleans");
        let answer = common::noisy::Fixture {
            name: input.annotation.seed.clone(),
            raw: input.raw.clone(),
            noise: removed_lines(&by_hand),
            chinese: input
                .annotation
                .metadata
                .languages
                .iter()
                .any(|l| l.is_chinese()),
        };
        let (draft, cleaned) = accord::draft::draft_annotation(&answer.name, &answer.raw);
        report.push(format!(
            "{} ({} rules)",
            score.add(&answer, &removed_lines(&cleaned)),
            draft.rules
        ));
    }
    assert_both_above_095("the bundled seeds", &score, &report);
}

/// Prints the report and the figures, and asserts the target:
/// line precision and recall both at least 0.95.
fn assert_both_above_095(what: &str, score: &Score, report: &[String]) {
    let (precision, recall) = (score.precision(), score.recall());
    println!("{}", report.join("\n"));
    println!(
        "accord new over {what}: line precision {precision:.3}, recall {recall:.3} ({} removed rightly, {} wrongly, {} missed)",
        score.hit, score.false_alarms, score.missed
    );
    assert!(precision >= 0.95, "precision {precision:.3}\n{report:#?}");
    assert!(recall >= 0.95, "recall {recall:.3}\n{report:#?}");
}
