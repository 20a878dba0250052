//! The site model: every page to be written, as plain data the templates
//! only format. Links are resolved here, relative to the page that holds them,
//! so the output works from `file://`, at a domain root and under a subpath.
//! Links name `index.html` explicitly because `file://` shows folders, not
//! their index pages.
//!
//! One file per family of pages: `document` (document and source pages),
//! `topics` (topic pages and the comparison table), `entities` (entity pages
//! and the glossary), `timeline`; `text` turns segment text into runs.

mod bilingual;
mod document;
mod entities;
mod text;
mod timeline;
mod topics;

use std::collections::BTreeMap;

use serde::Serialize;

use crate::annotation::Known;
use crate::document::Document;
use crate::error::{Error, Result};
use crate::load::{Inputs, PageInput};
use crate::script::Simplifier;

pub use bilingual::BilingualView;
pub use document::{DocumentView, SourceView};
pub use entities::{EntitiesIndexView, EntityView, GlossaryView};
pub use text::Run;
pub use timeline::TimelineView;
pub use topics::{ComparisonView, TopicView, TopicsIndexView};

/// Output paths of the site's pages, relative to the site root.
pub mod paths {
    pub fn document(slug: &str) -> String {
        format!("documents/{slug}/index.html")
    }
    pub fn bilingual(slug: &str) -> String {
        format!("documents/{slug}/bilingual/index.html")
    }
    pub fn source(slug: &str) -> String {
        format!("documents/{slug}/source/index.html")
    }
    pub fn topic(id: &str) -> String {
        format!("topics/{id}/index.html")
    }
    pub fn entity(id: &str) -> String {
        format!("entities/{id}/index.html")
    }
    pub const HOME: &str = "index.html";
    pub const TOPICS: &str = "topics/index.html";
    pub const ENTITIES: &str = "entities/index.html";
    pub const GLOSSARY: &str = "glossary/index.html";
    pub const COMPARE: &str = "compare/index.html";
    pub const TIMELINE: &str = "timeline/index.html";
    pub const SEARCH: &str = "search/index.html";
}

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
    pub documents: &'a [Document],
    /// Document indices in date order.
    pub order: Vec<usize>,
    /// Relations by document index, both directions: (other index, relation).
    pub related: BTreeMap<usize, Vec<(usize, String)>>,
    pub simplifier: &'a Simplifier,
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
    pub fn chinese_tag(&self, doc: usize) -> String {
        let languages = &self.documents[doc].metadata.languages;
        languages
            .iter()
            .find(|l| l.is_chinese())
            .map_or_else(|| "zh".into(), |l| l.0.clone())
    }

    /// Entities of `kind` mentioned in a document, in order of first mention.
    pub fn mentioned(&self, doc: usize, kind: crate::entities::EntityKind) -> Vec<usize> {
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

    /// A segment's text as runs, and for a Chinese segment the same in
    /// Simplified characters, for a page whose root prefix is `root`.
    pub fn segment_runs(
        &self,
        doc: usize,
        segment: usize,
        root: &str,
    ) -> (Vec<Run>, Option<Vec<Run>>) {
        let s = &self.documents[doc].segments[segment];
        let runs = text::segment_runs(s, &self.chinese_tag(doc), &self.inputs.entities, root);
        let hans = text::simplified(&runs, &s.lang.0, self.simplifier);
        (runs, hans)
    }

    /// A link to an entity's page from a page whose root prefix is `root`.
    pub fn entity_link(&self, entity: usize, root: &str) -> Link {
        let e = &self.inputs.entities[entity];
        Link {
            label: e.name.en.clone(),
            href: format!("{root}{}", paths::entity(&e.id)),
            current: false,
        }
    }
}

/// Builds every page of the site.
pub fn build_pages(
    inputs: &Inputs,
    documents: &[Document],
    editorial: &[(&PageInput, String)],
    base_url: Option<&str>,
    simplifier: &Simplifier,
) -> Result<Vec<Page>> {
    let order = date_order(documents);
    let related = symmetric_relations(inputs, documents)?;
    let site = Site {
        inputs,
        documents,
        order,
        related,
        simplifier,
    };
    document::check_note_references(&site)?;

    let mut nav_items: Vec<(String, String)> = vec![
        ("Documents".into(), paths::HOME.into()),
        ("Topics".into(), paths::TOPICS.into()),
        ("Entities".into(), paths::ENTITIES.into()),
        ("Compare".into(), paths::COMPARE.into()),
        ("Timeline".into(), paths::TIMELINE.into()),
        ("Glossary".into(), paths::GLOSSARY.into()),
    ];
    nav_items.extend(
        editorial
            .iter()
            .map(|(p, _)| (p.front.title.clone(), format!("{}/index.html", p.slug))),
    );
    let common = |path: &str, page_title: &str, description: &str| {
        let root = "../".repeat(path.matches('/').count());
        let nav = nav_items
            .iter()
            .map(|(label, target)| Link {
                label: label.clone(),
                href: format!("{root}{target}"),
                current: target == path,
            })
            .collect();
        Common {
            site_title: inputs.config.title.clone(),
            page_title: page_title.to_owned(),
            description: description.to_owned(),
            canonical: base_url.map(|base| crate::publish::canonical(base, path)),
            root,
            nav,
        }
    };
    let page =
        |path: String, template: &'static str, title: &str, description: &str, view: View| Page {
            common: common(&path, title, description),
            path,
            template,
            view,
        };

    let description = inputs.config.description.as_str();
    let mut pages = vec![page(
        paths::HOME.into(),
        "home.html",
        &inputs.config.title,
        description,
        View::Home(HomeView {
            documents: site.order.iter().map(|&i| summary(&site, i)).collect(),
        }),
    )];
    for &i in &site.order {
        let doc = &documents[i];
        let title = &doc.metadata.title;
        let view = View::Document(document::document_view(&site, i));
        pages.push(page(
            paths::document(&doc.slug),
            "document.html",
            title,
            &doc.description,
            view,
        ));
        if !doc.alignment.is_empty() {
            let view = View::Bilingual(bilingual::bilingual_view(&site, i));
            let title = format!("{title}: Chinese and English side by side");
            pages.push(page(
                paths::bilingual(&doc.slug),
                "bilingual.html",
                &title,
                &doc.description,
                view,
            ));
        }
        let view = View::Source(document::source_view(&site, i));
        let source_title = format!("Source of {title}");
        pages.push(page(
            paths::source(&doc.slug),
            "source.html",
            &source_title,
            &doc.description,
            view,
        ));
    }
    if !inputs.topics.is_empty() {
        let index = topics::Index::new(&site);
        for (t, topic) in inputs.topics.iter().enumerate() {
            let view = View::Topic(topics::topic_view(&site, &index, t));
            pages.push(page(
                paths::topic(&topic.id),
                "topic.html",
                &topic.label.en,
                &topic.description,
                view,
            ));
        }
        let view = View::Topics(topics::index_view(&site, &index));
        pages.push(page(
            paths::TOPICS.into(),
            "topics.html",
            "Topics",
            description,
            view,
        ));
        let view = View::Comparison(topics::comparison_view(&site, &index));
        pages.push(page(
            paths::COMPARE.into(),
            "compare.html",
            "Comparison of the documents",
            description,
            view,
        ));
    }
    let mentions = entities::Mentions::new(&site);
    for (e, entity) in inputs.entities.iter().enumerate() {
        let view = View::Entity(entities::entity_view(&site, &mentions, e));
        pages.push(page(
            paths::entity(&entity.id),
            "entity.html",
            &entity.name.en,
            &entity.description,
            view,
        ));
    }
    let view = View::Entities(entities::index_view(&site, &mentions));
    pages.push(page(
        paths::ENTITIES.into(),
        "entities.html",
        "People, agencies, mechanisms, places and agreements",
        description,
        view,
    ));
    let view = View::Glossary(entities::glossary_view(&site));
    pages.push(page(
        paths::GLOSSARY.into(),
        "glossary.html",
        "Glossary of abbreviations",
        description,
        view,
    ));
    let view = View::Timeline(timeline::timeline_view(&site));
    pages.push(page(
        paths::TIMELINE.into(),
        "timeline.html",
        "Timeline",
        description,
        view,
    ));
    let link = |label: &str, target: String| Link {
        label: label.to_owned(),
        href: format!("../{target}"),
        current: false,
    };
    let view = View::Search(SearchView {
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
        topics: inputs
            .topics
            .iter()
            .map(|t| link(&t.label.en, paths::topic(&t.id)))
            .collect(),
        entities: inputs
            .entities
            .iter()
            .map(|e| link(&e.name.en, paths::entity(&e.id)))
            .collect(),
    });
    pages.push(page(
        paths::SEARCH.into(),
        "search.html",
        "Search",
        description,
        view,
    ));
    let view = View::NotFound(NotFoundView {
        base_href: base_url.map(str::to_owned),
    });
    pages.push(page(
        "404.html".into(),
        "404.html",
        "Page not found",
        description,
        view,
    ));
    for (input, html) in editorial {
        let description = input
            .front
            .description
            .clone()
            .unwrap_or_else(|| inputs.config.description.clone());
        let view = View::Editorial(EditorialView { html: html.clone() });
        pages.push(page(
            format!("{}/index.html", input.slug),
            "page.html",
            &input.front.title,
            &description,
            view,
        ));
    }
    Ok(pages)
}

/// Document indices in the order the site lists them: by date, then slug.
pub fn date_order(documents: &[Document]) -> Vec<usize> {
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
    documents: &[Document],
) -> Result<BTreeMap<usize, Vec<(usize, String)>>> {
    let mut map: BTreeMap<usize, Vec<(usize, String)>> = BTreeMap::new();
    let mut errors = Vec::new();
    for (i, (input, doc)) in inputs.documents.iter().zip(documents).enumerate() {
        for r in &doc.related {
            let Some(j) = documents.iter().position(|d| d.slug == r.document) else {
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
