//! Rendering: the theme's tera templates format the site model.

pub mod export;
pub mod markdown;
pub mod publishing;
mod recursion;
mod sanitise;
pub mod search;

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use crate::pipeline::load::files::files_under;
use regex::Regex;
use tera::Tera;

use crate::error::{Error, Location, Result};
use crate::pipeline::load::read_text;
use crate::pipeline::load::yaml;
use crate::pipeline::model::Page;
use crate::pipeline::model::strings::{self, Strings};

/// A theme: `themes/<name>/templates/**/*.html` and `themes/<name>/static/**`.
pub struct Theme {
    tera: Tera,
    templates_dir: PathBuf,
    /// Static files: path relative to `static/`, absolute path.
    pub static_files: Vec<(String, PathBuf)>,
    /// The interface strings the model writes into pages.
    pub strings: Strings,
    /// A hash of the templates', strings' and static files' contents.
    fingerprint: u64,
}

/// Loads the theme `name` under `root/themes`: templates, strings and static files.
pub fn load_theme(root: &Path, name: &str) -> Result<Theme> {
    let dir = root.join("themes").join(name);
    let templates_dir = dir.join("templates");
    if !templates_dir.is_dir() {
        return Err(Error::input(
            Location::file(root.join("content/site.yaml")),
            format!(
                "theme `{name}` not found: expected a folder {}",
                templates_dir.display()
            ),
        ));
    }
    let mut sources = Vec::new();
    for (name, path) in files_under(&templates_dir)? {
        if name.ends_with(".html") {
            sources.push((name, read_text(&path)?));
        }
    }
    let mut tera = Tera::default();
    // tera's default escaping also turns `/` into `&#x2F;`: valid, but every URL becomes noise.
    tera.set_escape_fn(crate::pipeline::render::markdown::escape);
    tera.add_raw_templates(sources.iter().map(|(n, s)| (n.as_str(), s.as_str())))
        .map_err(|e| template_error(&templates_dir, &e))?;
    recursion::refuse_cycles(&tera, &templates_dir, &sources)?;
    let static_files = files_under(&dir.join("static"))?;
    let strings_path = dir.join("strings/en.yaml");
    let strings_source = match strings_path.is_file() {
        true => read_text(&strings_path)?,
        false => strings::DEFAULT.to_owned(),
    };
    let strings: Strings = yaml::parse(&strings_path, &strings_source)?;
    let mut hasher = DefaultHasher::new();
    sources.hash(&mut hasher);
    strings_source.hash(&mut hasher);
    for (rel, path) in &static_files {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        (rel, bytes).hash(&mut hasher);
    }
    Ok(Theme {
        tera,
        templates_dir,
        static_files,
        strings,
        fingerprint: hasher.finish(),
    })
}

impl Theme {
    /// Changes whenever a template or static file does.
    pub(crate) fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    /// The HTML of `page`, from its template.
    pub fn render(&self, page: &Page) -> Result<String> {
        let context = tera::Context::from_serialize(page)
            .map_err(|e| self.runtime_error(page.template, &e))?;
        self.tera
            .render(page.template, &context)
            .map_err(|e| self.runtime_error(page.template, &e))
    }

    fn runtime_error(&self, template: &str, err: &tera::Error) -> Error {
        Error::input(
            Location::file(self.templates_dir.join(template)),
            format!("template failed to render: {}", chain(err)),
        )
    }
}

/// The whole cause chain of a tera error, on one line.
fn chain(err: &dyn std::error::Error) -> String {
    let mut parts = vec![err.to_string()];
    let mut source = err.source();
    while let Some(e) = source {
        parts.push(e.to_string());
        source = e.source();
    }
    parts
        .join(": ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

static TEMPLATE_NAME: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"'([^']+\.html)'|"([^"]+\.html)""#).expect("static pattern"));
static PEST_POSITION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"--> (\d+):(\d+)").expect("static pattern"));

/// A template that does not parse: name the file and, from the parser's
/// message, the line and column.
fn template_error(templates_dir: &Path, err: &tera::Error) -> Error {
    let mut parts = vec![err.to_string()];
    let mut source = std::error::Error::source(err);
    while let Some(e) = source {
        parts.push(e.to_string());
        source = e.source();
    }
    let full = parts.join("\n");
    let name = TEMPLATE_NAME
        .captures(&full)
        .and_then(|c| c.get(1).or(c.get(2)))
        .map(|m| m.as_str().to_owned());
    let file = name.map_or_else(|| templates_dir.to_owned(), |n| templates_dir.join(n));
    let location = match PEST_POSITION.captures(&full) {
        Some(c) => Location::at(file, c[1].parse().unwrap_or(1), c[2].parse().unwrap_or(1)),
        None => Location::file(file),
    };
    // The parser's own report (with its caret drawing) follows on the next lines.
    let detail = parts[1..].join("\n");
    let message = if detail.is_empty() {
        parts[0].clone()
    } else {
        format!("{}\n{detail}", parts[0])
    };
    Error::input(location, format!("template does not parse: {message}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_broken_template_is_reported_with_file_line_and_column() {
        let dir = tempfile::tempdir().unwrap();
        let templates = dir.path().join("themes/t/templates");
        std::fs::create_dir_all(&templates).unwrap();
        std::fs::write(templates.join("good.html"), "ok").unwrap();
        std::fs::write(templates.join("bad.html"), "line one\n{% if x %}\n{{ y }\n").unwrap();
        let err = load_theme(dir.path(), "t").err().unwrap().to_string();
        assert!(err.contains("bad.html:3:"), "{err}");
        assert!(err.contains("template does not parse"), "{err}");
    }
}
