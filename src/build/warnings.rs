//! Warnings about the annotations as a whole, once every document is built:
//! topics and entities the corpus never uses, paragraphs no topic tags.

use std::sync::Arc;

use crate::pipeline::document::Document;
use crate::pipeline::load::entities::Entity;
use crate::pipeline::load::schema::SegmentKind;
use crate::pipeline::load::topics::Topic;

/// Topics that tag no paragraph, and paragraphs that no topic tags: both
/// usually mean a keyword list needs work.
pub(crate) fn topic_warnings(topics: &[Topic], documents: &[Arc<Document>]) -> Vec<String> {
    if topics.is_empty() {
        return Vec::new();
    }
    let mut warnings = Vec::new();
    for (i, topic) in topics.iter().enumerate() {
        let used = documents
            .iter()
            .flat_map(|d| &d.segments)
            .any(|s| s.topics.contains(&i));
        if !used {
            warnings.push(format!("topic `{}` tags no paragraph", topic.id));
        }
    }
    for doc in documents {
        for s in &doc.segments {
            if s.kind != SegmentKind::Heading && s.topics.is_empty() {
                warnings.push(format!("{}#{}: paragraph has no topic", doc.slug, s.anchor));
            }
        }
    }
    warnings
}

/// Entities that no paragraph mentions and no document names as its
/// mechanism: a misspelt name, or an entry whose page would list nothing.
/// When the name only occurs inside a longer entity's name, the warning
/// says so, because the longer name wins the mention and the fix is
/// different (drop the entry, or accept that its page is empty).
pub(crate) fn entity_warnings(entities: &[Entity], documents: &[Arc<Document>]) -> Vec<String> {
    let mut used = vec![false; entities.len()];
    for doc in documents {
        for mention in doc.segments.iter().flat_map(|s| &s.mentions) {
            used[mention.entity] = true;
        }
        for e in doc
            .mechanism
            .iter()
            .chain(doc.participants.iter().flatten())
        {
            used[*e] = true;
        }
    }
    entities
        .iter()
        .enumerate()
        .filter(|&(i, _)| !used[i])
        .map(|(_, entity)| {
            let inside = entities.iter().enumerate().find(|&(j, longer)| {
                used[j] && names(longer).any(|n| names(entity).any(|m| n != m && n.contains(m)))
            });
            match inside {
                Some((_, longer)) => format!(
                    "entity `{}` is mentioned in no paragraph: its name occurs only inside \
                     the longer name of `{}`, which takes the mention",
                    entity.id, longer.id
                ),
                None => format!(
                    "entity `{}` is mentioned in no paragraph by any of its names",
                    entity.id
                ),
            }
        })
        .collect()
}

/// Every non-empty name an entity goes by, in either language.
fn names(entity: &Entity) -> impl Iterator<Item = &str> + Clone {
    std::iter::once(&entity.name.en)
        .chain(&entity.aliases.en)
        .chain(&entity.name.zh)
        .chain(&entity.aliases.zh)
        .chain(&entity.abbreviation)
        .map(String::as_str)
        .filter(|n| !n.is_empty())
}
