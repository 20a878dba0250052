//! Fuzzing: proptest properties for the stages that read what an editor
//! wrote or a scraper brought in: the annotation loader, the cleaning rules
//! and filters, segmentation and the aligner. Each must answer any input
//! with a value or an error, never a panic or a hang, and what it answers
//! must hold together (provenance that maps back to the seed, unique
//! anchors, an alignment that takes every segment once, in order).
//!
//! One module per target, each with its strategies, its property and its
//! regression tests: [`loader`] (the YAML it writes is built, rendered and
//! damaged under `tests/fuzz/loader/`), [`cleaning`], [`segmentation`] and
//! [`aligner`]. [`strategies`] holds what more than one of them draws on;
//! this file, the run's configuration and the helpers they share.
//!
//! `cargo test` (and so CI) runs 256 cases per property, a few seconds in
//! all. The longer run, worth doing after a change to one of these stages:
//!
//! ```sh
//! ACCORD_FUZZ_CASES=20000 cargo test --release --test fuzz
//! ```
//!
//! Nothing is written to the source tree (no `proptest-regressions/`): a
//! failure proptest finds is shrunk, fixed, and kept as a named `#[test]`
//! with its minimal input, in its target's module below the property.

mod aligner;
mod cleaning;
mod loader;
mod segmentation;
mod strategies;

use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread;
use std::time::Duration;

use accord::pipeline::load::schema::Filters;
use proptest::test_runner::Config as ProptestConfig;

/// Cases per property when `ACCORD_FUZZ_CASES` is not set: the whole target
/// in a few seconds of a debug build on a two-core machine.
const DEFAULT_CASES: u32 = 256;

/// Longer than any case takes (milliseconds in a debug build), so that
/// only a hang reaches it, even on a loaded CI machine.
const CASE_LIMIT: Duration = Duration::from_secs(30);

fn config() -> ProptestConfig {
    let cases = match std::env::var("ACCORD_FUZZ_CASES") {
        Ok(n) => n
            .parse()
            .unwrap_or_else(|_| panic!("ACCORD_FUZZ_CASES={n}: expected a number of cases")),
        Err(_) => DEFAULT_CASES,
    };
    ProptestConfig {
        cases,
        failure_persistence: None,
        // A hang costs CASE_LIMIT at every shrinking step: give up
        // shrinking after a few minutes rather than never end.
        max_shrink_time: 180_000,
        ..ProptestConfig::default()
    }
}

/// Runs `check` on a thread of its own: a case that does not finish within
/// [`CASE_LIMIT`] fails as a hang instead of stalling the run, and a panic
/// is passed on to proptest, which shrinks it like any failure.
fn bounded(what: &str, check: impl FnOnce() + Send + 'static) {
    let (done, finished) = mpsc::channel();
    let worker = thread::spawn(move || {
        check();
        let _ = done.send(());
    });
    match finished.recv_timeout(CASE_LIMIT) {
        Ok(()) => worker.join().expect("the check finished"),
        Err(RecvTimeoutError::Disconnected) => {
            if let Err(panic) = worker.join() {
                std::panic::resume_unwind(panic);
            }
        }
        // The worker is left running: a thread cannot be stopped from outside.
        Err(RecvTimeoutError::Timeout) => panic!("{what} ran over {CASE_LIMIT:?}: a hang"),
    }
}

fn raw_line_count(raw: &str) -> usize {
    raw.matches('\n').count() + 1
}

/// All filters off, for the regression tests: their inputs need none.
fn no_filters() -> Filters {
    Filters {
        pinyin: false,
        lost_nbsp: false,
        boilerplate: false,
        keyword_spam: false,
        link_block: false,
    }
}
