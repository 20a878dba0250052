//! `content/anchors.lock`: the text each anchor the annotations name read
//! when the reference was written, so that a cleaning change that moves
//! the anchors fails the build instead of putting a note, a tag or an
//! alignment on the wrong paragraph.
//!
//! Like `Cargo.lock`, the file is written by a successful build and
//! committed with the content: the first build after a reference is
//! written records its target, and every later build compares. A target
//! whose text was only edited (a `replace` fixing a word) still matches
//! and is recorded afresh; one that reads like another paragraph is an
//! error naming the reference, the old and the new text, and where the old
//! text went. A reference with a `quote:` is checked by its quote instead.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Location, Result};
use crate::pipeline::annotate::references::{collapse, opening, references};
use crate::pipeline::document::Document;
use crate::pipeline::load::{DocumentInput, Inputs};

/// Where the lock is, in the site folder.
pub const LOCK_FILE: &str = "content/anchors.lock";

/// Where the lock is written before it is renamed into place.
const STAGING_FILE: &str = "content/anchors.lock.partial";

/// The lock or its staging copy, as a path relative to the site folder.
pub(crate) fn is_lock_file(relative: &Path) -> bool {
    relative == Path::new(LOCK_FILE) || relative == Path::new(STAGING_FILE)
}

const ABOUT: &str = "Written by `accord build`: the text of every segment a note, tag override or alignment pair names, when the reference was first built. Commit it with the content. A build fails when a cleaning change moves an anchor to other text; delete an entry to accept what its anchor reads now.";

/// How alike an old and a new text must be (0 to 1, opening and ending
/// each) to count as the same paragraph edited: a word replaced keeps
/// both well above it, another paragraph falls well below.
const SAME_PARAGRAPH: f64 = 0.6;

#[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct LockFile {
    about: String,
    /// By document slug, then anchor.
    documents: BTreeMap<String, BTreeMap<String, Recorded>>,
}

/// The ends of a segment's text, enough to tell it from its neighbours.
#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Recorded {
    opening: String,
    ending: String,
}

impl Recorded {
    fn of(text: &str) -> Recorded {
        let text = collapse(text);
        let chars: Vec<char> = text.chars().collect();
        Recorded {
            opening: chars.iter().take(80).collect(),
            ending: chars[chars.len().saturating_sub(40)..].iter().collect(),
        }
    }

    /// How alike the two are: the lower of the openings' and the endings'
    /// similarity.
    fn likeness(&self, other: &Recorded) -> f64 {
        strsim::normalized_levenshtein(&self.opening, &other.opening)
            .min(strsim::normalized_levenshtein(&self.ending, &other.ending))
    }
}

/// The lock as read, and as the build would write it.
pub(crate) struct AnchorLock {
    root: PathBuf,
    path: PathBuf,
    read: Option<LockFile>,
    next: LockFile,
}

impl AnchorLock {
    /// Writes the lock when what it records changed (and only then, so
    /// that `serve` is not woken by a file that says the same).
    pub(crate) fn write(&self) -> Result<()> {
        if self.read.as_ref() == Some(&self.next)
            || (self.read.is_none() && self.next.documents.is_empty())
        {
            return Ok(());
        }
        let mut text = serde_json::to_string_pretty(&self.next).expect("plain data serialises");
        text.push('\n');
        crate::pipeline::write::replace_file(
            &self.path,
            &self.root.join(STAGING_FILE),
            text.as_bytes(),
        )
    }
}

/// Checks every reference without a quote against the lock; the returned
/// lock records what each names now.
pub(crate) fn check(
    root: &Path,
    inputs: &Inputs,
    documents: &[Arc<Document>],
) -> Result<AnchorLock> {
    let path = root.join(LOCK_FILE);
    let read = read(&path)?;
    let by_slug: BTreeMap<&str, &Document> =
        documents.iter().map(|d| (d.slug.as_str(), &**d)).collect();
    let mut next = LockFile {
        about: ABOUT.to_owned(),
        documents: BTreeMap::new(),
    };
    let mut errors = Vec::new();
    for (input, doc) in inputs.documents.iter().zip(documents) {
        for target in targets(input, doc, &by_slug)? {
            let Some(segment) = target
                .doc
                .segments
                .iter()
                .find(|s| s.anchor == target.anchor)
            else {
                continue;
            };
            let now = Recorded::of(&segment.full_text());
            let before = read
                .as_ref()
                .and_then(|l| l.documents.get(&target.doc.slug))
                .and_then(|anchors| anchors.get(target.anchor));
            if let Some(before) =
                before.filter(|b| !target.quoted && b.likeness(&now) < SAME_PARAGRAPH)
            {
                errors.push(drifted(input, &target, before, &now));
            }
            next.documents
                .entry(target.doc.slug.clone())
                .or_default()
                .insert(target.anchor.to_owned(), now);
        }
    }
    Error::collect(errors)?;
    Ok(AnchorLock {
        root: root.to_owned(),
        path,
        read,
        next,
    })
}

fn read(path: &Path) -> Result<Option<LockFile>> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Error::io(path, e)),
    };
    serde_json::from_str(&text).map(Some).map_err(|e| {
        Error::input(
            Location::at(path, e.line(), e.column()),
            format!("{e}: expected the JSON `accord build` writes; delete the file to record every anchor afresh"),
        )
    })
}

/// An anchor some reference of `input` names, in its own document or, for
/// a note's `see`, in another.
struct Target<'a> {
    /// The annotation's key of the first reference to it.
    section: &'static str,
    doc: &'a Document,
    anchor: &'a str,
    /// Every reference to it names the entry, for the message.
    entries: Vec<String>,
    /// Some reference carries a quote, which `annotate` checked.
    quoted: bool,
}

fn targets<'a>(
    input: &'a DocumentInput,
    doc: &'a Document,
    by_slug: &BTreeMap<&str, &'a Document>,
) -> Result<Vec<Target<'a>>> {
    let mut named: Vec<Target<'a>> = references(&input.annotation, input)?
        .into_iter()
        .map(|r| Target {
            section: r.section,
            doc,
            anchor: r.anchor,
            entries: vec![r.entry],
            quoted: r.quote.is_some(),
        })
        .collect();
    for (n, note) in input.annotation.notes.iter().enumerate() {
        for see in &note.see {
            if let Some((slug, anchor)) = see.split_once('#')
                && let Some(other) = by_slug.get(slug)
            {
                named.push(Target {
                    section: "notes",
                    doc: other,
                    anchor,
                    entries: vec![format!("note {} (see)", n + 1)],
                    quoted: false,
                });
            }
        }
    }
    let mut found: Vec<Target<'a>> = Vec::new();
    let mut index: BTreeMap<(&str, &str), usize> = BTreeMap::new();
    for target in named {
        match index.get(&(target.doc.slug.as_str(), target.anchor)) {
            Some(&i) => {
                found[i].entries.extend(target.entries);
                found[i].quoted |= target.quoted;
            }
            None => {
                index.insert((target.doc.slug.as_str(), target.anchor), found.len());
                found.push(target);
            }
        }
    }
    Ok(found)
}

fn drifted(input: &DocumentInput, target: &Target<'_>, before: &Recorded, now: &Recorded) -> Error {
    let went = target
        .doc
        .segments
        .iter()
        .map(|s| (s, Recorded::of(&s.full_text()).likeness(before)))
        .filter(|(_, likeness)| *likeness >= SAME_PARAGRAPH)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map_or_else(
            || "no segment reads like it now".to_owned(),
            |(s, _)| {
                format!(
                    "that text is {} now: point the reference at {}",
                    s.anchor, s.anchor
                )
            },
        );
    let anchor = if target.doc.slug == input.slug {
        target.anchor.to_owned()
    } else {
        format!("{}#{}", target.doc.slug, target.anchor)
    };
    Error::input(
        input.locate_under(target.section, &anchor),
        format!(
            "{} names {anchor}, which read «{}» when {LOCK_FILE} recorded it but reads «{}» now (the cleaning moved the anchors?); {went}. If {anchor} is right, add a `quote:` with its opening words or delete its entry in {LOCK_FILE}",
            target.entries.join(", "),
            opening(&before.opening),
            opening(&now.opening),
        ),
    )
}
