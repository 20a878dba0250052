//! Annotation: topic tags, entity mentions, alignment of translated segments
//! and editorial notes, on a document's segments.
//!
//! Tags come from the topic keywords ([`tagger`]), are shared across each
//! aligned pair ([`bilingual`]: a translation is about what its original is
//! about), and are then corrected by the annotation's `tags` overrides
//! ([`notes`], with the notes themselves). [`references`] checks that the
//! anchors those name still point where their quotes say. Mentions come from [`mentions`];
//! [`metadata`] resolves the document's facts.

pub mod align;
pub mod bilingual;
pub mod mentions;
pub mod metadata;
mod notes;
pub mod references;
pub(crate) mod tagger;

use crate::error::{Error, Location, Result};
use crate::pipeline::load::entities::{Entity, EntityKind};
use crate::pipeline::load::ids::unknown_id;
use crate::pipeline::load::schema::SegmentKind;
use crate::pipeline::load::topics::Topic;
use crate::pipeline::load::{DocumentInput, Inputs};
use crate::pipeline::segment::Segment;
use align::Bead;
use bilingual::{AlignmentReport, align_segments};
use mentions::MentionFinder;
pub use notes::PlacedNote;
use tagger::Tagger;

/// What annotation needs from the whole site, prepared once.
pub struct Annotator<'a> {
    pub topics: &'a [Topic],
    pub entities: &'a [Entity],
    tagger: Tagger,
    finder: MentionFinder,
}

/// A document's segments with their topics and mentions, and what
/// annotation found about the document as a whole.
pub struct Annotated {
    pub segments: Vec<Segment>,
    /// Rows of segment indices that translate each other; empty for a
    /// monolingual document.
    pub alignment: Vec<Bead>,
    pub alignment_report: Option<AlignmentReport>,
    pub notes: Vec<PlacedNote>,
    /// Index of the mechanism entity the document belongs to.
    pub mechanism: Option<usize>,
    /// Indices of the people who took part, when the annotation records them.
    pub participants: Option<Vec<usize>>,
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

    /// Annotates the segments of the document `input` describes.
    pub fn annotate(&self, mut segments: Vec<Segment>, input: &DocumentInput) -> Result<Annotated> {
        references::check_quotes(&segments, input)?;
        for segment in &mut segments {
            segment.mentions = self.finder.find(&segment.text);
            segment.mention_names = self.names_of(&segment.mentions);
            if segment.kind != SegmentKind::Heading {
                segment.topic_hits = self.tagger.hits(&segment.full_text());
                segment.topics = segment.topic_hits.iter().map(|(t, _)| *t).collect();
            }
        }
        let (alignment, alignment_report) = align_segments(&segments, input)?;
        for row in &alignment {
            let members: Vec<usize> = row.zh.iter().chain(&row.en).copied().collect();
            let union = merged(members.iter().map(|&i| segments[i].topics.as_slice()));
            for i in members {
                segments[i].topics = union.clone();
            }
        }
        notes::apply_tag_overrides(&mut segments, &alignment, self.topics, input)?;
        let notes = notes::place_notes(&segments, input)?;
        let metadata = &input.annotation.metadata;
        let mechanism = match &metadata.mechanism {
            None => None,
            Some(id) => Some(self.entity_of(EntityKind::Mechanism, "mechanism", id, input)?),
        };
        let participants = match &metadata.participants {
            None => None,
            Some(ids) => Some(
                ids.iter()
                    .map(|id| self.entity_of(EntityKind::Person, "person", id, input))
                    .collect::<Result<Vec<_>>>()?,
            ),
        };
        Ok(Annotated {
            segments,
            alignment,
            alignment_report,
            notes,
            mechanism,
            participants,
        })
    }

    /// All the names of the entities `mentions` name, each entity once.
    fn names_of(&self, mentions: &[mentions::Mention]) -> String {
        let mut seen: Vec<usize> = Vec::new();
        let mut names = String::new();
        for m in mentions {
            if seen.contains(&m.entity) {
                continue;
            }
            seen.push(m.entity);
            let e = &self.entities[m.entity];
            let all = std::iter::once(&e.name.en)
                .chain(&e.name.zh)
                .chain(&e.aliases.en)
                .chain(&e.aliases.zh)
                .chain(&e.abbreviation);
            for name in all {
                names.push_str(name);
                names.push(' ');
            }
        }
        names
    }

    /// The index of the entity `id`, which must be of `kind`.
    fn entity_of(
        &self,
        kind: EntityKind,
        what: &str,
        id: &str,
        input: &DocumentInput,
    ) -> Result<usize> {
        let valid: Vec<&str> = self
            .entities
            .iter()
            .filter(|e| e.kind == kind)
            .map(|e| e.id.as_str())
            .collect();
        self.entities
            .iter()
            .position(|e| e.id == id && e.kind == kind)
            .ok_or_else(|| Error::input(input.locate(id), unknown_id(what, id, &valid)))
    }
}

fn merged<'a>(lists: impl Iterator<Item = &'a [usize]>) -> Vec<usize> {
    let mut all: Vec<usize> = lists.flatten().copied().collect();
    all.sort_unstable();
    all.dedup();
    all
}
