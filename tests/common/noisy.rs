//! The noisy scrapes of `tests/fixtures/noisy/`: pages in the corpus's
//! domain, English and Chinese, written for the tests by someone who had not
//! seen the detectors. Each line an archivist would remove is marked
//! `[kind] ` at its start; the mark is stripped from the raw text.
//!
//! `ACCORD_NOISY_FIXTURES=<folder>` reads another folder of the same form,
//! to measure a new held-out set before it joins the fixtures.

use std::collections::BTreeSet;
use std::path::PathBuf;

pub struct Fixture {
    pub name: String,
    pub raw: String,
    /// 1-based raw lines marked as noise.
    pub noise: BTreeSet<usize>,
    pub chinese: bool,
}

pub fn fixtures() -> Vec<Fixture> {
    let dir = std::env::var_os("ACCORD_NOISY_FIXTURES").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/noisy"),
        PathBuf::from,
    );
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .expect("fixtures")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("fixture");
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            parse(name, &text)
        })
        .collect()
}

fn parse(name: String, text: &str) -> Fixture {
    let mut raw = String::new();
    let mut noise = BTreeSet::new();
    let lines = text.lines().filter(|l| !l.starts_with("#! "));
    for (i, line) in lines.enumerate() {
        let marked = line
            .strip_prefix('[')
            .and_then(|rest| rest.split_once("] "))
            .filter(|(kind, _)| kind.chars().all(|c| c.is_ascii_lowercase() || c == '_'));
        match marked {
            Some((_, line)) => {
                noise.insert(i + 1);
                raw.push_str(line);
            }
            None => raw.push_str(line),
        }
        raw.push('\n');
    }
    Fixture {
        chinese: name.contains("-zh-"),
        name,
        raw,
        noise,
    }
}

/// Raw lines (1-based) that the cleaning removed whole.
pub fn removed_lines(cleaned: &accord::pipeline::clean::Cleaned) -> BTreeSet<usize> {
    let mut removed = BTreeSet::new();
    let mut start = 0;
    for (i, piece) in cleaned.raw.split_inclusive('\n').enumerate() {
        let end = start + piece.trim_end_matches('\n').len();
        let whole = end > start && cleaned.edits.iter().any(|e| e.is_removal_of(start..end));
        if whole {
            removed.insert(i + 1);
        }
        start += piece.len();
    }
    removed
}

/// Precision and recall of `found` against the marked noise, summed over
/// fixtures: (true positives, false positives, misses).
#[derive(Default)]
pub struct Score {
    pub hit: usize,
    pub false_alarms: usize,
    pub missed: usize,
}

impl Score {
    /// Adds one fixture; returns its line for the report.
    pub fn add(&mut self, f: &Fixture, found: &BTreeSet<usize>) -> String {
        let hit = found.intersection(&f.noise).count();
        let false_alarms: Vec<_> = found.difference(&f.noise).collect();
        let missed: Vec<_> = f.noise.difference(found).collect();
        self.hit += hit;
        self.false_alarms += false_alarms.len();
        self.missed += missed.len();
        format!(
            "{}: {hit} found, false {false_alarms:?}, missed {missed:?}",
            f.name
        )
    }

    pub fn precision(&self) -> f64 {
        self.hit as f64 / (self.hit + self.false_alarms).max(1) as f64
    }

    pub fn recall(&self) -> f64 {
        self.hit as f64 / (self.hit + self.missed).max(1) as f64
    }
}
