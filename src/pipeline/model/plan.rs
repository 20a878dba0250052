//! Planning the site: every page as a [`PageSpec`], where each is written,
//! and what each reads of the corpus (for incremental rebuilds).

use super::{SiteModel, document, pager, paths};

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

impl SiteModel<'_> {
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
}
