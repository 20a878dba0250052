//! Editorial pages: `content/pages/<slug>.md`, Markdown after YAML front
//! matter.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Location, Result};
use crate::pipeline::load::files::{files_in, read_text, slug_of, without_bom};
use crate::pipeline::load::yaml;

/// An editorial page: `content/pages/<slug>.md` with YAML front matter.
#[derive(Debug)]
pub struct PageInput {
    pub slug: String,
    pub path: PathBuf,
    pub front: PageFront,
    pub markdown: String,
    /// The line of the file the Markdown starts on, after the front matter.
    pub markdown_line: usize,
}

/// The front matter of an editorial page (`content/pages/*.md`).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageFront {
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    /// Position in the site navigation; lower comes first.
    #[serde(default)]
    pub weight: i32,
    /// A page for the site's editors (the annotation format, say): linked
    /// from the footer, not from the readers' navigation.
    #[serde(default)]
    pub for_editors: bool,
}

/// Top-level names in the output that editorial pages may not take.
pub(crate) const RESERVED_SLUGS: [&str; 8] = [
    "documents",
    "assets",
    "topics",
    "entities",
    "glossary",
    "compare",
    "timeline",
    "search",
];

/// The editorial pages of the site at `root`, in navigation order.
pub(crate) fn load_pages(root: &Path) -> Result<Vec<PageInput>> {
    let mut pages = Vec::new();
    for path in files_in(&root.join("content/pages"), "md")? {
        let slug = slug_of(&path)?;
        if RESERVED_SLUGS.contains(&slug.as_str()) || slug == "index" || slug == "404" {
            return Err(Error::input(
                Location::file(&path),
                format!("the page name `{slug}` is reserved by the site"),
            ));
        }
        let text = without_bom(read_text(&path)?);
        let (front, markdown, markdown_line) = split_front_matter(&path, &text)?;
        pages.push(PageInput {
            slug,
            path,
            front,
            markdown,
            markdown_line,
        });
    }
    pages.sort_by(|a, b| (a.front.weight, &a.slug).cmp(&(b.front.weight, &b.slug)));
    Ok(pages)
}

/// The front matter between a first line `---` and the next line `---`,
/// and the Markdown after it with the line it starts on. Lines may end in
/// `\n` or `\r\n`.
fn split_front_matter(path: &Path, text: &str) -> Result<(PageFront, String, usize)> {
    let missing = || {
        Error::input(
            Location::at(path, 1, 1),
            "expected front matter: a `---` line, YAML, and `---`",
        )
    };
    let is_fence = |line: &str| line.trim_end_matches(['\r', '\n']) == "---";
    let mut lines = text.split_inclusive('\n');
    let start = match lines.next() {
        Some(first) if is_fence(first) => first.len(),
        _ => return Err(missing()),
    };
    let mut offset = start;
    for line in lines {
        if is_fence(line) {
            // A leading newline keeps the YAML's line numbers equal to the file's.
            let front: PageFront = yaml::parse(path, &format!("\n{}", &text[start..offset]))?;
            let body = text[offset + line.len()..].trim_start_matches(['\r', '\n']);
            let (body_line, _) =
                crate::error::line_column(text.as_bytes(), text.len() - body.len());
            return Ok((front, body.to_owned(), body_line));
        }
        offset += line.len();
    }
    Err(missing())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_errors_point_at_the_file_line() {
        let err = split_front_matter(Path::new("p.md"), "---\ntitle: A\ncolour: red\n---\nBody\n")
            .unwrap_err();
        assert!(
            err.to_string()
                .starts_with("p.md:3:1: unknown field `colour`"),
            "{err}"
        );
    }

    #[test]
    fn front_matter_and_body_are_split() {
        let (front, body, line) = split_front_matter(
            Path::new("p.md"),
            "---\ntitle: About\nweight: 2\n---\n\n# Hi\n",
        )
        .unwrap();
        assert_eq!(front.title, "About");
        assert_eq!(front.weight, 2);
        assert_eq!(body, "# Hi\n");
        assert_eq!(line, 6);
    }

    #[test]
    fn front_matter_may_close_the_file() {
        let (front, body, _) = split_front_matter(Path::new("p.md"), "---\ntitle: A\n---").unwrap();
        assert_eq!(front.title, "A");
        assert_eq!(body, "");
    }

    #[test]
    fn crlf_line_endings_are_split_too() {
        let (front, body, _) = split_front_matter(
            Path::new("p.md"),
            "---\r\ntitle: About\r\nweight: 2\r\n---\r\n\r\n# Hi\r\n",
        )
        .unwrap();
        assert_eq!(front.title, "About");
        assert_eq!(front.weight, 2);
        assert_eq!(body, "# Hi\r\n");
        let err = split_front_matter(
            Path::new("p.md"),
            "---\r\ntitle: A\r\ncolour: red\r\n---\r\n",
        )
        .unwrap_err();
        assert!(
            err.to_string()
                .starts_with("p.md:3:1: unknown field `colour`"),
            "{err}"
        );
    }

    #[test]
    fn a_page_without_front_matter_is_an_error_at_its_first_line() {
        for text in ["# Hi\n", "---\ntitle: A\n", "--- \ntitle: A\n---\n"] {
            let err = split_front_matter(Path::new("p.md"), text).unwrap_err();
            assert!(
                err.to_string()
                    .starts_with("p.md:1:1: expected front matter"),
                "{err}"
            );
        }
    }

    #[test]
    fn a_page_with_a_byte_order_mark_and_crlf_loads() {
        let site = tempfile::tempdir().unwrap();
        let dir = site.path().join("content/pages");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("about.md"),
            "\u{feff}---\r\ntitle: About\r\n---\r\nText.\r\n",
        )
        .unwrap();
        let pages = load_pages(site.path()).unwrap();
        assert_eq!(pages[0].front.title, "About");
        assert_eq!(pages[0].markdown, "Text.\r\n");
    }
}
