//! Incremental builds: the layer around the pipeline's stages that lets
//! `serve` and `build --watch` redo only what changed. [`Cache::build`]
//! runs the same stages as a one-shot build, each through a memo:
//! - [`documents`]: processed documents, by the key of their inputs;
//! - the search index's tokenised runs of documents ([`search`]);
//! - [`written`]: what the last build wrote, so that a rebuild renders and
//!   writes only the files whose inputs changed.
//!
//! The stages know nothing of it.
//!
//! A document's key is a hash of everything its processing reads: its
//! annotation's YAML text, its seed's text, and the topic and entity lists
//! (which change how every document is annotated). The cache knows nothing
//! about what processing does: [`Cache::documents`] gets it as a function.

mod documents;
pub mod inputs;
mod search;
mod written;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use crate::build::site::Prepared;
use crate::build::timings::Stopwatch;
use crate::build::{BuildOptions, BuildReport};
use crate::chinese::Simplifier;
use crate::error::{Error, Location, Result};
use crate::pipeline;
use crate::pipeline::annotate::Annotator;
use crate::pipeline::document::Document;
pub use written::Written;

/// Processed documents, by annotation path, with the key of the inputs they
/// were made from; and the Traditional-to-Simplified converter, which
/// depends on no input and takes a while to load.
#[derive(Default)]
pub struct Cache {
    documents: BTreeMap<PathBuf, (u64, Arc<Document>)>,
    /// The keys of the documents the last call of [`Cache::documents`]
    /// returned, in its order.
    keys: Vec<u64>,
    simplifier: Option<Arc<Simplifier>>,
    /// How many documents the last build processed; the rest came from the cache.
    pub processed: usize,
    /// What the last build wrote, so the next can write only what changed.
    pub written: Option<Written>,
    /// Annotations and seeds as last read.
    pub inputs: inputs::InputCache,
    /// The search index's tokenised runs of documents.
    search: search::SearchRuns,
}

impl Cache {
    /// The converter, loaded on first use.
    pub fn simplifier(&mut self) -> std::result::Result<Arc<Simplifier>, String> {
        if self.simplifier.is_none() {
            self.simplifier = Some(Arc::new(Simplifier::new()?));
        }
        Ok(Arc::clone(self.simplifier.as_ref().expect("just loaded")))
    }

    /// Builds, reusing what this cache holds from earlier builds: documents
    /// whose inputs are unchanged are not processed again, and when the last
    /// build wrote the same folder with the same settings and theme, only
    /// the pages whose inputs changed are rendered and written.
    pub fn build(&mut self, options: &BuildOptions) -> Result<BuildReport> {
        let mut clock = Stopwatch::default();
        let inputs = self.inputs.load(&options.root)?;
        let out = options
            .out
            .clone()
            .unwrap_or_else(|| options.root.join(&inputs.config.output_dir));
        let named_in = match &options.out {
            Some(_) => PathBuf::from("--out"),
            None => options.root.join("content/site.yaml"),
        };
        crate::pipeline::write::refuse_output_among_inputs(&options.root, &out, &named_in)?;
        // Before anything else can fail: a swap killed halfway left the
        // last site beside its place.
        crate::pipeline::write::recover_interrupted_swap(&out)?;
        clock.lap("load");
        let annotator = Annotator::new(&inputs)?;
        let documents = self.documents(&inputs, |input| pipeline::process(input, &annotator))?;
        clock.lap("process");
        let anchors = crate::build::anchor_lock::check(&options.root, &inputs, &documents)?;
        let prepared = Prepared::new(options, inputs, documents)?;
        let simplifier = self
            .simplifier()
            .map_err(|m| Error::input(Location::file(&options.root), m))?;
        let keys = self.keys.clone();
        let (files, notices) = {
            let search = &mut self.search;
            let site = prepared.site(
                &simplifier,
                |documents, order| search.index_files(documents, order, &keys, &simplifier),
                &mut clock,
            )?;
            let previous = self
                .written
                .take()
                .filter(|w| w.out == out && w.shared == site.shared);
            let written = match previous {
                Some(previous) => written::update(&site, &keys, &out, previous, &mut clock)?,
                None => {
                    site.write(&out, options.progress, &mut clock)?;
                    written::fingerprints(&site, &keys, &out)
                }
            };
            let files = written.files.len();
            self.written = Some(written);
            (files, site.notices)
        };
        // Recorded only once the site they were checked for is in place.
        anchors.write()?;
        let mut report = prepared.report(out, notices);
        report.files = files;
        clock.lap("report");
        report.timings = clock.laps();
        Ok(report)
    }
}
