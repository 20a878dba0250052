//! Topics (`content/topics.yaml`) and the keyword tagger.

use regex::{Regex, RegexBuilder};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::script::is_mostly_chinese;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Topic {
    pub id: String,
    pub label: Labels,
    pub description: String,
    pub keywords: Keywords,
}

/// A name in English and, where there is one, Chinese.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Labels {
    pub en: String,
    #[serde(default)]
    pub zh: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Keywords {
    #[serde(default)]
    pub en: Vec<String>,
    #[serde(default)]
    pub zh: Vec<String>,
}

/// Tags text with the topics whose keywords it contains.
pub struct Tagger {
    /// One pattern per topic for English text (`None` without keywords).
    english: Vec<Option<Regex>>,
    chinese: Vec<Vec<String>>,
}

impl Tagger {
    pub fn new(topics: &[Topic]) -> Result<Tagger, String> {
        let mut english = Vec::with_capacity(topics.len());
        for topic in topics {
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
        }
        let chinese = topics.iter().map(|t| t.keywords.zh.clone()).collect();
        Ok(Tagger { english, chinese })
    }

    /// Indices of the topics whose keywords occur in `text`.
    pub fn tag(&self, text: &str) -> Vec<usize> {
        let chinese = is_mostly_chinese(text);
        (0..self.english.len())
            .filter(|&i| {
                if chinese {
                    self.chinese[i]
                        .iter()
                        .any(|k| !k.is_empty() && text.contains(k.as_str()))
                } else {
                    self.english[i].as_ref().is_some_and(|re| re.is_match(text))
                }
            })
            .collect()
    }
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

/// Checks ids are unique, well formed and have keywords.
pub fn validate(topics: &[Topic], path: &std::path::Path, source: &str) -> Result<()> {
    let ids: Vec<&str> = topics.iter().map(|t| t.id.as_str()).collect();
    let mut errors = crate::ids::check_declared("topic", &ids, path, source);
    for topic in topics
        .iter()
        .filter(|t| t.keywords.en.is_empty() && t.keywords.zh.is_empty())
    {
        errors.push(Error::input(
            crate::yaml::locate(path, source, &format!("id: {}", topic.id)),
            format!(
                "topic `{}` has no keywords: expected at least one",
                topic.id
            ),
        ));
    }
    Error::collect(errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn topics() -> Vec<Topic> {
        serde_yaml::from_str(
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
    fn chinese_keywords_match_chinese_text_only() {
        let tagger = Tagger::new(&topics()).unwrap();
        assert_eq!(tagger.tag("加強打擊毒品犯罪合作。"), vec![0]);
        assert_eq!(tagger.tag("打擊電信詐騙"), vec![1]);
    }
}
