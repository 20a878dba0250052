//! `feed.xml`: an Atom feed of the documents, newest first, so a reader's
//! feed reader learns when the corpus grows. Atom ids must be absolute
//! IRIs, so the feed is written only when the site has a base URL.

use crate::pipeline::document::Document;
use crate::pipeline::load::Inputs;
use crate::pipeline::load::schema::{Known, PartialDate};
use crate::pipeline::model::paths;
use crate::pipeline::render::markdown::escape;
use crate::pipeline::render::publishing::canonical;

/// Where the feed is written, from the site root.
pub(crate) const FEED: &str = "feed.xml";

/// The feed of `documents` (in site order, oldest first) under `base`.
pub(super) fn atom(inputs: &Inputs, documents: &[&Document], base: &str) -> Vec<u8> {
    let mut newest_first: Vec<&Document> = documents.to_vec();
    newest_first.reverse();
    let updated = documents
        .iter()
        .filter_map(|d| last_date(d))
        .max()
        .map_or_else(|| "1970-01-01T00:00:00Z".to_owned(), timestamp);
    let title = escape(&inputs.config.title);
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
         <feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"en\">\n\
         \x20 <title>{title}</title>\n\
         \x20 <id>{base}</id>\n\
         \x20 <link rel=\"alternate\" type=\"text/html\" href=\"{base}\"/>\n\
         \x20 <link rel=\"self\" type=\"application/atom+xml\" href=\"{base}{FEED}\"/>\n\
         \x20 <updated>{updated}</updated>\n\
         \x20 <author><name>{title}</name></author>\n\
         \x20 <generator version=\"{}\">accord</generator>\n",
        env!("CARGO_PKG_VERSION")
    );
    for doc in newest_first {
        entry(&mut xml, doc, base);
    }
    xml.push_str("</feed>\n");
    xml.into_bytes()
}

fn entry(xml: &mut String, doc: &Document, base: &str) {
    let m = &doc.metadata;
    let url = escape(&canonical(base, &paths::document(&doc.slug)));
    let lang = if crate::chinese::is_mostly_chinese(&m.title) {
        "zh"
    } else {
        "en"
    };
    xml.push_str(&format!(
        "  <entry>\n    <title xml:lang=\"{lang}\">{}</title>\n    <id>{url}</id>\n    \
         <link rel=\"alternate\" type=\"text/html\" href=\"{url}\"/>\n",
        escape(&m.title)
    ));
    if let Some(date) = last_date(doc) {
        xml.push_str(&format!("    <updated>{}</updated>\n", timestamp(date)));
    } else {
        // Atom wants a date on every entry; an undated document gets the
        // epoch rather than a made-up date.
        xml.push_str("    <updated>1970-01-01T00:00:00Z</updated>\n");
    }
    if let Known::Value(date) = &m.published {
        xml.push_str(&format!(
            "    <published>{}</published>\n",
            timestamp(*date)
        ));
    }
    if let Known::Value(publisher) = &m.publisher {
        xml.push_str(&format!(
            "    <author><name>{}</name></author>\n",
            escape(publisher)
        ));
    }
    if !doc.description.is_empty() {
        xml.push_str(&format!(
            "    <summary>{}</summary>\n",
            escape(&doc.description)
        ));
    }
    xml.push_str("  </entry>\n");
}

/// The latest date known of a document: its publication, which may come
/// days after the event, else the event.
fn last_date(doc: &Document) -> Option<PartialDate> {
    let m = &doc.metadata;
    m.published.value().copied().max(m.sort_date())
}

/// An RFC 3339 timestamp at the start of a (possibly partial) date.
fn timestamp(date: PartialDate) -> String {
    format!(
        "{:04}-{:02}-{:02}T00:00:00Z",
        date.year,
        date.month.unwrap_or(1),
        date.day.unwrap_or(1)
    )
}
