//! `accord build`: the whole pipeline, from a site folder to its output.

use std::path::{Path, PathBuf};

use crate::annotate::Annotator;
use crate::clean::Warning;
use crate::document::{self, Document};
use crate::error::{Error, Location, Result};
use crate::load;
use crate::markdown::{self, Markdown};
use crate::model;
use crate::publish;
use crate::render;
use crate::search;
use crate::write::{self, OutputFile};

#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site folder: `content/`, `seeds/`, `themes/`.
    pub root: PathBuf,
    /// Output folder; defaults to the site's `output_dir` under `root`.
    pub out: Option<PathBuf>,
    /// Overrides the site's `base_url` (used for the sitemap, canonical links
    /// and the 404 page only; internal links stay relative).
    pub base_url: Option<String>,
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
    pub alignments: Vec<(String, crate::bilingual::AlignmentReport)>,
    /// Things the build left out, and why (no base URL, for instance).
    pub notices: Vec<String>,
}

/// A site rendered in memory: its inputs, documents and output files.
pub struct RenderedSite {
    pub inputs: load::Inputs,
    pub documents: Vec<Document>,
    pub files: Vec<OutputFile>,
    pub notices: Vec<String>,
    /// The absolute URL the site is published at, when known.
    pub base_url: Option<String>,
}

impl RenderedSite {
    fn report(&self, out: PathBuf) -> BuildReport {
        let documents = &self.documents;
        BuildReport {
            out,
            documents: documents.len(),
            files: self.files.len(),
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
            notices: self.notices.clone(),
        }
    }
}

/// Processed documents kept between builds, for `serve` and `build --watch`.
pub use crate::incremental::Cache;

/// Builds the site into its output folder.
pub fn build(options: &BuildOptions) -> Result<BuildReport> {
    build_with(options, &mut Cache::default())
}

/// Builds, reusing what `cache` holds from earlier builds.
pub fn build_with(options: &BuildOptions, cache: &mut Cache) -> Result<BuildReport> {
    let site = render_site_with(options, cache)?;
    let out = options
        .out
        .clone()
        .unwrap_or_else(|| options.root.join(&site.inputs.config.output_dir));
    write::write_site(&out, &site.files)?;
    Ok(site.report(out))
}

/// Runs the whole pipeline up to the output files, writing nothing.
pub fn render_site(options: &BuildOptions) -> Result<RenderedSite> {
    render_site_with(options, &mut Cache::default())
}

fn render_site_with(options: &BuildOptions, cache: &mut Cache) -> Result<RenderedSite> {
    let inputs = load::load(&options.root)?;
    let theme = render::load_theme(&options.root, &inputs.config.theme)?;
    let documents = process_inputs(&inputs, cache)?;
    let base_url = publish::base_url(
        options
            .base_url
            .as_deref()
            .or(inputs.config.base_url.as_deref()),
    )
    .map_err(|m| Error::input(Location::file(options.root.join("content/site.yaml")), m))?;

    let markdown = Markdown::default();
    let editorial: Vec<_> = inputs
        .pages
        .iter()
        .map(|p| (p, markdown.to_html(&p.markdown, "../")))
        .collect();
    let simplifier = cache
        .simplifier()
        .map_err(|m| Error::input(Location::file(&options.root), m))?;
    let pages = model::build_pages(
        &inputs,
        &documents,
        &editorial,
        base_url.as_deref(),
        simplifier,
    )?;

    let mut files = Vec::with_capacity(pages.len() + theme.static_files.len() + 4);
    for page in &pages {
        files.push(OutputFile {
            path: page.path.clone(),
            bytes: theme.render(page)?.into_bytes(),
        });
    }
    for (rel, path) in &theme.static_files {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        files.push(OutputFile {
            path: format!("assets/{rel}"),
            bytes,
        });
    }
    files.push(OutputFile {
        path: "assets/highlight.css".into(),
        bytes: markdown::highlight_css().into_bytes(),
    });
    let (index, _) = search::index_script(&documents, &model::date_order(&documents), simplifier);
    files.push(OutputFile {
        path: "assets/search-index.js".into(),
        bytes: index.into_bytes(),
    });
    let notices = publish::add_publishing_files(&mut files, &pages, base_url.as_deref());
    files.sort_by(|a, b| a.path.cmp(&b.path));
    check_unique_paths(&files)?;
    Ok(RenderedSite {
        inputs,
        documents,
        files,
        notices,
        base_url,
    })
}

/// Loads a site folder and runs every document through the pipeline up to
/// annotation, without rendering or writing anything.
pub fn analyse(root: &Path) -> Result<(load::Inputs, Vec<Document>)> {
    let inputs = load::load(root)?;
    let documents = process_inputs(&inputs, &mut Cache::default())?;
    Ok((inputs, documents))
}

fn process_inputs(inputs: &load::Inputs, cache: &mut Cache) -> Result<Vec<Document>> {
    let annotator = Annotator::new(&inputs.topics, &inputs.entities)
        .map_err(|m| Error::input(Location::file(&inputs.topics_path), m))?;
    cache.documents(inputs, |input| {
        let mut doc = document::process(input)?;
        annotator.annotate(&mut doc, input)?;
        Ok(doc)
    })
}

/// Topics that tag no paragraph, and paragraphs that no topic tags: both
/// usually mean a keyword list needs work.
fn topic_warnings(topics: &[crate::topics::Topic], documents: &[Document]) -> Vec<String> {
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
            if s.kind != crate::annotation::SegmentKind::Heading && s.topics.is_empty() {
                warnings.push(format!("{}#{}: paragraph has no topic", doc.slug, s.anchor));
            }
        }
    }
    warnings
}

/// Two inputs that would write the same output file are an error, not a
/// silent overwrite.
fn check_unique_paths(files: &[OutputFile]) -> Result<()> {
    let mut paths: Vec<&str> = files.iter().map(|f| f.path.as_str()).collect();
    paths.sort_unstable();
    match paths.windows(2).find(|w| w[0] == w[1]) {
        Some(w) => Err(Error::input(
            crate::error::Location::file(Path::new(w[0])),
            "two inputs would write this output file; rename one",
        )),
        None => Ok(()),
    }
}
