//! `accord snapshot`: archival copies of the site that still open in twenty
//! years. Two files, named by the time of capture
//! (`accord-snapshot-20261204T181500Z`), never overwriting an older one
//! unless asked:
//!
//! - `.tar.gz`: the built site, the seeds, annotations and theme it was built
//!   from, `SNAPSHOT.json` (when, from content of which date, by which
//!   accord and commit) and `MANIFEST.sha256` of every file; entries sorted,
//!   one timestamp, fixed owners and permissions;
//! - `.wacz`: a web archive (WARC records of every page and asset under the
//!   base URL, with a CDXJ index, a pages list and `datapackage.json`) for
//!   replay tools such as ReplayWeb.page.
//!
//! The capture time is `SOURCE_DATE_EPOCH` when set (so two snapshots of the
//! same inputs are byte-identical, as reproducible builds expect), else the
//! clock. The archived site's footer shows it.

mod archive;
mod wacz;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use sha2::{Digest, Sha256};

use crate::build::{self, BuildOptions};
use crate::error::{Error, Location, Result};
use crate::pipeline::document::Document;
use crate::pipeline::load::files::files_under;

pub use archive::verify;

/// A file going into an archive: path inside it, bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// What a snapshot wrote, for the CLI to print.
#[derive(Debug)]
pub struct SnapshotReport {
    pub archive: PathBuf,
    pub wacz: PathBuf,
    pub files: usize,
    /// The capture time, seconds since the Unix epoch: every timestamp.
    pub timestamp: i64,
    /// The latest date in the content (`2023-04-28`), if any.
    pub content_date: Option<String>,
    pub notices: Vec<String>,
}

/// The folder name everything in the archive sits under.
pub(crate) const PREFIX: &str = "accord-snapshot";

/// Builds the site and writes the `.tar.gz` and `.wacz` archives of it,
/// with the inputs it was built from, into `out_dir`. Archives of the same
/// capture time already there are replaced only when `replace` is set.
pub fn snapshot(options: &BuildOptions, out_dir: &Path, replace: bool) -> Result<SnapshotReport> {
    let timestamp = capture_time()?;
    let (y, mo, d, h, mi, s) = civil_from_seconds(timestamp);
    let name = format!("{PREFIX}-{y:04}{mo:02}{d:02}T{h:02}{mi:02}{s:02}Z");
    let archive_path = out_dir.join(format!("{name}.tar.gz"));
    let wacz_path = out_dir.join(format!("{name}.wacz"));
    for path in [&archive_path, &wacz_path] {
        if path.exists() && !replace {
            return Err(Error::input(
                Location::file(path),
                "a snapshot of this capture time exists; an archive is never overwritten \
                 unless asked (`--replace`), so set another SOURCE_DATE_EPOCH or pass --replace",
            ));
        }
    }
    let captured = format!("{y:04}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02} UTC");
    let options = BuildOptions {
        captured: Some(captured),
        ..options.clone()
    };
    let site = build::render_site(&options)?;
    let content_date = latest_content_date(&site.documents);
    let mut notices = site.notices.clone();

    let mut entries: Vec<Entry> = site
        .files
        .iter()
        .map(|f| Entry {
            path: format!("site/{}", f.path),
            bytes: f.bytes.clone(),
        })
        .collect();
    for part in ["seeds", "content", "themes"] {
        entries.extend(read_tree(
            &options.root.join(part),
            &format!("inputs/{part}"),
        )?);
    }
    entries.push(Entry {
        path: "SNAPSHOT.json".into(),
        bytes: record(timestamp, content_date.as_deref(), &site),
    });
    entries.sort_by(|a, b| a.path.cmp(&b.path));

    std::fs::create_dir_all(out_dir).map_err(|e| Error::io(out_dir, e))?;
    let bytes = archive::write(&entries, timestamp).map_err(|e| Error::io(&archive_path, e))?;
    write_atomically(&archive_path, &bytes)?;

    let base = site.base_url.clone().unwrap_or_else(|| {
        notices.push(format!(
            "no base_url: the web archive records the site under {}",
            wacz::PLACEHOLDER_BASE
        ));
        wacz::PLACEHOLDER_BASE.to_owned()
    });
    let bytes = wacz::write(&site.files, &base, &site.inputs.config.title, timestamp)
        .map_err(|e| Error::input(Location::file(&wacz_path), e))?;
    write_atomically(&wacz_path, &bytes)?;

    Ok(SnapshotReport {
        archive: archive_path,
        wacz: wacz_path,
        files: entries.len(),
        timestamp,
        content_date,
        notices,
    })
}

/// `SNAPSHOT.json`: what an archivist needs to know of the archive years
/// later, beside the manifest that proves its files.
fn record(timestamp: i64, content_date: Option<&str>, site: &build::RenderedSite) -> Vec<u8> {
    let record = serde_json::json!({
        "captured": iso_8601(timestamp),
        "content_date": content_date,
        "title": site.inputs.config.title,
        "base_url": site.base_url,
        "generator": crate::version::GENERATOR,
        "accord_version": crate::version::VERSION,
        "accord_commit": crate::version::COMMIT,
        "documents": site.documents.len(),
    });
    let mut bytes = serde_json::to_vec_pretty(&record).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// Writes beside the target and renames, so a failure leaves no half file.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let name = path
        .file_name()
        .map_or_else(|| "snapshot".into(), |n| n.to_string_lossy().into_owned());
    let temp = path.with_file_name(format!(".{name}.partial"));
    std::fs::write(&temp, bytes).map_err(|e| Error::io(&temp, e))?;
    std::fs::rename(&temp, path).map_err(|e| Error::io(path, e))
}

/// Every file under `dir`, as entries under `prefix`, sorted.
fn read_tree(dir: &Path, prefix: &str) -> Result<Vec<Entry>> {
    files_under(dir)?
        .into_iter()
        .map(|(rel, path)| {
            let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
            Ok(Entry {
                path: format!("{prefix}/{rel}"),
                bytes,
            })
        })
        .collect()
}

pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

pub(crate) fn hex(digest: &[u8]) -> String {
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// `SOURCE_DATE_EPOCH`, else the clock.
fn capture_time() -> Result<i64> {
    // A WACZ is a zip, whose dates start in 1980; four-digit years end
    // with 9999.
    const EARLIEST: i64 = 315_532_800; // 1980-01-01T00:00:00Z
    const LATEST: i64 = 253_402_300_799; // 9999-12-31T23:59:59Z
    if let Ok(raw) = std::env::var("SOURCE_DATE_EPOCH") {
        return raw
            .trim()
            .parse::<i64>()
            .ok()
            .filter(|t| (EARLIEST..=LATEST).contains(t))
            .ok_or_else(|| {
                Error::input(
                    Location::file("SOURCE_DATE_EPOCH"),
                    format!(
                        "expected whole seconds since 1970 for a date from 1980 to 9999 ({EARLIEST} to {LATEST}), found `{raw}`"
                    ),
                )
            });
    }
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(EARLIEST, |d| i64::try_from(d.as_secs()).unwrap_or(LATEST));
    Ok(now.clamp(EARLIEST, LATEST))
}

/// The latest full date in the content (`2023-04-28`), if any.
fn latest_content_date(documents: &[Arc<Document>]) -> Option<String> {
    let latest = documents
        .iter()
        .flat_map(|d| {
            let m = &d.metadata;
            let event = m.event_date.value().map(|s| s.end.unwrap_or(s.start));
            [event, m.published.value().copied()]
        })
        .flatten()
        .max()?;
    Some(format!(
        "{:04}-{:02}-{:02}",
        latest.year,
        latest.month.unwrap_or(1),
        latest.day.unwrap_or(1)
    ))
}

/// `2026-12-04T18:15:00Z`: a Unix time as ISO 8601, in UTC.
pub(crate) fn iso_8601(seconds: i64) -> String {
    let (y, mo, d, h, mi, s) = civil_from_seconds(seconds);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
}

/// (year, month, day, hour, minute, second) in UTC of a Unix time. A time
/// beyond the years -9999 to 9999 is taken as the nearest one within them.
pub(crate) fn civil_from_seconds(seconds: i64) -> (i64, i64, i64, i64, i64, i64) {
    let first = time::PrimitiveDateTime::MIN.assume_utc().unix_timestamp();
    let last = time::PrimitiveDateTime::MAX.assume_utc().unix_timestamp();
    let t = time::OffsetDateTime::from_unix_timestamp(seconds.clamp(first, last))
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH);
    (
        t.year().into(),
        u8::from(t.month()).into(),
        t.day().into(),
        t.hour().into(),
        t.minute().into(),
        t.second().into(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unix_times_become_civil_dates() {
        assert_eq!(
            civil_from_seconds(19_475 * 86_400 + 3661),
            (2023, 4, 28, 1, 1, 1)
        );
        assert_eq!(civil_from_seconds(-1), (1969, 12, 31, 23, 59, 59));
        assert_eq!(civil_from_seconds(0), (1970, 1, 1, 0, 0, 0));
        assert_eq!(
            civil_from_seconds(19_782 * 86_400 + 86_399),
            (2024, 2, 29, 23, 59, 59)
        );
        assert_eq!(civil_from_seconds(i64::MAX), (9999, 12, 31, 23, 59, 59));
    }
}
