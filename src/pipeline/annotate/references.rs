//! The annotation's positional references (`en-5`, `zh-3`): notes, tag
//! overrides and alignment pairs point at segments by anchor, and a
//! cleaning change that adds or removes a paragraph moves every anchor
//! after it. A reference may carry the opening words of its target
//! (`quote:`), checked here on every build; `crate::build::anchor_lock`
//! checks the others against the text they pointed at when written.

use crate::error::{Error, Result};
use crate::pipeline::load::DocumentInput;
use crate::pipeline::load::schema::{Annotation, Quotes};
use crate::pipeline::segment::Segment;

/// One anchor the annotation names, and what names it.
pub struct Reference<'a> {
    /// The annotation's key it is under: `notes`, `tags` or `alignment`.
    pub section: &'static str,
    /// The entry, as the editor finds it: "note 2", "tag override 1",
    /// "alignment pair 4" (1-based, in the order of the file).
    pub entry: String,
    pub anchor: &'a str,
    /// The opening words the editor wrote for it.
    pub quote: Option<&'a str>,
}

/// Every anchor of this document the annotation names, in file order.
/// A note's `quote` list must give one quote for each segment it is on.
pub fn references<'a>(
    annotation: &'a Annotation,
    input: &DocumentInput,
) -> Result<Vec<Reference<'a>>> {
    let mut found = Vec::new();
    for (n, note) in annotation.notes.iter().enumerate() {
        let quotes: Vec<Option<&str>> = match &note.quote {
            None => vec![None; note.on.len()],
            Some(Quotes::One(q)) if note.on.len() == 1 => vec![Some(q.as_str())],
            Some(Quotes::Each(qs)) if qs.len() == note.on.len() => {
                qs.iter().map(|q| Some(q.as_str())).collect()
            }
            Some(written) => {
                let first = match written {
                    Quotes::One(q) => Some(q),
                    Quotes::Each(qs) => qs.first(),
                };
                return Err(Error::input(
                    input.locate_under("notes", first.unwrap_or(&note.text)),
                    format!(
                        "note {}: `quote` gives the opening words of each segment the note is on: expected {} quotes, one for each of {}",
                        n + 1,
                        note.on.len(),
                        note.on.join(", ")
                    ),
                ));
            }
        };
        for (anchor, quote) in note.on.iter().zip(quotes) {
            found.push(Reference {
                section: "notes",
                entry: format!("note {}", n + 1),
                anchor,
                quote,
            });
        }
    }
    for (n, tag) in annotation.tags.iter().enumerate() {
        found.push(Reference {
            section: "tags",
            entry: format!("tag override {}", n + 1),
            anchor: &tag.segment,
            quote: tag.quote.as_deref(),
        });
    }
    for (n, pair) in annotation.alignment.iter().enumerate() {
        let quotes = pair.quotes();
        for (side, anchor) in pair.anchors().iter().enumerate() {
            found.push(Reference {
                section: "alignment",
                entry: format!("alignment pair {}", n + 1),
                anchor,
                quote: quotes.map(|q| q[side].as_str()),
            });
        }
    }
    Ok(found)
}

/// Whitespace collapsed, so that a quote written on two lines matches.
pub fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Checks every quoted reference against the segment its anchor names. An
/// anchor that names nothing is left to the stage that uses it (which
/// names the nearest) unless its quote opens another segment.
pub(crate) fn check_quotes(segments: &[Segment], input: &DocumentInput) -> Result<()> {
    let mut errors = Vec::new();
    for reference in references(&input.annotation, input)? {
        let Some(quote) = reference.quote else {
            continue;
        };
        let quote = collapse(quote);
        let target = segments.iter().find(|s| s.anchor == reference.anchor);
        if quote.is_empty() {
            errors.push(Error::input(
                input.locate(reference.anchor),
                format!(
                    "{}: `quote` is empty: write the opening words of {}",
                    reference.entry, reference.anchor
                ),
            ));
            continue;
        }
        if target.is_some_and(|t| opens(t, &quote)) {
            continue;
        }
        let moved = segments.iter().find(|s| opens(s, &quote));
        let reads = match target {
            Some(t) => format!("{} reads «{}»", reference.anchor, opening(&t.full_text())),
            None => format!("there is no {} now", reference.anchor),
        };
        if target.is_none() && moved.is_none() {
            // Left to the stage that uses the anchor: it names the nearest.
            continue;
        }
        let now = match moved {
            Some(s) => format!(
                "those words open {} now: the cleaning moved the anchors; point the reference at {}",
                s.anchor, s.anchor
            ),
            None => "no segment opens with them: correct the quote or the cleaning".to_owned(),
        };
        errors.push(Error::input(
            input.locate_under(reference.section, &quote),
            format!(
                "{} names {} with the quote «{quote}», but {reads}; {now}",
                reference.entry, reference.anchor,
            ),
        ));
    }
    Error::collect(errors)
}

/// The segment begins with `quote`, numbering included or not.
fn opens(segment: &Segment, quote: &str) -> bool {
    collapse(&segment.text).starts_with(quote) || collapse(&segment.full_text()).starts_with(quote)
}

/// The first words of a paragraph, for a message.
pub fn opening(text: &str) -> String {
    let text = collapse(text);
    let cut: String = text.chars().take(60).collect();
    if cut.len() < text.len() {
        format!("{cut}…")
    } else {
        cut
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::load::yaml;

    const HEAD: &str = "seed: a.txt\ntitle: A\ndescription: B\nmetadata:\n  parties: []\n  document_type: unknown\n  languages: [zh-Hans, en]\n";

    #[test]
    fn an_alignment_pair_may_carry_the_opening_words_of_both_segments() {
        let text = format!(
            "{HEAD}alignment:\n  - [zh-1, en-1]\n  - pair: [zh-2, en-2]\n    quote: [双方同意, The two sides agreed]\n"
        );
        let annotation: Annotation = yaml::parse(std::path::Path::new("a.yaml"), &text).unwrap();
        assert_eq!(annotation.alignment[0].anchors(), &["zh-1", "en-1"]);
        assert!(annotation.alignment[0].quotes().is_none());
        assert_eq!(annotation.alignment[1].anchors(), &["zh-2", "en-2"]);
        assert_eq!(
            annotation.alignment[1].quotes(),
            Some(&["双方同意".to_owned(), "The two sides agreed".to_owned()])
        );
    }

    #[test]
    fn a_pair_with_an_unknown_field_is_refused() {
        let text = format!("{HEAD}alignment:\n  - pair: [zh-2, en-2]\n    qoute: [a, b]\n");
        assert!(yaml::parse::<Annotation>(std::path::Path::new("a.yaml"), &text).is_err());
    }

    #[test]
    fn openings_are_cut_at_sixty_characters() {
        assert_eq!(opening("short  text"), "short text");
        assert_eq!(opening(&"字".repeat(70)), format!("{}…", "字".repeat(60)));
    }
}
