//! The site's data, shared by the builders of every family of pages, and
//! the helpers they share.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::strings::Strings;
use super::{DateView, Link, entities, pager, paths, text, topics};
use crate::chinese::Simplifier;
use crate::error::{Error, Result};
use crate::pipeline::document::Document;
use crate::pipeline::load::Inputs;
use crate::pipeline::load::entities::EntityKind;
use crate::pipeline::load::schema::Known;

/// The site's data, shared by the builders of every family of pages.
pub(crate) struct Site<'a> {
    pub inputs: &'a Inputs,
    pub documents: &'a [Arc<Document>],
    /// Document indices in date order.
    pub order: Vec<usize>,
    /// Relations by document index, both directions: (other index, relation).
    pub related: BTreeMap<usize, Vec<(usize, String)>>,
    pub simplifier: &'a Simplifier,
    pub strings: &'a Strings,
    pub topics: topics::Index,
    pub mentions: entities::Mentions,
    /// Documents per page of a long list.
    pub per_page: usize,
}

impl Site<'_> {
    /// The date a document is listed under: the event, else publication.
    pub fn date(&self, doc: usize) -> DateView {
        let m = &self.documents[doc].metadata;
        match m.event_date.value() {
            Some(_) => date_view(&m.event_date, |d| d.human()),
            None => date_view(&m.published, |d| d.human()),
        }
    }

    /// The tag for Chinese runs inside other text of a document.
    pub(crate) fn chinese_tag(&self, doc: usize) -> String {
        let languages = &self.documents[doc].metadata.languages;
        languages
            .iter()
            .find(|l| l.is_chinese())
            .map_or_else(|| "zh".into(), |l| l.0.clone())
    }

    /// Entities of `kind` mentioned in a document, in order of first mention.
    /// A Chinese label or name as HTML in both scripts, as received and in
    /// Simplified, for the script switch to show one (as it does for
    /// passages, [`text::segment_html`]).
    pub(crate) fn chinese_html(&self, text: &str) -> String {
        text::both_scripts(text, self.simplifier)
    }

    /// The mechanism a document belongs to, then the others it names, as
    /// every page lists them: (its own, also named).
    pub(crate) fn mechanisms(&self, doc: usize, root: &str) -> (Option<Link>, Vec<Link>) {
        let own = self.documents[doc].mechanism;
        let named = self
            .mentioned(doc, EntityKind::Mechanism)
            .into_iter()
            .filter(|&e| Some(e) != own)
            .map(|e| self.entity_link(e, root))
            .collect();
        (own.map(|e| self.entity_link(e, root)), named)
    }

    /// The people who took part (`None` when the annotation does not
    /// record them), and the other people the text names.
    pub(crate) fn people(&self, doc: usize, root: &str) -> (Option<Vec<Link>>, Vec<Link>) {
        let participants = self.documents[doc].participants.as_ref();
        let named = self
            .mentioned(doc, EntityKind::Person)
            .into_iter()
            .filter(|e| !participants.is_some_and(|p| p.contains(e)))
            .map(|e| self.entity_link(e, root))
            .collect();
        let taking_part =
            participants.map(|p| p.iter().map(|&e| self.entity_link(e, root)).collect());
        (taking_part, named)
    }

    pub(crate) fn mentioned(&self, doc: usize, kind: EntityKind) -> Vec<usize> {
        let mut found = Vec::new();
        for m in self.documents[doc]
            .segments
            .iter()
            .flat_map(|s| &s.mentions)
        {
            if self.inputs.entities[m.entity].kind == kind && !found.contains(&m.entity) {
                found.push(m.entity);
            }
        }
        found
    }

    /// A segment's text as HTML (see [`text::segment_html`]), for a page
    /// whose root prefix is `root`.
    pub(crate) fn segment_html(&self, doc: usize, segment: usize, root: &str) -> String {
        self.segment_html_marked(doc, segment, root, None)
    }

    /// [`Site::segment_html`] with the words that earned the segment the
    /// topic `topic` highlighted, where the tagger found them.
    pub(crate) fn segment_html_marked(
        &self,
        doc: usize,
        segment: usize,
        root: &str,
        topic: Option<usize>,
    ) -> String {
        let s = &self.documents[doc].segments[segment];
        let marks: Vec<std::ops::Range<usize>> = match topic {
            None => Vec::new(),
            Some(topic) => {
                // The tagger's ranges are in the full text, numbering included.
                let prefix = s.full_text().len() - s.text.len();
                s.topic_hits
                    .iter()
                    .filter(|(t, r)| *t == topic && r.start >= prefix)
                    .map(|(_, r)| r.start - prefix..r.end - prefix)
                    .collect()
            }
        };
        text::segment_html(
            s,
            &self.chinese_tag(doc),
            &self.inputs.entities,
            root,
            self.simplifier,
            &marks,
        )
    }

    /// The pages of a list of every document in date order (the home page,
    /// the timeline, the comparison table).
    pub(crate) fn dated_pages(&self) -> usize {
        pager::page_count(self.order.len(), self.per_page)
    }

    /// The documents on page `page` of such a list.
    pub(crate) fn dated_range(&self, page: usize) -> std::ops::Range<usize> {
        pager::page_range(self.order.len(), self.per_page, page)
    }

    /// The links between the pages of such a list.
    pub(crate) fn dated_pager(&self, page: usize) -> Option<pager::Pager> {
        pager::pager(page, self.dated_pages())
    }

    /// A link to an entity's page from a page whose root prefix is `root`.
    pub(crate) fn entity_link(&self, entity: usize, root: &str) -> Link {
        let e = &self.inputs.entities[entity];
        Link {
            label: e.name.en.clone(),
            href: format!("{root}{}", paths::entity(&e.id)),
            current: false,
        }
    }
}

/// Relations by document index, both directions, each pair once, sorted.
pub(super) fn symmetric_relations(
    inputs: &Inputs,
    documents: &[Arc<Document>],
) -> Result<BTreeMap<usize, Vec<(usize, String)>>> {
    let mut map: BTreeMap<usize, Vec<(usize, String)>> = BTreeMap::new();
    let by_slug: std::collections::HashMap<&str, usize> = documents
        .iter()
        .enumerate()
        .map(|(i, d)| (d.slug.as_str(), i))
        .collect();
    let mut errors = Vec::new();
    for (i, (input, doc)) in inputs.documents.iter().zip(documents).enumerate() {
        for r in &doc.related {
            let Some(&j) = by_slug.get(r.document.as_str()) else {
                let slugs: Vec<&str> = documents.iter().map(|d| d.slug.as_str()).collect();
                errors.push(Error::input(
                    input.locate(&r.document),
                    format!(
                        "related document `{}` does not exist: expected one of {}",
                        r.document,
                        slugs.join(", ")
                    ),
                ));
                continue;
            };
            for (from, to) in [(i, j), (j, i)] {
                let list = map.entry(from).or_default();
                if !list.iter().any(|(k, _)| *k == to) {
                    list.push((to, r.relation.clone()));
                }
            }
        }
    }
    Error::collect(errors)?;
    for list in map.values_mut() {
        list.sort_by(|a, b| (&documents[a.0].slug, &a.1).cmp(&(&documents[b.0].slug, &b.1)));
    }
    Ok(map)
}

pub(super) fn date_view<T: std::fmt::Display>(
    known: &Known<T>,
    human: impl Fn(&T) -> String,
) -> DateView {
    match known {
        Known::Unknown => DateView {
            human: "unknown".into(),
            iso: String::new(),
        },
        Known::Value(v) => DateView {
            human: human(v),
            // `<time datetime>` takes one date: a span is dated by its start.
            iso: v
                .to_string()
                .split('/')
                .next()
                .unwrap_or_default()
                .to_owned(),
        },
    }
}
