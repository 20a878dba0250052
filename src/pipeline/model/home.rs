//! The site-wide list pages: the home page (documents by date), the search
//! page, the 404 page and the editorial pages.

use serde::Serialize;

use super::site::Site;
use super::{DateView, Link, pager, paths};

/// The home page: the introduction and the list of documents.
#[derive(Debug, Serialize)]
pub struct HomeView {
    pub documents: Vec<DocumentSummary>,
    pub pager: Option<pager::Pager>,
}

/// A document as listed on the home page.
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

/// A page of editorial Markdown (about, method).
#[derive(Debug, Serialize)]
pub struct EditorialView {
    pub html: String,
}

pub(super) fn search_view(site: &Site<'_>) -> SearchView {
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

pub(super) fn summary(site: &Site<'_>, i: usize) -> DocumentSummary {
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
