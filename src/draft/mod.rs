//! `accord new SEED`: puts a raw scrape in `seeds/` and writes a draft
//! annotation for it, with the cleaning rules the lint's findings call for
//! and the metadata the page gives, each guess commented.
//!
//! - [`page`]: the seed read line by line, and where its article is;
//! - [`propose`]: the cleaning rules;
//! - [`guess`]: metadata read off the page;
//! - [`annotation`]: the YAML, comments and all;
//! - [`place`]: the seed, its checksum and the draft written into the site.

mod annotation;
mod guess;
mod line;
mod page;
mod place;
mod propose;

use std::path::{Path, PathBuf};

pub use annotation::DraftText;

use crate::error::{Error, Location, Result};
use crate::pipeline::clean::lint::PLACEHOLDER;
use crate::pipeline::clean::{Cleaned, clean};
use crate::pipeline::load::read_text;
use crate::pipeline::load::schema::{Annotation, LanguageTag, Rule};

/// What `accord new` was asked to do.
pub struct NewOptions {
    /// The site folder.
    pub root: PathBuf,
    /// The raw seed, in `seeds/` already or anywhere else.
    pub seed: PathBuf,
    /// The document's slug; derived from the date and title when absent.
    pub slug: Option<String>,
}

/// What `accord new` wrote.
pub struct Drafted {
    /// The draft annotation, `content/documents/<slug>.yaml`.
    pub annotation: PathBuf,
    /// The seed's file name under `seeds/`.
    pub seed: String,
    /// The seed was copied into `seeds/`.
    pub seed_copied: bool,
    /// A line was added to `seeds/SHA256SUMS`.
    pub checksum_added: bool,
    pub draft: DraftText,
}

/// Places the seed, drafts its annotation and writes it. Every check is
/// made before anything is written, so a refusal leaves the site as it was.
pub fn new_document(options: &NewOptions) -> Result<Drafted> {
    let raw = read_text(&options.seed)?;
    let place = place::place_seed(&options.root, &options.seed, raw.as_bytes())?;
    let documents = options.root.join("content").join("documents");
    if let Some(other) = annotation_of_seed(&documents, &place.name)? {
        return Err(Error::input(
            Location::file(&other),
            format!(
                "seed `{}` already has this annotation; edit it instead",
                place.name
            ),
        ));
    }
    let (draft, _) = draft_annotation(&place.name, &raw);
    let annotation = match &options.slug {
        Some(slug) => {
            let path = documents.join(format!("{}.yaml", valid_slug(slug)?));
            if path.exists() {
                return Err(Error::input(
                    Location::file(&path),
                    "the file exists and `accord new` never overwrites one: choose another --slug",
                ));
            }
            path
        }
        None => free_path(&documents, &derived_slug(&draft, &place.name)),
    };
    place::install_seed(&options.root, &place)?;
    place::write_new(&annotation, &draft.yaml)?;
    Ok(Drafted {
        annotation,
        seed: place.name,
        seed_copied: place.copy_from.is_some(),
        checksum_added: place.checksum_line.is_some(),
        draft,
    })
}

/// Drafts the annotation of the seed `seed_name` whose text is `raw`, and
/// cleans the seed with it as it stands (placeholder replacements aside):
/// the text a build of the unedited draft gives.
pub fn draft_annotation(seed_name: &str, raw: &str) -> (DraftText, Cleaned) {
    let page = page::Page::read(raw);
    let mut proposal = propose::propose(&page);
    loop {
        let draft = annotation::compose(seed_name, &page, &proposal);
        match apply(&draft.yaml, raw) {
            Ok(cleaned) => return (draft, cleaned),
            // A rule the seed refuses is left out rather than written: the
            // editor gets a draft that builds, and the lint's warning stays.
            Err(Some(index)) if index < proposal.rules.len() => {
                proposal.rules.remove(index);
            }
            Err(_) => {
                proposal.rules.clear();
                let draft = annotation::compose(seed_name, &page, &proposal);
                let cleaned = page.cleaned;
                return (draft, cleaned);
            }
        }
    }
}

/// Loads the draft as a build would and cleans the seed with it; on
/// failure, the index of the rule that failed, if one did.
fn apply(yaml: &str, raw: &str) -> std::result::Result<Cleaned, Option<usize>> {
    let annotation: Annotation =
        crate::pipeline::load::yaml::parse(Path::new("draft.yaml"), yaml).map_err(|_| None)?;
    let chinese = annotation
        .metadata
        .languages
        .iter()
        .any(LanguageTag::is_chinese);
    let (indices, rules): (Vec<usize>, Vec<Rule>) = annotation
        .cleaning
        .into_iter()
        .enumerate()
        .filter(|(_, rule)| !matches!(rule, Rule::Replace(r) if r.with.starts_with(PLACEHOLDER)))
        .unzip();
    clean(raw, &rules, annotation.filters, chinese).map_err(|e| indices.get(e.index).copied())
}

/// The annotation in `documents` that names `seed`, if one does.
fn annotation_of_seed(documents: &Path, seed: &str) -> Result<Option<PathBuf>> {
    if !documents.is_dir() {
        return Ok(None);
    }
    for path in crate::pipeline::load::files::files_in(documents, "yaml")? {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let names_it = text.lines().any(|line| {
            line.strip_prefix("seed:")
                .map(|v| v.trim().trim_matches(['"', '\'']))
                == Some(seed)
        });
        if names_it {
            return Ok(Some(path));
        }
    }
    Ok(None)
}

fn valid_slug(slug: &str) -> Result<&str> {
    let valid = !slug.is_empty()
        && !slug.starts_with('-')
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if valid {
        Ok(slug)
    } else {
        Err(Error::input(
            Location::file("--slug"),
            "expected a slug of lower-case letters, digits and hyphens, e.g. 2019-china-asean-scam-crackdown",
        ))
    }
}

/// `<year>-<first words of the title>`, or the seed's name when the title
/// has no Latin words.
fn derived_slug(draft: &DraftText, seed_name: &str) -> String {
    let words = |text: &str| -> Vec<String> {
        text.split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_ascii_lowercase)
            .collect()
    };
    let mut title: Vec<String> = words(&draft.title);
    if title.is_empty() || draft.title == "unknown" {
        let stem = Path::new(seed_name)
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("");
        title = words(stem);
    }
    title.truncate(7);
    let mut parts: Vec<String> = draft.year.map(|y| y.to_string()).into_iter().collect();
    parts.extend(title);
    if parts.is_empty() {
        parts.push("document".into());
    }
    parts.join("-")
}

/// `documents/<slug>.yaml`, or with `-2`, `-3`, … when that is taken.
fn free_path(documents: &Path, slug: &str) -> PathBuf {
    let mut n = 1;
    loop {
        let name = if n == 1 {
            format!("{slug}.yaml")
        } else {
            format!("{slug}-{n}.yaml")
        };
        let path = documents.join(name);
        if !path.exists() {
            return path;
        }
        n += 1;
    }
}
