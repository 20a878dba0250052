//! Topic pages, the topics index and the comparison table.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use serde::Serialize;

use super::document::CountedLink;
use super::pager::{self, Pager};
use super::{DateView, Site, paths};
use crate::pipeline::document::Document;

/// The Chinese of `content/topics.yaml` is written in Traditional characters,
/// like the corpus's Chinese text.
pub(super) const TOPIC_CHINESE: &str = "zh-Hant";

/// A paragraph as a topic page shows it: one segment, or a Chinese segment
/// and its English translation side by side.
#[derive(Debug, Clone)]
pub(crate) struct Unit {
    pub doc: usize,
    /// Segment indices in display order: Chinese first for a pair.
    pub segments: Vec<usize>,
}

impl Unit {
    /// The segment to quote in short: the English one of a pair.
    pub(super) fn quoted(&self, site: &Site<'_>) -> usize {
        let segments = &site.documents[self.doc].segments;
        *self
            .segments
            .iter()
            .find(|&&s| !segments[s].lang.is_chinese())
            .unwrap_or(&self.segments[0])
    }
}

/// The paragraphs tagged with each topic, in date order of their documents,
/// grouped by document so that a page or a table cell finds its paragraphs
/// without scanning the whole list.
pub(crate) struct Index {
    pub units: Vec<Vec<Unit>>,
    /// Per topic: its documents in date order, each with its range of `units`.
    groups: Vec<Vec<(usize, Range<usize>)>>,
    /// Per topic: document → position in `groups`.
    position: Vec<HashMap<usize, usize>>,
    /// Per topic: the topics that tag the same paragraphs, with how many,
    /// most shared first.
    related: Vec<Vec<(usize, usize)>>,
}

impl Index {
    /// Groups the tagged segments of `documents` by topic, documents in `order`.
    pub fn new(documents: &[Arc<Document>], order: &[usize], topics: usize) -> Self {
        let mut units: Vec<Vec<Unit>> = vec![Vec::new(); topics];
        for &d in order {
            let doc = &documents[d];
            for (s, segment) in doc.segments.iter().enumerate() {
                let row = doc
                    .alignment
                    .iter()
                    .find(|r| r.zh.contains(&s) || r.en.contains(&s));
                let segments: Vec<usize> = match row {
                    Some(r) => r.zh.iter().chain(&r.en).copied().collect(),
                    None => vec![s],
                };
                if segments.iter().min() != Some(&s) {
                    continue; // shown with the first segment of its row
                }
                for &t in &segment.topics {
                    units[t].push(Unit {
                        doc: d,
                        segments: segments.clone(),
                    });
                }
            }
        }
        let mut groups: Vec<Vec<(usize, Range<usize>)>> = vec![Vec::new(); topics];
        for (t, list) in units.iter().enumerate() {
            for (i, u) in list.iter().enumerate() {
                match groups[t].last_mut() {
                    Some((d, range)) if *d == u.doc => range.end = i + 1,
                    _ => groups[t].push((u.doc, i..i + 1)),
                }
            }
        }
        let position = groups
            .iter()
            .map(|g| g.iter().enumerate().map(|(i, (d, _))| (*d, i)).collect())
            .collect();
        let related = (0..topics)
            .map(|t| {
                let mut counts = vec![0usize; topics];
                for u in &units[t] {
                    let segment = &documents[u.doc].segments[u.segments[0]];
                    for &other in &segment.topics {
                        counts[other] += 1;
                    }
                }
                counts[t] = 0;
                let mut related: Vec<(usize, usize)> = counts
                    .into_iter()
                    .enumerate()
                    .filter(|(_, n)| *n > 0)
                    .collect();
                related.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                related.truncate(6);
                related
            })
            .collect();
        Index {
            units,
            groups,
            position,
            related,
        }
    }

    /// How many documents a topic tags.
    pub(crate) fn document_count(&self, topic: usize) -> usize {
        self.groups[topic].len()
    }

    /// The documents of one page of a topic, with their paragraphs.
    fn page(&self, topic: usize, range: Range<usize>) -> impl Iterator<Item = (usize, &[Unit])> {
        self.groups[topic][range]
            .iter()
            .map(move |(d, r)| (*d, &self.units[topic][r.clone()]))
    }

    /// A document's paragraphs on a topic.
    pub(super) fn units_of(&self, topic: usize, doc: usize) -> &[Unit] {
        match self.position[topic].get(&doc) {
            Some(&i) => &self.units[topic][self.groups[topic][i].1.clone()],
            None => &[],
        }
    }

    /// The path of the topic page that lists a document's paragraphs.
    pub fn page_path(
        &self,
        topic: &crate::pipeline::load::topics::Topic,
        t: usize,
        doc: usize,
        per_page: usize,
    ) -> String {
        let page = self.position[t].get(&doc).map_or(0, |i| i / per_page);
        pager::page_path(&paths::topic(&topic.id), page)
    }

    /// The documents on one page of a topic.
    pub(crate) fn documents_on_page(
        &self,
        topic: usize,
        page: usize,
        per_page: usize,
    ) -> Vec<usize> {
        let range = pager::page_range(self.document_count(topic), per_page, page);
        self.groups[topic][range].iter().map(|(d, _)| *d).collect()
    }

    /// What a topic's pages show of the whole topic: its counts and related
    /// topics.
    pub(crate) fn totals(&self, topic: usize) -> String {
        format!(
            "{} {} {:?}",
            self.units[topic].len(),
            self.document_count(topic),
            self.related[topic]
        )
    }

    /// How many pages a topic's page takes.
    pub(crate) fn page_count(&self, topic: usize, per_page: usize) -> usize {
        pager::page_count(self.document_count(topic), per_page)
    }
}

/// A topic page (or one page of it): its paragraphs grouped by document.
#[derive(Debug, Serialize)]
pub struct TopicView {
    pub id: String,
    pub label_en: String,
    /// The Chinese label as HTML in both scripts.
    pub label_zh_html: Option<String>,
    pub zh_lang: &'static str,
    pub description: String,
    pub keywords_en: String,
    /// The Chinese keywords as HTML in both scripts.
    pub keywords_zh_html: String,
    pub count: usize,
    /// How many documents the topic tags, on all pages.
    pub documents: usize,
    /// This page's documents.
    pub groups: Vec<TopicGroup>,
    pub pager: Option<Pager>,
    pub related: Vec<CountedLink>,
}

/// The paragraphs of one document tagged with a topic.
#[derive(Debug, Serialize)]
pub struct TopicGroup {
    pub title: String,
    pub href: String,
    pub date: DateView,
    pub rows: Vec<Row>,
}

/// One row of a topic group: a paragraph, or a Chinese/English pair side by side.
#[derive(Debug, Serialize)]
pub struct Row {
    pub bilingual: bool,
    pub cells: Vec<Cell>,
}

/// A paragraph in a topic row.
#[derive(Debug, Serialize)]
pub struct Cell {
    /// `<slug>-<anchor>`, the target of the document page's topic links.
    pub id: String,
    pub anchor: String,
    pub href: String,
    pub lang: String,
    pub number: Option<String>,
    pub spaced: bool,
    /// The text as HTML.
    pub html: String,
}

fn cell(site: &Site<'_>, doc: usize, s: usize, root: &str, topic: usize) -> Cell {
    let d = &site.documents[doc];
    let segment = &d.segments[s];
    Cell {
        id: format!("{}-{}", d.slug, segment.anchor),
        anchor: segment.anchor.clone(),
        href: format!("{root}{}#{}", paths::document(&d.slug), segment.anchor),
        lang: segment.lang.0.clone(),
        number: segment.number.clone(),
        spaced: segment.number_is_spaced(),
        html: site.segment_html_marked(doc, s, root, Some(topic)),
    }
}

pub(super) fn topic_view(site: &Site<'_>, t: usize, page: usize) -> TopicView {
    let topic = &site.inputs.topics[t];
    let index = &site.topics;
    let root: &str = &paths::root_of(&paths::topic(&topic.id));
    let per_page = site.per_page;
    let range = pager::page_range(index.document_count(t), per_page, page);
    let groups = index
        .page(t, range)
        .map(|(d, units)| TopicGroup {
            title: site.documents[d].metadata.title.clone(),
            href: format!("{root}{}", paths::document(&site.documents[d].slug)),
            date: site.date(d),
            rows: units
                .iter()
                .map(|u| Row {
                    bilingual: u.segments.len() > 1,
                    cells: u
                        .segments
                        .iter()
                        .map(|&s| cell(site, d, s, root, t))
                        .collect(),
                })
                .collect(),
        })
        .collect();
    TopicView {
        id: topic.id.clone(),
        label_en: topic.label.en.clone(),
        label_zh_html: topic.label.zh.as_deref().map(|l| site.chinese_html(l)),
        zh_lang: TOPIC_CHINESE,
        description: topic.description.clone(),
        keywords_en: topic.keywords.en.join(", "),
        keywords_zh_html: site.chinese_html(&topic.keywords.zh.join("、")),
        count: index.units[t].len(),
        documents: index.document_count(t),
        groups,
        pager: pager::pager(page, index.page_count(t, per_page)),
        related: related_topics(site, index, t, root),
    }
}

fn related_topics(site: &Site<'_>, index: &Index, t: usize, root: &str) -> Vec<CountedLink> {
    index.related[t]
        .iter()
        .map(|&(o, count)| CountedLink {
            label: site.inputs.topics[o].label.en.clone(),
            href: format!("{root}{}", paths::topic(&site.inputs.topics[o].id)),
            count,
        })
        .collect()
}

/// The list of all topics.
#[derive(Debug, Serialize)]
pub struct TopicsIndexView {
    pub topics: Vec<TopicSummary>,
}

/// A topic as listed on the topics index, with its counts.
#[derive(Debug, Serialize)]
pub struct TopicSummary {
    pub label_en: String,
    /// The Chinese label as HTML in both scripts.
    pub label_zh_html: Option<String>,
    pub zh_lang: &'static str,
    pub href: String,
    pub description: String,
    pub paragraphs: usize,
    pub documents: usize,
}

pub(super) fn index_view(site: &Site<'_>) -> TopicsIndexView {
    let index = &site.topics;
    let topics = site
        .inputs
        .topics
        .iter()
        .enumerate()
        .map(|(t, topic)| TopicSummary {
            label_en: topic.label.en.clone(),
            label_zh_html: topic.label.zh.as_deref().map(|l| site.chinese_html(l)),
            zh_lang: TOPIC_CHINESE,
            href: paths::link(paths::TOPICS, &paths::topic(&topic.id)),
            description: topic.description.clone(),
            paragraphs: index.units[t].len(),
            documents: index.document_count(t),
        })
        .collect();
    TopicsIndexView { topics }
}
