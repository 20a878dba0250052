//! `data/paragraphs.csv`: one row per paragraph, for a spreadsheet or a
//! corpus tool. Lists (topics, entities) are joined with `;`, which no id
//! may contain.

use crate::pipeline::document::Document;
use crate::pipeline::load::Inputs;

const HEADER: [&str; 10] = [
    "document",
    "paragraph",
    "url",
    "kind",
    "number",
    "lang",
    "topics",
    "entities",
    "seed_line",
    "text",
];

/// Every paragraph of every document, in site order, RFC 4180 CSV.
pub(super) fn csv(inputs: &Inputs, documents: &[&Document]) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    writer.write_record(HEADER).expect("writing to memory");
    for doc in documents {
        for p in super::corpus::paragraphs(inputs, doc) {
            let kind = serde_json::to_value(p.kind).expect("plain data serialises");
            writer
                .write_record([
                    doc.slug.as_str(),
                    p.id,
                    &p.url,
                    kind.as_str().unwrap_or_default(),
                    p.number.unwrap_or_default(),
                    &p.lang.0,
                    &p.topics.join(";"),
                    &p.entities.join(";"),
                    &p.seed_line.to_string(),
                    p.text,
                ])
                .expect("writing to memory");
        }
    }
    writer.into_inner().expect("writing to memory")
}
