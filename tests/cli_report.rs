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

#[test]
fn an_entity_no_paragraph_mentions_is_a_warning_that_says_why() {
    let site = common::fixture_site("minimal");
    let entities = site.path().join("content/entities.yaml");
    let mut text = std::fs::read_to_string(&entities).expect("read entities");
    text.push_str(
        "- id: gamma-office\n  kind: agency\n  name: {en: Gamma Office, zh: 伽瑪辦公室}\n  \
         description: Named nowhere in the fixture.\n\
         - id: the-last-sentence\n  kind: agreement\n  name: {en: last sentence of the sample}\n  \
         description: Mentioned once.\n\
         - id: the-sample\n  kind: agreement\n  name: {en: the sample}\n  \
         description: Only inside the longer name above.\n",
    );
    std::fs::write(&entities, text).expect("write entities");
    let out = site.path().join("out");
    let (_, stderr) = build(site.path(), &out, &[]);
    let entity_warnings: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("warning: entity"))
        .collect();
    assert_eq!(
        entity_warnings,
        [
            // The fixture's own entity: its sample names no mechanism.
            "warning: entity `alpha-beta-dialogue` is mentioned in no paragraph by any of its names",
            "warning: entity `gamma-office` is mentioned in no paragraph by any of its names",
            "warning: entity `the-sample` is mentioned in no paragraph: its name occurs only \
             inside the longer name of `the-last-sentence`, which takes the mention",
        ],
        "{stderr}"
    );
}

#[test]
fn a_truncated_text_shows_in_the_metadata_table_recorded_or_suspected() {
    let completeness = |site: &std::path::Path| {
        let page = common::parse_html(&site.join("documents/sample/index.html"));
        common::select(&page, "dl.metadata > div")
            .iter()
            .map(common::text_of)
            .find(|row| row.contains("Completeness"))
    };
    let site = common::fixture_site("minimal");
    let out = site.path().join("out");
    build(site.path(), &out, &[]);
    assert_eq!(completeness(&out), None, "a whole text has no such row");

    // Cut the seed mid-sentence: the lint suspects it and the table says so.
    let seed = site.path().join("seeds/sample.txt");
    let text = std::fs::read_to_string(&seed).unwrap().replace(
        "and this is the last sentence of the sample.",
        "and this is where the scrape of the sample stops without its",
    );
    std::fs::write(&seed, text).unwrap();
    common::record_checksums(site.path());
    let annotation = site.path().join("content/documents/sample.yaml");
    let yaml = std::fs::read_to_string(&annotation).unwrap().replace(
        "end: the last sentence of the sample.",
        "end: stops without its",
    );
    std::fs::write(&annotation, &yaml).unwrap();
    let (_, stderr) = build(site.path(), &out, &[]);
    assert!(stderr.contains("[truncation]"), "{stderr}");
    let row = completeness(&out).expect("a completeness row");
    assert!(row.contains("possibly truncated"), "{row}");

    // Recorded by the editor: stated as a fact, and no longer a warning.
    let yaml = yaml.replace(
        "  languages: [en]\n",
        "  languages: [en]\n  truncated: true\n",
    );
    std::fs::write(&annotation, yaml).unwrap();
    let (_, stderr) = build(site.path(), &out, &[]);
    assert!(!stderr.contains("[truncation]"), "{stderr}");
    let row = completeness(&out).expect("a completeness row");
    assert!(row.contains("truncated: the scrape is cut off"), "{row}");
}
