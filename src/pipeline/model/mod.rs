//! The site model: every page to be written, as plain data the templates
//! only format. Links are resolved here, relative to the page that holds them,
//! so the output works from `file://`, at a domain root and under a subpath.
//! Links name `index.html` explicitly because `file://` shows folders, not
//! their index pages.
//!
//! One file per family of pages: `document` (document and source pages),
//! `topics` (topic pages and the comparison table), `entities` (entity pages
//! and the glossary), `timeline`; `text` writes segment text as HTML.

mod bilingual;
mod document;
mod entities;
pub mod pager;
pub mod paths;
pub mod strings;
mod text;
mod timeline;
mod topics;

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

use crate::chinese::Simplifier;
use crate::error::{Error, Result};
use crate::pipeline::document::Document;
use crate::pipeline::load::schema::Known;
use crate::pipeline::load::{Inputs, PageInput};
use strings::{Strings, fill};

pub use bilingual::BilingualView;
pub use document::{DocumentView, SourceView};
pub use entities::{EntitiesIndexView, EntityView, GlossaryView};
pub use timeline::TimelineView;
pub use topics::{ComparisonView, TopicView, TopicsIndexView};

/// One page to render: where it goes, which template formats it, and its data.
#[derive(Debug, Serialize)]
pub struct Page {
    #[serde(skip)]
    pub path: String,
    #[serde(skip)]
    pub template: &'static str,
    pub common: Common,
    pub view: View,
}

/// What every page shows: site title, navigation, its own place in the site.
#[derive(Debug, Clone, Serialize)]
pub struct Common {
    pub site_title: String,
    pub page_title: String,
    pub description: String,
    /// Prefix that leads from this page to the site root (`""`, `"../../"`).
    pub root: String,
    /// The page's absolute URL, when the site's base URL is known.
    pub canonical: Option<String>,
    pub nav: Vec<Link>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub label: String,
    pub href: String,
    pub current: bool,
}

#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[allow(clippy::large_enum_variant)]
pub enum View {
    Home(HomeView),
    Document(DocumentView),
    Bilingual(BilingualView),
    Source(SourceView),
    Editorial(EditorialView),
    Topic(TopicView),
    Topics(TopicsIndexView),
    Entity(EntityView),
    Entities(EntitiesIndexView),
    Glossary(GlossaryView),
    Comparison(ComparisonView),
    Search(SearchView),
    NotFound(NotFoundView),
    Timeline(TimelineView),
}

#[derive(Debug, Serialize)]
pub struct HomeView {
    pub documents: Vec<DocumentSummary>,
    pub pager: Option<pager::Pager>,
}

#[derive(Debug, Serialize)]
pub struct DocumentSummary {
    pub title: String,
    pub href: String,
    pub date: DateView,
    pub document_type: String,
    pub parties: String,
    pub publisher: String,
    pub languages: Vec<String>,
    pub description: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct DateView {
    pub human: String,
    /// ISO 8601 for `<time datetime>`; empty when unknown.
    pub iso: String,
}

/// The search page: results when scripts run, and a plain index of every
/// page otherwise.
#[derive(Debug, Serialize)]
pub struct SearchView {
    pub documents: Vec<Link>,
    pub topics: Vec<Link>,
    pub entities: Vec<Link>,
}

/// The 404 page. Served at any depth, it sets `<base>` to the site's URL when
/// known, so its relative links resolve from the site root.
#[derive(Debug, Serialize)]
pub struct NotFoundView {
    pub base_href: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct EditorialView {
    pub html: String,
}

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
    pub(crate) fn mentioned(
        &self,
        doc: usize,
        kind: crate::pipeline::load::entities::EntityKind,
    ) -> Vec<usize> {
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
        text::segment_html(
            &self.documents[doc].segments[segment],
            &self.chinese_tag(doc),
            &self.inputs.entities,
            root,
            self.simplifier,
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

/// A page of the site, named by what it shows. The site is planned as a
/// list of these and each is built when it is rendered, so a build never
/// holds every page at once and pages can be built in parallel.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PageSpec {
    /// Page `page` (0-based) of the documents by date.
    Home(usize),
    Document(usize),
    Bilingual(usize),
    Source(usize),
    /// Page `page` (0-based) of a topic.
    Topic(usize, usize),
    Topics,
    Comparison(usize),
    Entity(usize, usize),
    Entities,
    Glossary,
    Timeline(usize),
    Search,
    NotFound,
    Editorial(usize),
}

/// What a page reads of the corpus, for incremental rebuilds: a page whose
/// reads and shared inputs are unchanged is unchanged.
pub enum Reads {
    /// These documents (by index), and the pages of long lists where other
    /// pages link to them (which shift when other documents change).
    Documents {
        documents: Vec<usize>,
        placement: Vec<String>,
    },
    /// Something of every document (lists, tables, counts).
    All,
}

/// The site's data and navigation, ready to build any of its pages.
pub struct SiteModel<'a> {
    site: Site<'a>,
    nav_items: Vec<(String, String)>,
    editorial: Vec<(&'a PageInput, String)>,
    base_url: Option<&'a str>,
}

impl<'a> SiteModel<'a> {
    pub fn new(
        inputs: &'a Inputs,
        documents: &'a [Arc<Document>],
        editorial: Vec<(&'a PageInput, String)>,
        base_url: Option<&'a str>,
        simplifier: &'a Simplifier,
        strings: &'a Strings,
    ) -> Result<Self> {
        let order = date_order(documents);
        let related = symmetric_relations(inputs, documents)?;
        let site = Site {
            inputs,
            documents,
            topics: topics::Index::new(documents, &order, inputs.topics.len()),
            mentions: entities::Mentions::new(documents, &order, inputs.entities.len()),
            order,
            related,
            simplifier,
            strings,
            per_page: inputs.config.paginate,
        };
        document::check_note_references(&site)?;
        let mut nav_items: Vec<(String, String)> = vec![
            (strings.nav.documents.clone(), paths::HOME.into()),
            (strings.nav.topics.clone(), paths::TOPICS.into()),
            (strings.nav.entities.clone(), paths::ENTITIES.into()),
            (strings.nav.compare.clone(), paths::COMPARE.into()),
            (strings.nav.timeline.clone(), paths::TIMELINE.into()),
            (strings.nav.glossary.clone(), paths::GLOSSARY.into()),
        ];
        nav_items.extend(
            editorial
                .iter()
                .map(|(p, _)| (p.front.title.clone(), format!("{}/index.html", p.slug))),
        );
        Ok(SiteModel {
            site,
            nav_items,
            editorial,
            base_url,
        })
    }

    /// Document indices in date order.
    pub fn order(&self) -> &[usize] {
        &self.site.order
    }

    /// Every page of the site, in a stable order.
    pub(crate) fn specs(&self) -> Vec<PageSpec> {
        let site = &self.site;
        let dated_pages = site.dated_pages();
        let mut specs: Vec<PageSpec> = (0..dated_pages).map(PageSpec::Home).collect();
        for &i in &site.order {
            specs.push(PageSpec::Document(i));
            if !site.documents[i].alignment.is_empty() {
                specs.push(PageSpec::Bilingual(i));
            }
            specs.push(PageSpec::Source(i));
        }
        if !site.inputs.topics.is_empty() {
            for t in 0..site.inputs.topics.len() {
                let pages = site.topics.page_count(t, site.per_page);
                specs.extend((0..pages).map(|p| PageSpec::Topic(t, p)));
            }
            specs.push(PageSpec::Topics);
            specs.extend((0..dated_pages).map(PageSpec::Comparison));
        }
        for e in 0..site.inputs.entities.len() {
            let pages = site.mentions.page_count(e, site.per_page);
            specs.extend((0..pages).map(|p| PageSpec::Entity(e, p)));
        }
        specs.extend([PageSpec::Entities, PageSpec::Glossary]);
        specs.extend((0..dated_pages).map(PageSpec::Timeline));
        specs.extend([PageSpec::Search, PageSpec::NotFound]);
        specs.extend((0..self.editorial.len()).map(PageSpec::Editorial));
        specs
    }

    /// Where a page is written, relative to the site root.
    pub fn path(&self, spec: PageSpec) -> String {
        let site = &self.site;
        let slug = |i: usize| site.documents[i].slug.as_str();
        match spec {
            PageSpec::Home(page) => pager::page_path(paths::HOME, page),
            PageSpec::Document(i) => paths::document(slug(i)),
            PageSpec::Bilingual(i) => paths::bilingual(slug(i)),
            PageSpec::Source(i) => paths::source(slug(i)),
            PageSpec::Topic(t, page) => {
                pager::page_path(&paths::topic(&site.inputs.topics[t].id), page)
            }
            PageSpec::Topics => paths::TOPICS.into(),
            PageSpec::Comparison(page) => pager::page_path(paths::COMPARE, page),
            PageSpec::Entity(e, page) => {
                pager::page_path(&paths::entity(&site.inputs.entities[e].id), page)
            }
            PageSpec::Entities => paths::ENTITIES.into(),
            PageSpec::Glossary => paths::GLOSSARY.into(),
            PageSpec::Timeline(page) => pager::page_path(paths::TIMELINE, page),
            PageSpec::Search => paths::SEARCH.into(),
            PageSpec::NotFound => "404.html".into(),
            PageSpec::Editorial(n) => format!("{}/index.html", self.editorial[n].0.slug),
        }
    }

    /// Which documents a page shows something of.
    pub fn reads(&self, spec: PageSpec) -> Reads {
        let site = &self.site;
        match spec {
            PageSpec::Document(i) | PageSpec::Bilingual(i) | PageSpec::Source(i) => {
                // A document page also shows the titles of related documents
                // and the notes of others that point at it.
                let mut documents = vec![i];
                documents.extend(site.related.get(&i).into_iter().flatten().map(|(j, _)| *j));
                documents.extend(document::noted(site, i));
                let placement = site
                    .inputs
                    .topics
                    .iter()
                    .enumerate()
                    .map(|(t, topic)| site.topics.page_path(topic, t, i, site.per_page));
                Reads::Documents {
                    documents,
                    placement: placement.collect(),
                }
            }
            // A page of a long list shows its own documents and a few
            // totals of the whole list.
            PageSpec::Topic(t, page) => Reads::Documents {
                documents: site.topics.documents_on_page(t, page, site.per_page),
                placement: vec![site.topics.totals(t)],
            },
            PageSpec::Entity(e, page) => Reads::Documents {
                documents: site.mentions.documents_on_page(e, page, site.per_page),
                placement: vec![site.mentions.totals(e)],
            },
            PageSpec::Home(page) | PageSpec::Comparison(page) | PageSpec::Timeline(page) => {
                Reads::Documents {
                    documents: site.order[site.dated_range(page)].to_vec(),
                    placement: vec![site.order.len().to_string()],
                }
            }
            PageSpec::Glossary | PageSpec::NotFound | PageSpec::Editorial(_) => Reads::Documents {
                documents: Vec::new(),
                placement: Vec::new(),
            },
            _ => Reads::All,
        }
    }

    /// Builds one page.
    pub fn page(&self, spec: PageSpec) -> Page {
        let site = &self.site;
        let inputs = site.inputs;
        let documents = site.documents;
        let path = self.path(spec);
        let description = inputs.config.description.as_str();
        let titles = &site.strings.titles;
        let (template, title, description, view): (&'static str, String, &str, View) = match spec {
            PageSpec::Home(page) => (
                "home.html",
                self.paged_title(&inputs.config.title, page),
                description,
                View::Home(HomeView {
                    documents: site.order[site.dated_range(page)]
                        .iter()
                        .map(|&i| summary(site, i))
                        .collect(),
                    pager: site.dated_pager(page),
                }),
            ),
            PageSpec::Document(i) => (
                "document.html",
                documents[i].metadata.title.clone(),
                &documents[i].description,
                View::Document(document::document_view(site, i)),
            ),
            PageSpec::Bilingual(i) => (
                "bilingual.html",
                fill(
                    &titles.bilingual,
                    &[("title", &documents[i].metadata.title)],
                ),
                &documents[i].description,
                View::Bilingual(bilingual::bilingual_view(site, i)),
            ),
            PageSpec::Source(i) => (
                "source.html",
                fill(&titles.source, &[("title", &documents[i].metadata.title)]),
                &documents[i].description,
                View::Source(document::source_view(site, i)),
            ),
            PageSpec::Topic(t, page) => (
                "topic.html",
                self.paged_title(&inputs.topics[t].label.en, page),
                &inputs.topics[t].description,
                View::Topic(topics::topic_view(site, t, page)),
            ),
            PageSpec::Topics => (
                "topics.html",
                titles.topics.clone(),
                description,
                View::Topics(topics::index_view(site)),
            ),
            PageSpec::Comparison(page) => (
                "compare.html",
                self.paged_title(&titles.comparison, page),
                description,
                View::Comparison(topics::comparison_view(site, page)),
            ),
            PageSpec::Entity(e, page) => (
                "entity.html",
                self.paged_title(&inputs.entities[e].name.en, page),
                &inputs.entities[e].description,
                View::Entity(entities::entity_view(site, e, page)),
            ),
            PageSpec::Entities => (
                "entities.html",
                titles.entities.clone(),
                description,
                View::Entities(entities::index_view(site)),
            ),
            PageSpec::Glossary => (
                "glossary.html",
                titles.glossary.clone(),
                description,
                View::Glossary(entities::glossary_view(site)),
            ),
            PageSpec::Timeline(page) => (
                "timeline.html",
                self.paged_title(&titles.timeline, page),
                description,
                View::Timeline(timeline::timeline_view(site, page)),
            ),
            PageSpec::Search => (
                "search.html",
                titles.search.clone(),
                description,
                View::Search(search_view(site)),
            ),
            PageSpec::NotFound => (
                "404.html",
                titles.not_found.clone(),
                description,
                View::NotFound(NotFoundView {
                    base_href: self.base_url.map(str::to_owned),
                }),
            ),
            PageSpec::Editorial(n) => {
                let (input, html) = &self.editorial[n];
                (
                    "page.html",
                    input.front.title.clone(),
                    input.front.description.as_deref().unwrap_or(description),
                    View::Editorial(EditorialView { html: html.clone() }),
                )
            }
        };
        Page {
            common: self.common(&path, &title, description),
            path,
            template,
            view,
        }
    }

    /// The title of a later page of a list says which page it is.
    fn paged_title(&self, title: &str, page: usize) -> String {
        match page {
            0 => title.to_owned(),
            _ => fill(
                &self.site.strings.titles.paged,
                &[("title", title), ("page", &(page + 1).to_string())],
            ),
        }
    }

    fn common(&self, path: &str, page_title: &str, description: &str) -> Common {
        let root = paths::root_of(path);
        let nav = self
            .nav_items
            .iter()
            .map(|(label, target)| Link {
                label: label.clone(),
                href: format!("{root}{target}"),
                current: target == path,
            })
            .collect();
        Common {
            site_title: self.site.inputs.config.title.clone(),
            page_title: page_title.to_owned(),
            description: description.to_owned(),
            canonical: self
                .base_url
                .map(|base| crate::pipeline::render::publishing::canonical(base, path)),
            root,
            nav,
        }
    }
}

fn search_view(site: &Site<'_>) -> SearchView {
    let link = |label: &str, target: String| Link {
        label: label.to_owned(),
        href: paths::link(paths::SEARCH, &target),
        current: false,
    };
    let documents = site.documents;
    SearchView {
        documents: site
            .order
            .iter()
            .map(|&d| {
                link(
                    &documents[d].metadata.title,
                    paths::document(&documents[d].slug),
                )
            })
            .collect(),
        topics: site
            .inputs
            .topics
            .iter()
            .map(|t| link(&t.label.en, paths::topic(&t.id)))
            .collect(),
        entities: site
            .inputs
            .entities
            .iter()
            .map(|e| link(&e.name.en, paths::entity(&e.id)))
            .collect(),
    }
}

/// Document indices in the order the site lists them: by date, then slug.
pub(crate) fn date_order(documents: &[Arc<Document>]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..documents.len()).collect();
    order.sort_by(|&a, &b| {
        let key = |i: usize| (documents[i].metadata.sort_date(), &documents[i].slug);
        key(a).cmp(&key(b))
    });
    order
}

/// Relations by document index, both directions, each pair once, sorted.
fn symmetric_relations(
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

fn date_view<T: std::fmt::Display>(known: &Known<T>, human: impl Fn(&T) -> String) -> DateView {
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

fn summary(site: &Site<'_>, i: usize) -> DocumentSummary {
    let doc = &site.documents[i];
    let m = &doc.metadata;
    DocumentSummary {
        title: m.title.clone(),
        href: paths::document(&doc.slug),
        date: site.date(i),
        document_type: m.document_type.clone(),
        parties: m.parties.join(" · "),
        publisher: m.publisher.to_string(),
        languages: m.languages.iter().map(|l| l.0.clone()).collect(),
        description: doc.description.clone(),
    }
}
