//! Anchors that cannot drift silently: a cleaning change that moves the
//! paragraph ids fails the build, naming the reference, the text it was
//! written for and the text it would now land on.

mod common;

use std::fs;
use std::path::Path;

use common::{accord, fixture_site, read_tree, stderr};

const ANNOTATION: &str = "content/documents/sample.yaml";

fn build(root: &Path) -> std::process::Output {
    accord(&["build", "--root", root.to_str().unwrap()])
}

fn append(root: &Path, yaml: &str) {
    let path = root.join(ANNOTATION);
    let mut text = fs::read_to_string(&path).unwrap();
    text.push_str(yaml);
    fs::write(path, text).unwrap();
}

fn edit(root: &Path, from: &str, to: &str) {
    let path = root.join(ANNOTATION);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{from} not in the annotation");
    fs::write(path, text.replace(from, to)).unwrap();
}

/// The sample's cleaning keeps its title (en-1) and two paragraphs; this
/// makes the title go, so that every paragraph's anchor moves up by one.
fn drop_the_title(root: &Path) {
    edit(
        root,
        "start: Sample Statement Title",
        "start: The two sides agreed",
    );
}

fn lock(root: &Path) -> serde_json::Value {
    serde_json::from_str(&fs::read_to_string(root.join("content/anchors.lock")).unwrap())
        .expect("the lock is JSON")
}

#[test]
fn a_note_whose_anchor_moves_fails_the_build_until_it_is_pointed_again() {
    let site = fixture_site("minimal");
    let root = site.path();
    append(
        root,
        "notes:\n  - on: [en-2]\n    text: On the first paragraph.\n",
    );
    assert!(build(root).status.success());
    let recorded = lock(root);
    assert_eq!(
        recorded["documents"]["sample"]["en-2"]["opening"],
        "The two sides agreed to deepen cooperation on many matters."
    );

    drop_the_title(root);
    let before = read_tree(&root.join("public"));
    let failed = build(root);
    assert!(!failed.status.success());
    let message = stderr(&failed);
    for expected in [
        "sample.yaml:",
        "note 1 names en-2",
        "«The two sides agreed to deepen cooperation on many matters.»",
        "«Both sides will continue cooperation",
        "that text is en-1 now",
    ] {
        assert!(
            message.contains(expected),
            "`{expected}` missing from:\n{message}"
        );
    }
    assert_eq!(
        read_tree(&root.join("public")),
        before,
        "a refused build changed the site"
    );
    assert_eq!(lock(root), recorded, "a refused build changed the lock");

    edit(root, "on: [en-2]", "on: [en-1]");
    let fixed = build(root);
    assert!(fixed.status.success(), "{}", stderr(&fixed));
    let now = lock(root);
    let anchors = now["documents"]["sample"].as_object().unwrap();
    assert_eq!(anchors.keys().collect::<Vec<_>>(), ["en-1"], "{now}");
}

#[test]
fn a_word_edited_in_the_target_is_not_a_move() {
    let site = fixture_site("minimal");
    let root = site.path();
    append(root, "tags:\n  - segment: en-2\n    add: []\n");
    assert!(build(root).status.success());
    edit(root, "with: cooperation", "with: collaboration");
    let edited = build(root);
    assert!(edited.status.success(), "{}", stderr(&edited));
    assert_eq!(
        lock(root)["documents"]["sample"]["en-2"]["opening"],
        "The two sides agreed to deepen collaboration on many matters."
    );
}

#[test]
fn a_quote_that_no_longer_opens_its_segment_names_where_it_went() {
    let site = fixture_site("minimal");
    let root = site.path();
    append(
        root,
        "notes:\n  - on: [en-3]\n    quote: Both sides will continue\n    text: On the last one.\n",
    );
    assert!(build(root).status.success());
    // A quoted reference needs no lock entry to be checked.
    fs::remove_file(root.join("content/anchors.lock")).unwrap();
    drop_the_title(root);
    let failed = build(root);
    assert!(!failed.status.success());
    let message = stderr(&failed);
    assert!(
        message.contains("note 1 names en-3 with the quote «Both sides will continue»")
            && message.contains("those words open en-2 now"),
        "{message}"
    );
}

#[test]
fn a_note_quoting_several_segments_needs_one_quote_each() {
    let site = fixture_site("minimal");
    let root = site.path();
    append(
        root,
        "notes:\n  - on: [en-2, en-3]\n    quote: The two sides\n    text: On both.\n",
    );
    let failed = build(root);
    assert!(!failed.status.success());
    assert!(
        stderr(&failed).contains("expected 2 quotes"),
        "{}",
        stderr(&failed)
    );
    edit(
        root,
        "quote: The two sides",
        "quote: [The two sides, Both sides]",
    );
    let built = build(root);
    assert!(built.status.success(), "{}", stderr(&built));
}

#[test]
fn a_damaged_lock_is_an_error_with_its_position() {
    let site = fixture_site("minimal");
    let root = site.path();
    fs::write(root.join("content/anchors.lock"), "{\n  \"documents\": [\n").unwrap();
    let failed = build(root);
    assert!(!failed.status.success());
    assert!(
        stderr(&failed).contains("anchors.lock:"),
        "{}",
        stderr(&failed)
    );
}
