//! Where in a YAML file a value is, for errors found after parsing: the
//! parser's own positions are gone by then, so the value is looked up in
//! the source text.

use std::path::Path;

use crate::error::Location;

/// The location of the first occurrence of `needle` in a YAML source, used for
/// errors found after parsing (a rule that matches nothing, an unknown id).
/// Quoted and plain scalars both contain the needle verbatim in practice; when
/// it cannot be found the whole file is named.
pub(crate) fn locate(path: &Path, text: &str, needle: &str) -> Location {
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

/// The first place `needle` occurs under the top-level key `section` (as
/// `locate`, but a short value such as an anchor or a quote is not taken
/// for its first occurrence elsewhere in the file).
pub(crate) fn locate_under(path: &Path, text: &str, section: &str, needle: &str) -> Location {
    let key = format!("{section}:");
    let start = if text.starts_with(&key) {
        Some(0)
    } else {
        text.find(&format!("\n{key}")).map(|at| at + 1)
    };
    match start.and_then(|start| text[start..].find(needle).map(|at| start + at)) {
        Some(offset) if !needle.is_empty() => Location::of_offset(path, text, offset),
        _ => locate(path, text, needle),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locate_under_looks_in_its_section_first() {
        let text = "title: b\nnotes:\n  - on: [en-1]\n    quote: b\n";
        assert_eq!(
            locate_under(Path::new("c.yaml"), text, "notes", "b").to_string(),
            "c.yaml:4:12"
        );
        assert_eq!(
            locate_under(Path::new("c.yaml"), text, "tags", "b").to_string(),
            "c.yaml:1:8"
        );
    }

    #[test]
    fn locate_finds_the_line_of_a_value() {
        let loc = locate(Path::new("c.yaml"), "a: 1\nfind: \"needle\"\n", "needle");
        assert_eq!(loc.to_string(), "c.yaml:2:8");
    }
}
