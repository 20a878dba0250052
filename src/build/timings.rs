//! Where a build's time goes, stage by stage, for `--timings`.

use std::time::{Duration, Instant};

/// Laps of a build: each stage's name and how long it took since the last.
pub(crate) struct Stopwatch {
    last: Instant,
    laps: Vec<(&'static str, Duration)>,
}

impl Default for Stopwatch {
    fn default() -> Self {
        Stopwatch {
            last: Instant::now(),
            laps: Vec::new(),
        }
    }
}

impl Stopwatch {
    /// Ends the stage called `name`, which began at the last lap.
    pub(crate) fn lap(&mut self, name: &'static str) {
        let now = Instant::now();
        self.laps.push((name, now - self.last));
        self.last = now;
    }

    pub(crate) fn laps(self) -> Vec<(&'static str, Duration)> {
        self.laps
    }
}
