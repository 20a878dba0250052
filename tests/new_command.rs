//! `accord new` as an editor runs it: the real binary on a copy of a site,
//! then `accord build` on what it wrote.

mod common;

use std::fs;
use std::path::Path;

use common::{accord, fixture_site, parse_html, read_tree, select, stderr, text_of};
use sha2::{Digest, Sha256};

/// A scrape of the kind the corpus grows by: site chrome around a short
/// statement, one spam token standing for a word.
const SCRAPE: &str = "\
Skip to main content
Home | About Us | News | Press Releases | Contact
You are here: Home > News > Press Releases
Search this site

Ministers Agree on Joint Measures Against Cross-Border Fraud
Published: March 14, 2024 | Updated: March 15, 2024
Share: Facebook | Twitter | WeChat | Print

Canberra, 14 March 2024 - Ministers of Australia and China met today to review cooperation against telecommunications fraud and money laundering.
The two sides agreed to exchange information on fraud networks through the existing liaison channel, and to return fugitives in accordance with the law of each country.
Australia and China will hold the next meeting of the 皇冠体育app dialogue in Beijing in 2025, and will report its outcomes to the public.
Both ministers noted that the measures respect the sovereignty of each country and the rights of the people concerned.

Editor: Li Ming
Related stories
- Police chiefs meet in Sydney
- New hotline for fraud victims opens
Copyright 2024 Example News. All rights reserved.
";

fn write_scrape(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    fs::write(&path, text).expect("write scrape");
    path
}

fn run_new(root: &Path, seed: &Path, slug: Option<&str>) -> std::process::Output {
    let mut args = vec![
        "new",
        "--root",
        root.to_str().unwrap(),
        seed.to_str().unwrap(),
    ];
    if let Some(slug) = slug {
        args.extend(["--slug", slug]);
    }
    accord(&args)
}

fn build(root: &Path) -> std::process::Output {
    accord(&["build", "--root", root.to_str().unwrap()])
}

fn only_draft(root: &Path, except: &str) -> std::path::PathBuf {
    let drafts: Vec<_> = fs::read_dir(root.join("content/documents"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.file_name().unwrap() != except)
        .collect();
    assert_eq!(drafts.len(), 1, "{drafts:?}");
    drafts.into_iter().next().unwrap()
}

#[test]
fn a_new_scrape_is_placed_drafted_and_builds_once_its_placeholder_is_filled() {
    let site = fixture_site("minimal");
    let root = site.path();
    let outside = tempfile::tempdir().unwrap();
    let seed = write_scrape(outside.path(), "fraud-2024.txt", SCRAPE);

    let out = run_new(root, &seed, None);
    assert!(out.status.success(), "{}", stderr(&out));
    let printed = String::from_utf8_lossy(&out.stdout);
    assert!(printed.contains("wrote content/documents/"), "{printed}");

    // The seed is copied byte for byte and its checksum recorded.
    assert_eq!(
        fs::read(root.join("seeds/fraud-2024.txt")).unwrap(),
        SCRAPE.as_bytes()
    );
    let sums = fs::read_to_string(root.join("seeds/SHA256SUMS")).unwrap();
    let digest = format!("{:x}", Sha256::digest(SCRAPE.as_bytes()));
    assert!(
        sums.lines()
            .any(|l| l == format!("{digest}  fraud-2024.txt")),
        "{sums}"
    );

    // The draft is YAML an editor can read: a guess carries its evidence.
    let draft_path = only_draft(root, "sample.yaml");
    let draft = fs::read_to_string(&draft_path).unwrap();
    #[derive(serde::Deserialize)]
    struct Head {
        title: String,
    }
    let head: Head = serde_saphyr::from_str(&draft).expect("the draft is YAML");
    assert_eq!(
        head.title,
        "Ministers Agree on Joint Measures Against Cross-Border Fraud"
    );
    assert!(draft.contains("# guess:"), "{draft}");

    // Unchanged, it is refused for the one word only the editor knows.
    let refused = build(root);
    assert!(!refused.status.success());
    let message = stderr(&refused);
    assert!(
        message.contains("placeholder") && message.contains("皇冠体育app"),
        "{message}"
    );

    let filled = draft.replace(accord::pipeline::clean::lint::PLACEHOLDER, "ministerial");
    fs::write(&draft_path, filled).unwrap();
    let built = build(root);
    assert!(built.status.success(), "{}", stderr(&built));

    let slug = draft_path.file_stem().unwrap().to_str().unwrap();
    let page = parse_html(&root.join(format!("public/documents/{slug}/index.html")));
    let paragraphs: Vec<String> = select(&page, "article p[id]").iter().map(text_of).collect();
    assert_eq!(paragraphs.len(), 4, "{paragraphs:#?}");
    assert!(
        paragraphs[0].contains("Canberra, 14 March 2024 - Ministers"),
        "{paragraphs:#?}"
    );
    assert!(
        paragraphs[2].contains("ministerial dialogue"),
        "{paragraphs:#?}"
    );
    for chrome in [
        "Share:",
        "Editor:",
        "Copyright",
        "Related stories",
        "You are here",
    ] {
        assert!(
            paragraphs.iter().all(|p| !p.contains(chrome)),
            "{chrome} kept"
        );
    }
}

#[test]
fn it_never_overwrites_a_seed_a_checksum_or_an_annotation() {
    let site = fixture_site("minimal");
    let root = site.path();
    let outside = tempfile::tempdir().unwrap();
    let seed = write_scrape(outside.path(), "fraud-2024.txt", SCRAPE);
    assert!(run_new(root, &seed, Some("fraud")).status.success());
    let before = read_tree(root);

    // The same seed again: it is annotated already.
    let again = run_new(root, &seed, Some("fraud-again"));
    assert!(!again.status.success());
    assert!(
        stderr(&again).contains("fraud-2024.txt"),
        "{}",
        stderr(&again)
    );

    // Another seed under a slug that is taken.
    let other = write_scrape(
        outside.path(),
        "other.txt",
        &SCRAPE.replace("Canberra", "Sydney"),
    );
    let taken = run_new(root, &other, Some("fraud"));
    assert!(!taken.status.success());
    assert!(stderr(&taken).contains("fraud.yaml"), "{}", stderr(&taken));

    // Other bytes under the name of a seed in seeds/.
    let renamed = tempfile::tempdir().unwrap();
    let clash = write_scrape(renamed.path(), "fraud-2024.txt", "Other text entirely.\n");
    let differs = run_new(root, &clash, None);
    assert!(!differs.status.success());
    assert!(
        stderr(&differs).contains("never overwritten"),
        "{}",
        stderr(&differs)
    );

    assert_eq!(read_tree(root), before, "a refused run changed the site");
}

#[test]
fn a_seed_already_in_seeds_is_drafted_in_place() {
    let site = fixture_site("minimal");
    let root = site.path();
    let seed = write_scrape(&root.join("seeds"), "fraud-2024.txt", SCRAPE);
    let out = run_new(root, &seed, Some("fraud"));
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(root.join("content/documents/fraud.yaml").is_file());
    let sums = fs::read_to_string(root.join("seeds/SHA256SUMS")).unwrap();
    let names: Vec<&str> = sums
        .lines()
        .filter_map(|l| l.split_once("  "))
        .map(|(_, n)| n)
        .collect();
    assert_eq!(names, ["sample.txt", "fraud-2024.txt"], "{sums}");
}
