//! Reading YAML inputs with errors that point at the offending line and column.

use std::path::Path;

use serde::de::DeserializeOwned;

use crate::error::{Error, Location, Result};

/// Parses `text` (the contents of `path`) into `T`.
pub fn parse<T: DeserializeOwned>(path: &Path, text: &str) -> Result<T> {
    serde_yaml::from_str(text).map_err(|err| {
        let message = without_position(&err.to_string());
        // serde_yaml places errors raised while checking a value at the start
        // of the enclosing mapping; the value itself, when the message quotes
        // it, is the better place to point at.
        let quoted = found_value(&message).and_then(|v| text.find(v));
        let location = match (quoted, err.location()) {
            (Some(offset), _) => Location::of_offset(path, text, offset),
            (None, Some(at)) => Location::at(path, at.line(), at.column()),
            (None, None) => Location::file(path),
        };
        Error::input(location, message)
    })
}

/// The value quoted as "found `value`" in a validation message.
fn found_value(message: &str) -> Option<&str> {
    let rest = &message[message.find("found `")? + "found `".len()..];
    rest.find('`')
        .map(|end| &rest[..end])
        .filter(|v| !v.is_empty())
}

/// serde_yaml appends " at line L column C" to its messages; the location
/// already says that, in the `file:line:column` form editors can jump to.
fn without_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) if message[i..].contains(" column ") => message[..i].to_owned(),
        _ => message.to_owned(),
    }
}

/// The location of the first occurrence of `needle` in a YAML source, used for
/// errors found after parsing (a rule that matches nothing, an unknown id).
/// Quoted and plain scalars both contain the needle verbatim in practice; when
/// it cannot be found the whole file is named.
pub fn locate(path: &Path, text: &str, needle: &str) -> Location {
    let candidates = [needle.to_owned(), needle.replace('\\', "\\\\")];
    candidates
        .iter()
        .filter(|c| !c.is_empty())
        .find_map(|c| text.find(c.as_str()))
        .map_or_else(
            || Location::file(path),
            |offset| Location::of_offset(path, text, offset),
        )
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
    fn locate_finds_the_line_of_a_value() {
        let loc = locate(Path::new("c.yaml"), "a: 1\nfind: \"needle\"\n", "needle");
        assert_eq!(loc.to_string(), "c.yaml:2:8");
    }
}
