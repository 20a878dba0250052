//! Entities (`content/entities.yaml`): people, agencies, mechanisms, places
//! and agreements, with the names they go by.

use serde::{Deserialize, Serialize};

use super::topics::Labels;
use crate::error::{Error, Result};

/// A person, agency, mechanism, place or agreement of `content/entities.yaml`.
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
    /// Web addresses a reader can open for what the documents do not say
    /// (a person's name in Chinese, say); shown on the entity's page.
    #[serde(default, deserialize_with = "super::yaml::or_empty")]
    pub sources: Vec<String>,
}

/// What kind of thing an entity is; entity pages are grouped by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    Person,
    Agency,
    Mechanism,
    Place,
    Agreement,
}

/// The names an entity goes by, in English and in Chinese.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Aliases {
    #[serde(default, deserialize_with = "super::yaml::or_empty")]
    pub en: Vec<String>,
    #[serde(default, deserialize_with = "super::yaml::or_empty")]
    pub zh: Vec<String>,
}

/// Checks ids are unique and well formed, and sources are web addresses
/// (they become links: a `javascript:` one would run).
pub fn validate(entities: &[Entity], path: &std::path::Path, source: &str) -> Result<()> {
    let ids: Vec<&str> = entities.iter().map(|e| e.id.as_str()).collect();
    let mut errors = crate::pipeline::load::ids::check_declared("entity", &ids, path, source);
    for url in entities.iter().flat_map(|e| &e.sources) {
        if !super::citations::is_web_address(url) {
            errors.push(Error::input(
                super::yaml::locate(path, source, url),
                format!("expected an http:// or https:// address for a source, found `{url}`"),
            ));
        }
    }
    Error::collect(errors)
}
