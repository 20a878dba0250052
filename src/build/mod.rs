//! `accord build`: the whole pipeline, from a site folder to its output.

pub mod timings;

use std::collections::HashMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::Mutex;

use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use crate::build::timings::Stopwatch;
use crate::chinese::Simplifier;
use crate::digest::hash_of;
use crate::error::{Error, Location, Result};
use crate::incremental::Written;
use crate::pipeline::annotate::Annotator;
use crate::pipeline::clean::Warning;
use crate::pipeline::document::{self, Document};
use crate::pipeline::load;
use crate::pipeline::model::{self, PageSpec, Reads};
use crate::pipeline::render;
use crate::pipeline::render::markdown::{self, Markdown};
use crate::pipeline::render::publishing;
use crate::pipeline::render::search;
use crate::pipeline::write::{self, OutputFile};

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
}

#[derive(Debug)]
pub struct BuildReport {
    pub out: PathBuf,
    pub documents: usize,
    pub files: usize,
    /// Cleaning-lint warnings: (document slug, seed file, warning).
    pub warnings: Vec<(String, String, Warning)>,
    /// Topics that tag nothing, and paragraphs that no topic tags.
    pub topic_warnings: Vec<String>,
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
    let report = build_with(options, &mut cache);
    // Freeing every document of a large site one allocation at a time
    // takes half a second at 10,000 documents; a command that exits next
    // need not wait for it.
    std::thread::spawn(move || drop(cache));
    report
}

/// Builds, reusing what `cache` holds from earlier builds: documents whose
/// inputs are unchanged are not processed again, and when the last build
/// wrote the same folder with the same settings and theme, only the pages
/// whose inputs changed are rendered and written.
pub fn build_with(options: &BuildOptions, cache: &mut Cache) -> Result<BuildReport> {
    let mut clock = Stopwatch::default();
    let prepared = prepare(options, cache, &mut clock)?;
    let out = options
        .out
        .clone()
        .unwrap_or_else(|| options.root.join(&prepared.inputs.config.output_dir));
    let simplifier = cache
        .simplifier()
        .map_err(|m| Error::input(Location::file(&options.root), m))?;
    let (files, notices) = {
        let site = prepared.site(&simplifier, &mut cache.search, &mut clock)?;
        let written = cache
            .written
            .take()
            .filter(|w| w.out == out && w.shared == site.shared);
        let result = match written {
            Some(previous) => site.update(&out, previous, &mut clock),
            None => site.write(&out, options.progress, &mut clock),
        };
        let written = result?;
        let files = written.files.len();
        cache.written = Some(written);
        (files, site.notices)
    };
    let mut report = prepared.report(out, notices);
    report.files = files;
    clock.lap("report");
    report.timings = clock.laps();
    Ok(report)
}

/// Runs the whole pipeline up to the output files, writing nothing.
pub fn render_site(options: &BuildOptions) -> Result<RenderedSite> {
    let mut cache = Cache::default();
    let mut clock = Stopwatch::default();
    let prepared = prepare(options, &mut cache, &mut clock)?;
    let simplifier = cache
        .simplifier()
        .map_err(|m| Error::input(Location::file(&options.root), m))?;
    let (mut files, notices, base_url) = {
        let site = prepared.site(&simplifier, &mut cache.search, &mut clock)?;
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

/// The pipeline up to processed documents: what every way of producing
/// output starts from.
struct Prepared {
    inputs: load::Inputs,
    theme: render::Theme,
    documents: Vec<Arc<Document>>,
    /// The key of each document's inputs, in the order of `documents`.
    keys: Vec<u64>,
    base_url: Option<String>,
    /// The HTML of each editorial page, in the order of `inputs.pages`.
    editorial: Vec<String>,
}

fn prepare(options: &BuildOptions, cache: &mut Cache, clock: &mut Stopwatch) -> Result<Prepared> {
    let inputs = cache.inputs.load(&options.root)?;
    clock.lap("load");
    let theme = render::load_theme(&options.root, &inputs.config.theme)?;
    let documents = process_inputs(&inputs, cache)?;
    let keys = cache.keys().to_vec();
    clock.lap("process");
    let base_url = publishing::base_url(
        options
            .base_url
            .as_deref()
            .or(inputs.config.base_url.as_deref()),
    )
    .map_err(|m| Error::input(Location::file(options.root.join("content/site.yaml")), m))?;
    let markdown = Markdown::default();
    let editorial = inputs
        .pages
        .iter()
        .map(|p| markdown.to_html(&p.markdown, "../"))
        .collect();
    Ok(Prepared {
        inputs,
        theme,
        documents,
        keys,
        base_url,
        editorial,
    })
}

impl Prepared {
    /// Plans the site: its pages, and the files that are not pages.
    fn site<'a>(
        &'a self,
        simplifier: &'a Simplifier,
        search_cache: &mut search::SearchCache,
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
        )?;
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
        extra.extend(search::index_files(
            &self.documents,
            model.order(),
            &self.keys,
            simplifier,
            search_cache,
        ));
        clock.lap("search index");
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
            keys: &self.keys,
            model,
            specs,
            paths,
            extra,
            notices,
            base_url: self.base_url.clone(),
            shared,
        })
    }

    fn report(&self, out: PathBuf, notices: Vec<String>) -> BuildReport {
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
struct Site<'a> {
    theme: &'a render::Theme,
    keys: &'a [u64],
    model: model::SiteModel<'a>,
    specs: Vec<PageSpec>,
    paths: Vec<String>,
    extra: Vec<OutputFile>,
    notices: Vec<String>,
    base_url: Option<String>,
    /// Key of what every page depends on besides the documents.
    shared: u64,
}

impl Site<'_> {
    /// Builds and renders `specs`, in parallel, handing each file to `sink`
    /// as soon as it is rendered: no build holds every page at once.
    fn render(
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
    fn write(&self, out: &Path, progress: bool, clock: &mut Stopwatch) -> Result<Written> {
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
        Ok(self.written(out))
    }

    /// Renders and writes only the files whose inputs changed since
    /// `previous`, and deletes the files that are gone. Everything is
    /// rendered before anything is written, so a failure changes nothing.
    fn update(&self, out: &Path, previous: Written, clock: &mut Stopwatch) -> Result<Written> {
        let written = self.written(out);
        clock.lap("fingerprint");
        let stale = |path: &str| previous.files.get(path) != written.files.get(path);
        let specs: Vec<PageSpec> = self
            .specs
            .iter()
            .zip(&self.paths)
            .filter(|(_, path)| stale(path))
            .map(|(spec, _)| *spec)
            .collect();
        let changed = Mutex::new(Vec::new());
        self.render(&specs, &ProgressBar::hidden(), &|file| {
            changed.lock().expect("no panics while held").push(file);
            Ok(())
        })?;
        let mut changed = changed.into_inner().expect("no panics while held");
        clock.lap("render changed");
        changed.extend(self.extra.iter().filter(|f| stale(&f.path)).cloned());
        let removed: Vec<String> = previous
            .files
            .keys()
            .filter(|path| !written.files.contains_key(*path))
            .cloned()
            .collect();
        write::update_in_place(out, &changed, &removed)?;
        clock.lap("write changed");
        Ok(written)
    }

    /// The fingerprint of every output file's inputs: a page's from the
    /// documents it reads, another file's from its bytes.
    fn written(&self, out: &Path) -> Written {
        let keys = self.keys;
        let all = hash_of(&(keys, self.model.order()));
        let mut files: HashMap<String, u64> = self
            .specs
            .par_iter()
            .zip(&self.paths)
            .map(|(&spec, path)| {
                let reads = match self.model.reads(spec) {
                    Reads::All => all,
                    Reads::Documents {
                        documents,
                        placement,
                    } => {
                        let keys: Vec<u64> = documents.iter().map(|&d| keys[d]).collect();
                        hash_of(&(keys, placement))
                    }
                };
                (path.clone(), hash_of(&(spec_kind(spec), reads)))
            })
            .collect();
        files.par_extend(
            self.extra
                .par_iter()
                .map(|f| (f.path.clone(), hash_of(&f.bytes))),
        );
        Written {
            out: out.to_owned(),
            shared: self.shared,
            files,
        }
    }
}

/// A page's kind and its place in its list: two pages at the same path
/// built from different specs differ.
fn spec_kind(spec: PageSpec) -> String {
    format!("{spec:?}")
}

/// The key of everything every page depends on besides the documents: the
/// site settings, the topic and entity lists, the editorial pages, the
/// theme and the base URL.
fn shared_key(prepared: &Prepared) -> u64 {
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

/// Loads a site folder and runs every document through the pipeline up to
/// annotation, without rendering or writing anything.
pub fn analyse(root: &Path) -> Result<(load::Inputs, Vec<Arc<Document>>)> {
    let inputs = load::load(root)?;
    let documents = process_inputs(&inputs, &mut Cache::default())?;
    Ok((inputs, documents))
}

fn process_inputs(inputs: &load::Inputs, cache: &mut Cache) -> Result<Vec<Arc<Document>>> {
    let annotator = Annotator::new(inputs)?;
    cache.documents(inputs, |input| {
        let mut doc = document::process(input)?;
        annotator.annotate(&mut doc, input)?;
        Ok(doc)
    })
}

/// Topics that tag no paragraph, and paragraphs that no topic tags: both
/// usually mean a keyword list needs work.
fn topic_warnings(
    topics: &[crate::pipeline::load::topics::Topic],
    documents: &[Arc<Document>],
) -> Vec<String> {
    if topics.is_empty() {
        return Vec::new();
    }
    let mut warnings = Vec::new();
    for (i, topic) in topics.iter().enumerate() {
        let used = documents
            .iter()
            .flat_map(|d| &d.segments)
            .any(|s| s.topics.contains(&i));
        if !used {
            warnings.push(format!("topic `{}` tags no paragraph", topic.id));
        }
    }
    for doc in documents {
        for s in &doc.segments {
            if s.kind != crate::pipeline::load::schema::SegmentKind::Heading && s.topics.is_empty()
            {
                warnings.push(format!("{}#{}: paragraph has no topic", doc.slug, s.anchor));
            }
        }
    }
    warnings
}

/// Two inputs that would write the same output file are an error, not a
/// silent overwrite.
fn check_unique_paths(paths: &[&str]) -> Result<()> {
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
