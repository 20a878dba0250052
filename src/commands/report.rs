//! What the commands print about a build: warnings (capped), notices,
//! alignment reports, the summary line and, when asked, stage timings.

use std::sync::Mutex;

/// Warnings of one kind shown without `--verbose`: a large site with a
/// systematic gap (thousands of untagged paragraphs, say) should not bury
/// the build's summary.
const WARNINGS_SHOWN: usize = 20;

/// Prints build reports the way the command line asked for them. A
/// watching command prints through the same reporter after every rebuild,
/// so it remembers the notices it printed last.
#[derive(Default)]
pub struct Reporter {
    /// Print how long each stage took (`--timings`).
    pub timings: bool,
    /// Print every warning, not the first [`WARNINGS_SHOWN`] of each kind.
    pub verbose: bool,
    notices_shown: Mutex<Vec<String>>,
}

impl Reporter {
    /// A reporter that prints timings and per-document details when asked.
    pub fn new(timings: bool, verbose: bool) -> Self {
        Reporter {
            timings,
            verbose,
            notices_shown: Mutex::new(Vec::new()),
        }
    }

    /// Prints each of `items` with `print`, or without `--verbose` the
    /// first [`WARNINGS_SHOWN`] and a line saying how many more `what`
    /// there are.
    fn print_capped<T>(&self, items: &[T], what: &str, print: impl Fn(&T)) {
        let shown = if self.verbose {
            items.len()
        } else {
            items.len().min(WARNINGS_SHOWN)
        };
        items[..shown].iter().for_each(print);
        if shown < items.len() {
            say_err!(
                "… and {} more {what} (--verbose shows them all)",
                items.len() - shown
            );
        }
    }

    /// Prints the notices not printed last time: a watching command would
    /// otherwise repeat them after every rebuild. One that goes away and
    /// comes back is printed again.
    pub fn notices(&self, notices: &[String]) {
        let mut shown = self.notices_shown.lock().unwrap_or_else(|e| e.into_inner());
        for notice in notices.iter().filter(|n| !shown.contains(n)) {
            say_err!("notice: {notice}");
        }
        *shown = notices.to_vec();
    }

    /// Prints what a build did: counts, warnings, alignment reports, timings.
    pub fn build(&self, report: &accord::BuildReport) {
        self.print_capped(&report.warnings, "cleaning warnings", |(slug, seed, w)| {
            say_err!(
                "warning: {slug} (seeds/{seed}:{}): [{}] {}",
                w.line,
                w.kind.name(),
                w.message
            );
            if let Some(rule) = &w.suggestion {
                say_err!("  suggested: {rule}");
            }
        });
        self.print_capped(&report.topic_warnings, "topic warnings", |w| {
            say_err!("warning: {w}")
        });
        self.print_capped(&report.entity_warnings, "entity warnings", |w| {
            say_err!("warning: {w}")
        });
        self.print_capped(&report.markup_warnings, "markup warnings", |w| {
            say_err!("warning: {w}")
        });
        self.notices(&report.notices);
        self.print_capped(&report.alignments, "alignment reports", |(slug, a)| {
            say!(
                "alignment of {slug}: from the {}; automatic aligner confidence {:.2}",
                a.source,
                a.confidence
            );
            for d in &a.doubts {
                say!("  the aligner doubts {d}");
            }
            for d in &a.disagreements {
                say!("  the automatic alignment differs: {d}");
            }
        });
        let warnings = match report.warnings.len() {
            0 => String::new(),
            n => format!(" ({n} cleaning warnings)"),
        };
        say!(
            "built {} documents, {} files into {}{warnings}",
            report.documents,
            report.files,
            report.out.display()
        );
        if self.timings {
            for (stage, took) in &report.timings {
                say!("  {stage:<18} {:>8.1} ms", took.as_secs_f64() * 1e3);
            }
        }
    }

    /// Prints what a rebuild under `serve` or `build --watch` did.
    pub fn rebuilt(&self, rebuilt: accord::serve::Rebuilt) {
        match rebuilt {
            accord::serve::Rebuilt::Built {
                report,
                processed,
                changed,
                elapsed,
            } => {
                if let Some(first) = changed.first() {
                    let more = if changed.len() > 1 {
                        format!(" and {} more", changed.len() - 1)
                    } else {
                        String::new()
                    };
                    say!(
                        "changed: {}{more}; rebuilt in {} ms ({processed} of {} documents processed)",
                        first.display(),
                        elapsed.as_millis(),
                        report.documents
                    );
                }
                self.build(&report);
            }
            accord::serve::Rebuilt::Failed(e) => {
                say_err!("error: {e}\n(the last good site stays in place)")
            }
        }
        let _ = std::io::Write::flush(&mut std::io::stdout());
    }
}
