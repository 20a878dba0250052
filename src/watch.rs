//! Watching a site folder: `seeds/`, `content/` and `themes/`, recursively,
//! through a debouncer, so an editor's atomic save (write a temporary file,
//! rename it over the old one) and a burst of saves each come out as one
//! change. New and deleted files are changes too.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

use notify_debouncer_full::notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use crate::error::{Error, Location, Result};

/// The folders of a site that a rebuild depends on.
pub const WATCHED: [&str; 3] = ["seeds", "content", "themes"];

pub struct Watcher {
    _debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    events: Receiver<DebounceEventResult>,
}

impl Watcher {
    pub fn new(root: &Path) -> Result<Watcher> {
        let (tx, events) = channel();
        let mut debouncer = new_debouncer(Duration::from_millis(150), None, tx).map_err(|e| {
            Error::input(
                Location::file(root),
                format!("cannot watch for changes: {e}"),
            )
        })?;
        for folder in WATCHED {
            let path = root.join(folder);
            if path.is_dir() {
                debouncer
                    .watch(&path, RecursiveMode::Recursive)
                    .map_err(|e| {
                        Error::input(
                            Location::file(&path),
                            format!("cannot watch for changes: {e}"),
                        )
                    })?;
            }
        }
        Ok(Watcher {
            _debouncer: debouncer,
            events,
        })
    }

    /// Waits up to `timeout` for a change; returns the paths that changed,
    /// with any further events that arrive right after merged in.
    pub fn next_change(&self, timeout: Duration) -> Option<Vec<PathBuf>> {
        // Events with nothing but reads are dropped below, so they end the wait empty-handed.
        let first = match self.events.recv_timeout(timeout) {
            Ok(result) => result,
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => return None,
        };
        let mut paths = Vec::new();
        let mut collect = |result: DebounceEventResult| {
            if let Ok(events) = result {
                // Reading the inputs (as every build does) is not a change.
                let changes = events
                    .into_iter()
                    .filter(|e| !matches!(e.event.kind, EventKind::Access(_)));
                paths.extend(changes.flat_map(|e| e.event.paths.clone()));
            }
        };
        collect(first);
        while let Ok(more) = self.events.recv_timeout(Duration::from_millis(50)) {
            collect(more);
        }
        paths.sort();
        paths.dedup();
        // Editors' swap and backup files are not inputs.
        paths.retain(|p| {
            !p.file_name().is_some_and(|n| {
                let n = n.to_string_lossy();
                n.starts_with(".#")
                    || n.ends_with('~')
                    || n.ends_with(".swp")
                    || n.ends_with(".swx")
            })
        });
        (!paths.is_empty()).then_some(paths)
    }
}
