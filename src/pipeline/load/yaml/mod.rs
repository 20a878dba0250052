//! Reading YAML inputs with errors that point at the offending line and
//! column, within budgets that refuse hostile input (alias bombs, deep
//! nesting, huge files) before it costs time or memory.

use std::path::Path;

use serde::Deserialize;
use serde::de::DeserializeOwned;
use serde_saphyr::budget::BudgetBreach;
use serde_saphyr::{Budget, MessageFormatter};

use crate::error::{Error, Location, Result};

mod locate;
pub(crate) use locate::{locate, locate_under};

/// The largest YAML input read, in bytes. The bundled site's largest is a
/// few kilobytes; an annotation is written by hand.
pub(crate) const MAX_BYTES: usize = 4 * 1024 * 1024;

/// The deepest nesting of mappings and lists accepted; the schemas nest
/// five deep at most.
const MAX_DEPTH: usize = 32;

/// The most `*alias` references in one file, and the most uses of one anchor.
const MAX_ALIASES: usize = 1_000;
const MAX_USES_OF_AN_ANCHOR: usize = 100;

/// Parses `text` (the contents of `path`) into `T`.
pub fn parse<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T> {
    let text = without_bom(text);
    if text.len() > MAX_BYTES {
        return Err(too_large(path, text.len()));
    }
    serde_saphyr::from_str_with_options(text, options()).map_err(|err| to_error(path, text, &err))
}

/// Parses with the site's budgets and serde-saphyr's error type,
/// for callers that read YAML that is not a file of its own.
#[cfg(test)]
pub(crate) fn from_str<T: DeserializeOwned>(text: &str) -> Result<T, serde_saphyr::Error> {
    serde_saphyr::from_str_with_options(without_bom(text), options())
}

/// Reads a key with no value (`related:` and nothing after it) as the empty
/// list or mapping, as if the key were left out.
pub(crate) fn or_empty<'de, D, T>(deserializer: D) -> std::result::Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: serde::Deserialize<'de> + Default,
{
    Ok(Option::<T>::deserialize(deserializer)?.unwrap_or_default())
}

/// `text` without the byte-order mark some editors write at its start.
pub(crate) fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// The error for a YAML file of `len` bytes, over [`MAX_BYTES`].
pub(crate) fn too_large(path: &Path, len: usize) -> Error {
    Error::input(
        Location::file(path),
        format!(
            "the file is {len} bytes: expected at most {} MiB ({MAX_BYTES} bytes) of YAML",
            MAX_BYTES / (1024 * 1024)
        ),
    )
}

fn options() -> serde_saphyr::Options {
    let mut options = serde_saphyr::Options::default();
    options.budget = Some(budget());
    options.alias_limits.max_alias_expansions_per_anchor = MAX_USES_OF_AN_ANCHOR;
    // Errors are given a snippet of their own by `Error::with_snippet`.
    options.with_snippet = false;
    options
}

fn budget() -> Budget {
    let mut budget = Budget::default();
    budget.max_depth = MAX_DEPTH;
    budget.flow_nesting_limit = MAX_DEPTH;
    budget.max_aliases = MAX_ALIASES;
    budget
}

fn to_error(path: &Path, text: &str, err: &serde_saphyr::Error) -> Error {
    let location = err
        .location()
        .and_then(|at| {
            let offset = at.span().byte_offset()?;
            usize::try_from(offset).ok()
        })
        .filter(|&offset| offset <= text.len())
        .map(|offset| Location::of_offset(path, text, offset))
        .or_else(|| {
            let at = err.location()?;
            (at.line() > 0).then(|| Location::at(path, at.line() as usize, at.column() as usize))
        })
        .unwrap_or_else(|| Location::file(path));
    Error::input(location, message(err, text)).with_snippet(text)
}

/// The message of `err`, without the position (the location says it, in
/// the `file:line:column` form editors can jump to), in serde's wording
/// where serde-saphyr words it for developers.
fn message(err: &serde_saphyr::Error, text: &str) -> String {
    use serde_saphyr::Error as E;
    let mut inner = err.without_snippet();
    while let E::AliasError { error, .. } = inner {
        inner = error.without_snippet();
    }
    match inner {
        E::Budget { breach, .. } => budget_message(breach),
        E::AliasReplayLimitExceeded { .. }
        | E::AliasExpansionLimitExceeded { .. }
        | E::AliasReplayStackDepthExceeded { .. } => format!(
            "an `&anchor` is used too often: expected at most {MAX_USES_OF_AN_ANCHOR} uses of one anchor (an alias bomb is refused)"
        ),
        E::SerdeUnknownField {
            field, expected, ..
        } => format!("unknown field `{field}`, {}", one_of(expected, "fields")),
        E::SerdeUnknownVariant {
            variant, expected, ..
        } => format!(
            "unknown variant `{variant}`, {}",
            one_of(expected, "variants")
        ),
        E::InvalidScalar { ty, .. } => {
            let found = inner
                .location()
                .and_then(|at| scalar_at(text, at.span()))
                .map(|value| format!(", found `{value}`"))
                .unwrap_or_default();
            format!("expected {}{found}", describe(ty))
        }
        E::Unexpected { expected, .. } => {
            let wanted = match *expected {
                "sequence start" => "a list (`[a, b]` or lines starting with `- `)",
                "mapping start" => "a mapping of keys to values",
                "string scalar" | "scalar" => "a single value, not a list or mapping",
                other => other,
            };
            format!("expected {wanted}")
        }
        E::DuplicateMappingKey { key, .. } => match key {
            Some(key) => format!("duplicate key `{key}`: expected each key once"),
            None => "duplicate key: expected each key once".to_owned(),
        },
        _ => {
            let message = serde_saphyr::DefaultMessageFormatter.format_message(inner);
            // The parser's own limit on nested `[` and `{`, which the budget sets.
            if message == "recursion limit exceeded" {
                budget_message(&BudgetBreach::Depth { depth: MAX_DEPTH })
            } else if message == "unclosed quote" {
                "unclosed quote: expected the closing quote of the string that opens here"
                    .to_owned()
            } else {
                message.into_owned()
            }
        }
    }
}

/// "expected `a`", "expected one of `a`, `b`", as serde words it.
fn one_of(expected: &[&str], what: &str) -> String {
    let quoted: Vec<String> = expected.iter().map(|e| format!("`{e}`")).collect();
    match quoted.as_slice() {
        [] => format!("there are no {what}"),
        [one] => format!("expected {one}"),
        all => format!("expected one of {}", all.join(", ")),
    }
}

/// What a scalar of Rust type `ty` is, for an editor.
fn describe(ty: &str) -> String {
    match ty {
        "bool" => "`true` or `false`".to_owned(),
        "u8" => "a whole number from 0 to 255".to_owned(),
        "f32" | "f64" => "a number".to_owned(),
        t if t.starts_with('i') || t.starts_with('u') => "a whole number".to_owned(),
        other => format!("a value of type {other}"),
    }
}

/// The text of the scalar at `span` in `text`, its first line only.
fn scalar_at(text: &str, span: serde_saphyr::Span) -> Option<&str> {
    let start = usize::try_from(span.byte_offset()?).ok()?;
    let len = usize::try_from(span.byte_len()?).ok()?;
    let value = text.get(start..start.checked_add(len)?)?;
    value.lines().next().filter(|v| !v.is_empty())
}

fn budget_message(breach: &BudgetBreach) -> String {
    match breach {
        BudgetBreach::Aliases { .. } => format!(
            "too many aliases: expected at most {MAX_ALIASES} `*alias` references in one file (an alias bomb is refused)"
        ),
        BudgetBreach::Depth { .. } => {
            format!("nested too deeply: expected lists and mappings at most {MAX_DEPTH} deep")
        }
        other => format!("the YAML is too large to read: {other:?}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Sample {
        title: String,
    }

    #[derive(Debug, Deserialize)]
    #[allow(dead_code)]
    struct Numbered {
        title: String,
        weight: i32,
    }

    #[test]
    fn unknown_field_error_names_line_column_and_expected_fields() {
        let err = parse::<Sample>(Path::new("a.yaml"), "title: x\ntitel: y\n").unwrap_err();
        let text = err.to_string();
        assert!(
            text.starts_with("a.yaml:2:1: unknown field `titel`"),
            "{text}"
        );
        assert!(text.contains("expected `title`"), "{text}");
    }

    #[test]
    fn malformed_yaml_error_has_a_position() {
        let err = parse::<Sample>(Path::new("b.yaml"), "title: [unclosed\n").unwrap_err();
        assert!(err.to_string().starts_with("b.yaml:"), "{err}");
        assert!(matches!(
            err,
            Error::Input {
                location: Location {
                    position: crate::error::Position::LineColumn { .. },
                    ..
                },
                ..
            }
        ));
    }

    #[test]
    fn an_unterminated_quote_is_reported_where_it_opens() {
        let text = "title: x\nweight: 1\nother: \"unterminated\nmore: 1\nand: 2\n";
        let err = parse::<Numbered>(Path::new("q.yaml"), text).unwrap_err();
        let shown = err.to_string();
        assert!(shown.starts_with("q.yaml:3:8: "), "{shown}");
        assert!(
            shown.ends_with("\n  3 | other: \"unterminated\n    |        ^"),
            "{shown}"
        );
    }

    #[test]
    fn a_wrong_type_is_reported_at_the_value() {
        let err = parse::<Numbered>(Path::new("t.yaml"), "title: x\nweight: heavy\n").unwrap_err();
        let shown = err.to_string();
        assert!(shown.starts_with("t.yaml:2:9: "), "{shown}");
    }

    #[derive(Debug, Deserialize)]
    struct Listed {
        #[serde(default, deserialize_with = "or_empty")]
        items: Vec<String>,
    }

    #[test]
    fn a_key_without_a_value_is_an_empty_list() {
        let listed: Listed = parse(
            Path::new("l.yaml"),
            "items:
",
        )
        .unwrap();
        assert!(listed.items.is_empty());
        let listed: Listed = parse(Path::new("l.yaml"), "{}").unwrap();
        assert!(listed.items.is_empty());
    }

    #[test]
    fn a_value_of_the_wrong_shape_says_what_was_expected() {
        let err = parse::<Listed>(Path::new("l.yaml"), "items: one\n").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("l.yaml:1:8: expected a list (`[a, b]` or lines starting with `- `)"),
            "{err}"
        );
        let err = parse::<Sample>(Path::new("s.yaml"), "title: [a]\n").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("s.yaml:1:8: expected a single value, not a list or mapping"),
            "{err}"
        );
    }

    #[test]
    fn a_byte_order_mark_is_accepted() {
        let sample: Sample = parse(Path::new("bom.yaml"), "\u{feff}title: x\n").unwrap();
        assert_eq!(sample.title, "x");
    }

    /// A topic list whose one long keyword is aliased 10,000 times: 136 KB
    /// that would expand to nearly a gigabyte of keywords.
    #[test]
    fn an_alias_bomb_is_refused() {
        let keyword = "a".repeat(96 * 1024);
        let aliases = ", *k".repeat(10_000);
        let text = format!(
            "- id: bomb\n  label: {{en: Bomb}}\n  description: x\n  keywords:\n    en: [&k {keyword}{aliases}]\n"
        );
        assert!(
            text.len() > 130_000 && text.len() < 140_000,
            "{}",
            text.len()
        );
        let err =
            parse::<Vec<crate::pipeline::load::topics::Topic>>(Path::new("topics.yaml"), &text)
                .unwrap_err()
                .to_string();
        assert!(err.starts_with("topics.yaml:5:"), "{err}");
        assert!(err.contains("(an alias bomb is refused)"), "{err}");
    }

    #[test]
    fn deep_nesting_is_refused() {
        let text = format!("title: {}", "[".repeat(1024 * 1024));
        // A strict type stops at the first `[`; a value read whole meets the budget.
        let err = parse::<serde::de::IgnoredAny>(Path::new("deep.yaml"), &text)
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("deep.yaml:1:"), "{err}");
        assert!(
            err.contains(&format!(
                "nested too deeply: expected lists and mappings at most {MAX_DEPTH} deep"
            )),
            "{err}"
        );
    }

    #[test]
    fn deep_block_nesting_is_refused() {
        let text: String = (0..200)
            .map(|depth| format!("{}-\n", "  ".repeat(depth)))
            .collect();
        let err = parse::<serde::de::IgnoredAny>(Path::new("deep.yaml"), &text)
            .unwrap_err()
            .to_string();
        assert!(err.contains("nested too deeply"), "{err}");
    }

    #[test]
    fn a_file_over_the_size_limit_is_refused() {
        let text = format!("title: {}\n", "x".repeat(MAX_BYTES));
        let err = parse::<Sample>(Path::new("big.yaml"), &text)
            .unwrap_err()
            .to_string();
        assert_eq!(
            err,
            format!(
                "big.yaml: the file is {} bytes: expected at most 4 MiB (4194304 bytes) of YAML",
                text.len()
            )
        );
    }
}
