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
mod compare;
mod document;
mod entities;
mod home;
pub mod pager;
pub mod paths;
mod plan;
mod site;
mod source;
pub mod strings;
mod text;
mod timeline;
mod timeline_chart;
mod topics;

use std::sync::Arc;

use serde::Serialize;

use crate::chinese::Simplifier;
use crate::error::Result;
use crate::pipeline::document::Document;
use crate::pipeline::load::{Inputs, PageInput};
use strings::{Strings, fill};

pub use bilingual::BilingualView;
pub use compare::ComparisonView;
pub use document::DocumentView;
pub use entities::{EntitiesIndexView, EntityView, GlossaryView};
pub use home::{DocumentSummary, EditorialView, HomeView, NotFoundView, SearchView};
use home::{search_view, summary};
pub use plan::{PageSpec, Reads};
use site::{Site, date_view, symmetric_relations};
pub use source::SourceView;
pub use timeline::TimelineView;
pub use topics::{TopicView, TopicsIndexView};

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
    /// The pages for editors, linked from the footer.
    pub editor_nav: Vec<Link>,
    /// Which accord built the page: `accord 0.1.0 (commit …)`.
    pub generator: &'static str,
    /// When an archive captured the site, for its copy's footer.
    pub captured: Option<String>,
}

/// A link in a page's view: label, relative href, and whether it is the current page.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub label: String,
    pub href: String,
    pub current: bool,
}

/// What a page shows; each variant is the context of one template.
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

/// A date as shown (`human`) and as `<time datetime>` (`iso`, empty when unknown).
#[derive(Debug, Clone, Serialize)]
pub struct DateView {
    pub human: String,
    /// ISO 8601 for `<time datetime>`; empty when unknown.
    pub iso: String,
}

/// A page's template, title, description and data.
type PageParts<'a> = (&'static str, String, &'a str, View);

/// The site's data and navigation, ready to build any of its pages.
pub struct SiteModel<'a> {
    site: Site<'a>,
    nav_items: Vec<(String, String)>,
    editor_items: Vec<(String, String)>,
    editorial: Vec<(&'a PageInput, String)>,
    base_url: Option<&'a str>,
    captured: Option<String>,
}

impl<'a> SiteModel<'a> {
    /// The model of the whole site, from the loaded inputs and the finished
    /// documents; `base_url` makes canonical links and the feed possible.
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
        let item = |p: &PageInput| (p.front.title.clone(), format!("{}/index.html", p.slug));
        let (for_editors, for_readers): (Vec<_>, Vec<_>) = editorial
            .iter()
            .map(|(p, _)| *p)
            .partition(|p| p.front.for_editors);
        nav_items.extend(for_readers.into_iter().map(item));
        let editor_items = for_editors.into_iter().map(item).collect();
        Ok(SiteModel {
            site,
            nav_items,
            editor_items,
            editorial,
            base_url,
            captured: None,
        })
    }

    /// The model of a site captured for an archive at `captured`, which
    /// every page's footer shows.
    pub fn captured_at(mut self, captured: Option<String>) -> Self {
        self.captured = captured;
        self
    }

    /// Document indices in date order.
    pub fn order(&self) -> &[usize] {
        &self.site.order
    }

    /// Builds one page.
    pub fn page(&self, spec: PageSpec) -> Page {
        let path = self.path(spec);
        let (template, title, description, view) = match spec {
            PageSpec::Document(_)
            | PageSpec::Bilingual(_)
            | PageSpec::Source(_)
            | PageSpec::Topic(..)
            | PageSpec::Entity(..) => self.item_page(spec),
            _ => self.list_page(spec),
        };
        Page {
            common: self.common(&path, &title, description),
            path,
            template,
            view,
        }
    }

    /// A page about one document, topic or entity.
    fn item_page(&self, spec: PageSpec) -> PageParts<'_> {
        let site = &self.site;
        let inputs = site.inputs;
        let documents = site.documents;
        let titles = &site.strings.titles;
        match spec {
            PageSpec::Document(i) => (
                "document.html",
                documents[i].metadata.title.clone(),
                &documents[i].description,
                View::Document(document::document_view(site, i, self.base_url)),
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
                View::Source(source::source_view(site, i)),
            ),
            PageSpec::Topic(t, page) => (
                "topic.html",
                self.paged_title(&inputs.topics[t].label.en, page),
                &inputs.topics[t].description,
                View::Topic(topics::topic_view(site, t, page)),
            ),
            PageSpec::Entity(e, page) => (
                "entity.html",
                self.paged_title(&inputs.entities[e].name.en, page),
                &inputs.entities[e].description,
                View::Entity(entities::entity_view(site, e, page)),
            ),
            _ => unreachable!("list pages are built by list_page"),
        }
    }

    /// A page of the whole site: lists, tables, search, 404, editorial.
    fn list_page(&self, spec: PageSpec) -> PageParts<'_> {
        let site = &self.site;
        let inputs = site.inputs;
        let description = inputs.config.description.as_str();
        let titles = &site.strings.titles;
        match spec {
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
                View::Comparison(compare::comparison_view(site, page)),
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

            _ => unreachable!("item pages are built by item_page"),
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
        let links = |items: &[(String, String)]| -> Vec<Link> {
            items
                .iter()
                .map(|(label, target)| Link {
                    label: label.clone(),
                    href: format!("{root}{target}"),
                    current: target == path,
                })
                .collect()
        };
        let nav = links(&self.nav_items);
        let editor_nav = links(&self.editor_items);
        Common {
            site_title: self.site.inputs.config.title.clone(),
            page_title: page_title.to_owned(),
            description: description.to_owned(),
            canonical: self
                .base_url
                .map(|base| crate::pipeline::render::publishing::canonical(base, path)),
            root,
            nav,
            editor_nav,
            generator: crate::version::GENERATOR,
            captured: self.captured.clone(),
        }
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
