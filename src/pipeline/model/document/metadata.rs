//! The metadata table of a document page: one row per field, each with
//! the source the editor gave for it.

use super::MetaRow;
use crate::pipeline::load::schema::Known;
use crate::pipeline::model::text::html;
use crate::pipeline::model::{DateView, Site, date_view};

pub(super) fn rows(site: &Site<'_>, i: usize, root: &str, chinese: &str) -> Vec<MetaRow> {
    let doc = &site.documents[i];
    let m = &doc.metadata;
    let labels = &site.strings.metadata;
    let row = |label: &str, field: &str, value: String, unknown: bool, iso: String| MetaRow {
        label: label.into(),
        value_html: html(&value, "en", chinese),
        value,
        unknown,
        iso,
        is_link: field == "source_url" && !unknown,
        href: None,
        source_html: m.sources.get(field).map(|s| html(s, "en", chinese)),
    };
    let text_row = |label: &str, field: &str, known: &Known<String>| {
        row(
            label,
            field,
            known.to_string(),
            known.value().is_none(),
            String::new(),
        )
    };
    let date_row = |label: &str, field: &str, date: DateView| {
        row(label, field, date.human, date.iso.is_empty(), date.iso)
    };
    let plain_row =
        |label: &str, field: &str, value: String| row(label, field, value, false, String::new());
    let mut metadata = vec![
        text_row(&labels.original_title, "original_title", &m.original_title),
        date_row(
            &labels.event_date,
            "event_date",
            date_view(&m.event_date, |d| d.human()),
        ),
        date_row(
            &labels.published,
            "published",
            date_view(&m.published, |d| d.human()),
        ),
        text_row(&labels.place, "place", &m.place),
        plain_row(&labels.parties, "parties", m.parties.join(", ")),
        plain_row(
            &labels.document_type,
            "document_type",
            m.document_type.clone(),
        ),
        text_row(&labels.publisher, "publisher", &m.publisher),
        text_row(&labels.source_url, "source_url", &m.source_url),
        plain_row(
            &labels.languages,
            "languages",
            m.languages
                .iter()
                .map(|l| l.0.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        plain_row(&labels.seed, "seed", doc.seed.clone()),
    ];
    let lint_says_truncated = doc
        .warnings
        .iter()
        .any(|w| w.kind == crate::pipeline::clean::Kind::Truncation);
    if m.truncated || lint_says_truncated {
        let value = if m.truncated {
            labels.truncated.clone()
        } else {
            labels.seems_truncated.clone()
        };
        metadata.push(plain_row(&labels.completeness, "truncated", value));
    }
    let at = metadata.len().min(4);
    metadata.splice(at..at, entity_rows(site, i, root, &plain_row));
    metadata
}

/// The document's mechanism, the others it names (in the same words as the
/// comparison table and the timeline, from `Site::mechanisms`), and who
/// took part.
fn entity_rows(
    site: &Site<'_>,
    i: usize,
    root: &str,
    plain_row: &dyn Fn(&str, &str, String) -> MetaRow,
) -> Vec<MetaRow> {
    let labels = &site.strings.metadata;
    let mut rows = Vec::new();
    let (own, named) = site.mechanisms(i, root);
    if let Some(own) = own {
        let mut row = plain_row(&labels.mechanism, "mechanism", own.label);
        row.href = Some(own.href);
        rows.push(row);
    }
    if !named.is_empty() {
        let names: Vec<&str> = named.iter().map(|l| l.label.as_str()).collect();
        rows.push(plain_row(
            &labels.mechanisms_named,
            "mechanisms_named",
            names.join("; "),
        ));
    }
    if let Some(people) = &site.documents[i].participants {
        let names: Vec<&str> = people
            .iter()
            .map(|&e| site.inputs.entities[e].name.en.as_str())
            .collect();
        let value = match names.is_empty() {
            true => "none".to_owned(),
            false => names.join(", "),
        };
        rows.push(plain_row(&labels.participants, "participants", value));
    }
    rows
}
