//! An annotation as a YAML tree, field by field in schema order, each with
//! values that are right and a few an editor may get wrong.

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;

use super::node::{
    KEYS, Node, Pool, Presence, field, fixed, flow, list, mapping, pool, styled, text_value, words,
};
use crate::strategies::{BAD_PATTERNS, FORMATS, PATTERNS};

// Values by field, each as (what is right, what an editor may get wrong).
const SEEDS: Pool = (
    &["sample.txt"],
    &[
        "missing.txt",
        "../sample.txt",
        "seeds/sample.txt",
        "",
        ".",
        "/etc/passwd",
    ],
);
const DATES: Pool = (
    &[
        "2017-10-04",
        "2017-10",
        "2017",
        "2023-04-25/2023-04-28",
        "unknown",
    ],
    &[
        "2017-13",
        "2017-02-30",
        "2023-04-28/2023-04-25",
        "17-10-04",
        "2017-10-04/",
        "二〇一七",
    ],
);
const LANGUAGE_VALUES: Pool = (&["en", "zh-Hant", "zh", "zh-Hans"], &["fr", "", "EN"]);
const BOOLEANS: Pool = (&["true", "false"], &["yes", "1", "~"]);
const OCCURRENCES: Pool = (&["only", "first"], &["last", "First"]);
const BYTES: Pool = (&["0x82", "130", "0", "255"], &["256", "-1", "x"]);
const KIND_VALUES: Pool = (&["heading", "paragraph", "item"], &["title", ""]);
const ANCHORS: &[&str] = &["en-1", "en-2", "zh-1", "zh-3", "en-99", "x", ""];
const PUBLISHED: Pool = (&["2017-10-04", "2017-10", "2017", "unknown"], DATES.1);
const SOURCES: Pool = (
    &[
        "editorial knowledge",
        "the byline: “Updated: 2017-10-06 21:47”",
        "the seed sample.txt",
        "https://example.org/page.html",
    ],
    &["see notes.md", "shared/DESIGN.md"],
);
/// What of [`SEED_TEXT`](super::SEED_TEXT) a rule may name, so that most rules apply.
const SEED_PHRASES: &[&str] = &[
    "Home / News / Menu",
    "Sample Statement Title",
    "Updated: 2017-10-06 21:47",
    "SPAMWORD",
    "the last sentence.?",
    "Copyright 2020.",
    "雙方同意",
    "應(yīng)",
    "?jìng)赊k",
    "1. The two sides",
];

/// A phrase of the seed, or any text.
fn seed_phrase() -> BoxedStrategy<Node> {
    prop_oneof![3 => fixed(SEED_PHRASES), 1 => text_value()].boxed()
}

fn pattern_value() -> BoxedStrategy<Node> {
    prop_oneof![
        2 => pool((PATTERNS, BAD_PATTERNS)),
        2 => styled(select(SEED_PHRASES).prop_map(|w| format!("^{}", regex::escape(w)))),
        1 => styled(words().prop_map(|w| format!("^{}", regex::escape(&w)))),
    ]
    .boxed()
}

fn rule_node() -> BoxedStrategy<Node> {
    use Presence::{Optional, Required};
    let why = || field("why", Optional, text_value());
    let one = |kind: &'static str, fields: Vec<BoxedStrategy<Option<(String, Node)>>>| {
        mapping(vec![field(kind, Required, mapping(fields))])
    };
    prop_oneof![
        one(
            "keep_between",
            vec![
                field("start", Required, seed_phrase()),
                field("end", Required, seed_phrase()),
                why(),
            ]
        ),
        one(
            "drop_lines",
            vec![field("matching", Required, pattern_value()), why()]
        ),
        one(
            "drop_block",
            vec![
                field("from", Required, pattern_value()),
                field("to", Optional, pattern_value()),
                why(),
            ]
        ),
        one(
            "replace",
            vec![
                field("find", Required, seed_phrase()),
                field("with", Required, text_value()),
                why(),
            ]
        ),
        one(
            "extract",
            vec![
                field("line", Required, pattern_value()),
                field("occurrence", Optional, pool(OCCURRENCES)),
                field("format", Optional, fixed(FORMATS)),
                why(),
            ]
        ),
        one(
            "repair_gbk",
            vec![
                field("damaged", Required, fixed(&["赊k", "刹槠鹪V", "x", ""])),
                field("residue", Optional, fixed(&["?jìng)", ""])),
                field("lost_byte", Required, pool(BYTES)),
                field("expect", Required, fixed(&["偵辦", "偵查起訴", ""])),
                why(),
            ]
        ),
    ]
    .boxed()
}

fn metadata_node() -> BoxedStrategy<Node> {
    use Presence::{Optional, Required};
    let known = || prop_oneof![1 => fixed(&["unknown"]), 3 => text_value()].boxed();
    mapping(vec![
        field("event_date", Optional, pool(DATES)),
        field("published", Optional, pool(PUBLISHED)),
        field("place", Optional, known()),
        field("parties", Required, list(text_value(), 3)),
        field("document_type", Required, text_value()),
        field("publisher", Optional, known()),
        field("source_url", Optional, known()),
        field("languages", Required, list(pool(LANGUAGE_VALUES), 3)),
        field("mechanism", Optional, fixed(&["lecd", "unknown-mechanism"])),
        field("truncated", Optional, pool(BOOLEANS)),
    ])
}

pub(super) fn annotation_node() -> BoxedStrategy<Node> {
    use Presence::{Optional, Required};
    let anchor = || fixed(ANCHORS);
    let sources = (vec((select(KEYS), pool(SOURCES)), 0..3), flow())
        .prop_map(|(e, f)| Node::Map(e.into_iter().map(|(k, v)| (k.to_owned(), v)).collect(), f))
        .boxed();
    let filters = mapping(
        [
            "pinyin",
            "lost_nbsp",
            "boilerplate",
            "keyword_spam",
            "link_block",
        ]
        .into_iter()
        .map(|name| field(name, Optional, pool(BOOLEANS)))
        .collect(),
    );
    let related = mapping(vec![
        field("document", Required, text_value()),
        field("relation", Required, text_value()),
    ]);
    let segments = mapping(vec![
        field("starts_with", Required, text_value()),
        field("kind", Required, pool(KIND_VALUES)),
    ]);
    let tags = mapping(vec![
        field("segment", Required, anchor()),
        field("quote", Optional, text_value()),
        field("add", Optional, list(fixed(&["fugitives", "nothing"]), 3)),
        field(
            "remove",
            Optional,
            list(fixed(&["fugitives", "nothing"]), 3),
        ),
    ]);
    let notes = mapping(vec![
        field("on", Required, list(anchor(), 3)),
        field(
            "quote",
            Optional,
            prop_oneof![text_value(), list(text_value(), 3)].boxed(),
        ),
        field("text", Required, text_value()),
        field(
            "see",
            Optional,
            list(fixed(&["other#en-1", "#en-1", "x"]), 2),
        ),
    ]);
    // Two of each, mostly: `[zh-anchor, en-anchor]`.
    let two = |item: BoxedStrategy<Node>| {
        (prop_oneof![20 => Just(2..3), 1 => Just(0..4)], flow())
            .prop_flat_map(move |(n, f)| vec(item.clone(), n).prop_map(move |i| Node::Seq(i, f)))
            .boxed()
    };
    let pair = prop_oneof![
        2 => two(anchor()),
        1 => mapping(vec![
            field("pair", Required, two(anchor())),
            field("quote", Required, two(text_value())),
        ]),
    ]
    .boxed();
    mapping(vec![
        field("seed", Required, pool(SEEDS)),
        field("title", Required, text_value()),
        field("original_title", Optional, text_value()),
        field("description", Required, text_value()),
        field("metadata", Required, metadata_node()),
        field("sources", Optional, sources),
        field("related", Optional, list(related, 3)),
        field("cleaning", Optional, list(rule_node(), 4)),
        field("filters", Optional, filters),
        field("segments", Optional, list(segments, 3)),
        field("tags", Optional, list(tags, 3)),
        field("notes", Optional, list(notes, 3)),
        field("alignment", Optional, list(pair, 3)),
    ])
}
