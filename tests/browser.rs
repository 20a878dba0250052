//! Browser checks in headless Chromium (Debian's `chromium`, driven by
//! playwright-core from `tests/browser/`). `.ci/run` installs both; on a
//! machine without them these tests say so and pass, except under CI, where
//! a missing browser is a failure.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{build_corpus, repo_root};

fn chromium() -> Option<PathBuf> {
    let path = std::env::var_os("CHROMIUM")
        .map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    path.is_file().then_some(path)
}

/// Whether the browser checks can run here; panics under CI when they cannot.
fn browser_available() -> bool {
    let modules = repo_root().join("tests/browser/node_modules/playwright-core");
    let node = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    let ready = chromium().is_some() && modules.is_dir() && node;
    if !ready {
        let why = "browser checks need node, /usr/bin/chromium and `npm ci --prefix tests/browser` (see .ci/run)";
        assert!(std::env::var_os("CI").is_none(), "{why}");
        eprintln!("skipped: {why}");
    }
    ready
}

/// Where screenshots go: `target/screenshots/`.
pub fn screenshot_dir() -> PathBuf {
    let dir = repo_root().join("target/screenshots");
    std::fs::create_dir_all(&dir).expect("screenshot folder");
    dir
}

fn run_script(script: &str, site: &Path) {
    let output = Command::new("node")
        .arg(repo_root().join("tests/browser").join(script))
        .arg(site)
        .arg(screenshot_dir())
        .output()
        .expect("run node");
    let stdout = String::from_utf8_lossy(&output.stdout);
    println!("{stdout}");
    assert!(
        output.status.success(),
        "{script} failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn bilingual_view_in_headless_chromium() {
    if !browser_available() {
        return;
    }
    let (_dir, out) = build_corpus();
    run_script("bilingual.mjs", &out);
}

#[test]
fn search_in_headless_chromium_from_file() {
    if !browser_available() {
        return;
    }
    let (_dir, out) = build_corpus();
    run_script("search.mjs", &out);
}

#[test]
fn accessibility_keyboard_and_screenshots_in_headless_chromium() {
    if !browser_available() {
        return;
    }
    let (_dir, out) = build_corpus();
    run_script("quality.mjs", &out);
}

#[test]
fn every_page_passes_the_nu_html_checker() {
    let jar = repo_root().join("tests/browser/node_modules/vnu-jar/build/dist/vnu.jar");
    let java = Command::new("java")
        .arg("-version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !(jar.is_file() && java) {
        let why =
            "the Nu HTML checker needs java and `npm ci --prefix tests/browser` (see .ci/run)";
        assert!(std::env::var_os("CI").is_none(), "{why}");
        eprintln!("skipped: {why}");
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
