//! `data/corpus.json`: documents with their metadata and its sources,
//! paragraphs with their anchors and links, topics, entities, the bilingual
//! alignment and the editorial notes. A fact the editor marked unknown is
//! `null`, never a guess.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::pipeline::document::Document;
use crate::pipeline::load::Inputs;
use crate::pipeline::load::entities::EntityKind;
use crate::pipeline::load::schema::{Known, LanguageTag, SegmentKind};
use crate::pipeline::model::paths;

/// Bumped when a field changes meaning or goes away; new fields do not.
const FORMAT_VERSION: u32 = 1;

#[derive(Serialize)]
struct Corpus<'a> {
    format: &'static str,
    version: u32,
    generator: String,
    topics: Vec<Topic<'a>>,
    entities: Vec<Entity<'a>>,
    documents: Vec<DocumentRecord<'a>>,
}

#[derive(Serialize)]
struct Topic<'a> {
    id: &'a str,
    label: Label<'a>,
    url: String,
}

#[derive(Serialize)]
struct Label<'a> {
    en: &'a str,
    zh: Option<&'a str>,
}

#[derive(Serialize)]
struct Entity<'a> {
    id: &'a str,
    kind: EntityKind,
    name: Label<'a>,
    abbreviation: Option<&'a str>,
    aliases: Vec<&'a str>,
    url: String,
}

#[derive(Serialize)]
struct DocumentRecord<'a> {
    slug: &'a str,
    url: String,
    seed: &'a str,
    metadata: Metadata<'a>,
    /// Where each metadata fact comes from, by field name.
    sources: &'a BTreeMap<String, String>,
    related: Vec<Related<'a>>,
    mechanism: Option<&'a str>,
    /// Entity ids of the people who took part; `None` when not recorded.
    participants: Option<Vec<&'a str>>,
    paragraphs: Vec<Paragraph<'a>>,
    alignment: Vec<AlignmentRow<'a>>,
    notes: Vec<Note<'a>>,
}

#[derive(Serialize)]
struct Metadata<'a> {
    title: &'a str,
    original_title: Option<&'a str>,
    /// ISO 8601: `2017-10-04`, or a span `2023-04-25/2023-04-28`.
    event_date: Option<String>,
    published: Option<String>,
    place: Option<&'a str>,
    parties: &'a [String],
    document_type: &'a str,
    publisher: Option<&'a str>,
    source_url: Option<&'a str>,
    languages: &'a [LanguageTag],
}

#[derive(Serialize)]
struct Related<'a> {
    document: &'a str,
    relation: &'a str,
}

/// One segment of the clean text, with the link to it on the site.
#[derive(Serialize)]
pub(super) struct Paragraph<'a> {
    pub id: &'a str,
    pub url: String,
    pub kind: SegmentKind,
    pub number: Option<&'a str>,
    pub lang: &'a LanguageTag,
    pub text: &'a str,
    pub topics: Vec<&'a str>,
    pub entities: Vec<&'a str>,
    /// 1-based line of the raw seed the paragraph starts on.
    pub seed_line: usize,
}

#[derive(Serialize)]
struct AlignmentRow<'a> {
    zh: Vec<&'a str>,
    en: Vec<&'a str>,
}

#[derive(Serialize)]
struct Note<'a> {
    on: Vec<&'a str>,
    text: &'a str,
    see: &'a [String],
}

/// The corpus as pretty-printed JSON, documents in site order.
pub(super) fn json(inputs: &Inputs, documents: &[&Document]) -> Vec<u8> {
    let corpus = Corpus {
        format: "accord-corpus",
        version: FORMAT_VERSION,
        generator: format!("accord {}", env!("CARGO_PKG_VERSION")),
        topics: inputs
            .topics
            .iter()
            .map(|t| Topic {
                id: &t.id,
                label: Label {
                    en: &t.label.en,
                    zh: t.label.zh.as_deref(),
                },
                url: paths::topic(&t.id),
            })
            .collect(),
        entities: inputs
            .entities
            .iter()
            .map(|e| Entity {
                id: &e.id,
                kind: e.kind,
                name: Label {
                    en: &e.name.en,
                    zh: e.name.zh.as_deref(),
                },
                abbreviation: e.abbreviation.as_deref(),
                aliases: e
                    .aliases
                    .en
                    .iter()
                    .chain(&e.aliases.zh)
                    .map(String::as_str)
                    .collect(),
                url: paths::entity(&e.id),
            })
            .collect(),
        documents: documents.iter().map(|d| record(inputs, d)).collect(),
    };
    let mut bytes = serde_json::to_vec_pretty(&corpus).expect("plain data serialises");
    bytes.push(b'\n');
    bytes
}

fn record<'a>(inputs: &'a Inputs, doc: &'a Document) -> DocumentRecord<'a> {
    let m = &doc.metadata;
    let anchors = |indices: &[usize]| -> Vec<&'a str> {
        indices
            .iter()
            .map(|&i| doc.segments[i].anchor.as_str())
            .collect()
    };
    DocumentRecord {
        slug: &doc.slug,
        url: paths::document(&doc.slug),
        seed: &doc.seed,
        metadata: Metadata {
            title: &m.title,
            original_title: known_str(&m.original_title),
            event_date: m.event_date.value().map(|d| d.iso()),
            published: m.published.value().map(|d| d.iso()),
            place: known_str(&m.place),
            parties: &m.parties,
            document_type: &m.document_type,
            publisher: known_str(&m.publisher),
            source_url: known_str(&m.source_url),
            languages: &m.languages,
        },
        sources: &m.sources,
        related: doc
            .related
            .iter()
            .map(|r| Related {
                document: &r.document,
                relation: &r.relation,
            })
            .collect(),
        mechanism: doc.mechanism.map(|e| inputs.entities[e].id.as_str()),
        participants: doc.participants.as_ref().map(|people| {
            people
                .iter()
                .map(|&e| inputs.entities[e].id.as_str())
                .collect()
        }),
        paragraphs: paragraphs(inputs, doc),
        alignment: doc
            .alignment
            .iter()
            .map(|b| AlignmentRow {
                zh: anchors(&b.zh),
                en: anchors(&b.en),
            })
            .collect(),
        notes: doc
            .notes
            .iter()
            .map(|n| Note {
                on: anchors(&n.on),
                text: &n.note.text,
                see: &n.note.see,
            })
            .collect(),
    }
}

/// The document's segments as export rows, shared with the CSV.
pub(super) fn paragraphs<'a>(inputs: &'a Inputs, doc: &'a Document) -> Vec<Paragraph<'a>> {
    let page = paths::document(&doc.slug);
    doc.segments
        .iter()
        .map(|s| {
            let mut entities: Vec<&str> = s
                .mentions
                .iter()
                .map(|m| inputs.entities[m.entity].id.as_str())
                .collect();
            entities.sort_unstable();
            entities.dedup();
            Paragraph {
                id: &s.anchor,
                url: format!("{page}#{}", s.anchor),
                kind: s.kind,
                number: s.number.as_deref(),
                lang: &s.lang,
                text: &s.text,
                topics: s
                    .topics
                    .iter()
                    .map(|&t| inputs.topics[t].id.as_str())
                    .collect(),
                entities,
                seed_line: s.raw_line,
            }
        })
        .collect()
}

fn known_str(value: &Known<String>) -> Option<&str> {
    value.value().map(String::as_str)
}
