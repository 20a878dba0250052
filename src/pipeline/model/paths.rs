//! The site's URL layout: where each page is written, relative to the site
//! root, and how a page links back up to the root. This is the only module
//! that knows the layout; links elsewhere are made with [`link`].

/// A document page, from the site root.
pub fn document(slug: &str) -> String {
    format!("documents/{slug}/index.html")
}
/// A document's side-by-side page, from the site root.
pub fn bilingual(slug: &str) -> String {
    format!("documents/{slug}/bilingual/index.html")
}
/// A document's source page, from the site root.
pub fn source(slug: &str) -> String {
    format!("documents/{slug}/source/index.html")
}
/// A topic's first page, from the site root.
pub fn topic(id: &str) -> String {
    format!("topics/{id}/index.html")
}
/// An entity's first page, from the site root.
pub fn entity(id: &str) -> String {
    format!("entities/{id}/index.html")
}
/// A document's CSL-JSON citation, from the site root.
pub fn citation(slug: &str) -> String {
    format!("data/cite/{slug}.json")
}
/// The whole corpus as JSON, from the site root.
pub const CORPUS_JSON: &str = "data/corpus.json";
/// The JSON Schema of [`CORPUS_JSON`].
pub const CORPUS_SCHEMA: &str = "data/corpus.schema.json";
/// One row per paragraph, from the site root.
pub const PARAGRAPHS_CSV: &str = "data/paragraphs.csv";
pub(crate) const HOME: &str = "index.html";
pub(crate) const TOPICS: &str = "topics/index.html";
pub(crate) const ENTITIES: &str = "entities/index.html";
pub(crate) const GLOSSARY: &str = "glossary/index.html";
pub(crate) const COMPARE: &str = "compare/index.html";
pub(crate) const TIMELINE: &str = "timeline/index.html";
pub(crate) const SEARCH: &str = "search/index.html";

/// The prefix that leads from the page at `page` to the site root: `""` at
/// the root, `"../../"` two folders down.
pub(crate) fn root_of(page: &str) -> String {
    "../".repeat(page.matches('/').count())
}

/// The link from the page at `from` to the page or file at `to`, both
/// relative to the site root.
pub fn link(from: &str, to: &str) -> String {
    format!("{}{to}", root_of(from))
}

/// The link from a document's own sub-pages (source, bilingual view) to
/// the document's page.
pub(crate) const DOCUMENT_FROM_SUBPAGE: &str = "../index.html";
