//! Topics (`content/topics.yaml`): ids, labels and keywords.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

/// A topic of `content/topics.yaml`, with the keywords that tag a paragraph.
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

/// A topic's keywords in English and in Chinese.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Keywords {
    #[serde(default, deserialize_with = "super::yaml::or_empty")]
    pub en: Vec<String>,
    #[serde(default, deserialize_with = "super::yaml::or_empty")]
    pub zh: Vec<String>,
}

/// Checks ids are unique, well formed and have keywords.
pub fn validate(topics: &[Topic], path: &std::path::Path, source: &str) -> Result<()> {
    let ids: Vec<&str> = topics.iter().map(|t| t.id.as_str()).collect();
    let mut errors = crate::pipeline::load::ids::check_declared("topic", &ids, path, source);
    for topic in topics
        .iter()
        .filter(|t| t.keywords.en.is_empty() && t.keywords.zh.is_empty())
    {
        errors.push(Error::input(
            crate::pipeline::load::yaml::locate(path, source, &format!("id: {}", topic.id)),
            format!(
                "topic `{}` has no keywords: expected at least one",
                topic.id
            ),
        ));
    }
    Error::collect(errors)
}
