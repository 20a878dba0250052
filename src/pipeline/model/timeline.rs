//! The timeline: documents by year, with the mechanisms each one involves.

use serde::Serialize;

use super::{DateView, Link, Site, paths};

/// The timeline page: documents and mechanisms grouped by year.
#[derive(Debug, Serialize)]
pub struct TimelineView {
    /// The page's documents on a time axis, when any has a date.
    pub chart: Option<super::timeline_chart::Chart>,
    pub years: Vec<Year>,
    pub pager: Option<super::pager::Pager>,
}

/// One year on the timeline and what happened in it.
#[derive(Debug, Serialize)]
pub struct Year {
    pub year: String,
    /// Anchor of the year's heading.
    pub id: String,
    pub entries: Vec<Entry>,
}

/// A document or mechanism on the timeline, linking to its page.
#[derive(Debug, Serialize)]
pub struct Entry {
    pub date: DateView,
    pub title: String,
    pub href: String,
    pub document_type: String,
    /// Where it happened; `None` when unknown, which the page leaves out.
    pub place: Option<String>,
    /// The mechanism the document belongs to, and the others it names.
    pub mechanism: Option<Link>,
    pub mechanisms_named: Vec<Link>,
}

/// One page of the timeline: a page's worth of documents, by year.
pub(super) fn timeline_view(site: &Site<'_>, page: usize) -> TimelineView {
    let root: &str = &paths::root_of(paths::TIMELINE);
    let mut years: Vec<Year> = Vec::new();
    for &d in &site.order[site.dated_range(page)] {
        let doc = &site.documents[d];
        let year = doc.metadata.sort_date().map_or_else(
            || site.strings.timeline.date_unknown.clone(),
            |date| date.year.to_string(),
        );
        let (mechanism, mechanisms_named) = site.mechanisms(d, root);
        let entry = Entry {
            date: site.date(d),
            title: doc.metadata.title.clone(),
            href: format!("{root}{}", paths::document(&doc.slug)),
            document_type: doc.metadata.document_type.clone(),
            place: doc.metadata.place.value().cloned(),
            mechanism,
            mechanisms_named,
        };
        match years.last_mut() {
            Some(y) if y.year == year => y.entries.push(entry),
            _ => {
                let id = format!("y-{}", year.to_lowercase().replace(' ', "-"));
                years.push(Year {
                    year,
                    id,
                    entries: vec![entry],
                });
            }
        }
    }
    TimelineView {
        chart: super::timeline_chart::chart(site, &site.order[site.dated_range(page)], root),
        years,
        pager: site.dated_pager(page),
    }
}
