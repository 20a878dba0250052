//! Loading: read and validate every input of a site folder.

pub mod config;
pub mod entities;
pub(crate) mod files;
pub(crate) mod ids;
pub mod schema;
pub mod topics;
pub(crate) mod yaml;

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use crate::pipeline::load::files::files_under;
use rayon::prelude::*;
use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::error::{Error, Location, Position, Result, line_column};
use crate::pipeline::load::config::SiteConfig;
use crate::pipeline::load::entities::Entity;
use crate::pipeline::load::schema::Annotation;
use crate::pipeline::load::topics::Topic;

/// Everything a build reads, validated.
#[derive(Debug)]
pub struct Inputs {
    pub root: PathBuf,
    pub config: SiteConfig,
    /// `content/topics.yaml`; empty when the site has none.
    pub topics: Vec<Topic>,
    pub topics_path: PathBuf,
    /// `content/entities.yaml`; empty when the site has none.
    pub entities: Vec<Entity>,
    pub entities_path: PathBuf,
    pub documents: Vec<Arc<DocumentInput>>,
    pub pages: Vec<PageInput>,
}

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
}

impl DocumentInput {
    /// The location in the annotation of a string taken from it.
    pub fn locate(&self, needle: &str) -> Location {
        yaml::locate(&self.annotation_path, &self.annotation_source, needle)
    }
}

/// An editorial page: `content/pages/<slug>.md` with YAML front matter.
#[derive(Debug)]
pub struct PageInput {
    pub slug: String,
    pub path: PathBuf,
    pub front: PageFront,
    pub markdown: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageFront {
    pub title: String,
    #[serde(default)]
    pub description: Option<String>,
    /// Position in the site navigation; lower comes first.
    #[serde(default)]
    pub weight: i32,
}

/// Top-level names in the output that editorial pages may not take.
pub const RESERVED_SLUGS: [&str; 8] = [
    "documents",
    "assets",
    "topics",
    "entities",
    "glossary",
    "compare",
    "timeline",
    "search",
];

/// Annotations and seeds read by earlier loads, for `serve` and `build
/// --watch`: a document whose annotation and seed have the size and
/// modification time they had, and whose recorded checksum is the same, is
/// not read, parsed and verified again.
#[derive(Default)]
pub struct InputCache {
    documents: HashMap<PathBuf, Cached>,
}

/// A document's input and what its files were when it was read (`None`
/// when the file system could not say, and the input is read again).
#[derive(Clone)]
struct Cached {
    annotation: Option<Stamp>,
    seed: Option<Stamp>,
    checksum: Option<String>,
    input: Arc<DocumentInput>,
}

#[derive(Clone, Copy, PartialEq)]
struct Stamp {
    modified: SystemTime,
    len: u64,
}

impl Cached {
    /// Whether the files are as they were read: the annotation has the
    /// stamp `annotation`, the seed the stamp it had, and the seed's
    /// recorded checksum is the same.
    fn is_current(&self, annotation: Option<Stamp>, checksums: &Checksums) -> bool {
        annotation.is_some()
            && self.annotation == annotation
            && self.seed.is_some()
            && Stamp::of(&self.input.seed_path) == self.seed
            && self.checksum.as_ref() == checksums.expected(&self.input.annotation.seed)
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

pub fn load(root: &Path) -> Result<Inputs> {
    load_with(root, &mut InputCache::default())
}

/// Loads a site folder, reusing what `cache` holds from earlier loads.
pub fn load_with(root: &Path, cache: &mut InputCache) -> Result<Inputs> {
    let config_path = root.join("content/site.yaml");
    let config: SiteConfig = yaml::parse(&config_path, &read_text(&config_path)?)?;
    let topics_path = root.join("content/topics.yaml");
    let topics: Vec<Topic> =
        load_optional_list(&topics_path, crate::pipeline::load::topics::validate)?;
    let entities_path = root.join("content/entities.yaml");
    let entities: Vec<Entity> =
        load_optional_list(&entities_path, crate::pipeline::load::entities::validate)?;
    let documents = load_documents(root, cache)?;
    let pages = load_pages(root)?;
    Ok(Inputs {
        root: root.to_owned(),
        config,
        topics,
        topics_path,
        entities,
        entities_path,
        documents,
        pages,
    })
}

/// A YAML list file that a site may leave out, checked by `validate`.
fn load_optional_list<T: serde::de::DeserializeOwned>(
    path: &Path,
    validate: fn(&[T], &Path, &str) -> Result<()>,
) -> Result<Vec<T>> {
    if !path.is_file() {
        return Ok(Vec::new());
    }
    let source = read_text(path)?;
    let items: Vec<T> = yaml::parse(path, &source)?;
    validate(&items, path, &source)?;
    Ok(items)
}

/// Reads a file that must be UTF-8; an invalid byte is reported by offset.
pub fn read_text(path: &Path) -> Result<String> {
    let bytes = fs::read(path).map_err(|e| Error::io(path, e))?;
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let (line, column) = line_column(e.as_bytes(), offset);
        Error::input(
            Location {
                file: path.to_owned(),
                position: Position::Byte {
                    offset,
                    line,
                    column,
                },
            },
            "invalid UTF-8: expected UTF-8 text",
        )
    })
}

/// Files with extension `ext` directly in `dir`, sorted by name.
fn files_in(dir: &Path, ext: &str) -> Result<Vec<PathBuf>> {
    let suffix = format!(".{ext}");
    Ok(files_under(dir)?
        .into_iter()
        .filter(|(rel, _)| !rel.contains('/') && rel.ends_with(&suffix))
        .map(|(_, path)| path)
        .collect())
}

fn slug_of(path: &Path) -> Result<String> {
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    let valid = !stem.is_empty()
        && stem
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !stem.starts_with('-');
    if valid {
        Ok(stem.to_owned())
    } else {
        Err(Error::input(
            Location::file(path),
            format!(
                "file name `{stem}` is not a valid slug: expected lower-case letters, digits and hyphens"
            ),
        ))
    }
}

fn load_documents(root: &Path, cache: &mut InputCache) -> Result<Vec<Arc<DocumentInput>>> {
    let dir = root.join("content/documents");
    let checksums = Checksums::read(&root.join("seeds/SHA256SUMS"))?;
    let previous = &cache.documents;
    let loaded_at = SystemTime::now();
    let loaded: Vec<Result<Cached>> = files_in(&dir, "yaml")?
        .par_iter()
        .map(|path| {
            // Stamped before reading, so a write during the read shows next time.
            let annotation = Stamp::of(path);
            if let Some(cached) = previous.get(path)
                && cached.is_current(annotation, &checksums)
            {
                return Ok(cached.clone());
            }
            let (doc, seed) = load_document(root, path)?;
            checksums.verify(&doc)?;
            Ok(Cached {
                annotation: annotation.and_then(|s| s.settled(loaded_at)),
                seed: seed.and_then(|s| s.settled(loaded_at)),
                checksum: checksums.expected(&doc.annotation.seed).cloned(),
                input: Arc::new(doc),
            })
        })
        .collect();
    let mut documents = Vec::with_capacity(loaded.len());
    let mut errors = Vec::new();
    let mut next = HashMap::with_capacity(loaded.len());
    for result in loaded {
        match result {
            Ok(cached) => {
                documents.push(Arc::clone(&cached.input));
                next.insert(cached.input.annotation_path.clone(), cached);
            }
            Err(e) => errors.push(e),
        }
    }
    cache.documents = next;
    Error::collect(errors)?;
    if documents.is_empty() {
        return Err(Error::input(
            Location::file(&dir),
            "no annotations found: expected at least one <slug>.yaml",
        ));
    }
    Ok(documents)
}

/// A document's input, and its seed's stamp from just before it was read.
fn load_document(root: &Path, path: &Path) -> Result<(DocumentInput, Option<Stamp>)> {
    let slug = slug_of(path)?;
    let source = read_text(path)?;
    let annotation: Annotation = yaml::parse(path, &source)?;
    let seed_path = root.join("seeds").join(&annotation.seed);
    let seed_is_plain_name = Path::new(&annotation.seed)
        .file_name()
        .is_some_and(|n| n == annotation.seed.as_str());
    if !seed_is_plain_name || !seed_path.is_file() {
        return Err(Error::input(
            yaml::locate(path, &source, &annotation.seed),
            format!(
                "seed `{}` not found: expected a file of that name in {}",
                annotation.seed,
                root.join("seeds").display()
            ),
        ));
    }
    let stamp = Stamp::of(&seed_path);
    let raw = read_text(&seed_path)?;
    let digest = crate::digest::hash_of(&(&source, &raw));
    let input = DocumentInput {
        slug,
        annotation_path: path.to_owned(),
        annotation_source: source,
        annotation,
        seed_path,
        raw,
        digest,
    };
    Ok((input, stamp))
}

/// `seeds/SHA256SUMS`, in `sha256sum` format. Seeds are the record: one that
/// no longer matches its recorded checksum was edited, and the build stops.
struct Checksums {
    path: PathBuf,
    source: String,
    /// File name → (hex digest, byte offset of the line).
    entries: HashMap<String, (String, usize)>,
}

impl Checksums {
    fn read(path: &Path) -> Result<Self> {
        let source = if path.is_file() {
            read_text(path)?
        } else {
            String::new()
        };
        let mut entries = HashMap::new();
        let mut offset = 0;
        for line in source.split_inclusive('\n') {
            let text = line.trim_end();
            if !text.is_empty() {
                let parsed = text
                    .split_once(' ')
                    .map(|(hash, name)| (hash, name.trim_start().trim_start_matches('*')));
                match parsed {
                    Some((hash, name))
                        if hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit()) =>
                    {
                        entries
                            .entry(name.to_owned())
                            .or_insert((hash.to_ascii_lowercase(), offset));
                    }
                    _ => {
                        return Err(Error::input(
                            Location::of_offset(path, &source, offset),
                            "expected `<64 hex digits>  <file name>`, as sha256sum writes",
                        ));
                    }
                }
            }
            offset += line.len();
        }
        Ok(Checksums {
            path: path.to_owned(),
            source,
            entries,
        })
    }

    /// The checksum recorded for a seed, if any.
    fn expected(&self, seed: &str) -> Option<&String> {
        self.entries.get(seed).map(|(hash, _)| hash)
    }

    fn verify(&self, doc: &DocumentInput) -> Result<()> {
        let Some((expected, offset)) = self.entries.get(&doc.annotation.seed) else {
            return Ok(());
        };
        let actual: String = Sha256::digest(doc.raw.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        if actual == *expected {
            return Ok(());
        }
        Err(Error::input(
            Location::of_offset(&self.path, &self.source, *offset),
            format!(
                "seed `{}` does not match its checksum: expected {expected}, found {actual}; seeds are the record and are never edited (fix the text with a cleaning rule)",
                doc.annotation.seed
            ),
        ))
    }
}

fn load_pages(root: &Path) -> Result<Vec<PageInput>> {
    let mut pages = Vec::new();
    for path in files_in(&root.join("content/pages"), "md")? {
        let slug = slug_of(&path)?;
        if RESERVED_SLUGS.contains(&slug.as_str()) || slug == "index" || slug == "404" {
            return Err(Error::input(
                Location::file(&path),
                format!("the page name `{slug}` is reserved by the site"),
            ));
        }
        let text = read_text(&path)?;
        let (front, markdown) = split_front_matter(&path, &text)?;
        pages.push(PageInput {
            slug,
            path,
            front,
            markdown,
        });
    }
    pages.sort_by(|a, b| (a.front.weight, &a.slug).cmp(&(b.front.weight, &b.slug)));
    Ok(pages)
}

fn split_front_matter(path: &Path, text: &str) -> Result<(PageFront, String)> {
    let missing = || {
        Error::input(
            Location::at(path, 1, 1),
            "expected front matter: a `---` line, YAML, and `---`",
        )
    };
    let rest = text.strip_prefix("---\n").ok_or_else(missing)?;
    let end = rest
        .find("\n---\n")
        .or_else(|| rest.strip_suffix("\n---").map(str::len))
        .ok_or_else(missing)?;
    // A leading newline keeps the YAML's line numbers equal to the file's.
    let front: PageFront = yaml::parse(path, &format!("\n{}", &rest[..end]))?;
    let body = rest[end..]
        .trim_start_matches('\n')
        .strip_prefix("---")
        .unwrap_or_default();
    Ok((front, body.trim_start_matches('\n').to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_errors_point_at_the_file_line() {
        let err = split_front_matter(Path::new("p.md"), "---\ntitle: A\ncolour: red\n---\nBody\n")
            .unwrap_err();
        assert!(
            err.to_string()
                .starts_with("p.md:3:1: unknown field `colour`"),
            "{err}"
        );
    }

    #[test]
    fn front_matter_and_body_are_split() {
        let (front, body) = split_front_matter(
            Path::new("p.md"),
            "---\ntitle: About\nweight: 2\n---\n\n# Hi\n",
        )
        .unwrap();
        assert_eq!(front.title, "About");
        assert_eq!(front.weight, 2);
        assert_eq!(body, "# Hi\n");
    }

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
        let first = load_with(site.path(), &mut cache).unwrap();
        let again = load_with(site.path(), &mut cache).unwrap();
        assert!(Arc::ptr_eq(&first.documents[0], &again.documents[0]));

        // The same size, a different text, an older stamp than before.
        let annotation = site.path().join("content/documents/sample.yaml");
        let text = fs::read_to_string(&annotation).unwrap();
        let edited = text.replacen("title: A sample", "title: B sample", 1);
        assert_ne!(edited, text);
        assert_eq!(edited.len(), text.len());
        fs::write(&annotation, &edited).unwrap();
        age(&annotation, 1800);
        let after = load_with(site.path(), &mut cache).unwrap();
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
        let first = load_with(site.path(), &mut cache).unwrap();
        let again = load_with(site.path(), &mut cache).unwrap();
        assert!(!Arc::ptr_eq(&first.documents[0], &again.documents[0]));
    }

    #[test]
    fn invalid_utf8_is_reported_by_byte_offset() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.txt");
        fs::write(&path, b"ok line\nab\xffcd").unwrap();
        let err = read_text(&path).unwrap_err().to_string();
        assert!(
            err.ends_with("bad.txt:2:3 (byte offset 10): invalid UTF-8: expected UTF-8 text"),
            "{err}"
        );
    }
}
