//! Watching a site folder: `seeds/`, `content/` and `themes/`, recursively,
//! through a debouncer, so an editor's atomic save (write a temporary file,
//! rename it over the old one) and a burst of saves each come out as one
//! change. New and deleted files are changes too, and so is a watched folder
//! that appears after the start (a site begun without `themes/`, say): the
//! site folder itself is watched, not recursively, to see it come.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

use notify_debouncer_full::notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use crate::error::{Error, Result};

/// The folders of a site that a rebuild depends on.
pub(crate) const WATCHED: [&str; 3] = ["seeds", "content", "themes"];

/// How long the folders must be quiet before a change is reported: long
/// enough to merge a burst of saves into one, short enough not to be felt.
pub const QUIET: Duration = Duration::from_millis(150);

/// How often the debouncer looks for changes that have gone quiet.
const TICK: Duration = Duration::from_millis(25);

/// How long to wait for more changes once some have come out of the
/// debouncer: a burst that straddles one of its ticks comes out in two parts.
const MERGE: Duration = Duration::from_millis(30);

pub(crate) struct Watcher {
    root: PathBuf,
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    /// Which of [`WATCHED`] are watched (they exist, or did).
    watching: [bool; WATCHED.len()],
    events: Receiver<DebounceEventResult>,
}

impl Watcher {
    pub fn new(root: &Path) -> Result<Watcher> {
        let (tx, events) = channel();
        let mut debouncer =
            new_debouncer(QUIET, Some(TICK), tx).map_err(|e| cannot_watch(root, e))?;
        debouncer
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(|e| cannot_watch(root, e))?;
        let mut watcher = Watcher {
            // Events name absolute paths: a relative root would match none
            // of them, and every change would count as an input's.
            root: std::fs::canonicalize(root).unwrap_or_else(|_| root.to_owned()),
            debouncer,
            watching: [false; WATCHED.len()],
            events,
        };
        watcher.watch_new_folders()?;
        Ok(watcher)
    }

    /// Watches those of [`WATCHED`] that exist and are not watched yet;
    /// returns whether there were any.
    fn watch_new_folders(&mut self) -> Result<bool> {
        let mut added = false;
        for (i, folder) in WATCHED.iter().enumerate() {
            let path = self.root.join(folder);
            if !self.watching[i] && path.is_dir() {
                self.debouncer
                    .watch(&path, RecursiveMode::Recursive)
                    .map_err(|e| cannot_watch(&path, e))?;
                self.watching[i] = true;
                added = true;
            }
        }
        Ok(added)
    }

    /// Whether a change at `path` matters: anything inside the watched
    /// folders, but at the top of the site folder only the folders
    /// themselves (not the output folder being written, for one).
    fn is_input(&self, path: &Path) -> bool {
        match path.strip_prefix(&self.root) {
            // The build writes the anchor lock: a change to it is the
            // build's own doing, not the editor's.
            Ok(rel) if crate::build::anchor_lock::is_lock_file(rel) => false,
            Ok(rel) => rel
                .components()
                .next()
                .is_none_or(|first| WATCHED.iter().any(|w| first.as_os_str() == *w)),
            Err(_) => true,
        }
    }

    /// Waits up to `timeout` for a change; returns the paths that changed
    /// (relative to the site folder), with any further events that arrive
    /// right after merged in. When the watcher lost track (its queue
    /// overflowed, or it failed), the site folder itself is the change.
    pub(crate) fn next_change(&mut self, timeout: Duration) -> Option<Vec<PathBuf>> {
        // Events with nothing but reads are dropped below, so they end the wait empty-handed.
        let first = match self.events.recv_timeout(timeout) {
            Ok(result) => result,
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return None,
        };
        let mut paths = Vec::new();
        let mut collect = |result: DebounceEventResult| match result {
            Ok(events) => {
                for event in events {
                    if event.need_rescan() {
                        paths.push(self.root.clone());
                    }
                    // Reading the inputs (as every build does) is not a change.
                    if !matches!(event.kind, EventKind::Access(_)) {
                        paths.extend(event.event.paths);
                    }
                }
            }
            Err(_) => paths.push(self.root.clone()),
        };
        collect(first);
        while let Ok(more) = self.events.recv_timeout(MERGE) {
            collect(more);
        }
        paths.sort();
        paths.dedup();
        paths.retain(|p| !is_editor_scratch(p) && self.is_input(p));
        // A folder that has just appeared may hold files made before it was
        // watched: the folder itself is the change, and a build reads it all.
        // One that cannot be watched is tried again at the next change; it
        // must not count as one, or every build would set off the next.
        if let Ok(true) = self.watch_new_folders() {
            paths.push(self.root.clone());
        }
        let relative = paths
            .into_iter()
            .map(|p| match p.strip_prefix(&self.root) {
                Ok(rel) if !rel.as_os_str().is_empty() => rel.to_owned(),
                _ => p,
            })
            .collect::<Vec<_>>();
        (!relative.is_empty()).then_some(relative)
    }
}

fn cannot_watch(path: &Path, error: impl std::fmt::Display) -> Error {
    Error::Watch {
        path: path.to_owned(),
        message: error.to_string(),
    }
}

/// Editors' swap, backup and temporary files, which are not inputs: a save
/// through one of them shows up as a change to the real file as well.
fn is_editor_scratch(path: &Path) -> bool {
    let Some(name) = path.file_name() else {
        return false;
    };
    let name = name.to_string_lossy();
    name.starts_with(".#")
        || (name.starts_with('#') && name.ends_with('#'))
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".kate-swp")
        || name.ends_with("___jb_tmp___")
        || name.ends_with("___jb_old___")
        || name == "4913"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_scratch_files_are_not_inputs() {
        for scratch in [
            "content/.#a.yaml",
            "content/#a.yaml#",
            "content/a.yaml~",
            "content/.a.yaml.swp",
            "content/4913",
            "content/a.yaml___jb_tmp___",
        ] {
            assert!(is_editor_scratch(Path::new(scratch)), "{scratch}");
        }
        for input in [
            "content/a.yaml",
            "seeds/000_x.txt",
            "themes/default/page.html",
        ] {
            assert!(!is_editor_scratch(Path::new(input)), "{input}");
        }
    }
}
