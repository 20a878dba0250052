//! Compiles the regular expressions of every annotation once per load.
//!
//! Annotations check a pattern's syntax as they are read; compiling is
//! done here, after all are read, so that a pattern that many annotations
//! repeat is compiled once, and the compiled forms are dropped with the
//! load that made them.

use std::collections::HashMap;
use std::sync::Arc;

use crate::error::{Error, Result};
use crate::pipeline::load::documents::DocumentInput;
use crate::pipeline::load::schema::{Pattern, Rule};

/// Compiles every pattern of `documents`, sharing identical ones; a pattern
/// that parses but will not compile (too large) is an error at its place.
pub(crate) fn share_patterns(documents: &[Arc<DocumentInput>]) -> Result<()> {
    let mut compiled = HashMap::new();
    let mut errors = Vec::new();
    for doc in documents {
        for pattern in doc.annotation.cleaning.iter().flat_map(patterns_of) {
            if let Err(e) = pattern.compile_shared(&mut compiled) {
                errors.push(
                    Error::input(
                        doc.locate(pattern.source()),
                        format!("expected a regular expression that compiles: {e}"),
                    )
                    .with_snippet(&doc.annotation_source),
                );
            }
        }
    }
    Error::collect(errors)
}

fn patterns_of(rule: &Rule) -> Vec<&Pattern> {
    match rule {
        Rule::DropLines(r) => vec![&r.matching],
        Rule::DropBlock(r) => std::iter::once(&r.from).chain(r.to.as_ref()).collect(),
        Rule::Extract(r) => vec![&r.line],
        Rule::KeepBetween(_) | Rule::Replace(_) | Rule::RepairGbk(_) => Vec::new(),
    }
}
