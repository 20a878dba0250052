//! Editorial notes on a document page, and the `see` references between
//! documents that they carry.

use super::{NoteView, SegmentView};
use crate::error::{Error, Result};
use crate::pipeline::model::text::html;
use crate::pipeline::model::{Link, Site, paths};

/// A segment reference in a note, `<slug>#<anchor>`, resolved to
/// (document index, segment index).
fn resolve_reference(site: &Site<'_>, reference: &str) -> Option<(usize, usize)> {
    let (slug, anchor) = reference.split_once('#')?;
    let d = site.documents.iter().position(|d| d.slug == slug)?;
    let s = site.documents[d]
        .segments
        .iter()
        .position(|s| s.anchor == anchor)?;
    Some((d, s))
}

/// The documents that a document's notes point to.
pub(in crate::pipeline::model) fn noted(site: &Site<'_>, i: usize) -> Vec<usize> {
    site.documents[i]
        .notes
        .iter()
        .flat_map(|placed| &placed.note.see)
        .filter_map(|r| resolve_reference(site, r))
        .map(|(d, _)| d)
        .collect()
}

/// Every `see` reference of every note must name an existing segment.
pub(in crate::pipeline::model) fn check_note_references(site: &Site<'_>) -> Result<()> {
    let mut errors = Vec::new();
    for (input, doc) in site.inputs.documents.iter().zip(site.documents) {
        for placed in &doc.notes {
            for reference in &placed.note.see {
                if resolve_reference(site, reference).is_none() {
                    errors.push(Error::input(
                        input.locate(reference),
                        format!("note reference `{reference}` names no segment: expected `<document slug>#<anchor>`, e.g. `{}#en-1`", doc.slug),
                    ));
                }
            }
        }
    }
    Error::collect(errors)
}

/// Places each note after the last segment it is about, linking to those
/// segments and to the ones it refers to.
pub(super) fn attach(
    site: &Site<'_>,
    i: usize,
    root: &str,
    chinese: &str,
    segments: &mut [SegmentView],
) {
    let doc = &site.documents[i];
    for placed in &doc.notes {
        let local = placed.on.iter().map(|&s| Link {
            label: format!("this document, {}", doc.segments[s].anchor),
            href: format!("#{}", doc.segments[s].anchor),
            current: false,
        });
        let elsewhere = placed
            .note
            .see
            .iter()
            .filter_map(|r| resolve_reference(site, r))
            .map(|(d, s)| {
                let other = &site.documents[d];
                let anchor = &other.segments[s].anchor;
                let label = if d == i {
                    format!("this document, {anchor}")
                } else {
                    format!("{}, {anchor}", other.metadata.title)
                };
                let href = if d == i {
                    format!("#{anchor}")
                } else {
                    format!("{root}{}#{anchor}", paths::document(&other.slug))
                };
                Link {
                    label,
                    href,
                    current: false,
                }
            });
        let view = NoteView {
            html: html(&placed.note.text, "en", chinese),
            links: local.chain(elsewhere).collect(),
        };
        if let Some(&last) = placed.on.iter().max() {
            segments[last].notes.push(view);
        }
    }
}
