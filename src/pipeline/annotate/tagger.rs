//! The keyword tagger: which topics a paragraph is about, from the topic
//! keywords in `content/topics.yaml`.

use std::ops::Range;

use aho_corasick::AhoCorasick;
use regex::{Regex, RegexBuilder};

use crate::chinese::is_mostly_chinese;
use crate::pipeline::load::topics::Topic;

/// Tags text with the topics whose keywords it contains.
///
/// Every paragraph is tagged, so the text is scanned once for all topics:
/// an automaton finds every topic's Chinese keywords, and another the
/// literal first word of every English keyword, so that only the patterns
/// of topics whose first words occur are run.
pub(crate) struct Tagger {
    /// One pattern per topic for English text (`None` without keywords).
    english: Vec<Option<Regex>>,
    /// The first words of the English keywords, in any ASCII case.
    first_words: AhoCorasick,
    /// The topic of each first word.
    first_word_topics: Vec<usize>,
    /// Topics with a keyword whose first word is not ASCII, which the
    /// automaton's ASCII case folding cannot stand in for: always matched.
    unfiltered: Vec<usize>,
    chinese: AhoCorasick,
    /// The topic of each Chinese keyword.
    chinese_topics: Vec<usize>,
}

impl Tagger {
    pub fn new(topics: &[Topic]) -> Result<Tagger, String> {
        let mut english = Vec::with_capacity(topics.len());
        let mut first_words = Vec::new();
        let mut first_word_topics = Vec::new();
        let mut unfiltered = Vec::new();
        for (i, topic) in topics.iter().enumerate() {
            let alternatives: Vec<String> = topic
                .keywords
                .en
                .iter()
                .map(|k| keyword_pattern(k))
                .collect();
            let pattern = if alternatives.is_empty() {
                None
            } else {
                let source = format!(r"\b(?:{})", alternatives.join("|"));
                Some(
                    RegexBuilder::new(&source)
                        .case_insensitive(true)
                        .build()
                        .map_err(|e| {
                            format!("topic `{}`: keywords do not form a pattern: {e}", topic.id)
                        })?,
                )
            };
            english.push(pattern);
            for keyword in &topic.keywords.en {
                let word = keyword
                    .trim_end_matches('*')
                    .split_whitespace()
                    .next()
                    .unwrap_or("");
                if word.is_empty() || !word.is_ascii() {
                    unfiltered.push(i);
                } else {
                    first_words.push(word.to_owned());
                    first_word_topics.push(i);
                }
            }
        }
        let first_words = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(&first_words)
            .map_err(|e| format!("the topics' English keywords: {e}"))?;
        let mut chinese_keywords = Vec::new();
        let mut chinese_topics = Vec::new();
        for (i, topic) in topics.iter().enumerate() {
            for keyword in topic.keywords.zh.iter().filter(|k| !k.is_empty()) {
                chinese_keywords.push(keyword.as_str());
                chinese_topics.push(i);
            }
        }
        let chinese = AhoCorasick::new(&chinese_keywords)
            .map_err(|e| format!("the topics' Chinese keywords: {e}"))?;
        Ok(Tagger {
            english,
            first_words,
            first_word_topics,
            unfiltered,
            chinese,
            chinese_topics,
        })
    }

    /// Indices of the topics whose keywords occur in `text`, in order.
    #[cfg(test)]
    pub fn tag(&self, text: &str) -> Vec<usize> {
        self.hits(text).into_iter().map(|(t, _)| t).collect()
    }

    /// The topics whose keywords occur in `text`, in order, each with the
    /// byte range of its first keyword there: the words that earned the tag.
    pub fn hits(&self, text: &str) -> Vec<(usize, Range<usize>)> {
        let mut found: Vec<Option<Range<usize>>> = vec![None; self.english.len()];
        if is_mostly_chinese(text) {
            for m in self.chinese.find_overlapping_iter(text) {
                let first = &mut found[self.chinese_topics[m.pattern()]];
                if first.as_ref().is_none_or(|r| m.start() < r.start) {
                    *first = Some(m.range());
                }
            }
            return indices(found);
        }
        let mut candidates = vec![false; self.english.len()];
        // The patterns fold case by Unicode's rules, where the Kelvin sign
        // and the long s are also `k` and `s`; the automaton folds ASCII only.
        if text.contains(['\u{212A}', '\u{17F}']) {
            candidates.fill(true);
        } else {
            for m in self.first_words.find_overlapping_iter(text) {
                candidates[self.first_word_topics[m.pattern()]] = true;
            }
            for &i in &self.unfiltered {
                candidates[i] = true;
            }
        }
        for (i, candidate) in candidates.into_iter().enumerate() {
            if candidate {
                found[i] = self.english[i]
                    .as_ref()
                    .and_then(|re| re.find(text))
                    .map(|m| m.range());
            }
        }
        indices(found)
    }
}

fn indices(found: Vec<Option<Range<usize>>>) -> Vec<(usize, Range<usize>)> {
    found
        .into_iter()
        .enumerate()
        .filter_map(|(i, hit)| Some((i, hit?)))
        .collect()
}

/// `drug*` matches words starting with "drug"; other keywords whole words.
/// Spaces match any run of whitespace or a hyphen.
fn keyword_pattern(keyword: &str) -> String {
    let (stem, prefix) = match keyword.strip_suffix('*') {
        Some(stem) => (stem, true),
        None => (keyword, false),
    };
    let words: Vec<String> = stem.split_whitespace().map(regex::escape).collect();
    let body = words.join(r"[\s-]+");
    if prefix {
        format!(r"{body}\w*")
    } else {
        format!(r"{body}\b")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn topics() -> Vec<Topic> {
        crate::pipeline::load::yaml::from_str(
            "- {id: drugs, label: {en: Drugs}, description: d, keywords: {en: ['drug*', fentanyl], zh: [毒品]}}\n\
             - {id: fraud, label: {en: Fraud}, description: d, keywords: {en: [telecom fraud], zh: [詐騙]}}\n",
        )
        .unwrap()
    }

    #[test]
    fn english_keywords_match_whole_words_and_prefixes() {
        let tagger = Tagger::new(&topics()).unwrap();
        assert_eq!(tagger.tag("drug-related crimes and Fentanyl"), vec![0]);
        assert_eq!(tagger.tag("Telecom  fraud is rising"), vec![1]);
        assert!(
            tagger
                .tag("a fentanylish word, and no fraud by telecoms")
                .is_empty()
        );
    }

    #[test]
    fn hits_are_the_first_words_that_earned_each_tag() {
        let tagger = Tagger::new(&topics()).unwrap();
        let text = "Fraud first, then telecom fraud and drug-related crimes";
        let hits = tagger.hits(text);
        let words: Vec<(usize, &str)> = hits.iter().map(|(t, r)| (*t, &text[r.clone()])).collect();
        assert_eq!(words, [(0, "drug"), (1, "telecom fraud")]);
    }

    #[test]
    fn english_keywords_fold_case_as_the_patterns_do() {
        let tagger = Tagger::new(&topics()).unwrap();
        assert_eq!(tagger.tag("DRUGS and TELECOM-FRAUD"), vec![0, 1]);
        let smuggling: Vec<Topic> = crate::pipeline::load::yaml::from_str(
            "- {id: smuggling, label: {en: S}, description: d, keywords: {en: [smuggling]}}",
        )
        .unwrap();
        let tagger = Tagger::new(&smuggling).unwrap();
        // U+017F, the long s, is an `s` to a case-insensitive pattern.
        assert_eq!(tagger.tag("\u{17F}muggling"), vec![0]);
        assert_eq!(tagger.tag("SMUGGLING, \u{17F}"), vec![0]);
        assert!(tagger.tag("smuggler").is_empty());
    }

    #[test]
    fn chinese_keywords_match_chinese_text_only() {
        let tagger = Tagger::new(&topics()).unwrap();
        assert_eq!(tagger.tag("加強打擊毒品犯罪合作。"), vec![0]);
        assert_eq!(tagger.tag("打擊電信詐騙"), vec![1]);
    }
}
