//! `filters.js`: what the search results page filters by (document,
//! language, topic), one part loaded only on that page.

use std::sync::Arc;

use crate::pipeline::document::Document;
use crate::pipeline::write::OutputFile;

/// `filters.js`: `documents`, each document's first entry (in `order`, as
/// the search page lists them); `languages`, each document's entries as
/// runs of `[language, count]` (`zh` or `en`); `topics`, each topic's
/// entries (by topic number), as gaps from the last.
pub(super) fn part_of(documents: &[Arc<Document>], order: &[usize], firsts: &[u32]) -> OutputFile {
    let mut languages: Vec<Vec<(&str, u32)>> = Vec::with_capacity(order.len());
    let mut topics: Vec<Vec<u32>> = Vec::new();
    let mut last_of_topic: Vec<u32> = Vec::new();
    for (&d, &first) in order.iter().zip(firsts) {
        let mut runs: Vec<(&str, u32)> = Vec::new();
        for (n, s) in documents[d].segments.iter().enumerate() {
            let lang = if s.lang.is_chinese() { "zh" } else { "en" };
            match runs.last_mut() {
                Some((l, count)) if *l == lang => *count += 1,
                _ => runs.push((lang, 1)),
            }
            let entry = first + n as u32;
            for &t in &s.topics {
                if topics.len() <= t {
                    topics.resize(t + 1, Vec::new());
                    last_of_topic.resize(t + 1, 0);
                }
                topics[t].push(entry - last_of_topic[t]);
                last_of_topic[t] = entry;
            }
        }
        languages.push(runs);
    }
    super::part(
        "filters",
        &serde_json::json!({
            "documents": firsts,
            "languages": languages,
            "topics": topics,
        }),
    )
}
