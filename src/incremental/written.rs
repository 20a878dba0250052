//! What the last build wrote, and writing only what changed since: each
//! output file has a fingerprint of its inputs (the kind of page and the
//! keys of the documents it reads, or a non-page file's bytes), and a
//! rebuild renders and writes only the files whose fingerprint changed.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use indicatif::ProgressBar;
use rayon::prelude::*;

use crate::build::site::{Site, spec_kind};
use crate::build::timings::Stopwatch;
use crate::digest::hash_of;
use crate::error::Result;
use crate::pipeline::model::{PageSpec, Reads};
use crate::pipeline::write;

/// The output of the last build: its folder, the key of everything that
/// every page depends on (site settings, theme, topic and entity lists),
/// and a fingerprint of each file's inputs, by output path.
pub struct Written {
    pub out: PathBuf,
    pub shared: u64,
    pub files: HashMap<String, u64>,
}

/// Renders and writes only the files whose inputs changed since
/// `previous`, and deletes the files that are gone. Everything is
/// rendered before anything is written, so a failure changes nothing.
pub(crate) fn update(
    site: &Site<'_>,
    keys: &[u64],
    out: &Path,
    previous: Written,
    clock: &mut Stopwatch,
) -> Result<Written> {
    let written = fingerprints(site, keys, out);
    clock.lap("fingerprint");
    let stale = |path: &str| previous.files.get(path) != written.files.get(path);
    let specs: Vec<PageSpec> = site
        .specs
        .iter()
        .zip(&site.paths)
        .filter(|(_, path)| stale(path))
        .map(|(spec, _)| *spec)
        .collect();
    let changed = Mutex::new(Vec::new());
    site.render(&specs, &ProgressBar::hidden(), &|file| {
        changed.lock().expect("no panics while held").push(file);
        Ok(())
    })?;
    let mut changed = changed.into_inner().expect("no panics while held");
    clock.lap("render changed");
    changed.extend(site.extra.iter().filter(|f| stale(&f.path)).cloned());
    let removed: Vec<String> = previous
        .files
        .keys()
        .filter(|path| !written.files.contains_key(*path))
        .cloned()
        .collect();
    write::update_in_place(out, &changed, &removed)?;
    clock.lap("write changed");
    Ok(written)
}

/// The fingerprint of every output file's inputs: a page's from the
/// documents it reads, another file's from its bytes.
pub(crate) fn fingerprints(site: &Site<'_>, keys: &[u64], out: &Path) -> Written {
    let all = hash_of(&(keys, site.model.order()));
    let mut files: HashMap<String, u64> = site
        .specs
        .par_iter()
        .zip(&site.paths)
        .map(|(&spec, path)| {
            let reads = match site.model.reads(spec) {
                Reads::All => all,
                Reads::Documents {
                    documents,
                    placement,
                } => {
                    let keys: Vec<u64> = documents.iter().map(|&d| keys[d]).collect();
                    hash_of(&(keys, placement))
                }
            };
            (path.clone(), hash_of(&(spec_kind(spec), reads)))
        })
        .collect();
    files.par_extend(
        site.extra
            .par_iter()
            .map(|f| (f.path.clone(), hash_of(&f.bytes))),
    );
    Written {
        out: out.to_owned(),
        shared: site.shared,
        files,
    }
}
