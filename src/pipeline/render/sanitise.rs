//! Raw HTML in editorial Markdown is sanitised, not trusted: a page is
//! written by an editor, but it may be pasted from anywhere, and the site is
//! opened by readers who trust it. Ammonia keeps the formatting tags
//! (`<abbr>`, `<details>`, `<sup>`, tables …) and drops scripts, event
//! handlers, styles and any URL that is not `http`, `https`, `mailto` or
//! relative. What it drops is reported to the editor, never lost silently.

use std::collections::{BTreeMap, HashSet};

use scraper::Html;

/// The sanitiser for rendered editorial pages.
pub(crate) struct Sanitiser {
    builder: ammonia::Builder<'static>,
}

impl Default for Sanitiser {
    fn default() -> Self {
        let mut builder = ammonia::Builder::default();
        builder
            .url_schemes(HashSet::from(["http", "https", "mailto"]))
            // The site's own links need no `rel`; a link opening in a new
            // tab would, but `target` is not among the allowed attributes.
            .link_rel(None)
            // What the Markdown renderer itself writes: heading ids and
            // permalinks, highlighted code's classes, footnotes' ids.
            .add_generic_attributes(["id", "class", "dir", "aria-label", "aria-hidden"])
            .add_generic_attribute_prefixes(["data-"])
            // Table columns aligned in Markdown come as `style="text-align: …"`.
            .add_tag_attributes("th", ["style"])
            .add_tag_attributes("td", ["style"])
            .filter_style_properties(HashSet::from(["text-align"]));
        Sanitiser { builder }
    }
}

/// Sanitised HTML, and what the sanitiser took out of it.
pub struct Sanitised {
    pub html: String,
    /// Each removed element or attribute, e.g. `<script>` or
    /// `onclick="go()" on <a>`, with how often when more than once.
    pub removed: Vec<Removal>,
}

/// One kind of thing the sanitiser removed.
#[derive(Debug)]
pub struct Removal {
    pub what: String,
    /// What to look for in the source to say where it was, best first:
    /// `<script` for an element; an attribute's value (a Markdown link has
    /// no `href` in the source), then its name.
    look_for: Vec<String>,
}

impl Removal {
    /// The 1-based line of `source` where it first appears, if it does.
    pub fn line_in(&self, source: &str) -> Option<usize> {
        let lower = source.to_ascii_lowercase();
        let at = self
            .look_for
            .iter()
            .filter(|needle| !needle.is_empty())
            .find_map(|needle| lower.find(&needle.to_ascii_lowercase()))?;
        Some(crate::error::line_column(source.as_bytes(), at).0)
    }
}

impl Sanitiser {
    pub(crate) fn clean(&self, html: &str) -> Sanitised {
        let clean = self.builder.clean(html).to_string();
        let removed = if clean == html {
            Vec::new()
        } else {
            removed(&inventory(html), &inventory(&clean))
        };
        Sanitised {
            html: clean,
            removed,
        }
    }
}

/// How many of each element, and of each attribute (with its value, so a
/// rewritten or dropped URL counts as removed), a fragment holds; keyed by
/// the description, with what to look for in the source.
type Inventory = BTreeMap<(String, Vec<String>), usize>;

fn inventory(html: &str) -> Inventory {
    let mut counts = Inventory::new();
    let fragment = Html::parse_fragment(html);
    for element in fragment.root_element().descendent_elements().skip(1) {
        let name = element.value().name();
        *counts
            .entry((format!("<{name}>"), vec![format!("<{name}")]))
            .or_default() += 1;
        for (attribute, value) in element.value().attrs() {
            // Ammonia writes a kept style back without spaces.
            let value = if attribute == "style" {
                value.split_whitespace().collect()
            } else {
                value.to_owned()
            };
            let what = format!("{attribute}=\"{value}\" on <{name}>");
            let look_for = vec![value, attribute.to_owned()];
            *counts.entry((what, look_for)).or_default() += 1;
        }
    }
    counts
}

fn removed(before: &Inventory, after: &Inventory) -> Vec<Removal> {
    before
        .iter()
        .filter_map(|(key, &n)| {
            let (what, look_for) = key.clone();
            let what = match n.saturating_sub(after.get(key).copied().unwrap_or(0)) {
                0 => return None,
                1 => what,
                n => format!("{what} ({n} times)"),
            };
            Some(Removal { what, look_for })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(html: &str) -> Sanitised {
        Sanitiser::default().clean(html)
    }

    #[test]
    fn scripts_handlers_and_script_urls_are_removed_and_named() {
        let s = clean(
            "<p onclick=\"steal()\">Hi <a href=\"javascript:alert(1)\">x</a>\
             <a href=\"java&#x09;script:alert(2)\">y</a>\
             <img src=\"data:image/svg+xml,<svg onload=alert(3)>\"></p>\
             <script>alert(4)</script><iframe src=\"https://example.org/\"></iframe>",
        );
        for gone in [
            "onclick",
            "javascript:",
            "script:alert(2)",
            "data:",
            "alert(4)",
        ] {
            assert!(!s.html.contains(gone), "{gone} survived: {}", s.html);
        }
        let removed: Vec<&str> = s.removed.iter().map(|r| r.what.as_str()).collect();
        let removed = removed.join("\n");
        for named in [
            "onclick=\"steal()\" on <p>",
            "href=\"javascript:alert(1)\" on <a>",
            "<script>",
            "<iframe>",
        ] {
            assert!(removed.contains(named), "{named} not reported:\n{removed}");
        }
        assert!(s.html.contains("<p>Hi <a>x</a>"), "{}", s.html);
    }

    #[test]
    fn what_the_markdown_renderer_writes_passes_unchanged() {
        let html = "<h2 id=\"rules\">Rules<a class=\"permalink\" href=\"#rules\" \
                    aria-label=\"Link to this section\">#</a></h2>\n\
                    <pre class=\"code\" data-lang=\"yaml\"><code><span class=\"hl-source\">a</span></code></pre>\n\
                    <table><thead><tr><th style=\"text-align: right\">n</th></tr></thead></table>\n\
                    <p><abbr title=\"Ministry of Public Security\" lang=\"en\">MPS</abbr>\
                    <sup class=\"footnote-reference\"><a href=\"#1\">1</a></sup> \
                    <a href=\"../documents/a/index.html\">doc</a> \
                    <a href=\"https://example.org/\">web</a> <a href=\"mailto:x@example.org\">mail</a></p>\n";
        let s = clean(html);
        assert_eq!(
            s.html,
            html.replace("text-align: right", "text-align:right")
        );
        assert!(s.removed.is_empty(), "{:?}", s.removed);
    }

    #[test]
    fn a_removal_names_the_line_it_came_from() {
        let source = "# About\n\nSee <span onmouseover=\"go()\">this</span>.\n";
        let s = clean("<p>See <span onmouseover=\"go()\">this</span>.</p>");
        assert_eq!(s.removed.len(), 1, "{:?}", s.removed);
        assert_eq!(s.removed[0].line_in(source), Some(3));
    }

    #[test]
    fn a_style_beyond_text_alignment_is_removed() {
        let s = clean(
            "<table><tr><td style=\"text-align: left; background: url(x)\">1</td></tr></table>",
        );
        assert!(s.html.contains("style=\"text-align:left\""), "{}", s.html);
        assert_eq!(s.removed.len(), 1, "{:?}", s.removed);
    }
}
