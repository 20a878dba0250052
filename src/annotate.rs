//! Annotation: topic tags, entity mentions, alignment of translated segments
//! and editorial notes, on a segmented document.
//!
//! Tags come from the topic keywords, are shared across each aligned pair (a
//! translation is about what its original is about), and are then corrected
//! by the annotation's `tags` overrides.

use crate::annotation::{Note, SegmentKind};
use crate::document::Document;
use crate::entities::{Entity, EntityKind, MentionFinder};
use crate::error::{Error, Result};
use crate::load::DocumentInput;
use crate::suggest::unknown_id;
use crate::topics::{Tagger, Topic};

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
    pub fn new(topics: &'a [Topic], entities: &'a [Entity]) -> std::result::Result<Self, String> {
        Ok(Annotator {
            topics,
            entities,
            tagger: Tagger::new(topics)?,
            finder: MentionFinder::new(entities),
        })
    }

    pub fn annotate(&self, doc: &mut Document, input: &DocumentInput) -> Result<()> {
        for segment in &mut doc.segments {
            segment.mentions = self.finder.find(&segment.text);
            if segment.kind != SegmentKind::Heading {
                segment.topics = self.tagger.tag(&segment.full_text());
            }
        }
        doc.alignment = self.alignment(doc, input)?;
        for &(a, b) in &doc.alignment {
            let union = merged(&doc.segments[a].topics, &doc.segments[b].topics);
            doc.segments[a].topics = union.clone();
            doc.segments[b].topics = union;
        }
        self.apply_overrides(doc, input)?;
        doc.notes = place_notes(doc, input)?;
        doc.mechanism = match &input.annotation.metadata.mechanism {
            None => None,
            Some(id) => Some(self.mechanism(id, input)?),
        };
        Ok(())
    }

    fn alignment(&self, doc: &Document, input: &DocumentInput) -> Result<Vec<(usize, usize)>> {
        let mut pairs = Vec::new();
        for [zh, en] in &input.annotation.alignment {
            let a = segment_index(doc, input, zh)?;
            let b = segment_index(doc, input, en)?;
            if !doc.segments[a].lang.is_chinese() || doc.segments[b].lang.is_chinese() {
                return Err(Error::input(
                    input.locate(zh),
                    format!(
                        "alignment pair [{zh}, {en}]: expected a Chinese segment, then an English one"
                    ),
                ));
            }
            if pairs.iter().any(|&(x, y)| x == a || y == b) {
                return Err(Error::input(
                    input.locate(zh),
                    format!("alignment pair [{zh}, {en}] reuses a segment"),
                ));
            }
            pairs.push((a, b));
        }
        Ok(pairs)
    }

    fn apply_overrides(&self, doc: &mut Document, input: &DocumentInput) -> Result<()> {
        let ids: Vec<&str> = self.topics.iter().map(|t| t.id.as_str()).collect();
        for o in &input.annotation.tags {
            let index = segment_index(doc, input, &o.segment)?;
            let counterpart = doc.alignment.iter().find_map(|&(a, b)| {
                if a == index {
                    Some(b)
                } else if b == index {
                    Some(a)
                } else {
                    None
                }
            });
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
                for i in std::iter::once(index).chain(counterpart) {
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

fn merged(a: &[usize], b: &[usize]) -> Vec<usize> {
    let mut all: Vec<usize> = a.iter().chain(b).copied().collect();
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
