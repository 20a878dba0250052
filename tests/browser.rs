//! Browser checks in headless Chromium (Debian's `chromium`, driven by
//! playwright-core from `tests/browser/`). `.ci/run` installs both; on a
//! machine without them these tests say so and pass, except under CI, where
//! a missing browser is a failure.

mod common;

use std::path::PathBuf;
use std::process::Command;

use common::{browser_ready, build_corpus, repo_root, run_browser_script, runnable};

#[test]
fn bilingual_view_in_headless_chromium() {
    if !browser_ready() {
        return;
    }
    let (_dir, out) = build_corpus();
    run_browser_script("bilingual.mjs", &out);
}

#[test]
fn search_in_headless_chromium_from_file() {
    if !browser_ready() {
        return;
    }
    let (_dir, out) = build_corpus();
    run_browser_script("search.mjs", &out);
}

#[test]
fn accessibility_keyboard_and_screenshots_in_headless_chromium() {
    if !browser_ready() {
        return;
    }
    let (_dir, out) = build_corpus();
    run_browser_script("quality.mjs", &out);
}

#[test]
fn every_page_passes_the_nu_html_checker() {
    let jar = repo_root().join("tests/browser/node_modules/vnu-jar/build/dist/vnu.jar");
    let java = Command::new("java")
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success());
    let why = "the Nu HTML checker needs java and `npm ci --prefix tests/browser` (see .ci/run)";
    if !runnable(jar.is_file() && java, why) {
        return;
    }
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
