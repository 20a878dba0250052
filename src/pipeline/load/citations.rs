//! The `sources:` of an annotation may name only what a reader can open:
//! the document itself, a public URL, or a file that is in the site
//! folder (and so in the repository and its snapshots). A source that
//! cites a file nobody has is an error at its place in the annotation.

use std::path::Path;
use std::sync::LazyLock;

use regex::Regex;

use crate::error::{Error, Result};

/// A relative file name with an extension, outside any URL.
static FILE_NAME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[\s(“\x22'`])((?:[\w.-]+/)*[\w-]+\.(?:md|txt|ya?ml|json|html?|pdf|rs|csv|xml|docx?))\b")
        .expect("static pattern")
});

/// Whether `url` is an `http://` or `https://` address: the only kind an
/// annotation may give where the page makes a link of it (a `javascript:`
/// or `data:` URL would run or carry anything).
pub(crate) fn is_web_address(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("https://") || lower.starts_with("http://")
}

/// Checks every file a source names against the site folder `root`.
pub(crate) fn check_cited_files(
    root: &Path,
    annotation: &Path,
    yaml: &str,
    sources: &std::collections::BTreeMap<String, String>,
) -> Result<()> {
    let mut errors = Vec::new();
    for text in sources.values() {
        for m in FILE_NAME.captures_iter(text).filter_map(|c| c.get(1)) {
            let name = m.as_str();
            let inside = root.join(name).is_file()
                || root.join("content").join(name).is_file()
                || root.join("seeds").join(name).is_file();
            if !inside && !name.contains("://") {
                errors.push(
                    Error::input(
                        super::yaml::locate(annotation, yaml, name),
                        format!(
                            "the source cites `{name}`, which is not in the site folder: cite the document itself, a public URL, or say \"editorial knowledge\""
                        ),
                    )
                    .with_snippet(yaml),
                );
            }
        }
    }
    Error::collect(errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_source_citing_a_missing_file_is_an_error_and_a_present_one_is_not() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content/pages")).unwrap();
        std::fs::write(dir.path().join("content/pages/about.md"), "x").unwrap();
        let yaml = "sources:\n  publisher: \"the corpus description (shared/DESIGN.md)\"\n";
        let mut sources = std::collections::BTreeMap::new();
        sources.insert(
            "publisher".into(),
            "the corpus description (shared/DESIGN.md)".into(),
        );
        let err = check_cited_files(dir.path(), Path::new("a.yaml"), yaml, &sources).unwrap_err();
        assert!(err.to_string().contains("shared/DESIGN.md"), "{err}");
        assert!(err.to_string().contains("a.yaml:2"), "{err}");
        sources.insert(
            "publisher".into(),
            "see pages/about.md and https://example.org/a.html".into(),
        );
        assert!(check_cited_files(dir.path(), Path::new("a.yaml"), yaml, &sources).is_ok());
    }
}
