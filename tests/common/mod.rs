//! Shared helpers for the end-to-end tests: temporary copies of sites,
//! running the real binary, reading the built output.

#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tempfile::TempDir;

pub mod noisy;

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies `from` into `to`, recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk fixture");
        let target = to.join(entry.path().strip_prefix(from).expect("inside fixture"));
        if entry.file_type().is_dir() {
            fs::create_dir_all(&target).expect("create dir");
        } else {
            fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// A temporary copy of `tests/fixtures/<name>` with the repository's themes.
pub fn fixture_site(name: &str) -> TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    copy_dir(&repo_root().join("tests/fixtures").join(name), dir.path());
    copy_dir(&repo_root().join("themes"), &dir.path().join("themes"));
    dir
}

/// Records the seeds of a test site as they are now in `seeds/SHA256SUMS`,
/// after a test edited one (in a copy, which is no longer the record).
pub fn record_checksums(root: &Path) {
    use sha2::{Digest, Sha256};
    let seeds = root.join("seeds");
    let mut names: Vec<String> = fs::read_dir(&seeds)
        .expect("seeds")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n != "SHA256SUMS" && !n.starts_with('.'))
        .collect();
    names.sort();
    let lines: String = names
        .iter()
        .map(|n| {
            let bytes = fs::read(seeds.join(n)).expect("seed");
            format!("{:x}  {n}\n", Sha256::digest(&bytes))
        })
        .collect();
    fs::write(seeds.join("SHA256SUMS"), lines).expect("write checksums");
}

/// A temporary copy of the bundled corpus (content, seeds, themes).
pub fn corpus_site() -> TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for part in ["content", "seeds", "themes"] {
        copy_dir(&repo_root().join(part), &dir.path().join(part));
    }
    dir
}

/// Runs the `accord` binary with `args`.
pub fn accord(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_accord"))
        .args(args)
        .output()
        .expect("run accord")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Every file under `dir`, as (relative path, bytes), sorted.
pub fn read_tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.expect("walk output"))
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .expect("inside")
                .to_string_lossy()
                .replace('\\', "/");
            (rel, fs::read(e.path()).expect("read output"))
        })
        .collect();
    files.sort();
    files
}

pub fn parse_html(path: &Path) -> scraper::Html {
    scraper::Html::parse_document(
        &fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
    )
}

pub fn select<'a>(doc: &'a scraper::Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
    doc.select(&scraper::Selector::parse(css).expect("valid selector"))
        .collect()
}

/// The text of an element with whitespace collapsed.
pub fn text_of(el: &scraper::ElementRef<'_>) -> String {
    el.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Builds the bundled corpus into a temporary folder: (the folder, the site in it).
pub fn build_corpus() -> (TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("site");
    accord::build(&accord::BuildOptions {
        root: repo_root(),
        out: Some(out.clone()),
        ..Default::default()
    })
    .unwrap_or_else(|e| panic!("the bundled corpus must build: {e}"));
    (dir, out)
}

/// Fails the test with `why` unless `ready`. The tests that need a tool
/// outside the Rust toolchain are `#[ignore = "needs …"]`, so a plain
/// `cargo test` lists them as ignored; run with `--include-ignored` (as
/// `.ci/run` does, after installing every such tool), a missing tool is a
/// failure, never a silent pass.
#[track_caller]
pub fn require(ready: bool, why: &str) {
    assert!(ready, "{why}");
}

/// Requires headless Chromium to be drivable here (node, Debian's chromium,
/// playwright-core from `npm ci --prefix tests/browser`): fails otherwise.
#[track_caller]
pub fn require_browser() {
    let chromium = std::env::var_os("CHROMIUM")
        .map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    let modules = repo_root().join("tests/browser/node_modules/playwright-core");
    require_node();
    require(
        chromium.is_file(),
        &format!(
            "browser checks need Chromium at {} (set CHROMIUM, or `apt-get install chromium`, see .ci/run)",
            chromium.display()
        ),
    );
    require(
        modules.is_dir(),
        "browser checks need playwright-core: run `npm ci --prefix tests/browser` (see .ci/run)",
    );
}

/// Requires `node` on the PATH: fails otherwise.
#[track_caller]
pub fn require_node() {
    let node = Command::new("node")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    require(node, "this test needs node on the PATH (see .ci/run)");
}

/// Runs `tests/browser/<script>` on a built site; screenshots go to
/// `target/screenshots/`. Fails with the script's report if any check failed.
pub fn run_browser_script(script: &str, site: &Path) {
    let shots = repo_root().join("target/screenshots");
    fs::create_dir_all(&shots).expect("screenshot folder");
    let output = Command::new("node")
        .arg(repo_root().join("tests/browser").join(script))
        .arg(site)
        .arg(&shots)
        .output()
        .expect("run node");
    let report = String::from_utf8_lossy(&output.stdout);
    println!("{report}");
    assert!(
        output.status.success(),
        "{script} failed:\n{report}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        report.contains(" 0 failed"),
        "{script} reported failures:\n{report}"
    );
}

/// A synthetic site of `n` documents from `examples/gen_corpus.rs`, built:
/// (the folder, the site in it). `cargo test` builds the examples beside
/// the tests; a test run on its own builds the generator first.
pub fn generated_site(n: usize) -> (TempDir, PathBuf) {
    let exe = std::env::current_exe().expect("test binary");
    let examples = exe
        .parent()
        .and_then(Path::parent)
        .expect("target/<profile>/deps")
        .join("examples");
    let generator = examples.join(format!("gen_corpus{}", std::env::consts::EXE_SUFFIX));
    if !generator.is_file() {
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
        let profile = if cfg!(debug_assertions) {
            "dev"
        } else {
            "release"
        };
        let status = Command::new(cargo)
            .args(["build", "--example", "gen_corpus", "--profile", profile])
            .current_dir(repo_root())
            .status()
            .expect("run cargo");
        assert!(status.success(), "cargo build --example gen_corpus");
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("corpus");
    let made = Command::new(&generator)
        .arg(n.to_string())
        .arg(&root)
        .output()
        .expect("run gen_corpus");
    assert!(made.status.success(), "gen_corpus: {}", stderr(&made));
    let out = dir.path().join("site");
    accord::build(&accord::BuildOptions {
        root,
        out: Some(out.clone()),
        ..Default::default()
    })
    .unwrap_or_else(|e| panic!("the generated corpus must build: {e}"));
    (dir, out)
}
