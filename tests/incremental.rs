//! A rebuild that writes only what changed must leave exactly the site a
//! full build makes, and long lists must be split into pages.

mod common;

use std::fs;
use std::path::Path;

use accord::build::{BuildOptions, Cache, build};
use common::{corpus_site, read_tree, select};

fn options(root: &Path, out: &Path) -> BuildOptions {
    BuildOptions {
        root: root.to_owned(),
        out: Some(out.to_owned()),
        ..Default::default()
    }
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} holds {from:?}", path.display());
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// Builds `root` into `out` with the cache (in place after the first build)
/// and into a fresh folder without it, and compares the two trees.
fn assert_same_as_full_build(root: &Path, out: &Path, cache: &mut Cache, what: &str) {
    cache
        .build(&options(root, out))
        .unwrap_or_else(|e| panic!("{what}: {e}"));
    let fresh = tempfile::tempdir().unwrap();
    build(&options(root, &fresh.path().join("site"))).unwrap();
    let incremental = read_tree(out);
    let full = read_tree(&fresh.path().join("site"));
    let names = |t: &[(String, Vec<u8>)]| t.iter().map(|f| f.0.clone()).collect::<Vec<_>>();
    assert_eq!(names(&incremental), names(&full), "{what}: the same files");
    for ((name, a), (_, b)) in incremental.iter().zip(&full) {
        assert!(a == b, "{what}: {name} differs from a full build");
    }
}

#[test]
fn rebuilds_in_place_equal_full_builds() {
    let site = corpus_site();
    let root = site.path();
    // Two documents to a page, so that edits move documents between pages.
    edit(
        &root.join("content/site.yaml"),
        "output_dir: public",
        "output_dir: public\npaginate: 2",
    );
    let out = tempfile::tempdir().unwrap();
    let out = out.path().join("site");
    let mut cache = Cache::default();
    assert_same_as_full_build(root, &out, &mut cache, "first build");
    let written = cache.written.as_ref().map(|w| w.files.len());
    assert!(written.is_some(), "the cache records what was written");

    let docs = root.join("content/documents");
    let lecd = docs.join("2017-lecd-summary-of-outcomes.yaml");
    edit(
        &lecd,
        "title: Summary of outcomes",
        "title: Revised summary of outcomes",
    );
    let glossary = out.join("glossary/index.html");
    let inode = |p: &Path| std::os::unix::fs::MetadataExt::ino(&fs::metadata(p).unwrap());
    let before = inode(&glossary);
    assert_same_as_full_build(root, &out, &mut cache, "a title edited");
    assert_eq!(
        inode(&glossary),
        before,
        "a page that does not show the title was not written again"
    );

    // A later date moves the document to the end of every list.
    edit(&lecd, "event_date: 2017-10-04", "event_date: 2024-10-04");
    assert_same_as_full_build(root, &out, &mut cache, "a date edited");

    edit(
        &docs.join("2015-johnson-guo-ministerial-meeting.yaml"),
        "tags:",
        "related:\n  - document: 2017-white-paper-asia-pacific-security\n    relation: a test relation\ntags:",
    );
    assert_same_as_full_build(root, &out, &mut cache, "a relation added");

    fs::remove_file(docs.join("2017-lecd-xinhua-report.yaml")).unwrap();
    edit(
        &lecd,
        "  - document: 2017-lecd-xinhua-report\n    relation: another account of the same event\n",
        "",
    );
    edit(&lecd, "    see: [\"2017-lecd-xinhua-report#en-7\"]\n", "");
    assert_same_as_full_build(root, &out, &mut cache, "a document deleted");
    assert!(
        !out.join("documents/2017-lecd-xinhua-report").exists(),
        "the deleted document's folder is gone"
    );

    edit(
        &root.join("themes/default/templates/base.html"),
        "</body>",
        "<!-- edited --></body>",
    );
    assert_same_as_full_build(root, &out, &mut cache, "a template edited");
}

#[test]
fn long_lists_are_split_into_linked_pages() {
    let site = corpus_site();
    let root = site.path();
    edit(
        &root.join("content/site.yaml"),
        "output_dir: public",
        "output_dir: public\npaginate: 2",
    );
    let out = tempfile::tempdir().unwrap();
    let out = out.path().join("site");
    build(&options(root, &out)).unwrap();

    // Five documents, two to a page: the comparison table has three pages.
    let compare = out.join("compare");
    let columns = |page: &str| {
        let html = common::parse_html(&compare.join(page));
        select(&html, "#topics-table thead th").len() - 1
    };
    assert_eq!(
        [
            columns("index.html"),
            columns("page-2.html"),
            columns("page-3.html")
        ],
        [2, 2, 1]
    );
    assert!(!compare.join("page-4.html").exists());
    let html = common::parse_html(&compare.join("page-2.html"));
    let pager = select(&html, "nav.pager a");
    let hrefs: Vec<&str> = pager
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(
        hrefs.contains(&"index.html") && hrefs.contains(&"page-3.html"),
        "{hrefs:?}"
    );
    assert_eq!(select(&html, "nav.pager [aria-current=page]").len(), 1);

    // The home page and the timeline list every document: they are split
    // the same way, so an edit rewrites one page of each, not all of them.
    let listed = |page: &Path, selector: &str| {
        let html = common::parse_html(page);
        let hrefs: Vec<String> = select(&html, selector)
            .iter()
            .filter_map(|a| a.value().attr("href").map(str::to_owned))
            .collect();
        (hrefs, select(&html, "nav.pager").len())
    };
    let mut home = Vec::new();
    let mut timeline = Vec::new();
    for (n, file) in ["index.html", "page-2.html", "page-3.html"]
        .iter()
        .enumerate()
    {
        let (docs, pagers) = listed(&out.join(file), ".document-list h3 a");
        assert_eq!(
            (docs.len(), pagers),
            (if n < 2 { 2 } else { 1 }, 1),
            "{file}"
        );
        home.extend(docs);
        let (docs, pagers) = listed(&out.join("timeline").join(file), ".timeline h3 a");
        assert_eq!(
            (docs.len(), pagers),
            (if n < 2 { 2 } else { 1 }, 1),
            "timeline/{file}"
        );
        timeline.extend(docs.into_iter().map(|d| d.replacen("../", "", 1)));
    }
    assert!(!out.join("page-4.html").exists() && !out.join("timeline/page-4.html").exists());
    assert_eq!(
        home, timeline,
        "both list every document once, in date order"
    );
    assert_eq!(
        home.iter().collect::<std::collections::BTreeSet<_>>().len(),
        5
    );

    // Every tag link of every document page leads to the topic page that
    // lists the paragraph, whichever page that is.
    for entry in fs::read_dir(out.join("documents")).unwrap() {
        let page = entry.unwrap().path().join("index.html");
        let html = common::parse_html(&page);
        for a in select(&html, "a[href*='topics/']") {
            let href = a.value().attr("href").unwrap();
            let Some((file, anchor)) = href.split_once('#') else {
                continue;
            };
            let target = page.parent().unwrap().join(file);
            let topic = common::parse_html(&target);
            assert_eq!(
                select(&topic, &format!("[id='{anchor}']")).len(),
                1,
                "{href} from {}",
                page.display()
            );
        }
    }
}
