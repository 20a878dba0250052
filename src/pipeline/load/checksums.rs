//! `seeds/SHA256SUMS`, in `sha256sum` format. Seeds are the record: one that
//! no longer matches its recorded checksum was edited, and the build stops.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::error::{Error, Location, Result};
use crate::pipeline::load::documents::DocumentInput;
use crate::pipeline::load::files::read_text;

pub(crate) struct Checksums {
    path: PathBuf,
    source: String,
    /// File name → (hex digest, byte offset of the line).
    entries: HashMap<String, (String, usize)>,
}

impl Checksums {
    /// Reads the checksums; a site without the file has none.
    pub fn read(path: &Path) -> Result<Self> {
        let source = if path.is_file() {
            read_text(path)?
        } else {
            String::new()
        };
        let entries = parse(path, &source)?;
        Ok(Checksums {
            path: path.to_owned(),
            source,
            entries,
        })
    }

    /// The digest recorded for the seed `name`, if there is one.
    pub fn recorded(&self, name: &str) -> Option<&str> {
        self.entries.get(name).map(|(hex, _)| hex.as_str())
    }

    /// Checks a document's seed against its recorded checksum; a seed
    /// with none is not part of the record yet, and is refused.
    pub fn verify(&self, doc: &DocumentInput) -> Result<()> {
        let seed = &doc.annotation.seed;
        let Some((expected, offset)) = self.entries.get(seed) else {
            return Err(Error::input(
                doc.locate(seed),
                format!(
                    "seed `{seed}` has no checksum in {}: record it as received, `sha256sum {seed} >> SHA256SUMS` in seeds/ (`accord new` does this for a new seed)",
                    self.path.display()
                ),
            ));
        };
        let actual = doc.seed_sha256();
        if actual == expected {
            return Ok(());
        }
        Err(Error::input(
            Location::of_offset(&self.path, &self.source, *offset),
            format!(
                "seed `{}` does not match its checksum: expected {expected}, found {actual}; seeds are the record and are never edited (fix the text with a cleaning rule)",
                doc.annotation.seed
            ),
        )
        .with_snippet(&self.source))
    }
}

/// The SHA-256 digest of `bytes` in lower-case hex, as `sha256sum` prints it.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The entries of a checksum file: the first line naming a file wins.
fn parse(path: &Path, source: &str) -> Result<HashMap<String, (String, usize)>> {
    let mut entries = HashMap::new();
    let mut offset = 0;
    for line in source.split_inclusive('\n') {
        let text = line.trim_end();
        if !text.is_empty() {
            let parsed = text
                .split_once(' ')
                .map(|(hash, name)| (hash, name.trim_start().trim_start_matches('*')));
            match parsed {
                Some((hash, name))
                    if hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit()) =>
                {
                    entries
                        .entry(name.to_owned())
                        .or_insert((hash.to_ascii_lowercase(), offset));
                }
                _ => {
                    return Err(Error::input(
                        Location::of_offset(path, source, offset),
                        "expected `<64 hex digits>  <file name>`, as sha256sum writes",
                    )
                    .with_snippet(source));
                }
            }
        }
        offset += line.len();
    }
    Ok(entries)
}
