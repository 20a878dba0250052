//! Entity pages, the entities index and the glossary of abbreviations.

use std::ops::Range;
use std::sync::Arc;

use serde::Serialize;

use super::pager::{self, Pager};
use super::{DateView, Site, paths};
use crate::pipeline::document::Document;
use crate::pipeline::load::entities::EntityKind;

/// Where each entity is mentioned: (document, segment, mentions there), in
/// date order, grouped by document.
pub(crate) struct Mentions {
    pub by_entity: Vec<Vec<(usize, usize, usize)>>,
    /// Per entity: its documents, each with its range of `by_entity`.
    groups: Vec<Vec<(usize, Range<usize>)>>,
}

impl Mentions {
    /// Groups the mentions in `documents` by entity, documents in `order`.
    pub fn new(documents: &[Arc<Document>], order: &[usize], entities: usize) -> Self {
        let mut by_entity = vec![Vec::new(); entities];
        for &d in order {
            for (s, segment) in documents[d].segments.iter().enumerate() {
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
        let groups = by_entity
            .iter()
            .map(|list: &Vec<(usize, usize, usize)>| {
                let mut groups: Vec<(usize, Range<usize>)> = Vec::new();
                for (i, &(d, ..)) in list.iter().enumerate() {
                    match groups.last_mut() {
                        Some((g, range)) if *g == d => range.end = i + 1,
                        _ => groups.push((d, i..i + 1)),
                    }
                }
                groups
            })
            .collect();
        Mentions { by_entity, groups }
    }

    fn total(&self, e: usize) -> usize {
        self.by_entity[e].iter().map(|m| m.2).sum()
    }

    fn document_count(&self, e: usize) -> usize {
        self.groups[e].len()
    }

    /// The documents on one page of an entity.
    pub(crate) fn documents_on_page(&self, e: usize, page: usize, per_page: usize) -> Vec<usize> {
        let range = pager::page_range(self.document_count(e), per_page, page);
        self.groups[e][range].iter().map(|(d, _)| *d).collect()
    }

    /// What an entity's pages show of all its mentions: their counts.
    pub(crate) fn totals(&self, e: usize) -> String {
        format!("{} {}", self.total(e), self.document_count(e))
    }

    /// How many pages an entity's page takes.
    pub(crate) fn page_count(&self, e: usize, per_page: usize) -> usize {
        pager::page_count(self.document_count(e), per_page)
    }
}

/// An entity page (or one page of it): the passages that mention it, by document.
#[derive(Debug, Serialize)]
pub struct EntityView {
    pub name_en: String,
    /// The Chinese name as HTML in both scripts.
    pub name_zh_html: Option<String>,
    pub zh_lang: String,
    pub kind: String,
    pub abbreviation: Option<String>,
    pub aliases: String,
    pub description: String,
    /// Web addresses for what the documents do not say.
    pub sources: Vec<String>,
    pub mentions: usize,
    /// How many documents mention the entity, on all pages.
    pub documents: usize,
    /// This page's documents.
    pub groups: Vec<MentionGroup>,
    pub pager: Option<Pager>,
}

/// The passages of one document that mention an entity.
#[derive(Debug, Serialize)]
pub struct MentionGroup {
    pub title: String,
    pub href: String,
    pub date: DateView,
    pub passages: Vec<Passage>,
}

/// A paragraph quoted on an entity page, the mention highlighted.
#[derive(Debug, Serialize)]
pub struct Passage {
    pub anchor: String,
    pub href: String,
    pub lang: String,
    /// The text as HTML.
    pub html: String,
}

pub(super) fn entity_view(site: &Site<'_>, e: usize, page: usize) -> EntityView {
    let entity = &site.inputs.entities[e];
    let mentions = &site.mentions;
    let root: &str = &paths::root_of(&paths::entity(&entity.id));
    let range = pager::page_range(mentions.document_count(e), site.per_page, page);
    let groups = mentions.groups[e][range]
        .iter()
        .map(|(d, passages)| {
            let d = *d;
            let doc = &site.documents[d];
            MentionGroup {
                title: doc.metadata.title.clone(),
                href: format!("{root}{}", paths::document(&doc.slug)),
                date: site.date(d),
                passages: mentions.by_entity[e][passages.clone()]
                    .iter()
                    .map(|&(_, s, _)| {
                        let segment = &doc.segments[s];
                        Passage {
                            anchor: segment.anchor.clone(),
                            href: format!(
                                "{root}{}#{}",
                                paths::document(&doc.slug),
                                segment.anchor
                            ),
                            lang: segment.lang.0.clone(),
                            html: site.segment_html(d, s, root),
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
        name_zh_html: entity.name.zh.as_deref().map(|n| site.chinese_html(n)),
        zh_lang: "zh-Hant".into(),
        sources: entity.sources.clone(),
        kind: site.strings.entity_kinds.label(entity.kind).to_owned(),
        abbreviation: entity.abbreviation.clone(),
        aliases: aliases.join(", "),
        description: entity.description.clone(),
        mentions: mentions.total(e),
        documents: mentions.document_count(e),
        groups,
        pager: pager::pager(page, mentions.page_count(e, site.per_page)),
    }
}

/// The list of all entities, grouped by kind.
#[derive(Debug, Serialize)]
pub struct EntitiesIndexView {
    pub kinds: Vec<KindGroup>,
}

/// The entities of one kind (people, organisations, mechanisms …).
#[derive(Debug, Serialize)]
pub struct KindGroup {
    pub label: String,
    pub id: String,
    pub entities: Vec<EntitySummary>,
}

/// An entity as listed on the entities index.
#[derive(Debug, Serialize)]
pub struct EntitySummary {
    pub name: String,
    pub href: String,
    pub mentions: usize,
    pub documents: usize,
}

pub(super) fn index_view(site: &Site<'_>) -> EntitiesIndexView {
    let mentions = &site.mentions;
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
                    href: paths::link(paths::ENTITIES, &paths::entity(&e.id)),
                    mentions: mentions.total(i),
                    documents: mentions.document_count(i),
                })
                .collect();
            entities.sort_by_key(|e| e.name.to_lowercase());
            KindGroup {
                label: site.strings.entity_kinds.label(kind).to_owned(),
                id: format!("{kind:?}").to_lowercase(),
                entities,
            }
        })
        .filter(|g| !g.entities.is_empty())
        .collect();
    EntitiesIndexView { kinds }
}

/// The glossary: every entity's English and Chinese names.
#[derive(Debug, Serialize)]
pub struct GlossaryView {
    pub entries: Vec<GlossaryEntry>,
}

/// One entity's names in the glossary.
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
                href: paths::link(paths::GLOSSARY, &paths::entity(&e.id)),
                description: e.description.clone(),
            })
        })
        .collect();
    entries.sort_by(|a, b| a.abbreviation.cmp(&b.abbreviation));
    GlossaryView { entries }
}
