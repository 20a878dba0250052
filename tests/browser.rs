//! Browser checks in headless Chromium (Debian's `chromium`, driven by
//! playwright-core from `tests/browser/`) and the Nu HTML checker (Java).
//! They are ignored by a plain `cargo test`; `.ci/run` installs the tools
//! and runs them with `cargo test -- --include-ignored`, where a missing
//! tool fails the test.

mod common;

use std::path::PathBuf;
use std::process::Command;

use common::{build_corpus, repo_root, require, require_browser, run_browser_script};

#[test]
#[ignore = "needs chromium"]
fn bilingual_view_in_headless_chromium() {
    require_browser();
    let (_dir, out) = build_corpus();
    run_browser_script("bilingual.mjs", &out);
}

#[test]
#[ignore = "needs chromium"]
fn search_in_headless_chromium_from_file() {
    require_browser();
    let (_dir, out) = build_corpus();
    run_browser_script("search.mjs", &out);
}

#[test]
#[ignore = "needs chromium"]
fn cite_control_in_headless_chromium() {
    require_browser();
    let (_dir, out) = build_corpus();
    run_browser_script("cite.mjs", &out);
}

#[test]
#[ignore = "needs chromium"]
fn accessibility_keyboard_and_screenshots_in_headless_chromium() {
    require_browser();
    let (_dir, out) = build_corpus();
    run_browser_script("quality.mjs", &out);
}

#[test]
#[ignore = "needs java"]
fn every_page_passes_the_nu_html_checker() {
    let jar = repo_root().join("tests/browser/node_modules/vnu-jar/build/dist/vnu.jar");
    let java = Command::new("java")
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success());
    require(
        java,
        "the Nu HTML checker needs java (`apt-get install default-jre-headless`, see .ci/run)",
    );
    require(
        jar.is_file(),
        "the Nu HTML checker needs vnu-jar: run `npm ci --prefix tests/browser` (see .ci/run)",
    );
    let (_dir, out) = build_corpus();
    let pages: Vec<PathBuf> = walkdir::WalkDir::new(&out)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| e.into_path())
        .collect();
    assert!(pages.len() > 50, "{} pages", pages.len());
    let output = Command::new("java")
        .arg("-jar")
        .arg(&jar)
        .args(["--errors-only", "--format", "gnu"])
        .args(&pages)
        .output()
        .expect("run the Nu HTML checker");
    let report = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && report.trim().is_empty(),
        "HTML errors:\n{report}"
    );
}
