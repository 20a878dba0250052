//! Annotations and seeds read by earlier loads, for `serve` and `build
//! --watch`: a document whose annotation and seed hold the bytes they held
//! is not parsed again. The files are read and hashed every time rather
//! than trusted by size and modification time: `cp -p`, `rsync -t` and
//! `git checkout` of an older state can bring back an old stamp on new
//! text. The cache is a [`DocumentSource`] the load stage reads documents
//! from; the load stage still checks every document against the seeds'
//! recorded checksums.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::digest::hash_of;
use crate::error::Result;
use crate::pipeline::load::{self, DocumentInput, DocumentSource, Inputs};

/// The parsed inputs of each document, kept between builds and given back
/// while the annotation's and the seed's files are unchanged.
#[derive(Default)]
pub struct InputCache {
    documents: HashMap<PathBuf, Cached>,
}

/// A document's input and what its files held when it was read (`None`
/// when a file could not be read, and the input is read again).
#[derive(Clone)]
struct Cached {
    annotation: Option<Stamp>,
    seed: Option<Stamp>,
    input: Arc<DocumentInput>,
}

/// A file's length and a hash of its bytes.
#[derive(Clone, Copy, PartialEq)]
struct Stamp {
    len: usize,
    hash: u64,
}

impl InputCache {
    /// Loads a site folder, reusing the documents read by earlier loads
    /// whose files are unchanged. The cache then holds the documents this
    /// load read; documents that are gone are forgotten.
    pub fn load(&mut self, root: &Path) -> Result<Inputs> {
        let source = Remembering {
            previous: &self.documents,
            read: Mutex::new(HashMap::new()),
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
}

impl DocumentSource for Remembering<'_> {
    fn document(&self, root: &Path, annotation: &Path) -> Result<Arc<DocumentInput>> {
        // Read only to compare with what an earlier load kept; a document
        // seen for the first time (every one, in a plain build) is read once.
        let previous = self
            .previous
            .get(annotation)
            .filter(|cached| cached.is_current(Stamp::of_annotation(annotation)));
        let cached = match previous {
            Some(cached) => cached.clone(),
            None => {
                let input = Arc::new(load::documents::read(root, annotation)?);
                // Stamped from the texts parsed, so the stamp and the input
                // always agree, however the files change meanwhile.
                Cached {
                    annotation: Some(Stamp::of_bytes(input.annotation_source.as_bytes())),
                    seed: Some(Stamp::of_bytes(input.raw.as_bytes())),
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
    /// The stamp of a seed: its bytes, as the loader keeps them.
    fn of(path: &Path) -> Option<Stamp> {
        fs::read(path).ok().map(|bytes| Stamp::of_bytes(&bytes))
    }

    /// The stamp of an annotation as the loader reads it: without the
    /// byte-order mark it may start with.
    fn of_annotation(path: &Path) -> Option<Stamp> {
        let bytes = fs::read(path).ok()?;
        let text = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(&bytes);
        Some(Stamp::of_bytes(text))
    }

    fn of_bytes(bytes: &[u8]) -> Stamp {
        Stamp {
            len: bytes.len(),
            hash: hash_of(&bytes),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::load::files::files_under;

    use std::time::{Duration, SystemTime};

    /// A copy of the minimal fixture whose files were written an hour ago,
    /// long enough that a cache trusting stamps would trust them.
    fn fixture() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/minimal");
        for (rel, path) in files_under(&from).unwrap() {
            let target = dir.path().join(rel);
            fs::create_dir_all(target.parent().unwrap()).unwrap();
            fs::copy(path, &target).unwrap();
            let file = fs::File::options().write(true).open(&target).unwrap();
            file.set_modified(SystemTime::now() - Duration::from_secs(3600))
                .unwrap();
        }
        dir
    }

    /// Writes `text` and gives the file back the modification time it had,
    /// as `cp -p` or `rsync -t` would.
    fn write_keeping_the_stamp(path: &Path, text: &str) {
        let modified = fs::metadata(path).unwrap().modified().unwrap();
        fs::write(path, text).unwrap();
        let file = fs::File::options().write(true).open(path).unwrap();
        file.set_modified(modified).unwrap();
        assert_eq!(fs::metadata(path).unwrap().modified().unwrap(), modified);
    }

    #[test]
    fn unchanged_documents_are_not_parsed_again() {
        let site = fixture();
        let mut cache = InputCache::default();
        let first = cache.load(site.path()).unwrap();
        let again = cache.load(site.path()).unwrap();
        assert!(Arc::ptr_eq(&first.documents[0], &again.documents[0]));
        // Touched, but the same bytes: still the same document.
        let annotation = site.path().join("content/documents/sample.yaml");
        let file = fs::File::options().write(true).open(&annotation).unwrap();
        file.set_modified(SystemTime::now()).unwrap();
        let touched = cache.load(site.path()).unwrap();
        assert!(Arc::ptr_eq(&first.documents[0], &touched.documents[0]));
    }

    #[test]
    fn an_annotation_with_a_byte_order_mark_is_not_parsed_again() {
        let site = fixture();
        let annotation = site.path().join("content/documents/sample.yaml");
        let text = fs::read_to_string(&annotation).unwrap();
        fs::write(&annotation, format!("\u{feff}{text}")).unwrap();
        let mut cache = InputCache::default();
        let first = cache.load(site.path()).unwrap();
        let again = cache.load(site.path()).unwrap();
        assert!(Arc::ptr_eq(&first.documents[0], &again.documents[0]));
    }

    #[test]
    fn a_same_size_edit_with_the_old_stamp_restored_is_read_again() {
        let site = fixture();
        let mut cache = InputCache::default();
        let before = cache.load(site.path()).unwrap();

        let annotation = site.path().join("content/documents/sample.yaml");
        let text = fs::read_to_string(&annotation).unwrap();
        let edited = text.replacen("title: A sample", "title: B sample", 1);
        assert_ne!(edited, text);
        assert_eq!(edited.len(), text.len());
        write_keeping_the_stamp(&annotation, &edited);
        let after = cache.load(site.path()).unwrap();
        assert_eq!(after.documents[0].annotation_source, edited);

        let seed = site.path().join("seeds/sample.txt");
        let raw = fs::read_to_string(&seed).unwrap();
        let changed = raw.replacen('a', "b", 1);
        assert_eq!(changed.len(), raw.len());
        write_keeping_the_stamp(&seed, &changed);
        use sha2::{Digest, Sha256};
        let sum = format!("{:x}  sample.txt\n", Sha256::digest(changed.as_bytes()));
        fs::write(site.path().join("seeds/SHA256SUMS"), sum).unwrap();
        let reread = cache.load(site.path()).unwrap();
        assert_eq!(reread.documents[0].raw, changed);
        assert!(!Arc::ptr_eq(&before.documents[0], &reread.documents[0]));
    }

    #[test]
    fn a_cached_document_is_still_checked_against_the_recorded_checksums() {
        let site = fixture();
        let mut cache = InputCache::default();
        cache.load(site.path()).unwrap();
        let sums = site.path().join("seeds/SHA256SUMS");
        fs::write(&sums, format!("{}  sample.txt\n", "0".repeat(64))).unwrap();
        let err = cache.load(site.path()).unwrap_err().to_string();
        assert!(err.contains("does not match its checksum"), "{err}");
    }
}
