//! `accord build` as a library call: the whole pipeline, from a site
//! folder to its output ([`build`]), or to output files in memory
//! ([`render_site`], for `check` and `snapshot`). [`site`] plans and writes
//! the pages; `crate::incremental` runs the same stages for rebuilds.

pub(crate) mod anchor_lock;
pub(crate) mod site;
pub mod timings;
mod warnings;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use indicatif::ProgressBar;

use crate::error::{Error, Location, Result};
use crate::pipeline::annotate::Annotator;
use crate::pipeline::clean::Warning;
use crate::pipeline::document::Document;
use crate::pipeline::render::search;
use crate::pipeline::write::OutputFile;
use crate::pipeline::{self, load};
use site::Prepared;
use timings::Stopwatch;

/// What to build and where: the site folder, the output folder, the base URL.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site folder: `content/`, `seeds/`, `themes/`.
    pub root: PathBuf,
    /// Output folder; defaults to the site's `output_dir` under `root`.
    pub out: Option<PathBuf>,
    /// Overrides the site's `base_url` (used for the sitemap, canonical links
    /// and the 404 page only; internal links stay relative).
    pub base_url: Option<String>,
    /// Show a progress bar on long builds when standard error is a terminal.
    pub progress: bool,
    /// When the site is captured for an archive (`2026-12-04 18:15:00 UTC`),
    /// shown in every page's footer; `None` for an ordinary build.
    pub captured: Option<String>,
}

/// What a build did: documents, files written, warnings, timings.
#[derive(Debug)]
pub struct BuildReport {
    pub out: PathBuf,
    pub documents: usize,
    pub files: usize,
    /// Cleaning-lint warnings: (document slug, seed file, warning).
    pub warnings: Vec<(String, String, Warning)>,
    /// Topics that tag nothing, and paragraphs that no topic tags.
    pub topic_warnings: Vec<String>,
    /// Entities that nothing mentions.
    pub entity_warnings: Vec<String>,
    /// Raw HTML removed from editorial pages.
    pub markup_warnings: Vec<String>,
    /// How each bilingual document was aligned: (slug, report).
    pub alignments: Vec<(
        String,
        crate::pipeline::annotate::bilingual::AlignmentReport,
    )>,
    /// Things the build left out, and why (no base URL, for instance).
    pub notices: Vec<String>,
    /// How long each stage took, in order.
    pub timings: Vec<(&'static str, std::time::Duration)>,
}

/// A site rendered in memory: its inputs, documents and output files.
pub struct RenderedSite {
    pub inputs: load::Inputs,
    pub documents: Vec<Arc<Document>>,
    pub files: Vec<OutputFile>,
    pub notices: Vec<String>,
    /// The absolute URL the site is published at, when known.
    pub base_url: Option<String>,
}

/// Processed documents kept between builds, for `serve` and `build --watch`.
pub use crate::incremental::Cache;

/// Builds the site into its output folder.
pub fn build(options: &BuildOptions) -> Result<BuildReport> {
    let mut cache = Cache::default();
    let report = cache.build(options);
    // Freeing every document of a large site one allocation at a time
    // takes half a second at 10,000 documents; a command that exits next
    // need not wait for it.
    std::thread::spawn(move || drop(cache));
    report
}

/// Runs the whole pipeline up to the output files, writing nothing.
pub fn render_site(options: &BuildOptions) -> Result<RenderedSite> {
    let mut clock = Stopwatch::default();
    let (inputs, documents) = analyse(&options.root)?;
    anchor_lock::check(&options.root, &inputs, &documents)?;
    let prepared = Prepared::new(options, inputs, documents)?;
    let simplifier = crate::chinese::Simplifier::new()
        .map_err(|m| Error::input(Location::file(&options.root), m))?;
    let (mut files, notices, base_url) = {
        let site = prepared.site(
            &simplifier,
            |documents, order| search::index_files(documents, order, &simplifier),
            &mut clock,
        )?;
        let files = Mutex::new(Vec::new());
        site.render(&site.specs, &ProgressBar::hidden(), &|file| {
            files.lock().expect("no panics while held").push(file);
            Ok(())
        })?;
        let mut files = files.into_inner().expect("no panics while held");
        files.extend(site.extra);
        (files, site.notices, site.base_url)
    };
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(RenderedSite {
        inputs: prepared.inputs,
        documents: prepared.documents,
        files,
        notices,
        base_url,
    })
}

/// Loads a site folder and runs every document through the pipeline up to
/// annotation, without rendering or writing anything.
pub fn analyse(root: &Path) -> Result<(load::Inputs, Vec<Arc<Document>>)> {
    use rayon::prelude::*;
    let inputs = load::load(root)?;
    let annotator = Annotator::new(&inputs)?;
    let results: Vec<Result<Arc<Document>>> = inputs
        .documents
        .par_iter()
        .map(|input| pipeline::process(input, &annotator).map(Arc::new))
        .collect();
    let mut documents = Vec::with_capacity(results.len());
    let mut errors = Vec::new();
    for result in results {
        match result {
            Ok(doc) => documents.push(doc),
            Err(e) => errors.push(e),
        }
    }
    Error::collect(errors)?;
    Ok((inputs, documents))
}

/// Two inputs that would write the same output file are an error, not a
/// silent overwrite.
pub(crate) fn check_unique_paths(paths: &[&str]) -> Result<()> {
    let mut paths = paths.to_vec();
    paths.sort_unstable();
    match paths.windows(2).find(|w| w[0] == w[1]) {
        Some(w) => Err(Error::input(
            crate::error::Location::file(Path::new(w[0])),
            "two inputs would write this output file; rename one",
        )),
        None => Ok(()),
    }
}
