//! Shared tokeniser test vectors (`tests/fixtures/tokenizer-vectors.json`):
//! the index is built by `accord::pipeline::render::search::tokens` in Rust and queried by
//! `tokens.js` in the browser, and the two must give the same terms, or a
//! search finds nothing. Each vector is a text and the index terms of it
//! after the index's Traditional → Simplified folding.

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

use accord::chinese::{Simplifier, is_han};
use common::{repo_root, require_node};
use serde_json::Value;

fn vectors_path() -> PathBuf {
    repo_root().join("tests/fixtures/tokenizer-vectors.json")
}

/// (text, tokens) of every vector.
fn vectors() -> Vec<(String, Vec<String>)> {
    let path = vectors_path();
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    let all: Vec<Value> = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    all.iter()
        .map(|v| {
            let text = v["text"].as_str().expect("a text").to_owned();
            let tokens = v["tokens"]
                .as_array()
                .expect("a token list")
                .iter()
                .map(|t| t.as_str().expect("a token").to_owned())
                .collect();
            (text, tokens)
        })
        .collect()
}

/// The folding table the index would carry for the Han characters of the
/// vectors: each character simplified on its own, kept when that does not
/// give exactly one character (as `single_char` in src/pipeline/render/search/mod.rs).
fn fold_table(vectors: &[(String, Vec<String>)]) -> BTreeMap<char, char> {
    let simplifier = Simplifier::new().expect("the OpenCC dictionaries load");
    vectors
        .iter()
        .flat_map(|(text, _)| text.chars())
        .filter(|&c| is_han(c))
        .map(|c| {
            let simplified = simplifier.simplify(&c.to_string());
            let mut chars = simplified.chars();
            match (chars.next(), chars.next()) {
                (Some(s), None) => (c, s),
                _ => (c, c),
            }
        })
        .collect()
}

fn folded(text: &str, table: &BTreeMap<char, char>) -> String {
    text.chars().map(|c| *table.get(&c).unwrap_or(&c)).collect()
}

#[test]
fn the_vectors_cover_what_they_should() {
    let all = vectors();
    assert!(all.len() >= 30, "{} vectors", all.len());
    let texts: String = all.iter().map(|(t, _)| t.as_str()).collect();
    assert!(all.iter().any(|(t, _)| t.is_empty()), "the empty text");
    assert!(
        texts.chars().any(|c| c as u32 >= 0x20000 && is_han(c)),
        "a Han character beyond the BMP"
    );
    let table = fold_table(&all);
    assert!(
        table.iter().any(|(from, to)| from != to),
        "a Traditional text that the index folds"
    );
}

#[test]
fn the_rust_tokeniser_gives_every_vectors_tokens() {
    let all = vectors();
    let table = fold_table(&all);
    let wrong: Vec<String> = all
        .iter()
        .filter_map(|(text, expected)| {
            let got = accord::pipeline::render::search::tokens(&folded(text, &table));
            (&got != expected).then(|| format!("{text:?}: expected {expected:?}, got {got:?}"))
        })
        .collect();
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
#[ignore = "needs node"]
fn the_browser_tokeniser_gives_every_vectors_tokens_in_node() {
    require_node();
    let all = vectors();
    let table: BTreeMap<String, String> = fold_table(&all)
        .into_iter()
        .map(|(from, to)| (from.to_string(), to.to_string()))
        .collect();
    let dir = tempfile::tempdir().expect("temp dir");
    let fold = dir.path().join("fold.json");
    std::fs::write(&fold, serde_json::to_string(&table).expect("json")).expect("write fold");
    let output = Command::new("node")
        .arg(repo_root().join("tests/browser/tokens.mjs"))
        .arg(repo_root().join("themes/default/static/tokens.js"))
        .arg(vectors_path())
        .arg(&fold)
        .output()
        .expect("run node");
    let report = String::from_utf8_lossy(&output.stdout);
    println!("{report}");
    assert!(
        output.status.success(),
        "tokens.mjs failed:\n{report}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        report.contains(&format!("{} passed, 0 failed", all.len())),
        "tokens.mjs reported failures:\n{report}"
    );
}
