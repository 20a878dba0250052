//! `accord snapshot`: archival copies of the site that still open in twenty
//! years. Two files, both byte-identical for the same inputs:
//!
//! - `accord-snapshot.tar.gz`: the built site, the seeds, annotations and
//!   theme it was built from, and `MANIFEST.sha256` of every file; entries
//!   sorted, one fixed timestamp, fixed owners and permissions;
//! - `accord-snapshot.wacz`: a web archive (WARC records of every page and
//!   asset under the base URL, with a CDXJ index, a pages list and
//!   `datapackage.json`) for replay tools such as ReplayWeb.page.
//!
//! The one timestamp is `SOURCE_DATE_EPOCH` when set, else midnight UTC of the
//! latest date in the content, so no clock reading enters an archive.

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
    /// Seconds since the Unix epoch, used for every timestamp.
    pub timestamp: i64,
    pub notices: Vec<String>,
}

/// The folder name everything in the archive sits under.
pub(crate) const PREFIX: &str = "accord-snapshot";

/// Builds the site and writes the `.tar.gz` and `.wacz` archives of it,
/// with the inputs it was built from, into `out_dir`.
pub fn snapshot(options: &BuildOptions, out_dir: &Path) -> Result<SnapshotReport> {
    let site = build::render_site(options)?;
    let timestamp = timestamp(&site.documents)?;
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
    entries.sort_by(|a, b| a.path.cmp(&b.path));

    std::fs::create_dir_all(out_dir).map_err(|e| Error::io(out_dir, e))?;
    let archive_path = out_dir.join(format!("{PREFIX}.tar.gz"));
    let bytes = archive::write(&entries, timestamp).map_err(|e| Error::io(&archive_path, e))?;
    write_atomically(&archive_path, &bytes)?;

    let base = site.base_url.clone().unwrap_or_else(|| {
        notices.push(format!(
            "no base_url: the web archive records the site under {}",
            wacz::PLACEHOLDER_BASE
        ));
        wacz::PLACEHOLDER_BASE.to_owned()
    });
    let wacz_path = out_dir.join(format!("{PREFIX}.wacz"));
    let bytes = wacz::write(&site.files, &base, &site.inputs.config.title, timestamp)
        .map_err(|e| Error::input(Location::file(&wacz_path), e))?;
    write_atomically(&wacz_path, &bytes)?;

    Ok(SnapshotReport {
        archive: archive_path,
        wacz: wacz_path,
        files: entries.len(),
        timestamp,
        notices,
    })
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

/// `SOURCE_DATE_EPOCH`, else midnight UTC of the latest full date in the content.
fn timestamp(documents: &[Arc<Document>]) -> Result<i64> {
    if let Ok(raw) = std::env::var("SOURCE_DATE_EPOCH") {
        // A WACZ is a zip, whose dates start in 1980; four-digit years end
        // with 9999.
        const EARLIEST: i64 = 315_532_800; // 1980-01-01T00:00:00Z
        const LATEST: i64 = 253_402_300_799; // 9999-12-31T23:59:59Z
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
    let latest = documents
        .iter()
        .flat_map(|d| {
            let m = &d.metadata;
            let event = m.event_date.value().map(|s| s.end.unwrap_or(s.start));
            [event, m.published.value().copied()]
        })
        .flatten()
        .max();
    // The dates were checked when read, so `days_from_civil` finds them all.
    Ok(latest
        .and_then(|d| {
            days_from_civil(
                i64::from(d.year),
                d.month.unwrap_or(1).into(),
                d.day.unwrap_or(1).into(),
            )
        })
        .map_or(0, |days| days * 86_400))
}

/// Days since 1970-01-01 of a proleptic Gregorian date; `None` when it is
/// not a date (or not in the years -9999 to 9999).
pub(crate) fn days_from_civil(year: i64, month: i64, day: i64) -> Option<i64> {
    let month = time::Month::try_from(u8::try_from(month).ok()?).ok()?;
    let date =
        time::Date::from_calendar_date(year.try_into().ok()?, month, day.try_into().ok()?).ok()?;
    Some((date - time::OffsetDateTime::UNIX_EPOCH.date()).whole_days())
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
    fn civil_dates_round_trip() {
        assert_eq!(days_from_civil(1970, 1, 1), Some(0));
        assert_eq!(days_from_civil(2023, 4, 28), Some(19_475));
        assert_eq!(days_from_civil(1969, 12, 31), Some(-1));
        assert_eq!(days_from_civil(2000, 3, 1), Some(11_017));
        assert_eq!(days_from_civil(2024, 2, 29), Some(19_782));
        assert_eq!(days_from_civil(2023, 2, 29), None);
        assert_eq!(days_from_civil(2023, 13, 1), None);
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
