//! The split search index of a site large enough to have many shards and
//! chunks: every file in its place, every entry findable by every term of
//! its text, and the browser loading only what a query needs.

mod common;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use accord::pipeline::render::search::{FOLDER, bucket, tokens};
use common::{generated_site, require_browser, run_browser_script};
use serde_json::Value;

/// The data of an index script: `window.ACCORD_SEARCH_LOADED("name", DATA);`.
fn part(site: &Path, name: &str) -> Value {
    let path = site.join(FOLDER).join(format!("{name}.js"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
    let prefix = format!("window.ACCORD_SEARCH_LOADED(\"{name}\", ");
    let json = text
        .strip_prefix(&prefix)
        .and_then(|t| t.strip_suffix(");\n"))
        .unwrap_or_else(|| panic!("{path:?} is not an index part"));
    serde_json::from_str(json).unwrap_or_else(|e| panic!("{path:?}: {e}"))
}

/// Postings, decoded: term → entry → count; each term in its own shard.
fn postings(site: &Path, shards: u32, total: usize) -> HashMap<String, BTreeMap<usize, u64>> {
    let mut posted: HashMap<String, BTreeMap<usize, u64>> = HashMap::new();
    for b in 0..shards {
        let shard = part(site, &format!("terms-{b}"));
        for (term, flat) in shard.as_object().unwrap() {
            assert_eq!(bucket(term, shards), b, "`{term}` is in shard {b}");
            let flat: Vec<u64> = flat
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_u64().unwrap())
                .collect();
            let mut id = 0;
            let list = posted.entry(term.clone()).or_default();
            for pair in flat.chunks(2) {
                id += pair[0] as usize;
                assert!(id < total, "`{term}` posts entry {id} of {total}");
                list.insert(id, pair[1]);
            }
        }
    }
    posted
}

#[test]
fn a_person_s_chinese_name_finds_the_english_paragraphs_that_name_them() {
    let (_dir, site) = common::build_corpus();
    let index = part(&site, "index");
    let shards = index["shards"].as_u64().unwrap() as u32;
    let total = index["entries"].as_u64().unwrap() as usize;
    let posted = postings(&site, shards, total);
    // 郭声琨, folded to Simplified as every query is, in bigrams.
    let both: Vec<usize> = tokens("郭声琨")
        .iter()
        .map(|t| posted.get(t).unwrap_or_else(|| panic!("`{t}` is indexed")))
        .fold(None::<Vec<usize>>, |acc, list| {
            let ids: Vec<usize> = list.keys().copied().collect();
            Some(match acc {
                None => ids,
                Some(acc) => acc.into_iter().filter(|i| ids.contains(i)).collect(),
            })
        })
        .unwrap_or_default();
    // Guo is named in the 2015 fact sheet and both accounts of 2017.
    assert!(both.len() >= 3, "{both:?}");
    assert!(
        posted.contains_key("guo"),
        "the English name is indexed as before"
    );
}

#[test]
fn a_large_index_is_split_and_finds_every_term_of_every_entry() {
    let (_dir, site) = generated_site(300);
    let index = part(&site, "index");
    let shards = index["shards"].as_u64().unwrap() as u32;
    let starts: Vec<u64> = index["chunks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_u64().unwrap())
        .collect();
    let total = index["entries"].as_u64().unwrap() as usize;
    assert!(shards >= 16, "{shards} term shards for 300 documents");
    assert!(starts.len() >= 16, "{} entry chunks", starts.len());
    let files = std::fs::read_dir(site.join(FOLDER)).unwrap().count();
    // index.js, filters.js, the shards and the chunks.
    assert_eq!(files, 2 + shards as usize + starts.len(), "no stray files");

    // Entries, in order, from the chunks: (href, text).
    let mut entries: Vec<(String, String)> = Vec::new();
    for (k, &start) in starts.iter().enumerate() {
        assert_eq!(
            start as usize,
            entries.len(),
            "chunk {k} starts where the last ended"
        );
        let chunk = part(&site, &format!("entries-{k}"));
        let docs = chunk["docs"].as_array().unwrap();
        for e in chunk["entries"].as_array().unwrap() {
            let doc = &docs[e[0].as_u64().unwrap() as usize];
            let href = format!("{}#{}", doc[0].as_str().unwrap(), e[1].as_str().unwrap());
            entries.push((href, e[3].as_str().unwrap().to_owned()));
        }
    }
    assert_eq!(entries.len(), total);

    let posted = postings(&site, shards, total);

    let fold: HashMap<char, char> = index["fold"]
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| {
            (
                k.chars().next().unwrap(),
                v.as_str().unwrap().chars().next().unwrap(),
            )
        })
        .collect();
    let mut chinese = 0;
    for (id, (href, text)) in entries.iter().enumerate() {
        let folded: String = text.chars().map(|c| *fold.get(&c).unwrap_or(&c)).collect();
        let mut counts: BTreeMap<String, u64> = BTreeMap::new();
        for term in tokens(&folded) {
            *counts.entry(term).or_default() += 1;
        }
        chinese += usize::from(folded.chars().any(|c| fold.values().any(|&v| v == c)));
        for (term, count) in counts {
            let found = posted.get(&term).and_then(|list| list.get(&id));
            assert!(
                found.is_some_and(|&n| n >= count),
                "{href}: `{term}` ({count} times) posts {found:?}"
            );
        }
        let path = href.split('#').next().unwrap();
        assert!(site.join(path).is_file(), "{href} points at a page");
    }
    assert!(
        chinese > 0,
        "the bilingual documents are indexed in folded Chinese"
    );
}

#[test]
#[ignore = "needs chromium"]
fn search_in_a_large_site_loads_only_what_a_query_needs() {
    require_browser();
    let (_dir, site) = generated_site(300);
    run_browser_script("search_scale.mjs", &site);
}
