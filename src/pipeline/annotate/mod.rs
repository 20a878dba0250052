//! Annotation: topic tags, entity mentions, alignment of translated segments
//! and editorial notes, on a segmented document.
//!
//! Tags come from the topic keywords, are shared across each aligned pair (a
//! translation is about what its original is about), and are then corrected
//! by the annotation's `tags` overrides.

pub mod align;
pub mod bilingual;
pub mod mentions;
pub mod tagger;

use crate::error::{Error, Location, Result};
use crate::pipeline::annotate::bilingual::align_document;
use crate::pipeline::annotate::mentions::MentionFinder;
use crate::pipeline::annotate::tagger::Tagger;
use crate::pipeline::document::Document;
use crate::pipeline::load::entities::{Entity, EntityKind};
use crate::pipeline::load::ids::unknown_id;
use crate::pipeline::load::schema::{Note, SegmentKind};
use crate::pipeline::load::topics::Topic;
use crate::pipeline::load::{DocumentInput, Inputs};

/// What annotation needs from the whole site, prepared once.
pub struct Annotator<'a> {
    pub topics: &'a [Topic],
    pub entities: &'a [Entity],
    tagger: Tagger,
    finder: MentionFinder,
}

/// A note whose local anchors were checked: the segment indices it is on.
#[derive(Debug, Clone)]
pub struct PlacedNote {
    pub on: Vec<usize>,
    pub note: Note,
}

impl<'a> Annotator<'a> {
    /// An annotator for the site's topics and entities; its errors name
    /// the file at fault.
    pub fn new(inputs: &'a Inputs) -> Result<Self> {
        Ok(Annotator {
            topics: &inputs.topics,
            entities: &inputs.entities,
            tagger: Tagger::new(&inputs.topics)
                .map_err(|m| Error::input(Location::file(&inputs.topics_path), m))?,
            finder: MentionFinder::new(&inputs.entities)
                .map_err(|m| Error::input(Location::file(&inputs.entities_path), m))?,
        })
    }

    pub fn annotate(&self, doc: &mut Document, input: &DocumentInput) -> Result<()> {
        for segment in &mut doc.segments {
            segment.mentions = self.finder.find(&segment.text);
            if segment.kind != SegmentKind::Heading {
                segment.topics = self.tagger.tag(&segment.full_text());
            }
        }
        let (rows, report) = align_document(doc, input)?;
        doc.alignment = rows;
        doc.alignment_report = report;
        for row in &doc.alignment {
            let members: Vec<usize> = row.zh.iter().chain(&row.en).copied().collect();
            let union = merged(members.iter().map(|&i| doc.segments[i].topics.as_slice()));
            for i in members {
                doc.segments[i].topics = union.clone();
            }
        }
        self.apply_overrides(doc, input)?;
        doc.notes = place_notes(doc, input)?;
        doc.mechanism = match &input.annotation.metadata.mechanism {
            None => None,
            Some(id) => Some(self.mechanism(id, input)?),
        };
        Ok(())
    }

    fn apply_overrides(&self, doc: &mut Document, input: &DocumentInput) -> Result<()> {
        let ids: Vec<&str> = self.topics.iter().map(|t| t.id.as_str()).collect();
        for o in &input.annotation.tags {
            let index = segment_index(doc, input, &o.segment)?;
            let row: Vec<usize> = doc
                .alignment
                .iter()
                .find(|r| r.zh.contains(&index) || r.en.contains(&index))
                .map(|r| r.zh.iter().chain(&r.en).copied().collect())
                .unwrap_or_else(|| vec![index]);
            for (id, add) in o
                .add
                .iter()
                .map(|i| (i, true))
                .chain(o.remove.iter().map(|i| (i, false)))
            {
                let topic = ids
                    .iter()
                    .position(|t| t == id)
                    .ok_or_else(|| Error::input(input.locate(id), unknown_id("topic", id, &ids)))?;
                for &i in &row {
                    let topics = &mut doc.segments[i].topics;
                    if add && !topics.contains(&topic) {
                        topics.push(topic);
                        topics.sort_unstable();
                    } else if !add {
                        topics.retain(|&t| t != topic);
                    }
                }
            }
        }
        Ok(())
    }

    fn mechanism(&self, id: &str, input: &DocumentInput) -> Result<usize> {
        let mechanisms: Vec<&str> = self
            .entities
            .iter()
            .filter(|e| e.kind == EntityKind::Mechanism)
            .map(|e| e.id.as_str())
            .collect();
        self.entities
            .iter()
            .position(|e| e.id == id && e.kind == EntityKind::Mechanism)
            .ok_or_else(|| Error::input(input.locate(id), unknown_id("mechanism", id, &mechanisms)))
    }
}

fn merged<'a>(lists: impl Iterator<Item = &'a [usize]>) -> Vec<usize> {
    let mut all: Vec<usize> = lists.flatten().copied().collect();
    all.sort_unstable();
    all.dedup();
    all
}

fn segment_index(doc: &Document, input: &DocumentInput, anchor: &str) -> Result<usize> {
    doc.segments
        .iter()
        .position(|s| s.anchor == anchor)
        .ok_or_else(|| {
            let anchors: Vec<&str> = doc.segments.iter().map(|s| s.anchor.as_str()).collect();
            Error::input(
                input.locate(anchor),
                unknown_id("segment", anchor, &anchors),
            )
        })
}

fn place_notes(doc: &Document, input: &DocumentInput) -> Result<Vec<PlacedNote>> {
    let mut placed = Vec::new();
    for note in &input.annotation.notes {
        let on = note
            .on
            .iter()
            .map(|a| segment_index(doc, input, a))
            .collect::<Result<Vec<_>>>()?;
        if on.is_empty() {
            return Err(Error::input(
                input.locate("notes:"),
                "a note must be `on` at least one segment",
            ));
        }
        placed.push(PlacedNote {
            on,
            note: note.clone(),
        });
    }
    Ok(placed)
}
