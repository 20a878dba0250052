//! The deterministic `.tar.gz`: sorted entries under one folder, a fixed
//! timestamp, owner 0, mode 0644, a gzip header without time or name.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::Path;

use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;

use sha2::{Digest, Sha256};

use super::{Entry, PREFIX, hex, sha256_hex};
use crate::error::{Error, Location, Result};

pub(crate) const MANIFEST: &str = "MANIFEST.sha256";

pub fn write(entries: &[Entry], timestamp: i64) -> std::io::Result<Vec<u8>> {
    let manifest: String = entries
        .iter()
        .map(|e| format!("{}  {}\n", sha256_hex(&e.bytes), e.path))
        .collect();
    let mut all: Vec<(&str, &[u8])> = entries
        .iter()
        .map(|e| (e.path.as_str(), e.bytes.as_slice()))
        .collect();
    all.push((MANIFEST, manifest.as_bytes()));
    all.sort_by(|a, b| a.0.cmp(b.0));

    let gz = GzEncoder::new(Vec::new(), Compression::best());
    let mut tar = tar::Builder::new(gz);
    tar.mode(tar::HeaderMode::Deterministic);
    for (path, bytes) in all {
        let mut header = tar::Header::new_gnu();
        header.set_size(bytes.len() as u64);
        header.set_mode(0o644);
        header.set_mtime(u64::try_from(timestamp).unwrap_or(0));
        header.set_uid(0);
        header.set_gid(0);
        header.set_entry_type(tar::EntryType::Regular);
        tar.append_data(&mut header, format!("{PREFIX}/{path}"), bytes)?;
    }
    tar.into_inner()?.finish()
}

/// The largest manifest `verify` reads: about 600,000 files' lines.
const MAX_MANIFEST: u64 = 64 * 1024 * 1024;

/// Checks an archive against its manifest: every listed file present with
/// its checksum, and no file unlisted. Returns the problems found.
///
/// Entries are hashed as they are decompressed, never held whole: a small
/// archive can inflate a thousandfold (a "gzip bomb"), and verifying must
/// take memory for the names, not for the contents.
pub fn verify(path: &Path) -> Result<Vec<String>> {
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let unreadable = |e: std::io::Error| {
        Error::input(Location::file(path), format!("not a readable .tar.gz: {e}"))
    };
    let mut archive = tar::Archive::new(GzDecoder::new(file));
    let mut digests: BTreeMap<String, String> = BTreeMap::new();
    let mut manifest = None;
    for entry in archive.entries().map_err(unreadable)? {
        let mut entry = entry.map_err(unreadable)?;
        let name = entry
            .path()
            .map_err(unreadable)?
            .to_string_lossy()
            .into_owned();
        let name = name
            .strip_prefix(&format!("{PREFIX}/"))
            .unwrap_or(&name)
            .to_owned();
        if name == MANIFEST {
            let mut text = Vec::new();
            (&mut entry)
                .take(MAX_MANIFEST + 1)
                .read_to_end(&mut text)
                .map_err(unreadable)?;
            if text.len() as u64 > MAX_MANIFEST {
                return Err(Error::input(
                    Location::file(path),
                    format!("{MANIFEST} is larger than {} MiB", MAX_MANIFEST >> 20),
                ));
            }
            manifest = Some(text);
        } else {
            let mut hasher = Sha256::new();
            std::io::copy(&mut entry, &mut hasher).map_err(unreadable)?;
            digests.insert(name, hex(&hasher.finalize()));
        }
    }
    let manifest = manifest.ok_or_else(|| {
        Error::input(
            Location::file(path),
            format!("no {MANIFEST} in the archive"),
        )
    })?;
    let manifest = String::from_utf8_lossy(&manifest);
    let mut problems = Vec::new();
    let mut listed = std::collections::BTreeSet::new();
    for line in manifest.lines().filter(|l| !l.trim().is_empty()) {
        let Some((hash, name)) = line.split_once("  ") else {
            problems.push(format!("{MANIFEST}: malformed line `{line}`"));
            continue;
        };
        listed.insert(name.to_owned());
        match digests.get(name) {
            None => problems.push(format!(
                "{name}: listed in the manifest but missing from the archive"
            )),
            Some(found) if found != hash => problems.push(format!(
                "{name}: checksum differs from the manifest (expected {hash}, found {found})"
            )),
            Some(_) => {}
        }
    }
    for name in digests.keys().filter(|n| !listed.contains(*n)) {
        problems.push(format!("{name}: in the archive but not in the manifest"));
    }
    Ok(problems)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn the_same_entries_give_the_same_bytes() {
        let entries = vec![Entry {
            path: "site/a.html".into(),
            bytes: b"<p>a</p>".to_vec(),
        }];
        assert_eq!(
            write(&entries, 1_682_640_000).unwrap(),
            write(&entries, 1_682_640_000).unwrap()
        );
        assert_ne!(
            write(&entries, 1_682_640_000).unwrap(),
            write(&entries, 0).unwrap()
        );
    }

    #[test]
    fn verification_finds_a_changed_byte() {
        let dir = tempfile::tempdir().unwrap();
        let entries = vec![Entry {
            path: "site/a.html".into(),
            bytes: b"<p>original</p>".to_vec(),
        }];
        let path = dir.path().join("s.tar.gz");
        std::fs::write(&path, write(&entries, 0).unwrap()).unwrap();
        assert!(verify(&path).unwrap().is_empty());

        let mut tar = Vec::new();
        GzDecoder::new(std::fs::File::open(&path).unwrap())
            .read_to_end(&mut tar)
            .unwrap();
        let at = tar.windows(8).position(|w| w == b"original").unwrap();
        tar[at] = b'O';
        let mut gz = GzEncoder::new(Vec::new(), Compression::default());
        gz.write_all(&tar).unwrap();
        std::fs::write(&path, gz.finish().unwrap()).unwrap();
        let problems = verify(&path).unwrap();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].starts_with("site/a.html: checksum differs"));
    }
}
