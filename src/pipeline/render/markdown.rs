//! Editorial pages: Markdown to HTML, with syntect highlighting for fenced
//! code (class-based, so the theme's stylesheet colours it and no inline
//! style reaches the page) and ids on headings. Raw HTML in the Markdown
//! is sanitised ([`super::sanitise`]).

use pulldown_cmark::{
    CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html,
};
use syntect::highlighting::ThemeSet;
use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

use super::sanitise::Sanitiser;
pub use super::sanitise::{Removal, Sanitised};

/// Highlighted code uses classes with this prefix, so they cannot clash
/// with the theme's own.
const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

/// Renders editorial Markdown to HTML, code highlighted with syntect.
pub struct Markdown {
    syntaxes: SyntaxSet,
    sanitiser: Sanitiser,
}

impl Default for Markdown {
    fn default() -> Self {
        Markdown {
            syntaxes: SyntaxSet::load_defaults_newlines(),
            sanitiser: Sanitiser::default(),
        }
    }
}

impl Markdown {
    /// Renders `source` for a page whose path to the site root is `root`.
    /// Links written `@/path` are site-relative and become `root` + `path`.
    pub fn to_html(&self, source: &str, root: &str) -> Sanitised {
        let options =
            Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH;
        let mut events = Vec::new();
        let mut code: Option<(String, String)> = None; // (language, text)
        let mut heading: Option<(HeadingLevel, Vec<Event<'_>>)> = None;
        let mut used_ids: Vec<String> = Vec::new();
        for event in Parser::new_ext(source, options) {
            match event {
                Event::Start(Tag::CodeBlock(kind)) => {
                    let lang = match kind {
                        CodeBlockKind::Fenced(l) => {
                            l.split_whitespace().next().unwrap_or_default().to_owned()
                        }
                        CodeBlockKind::Indented => String::new(),
                    };
                    code = Some((lang, String::new()));
                }
                Event::Text(text) if code.is_some() => {
                    if let Some((_, buf)) = code.as_mut() {
                        buf.push_str(&text);
                    }
                }
                Event::End(TagEnd::CodeBlock) => {
                    if let Some((lang, text)) = code.take() {
                        events.push(Event::Html(self.highlight(&lang, &text).into()));
                    }
                }
                Event::Start(Tag::Heading { level, .. }) => heading = Some((level, Vec::new())),
                Event::End(TagEnd::Heading(_)) => {
                    if let Some((level, inner)) = heading.take() {
                        let text = plain_text(&inner);
                        let id = unique_id(&slugify(&text), &mut used_ids);
                        let mut inner_html = String::new();
                        html::push_html(&mut inner_html, inner.into_iter());
                        let n = level as usize;
                        events.push(Event::Html(
                            format!("<h{n} id=\"{id}\">{inner_html}<a class=\"permalink\" href=\"#{id}\" aria-label=\"Link to this section\">#</a></h{n}>\n").into(),
                        ));
                    }
                }
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    let dest_url = match dest_url.strip_prefix("@/") {
                        Some(path) => CowStr::from(format!("{root}{path}")),
                        None => dest_url,
                    };
                    push(
                        &mut heading,
                        &mut events,
                        Event::Start(Tag::Link {
                            link_type,
                            dest_url,
                            title,
                            id,
                        }),
                    );
                }
                other => push(&mut heading, &mut events, other),
            }
        }
        let mut out = String::new();
        html::push_html(&mut out, events.into_iter());
        self.sanitiser.clean(&out)
    }

    fn highlight(&self, lang: &str, code: &str) -> String {
        let syntax = self
            .syntaxes
            .find_syntax_by_token(lang)
            .unwrap_or_else(|| self.syntaxes.find_syntax_plain_text());
        let mut generator =
            ClassedHTMLGenerator::new_with_class_style(syntax, &self.syntaxes, CLASS_STYLE);
        for line in LinesWithEndings::from(code) {
            // A line syntect cannot parse is shown plain rather than failing the page.
            if generator
                .parse_html_for_line_which_includes_newline(line)
                .is_err()
            {
                return format!("<pre class=\"code\"><code>{}</code></pre>\n", escape(code));
            }
        }
        let lang_class = if lang.is_empty() {
            String::new()
        } else {
            format!(" data-lang=\"{}\"", escape(lang))
        };
        format!(
            "<pre class=\"code\"{lang_class}><code>{}</code></pre>\n",
            generator.finalize()
        )
    }
}

fn push<'a>(
    heading: &mut Option<(HeadingLevel, Vec<Event<'a>>)>,
    events: &mut Vec<Event<'a>>,
    event: Event<'a>,
) {
    match heading {
        Some((_, inner)) => inner.push(event),
        None => events.push(event),
    }
}

fn plain_text(events: &[Event<'_>]) -> String {
    events
        .iter()
        .filter_map(|e| match e {
            Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
            _ => None,
        })
        .collect()
}

/// `Cleaning rules` → `cleaning-rules`.
pub(crate) fn slugify(text: &str) -> String {
    let mut slug = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    let slug = slug.trim_end_matches('-').to_owned();
    if slug.is_empty() {
        "section".into()
    } else {
        slug
    }
}

fn unique_id(base: &str, used: &mut Vec<String>) -> String {
    let mut id = base.to_owned();
    let mut n = 1;
    while used.contains(&id) {
        n += 1;
        id = format!("{base}-{n}");
    }
    used.push(id.clone());
    id
}

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    escape_into(text, &mut out);
    out
}

/// [`escape`], appending to `out`. Copies the stretches between special
/// characters whole: escaping runs over every byte of every page.
pub(crate) fn escape_into(text: &str, out: &mut String) {
    let mut from = 0;
    for (i, byte) in text.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[from..i]);
        out.push_str(entity);
        from = i + 1;
    }
    out.push_str(&text[from..]);
}

/// The stylesheet for highlighted code: a light theme, and a dark one under
/// `prefers-color-scheme: dark`.
pub(crate) fn highlight_css() -> String {
    let themes = ThemeSet::load_defaults();
    let css = |name: &str| {
        themes
            .themes
            .get(name)
            .and_then(|t| css_for_theme_with_class_style(t, CLASS_STYLE).ok())
            .unwrap_or_default()
    };
    format!(
        "/* Generated by accord from syntect's themes. */\n{}\n@media (prefers-color-scheme: dark) {{\n{}\n}}\n",
        css("InspiredGitHub"),
        css("base16-ocean.dark")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_code_blocks_are_highlighted_with_classes_not_styles() {
        let html = Markdown::default()
            .to_html("```yaml\nseed: a.txt\n```\n", "")
            .html;
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(!html.contains("style="), "{html}");
        assert!(html.contains("seed"));
    }

    #[test]
    fn headings_get_unique_ids_and_site_links_become_relative() {
        let html = Markdown::default()
            .to_html(
                "# Rules\n\n## Rules\n\n[doc](@/documents/a/index.html)\n",
                "../",
            )
            .html;
        assert!(html.contains("<h1 id=\"rules\">"), "{html}");
        assert!(html.contains("<h2 id=\"rules-2\">"), "{html}");
        assert!(
            html.contains("href=\"../documents/a/index.html\""),
            "{html}"
        );
    }

    #[test]
    fn a_markdown_link_to_a_script_url_loses_its_href() {
        let out = Markdown::default().to_html("[x](javascript:alert(1)) and [y](@/a.html)", "../");
        assert!(!out.html.contains("javascript"), "{}", out.html);
        assert!(out.html.contains("href=\"../a.html\""), "{}", out.html);
        assert_eq!(out.removed.len(), 1, "{:?}", out.removed);
    }

    #[test]
    fn highlight_css_has_a_dark_variant() {
        let css = highlight_css();
        assert!(css.contains(".hl-"));
        assert!(css.contains("prefers-color-scheme: dark"));
    }
}
