//! Loading: read and validate every input of a site folder.
//!
//! The documents come from a [`DocumentSource`]: [`load`] reads each one,
//! and a caller that keeps documents between builds passes its own source
//! to [`load_with`] (see `incremental::inputs`).

pub(crate) mod checksums;
pub(crate) mod citations;
pub mod config;
pub mod documents;
pub mod entities;
pub(crate) mod files;
pub(crate) mod ids;
pub mod pages;
mod patterns;
pub mod schema;
pub mod topics;
pub(crate) mod yaml;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::error::Result;
use crate::pipeline::load::config::SiteConfig;
use crate::pipeline::load::entities::Entity;
use crate::pipeline::load::files::read_yaml;
use crate::pipeline::load::topics::Topic;

pub use crate::pipeline::load::documents::DocumentInput;
pub(crate) use crate::pipeline::load::documents::{DocumentSource, ReadEach};
pub(crate) use crate::pipeline::load::files::read_text;
pub use crate::pipeline::load::pages::{PageFront, PageInput};

/// Everything a build reads, validated.
#[derive(Debug)]
pub struct Inputs {
    pub root: PathBuf,
    pub config: SiteConfig,
    /// `content/topics.yaml`; empty when the site has none.
    pub topics: Vec<Topic>,
    pub topics_path: PathBuf,
    /// The text of `content/topics.yaml` (empty when there is none), which
    /// the keys of incremental rebuilds are made from.
    pub topics_source: String,
    /// `content/entities.yaml`; empty when the site has none.
    pub entities: Vec<Entity>,
    pub entities_path: PathBuf,
    /// The text of `content/entities.yaml`, as `topics_source`.
    pub entities_source: String,
    pub documents: Vec<Arc<DocumentInput>>,
    pub pages: Vec<PageInput>,
}

/// Loads a site folder, reading every file.
pub fn load(root: &Path) -> Result<Inputs> {
    load_with(root, &ReadEach)
}

/// Loads a site folder, taking each document's inputs from `source`.
pub(crate) fn load_with(root: &Path, source: &dyn DocumentSource) -> Result<Inputs> {
    let config_path = root.join("content/site.yaml");
    let config: SiteConfig = yaml::parse(&config_path, &read_yaml(&config_path)?)?;
    let topics_path = root.join("content/topics.yaml");
    let (topics, topics_source) = load_optional_list(&topics_path, topics::validate)?;
    let entities_path = root.join("content/entities.yaml");
    let (entities, entities_source) = load_optional_list(&entities_path, entities::validate)?;
    let documents = documents::load_documents(root, source)?;
    patterns::share_patterns(&documents)?;
    let pages = pages::load_pages(root)?;
    Ok(Inputs {
        root: root.to_owned(),
        config,
        topics,
        topics_path,
        topics_source,
        entities,
        entities_path,
        entities_source,
        documents,
        pages,
    })
}

/// A YAML list file that a site may leave out, checked by `validate`, and
/// its text.
fn load_optional_list<T: serde::de::DeserializeOwned>(
    path: &Path,
    validate: fn(&[T], &Path, &str) -> Result<()>,
) -> Result<(Vec<T>, String)> {
    if !path.is_file() {
        return Ok((Vec::new(), String::new()));
    }
    let source = read_yaml(path)?;
    let items: Vec<T> = yaml::parse(path, &source)?;
    validate(&items, path, &source)?;
    Ok((items, source))
}
