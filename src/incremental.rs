//! Incremental rebuilds for `serve` and `build --watch`: processed documents
//! kept in memory between builds, so a rebuild cleans, segments and annotates
//! only the documents whose inputs changed. Rendering and writing always run
//! in full: they depend on every document at once (cross-links, topics,
//! search).
//!
//! A document's key is a hash of everything its processing reads: its
//! annotation's YAML text, its seed's text, and the topic and entity lists
//! (which change how every document is annotated). The cache knows nothing
//! about what processing does: [`Cache::documents`] gets it as a function.

use std::collections::BTreeMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::PathBuf;

use crate::document::Document;
use crate::error::{Error, Result};
use crate::load::{DocumentInput, Inputs};
use crate::script::Simplifier;

/// Processed documents, by annotation path, with the key of the inputs they
/// were made from; and the Traditional-to-Simplified converter, which
/// depends on no input and takes a while to load.
#[derive(Default)]
pub struct Cache {
    documents: BTreeMap<PathBuf, (u64, Document)>,
    simplifier: Option<Simplifier>,
    /// How many documents the last build processed; the rest came from the cache.
    pub processed: usize,
}

impl Cache {
    /// The converter, loaded on first use.
    pub fn simplifier(&mut self) -> std::result::Result<&Simplifier, String> {
        let simplifier = match self.simplifier.take() {
            Some(simplifier) => simplifier,
            None => Simplifier::new()?,
        };
        Ok(self.simplifier.insert(simplifier))
    }

    /// Every document of `inputs`, in order: from the cache when its inputs
    /// are unchanged, else from `process`. Documents that are gone are
    /// forgotten; a document whose processing fails is not cached, and all
    /// failures are reported together.
    pub fn documents(
        &mut self,
        inputs: &Inputs,
        process: impl Fn(&DocumentInput) -> Result<Document>,
    ) -> Result<Vec<Document>> {
        let shared = shared_inputs(inputs);
        self.documents.retain(|path, _| {
            inputs
                .documents
                .iter()
                .any(|input| input.annotation_path == *path)
        });
        self.processed = 0;
        let mut documents = Vec::with_capacity(inputs.documents.len());
        let mut errors = Vec::new();
        for input in &inputs.documents {
            let key = key(input, &shared);
            if let Some((cached, doc)) = self.documents.get(&input.annotation_path)
                && *cached == key
            {
                documents.push(doc.clone());
                continue;
            }
            self.processed += 1;
            match process(input) {
                Ok(doc) => {
                    self.documents
                        .insert(input.annotation_path.clone(), (key, doc.clone()));
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
fn shared_inputs(inputs: &Inputs) -> Vec<Vec<u8>> {
    [
        inputs.topics_path.clone(),
        inputs.root.join("content/entities.yaml"),
    ]
    .iter()
    .map(|path| std::fs::read(path).unwrap_or_default())
    .collect()
}

fn key(input: &DocumentInput, shared: &[Vec<u8>]) -> u64 {
    let mut hasher = DefaultHasher::new();
    (&input.annotation_source, &input.raw, shared).hash(&mut hasher);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;
    use std::path::Path;

    fn fixture() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal");
        for (rel, path) in crate::files::files_under(&from).unwrap() {
            let target = dir.path().join(rel);
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::copy(path, target).unwrap();
        }
        dir
    }

    /// Runs a build's document stage and returns how many documents it processed.
    fn run(cache: &mut Cache, root: &Path) -> usize {
        let inputs = crate::load::load(root).unwrap();
        let calls = Cell::new(0);
        let documents = cache
            .documents(&inputs, |input| {
                calls.set(calls.get() + 1);
                crate::document::process(input)
            })
            .unwrap();
        assert_eq!(documents.len(), inputs.documents.len());
        assert_eq!(calls.get(), cache.processed);
        calls.get()
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
        let inputs = crate::load::load(site.path()).unwrap();
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
