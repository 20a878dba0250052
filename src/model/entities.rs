//! Entity pages, the entities index and the glossary of abbreviations.

use serde::Serialize;

use super::text::Run;
use super::{DateView, Site, paths};
use crate::entities::EntityKind;

/// Where each entity is mentioned: (document, segment, mentions there).
pub(super) struct Mentions {
    pub by_entity: Vec<Vec<(usize, usize, usize)>>,
}

impl Mentions {
    pub fn new(site: &Site<'_>) -> Self {
        let mut by_entity = vec![Vec::new(); site.inputs.entities.len()];
        for &d in &site.order {
            for (s, segment) in site.documents[d].segments.iter().enumerate() {
                let mut counts: Vec<(usize, usize)> = Vec::new();
                for m in &segment.mentions {
                    match counts.iter_mut().find(|(e, _)| *e == m.entity) {
                        Some((_, n)) => *n += 1,
                        None => counts.push((m.entity, 1)),
                    }
                }
                for (e, n) in counts {
                    by_entity[e].push((d, s, n));
                }
            }
        }
        Mentions { by_entity }
    }

    fn total(&self, e: usize) -> usize {
        self.by_entity[e].iter().map(|m| m.2).sum()
    }

    fn documents(&self, e: usize) -> Vec<usize> {
        let mut docs: Vec<usize> = Vec::new();
        for &(d, ..) in &self.by_entity[e] {
            if docs.last() != Some(&d) {
                docs.push(d);
            }
        }
        docs
    }
}

#[derive(Debug, Serialize)]
pub struct EntityView {
    pub name_en: String,
    pub name_zh: Option<String>,
    pub zh_lang: String,
    pub kind: &'static str,
    pub abbreviation: Option<String>,
    pub aliases: String,
    pub description: String,
    pub mentions: usize,
    pub groups: Vec<MentionGroup>,
}

#[derive(Debug, Serialize)]
pub struct MentionGroup {
    pub title: String,
    pub href: String,
    pub date: DateView,
    pub passages: Vec<Passage>,
}

#[derive(Debug, Serialize)]
pub struct Passage {
    pub anchor: String,
    pub href: String,
    pub lang: String,
    pub runs: Vec<Run>,
    pub runs_hans: Option<Vec<Run>>,
}

pub(super) fn entity_view(site: &Site<'_>, mentions: &Mentions, e: usize) -> EntityView {
    let entity = &site.inputs.entities[e];
    let root = "../../";
    let groups = mentions
        .documents(e)
        .into_iter()
        .map(|d| {
            let doc = &site.documents[d];
            MentionGroup {
                title: doc.metadata.title.clone(),
                href: format!("{root}{}", paths::document(&doc.slug)),
                date: site.date(d),
                passages: mentions.by_entity[e]
                    .iter()
                    .filter(|m| m.0 == d)
                    .map(|&(_, s, _)| {
                        let segment = &doc.segments[s];
                        let runs = site.segment_runs(d, s, root);
                        Passage {
                            anchor: segment.anchor.clone(),
                            href: format!(
                                "{root}{}#{}",
                                paths::document(&doc.slug),
                                segment.anchor
                            ),
                            lang: segment.lang.0.clone(),
                            runs: runs.0,
                            runs_hans: runs.1,
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    let aliases: Vec<&str> = entity
        .aliases
        .en
        .iter()
        .chain(&entity.aliases.zh)
        .map(String::as_str)
        .collect();
    EntityView {
        name_en: entity.name.en.clone(),
        name_zh: entity.name.zh.clone(),
        zh_lang: "zh-Hant".into(),
        kind: entity.kind.label(),
        abbreviation: entity.abbreviation.clone(),
        aliases: aliases.join(", "),
        description: entity.description.clone(),
        mentions: mentions.total(e),
        groups,
    }
}

#[derive(Debug, Serialize)]
pub struct EntitiesIndexView {
    pub kinds: Vec<KindGroup>,
}

#[derive(Debug, Serialize)]
pub struct KindGroup {
    pub label: &'static str,
    pub id: String,
    pub entities: Vec<EntitySummary>,
}

#[derive(Debug, Serialize)]
pub struct EntitySummary {
    pub name: String,
    pub href: String,
    pub mentions: usize,
    pub documents: usize,
}

pub(super) fn index_view(site: &Site<'_>, mentions: &Mentions) -> EntitiesIndexView {
    let kinds = [
        EntityKind::Person,
        EntityKind::Agency,
        EntityKind::Mechanism,
        EntityKind::Place,
        EntityKind::Agreement,
    ];
    let kinds = kinds
        .into_iter()
        .map(|kind| {
            let mut entities: Vec<EntitySummary> = site
                .inputs
                .entities
                .iter()
                .enumerate()
                .filter(|(_, e)| e.kind == kind)
                .map(|(i, e)| EntitySummary {
                    name: e.name.en.clone(),
                    href: format!("../{}", paths::entity(&e.id)),
                    mentions: mentions.total(i),
                    documents: mentions.documents(i).len(),
                })
                .collect();
            entities.sort_by_key(|e| e.name.to_lowercase());
            KindGroup {
                label: kind.label(),
                id: format!("{kind:?}").to_lowercase(),
                entities,
            }
        })
        .filter(|g| !g.entities.is_empty())
        .collect();
    EntitiesIndexView { kinds }
}

#[derive(Debug, Serialize)]
pub struct GlossaryView {
    pub entries: Vec<GlossaryEntry>,
}

#[derive(Debug, Serialize)]
pub struct GlossaryEntry {
    pub abbreviation: String,
    pub expansion: String,
    pub href: String,
    pub description: String,
}

pub(super) fn glossary_view(site: &Site<'_>) -> GlossaryView {
    let mut entries: Vec<GlossaryEntry> = site
        .inputs
        .entities
        .iter()
        .filter_map(|e| {
            Some(GlossaryEntry {
                abbreviation: e.abbreviation.clone()?,
                expansion: e.name.en.clone(),
                href: format!("../{}", paths::entity(&e.id)),
                description: e.description.clone(),
            })
        })
        .collect();
    entries.sort_by(|a, b| a.abbreviation.cmp(&b.abbreviation));
    GlossaryView { entries }
}
