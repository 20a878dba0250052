//! Processed documents kept between builds: a rebuild cleans, segments
//! and annotates only the documents whose inputs changed.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use super::Cache;
use crate::error::{Error, Result};
use crate::pipeline::document::Document;
use crate::pipeline::load::{DocumentInput, Inputs};

impl Cache {
    /// Every document of `inputs`, in order: from the cache when its inputs
    /// are unchanged, else from `process`. Documents that are gone are
    /// forgotten; a document whose processing fails is not cached, and all
    /// failures are reported together.
    pub fn documents(
        &mut self,
        inputs: &Inputs,
        process: impl Fn(&DocumentInput) -> Result<Document> + Sync,
    ) -> Result<Vec<Arc<Document>>> {
        let shared = shared_inputs(inputs);
        let present: HashSet<&PathBuf> = inputs
            .documents
            .iter()
            .map(|input| &input.annotation_path)
            .collect();
        self.documents.retain(|path, _| present.contains(path));
        let cached = &self.documents;
        let results: Vec<(u64, bool, Result<Arc<Document>>)> = inputs
            .documents
            .par_iter()
            .map(|input| {
                let key = key(input, &shared);
                match cached.get(&input.annotation_path) {
                    Some((k, doc)) if *k == key => (key, false, Ok(Arc::clone(doc))),
                    _ => (key, true, process(input).map(Arc::new)),
                }
            })
            .collect();
        self.processed = results.iter().filter(|r| r.1).count();
        self.keys = results.iter().map(|r| r.0).collect();
        let mut documents = Vec::with_capacity(results.len());
        let mut errors = Vec::new();
        for (input, (key, fresh, result)) in inputs.documents.iter().zip(results) {
            match result {
                Ok(doc) => {
                    if fresh {
                        self.documents
                            .insert(input.annotation_path.clone(), (key, Arc::clone(&doc)));
                    }
                    documents.push(doc);
                }
                Err(e) => {
                    self.documents.remove(&input.annotation_path);
                    errors.push(e);
                }
            }
        }
        Error::collect(errors)?;
        Ok(documents)
    }
}

/// The files that change how every document is processed: the topic and
/// entity lists (empty when a site has none).
fn shared_inputs(inputs: &Inputs) -> [&str; 2] {
    [&inputs.topics_source, &inputs.entities_source]
}

fn key(input: &DocumentInput, shared: &[&str]) -> u64 {
    crate::digest::hash_of(&(input.digest, shared))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;
    use std::sync::atomic::{AtomicUsize, Ordering};

    fn fixture() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal");
        for (rel, path) in crate::pipeline::load::files::files_under(&from).unwrap() {
            let target = dir.path().join(rel);
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::copy(path, target).unwrap();
        }
        dir
    }

    /// Runs a build's document stage and returns how many documents it processed.
    fn run(cache: &mut Cache, root: &Path) -> usize {
        let inputs = crate::pipeline::load::load(root).unwrap();
        let calls = AtomicUsize::new(0);
        let annotator = crate::pipeline::annotate::Annotator::new(&inputs).unwrap();
        let documents = cache
            .documents(&inputs, |input| {
                calls.fetch_add(1, Ordering::Relaxed);
                crate::pipeline::process(input, &annotator)
            })
            .unwrap();
        assert_eq!(documents.len(), inputs.documents.len());
        assert_eq!(calls.load(Ordering::Relaxed), cache.processed);
        calls.load(Ordering::Relaxed)
    }

    #[test]
    fn only_documents_whose_inputs_changed_are_processed_again() {
        let site = fixture();
        let mut cache = Cache::default();
        assert_eq!(
            run(&mut cache, site.path()),
            1,
            "the first build processes all"
        );
        assert_eq!(run(&mut cache, site.path()), 0, "nothing changed");

        let annotation = site.path().join("content/documents/sample.yaml");
        let text = std::fs::read_to_string(&annotation).unwrap();
        std::fs::write(&annotation, format!("{text}\n# an edit\n")).unwrap();
        assert_eq!(run(&mut cache, site.path()), 1, "the annotation changed");

        let topics = site.path().join("content/topics.yaml");
        let text = std::fs::read_to_string(&topics).unwrap();
        std::fs::write(&topics, format!("{text}\n# an edit\n")).unwrap();
        assert_eq!(
            run(&mut cache, site.path()),
            1,
            "topics change every document"
        );
        assert_eq!(run(&mut cache, site.path()), 0);
    }

    #[test]
    fn a_failed_document_is_processed_again_next_time() {
        let site = fixture();
        let inputs = crate::pipeline::load::load(site.path()).unwrap();
        let mut cache = Cache::default();
        let failed = cache.documents(&inputs, |input| {
            Err(Error::input(
                crate::error::Location::file(&input.annotation_path),
                "broken",
            ))
        });
        assert!(failed.is_err());
        assert_eq!(run(&mut cache, site.path()), 1);
    }
}
