//! The data exports read back and checked against the site they came
//! with: every paragraph of `data/corpus.json` is on its page with the same
//! text, language and entities; `data/paragraphs.csv` holds the same rows;
//! the JSON validates against the schema published beside it.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::process::Command;

use common::{build_corpus, parse_html, require, select, text_of};
use scraper::Html;
use serde_json::Value;

fn corpus(site: &Path) -> Value {
    let bytes = std::fs::read(site.join("data/corpus.json")).expect("corpus.json is written");
    serde_json::from_slice(&bytes).expect("corpus.json parses")
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .expect("an array")
        .iter()
        .map(|v| v.as_str().expect("a string").to_owned())
        .collect()
}

fn select_within<'a>(el: &scraper::ElementRef<'a>, css: &str) -> Vec<scraper::ElementRef<'a>> {
    el.select(&scraper::Selector::parse(css).expect("selector"))
        .collect()
}

/// The entity ids that the mentions inside `el` link to.
fn linked_entities(el: &scraper::ElementRef<'_>) -> BTreeSet<String> {
    select_within(el, "a.mention")
        .into_iter()
        .filter_map(|a| a.value().attr("href"))
        .filter_map(|href| href.split("entities/").nth(1))
        .map(|rest| rest.trim_end_matches("/index.html").to_owned())
        .collect()
}

#[test]
fn every_exported_paragraph_is_on_its_page_as_exported() {
    let (_dir, site) = build_corpus();
    let corpus = corpus(&site);
    let documents = corpus["documents"].as_array().expect("documents");
    assert_eq!(documents.len(), 5);
    let entity_ids: BTreeSet<String> = corpus["entities"]
        .as_array()
        .expect("entities")
        .iter()
        .map(|e| e["id"].as_str().expect("id").to_owned())
        .collect();
    let topic_ids: BTreeSet<String> = corpus["topics"]
        .as_array()
        .expect("topics")
        .iter()
        .map(|t| t["id"].as_str().expect("id").to_owned())
        .collect();
    let mut checked = 0;
    for doc in documents {
        let page = parse_html(&site.join(doc["url"].as_str().expect("url")));
        let title = select(&page, "h1").iter().map(text_of).collect::<String>();
        assert_eq!(doc["metadata"]["title"], title.as_str());
        let mut anchors = BTreeSet::new();
        for p in doc["paragraphs"].as_array().expect("paragraphs") {
            anchors.insert(p["id"].as_str().expect("id").to_owned());
            check_paragraph(&page, doc, p, &entity_ids, &topic_ids);
            checked += 1;
        }
        check_alignment_and_notes(doc, &anchors);
    }
    assert_eq!(checked, 87, "paragraphs in the bundled corpus");
    let bilingual = documents
        .iter()
        .find(|d| d["slug"] == "2023-china-australia-law-enforcement-working-group")
        .expect("the 2023 statement");
    assert!(!bilingual["alignment"].as_array().unwrap().is_empty());
    let white_paper = documents
        .iter()
        .find(|d| d["slug"] == "2017-white-paper-asia-pacific-security")
        .expect("the white paper");
    assert!(
        white_paper["metadata"]["publisher"].is_null(),
        "an unknown publisher is null"
    );
}

/// One exported paragraph against its element on the document's page.
fn check_paragraph(
    page: &Html,
    doc: &Value,
    p: &Value,
    entity_ids: &BTreeSet<String>,
    topic_ids: &BTreeSet<String>,
) {
    let id = p["id"].as_str().expect("id");
    let url = p["url"].as_str().expect("url");
    assert_eq!(url, format!("{}#{id}", doc["url"].as_str().unwrap()));
    let found = select(page, &format!("[id=\"{id}\"]"));
    let el = found.first().unwrap_or_else(|| panic!("{url}: no element"));
    assert_eq!(el.value().attr("lang"), p["lang"].as_str(), "{url}");
    let normalise = |s: &str| s.split_whitespace().collect::<String>();
    let whole = text_of(el);
    let whole = whole.strip_prefix(id).unwrap_or(&whole).trim();
    let text = p["text"].as_str().expect("text");
    let number = p["number"].as_str().unwrap_or_default();
    assert!(whole.starts_with(number), "{url}: {whole}");
    // A Chinese paragraph shows its text as written (`.hant`) beside
    // a simplified rendering (`.hans`) for the script toggle.
    let written = select_within(el, ".hant");
    let shown = match written.first() {
        Some(hant) => text_of(hant),
        None => whole[number.len()..].to_owned(),
    };
    assert_eq!(normalise(&shown), normalise(text), "{url}");
    let exported: BTreeSet<String> = strings(&p["entities"]).into_iter().collect();
    assert_eq!(exported, linked_entities(el), "{url}");
    assert!(exported.is_subset(entity_ids), "{url}");
    assert!(
        strings(&p["topics"]).iter().all(|t| topic_ids.contains(t)),
        "{url}"
    );
}

/// Every paragraph of a bilingual document sits in one alignment row, and
/// every note is on a paragraph of its document.
fn check_alignment_and_notes(doc: &Value, anchors: &BTreeSet<String>) {
    let aligned: Vec<String> = doc["alignment"]
        .as_array()
        .expect("alignment")
        .iter()
        .flat_map(|row| strings(&row["zh"]).into_iter().chain(strings(&row["en"])))
        .collect();
    if !aligned.is_empty() {
        let unique: BTreeSet<String> = aligned.iter().cloned().collect();
        assert_eq!(unique.len(), aligned.len(), "each paragraph in one row");
        assert_eq!(
            unique, *anchors,
            "every paragraph of a bilingual document is aligned"
        );
    }
    for note in doc["notes"].as_array().expect("notes") {
        for on in strings(&note["on"]) {
            assert!(
                anchors.contains(&on),
                "a note on {on}, which is no paragraph"
            );
        }
    }
}

#[test]
fn the_csv_holds_the_same_paragraphs_as_the_json() {
    let (_dir, site) = build_corpus();
    let corpus = corpus(&site);
    let mut reader = csv::Reader::from_path(site.join("data/paragraphs.csv")).expect("csv");
    let header: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(str::to_owned)
        .collect();
    let rows: Vec<BTreeMap<String, String>> = reader
        .records()
        .map(|r| {
            let r = r.expect("a well-formed row");
            header
                .iter()
                .cloned()
                .zip(r.iter().map(str::to_owned))
                .collect()
        })
        .collect();
    let paragraphs: Vec<(&Value, &Value)> = corpus["documents"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|d| {
            d["paragraphs"]
                .as_array()
                .unwrap()
                .iter()
                .map(move |p| (d, p))
        })
        .collect();
    assert_eq!(rows.len(), paragraphs.len());
    for (row, (doc, p)) in rows.iter().zip(paragraphs) {
        assert_eq!(row["document"], doc["slug"].as_str().unwrap());
        assert_eq!(row["paragraph"], p["id"].as_str().unwrap());
        assert_eq!(row["url"], p["url"].as_str().unwrap());
        assert_eq!(row["lang"], p["lang"].as_str().unwrap());
        assert_eq!(row["text"], p["text"].as_str().unwrap());
        assert_eq!(row["number"], p["number"].as_str().unwrap_or_default());
        assert_eq!(row["topics"], strings(&p["topics"]).join(";"));
        assert_eq!(row["entities"], strings(&p["entities"]).join(";"));
        assert_eq!(row["seed_line"], p["seed_line"].to_string());
    }
}

#[test]
#[ignore = "needs python3 with the jsonschema package (see .ci/run)"]
fn the_corpus_validates_against_its_published_schema() {
    let (_dir, site) = build_corpus();
    let script = "import json, sys, jsonschema\n\
                  schema = json.load(open(sys.argv[1]))\n\
                  jsonschema.Draft202012Validator.check_schema(schema)\n\
                  validator = jsonschema.Draft202012Validator(schema)\n\
                  corpus = json.load(open(sys.argv[2]))\n\
                  validator.validate(corpus)\n\
                  corpus['documents'][0]['paragraphs'][0]['seed_line'] = 0\n\
                  assert not validator.is_valid(corpus), 'the schema must catch a bad line'\n\
                  print('valid')";
    let output = Command::new("python3")
        .args(["-c", script])
        .arg(site.join("data/corpus.schema.json"))
        .arg(site.join("data/corpus.json"))
        .output();
    let output = output.expect("python3 runs");
    require(
        output.status.success(),
        &format!(
            "the corpus does not validate (or jsonschema is missing): {}",
            String::from_utf8_lossy(&output.stderr)
        ),
    );
}

#[test]
fn each_document_cites_the_same_facts_in_every_style() {
    let (_dir, site) = build_corpus();
    let corpus = corpus(&site);
    for doc in corpus["documents"].as_array().expect("documents") {
        let slug = doc["slug"].as_str().expect("slug");
        let page = parse_html(&site.join(doc["url"].as_str().expect("url")));
        let title = doc["metadata"]["title"].as_str().expect("title");
        let publisher = doc["metadata"]["publisher"].as_str();
        let published = doc["metadata"]["published"].as_str();

        let csl_links = select(&page, ".cite a[download]");
        let href = csl_links
            .first()
            .and_then(|a| a.value().attr("href"))
            .unwrap_or_else(|| panic!("{slug}: no CSL-JSON link"));
        let csl_path = site.join(format!("documents/{slug}")).join(href);
        let csl: Value =
            serde_json::from_slice(&std::fs::read(&csl_path).expect("the CSL-JSON file exists"))
                .expect("CSL-JSON parses");
        let item = &csl[0];
        assert_eq!(item["id"], slug);
        assert_eq!(item["title"], title, "{slug}");
        assert_eq!(item["publisher"].as_str(), publisher, "{slug}");
        let issued: Option<String> = item["issued"]["date-parts"][0].as_array().map(|parts| {
            parts
                .iter()
                .enumerate()
                .map(|(i, p)| match i {
                    0 => p.to_string(),
                    _ => format!("{:02}", p.as_u64().expect("a number")),
                })
                .collect::<Vec<_>>()
                .join("-")
        });
        assert_eq!(issued.as_deref(), published, "{slug}");

        let text = |style: &str| {
            select(&page, &format!(".cite-text[data-style=\"{style}\"]"))
                .first()
                .map(|el| el.text().collect::<String>())
                .unwrap_or_else(|| panic!("{slug}: no {style} citation"))
        };
        let (chicago, apa, bibtex) = (text("chicago"), text("apa"), text("bibtex"));
        for cited in [&chicago, &apa, &bibtex] {
            assert!(
                cited.contains(title.trim_end_matches('.')),
                "{slug}: {cited}"
            );
            assert!(!cited.contains("unknown"), "{slug}: {cited}");
            if let Some(publisher) = publisher {
                assert!(cited.contains(publisher), "{slug}: {cited}");
            }
        }
        match published {
            Some(date) => assert!(apa.contains(&format!("({}", &date[..4])), "{slug}: {apa}"),
            None => assert!(apa.contains("(n.d.)"), "{slug}: {apa}"),
        }
        assert!(bibtex.starts_with(&format!("@misc{{{slug},")), "{slug}");
        let depth = bibtex.chars().try_fold(0i32, |depth, c| {
            let depth = depth + i32::from(c == '{') - i32::from(c == '}');
            (depth >= 0).then_some(depth)
        });
        assert_eq!(depth, Some(0), "{slug}: braces balance in {bibtex}");
    }
}

#[test]
fn the_atom_feed_lists_every_document_newest_first() {
    let dir = tempfile::tempdir().expect("temp dir");
    let site = dir.path().join("site");
    let base = "https://example.org/accord/";
    accord::build(&accord::BuildOptions {
        root: common::repo_root(),
        out: Some(site.clone()),
        base_url: Some(base.into()),
        ..Default::default()
    })
    .expect("the bundled corpus builds");
    let xml = std::fs::read_to_string(site.join("feed.xml")).expect("feed.xml is written");
    let feed = roxmltree::Document::parse(&xml).expect("feed.xml is well-formed XML");
    let atom = "http://www.w3.org/2005/Atom";
    let root = feed.root_element();
    assert_eq!(root.tag_name().namespace(), Some(atom));
    assert_eq!(root.tag_name().name(), "feed");
    let child = |node: roxmltree::Node<'_, '_>, name: &str| {
        node.children()
            .find(|c| c.has_tag_name((atom, name)))
            .and_then(|c| c.text())
            .map(str::to_owned)
            .unwrap_or_else(|| panic!("<{name}> in {:?}", node.tag_name()))
    };
    let entries: Vec<_> = root
        .children()
        .filter(|c| c.has_tag_name((atom, "entry")))
        .collect();
    assert_eq!(entries.len(), 5);
    let mut updated = Vec::new();
    for entry in &entries {
        let id = child(*entry, "id");
        let path = id.strip_prefix(base).expect("an id under the base URL");
        let page = parse_html(&site.join(path).join("index.html"));
        let h1 = select(&page, "h1").iter().map(text_of).collect::<String>();
        assert_eq!(child(*entry, "title"), h1, "{id}");
        let href = entry
            .children()
            .find(|c| c.has_tag_name((atom, "link")))
            .and_then(|l| l.attribute("href"))
            .expect("a link");
        assert_eq!(href, id);
        let stamp = child(*entry, "updated");
        assert!(
            stamp.len() == 20 && stamp.ends_with("T00:00:00Z"),
            "RFC 3339: {stamp}"
        );
        if let Some(published) = entry
            .children()
            .find(|c| c.has_tag_name((atom, "published")))
            .and_then(|p| p.text())
        {
            assert!(published <= stamp.as_str(), "{id}: published after updated");
        }
        updated.push(stamp);
    }
    let mut newest_first = updated.clone();
    newest_first.sort_by(|a, b| b.cmp(a));
    assert_eq!(updated, newest_first);
    assert_eq!(child(root, "updated"), updated[0]);
    let pages = parse_html(&site.join("index.html"));
    let alternate = select(&pages, "link[rel=alternate][type=\"application/atom+xml\"]");
    assert_eq!(
        alternate.first().and_then(|l| l.value().attr("href")),
        Some("feed.xml")
    );

    let (_dir, without_base) = build_corpus();
    assert!(
        !without_base.join("feed.xml").exists(),
        "without a base URL there is no feed"
    );
}
