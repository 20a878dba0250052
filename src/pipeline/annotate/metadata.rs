//! A document's metadata: the annotation's fields, and what `extract` rules
//! took from the text, resolved so that each fact comes from one of them.

use std::collections::BTreeMap;

use crate::error::{Error, Result};
use crate::pipeline::document::Metadata;
use crate::pipeline::load::DocumentInput;
use crate::pipeline::load::citations::is_web_address;
use crate::pipeline::load::schema::Known;

/// Resolves the metadata of `input` given what cleaning `extracted`.
pub(crate) fn resolve_metadata(
    input: &DocumentInput,
    extracted: &BTreeMap<String, String>,
) -> Result<Metadata> {
    let m = &input.annotation.metadata;
    let field = |name: &'static str| FieldSource {
        input,
        name,
        extracted: extracted.get(name).map(String::as_str),
    };
    let original_title =
        field("title").resolve(input.annotation.original_title.clone(), "original_title")?;
    Ok(Metadata {
        title: input.annotation.title.clone(),
        original_title,
        event_date: m
            .event_date
            .clone()
            .ok_or_else(|| missing(input, "event_date"))?,
        published: field("published").resolve(m.published.clone(), "published")?,
        place: field("place").resolve(m.place.clone(), "place")?,
        parties: m.parties.clone(),
        document_type: m.document_type.clone(),
        publisher: field("publisher").resolve(m.publisher.clone(), "publisher")?,
        source_url: web_address(
            input,
            m.source_url
                .clone()
                .ok_or_else(|| missing(input, "source_url"))?,
        )?,
        languages: m.languages.clone(),
        truncated: m.truncated,
        sources: input.annotation.sources.clone(),
    })
}

/// The source URL becomes a link on the page, so only a web address is
/// accepted ([`is_web_address`]).
fn web_address(input: &DocumentInput, url: Known<String>) -> Result<Known<String>> {
    if let Known::Value(address) = &url
        && !is_web_address(address)
    {
        return Err(Error::input(
            input.locate(address),
            format!("expected an http:// or https:// address for source_url, found `{address}`"),
        )
        .with_snippet(&input.annotation_source));
    }
    Ok(url)
}

fn missing(input: &DocumentInput, name: &str) -> Error {
    Error::input(
        input.locate("metadata:"),
        format!("field `{name}` is missing: expected a value, or `unknown` when it is not known"),
    )
}

/// A metadata field that the annotation may give, or an `extract` rule may
/// take from the text, but not both.
struct FieldSource<'a> {
    input: &'a DocumentInput,
    name: &'a str,
    extracted: Option<&'a str>,
}

impl FieldSource<'_> {
    fn resolve<T>(&self, given: Option<Known<T>>, yaml_name: &str) -> Result<Known<T>>
    where
        T: std::str::FromStr,
        T::Err: std::fmt::Display,
    {
        match (given, self.extracted) {
            (Some(value), None) => Ok(value),
            (None, Some(text)) => text.parse().map(Known::Value).map_err(|e| {
                Error::input(
                    self.input.locate(&format!("(?P<{}>", self.name)),
                    format!("extracted {}: {e}", self.name),
                )
            }),
            (Some(_), Some(text)) => Err(Error::input(
                self.input.locate(&format!("{yaml_name}:")),
                format!(
                    "`{yaml_name}` is given here and also taken from the text (`{text}`): expected one or the other"
                ),
            )),
            (None, None) => Err(missing(self.input, yaml_name)),
        }
    }
}
