//! Putting a new seed in the site: the file under `seeds/`, its line in
//! `seeds/SHA256SUMS`, and the draft annotation beside the others. Nothing
//! already there is ever overwritten.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, Location, Result};
use crate::pipeline::load::checksums::{Checksums, sha256_hex};

/// Where the seed goes and what has to be written for it.
pub(super) struct SeedPlace {
    pub name: String,
    pub target: PathBuf,
    /// The file is not in `seeds/` yet and is copied there.
    pub copy_from: Option<PathBuf>,
    /// The checksum line to add, when `SHA256SUMS` has none for the seed.
    pub checksum_line: Option<String>,
}

/// Decides where `seed` goes, refusing a name that `seeds/` or
/// `SHA256SUMS` already gives to other bytes.
pub(super) fn place_seed(root: &Path, seed: &Path, bytes: &[u8]) -> Result<SeedPlace> {
    let name = seed
        .file_name()
        .and_then(|n| n.to_str())
        .filter(|n| !n.starts_with('.'))
        .ok_or_else(|| {
            Error::input(
                Location::file(seed),
                "expected a seed file with a UTF-8 name",
            )
        })?
        .to_owned();
    let seeds = root.join("seeds");
    let target = seeds.join(&name);
    let same_file = match (fs::canonicalize(seed), fs::canonicalize(&target)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    let copy_from = if same_file {
        None
    } else if target.exists() {
        if fs::read(&target).map_err(|e| Error::io(&target, e))? != bytes {
            return Err(Error::input(
                Location::file(&target),
                format!(
                    "a different seed is already called `{name}`: seeds are never overwritten; rename the new file"
                ),
            ));
        }
        None
    } else {
        Some(seed.to_owned())
    };
    let digest = sha256_hex(bytes);
    let sums = seeds.join("SHA256SUMS");
    let checksums = Checksums::read(&sums)?;
    let checksum_line = match checksums.recorded(&name) {
        Some(recorded) if recorded == digest => None,
        Some(recorded) => {
            return Err(Error::input(
                Location::file(&sums),
                format!(
                    "`{name}` is recorded with checksum {recorded}, but the file's is {digest}: a seed with this name was recorded before; rename the new file"
                ),
            ));
        }
        None => Some(format!("{digest}  {name}\n")),
    };
    Ok(SeedPlace {
        name,
        target,
        copy_from,
        checksum_line,
    })
}

/// Copies the seed and records its checksum. Both are idempotent, so a run
/// that stops after them and is repeated does no harm.
pub(super) fn install_seed(root: &Path, place: &SeedPlace) -> Result<()> {
    let seeds = root.join("seeds");
    fs::create_dir_all(&seeds).map_err(|e| Error::io(&seeds, e))?;
    if let Some(from) = &place.copy_from {
        fs::copy(from, &place.target).map_err(|e| Error::io(&place.target, e))?;
    }
    if let Some(line) = &place.checksum_line {
        let sums = seeds.join("SHA256SUMS");
        let existing = fs::read(&sums).unwrap_or_default();
        let mut file = fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&sums)
            .map_err(|e| Error::io(&sums, e))?;
        let separator = if existing.is_empty() || existing.ends_with(b"\n") {
            ""
        } else {
            "\n"
        };
        file.write_all(format!("{separator}{line}").as_bytes())
            .map_err(|e| Error::io(&sums, e))?;
    }
    Ok(())
}

/// Writes `text` as a new file: it fails rather than replace one, even one
/// that appears between the check and the write.
pub(super) fn write_new(path: &Path, text: &str) -> Result<()> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| Error::io(path, e))?;
    file.write_all(text.as_bytes())
        .and_then(|()| file.sync_all())
        .map_err(|e| {
            // A half-written draft would not load; better none at all.
            let _ = fs::remove_file(path);
            Error::io(path, e)
        })
}
