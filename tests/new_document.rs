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
    let (precision, recall) = (score.precision(), score.recall());
    println!("{}", report.join("\n"));
    println!(
        "accord new over the noisy fixtures: line precision {precision:.3}, recall {recall:.3} ({} removed rightly, {} wrongly, {} missed)",
        score.hit, score.false_alarms, score.missed
    );
    assert!(precision >= 0.95, "precision {precision:.3}\n{report:#?}");
    assert!(recall >= 0.95, "recall {recall:.3}\n{report:#?}");
}
