//! Planning and writing a site: the theme, base URL and editorial pages
//! beside the processed documents ([`Prepared`]), the pages and other files
//! to write ([`Site`]), rendered in parallel and written to a staging
//! folder that is swapped in whole.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use super::timings::Stopwatch;
use super::warnings::{entity_warnings, topic_warnings};
use super::{BuildOptions, BuildReport, check_unique_paths};
use crate::chinese::Simplifier;
use crate::digest::hash_of;
use crate::error::{Error, Location, Result};
use crate::pipeline::document::Document;
use crate::pipeline::load;
use crate::pipeline::model::{self, PageSpec};
use crate::pipeline::render;
use crate::pipeline::render::markdown::{self, Markdown};
use crate::pipeline::render::{export, publishing};
use crate::pipeline::write::{self, OutputFile};

/// The pipeline up to processed documents: what every way of producing
/// output starts from.
pub(crate) struct Prepared {
    pub(crate) inputs: load::Inputs,
    pub(crate) theme: render::Theme,
    pub(crate) documents: Vec<Arc<Document>>,
    pub(crate) base_url: Option<String>,
    /// The HTML of each editorial page, in the order of `inputs.pages`.
    pub(crate) editorial: Vec<String>,
    /// Raw HTML the sanitiser removed from editorial pages, where it was.
    pub(crate) markup_warnings: Vec<String>,
    /// When an archive captures the site (see [`BuildOptions::captured`]).
    pub(crate) captured: Option<String>,
}

impl Prepared {
    /// The theme, the base URL and the editorial pages' HTML, beside the
    /// loaded inputs and processed documents.
    pub(crate) fn new(
        options: &BuildOptions,
        inputs: load::Inputs,
        documents: Vec<Arc<Document>>,
    ) -> Result<Prepared> {
        let theme = render::load_theme(&options.root, &inputs.config.theme)?;
        let base_url = publishing::base_url(
            options
                .base_url
                .as_deref()
                .or(inputs.config.base_url.as_deref()),
        )
        .map_err(|m| Error::input(Location::file(options.root.join("content/site.yaml")), m))?;
        let markdown = Markdown::default();
        let mut editorial = Vec::new();
        let mut markup_warnings = Vec::new();
        for page in &inputs.pages {
            let rendered = markdown.to_html(&page.markdown, "../");
            for removal in &rendered.removed {
                let line = removal.line_in(&page.markdown).map_or(String::new(), |n| {
                    format!(":{}", page.markdown_line + n - 1)
                });
                markup_warnings.push(format!(
                    "{}{line}: raw HTML removed (scripts, event handlers, styles and \
                     non-web URLs are not published): {}",
                    page.path.display(),
                    removal.what
                ));
            }
            editorial.push(rendered.html);
        }
        Ok(Prepared {
            inputs,
            theme,
            documents,
            base_url,
            editorial,
            markup_warnings,
            captured: options.captured.clone(),
        })
    }

    /// Plans the site: its pages, and the files that are not pages.
    pub(crate) fn site<'a>(
        &'a self,
        simplifier: &'a Simplifier,
        search_index: impl FnOnce(&[Arc<Document>], &[usize]) -> Vec<OutputFile>,
        clock: &mut Stopwatch,
    ) -> Result<Site<'a>> {
        let editorial = self
            .inputs
            .pages
            .iter()
            .zip(self.editorial.iter().cloned())
            .collect();
        let model = model::SiteModel::new(
            &self.inputs,
            &self.documents,
            editorial,
            self.base_url.as_deref(),
            simplifier,
            &self.theme.strings,
        )?
        .captured_at(self.captured.clone());
        let specs = model.specs();
        let paths: Vec<String> = specs.iter().map(|&s| model.path(s)).collect();
        clock.lap("plan");
        let mut extra = Vec::new();
        for (rel, path) in &self.theme.static_files {
            let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
            extra.push(OutputFile {
                path: format!("assets/{rel}"),
                bytes,
            });
        }
        extra.push(OutputFile {
            path: "assets/highlight.css".into(),
            bytes: markdown::highlight_css().into_bytes(),
        });
        extra.extend(search_index(&self.documents, model.order()));
        clock.lap("search index");
        extra.extend(export::export_files(
            &self.inputs,
            &self.documents,
            model.order(),
            self.base_url.as_deref(),
        ));
        clock.lap("data export");
        let notices =
            publishing::add_publishing_files(&mut extra, &paths, self.base_url.as_deref());
        let all_paths: Vec<&str> = paths
            .iter()
            .map(String::as_str)
            .chain(extra.iter().map(|f| f.path.as_str()))
            .collect();
        check_unique_paths(&all_paths)?;
        let shared = shared_key(self);
        Ok(Site {
            theme: &self.theme,
            model,
            specs,
            paths,
            extra,
            notices,
            base_url: self.base_url.clone(),
            shared,
        })
    }

    pub(crate) fn report(&self, out: PathBuf, notices: Vec<String>) -> BuildReport {
        let documents = &self.documents;
        BuildReport {
            out,
            documents: documents.len(),
            files: 0,
            warnings: documents
                .iter()
                .flat_map(|d| {
                    d.warnings
                        .iter()
                        .map(|w| (d.slug.clone(), d.seed.clone(), w.clone()))
                })
                .collect(),
            topic_warnings: topic_warnings(&self.inputs.topics, documents),
            entity_warnings: entity_warnings(&self.inputs.entities, documents),
            markup_warnings: self.markup_warnings.clone(),
            alignments: documents
                .iter()
                .filter_map(|d| Some((d.slug.clone(), d.alignment_report.clone()?)))
                .collect(),
            notices,
            timings: Vec::new(),
        }
    }
}

/// A planned site: the model that builds its pages, the pages' specs and
/// paths, and the files that are not pages (assets, search index, sitemap).
pub(crate) struct Site<'a> {
    pub(crate) theme: &'a render::Theme,
    pub(crate) model: model::SiteModel<'a>,
    pub(crate) specs: Vec<PageSpec>,
    pub(crate) paths: Vec<String>,
    pub(crate) extra: Vec<OutputFile>,
    pub(crate) notices: Vec<String>,
    pub(crate) base_url: Option<String>,
    /// Key of what every page depends on besides the documents.
    pub(crate) shared: u64,
}

impl Site<'_> {
    /// Builds and renders `specs`, in parallel, handing each file to `sink`
    /// as soon as it is rendered: no build holds every page at once.
    pub(crate) fn render(
        &self,
        specs: &[PageSpec],
        progress: &ProgressBar,
        sink: &(dyn Fn(OutputFile) -> Result<()> + Sync),
    ) -> Result<()> {
        specs.par_iter().try_for_each(|&spec| {
            let page = self.model.page(spec);
            let bytes = self.theme.render(&page)?.into_bytes();
            progress.inc(1);
            sink(OutputFile {
                path: page.path,
                bytes,
            })
        })
    }

    /// Writes the whole site into a staging folder and swaps it in.
    pub(crate) fn write(&self, out: &Path, progress: bool, clock: &mut Stopwatch) -> Result<()> {
        let staging = write::Staging::begin(out)?;
        staging.make_folders(
            self.paths
                .iter()
                .chain(self.extra.iter().map(|f| &f.path))
                .map(String::as_str),
        )?;
        let bar = progress_bar(progress, self.specs.len());
        self.render(&self.specs, &bar, &|file| staging.put(&file))?;
        bar.finish_and_clear();
        for file in &self.extra {
            staging.put(file)?;
        }
        clock.lap("render and write");
        staging.commit()?;
        clock.lap("swap in");
        Ok(())
    }
}

/// A page's kind and its place in its list: two pages at the same path
/// built from different specs differ.
pub(crate) fn spec_kind(spec: PageSpec) -> String {
    format!("{spec:?}")
}

/// The key of everything every page depends on besides the documents: the
/// site settings, the topic and entity lists, the editorial pages, the
/// theme and the base URL.
pub(crate) fn shared_key(prepared: &Prepared) -> u64 {
    let inputs = &prepared.inputs;
    hash_of(&(
        format!("{:?}", inputs.config),
        &inputs.topics_source,
        &inputs.entities_source,
        &prepared.editorial,
        inputs
            .pages
            .iter()
            .map(|p| format!("{:?}", p.front))
            .collect::<Vec<_>>(),
        prepared.theme.fingerprint(),
        &prepared.base_url,
        &prepared.captured,
        env!("CARGO_PKG_VERSION"),
    ))
}

/// A progress bar on the terminal for long builds; hidden otherwise.
fn progress_bar(wanted: bool, pages: usize) -> ProgressBar {
    const LONG: usize = 2_000;
    if !wanted || pages < LONG || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(pages as u64);
    bar.set_style(
        ProgressStyle::with_template("{bar:40} {pos}/{len} pages, {eta} left")
            .expect("static template"),
    );
    bar
}
