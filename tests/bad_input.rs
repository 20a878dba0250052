//! Bad input: a clear error naming file, line and column, exit code 1, no
//! panic, and the previous output left exactly as it was.

mod common;

use std::fs;
use std::path::Path;

use common::{accord, fixture_site, read_tree, stderr};

/// Builds the fixture once, breaks it with `damage`, builds again, and
/// returns the error output after checking the failure was clean.
fn failing_build(damage: impl FnOnce(&Path)) -> String {
    let site = fixture_site("minimal");
    let root = site.path().to_str().expect("utf-8 path").to_owned();
    let first = accord(&["build", "--root", &root]);
    assert!(
        first.status.success(),
        "the fixture builds: {}",
        stderr(&first)
    );
    let before = read_tree(&site.path().join("public"));

    damage(site.path());
    let second = accord(&["build", "--root", &root]);
    let err = stderr(&second);
    assert_eq!(second.status.code(), Some(1), "exit code 1: {err}");
    assert!(!err.contains("panicked"), "no panic: {err}");
    assert!(err.starts_with("error: "), "{err}");
    assert_eq!(
        read_tree(&site.path().join("public")),
        before,
        "the previous output is untouched"
    );
    let leftovers: Vec<_> = fs::read_dir(site.path())
        .expect("read site")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("staging") || n.contains("previous"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "no staging folder left: {leftovers:?}"
    );
    err
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).expect("read");
    assert!(text.contains(from), "{} contains `{from}`", path.display());
    fs::write(path, text.replacen(from, to, 1)).expect("write");
}

const ANNOTATION: &str = "content/documents/sample.yaml";

/// The line and column the error names in `file` (a path ending), and the
/// rest of the error's first line after them.
fn position<'a>(err: &'a str, file: &str) -> ((usize, usize), &'a str) {
    let first = err.lines().next().unwrap_or_default();
    let at = first
        .find(&format!("{file}:"))
        .unwrap_or_else(|| panic!("the error names {file}: {err}"));
    let rest = &first[at + file.len() + 1..];
    let digits = |s: &'a str| -> (usize, &'a str) {
        let end = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
        let n = s[..end]
            .parse()
            .unwrap_or_else(|_| panic!("a line and column after {file} in `{first}`"));
        (n, &s[end..])
    };
    let (line, rest) = digits(rest);
    let rest = rest
        .strip_prefix(':')
        .unwrap_or_else(|| panic!("a column after {file}:{line} in `{first}`"));
    let (column, rest) = digits(rest);
    ((line, column), rest.trim_start_matches(':').trim_start())
}

/// Asserts the error is at `file:line:column` and its message there starts with `message`.
fn assert_error_at(err: &str, file: &str, line: usize, column: usize, message: &str) {
    let (place, rest) = position(err, file);
    assert_eq!(place, (line, column), "line and column of: {err}");
    assert!(
        rest.starts_with(message),
        "`{message}` at {file}:{line}:{column}: {err}"
    );
}

#[test]
fn malformed_yaml_names_file_line_and_column() {
    let err = failing_build(|root| {
        edit(
            &root.join(ANNOTATION),
            "parties: [Alpha, Beta]",
            "parties: [Alpha, Beta",
        )
    });
    // The `]` is missing at the end of line 8, but YAML reads on: `Beta`
    // and the next line's `document_type` make one plain scalar, and the
    // parser finds the problem at that line's `:` (9:16), and says so.
    assert_error_at(
        &err,
        ANNOTATION,
        9,
        16,
        "illegal placement of ':' indicator",
    );
}

#[test]
fn an_unknown_field_says_which_fields_were_expected() {
    let err = failing_build(|root| edit(&root.join(ANNOTATION), "description:", "descripton:"));
    assert_error_at(
        &err,
        ANNOTATION,
        3,
        1,
        "unknown field `descripton`, expected one of",
    );
    assert!(err.contains("`description`"), "{err}");
}

#[test]
fn an_unknown_field_inside_a_rule_points_at_its_line() {
    let err = failing_build(|root| {
        edit(
            &root.join(ANNOTATION),
            "      why: a spam token",
            "      reason: a spam token",
        )
    });
    assert_error_at(
        &err,
        ANNOTATION,
        20,
        7,
        "unknown field `reason`, expected one of `find`, `with`, `why`",
    );
}

#[test]
fn an_invalid_date_is_rejected_with_what_was_expected() {
    let err = failing_build(|root| {
        edit(
            &root.join(ANNOTATION),
            "published: 2020-05-02",
            "published: 2020-02-31",
        )
    });
    assert_error_at(
        &err,
        ANNOTATION,
        6,
        14,
        "expected a date as YYYY, YYYY-MM or YYYY-MM-DD, found `2020-02-31`",
    );
}

#[test]
fn a_source_url_that_is_not_a_web_address_is_refused() {
    for url in [
        "javascript:alert(5)",
        "data:text/html,hi",
        "JavaScript:void(0)",
    ] {
        let err = failing_build(|root| {
            edit(
                &root.join(ANNOTATION),
                "source_url: unknown",
                &format!("source_url: \"{url}\""),
            )
        });
        assert_error_at(
            &err,
            ANNOTATION,
            11,
            16,
            &format!("expected an http:// or https:// address for source_url, found `{url}`"),
        );
    }
}

#[test]
fn an_edited_seed_fails_its_recorded_checksum() {
    let err = failing_build(|root| {
        let sums = root.join("seeds/SHA256SUMS");
        let line = "0000000000000000000000000000000000000000000000000000000000000000  sample.txt\n";
        fs::write(sums, line).expect("write sums");
    });
    assert_error_at(
        &err,
        "seeds/SHA256SUMS",
        1,
        1,
        "seed `sample.txt` does not match its checksum",
    );
}

#[test]
fn a_missing_seed_names_the_annotation_line() {
    let err =
        failing_build(|root| fs::remove_file(root.join("seeds/sample.txt")).expect("remove seed"));
    assert_error_at(&err, ANNOTATION, 1, 7, "seed `sample.txt` not found");
}

#[test]
fn invalid_utf8_in_a_seed_names_the_byte_offset() {
    let err = failing_build(|root| {
        let path = root.join("seeds/sample.txt");
        let mut bytes = fs::read(&path).expect("read seed");
        bytes[30] = 0xFF;
        fs::write(&path, bytes).expect("write seed");
    });
    // Line 1 is `Home / News / Menu` and its newline, bytes 0 to 18, so
    // byte 30 is the twelfth of line 2.
    assert_error_at(
        &err,
        "seeds/sample.txt",
        2,
        12,
        "(byte offset 30): invalid UTF-8",
    );
}

#[test]
fn a_broken_template_names_the_template_line_and_column() {
    const TEMPLATE: &str = "themes/default/templates/document.html";
    let mut block_line = 0;
    let err = failing_build(|root| {
        let path = root.join(TEMPLATE);
        let text = fs::read_to_string(&path).expect("read");
        block_line = 1 + text
            .lines()
            .position(|line| line.starts_with("{% block main %}"))
            .expect("the template opens a main block");
        edit(
            &path,
            "{% block main %}",
            "{% block main %}\n{{ view.title ",
        );
    });
    // The line after `{% block main %}` is now `{{ view.title ` and the next
    // `<article class="document">`: the parser reads `view.title <article`
    // as a comparison and stops at `class`, column 10, where it shows the
    // caret. The line is counted from the template so a change to its head
    // does not break the test, but the assertion stays exact.
    let line = block_line + 2;
    assert_error_at(&err, TEMPLATE, line, 10, "template does not parse");
    assert!(err.contains(&format!(" --> {line}:10\n")), "{err}");
}

#[test]
fn a_rule_that_matches_nothing_is_an_error_at_the_rule() {
    let err =
        failing_build(|root| edit(&root.join(ANNOTATION), "find: SPAMWORD", "find: NOSUCHWORD"));
    assert_error_at(
        &err,
        ANNOTATION,
        18,
        13,
        "cleaning[1] replace: expected the seed to contain `NOSUCHWORD`, found none",
    );
}

#[test]
fn a_missing_metadata_field_asks_for_unknown() {
    let err = failing_build(|root| edit(&root.join(ANNOTATION), "  publisher: unknown\n", ""));
    // At the `metadata:` key, line 4, whose mapping lacks the field.
    assert_error_at(
        &err,
        ANNOTATION,
        4,
        1,
        "field `publisher` is missing: expected a value, or `unknown` when it is not known",
    );
}

#[test]
fn an_unknown_related_document_lists_the_valid_ones() {
    let err = failing_build(|root| {
        let path = root.join(ANNOTATION);
        let text = fs::read_to_string(&path).expect("read")
            + "related:\n  - document: nope\n    relation: same event\n";
        fs::write(path, text).expect("write");
    });
    // Line 23 is `  - document: nope`.
    assert_error_at(
        &err,
        ANNOTATION,
        23,
        15,
        "related document `nope` does not exist: expected one of sample",
    );
}

#[test]
fn the_fixture_builds_with_its_rules_applied() {
    let site = fixture_site("minimal");
    let out = site.path().join("elsewhere");
    let output = accord(&[
        "build",
        "--root",
        site.path().to_str().expect("utf-8"),
        "--out",
        out.to_str().expect("utf-8"),
    ]);
    assert!(output.status.success(), "{}", stderr(&output));
    let page = fs::read_to_string(out.join("documents/sample/index.html")).expect("document page");
    assert!(page.contains("deepen cooperation on many matters"));
    assert!(
        !page.contains("SPAMWORD") && !page.contains("Copyright") && !page.contains("Home / News")
    );
    assert!(out.join("about/index.html").is_file());
    assert!(
        !site.path().join("public").exists(),
        "--out replaces the default output folder"
    );
}

fn append(path: &Path, text: &str) {
    let mut all = fs::read_to_string(path).expect("read");
    all.push_str(text);
    fs::write(path, all).expect("write");
}

#[test]
fn an_unknown_topic_id_lists_the_valid_ones_and_suggests_the_closest() {
    let err = failing_build(|root| {
        append(
            &root.join(ANNOTATION),
            "tags:\n  - segment: en-2\n    add: [coopration]\n",
        )
    });
    // Line 24 is `    add: [coopration]`.
    assert_error_at(
        &err,
        ANNOTATION,
        24,
        11,
        "unknown topic `coopration`: expected one of cooperation, matters; did you mean `cooperation`?",
    );
}

#[test]
fn an_unknown_mechanism_suggests_the_closest_entity() {
    let err = failing_build(|root| {
        edit(
            &root.join(ANNOTATION),
            "  languages: [en]\n",
            "  languages: [en]\n  mechanism: alpha-beta-dialog\n",
        )
    });
    // Line 13 is `  mechanism: alpha-beta-dialog`.
    assert_error_at(
        &err,
        ANNOTATION,
        13,
        14,
        "unknown mechanism `alpha-beta-dialog`: expected one of alpha-beta-dialogue; did you mean `alpha-beta-dialogue`?",
    );
}

#[test]
fn a_note_on_a_missing_segment_names_the_valid_anchors() {
    let err = failing_build(|root| {
        append(
            &root.join(ANNOTATION),
            "notes:\n  - on: [en-9]\n    text: A note.\n",
        )
    });
    // Line 23 is `  - on: [en-9]`.
    assert_error_at(
        &err,
        ANNOTATION,
        23,
        10,
        "unknown segment `en-9`: expected one of en-1, en-2, en-3",
    );
}

/// 136 KB of topics whose one long keyword is aliased 10,000 times, which
/// would expand to nearly a gigabyte: refused by the YAML budget.
#[test]
fn an_alias_bomb_in_the_topics_is_refused() {
    let err = failing_build(|root| {
        let keyword = "a".repeat(96 * 1024);
        let aliases = ", *k".repeat(10_000);
        let bomb = format!(
            "- id: bomb\n  label: {{en: Bomb}}\n  description: x\n  keywords:\n    en: [&k {keyword}{aliases}]\n"
        );
        fs::write(root.join("content/topics.yaml"), bomb).expect("write topics");
    });
    assert!(err.contains("topics.yaml:5:"), "{err}");
    assert!(err.contains("(an alias bomb is refused)"), "{err}");
}

#[test]
fn deep_nesting_in_an_annotation_is_refused() {
    let err = failing_build(|root| {
        let deep = format!("- {}\n", "[".repeat(1024 * 1024));
        fs::write(root.join("content/entities.yaml"), deep).expect("write entities");
    });
    assert!(err.contains("entities.yaml:1:"), "{err}");
    assert!(
        err.contains("nested too deeply: expected lists and mappings at most 32 deep"),
        "{err}"
    );
}

#[test]
fn a_yaml_file_over_4_mib_is_refused_naming_it() {
    let err = failing_build(|root| {
        append(
            &root.join(ANNOTATION),
            &format!("# {}\n", "x".repeat(4 * 1024 * 1024)),
        )
    });
    assert!(
        err.contains("sample.yaml: the file is ") && err.contains("expected at most 4 MiB"),
        "{err}"
    );
}

#[test]
fn an_unterminated_quote_is_reported_where_it_opens_with_the_line() {
    let err = failing_build(|root| {
        edit(
            &root.join(ANNOTATION),
            "description: Two sides agree on things.",
            "description: \"Two sides agree on things.",
        )
    });
    assert!(err.contains("sample.yaml:3:14: unclosed quote"), "{err}");
    assert!(
        err.contains("\n  3 | description: \"Two sides agree on things.\n    |              ^"),
        "{err}"
    );
}

#[test]
fn pages_and_annotations_with_crlf_and_a_byte_order_mark_build() {
    let site = fixture_site("minimal");
    for rel in ["content/pages/about.md", ANNOTATION, "content/topics.yaml"] {
        let path = site.path().join(rel);
        let text = fs::read_to_string(&path).expect("read");
        let crlf = format!("\u{feff}{}", text.replace('\n', "\r\n"));
        fs::write(&path, crlf).expect("write");
    }
    let root = site.path().to_str().expect("utf-8 path");
    let output = accord(&["build", "--root", root]);
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(site.path().join("public/about/index.html").is_file());
}

#[test]
fn a_swap_killed_halfway_then_a_failing_build_still_leaves_the_last_site() {
    let err = failing_build(|root| {
        // What a kill between moving the old site aside and moving the new
        // one in leaves, on a system without an atomic exchange.
        fs::rename(root.join("public"), root.join(".public.previous")).unwrap();
        edit(
            &root.join("content/documents/sample.yaml"),
            "find: SPAMWORD",
            "find: NOWHERE",
        );
    });
    assert!(err.contains("NOWHERE"), "{err}");
}

#[test]
fn an_output_folder_inside_the_inputs_is_refused() {
    let err = failing_build(|root| {
        let config = root.join("content/site.yaml");
        let text = fs::read_to_string(&config).unwrap();
        fs::write(&config, format!("{text}output_dir: content/site-out\n")).unwrap();
    });
    assert!(
        err.contains("site.yaml") && err.contains("inside the site's content/ folder"),
        "{err}"
    );
}

#[test]
fn a_seed_without_a_recorded_checksum_is_refused() {
    let err = failing_build(|root| {
        fs::write(root.join("seeds/SHA256SUMS"), "").unwrap();
    });
    assert!(
        err.contains("sample.yaml:1:7") && err.contains("has no checksum"),
        "{err}"
    );
}

#[cfg(unix)]
#[test]
fn a_seed_that_is_a_symbolic_link_is_refused() {
    let err = failing_build(|root| {
        let seed = root.join("seeds/sample.txt");
        let elsewhere = root.join("elsewhere.txt");
        fs::rename(&seed, &elsewhere).unwrap();
        std::os::unix::fs::symlink(&elsewhere, &seed).unwrap();
    });
    assert!(err.contains("is a symbolic link"), "{err}");
}

#[test]
fn raw_html_that_runs_script_in_an_editorial_page_is_removed_and_named() {
    let site = fixture_site("minimal");
    let root = site.path().to_str().expect("utf-8 path");
    append(
        &site.path().join("content/pages/about.md"),
        "\n<p onclick=\"steal()\">Read <abbr title=\"Ministry of Public Security\">MPS</abbr>.</p>\n\n\
         [a link](javascript:alert(1))\n\n<script>alert(2)</script>\n",
    );
    let built = accord(&["build", "--root", root]);
    let err = stderr(&built);
    assert!(built.status.success(), "{err}");
    for (line, what) in [
        (13, "onclick=\"steal()\" on <p>"),
        (15, "href=\"javascript:alert(1)\" on <a>"),
        (17, "<script>"),
    ] {
        assert!(
            err.contains(&format!("about.md:{line}: raw HTML removed"))
                && err.lines().any(|l| l.ends_with(what)),
            "line {line}, {what}: {err}"
        );
    }
    let page = common::parse_html(&site.path().join("public/about/index.html"));
    assert!(common::select(&page, "script:not([src])").is_empty());
    assert!(common::select(&page, "[onclick], a[href^='javascript']").is_empty());
    assert_eq!(
        common::select(&page, "abbr[title='Ministry of Public Security']").len(),
        1,
        "formatting HTML is kept"
    );
    // What the sanitiser took out, `accord check` would have reported.
    let checked = accord(&["check", "--root", root]);
    assert!(checked.status.success(), "{}", stderr(&checked));
}

#[test]
fn check_reports_script_a_theme_brings_in() {
    let site = fixture_site("minimal");
    let root = site.path().to_str().expect("utf-8 path");
    edit(
        &site.path().join("themes/default/templates/base.html"),
        "<footer class=\"site-footer\">",
        "<footer class=\"site-footer\" onmouseover=\"track()\"><a href=\"javascript:void(0)\">x</a>",
    );
    let checked = accord(&["check", "--root", root]);
    let out = String::from_utf8_lossy(&checked.stdout).into_owned() + &stderr(&checked);
    assert_eq!(checked.status.code(), Some(1), "{out}");
    assert!(
        out.contains("onmouseover=\"track()\"") && out.contains("inline event handler"),
        "{out}"
    );
    assert!(out.contains("a `javascript` URL"), "{out}");
}

#[test]
fn a_macro_that_calls_itself_is_refused_before_it_can_overflow_the_stack() {
    let err = failing_build(|root| {
        append(
            &root.join("themes/default/templates/partials/macros.html"),
            "\n{% macro forever(n) %}{{ self::forever(n=n+1) }}{% endmacro forever %}\n",
        );
        // Called from a page, so without the refusal the build would abort.
        edit(
            &root.join("themes/default/templates/home.html"),
            "{% block main %}",
            "{% block main %}{{ m::forever(n=0) }}",
        );
    });
    assert!(
        err.contains("partials/macros.html:") && err.contains("recurses without end"),
        "{err}"
    );
    assert!(
        err.contains("macro `forever` (partials/macros.html) calls macro `forever`"),
        "{err}"
    );
}

#[test]
fn a_bilingual_document_too_long_for_the_aligner_is_paired_in_order_and_says_so() {
    let site = fixture_site("minimal");
    let root = site.path().to_str().expect("utf-8 path");
    let mut seed = String::from("Home / News / Menu\nSample Statement Title\n\n");
    for i in 0..1100 {
        seed.push_str(&format!("第{i}条 双方同意在许多事项上深化合作。\n\n"));
    }
    for i in 0..1100 {
        seed.push_str(&format!(
            "Article {i}: the sides agreed to deepen cooperation.\n\n"
        ));
    }
    seed.push_str(
        "Both sides will continue SPAMWORD, and this is the last sentence of the sample.\n",
    );
    fs::write(site.path().join("seeds/sample.txt"), seed).unwrap();
    common::record_checksums(site.path());
    edit(
        &site.path().join(ANNOTATION),
        "languages: [en]",
        "languages: [zh, en]",
    );
    let built = accord(&["build", "--root", root]);
    let out = String::from_utf8_lossy(&built.stdout).into_owned();
    assert!(built.status.success(), "{}", stderr(&built));
    assert!(
        out.contains(
            "1100 Chinese and 1102 English segments are more than the automatic aligner weighs"
        ),
        "{out}"
    );
}

#[test]
fn control_characters_in_a_seed_are_removed_recorded_and_their_rule_suggested() {
    let site = fixture_site("minimal");
    let root = site.path().to_str().expect("utf-8 path");
    let seed = site.path().join("seeds/sample.txt");
    edit(&seed, "deepen SPAMWORD on", "deepen\u{b}SPAMWORD on\u{7}");
    edit(&seed, "Both sides", "Both side\u{92}s");
    common::record_checksums(site.path());
    let built = accord(&["build", "--root", root]);
    let err = stderr(&built);
    assert!(built.status.success(), "{err}");
    let page = fs::read_to_string(site.path().join("public/documents/sample/index.html")).unwrap();
    assert!(
        !page.chars().any(|c| c.is_control() && !c.is_whitespace()),
        "no control character is published"
    );
    assert!(
        page.contains("deepen cooperation on many matters"),
        "VT between words became a space"
    );
    for (code, line) in [("U+000B", 3), ("U+0007", 3), ("U+0092", 4)] {
        assert!(
            err.lines()
                .any(|l| l.contains(&format!("sample.txt:{line}):"))
                    && l.contains("[control character]")
                    && l.contains(code)),
            "{code}: {err}"
        );
    }
    assert!(
        err.contains(
            r#"suggested: - replace: {find: "\u000B", with: " ", why: control character}"#
        ),
        "{err}"
    );

    // The suggested rules, the C1 one with the character it stood for, make the edits the editor's own.
    edit(
        &site.path().join(ANNOTATION),
        "      why: a spam token in place of a word\n",
        "      why: a spam token in place of a word\n  \
         - replace: {find: \"\\u000B\", with: \" \", why: control character}\n  \
         - replace: {find: \"\\u0007\", with: \"\", why: control character}\n  \
         - replace: {find: \"\\u0092\", with: \"\", why: a stray C1 byte}\n",
    );
    let rebuilt = accord(&["build", "--root", root]);
    let err = stderr(&rebuilt);
    assert!(rebuilt.status.success(), "{err}");
    assert!(!err.contains("control character"), "{err}");
}

#[test]
fn a_participant_who_is_not_a_person_is_refused_at_the_id() {
    let err = failing_build(|root| {
        edit(
            &root.join(ANNOTATION),
            "  languages: [en]\n",
            "  languages: [en]\n  participants: [alpha-beta-dialogue]\n",
        );
    });
    assert_error_at(
        &err,
        ANNOTATION,
        13,
        18,
        "unknown person `alpha-beta-dialogue`",
    );
    assert!(err.contains("there is none of that kind"), "{err}");
}

#[test]
fn check_reports_a_control_character_an_annotation_value_brings_in() {
    let site = fixture_site("minimal");
    let root = site.path().to_str().expect("utf-8 path");
    edit(
        &site.path().join(ANNOTATION),
        "title: A sample statement",
        "title: \"A sample\\a statement\"",
    );
    let checked = accord(&["check", "--root", root]);
    let out = String::from_utf8_lossy(&checked.stdout).into_owned() + &stderr(&checked);
    assert_eq!(checked.status.code(), Some(1), "{out}");
    assert!(
        out.contains("documents/sample/index.html") && out.contains("U+0007 after"),
        "{out}"
    );
}
