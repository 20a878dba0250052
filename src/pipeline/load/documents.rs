//! Documents: each annotation (`content/documents/<slug>.yaml`) with the
//! seed it names (`seeds/<file>`), checked against `seeds/SHA256SUMS`.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;

use crate::error::{Error, Location, Result};
use crate::pipeline::load::checksums::Checksums;
use crate::pipeline::load::files::{files_in, read_text, read_yaml, slug_of};
use crate::pipeline::load::schema::Annotation;
use crate::pipeline::load::yaml;

/// A document's inputs: its annotation, parsed, and its raw seed.
#[derive(Debug)]
pub struct DocumentInput {
    pub slug: String,
    pub annotation_path: PathBuf,
    /// The annotation's YAML text, kept to point errors found later at a line.
    pub annotation_source: String,
    pub annotation: Annotation,
    pub seed_path: PathBuf,
    pub raw: String,
    /// A hash of the annotation's text and the seed's.
    pub digest: u64,
    /// The seed's SHA-256 in hex, worked out when first asked for.
    seed_sha256: OnceLock<String>,
}

impl DocumentInput {
    /// The location in the annotation of a string taken from it.
    pub(crate) fn locate(&self, needle: &str) -> Location {
        yaml::locate(&self.annotation_path, &self.annotation_source, needle)
    }

    /// Where `needle` first occurs under the annotation's key `section`.
    pub(crate) fn locate_under(&self, section: &str, needle: &str) -> Location {
        yaml::locate_under(
            &self.annotation_path,
            &self.annotation_source,
            section,
            needle,
        )
    }

    /// The SHA-256 of the seed's text, in lower-case hex as `sha256sum` writes it.
    pub(crate) fn seed_sha256(&self) -> &str {
        self.seed_sha256
            .get_or_init(|| super::checksums::sha256_hex(self.raw.as_bytes()))
    }
}

/// Where the load stage gets a document's inputs from. [`ReadEach`] reads
/// and parses them every time; another source may give back what it read
/// before, when the files are unchanged.
pub(crate) trait DocumentSource: Sync {
    /// The inputs of the document whose annotation is at `annotation`, in
    /// the site folder `root`.
    fn document(&self, root: &Path, annotation: &Path) -> Result<Arc<DocumentInput>>;
}

/// Reads every document's files afresh.
pub(crate) struct ReadEach;

impl DocumentSource for ReadEach {
    fn document(&self, root: &Path, annotation: &Path) -> Result<Arc<DocumentInput>> {
        read(root, annotation).map(Arc::new)
    }
}

/// Every document of the site at `root`, from `source`, each checked against
/// the seeds' recorded checksums. All failures are reported together.
pub(crate) fn load_documents(
    root: &Path,
    source: &dyn DocumentSource,
) -> Result<Vec<Arc<DocumentInput>>> {
    let dir = root.join("content/documents");
    let checksums = Checksums::read(&root.join("seeds/SHA256SUMS"))?;
    let loaded: Vec<Result<Arc<DocumentInput>>> = files_in(&dir, "yaml")?
        .par_iter()
        .map(|path| {
            let doc = source.document(root, path)?;
            checksums.verify(&doc)?;
            Ok(doc)
        })
        .collect();
    let mut documents = Vec::with_capacity(loaded.len());
    let mut errors = Vec::new();
    for result in loaded {
        match result {
            Ok(doc) => documents.push(doc),
            Err(e) => errors.push(e),
        }
    }
    Error::collect(errors)?;
    if documents.is_empty() {
        return Err(Error::input(
            Location::file(&dir),
            "no annotations found: expected at least one <slug>.yaml",
        ));
    }
    Ok(documents)
}

/// Reads and parses the annotation at `path` and the seed it names.
pub fn read(root: &Path, path: &Path) -> Result<DocumentInput> {
    let slug = slug_of(path)?;
    let source = read_yaml(path)?;
    let annotation: Annotation = yaml::parse(path, &source)?;
    let seeds = root.join("seeds");
    let seed_path = seeds.join(&annotation.seed);
    let seed_is_plain_name = Path::new(&annotation.seed)
        .file_name()
        .is_some_and(|n| n == annotation.seed.as_str());
    let seed_refused = |problem: &str| {
        Error::input(
            yaml::locate(path, &source, &annotation.seed),
            format!("seed `{}` {problem}", annotation.seed),
        )
        .with_snippet(&source)
    };
    if !seed_is_plain_name || !seed_path.is_file() {
        return Err(seed_refused(&format!(
            "not found: expected a file of that name in {}",
            seeds.display()
        )));
    }
    if fs::symlink_metadata(&seed_path).is_ok_and(|m| m.file_type().is_symlink()) {
        // A link can point anywhere on the machine (`/etc/passwd`), and
        // what it points at can change under the record.
        return Err(seed_refused(&format!(
            "is a symbolic link: a seed must be the file itself, in {} (copy it in)",
            seeds.display()
        )));
    }
    super::citations::check_cited_files(root, path, &source, &annotation.sources)?;
    let raw = read_text(&seed_path)?;
    let digest = crate::digest::hash_of(&(&source, &raw));
    Ok(DocumentInput {
        slug,
        annotation_path: path.to_owned(),
        annotation_source: source,
        annotation,
        seed_path,
        raw,
        digest,
        seed_sha256: OnceLock::new(),
    })
}
