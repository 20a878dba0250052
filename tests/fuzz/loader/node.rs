//! YAML trees for annotations: values in every style YAML allows, keys
//! from the schema's own field names, and fields as an editor writes them,
//! mostly right, now and then left out, misspelt or with any value.

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{Index, select};

use crate::strategies::{WORDS, line};

#[derive(Debug, Clone, Copy)]
pub(super) enum Style {
    Plain,
    Single,
    Double,
    Literal,
    Folded,
}

#[derive(Debug, Clone)]
pub(super) enum Node {
    Scalar(String, Style),
    /// `true` for flow style (`[a, b]`).
    Seq(Vec<Node>, bool),
    Map(Vec<(String, Node)>, bool),
    Anchor(String, Box<Node>),
    Alias(String),
}

fn style() -> impl Strategy<Value = Style> {
    prop_oneof![
        8 => Just(Style::Plain),
        2 => Just(Style::Double),
        2 => Just(Style::Single),
        1 => Just(Style::Literal),
        1 => Just(Style::Folded),
    ]
}

pub(super) fn flow() -> impl Strategy<Value = bool> {
    prop::bool::weighted(0.2)
}

pub(super) fn styled<S: Strategy<Value = String> + 'static>(text: S) -> BoxedStrategy<Node> {
    let node = (text, style())
        .prop_map(|(s, st)| Node::Scalar(s, st))
        .boxed();
    // Few anchor names, so that aliases find some and miss some; rare, as
    // one alias in a wrong place fails the whole annotation.
    let anchor = select(&["a", "b"][..]).prop_map(str::to_owned);
    prop_oneof![
        400 => node.clone(),
        4 => (anchor.clone(), node).prop_map(|(a, n)| Node::Anchor(a, Box::new(n))),
        1 => anchor.prop_map(Node::Alias),
    ]
    .boxed()
}

pub(super) fn fixed(values: &'static [&'static str]) -> BoxedStrategy<Node> {
    styled(select(values).prop_map(str::to_owned))
}

pub(super) type Pool = (&'static [&'static str], &'static [&'static str]);

/// A right value mostly: one wrong value in an annotation of some forty
/// is enough to fail it, and most cases should load and go on to the
/// later stages.
pub(super) fn pool((right, wrong): Pool) -> BoxedStrategy<Node> {
    prop_oneof![40 => fixed(right), 1 => fixed(wrong)].boxed()
}

pub(super) fn words() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => vec(select(WORDS), 1..6).prop_map(|w| w.join(" ")),
        1 => line(),
        1 => "[a-zA-Z0-9 ,.:#'\"-]{0,20}",
    ]
}

pub(super) fn text_value() -> BoxedStrategy<Node> {
    styled(words())
}

pub(super) fn list(item: BoxedStrategy<Node>, most: usize) -> BoxedStrategy<Node> {
    (vec(item, 0..most), flow())
        .prop_map(|(items, f)| Node::Seq(items, f))
        .boxed()
}

/// Any YAML value, nested, with keys from the schema and anchors.
fn random_node() -> BoxedStrategy<Node> {
    let leaf = prop_oneof![
        3 => text_value(),
        1 => select(&["a", "b"][..]).prop_map(|a| Node::Alias(a.to_owned())),
    ];
    leaf.prop_recursive(4, 24, 4, |inner| {
        prop_oneof![
            (vec(inner.clone(), 0..4), flow()).prop_map(|(items, f)| Node::Seq(items, f)),
            (vec((key(), inner.clone()), 0..4), flow()).prop_map(|(e, f)| Node::Map(e, f)),
            (select(&["a", "b"][..]), inner)
                .prop_map(|(a, n)| Node::Anchor(a.to_owned(), Box::new(n))),
        ]
    })
    .boxed()
}

/// Every key of the annotation schema, at any level.
pub(super) const KEYS: &[&str] = &[
    "seed",
    "title",
    "original_title",
    "description",
    "metadata",
    "sources",
    "related",
    "cleaning",
    "filters",
    "segments",
    "tags",
    "notes",
    "alignment",
    "event_date",
    "published",
    "place",
    "parties",
    "document_type",
    "publisher",
    "source_url",
    "languages",
    "mechanism",
    "truncated",
    "document",
    "relation",
    "keep_between",
    "drop_lines",
    "drop_block",
    "replace",
    "extract",
    "repair_gbk",
    "start",
    "end",
    "why",
    "matching",
    "from",
    "to",
    "find",
    "with",
    "line",
    "occurrence",
    "format",
    "damaged",
    "residue",
    "lost_byte",
    "expect",
    "pinyin",
    "lost_nbsp",
    "boilerplate",
    "keyword_spam",
    "link_block",
    "starts_with",
    "kind",
    "segment",
    "quote",
    "add",
    "remove",
    "on",
    "text",
    "see",
    "pair",
];

fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => select(KEYS).prop_map(str::to_owned),
        1 => words(),
    ]
}

/// Whether the schema requires a field: a required one is left out only
/// by mistake, an optional one often.
#[derive(Debug, Clone, Copy)]
pub(super) enum Presence {
    Required,
    Optional,
}

/// A field as an editor writes it: mostly right, now and then left out,
/// misspelt, or with any value at all.
pub(super) fn field(
    name: &'static str,
    presence: Presence,
    value: BoxedStrategy<Node>,
) -> BoxedStrategy<Option<(String, Node)>> {
    let absent = match presence {
        Presence::Required => 1,
        Presence::Optional => 100,
    };
    let misspelt = |name: &str, how: u8| match how {
        0 => name.to_uppercase(),
        1 => format!("{name}s"),
        2 => name[..name.len() - 1].to_owned(),
        _ => name.replace('_', "-"),
    };
    prop_oneof![
        200 => value.clone().prop_map(move |v| Some((name.to_owned(), v))),
        absent => Just(None),
        1 => (0u8..4, value).prop_map(move |(how, v)| Some((misspelt(name, how), v))),
        1 => random_node().prop_map(move |v| Some((name.to_owned(), v))),
    ]
    .boxed()
}

/// A mapping of fields in schema order, now and then with a key of another
/// mapping (or a repeated one) put in.
pub(super) fn mapping(fields: Vec<BoxedStrategy<Option<(String, Node)>>>) -> BoxedStrategy<Node> {
    let extra = prop_oneof![
        150 => Just(None),
        1 => (any::<Index>(), select(KEYS), random_node())
            .prop_map(|(at, k, v)| Some((at, k.to_owned(), v))),
    ];
    (fields, extra, prop::bool::weighted(0.05))
        .prop_map(|(fields, extra, f)| {
            let mut entries: Vec<(String, Node)> = fields.into_iter().flatten().collect();
            if let Some((at, k, v)) = extra {
                entries.insert(at.index(entries.len() + 1), (k, v));
            }
            Node::Map(entries, f)
        })
        .boxed()
}
