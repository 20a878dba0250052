//! The search index, built at build time and shipped as scripts under
//! `assets/search/`, so search works from `file://` and under any subpath
//! with nothing but script tags. It is split, as Pagefind splits its index,
//! so that a query loads only what it needs, however large the site:
//!
//! - `index.js`: the folding table, the number of term shards and where each
//!   entry chunk starts;
//! - `terms-<b>.js`: the postings of the terms whose hash falls in bucket `b`;
//! - `entries-<k>.js`: the entries of a run of whole documents (their href,
//!   title, and each segment's anchor, language and text), loaded only for
//!   the results on screen;
//! - `filters.js`: what the results page filters by (document, language,
//!   topic), loaded only there ([`filters`]).
//!
//! Every segment is one entry. English is case-folded and lightly stemmed;
//! Chinese is indexed by character bigrams after folding Traditional
//! characters to Simplified, so a query in either script finds text in either.
//! The index carries the folding table for the characters of the corpus, so
//! the browser folds a query the same way. The browser side is `search` in
//! the theme's `tokens.js`; the two must agree on [`tokens`], [`stem`] and
//! [`bucket`].

mod filters;

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use rayon::prelude::*;

use crate::chinese::{Simplifier, is_han};
use crate::pipeline::document::Document;
use crate::pipeline::model::paths;
use crate::pipeline::write::OutputFile;

/// The folder of the index files, under the output root.
pub const FOLDER: &str = "assets/search";

/// Bytes of postings a term shard aims at, and of text an entry chunk aims
/// at: small enough that a query loads little, large enough that a site of
/// ten thousand documents has a few thousand files, not a hundred thousand.
const SHARD_BYTES: usize = 32 * 1024;
const CHUNK_BYTES: usize = 48 * 1024;

/// Documents per run: the index is tokenised in runs of consecutive
/// documents, in parallel, and a rebuild re-tokenises only the runs whose
/// documents changed (see `crate::incremental`).
pub(crate) const RUN_DOCUMENTS: usize = 256;

/// The postings of a run of consecutive documents, entries numbered from
/// the run's first, and the folding of its Han characters.
pub(crate) struct Run {
    postings: Postings,
    fold: BTreeMap<char, char>,
}

/// The index files, without a cache: every run tokenised afresh.
pub(crate) fn index_files(
    documents: &[Arc<Document>],
    order: &[usize],
    simplifier: &Simplifier,
) -> Vec<OutputFile> {
    let runs: Vec<Arc<Run>> = order
        .par_chunks(RUN_DOCUMENTS)
        .map(|docs| Arc::new(tokenise_run(documents, docs, simplifier)))
        .collect();
    index_files_of_runs(documents, order, &runs)
}

/// The index files from the tokenised runs of `order`, one run per
/// [`RUN_DOCUMENTS`] documents.
pub(crate) fn index_files_of_runs(
    documents: &[Arc<Document>],
    order: &[usize],
    runs: &[Arc<Run>],
) -> Vec<OutputFile> {
    // Merged in order, so entry numbers and the output do not depend on the
    // threads.
    let firsts = first_entries(documents, order);
    let mut postings = Postings::new();
    let mut fold: BTreeMap<char, char> = BTreeMap::new();
    for (run, &first) in runs.iter().zip(firsts.iter().step_by(RUN_DOCUMENTS)) {
        for (term, list) in &run.postings {
            let shifted = list.iter().map(|&(entry, count)| (first + entry, count));
            match postings.get_mut(term.as_str()) {
                Some(all) => all.extend(shifted),
                None => {
                    postings.insert(term.clone(), shifted.collect());
                }
            }
        }
        fold.extend(run.fold.iter().filter(|(k, v)| k != v));
    }
    let entries: usize = order.iter().map(|&d| documents[d].segments.len()).sum();
    let mut files = term_shards(postings);
    let shards = files.len();
    let (chunks, starts) = entry_chunks(documents, order, &firsts);
    files.extend(chunks);
    files.push(filters::part_of(documents, order, &firsts));
    files.push(part(
        "index",
        &serde_json::json!({
            "fold": fold,
            "shards": shards,
            "chunks": starts,
            "entries": entries,
        }),
    ));
    files
}

pub(crate) fn tokenise_run(
    documents: &[Arc<Document>],
    docs: &[usize],
    simplifier: &Simplifier,
) -> Run {
    let mut han: BTreeSet<char> = BTreeSet::new();
    for s in docs.iter().flat_map(|&d| &documents[d].segments) {
        let names = s.mention_names.chars();
        han.extend(s.full_text().chars().chain(names).filter(|c| is_han(*c)));
    }
    let fold: BTreeMap<char, char> = han
        .into_iter()
        .map(|c| (c, single_char(simplifier, c)))
        .collect();
    let mut postings = Postings::new();
    let mut first = 0;
    for &d in docs {
        add_postings(&mut postings, &documents[d], first, &fold);
        first += documents[d].segments.len() as u32;
    }
    Run { postings, fold }
}

/// Each term's postings: (entry number, occurrences), by entry.
type Postings = HashMap<String, Vec<(u32, u32)>>;

/// Adds the terms of `doc`'s segments, entries numbered from `first`.
fn add_postings(postings: &mut Postings, doc: &Document, first: u32, fold: &BTreeMap<char, char>) {
    for (n, s) in doc.segments.iter().enumerate() {
        // The paragraph is found by the names of what it mentions too.
        let folded: String = s
            .full_text()
            .chars()
            .chain(" ".chars())
            .chain(s.mention_names.chars())
            .map(|c| match is_han(c) {
                true => *fold.get(&c).unwrap_or(&c),
                false => c,
            })
            .collect();
        let entry = first + n as u32;
        each_token(&folded, |term| {
            // Looked up by &str: most terms are there already, and an owned
            // key would cost an allocation each time. Entries come in
            // order, so a term seen again in this entry is the last posting.
            match postings.get_mut(term) {
                Some(list) => match list.last_mut() {
                    Some((last, count)) if *last == entry => *count += 1,
                    _ => list.push((entry, 1)),
                },
                None => {
                    postings.insert(term.to_owned(), vec![(entry, 1)]);
                }
            }
        });
    }
}

/// The number of the first entry of each document, in `order`.
fn first_entries(documents: &[Arc<Document>], order: &[usize]) -> Vec<u32> {
    let mut next = 0u32;
    order
        .iter()
        .map(|&d| {
            let first = next;
            next += documents[d].segments.len() as u32;
            first
        })
        .collect()
}

/// The postings split into shards by [`bucket`]: each term's entries as
/// `[gap, count, gap, count, …]`, gaps from the previous entry number.
fn term_shards(postings: Postings) -> Vec<OutputFile> {
    let volume: usize = postings.values().map(|list| 6 * list.len()).sum();
    let shards = (volume / SHARD_BYTES).max(1).next_power_of_two() as u32;
    let mut buckets: Vec<BTreeMap<String, Vec<u32>>> = vec![BTreeMap::new(); shards as usize];
    for (term, list) in postings {
        let mut last = 0;
        let flat = list
            .into_iter()
            .flat_map(|(entry, count)| {
                let gap = entry - last;
                last = entry;
                [gap, count]
            })
            .collect();
        buckets[bucket(&term, shards) as usize].insert(term, flat);
    }
    buckets
        .par_iter()
        .enumerate()
        .map(|(b, terms)| part(&format!("terms-{b}"), terms))
        .collect()
}

/// Entries in chunks of whole documents: `{docs: [[href, title]], entries:
/// [[doc, anchor, lang, text]]}`, `doc` counting within the chunk. Also the
/// number of the first entry of each chunk.
fn entry_chunks(
    documents: &[Arc<Document>],
    order: &[usize],
    firsts: &[u32],
) -> (Vec<OutputFile>, Vec<u32>) {
    let mut groups: Vec<(u32, Vec<usize>)> = Vec::new();
    let mut size = CHUNK_BYTES;
    for (&d, &first) in order.iter().zip(firsts) {
        if size >= CHUNK_BYTES {
            groups.push((first, Vec::new()));
            size = 0;
        }
        groups.last_mut().expect("just pushed").1.push(d);
        size += documents[d]
            .segments
            .iter()
            .map(|s| s.text.len())
            .sum::<usize>();
    }
    let files = groups
        .par_iter()
        .enumerate()
        .map(|(k, (_, docs))| {
            let heads: Vec<(String, &str)> = docs
                .iter()
                .map(|&d| {
                    let doc = &documents[d];
                    (paths::document(&doc.slug), doc.metadata.title.as_str())
                })
                .collect();
            let entries: Vec<(usize, &str, &str, &str)> =
                docs.iter()
                    .enumerate()
                    .flat_map(|(i, &d)| {
                        documents[d].segments.iter().map(move |s| {
                            (i, s.anchor.as_str(), s.lang.0.as_str(), s.text.as_str())
                        })
                    })
                    .collect();
            // A struct, not `json!`, which would copy every text into a tree first.
            #[derive(serde::Serialize)]
            struct Chunk<'a> {
                docs: Vec<(String, &'a str)>,
                entries: Vec<(usize, &'a str, &'a str, &'a str)>,
            }
            part(
                &format!("entries-{k}"),
                &Chunk {
                    docs: heads,
                    entries,
                },
            )
        })
        .collect();
    (files, groups.iter().map(|g| g.0).collect())
}

/// One index file: a script that hands its part to the page's search.
fn part(name: &str, data: &impl serde::Serialize) -> OutputFile {
    let json = serde_json::to_string(data).unwrap_or_else(|_| "null".into());
    OutputFile {
        path: format!("{FOLDER}/{name}.js"),
        bytes: format!("window.ACCORD_SEARCH_LOADED(\"{name}\", {json});\n").into_bytes(),
    }
}

/// The term shard a term is in: FNV-1a over its UTF-16 code units, which
/// the browser computes the same way from `charCodeAt`.
pub fn bucket(term: &str, shards: u32) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for unit in term.encode_utf16() {
        hash ^= u32::from(unit);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash % shards
}

fn single_char(simplifier: &Simplifier, c: char) -> char {
    let converted = simplifier.simplify(&c.to_string());
    let mut chars = converted.chars();
    match (chars.next(), chars.next()) {
        (Some(s), None) => s,
        _ => c,
    }
}

/// Index terms of folded text: stemmed English words, Chinese bigrams (and
/// the character itself for a lone Han character between other text).
pub fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    each_token(text, |t| out.push(t.to_owned()));
    out
}

/// Hands each of [`tokens`] to `visit`, in order, without allocating one
/// string per term: the index tokenises every paragraph of the site.
pub(crate) fn each_token(text: &str, mut visit: impl FnMut(&str)) {
    let mut word = String::new();
    let mut han: Vec<char> = Vec::new();
    let mut buf = [0u8; 8];
    let mut flush_han = |han: &mut Vec<char>, visit: &mut dyn FnMut(&str)| {
        if let [c] = han.as_slice() {
            visit(c.encode_utf8(&mut buf));
        }
        for pair in han.windows(2) {
            let first = pair[0].len_utf8();
            pair[0].encode_utf8(&mut buf);
            pair[1].encode_utf8(&mut buf[first..]);
            let end = first + pair[1].len_utf8();
            visit(std::str::from_utf8(&buf[..end]).expect("two encoded chars"));
        }
        han.clear();
    };
    let flush_word = |word: &mut String, visit: &mut dyn FnMut(&str)| {
        if !word.is_empty() {
            visit(&stem(word));
            word.clear();
        }
    };
    for c in text.chars() {
        if is_han(c) {
            flush_word(&mut word, &mut visit);
            han.push(c);
        } else if c.is_alphanumeric() {
            flush_han(&mut han, &mut visit);
            if c.is_ascii() {
                word.push(c.to_ascii_lowercase());
            } else {
                word.extend(c.to_lowercase());
            }
        } else {
            flush_han(&mut han, &mut visit);
            flush_word(&mut word, &mut visit);
        }
    }
    flush_han(&mut han, &mut visit);
    flush_word(&mut word, &mut visit);
}

/// Light English stemming: plurals and the commonest verb endings. The
/// browser applies the same rules (`stem` in `assets/tokens.js`).
pub(crate) fn stem(word: &str) -> Cow<'_, str> {
    let w = word;
    let cut = |suffix: &str, keep: usize| w.len() > keep + suffix.len() && w.ends_with(suffix);
    let kept = if cut("ies", 1) {
        return Cow::Owned(format!("{}y", &w[..w.len() - 3]));
    } else if w.ends_with("sses") {
        w.len() - 2
    } else if cut("ing", 3) {
        w.len() - 3
    } else if cut("ed", 3) {
        w.len() - 2
    } else if cut("s", 2) && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
        w.len() - 1
    } else {
        w.len()
    };
    Cow::Borrowed(&w[..kept])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_words_are_folded_and_stemmed() {
        assert_eq!(
            tokens("Telecom FRAUDS, narcotics; agencies"),
            ["telecom", "fraud", "narcotic", "agency"]
        );
        assert_eq!(stem("crossing"), "cross");
        assert_eq!(stem("process"), "process");
        assert_eq!(stem("analysis"), "analysis");
        assert_eq!(stem("us"), "us");
    }

    #[test]
    fn buckets_match_the_browser() {
        // Values from `bucket` in the browser scripts, run in node.
        assert_eq!(bucket("fentanyl", 1 << 31), 1_159_091_508);
        assert_eq!(bucket("电信", 1 << 31), 255_207_203);
        assert_eq!(bucket("a", 7), 5);
    }

    #[test]
    fn chinese_is_indexed_by_bigrams() {
        assert_eq!(tokens("电信诈骗"), ["电信", "信诈", "诈骗"]);
        assert_eq!(tokens("a 中 b"), ["a", "中", "b"]);
    }
}
