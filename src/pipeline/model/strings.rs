//! The interface strings the model writes into pages, from the theme's
//! `strings/en.yaml` (the default theme's when a theme has none): the one
//! place they live, so a theme can reword them and a later version can
//! translate them.

use serde::Deserialize;

use crate::pipeline::load::entities::EntityKind;

/// Every string, by the part of the site it belongs to.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Strings {
    pub nav: Nav,
    pub titles: Titles,
    pub metadata: MetadataLabels,
    pub entity_kinds: EntityKinds,
    pub timeline: TimelineStrings,
    pub bilingual: BilingualStrings,
}

/// Labels of the site navigation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Nav {
    pub documents: String,
    pub topics: String,
    pub entities: String,
    pub compare: String,
    pub timeline: String,
    pub glossary: String,
}

/// Titles of the site-wide pages.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Titles {
    pub paged: String,
    pub source: String,
    pub bilingual: String,
    pub topics: String,
    pub comparison: String,
    pub entities: String,
    pub glossary: String,
    pub timeline: String,
    pub search: String,
    pub not_found: String,
}

/// Labels of the rows of a document's metadata table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetadataLabels {
    pub original_title: String,
    pub event_date: String,
    pub published: String,
    pub place: String,
    pub parties: String,
    pub document_type: String,
    pub publisher: String,
    pub source_url: String,
    pub languages: String,
    pub seed: String,
    pub mechanism: String,
    pub mechanisms_named: String,
    pub participants: String,
    pub completeness: String,
    /// The completeness row when the editor recorded a cut-off scrape.
    pub truncated: String,
    /// The completeness row when only the lint suspects one.
    pub seems_truncated: String,
    pub unknown: String,
}

/// Names of the entity kinds, plural, as headings.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntityKinds {
    pub person: String,
    pub agency: String,
    pub mechanism: String,
    pub place: String,
    pub agreement: String,
}

/// Words of the timeline page.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimelineStrings {
    pub date_unknown: String,
}

/// Words of the side-by-side page.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BilingualStrings {
    pub chinese: String,
    pub english: String,
    pub heading: String,
    pub passage: String,
    pub no_counterpart: String,
}

/// The default theme's strings, for a theme that has none of its own.
pub(crate) const DEFAULT: &str = include_str!("../../../themes/default/strings/en.yaml");

impl EntityKinds {
    /// The heading for entities of `kind`.
    pub fn label(&self, kind: EntityKind) -> &str {
        match kind {
            EntityKind::Person => &self.person,
            EntityKind::Agency => &self.agency,
            EntityKind::Mechanism => &self.mechanism,
            EntityKind::Place => &self.place,
            EntityKind::Agreement => &self.agreement,
        }
    }
}

/// `template` with each `{name}` replaced by its value.
pub(crate) fn fill(template: &str, values: &[(&str, &str)]) -> String {
    values
        .iter()
        .fold(template.to_owned(), |text, (name, value)| {
            text.replace(&format!("{{{name}}}"), value)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_strings_load_and_fill() {
        let strings: Strings = crate::pipeline::load::yaml::from_str(DEFAULT).unwrap();
        assert_eq!(
            fill(&strings.titles.paged, &[("title", "Topics"), ("page", "2")]),
            "Topics (page 2)"
        );
        assert_eq!(
            strings.entity_kinds.label(EntityKind::Agency),
            "Agency or organisation"
        );
    }
}
