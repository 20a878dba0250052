//! The comparison table: documents as columns, topics as rows, each cell
//! the paragraphs a document has on a topic, with the metadata beside.

use serde::Serialize;

use super::pager::Pager;
use super::text::excerpt;
use super::topics::{Index, TOPIC_CHINESE};
use super::{DateView, Link, Site, paths};

/// The comparison page: a topics × documents table and the documents' metadata side by side.
#[derive(Debug, Serialize)]
pub struct ComparisonView {
    /// This page's documents.
    pub columns: Vec<Column>,
    pub rows: Vec<CompareRow>,
    pub metadata: Vec<MetadataRow>,
    /// How many documents the table compares, on all pages.
    pub documents: usize,
    pub pager: Option<Pager>,
}

/// A document column of the comparison, in date order.
#[derive(Debug, Serialize)]
pub struct Column {
    pub title: String,
    pub short: String,
    pub href: String,
    pub date: DateView,
}

/// A topic row of the comparison, one cell per column.
#[derive(Debug, Serialize)]
pub struct CompareRow {
    pub topic: Link,
    /// The Chinese label as HTML in both scripts.
    pub label_zh_html: Option<String>,
    pub zh_lang: &'static str,
    pub cells: Vec<CompareCell>,
}

/// How a document treats a topic: a count, an excerpt and a link to its paragraphs.
#[derive(Debug, Serialize)]
pub struct CompareCell {
    pub count: usize,
    /// Every paragraph of the cell, by anchor.
    pub links: Vec<Link>,
    pub excerpt: Excerpt,
    pub excerpt_lang: String,
    /// The heatmap's shade, 0 (none) to 4 (the page's largest count).
    pub level: usize,
}

/// The heatmap's shade of `count` where the page's largest count is `max`:
/// 0 only for none, so one paragraph never looks like nothing.
fn heat_level(count: usize, max: usize) -> usize {
    match (count, max) {
        (0, _) | (_, 0) => 0,
        _ => (4 * count).div_ceil(max).clamp(1, 4),
    }
}

/// A short quotation around the words that earned the tag, which the page
/// highlights; without such words (a tag from an override or from the
/// aligned counterpart), the paragraph's opening and no highlight.
#[derive(Debug, Default, Serialize)]
pub struct Excerpt {
    pub before: String,
    pub hit: String,
    pub after: String,
}

/// Characters of context on each side of the highlighted words.
const CONTEXT: usize = 50;

/// The cell's quotation: the first paragraph (English of a pair first)
/// with a keyword hit for topic `t`, else the first paragraph's opening.
fn cell_excerpt(site: &Site<'_>, units: &[super::topics::Unit], t: usize) -> (Excerpt, String) {
    let Some(first) = units.first() else {
        return (Excerpt::default(), String::new());
    };
    let doc = &site.documents[first.doc];
    let hit = units.iter().find_map(|u| {
        let mut order = u.segments.clone();
        order.sort_by_key(|&s| doc.segments[s].lang.is_chinese());
        order.into_iter().find_map(|s| {
            let seg = &doc.segments[s];
            let range = seg
                .topic_hits
                .iter()
                .find(|(topic, _)| *topic == t)?
                .1
                .clone();
            Some((seg, range))
        })
    });
    match hit {
        Some((seg, range)) => {
            let text = seg.full_text();
            let before = &text[..range.start];
            let after = &text[range.end..];
            let before_chars = before.chars().count();
            let before = if before_chars > CONTEXT {
                let skip: String = before.chars().skip(before_chars - CONTEXT).collect();
                let start = skip
                    .find(' ')
                    .filter(|&i| i < CONTEXT / 2)
                    .map_or(0, |i| i + 1);
                format!("…{}", &skip[start..])
            } else {
                before.to_owned()
            };
            let excerpt = Excerpt {
                before,
                hit: text[range].to_owned(),
                after: excerpt(after, CONTEXT),
            };
            (excerpt, seg.lang.0.clone())
        }
        None => {
            let s = &doc.segments[first.quoted(site)];
            let opening = Excerpt {
                before: excerpt(&s.full_text(), 110),
                ..Excerpt::default()
            };
            (opening, s.lang.0.clone())
        }
    }
}

/// One metadata field across all documents of the comparison.
#[derive(Debug, Serialize)]
pub struct MetadataRow {
    pub title: String,
    pub href: String,
    pub date: DateView,
    pub place: String,
    /// The mechanism the document belongs to, and the others it names.
    pub mechanism: Option<Link>,
    pub mechanisms_named: Vec<Link>,
    /// The people who took part (`None`: not recorded), and the other
    /// people the text names.
    pub participants: Option<Vec<Link>>,
    pub people_named: Vec<Link>,
    pub document_type: String,
    pub publisher: String,
}

/// One page of the comparison table: a page's worth of documents as columns.
pub(super) fn comparison_view(site: &Site<'_>, page: usize) -> ComparisonView {
    let root: &str = &paths::root_of(paths::COMPARE);
    let index = &site.topics;
    let documents = &site.order[site.dated_range(page)];
    let columns = documents
        .iter()
        .map(|&d| {
            let doc = &site.documents[d];
            let date = site.date(d);
            Column {
                title: doc.metadata.title.clone(),
                short: format!("{} · {}", doc.metadata.document_type, date.human),
                href: format!("{root}{}", paths::document(&doc.slug)),
                date,
            }
        })
        .collect();
    let mut rows: Vec<CompareRow> = site
        .inputs
        .topics
        .iter()
        .enumerate()
        .map(|(t, topic)| CompareRow {
            topic: Link {
                label: topic.label.en.clone(),
                href: format!("{root}{}", paths::topic(&topic.id)),
                current: false,
            },
            label_zh_html: topic.label.zh.as_deref().map(|l| site.chinese_html(l)),
            zh_lang: TOPIC_CHINESE,
            cells: documents
                .iter()
                .map(|&d| compare_cell(site, index, t, d, root))
                .collect(),
        })
        .collect();
    let max = rows
        .iter()
        .flat_map(|r| &r.cells)
        .map(|c| c.count)
        .max()
        .unwrap_or(0);
    for cell in rows.iter_mut().flat_map(|r| &mut r.cells) {
        cell.level = heat_level(cell.count, max);
    }
    let metadata = documents
        .iter()
        .map(|&d| {
            let doc = &site.documents[d];
            let (mechanism, mechanisms_named) = site.mechanisms(d, root);
            let (participants, people_named) = site.people(d, root);
            MetadataRow {
                title: doc.metadata.title.clone(),
                href: format!("{root}{}", paths::document(&doc.slug)),
                date: site.date(d),
                place: doc.metadata.place.to_string(),
                mechanism,
                mechanisms_named,
                participants,
                people_named,
                document_type: doc.metadata.document_type.clone(),
                publisher: doc.metadata.publisher.to_string(),
            }
        })
        .collect();
    ComparisonView {
        columns,
        rows,
        metadata,
        documents: site.order.len(),
        pager: site.dated_pager(page),
    }
}

fn compare_cell(site: &Site<'_>, index: &Index, t: usize, d: usize, root: &str) -> CompareCell {
    let units = index.units_of(t, d);
    let doc = &site.documents[d];
    let links = units
        .iter()
        .map(|u| {
            let s = u.quoted(site);
            let anchor = &doc.segments[s].anchor;
            Link {
                label: anchor.clone(),
                href: format!("{root}{}#{anchor}", paths::document(&doc.slug)),
                current: false,
            }
        })
        .collect();
    let (excerpt, excerpt_lang) = cell_excerpt(site, units, t);
    CompareCell {
        count: units.len(),
        links,
        excerpt,
        excerpt_lang,
        level: 0,
    }
}

#[cfg(test)]
mod tests {
    use super::heat_level;

    #[test]
    fn only_an_empty_cell_has_no_shade_and_the_largest_has_the_darkest() {
        assert_eq!(heat_level(0, 9), 0);
        assert_eq!(heat_level(1, 9), 1);
        assert_eq!(heat_level(9, 9), 4);
        assert_eq!(heat_level(5, 9), 3);
        assert_eq!(heat_level(0, 0), 0);
    }
}
