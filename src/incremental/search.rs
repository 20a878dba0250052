//! The search index's tokenised runs of documents, kept between builds: a
//! rebuild tokenises only the runs whose documents changed.

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;

use crate::chinese::Simplifier;
use crate::digest::hash_of;
use crate::pipeline::document::Document;
use crate::pipeline::render::search::{self, RUN_DOCUMENTS, Run};
use crate::pipeline::write::OutputFile;

/// The tokenised runs of the last build, by the key of their documents'
/// inputs.
#[derive(Default)]
pub(crate) struct SearchRuns {
    runs: HashMap<u64, Arc<Run>>,
}

impl SearchRuns {
    /// The index files; `keys[d]` is the key of document `d`'s inputs.
    pub(crate) fn index_files(
        &mut self,
        documents: &[Arc<Document>],
        order: &[usize],
        keys: &[u64],
        simplifier: &Simplifier,
    ) -> Vec<OutputFile> {
        let runs: Vec<(u64, Arc<Run>)> = order
            .par_chunks(RUN_DOCUMENTS)
            .map(|docs| {
                let key = hash_of(&docs.iter().map(|&d| keys[d]).collect::<Vec<u64>>());
                let run = match self.runs.get(&key) {
                    Some(run) => Arc::clone(run),
                    None => Arc::new(search::tokenise_run(documents, docs, simplifier)),
                };
                (key, run)
            })
            .collect();
        let ordered: Vec<Arc<Run>> = runs.iter().map(|(_, run)| Arc::clone(run)).collect();
        let files = search::index_files_of_runs(documents, order, &ordered);
        self.runs = runs.into_iter().collect();
        files
    }
}
