//! The annotation loader: any text, and YAML built from the schema then
//! damaged a little, load to a value or an error naming the annotation at a
//! line and column in it; what loads is cleaned and segmented, and each of
//! those stages too succeeds or reports an error in the annotation.
//!
//! The near-valid YAML is built in [`node`] and [`schema`], written out in
//! [`render`] and damaged in [`damage`].

mod damage;
mod node;
mod render;
mod schema;

use std::fs;
use std::path::Path;

use accord::error::{Error, Position};
use accord::pipeline::clean::{LintOptions, clean_document, lint};
use accord::pipeline::load::documents;
use accord::pipeline::load::schema::LanguageTag;
use accord::pipeline::segment::segment_document;
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;

use crate::segmentation::check_segments;
use crate::strategies::WORDS;
use crate::{bounded, config, raw_line_count};
use damage::{apply_damage, damage};
use node::KEYS;
use render::render;
use schema::annotation_node;

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
}
