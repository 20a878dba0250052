//! Entities (`content/entities.yaml`) and finding their mentions in the text.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::topics::Labels;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entity {
    pub id: String,
    pub kind: EntityKind,
    pub name: Labels,
    /// Written as an `<abbr>` with the English name as its expansion, and
    /// listed in the glossary.
    #[serde(default)]
    pub abbreviation: Option<String>,
    #[serde(default)]
    pub aliases: Aliases,
    pub description: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    Person,
    Agency,
    Mechanism,
    Place,
    Agreement,
}

impl EntityKind {
    pub fn label(self) -> &'static str {
        match self {
            EntityKind::Person => "Person",
            EntityKind::Agency => "Agency or organisation",
            EntityKind::Mechanism => "Mechanism",
            EntityKind::Place => "Place",
            EntityKind::Agreement => "Agreement",
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Aliases {
    #[serde(default)]
    pub en: Vec<String>,
    #[serde(default)]
    pub zh: Vec<String>,
}

/// A mention of an entity in a segment's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub range: Range<usize>,
    pub entity: usize,
    pub is_abbreviation: bool,
}

/// Finds mentions by every name an entity goes by, longest names first, so
/// "Minister Guo" is one mention and not "Guo" inside it.
pub struct MentionFinder {
    /// (surface form, entity index, is abbreviation, is Chinese)
    forms: Vec<(String, usize, bool, bool)>,
}

impl MentionFinder {
    pub fn new(entities: &[Entity]) -> Self {
        let mut forms = Vec::new();
        for (i, e) in entities.iter().enumerate() {
            let english = std::iter::once(&e.name.en).chain(&e.aliases.en);
            forms.extend(english.map(|f| (f.clone(), i, false, false)));
            let chinese = e.name.zh.iter().chain(&e.aliases.zh);
            forms.extend(chinese.map(|f| (f.clone(), i, false, true)));
            forms.extend(e.abbreviation.iter().map(|a| (a.clone(), i, true, false)));
        }
        forms.retain(|(f, ..)| !f.is_empty());
        forms.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        MentionFinder { forms }
    }

    pub fn find(&self, text: &str) -> Vec<Mention> {
        let mut found: Vec<Mention> = Vec::new();
        for (form, entity, is_abbreviation, chinese) in &self.forms {
            for (start, _) in text.match_indices(form.as_str()) {
                let range = start..start + form.len();
                if !chinese && !at_word_boundaries(text, &range) {
                    continue;
                }
                if found
                    .iter()
                    .all(|m| m.range.end <= range.start || range.end <= m.range.start)
                {
                    found.push(Mention {
                        range,
                        entity: *entity,
                        is_abbreviation: *is_abbreviation,
                    });
                }
            }
        }
        found.sort_by_key(|m| m.range.start);
        found
    }
}

fn at_word_boundaries(text: &str, range: &Range<usize>) -> bool {
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// Checks ids are unique and well formed.
pub fn validate(entities: &[Entity], path: &std::path::Path, source: &str) -> Result<()> {
    let ids: Vec<&str> = entities.iter().map(|e| e.id.as_str()).collect();
    Error::collect(crate::ids::check_declared("entity", &ids, path, source))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entities() -> Vec<Entity> {
        serde_yaml::from_str(
            "- {id: guo, kind: person, name: {en: Guo Shengkun}, aliases: {en: [Minister Guo, Guo]}, description: d}\n\
             - {id: mps, kind: agency, name: {en: Ministry of Public Security, zh: 公安部}, abbreviation: MPS, description: d}\n",
        )
        .unwrap()
    }

    #[test]
    fn longest_names_win_and_words_must_be_whole() {
        let finder = MentionFinder::new(&entities());
        let text = "Minister Guo met Guo Shengkun; Guoxiang is not Guo. MPS and MPSX.";
        let found: Vec<&str> = finder
            .find(text)
            .iter()
            .map(|m| &text[m.range.clone()])
            .collect();
        assert_eq!(found, vec!["Minister Guo", "Guo Shengkun", "Guo", "MPS"]);
        let mps = finder
            .find(text)
            .into_iter()
            .find(|m| m.entity == 1)
            .unwrap();
        assert!(mps.is_abbreviation);
    }

    #[test]
    fn chinese_names_match_inside_chinese_text() {
        let finder = MentionFinder::new(&entities());
        let found = finder.find("中華人民共和國公安部派團訪問");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].entity, 1);
    }
}
