//! The forms a positional reference with its opening words takes: an
//! alignment pair `[zh-3, en-3]` or `{pair: [zh-3, en-3], quote: […]}`, and
//! a note's `quote`, one string or one for each segment.
//!
//! Written by hand rather than `#[serde(untagged)]`, whose error ("data
//! did not match any variant") would not say what was expected; here a
//! mapping's typo is reported by the mapping's own fields.

use std::fmt;

use serde::de::value::{MapAccessDeserializer, SeqAccessDeserializer};
use serde::de::{MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

/// A pair of segments that translate each other, the Chinese one first.
#[derive(Debug, Clone)]
pub enum AlignmentPair {
    Bare([String; 2]),
    Quoted(QuotedPair),
}

/// An alignment pair with the opening words of each segment.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuotedPair {
    pub pair: [String; 2],
    pub quote: [String; 2],
}

impl AlignmentPair {
    /// The Chinese anchor, then the English one.
    pub fn anchors(&self) -> &[String; 2] {
        match self {
            AlignmentPair::Bare(pair) | AlignmentPair::Quoted(QuotedPair { pair, .. }) => pair,
        }
    }

    /// The opening words of each segment, when the editor wrote them.
    pub fn quotes(&self) -> Option<&[String; 2]> {
        match self {
            AlignmentPair::Bare(_) => None,
            AlignmentPair::Quoted(q) => Some(&q.quote),
        }
    }
}

impl<'de> Deserialize<'de> for AlignmentPair {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct PairVisitor;
        impl<'de> Visitor<'de> for PairVisitor {
            type Value = AlignmentPair;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a pair `[zh-anchor, en-anchor]`, or `{pair: [zh-anchor, en-anchor], quote: [Chinese words, English words]}`")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                Deserialize::deserialize(SeqAccessDeserializer::new(seq)).map(AlignmentPair::Bare)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Self::Value, A::Error> {
                Deserialize::deserialize(MapAccessDeserializer::new(map)).map(AlignmentPair::Quoted)
            }
        }
        deserializer.deserialize_any(PairVisitor)
    }
}

/// The opening words of the segments a note is on: one for a note on one
/// segment, else one for each.
#[derive(Debug, Clone)]
pub enum Quotes {
    One(String),
    Each(Vec<String>),
}

impl<'de> Deserialize<'de> for Quotes {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct QuotesVisitor;
        impl<'de> Visitor<'de> for QuotesVisitor {
            type Value = Quotes;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("the opening words of the segment, or a list of them, one for each segment the note is on")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
                Ok(Quotes::One(v.to_owned()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Self::Value, A::Error> {
                Deserialize::deserialize(SeqAccessDeserializer::new(seq)).map(Quotes::Each)
            }
        }
        deserializer.deserialize_any(QuotesVisitor)
    }
}
