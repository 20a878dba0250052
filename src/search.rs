//! The search index, built at build time and shipped as a script
//! (`assets/search-index.js`), so search works from `file://` and under any
//! subpath with nothing fetched. The page script loads it on first use.
//!
//! Every segment is one entry. English is case-folded and lightly stemmed;
//! Chinese is indexed by character bigrams after folding Traditional
//! characters to Simplified, so a query in either script finds text in either.
//! The index carries the folding table for the characters of the corpus, so
//! the browser folds a query the same way.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rayon::prelude::*;

use serde::Serialize;

use crate::document::Document;
use crate::model::paths;
use crate::script::{Simplifier, is_han};

#[derive(Serialize)]
struct Index<'a> {
    /// `[href from the site root, document title, anchor, lang, text]`
    entries: Vec<[&'a str; 5]>,
    terms: BTreeMap<String, Vec<usize>>,
    /// Traditional → Simplified, for the characters that differ.
    fold: BTreeMap<char, char>,
}

/// The index script and the number of entries in it.
pub fn index_script(
    documents: &[Document],
    order: &[usize],
    simplifier: &Simplifier,
) -> (String, usize) {
    let mut hrefs = Vec::new();
    for &d in order {
        let doc = &documents[d];
        for s in &doc.segments {
            hrefs.push(format!("{}#{}", paths::document(&doc.slug), s.anchor));
        }
    }
    // Documents are read in parallel: first for the Han characters to fold,
    // then for their terms; the terms are merged in order at the end, so
    // entry numbers and the output do not depend on the threads.
    let han: BTreeSet<char> = order
        .par_iter()
        .map(|&d| {
            let doc = &documents[d];
            let chars: BTreeSet<char> = doc
                .segments
                .iter()
                .flat_map(|s| {
                    s.full_text()
                        .chars()
                        .filter(|c| is_han(*c))
                        .collect::<Vec<_>>()
                })
                .collect();
            chars
        })
        .reduce(BTreeSet::new, |mut a, b| {
            a.extend(b);
            a
        });
    let mut fold: BTreeMap<char, char> = han
        .into_iter()
        .map(|c| (c, single_char(simplifier, c)))
        .collect();
    let per_document: Vec<Vec<Vec<String>>> = order
        .par_iter()
        .map(|&d| {
            documents[d]
                .segments
                .iter()
                .map(|s| {
                    let folded: String = s
                        .full_text()
                        .chars()
                        .map(|c| *fold.get(&c).unwrap_or(&c))
                        .collect();
                    let mut terms = tokens(&folded);
                    terms.sort_unstable();
                    terms.dedup();
                    terms
                })
                .collect()
        })
        .collect();
    let mut entries = Vec::new();
    let mut terms: HashMap<String, Vec<usize>> = HashMap::new();
    let mut n = 0;
    for (&d, segment_terms) in order.iter().zip(per_document) {
        for (s, segment_terms) in documents[d].segments.iter().zip(segment_terms) {
            for term in segment_terms {
                terms.entry(term).or_default().push(n);
            }
            entries.push((d, s));
            n += 1;
        }
    }
    let terms: BTreeMap<String, Vec<usize>> = terms.into_iter().collect();
    fold.retain(|k, v| k != v);
    let index = Index {
        entries: entries
            .iter()
            .zip(&hrefs)
            .map(|((d, s), href)| {
                [
                    href.as_str(),
                    documents[*d].metadata.title.as_str(),
                    s.anchor.as_str(),
                    s.lang.0.as_str(),
                    s.text.as_str(),
                ]
            })
            .collect(),
        terms,
        fold,
    };
    let json = serde_json::to_string(&index).unwrap_or_else(|_| "{}".into());
    (
        format!("/* Search index built by accord. */\nwindow.ACCORD_SEARCH_INDEX = {json};\n"),
        n,
    )
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
    let mut word = String::new();
    let mut han: Vec<char> = Vec::new();
    let flush_han = |han: &mut Vec<char>, out: &mut Vec<String>| {
        if han.len() == 1 {
            out.push(han[0].to_string());
        }
        for pair in han.windows(2) {
            out.push(pair.iter().collect());
        }
        han.clear();
    };
    for c in text.chars() {
        if is_han(c) {
            if !word.is_empty() {
                out.push(stem(&std::mem::take(&mut word)));
            }
            han.push(c);
        } else if c.is_alphanumeric() {
            flush_han(&mut han, &mut out);
            word.extend(c.to_lowercase());
        } else {
            flush_han(&mut han, &mut out);
            if !word.is_empty() {
                out.push(stem(&std::mem::take(&mut word)));
            }
        }
    }
    flush_han(&mut han, &mut out);
    if !word.is_empty() {
        out.push(stem(&word));
    }
    out
}

/// Light English stemming: plurals and the commonest verb endings. The
/// browser applies the same rules (`stem` in `assets/site.js`).
pub fn stem(word: &str) -> String {
    let w = word;
    let cut = |suffix: &str, keep: usize| w.len() > keep + suffix.len() && w.ends_with(suffix);
    if cut("ies", 1) {
        format!("{}y", &w[..w.len() - 3])
    } else if w.ends_with("sses") {
        w[..w.len() - 2].to_owned()
    } else if cut("ing", 3) {
        w[..w.len() - 3].to_owned()
    } else if cut("ed", 3) {
        w[..w.len() - 2].to_owned()
    } else if cut("s", 2) && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
        w[..w.len() - 1].to_owned()
    } else {
        w.to_owned()
    }
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
    fn chinese_is_indexed_by_bigrams() {
        assert_eq!(tokens("电信诈骗"), ["电信", "信诈", "诈骗"]);
        assert_eq!(tokens("a 中 b"), ["a", "中", "b"]);
    }
}
