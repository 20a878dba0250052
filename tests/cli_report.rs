//! What `accord build` prints: warnings of one kind capped unless
//! `--verbose`, stage times with `--timings`.

mod common;

use std::process::Command;

fn build(root: &std::path::Path, out: &std::path::Path, flags: &[&str]) -> (String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_accord"))
        .args(["build", "--root"])
        .arg(root)
        .arg("--out")
        .arg(out)
        .args(flags)
        .output()
        .expect("run accord build");
    assert!(output.status.success(), "build failed: {output:?}");
    (
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn topic_warnings(stderr: &str) -> usize {
    stderr
        .lines()
        .filter(|l| l.starts_with("warning:") && l.contains("no topic"))
        .count()
}

#[test]
fn repeated_warnings_are_capped_unless_verbose() {
    let (dir, _) = common::generated_site(60);
    let root = dir.path().join("corpus");
    let out = dir.path().join("again");

    let (_, verbose) = build(&root, &out, &["--verbose"]);
    let all = topic_warnings(&verbose);
    assert!(
        all > 20,
        "the generated corpus has many untagged paragraphs"
    );
    assert!(!verbose.contains("--verbose shows them all"));

    let (stdout, quiet) = build(&root, &out, &["--timings"]);
    assert_eq!(topic_warnings(&quiet), 20);
    assert!(
        quiet.contains(&format!(
            "… and {} more topic warnings (--verbose shows them all)",
            all - 20
        )),
        "{quiet}"
    );
    assert!(stdout.contains("built 60 documents"), "{stdout}");
    for stage in ["load", "process", "search index", "render and write"] {
        assert!(
            stdout
                .lines()
                .any(|l| l.trim_start().starts_with(stage) && l.trim_end().ends_with(" ms")),
            "--timings prints the {stage} stage: {stdout}"
        );
    }
}
