//! Document pages: metadata, segments with their topics, notes, related
//! documents.

mod citation;
mod metadata;
mod notes;

use serde::Serialize;

use super::{Link, Site, paths};
use crate::pipeline::load::schema::SegmentKind;
use crate::pipeline::render::export::cite::{self, Edition};
use crate::pipeline::render::publishing::canonical;

pub use citation::MetaTag;
pub(super) use notes::{check_note_references, noted};

/// A document page.
#[derive(Debug, Serialize)]
pub struct DocumentView {
    pub title: String,
    pub title_lang: String,
    pub metadata: Vec<MetaRow>,
    pub related: Vec<RelatedView>,
    pub segments: Vec<SegmentView>,
    pub source_href: String,
    /// The side-by-side view, for a bilingual document.
    pub bilingual_href: Option<String>,
    /// Topic pages that cite paragraphs of this document, with counts.
    pub cited_on: Vec<CountedLink>,
    /// Citation metadata for the page's head (Google Scholar, Zotero, Dublin Core).
    pub citation: Vec<MetaTag>,
    /// The Cite control: the document's citation in each style.
    pub cite: CiteView,
}

/// The document's citation as text in each style, and its CSL-JSON file.
#[derive(Debug, Serialize)]
pub struct CiteView {
    pub chicago: String,
    pub apa: String,
    pub bibtex: String,
    /// The CSL-JSON file reference managers import.
    pub csl_href: String,
}

/// One row of a document's metadata table.
#[derive(Debug, Serialize)]
pub struct MetaRow {
    pub label: String,
    pub value: String,
    /// `value` as HTML, where a Chinese name carries its own `lang`.
    pub value_html: String,
    pub unknown: bool,
    /// `<time datetime>` value for dates.
    pub iso: String,
    /// Whether `value` is a URL to link to.
    pub is_link: bool,
    /// A link for values that have a page of their own (a mechanism).
    pub href: Option<String>,
    /// Where the fact comes from, as HTML.
    pub source_html: Option<String>,
}

/// A related document and how it relates (e.g. "translation of").
#[derive(Debug, Serialize)]
pub struct RelatedView {
    pub title: String,
    pub href: String,
    pub relation: String,
}

/// A link with a count, e.g. a topic and how many paragraphs it tags.
#[derive(Debug, Serialize)]
pub struct CountedLink {
    pub label: String,
    pub href: String,
    pub count: usize,
}

/// A heading or paragraph of a document page.
#[derive(Debug, Serialize)]
pub struct SegmentView {
    pub anchor: String,
    pub kind: SegmentKind,
    pub number: Option<String>,
    /// Whether a space separates the number from the text.
    pub spaced: bool,
    pub lang: String,
    /// The text as HTML.
    pub html: String,
    /// The segment's topics, each linking to its entry on the topic page.
    pub topics: Vec<Link>,
    /// Editorial notes placed after this segment.
    pub notes: Vec<NoteView>,
}

/// An editorial note, placed after the last segment it is about.
#[derive(Debug, Serialize)]
pub struct NoteView {
    pub html: String,
    /// The segments the note is about, then those it refers to.
    pub links: Vec<Link>,
}

pub(super) fn document_view(site: &Site<'_>, i: usize, base_url: Option<&str>) -> DocumentView {
    let doc = &site.documents[i];
    let m = &doc.metadata;
    let chinese = site.chinese_tag(i);
    let root: &str = &paths::root_of(&paths::document(&doc.slug));
    let mut segments = segment_views(site, i, root);
    notes::attach(site, i, root, &chinese, &mut segments);
    let title_lang = if crate::chinese::is_mostly_chinese(&m.title) {
        "zh"
    } else {
        "en"
    };
    DocumentView {
        title: m.title.clone(),
        title_lang: title_lang.into(),
        metadata: metadata::rows(site, i, root, &chinese),
        related: related(site, i, root),
        segments,
        source_href: "source/index.html".into(),
        bilingual_href: (!doc.alignment.is_empty()).then(|| "bilingual/index.html".into()),
        cited_on: cited_on(site, i, root),
        citation: citation::meta_tags(site, i),
        cite: cite_view(site, i, root, base_url),
    }
}

fn cite_view(site: &Site<'_>, i: usize, root: &str, base_url: Option<&str>) -> CiteView {
    let doc = &site.documents[i];
    let page = base_url.map(|base| canonical(base, &paths::document(&doc.slug)));
    let edition = Edition {
        site_title: &site.inputs.config.title,
        url: page.as_deref(),
    };
    let texts = cite::citations(doc, &edition);
    CiteView {
        chicago: texts.chicago,
        apa: texts.apa,
        bibtex: texts.bibtex,
        csl_href: format!("{root}{}", paths::citation(&doc.slug)),
    }
}

/// Each segment with its topics, each topic linking to the segment's entry
/// on the topic page; notes are attached afterwards.
fn segment_views(site: &Site<'_>, i: usize, root: &str) -> Vec<SegmentView> {
    let doc = &site.documents[i];
    doc.segments
        .iter()
        .enumerate()
        .map(|(n, s)| SegmentView {
            anchor: s.anchor.clone(),
            kind: s.kind,
            number: s.number.clone(),
            spaced: s.number_is_spaced(),
            lang: s.lang.0.clone(),
            html: site.segment_html(i, n, root),
            topics: s
                .topics
                .iter()
                .map(|&t| {
                    let topic = &site.inputs.topics[t];
                    Link {
                        label: topic.label.en.clone(),
                        href: format!(
                            "{root}{}#{}-{}",
                            site.topics.page_path(topic, t, i, site.per_page),
                            doc.slug,
                            s.anchor
                        ),
                        current: false,
                    }
                })
                .collect(),
            notes: Vec::new(),
        })
        .collect()
}

fn related(site: &Site<'_>, i: usize, root: &str) -> Vec<RelatedView> {
    site.related
        .get(&i)
        .map(|list| {
            list.iter()
                .map(|(j, relation)| RelatedView {
                    title: site.documents[*j].metadata.title.clone(),
                    href: format!("{root}{}", paths::document(&site.documents[*j].slug)),
                    relation: relation.clone(),
                })
                .collect()
        })
        .unwrap_or_default()
}

/// The topics this document's segments are tagged with, with counts.
fn cited_on(site: &Site<'_>, i: usize, root: &str) -> Vec<CountedLink> {
    let mut counts = vec![0usize; site.inputs.topics.len()];
    for s in &site.documents[i].segments {
        for &t in &s.topics {
            counts[t] += 1;
        }
    }
    counts
        .iter()
        .enumerate()
        .filter(|(_, n)| **n > 0)
        .map(|(t, &count)| CountedLink {
            label: site.inputs.topics[t].label.en.clone(),
            href: format!("{root}{}", paths::topic(&site.inputs.topics[t].id)),
            count,
        })
        .collect()
}
