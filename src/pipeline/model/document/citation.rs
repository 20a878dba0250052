//! Citation metadata in a document page's head: the Highwire Press tags
//! Google Scholar reads and Zotero's connector saves an item from, and the
//! Dublin Core elements they share. Unknown facts are left out, never
//! written as "unknown".

use serde::Serialize;

use crate::pipeline::load::schema::Known;
use crate::pipeline::model::Site;

/// One `<meta name content>` of a document page's head.
#[derive(Debug, Serialize)]
pub struct MetaTag {
    pub name: &'static str,
    pub content: String,
}

pub(super) fn meta_tags(site: &Site<'_>, i: usize) -> Vec<MetaTag> {
    let doc = &site.documents[i];
    let m = &doc.metadata;
    let mut tags = Vec::new();
    let mut add = |names: &[&'static str], content: &str| {
        if !content.is_empty() {
            tags.extend(names.iter().map(|&name| MetaTag {
                name,
                content: content.to_owned(),
            }));
        }
    };
    add(&["citation_title", "DC.title"], &m.title);
    if let Known::Value(date) = &m.published {
        // Scholar wants the publication date, Zotero parses ISO 8601; a
        // partial date stays partial (`2015-09`).
        add(&["citation_publication_date", "DC.date"], &date.iso());
    }
    if let Known::Value(publisher) = &m.publisher {
        add(&["citation_publisher", "DC.publisher"], publisher);
    }
    for language in &m.languages {
        add(&["citation_language", "DC.language"], &language.0);
    }
    add(&["DC.type"], &m.document_type);
    if let Known::Value(url) = &m.source_url {
        add(&["DC.source"], url);
    }
    tags
}
