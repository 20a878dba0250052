//! The rebuild loop that `serve` and `build --watch` share: wait for a
//! change, build again with the kept cache, report the outcome.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::build::{BuildOptions, BuildReport, Cache};
use crate::error::Error;
use crate::serve::watch::Watcher;

/// How long the rebuild thread waits for a change before it looks at the
/// stop flag again (it then wakes the accepting thread).
pub(super) const POLL: Duration = Duration::from_millis(50);

/// What a build reports to whoever runs the watcher (the CLI prints it).
pub enum Rebuilt {
    Built {
        report: BuildReport,
        /// Documents processed again; the others came from the cache.
        processed: usize,
        /// The files whose change caused the build; empty for the first one.
        changed: Vec<PathBuf>,
        elapsed: Duration,
    },
    Failed(Error),
}

/// `accord build --watch`: builds, then rebuilds on every change until
/// `stop` is set; every outcome goes to `rebuilt`.
pub fn watch_and_build(
    options: &BuildOptions,
    stop: Arc<AtomicBool>,
    mut rebuilt: impl FnMut(Rebuilt),
) -> crate::error::Result<()> {
    let mut watcher = Watcher::new(&options.root)?;
    let mut cache = Cache::default();
    rebuilt(timed_build(options, &mut cache, Vec::new()));
    rebuild_loop(&mut watcher, options, &mut cache, &stop, rebuilt, |_| {});
    Ok(())
}

pub(super) fn timed_build(
    options: &BuildOptions,
    cache: &mut Cache,
    changed: Vec<PathBuf>,
) -> Rebuilt {
    let started = Instant::now();
    match cache.build(options) {
        Ok(report) => Rebuilt::Built {
            report,
            processed: cache.processed,
            changed,
            elapsed: started.elapsed(),
        },
        Err(e) => Rebuilt::Failed(e),
    }
}

/// Rebuilds on every change until `stop` is set. `notify` hears of each
/// outcome first (with the error's text), then `rebuilt` gets it.
pub(super) fn rebuild_loop(
    watcher: &mut Watcher,
    options: &BuildOptions,
    cache: &mut Cache,
    stop: &AtomicBool,
    mut rebuilt: impl FnMut(Rebuilt),
    notify: impl Fn(std::result::Result<(), &str>),
) {
    while !stop.load(Ordering::SeqCst) {
        let Some(changed) = watcher.next_change(POLL) else {
            continue;
        };
        let outcome = timed_build(options, cache, changed);
        match &outcome {
            Rebuilt::Built { .. } => notify(Ok(())),
            Rebuilt::Failed(e) => notify(Err(&e.to_string())),
        }
        rebuilt(outcome);
    }
}
