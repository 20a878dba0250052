//! The annotation's hand corrections on segments: tag overrides, and
//! editorial notes placed on the segments they are about.

use crate::error::{Error, Result};
use crate::pipeline::load::DocumentInput;
use crate::pipeline::load::ids::unknown_id;
use crate::pipeline::load::schema::Note;
use crate::pipeline::load::topics::Topic;
use crate::pipeline::segment::Segment;

use super::align::Bead;

/// A note whose local anchors were checked: the segment indices it is on.
#[derive(Debug, Clone)]
pub struct PlacedNote {
    pub on: Vec<usize>,
    pub note: Note,
}

/// Applies the annotation's `tags` overrides; an override on one segment
/// of an aligned row applies to the whole row.
pub(crate) fn apply_tag_overrides(
    segments: &mut [Segment],
    alignment: &[Bead],
    topics: &[Topic],
    input: &DocumentInput,
) -> Result<()> {
    let ids: Vec<&str> = topics.iter().map(|t| t.id.as_str()).collect();
    for o in &input.annotation.tags {
        let index = segment_index(segments, input, &o.segment)?;
        let row: Vec<usize> = alignment
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
                let topics = &mut segments[i].topics;
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

/// The index of the segment with `anchor`, or an error naming the closest.
pub(crate) fn segment_index(
    segments: &[Segment],
    input: &DocumentInput,
    anchor: &str,
) -> Result<usize> {
    segments
        .iter()
        .position(|s| s.anchor == anchor)
        .ok_or_else(|| {
            let anchors: Vec<&str> = segments.iter().map(|s| s.anchor.as_str()).collect();
            Error::input(
                input.locate(anchor),
                unknown_id("segment", anchor, &anchors),
            )
        })
}

/// The annotation's notes, each on the segments its anchors name.
pub(crate) fn place_notes(segments: &[Segment], input: &DocumentInput) -> Result<Vec<PlacedNote>> {
    let mut placed = Vec::new();
    for note in &input.annotation.notes {
        let on = note
            .on
            .iter()
            .map(|a| segment_index(segments, input, a))
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
