//! Annotations and seeds read by earlier loads, for `serve` and `build
//! --watch`: a document whose annotation and seed have the size and
//! modification time they had is not read and parsed again. The cache is a
//! [`DocumentSource`] the load stage reads documents from; the load stage
//! still checks every document against the seeds' recorded checksums.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use crate::error::Result;
use crate::pipeline::load::{self, DocumentInput, DocumentSource, Inputs};

/// The parsed inputs of each document, kept between builds and given back
/// while the annotation's and the seed's files are unchanged.
#[derive(Default)]
pub struct InputCache {
    documents: HashMap<PathBuf, Cached>,
}

/// A document's input and what its files were when it was read (`None`
/// when the file system could not say, or the file was written too
/// recently to trust its stamp, and the input is read again).
#[derive(Clone)]
struct Cached {
    annotation: Option<Stamp>,
    seed: Option<Stamp>,
    input: Arc<DocumentInput>,
}

#[derive(Clone, Copy, PartialEq)]
struct Stamp {
    modified: SystemTime,
    len: u64,
}

impl InputCache {
    /// Loads a site folder, reusing the documents read by earlier loads
    /// whose files are unchanged. The cache then holds the documents this
    /// load read; documents that are gone are forgotten.
    pub fn load(&mut self, root: &Path) -> Result<Inputs> {
        let source = Remembering {
            previous: &self.documents,
            read: Mutex::new(HashMap::new()),
            loaded_at: SystemTime::now(),
        };
        let inputs = load::load_with(root, &source);
        let read = source
            .read
            .into_inner()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        // A load that stopped before the documents keeps what was known.
        if inputs.is_ok() || !read.is_empty() {
            self.documents = read;
        }
        inputs
    }
}

/// The cache as the load stage sees it: documents from the last load when
/// their files are as they were, else read afresh, and each one kept.
struct Remembering<'a> {
    previous: &'a HashMap<PathBuf, Cached>,
    read: Mutex<HashMap<PathBuf, Cached>>,
    loaded_at: SystemTime,
}

impl DocumentSource for Remembering<'_> {
    fn document(&self, root: &Path, annotation: &Path) -> Result<Arc<DocumentInput>> {
        // Stamped before reading, so a write during the read shows next time.
        let stamp = Stamp::of(annotation);
        let cached = match self.previous.get(annotation) {
            Some(cached) if cached.is_current(stamp) => cached.clone(),
            _ => {
                let input = Arc::new(load::documents::read(root, annotation)?);
                // Stamped after reading the seed: a seed written since
                // `loaded_at` is not settled, and is read again next time.
                let seed = Stamp::of(&input.seed_path);
                Cached {
                    annotation: stamp.and_then(|s| s.settled(self.loaded_at)),
                    seed: seed.and_then(|s| s.settled(self.loaded_at)),
                    input,
                }
            }
        };
        let input = Arc::clone(&cached.input);
        if let Ok(mut read) = self.read.lock() {
            read.insert(annotation.to_owned(), cached);
        }
        Ok(input)
    }
}

impl Cached {
    /// Whether the files are as they were read: the annotation has the
    /// stamp `annotation`, and the seed the stamp it had.
    fn is_current(&self, annotation: Option<Stamp>) -> bool {
        annotation.is_some()
            && self.annotation == annotation
            && self.seed.is_some()
            && Stamp::of(&self.input.seed_path) == self.seed
    }
}

impl Stamp {
    fn of(path: &Path) -> Option<Stamp> {
        let meta = fs::metadata(path).ok()?;
        Some(Stamp {
            modified: meta.modified().ok()?,
            len: meta.len(),
        })
    }

    /// Whether the file was last written well before `loaded`. A file
    /// written just before it was read can be written again within the
    /// same tick of the file system's clock, at the same size, and keep its
    /// stamp (as git's "racily clean" entries); such a file is read again
    /// next time. Two seconds covers the coarsest clocks (FAT's).
    fn settled(self, loaded: SystemTime) -> Option<Stamp> {
        (self.modified + Duration::from_secs(2) <= loaded).then_some(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::load::files::files_under;

    /// A copy of the minimal fixture whose files were all written an hour ago.
    fn settled_fixture() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal");
        for (rel, path) in files_under(&from).unwrap() {
            let target = dir.path().join(rel);
            fs::create_dir_all(target.parent().unwrap()).unwrap();
            fs::copy(path, &target).unwrap();
            age(&target, 3600);
        }
        dir
    }

    fn age(path: &Path, seconds: u64) {
        let file = fs::File::options().write(true).open(path).unwrap();
        file.set_modified(SystemTime::now() - Duration::from_secs(seconds))
            .unwrap();
    }

    #[test]
    fn unchanged_documents_are_not_read_again() {
        let site = settled_fixture();
        let mut cache = InputCache::default();
        let first = cache.load(site.path()).unwrap();
        let again = cache.load(site.path()).unwrap();
        assert!(Arc::ptr_eq(&first.documents[0], &again.documents[0]));

        // The same size, a different text, an older stamp than before.
        let annotation = site.path().join("content/documents/sample.yaml");
        let text = fs::read_to_string(&annotation).unwrap();
        let edited = text.replacen("title: A sample", "title: B sample", 1);
        assert_ne!(edited, text);
        assert_eq!(edited.len(), text.len());
        fs::write(&annotation, &edited).unwrap();
        age(&annotation, 1800);
        let after = cache.load(site.path()).unwrap();
        assert!(!Arc::ptr_eq(&again.documents[0], &after.documents[0]));
        assert_eq!(after.documents[0].annotation_source, edited);
    }

    #[test]
    fn a_file_written_just_now_is_read_again_next_time() {
        let site = settled_fixture();
        let annotation = site.path().join("content/documents/sample.yaml");
        let text = fs::read_to_string(&annotation).unwrap();
        fs::write(&annotation, text).unwrap();
        let mut cache = InputCache::default();
        let first = cache.load(site.path()).unwrap();
        let again = cache.load(site.path()).unwrap();
        assert!(!Arc::ptr_eq(&first.documents[0], &again.documents[0]));
    }

    #[test]
    fn a_cached_document_is_still_checked_against_the_recorded_checksums() {
        let site = settled_fixture();
        let mut cache = InputCache::default();
        cache.load(site.path()).unwrap();
        let sums = site.path().join("seeds/SHA256SUMS");
        fs::write(&sums, format!("{}  sample.txt\n", "0".repeat(64))).unwrap();
        let err = cache.load(site.path()).unwrap_err().to_string();
        assert!(err.contains("does not match its checksum"), "{err}");
    }
}
