//! Publishing files: `.nojekyll` for GitHub Pages, `sitemap.xml` and the
//! canonical URL of each page, built from the site's base URL. Internal links
//! never use the base URL; without one the site still works everywhere.

use crate::pipeline::write::OutputFile;

/// Checks and normalises a base URL: absolute http(s), ending in `/`.
/// An empty or absent one means none.
pub fn base_url(raw: Option<&str>) -> Result<Option<String>, String> {
    let Some(raw) = raw.map(str::trim).filter(|r| !r.is_empty()) else {
        return Ok(None);
    };
    let rest = raw
        .strip_prefix("https://")
        .or_else(|| raw.strip_prefix("http://"));
    match rest {
        Some(rest)
            if !rest.is_empty() && !rest.starts_with('/') && !raw.contains(['?', '#', ' ']) =>
        {
            Ok(Some(if raw.ends_with('/') {
                raw.to_owned()
            } else {
                format!("{raw}/")
            }))
        }
        _ => Err(format!(
            "base_url `{raw}`: expected an absolute http:// or https:// URL, e.g. https://example.org/accord/"
        )),
    }
}

/// The public URL of an output path: folders' index pages by their folder.
pub fn canonical(base: &str, path: &str) -> String {
    let path = path.strip_suffix("index.html").unwrap_or(path);
    format!("{base}{path}")
}

/// Adds `.nojekyll` and, with a base URL, `sitemap.xml`; returns notices
/// about what was left out.
pub(crate) fn add_publishing_files(
    files: &mut Vec<OutputFile>,
    pages: &[String],
    base: Option<&str>,
) -> Vec<String> {
    // GitHub Pages would otherwise run Jekyll, which hides files starting with `_` or `.`.
    files.push(OutputFile {
        path: ".nojekyll".into(),
        bytes: Vec::new(),
    });
    let Some(base) = base else {
        return vec![
            "no base_url (content/site.yaml or --base-url): sitemap.xml, the Atom feed and canonical links are left out, \
             and 404.html links work only at the site root"
                .into(),
        ];
    };
    let mut urls: Vec<String> = pages
        .iter()
        .filter(|p| *p != "404.html")
        .map(|p| canonical(base, p))
        .collect();
    urls.sort();
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for url in urls {
        xml.push_str(&format!(
            "  <url><loc>{}</loc></url>\n",
            crate::pipeline::render::markdown::escape(&url)
        ));
    }
    xml.push_str("</urlset>\n");
    files.push(OutputFile {
        path: "sitemap.xml".into(),
        bytes: xml.into_bytes(),
    });
    Vec::new()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_are_absolute_and_end_with_a_slash() {
        assert_eq!(
            base_url(Some("https://example.org/accord"))
                .unwrap()
                .as_deref(),
            Some("https://example.org/accord/")
        );
        assert_eq!(base_url(Some("")).unwrap(), None);
        assert_eq!(base_url(None).unwrap(), None);
        for bad in [
            "example.org",
            "/accord/",
            "ftp://x",
            "https://",
            "https://a b",
        ] {
            assert!(base_url(Some(bad)).is_err(), "{bad}");
        }
    }

    #[test]
    fn canonical_urls_name_folders_not_index_files() {
        assert_eq!(
            canonical("https://e.org/", "documents/a/index.html"),
            "https://e.org/documents/a/"
        );
        assert_eq!(canonical("https://e.org/", "index.html"), "https://e.org/");
    }
}
