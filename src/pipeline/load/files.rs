//! Walking input folders the same way everywhere (sorted, files only), and
//! reading input files as text.

use std::fs;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::error::{Error, Location, Position, Result, line_column};

/// Files under `dir` (none when it does not exist), as (relative path with
/// `/` separators, full path), sorted by name.
pub(crate) fn files_under(dir: &Path) -> Result<Vec<(String, PathBuf)>> {
    let mut files = Vec::new();
    if !dir.is_dir() {
        return Ok(files);
    }
    for entry in WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(dir).to_owned();
            Error::io(
                &path,
                e.into_io_error()
                    .unwrap_or_else(|| std::io::Error::other("walk failed")),
            )
        })?;
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            let rel = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            files.push((rel, entry.into_path()));
        }
    }
    Ok(files)
}

/// Files with extension `ext` directly in `dir`, sorted by name.
pub(crate) fn files_in(dir: &Path, ext: &str) -> Result<Vec<PathBuf>> {
    let suffix = format!(".{ext}");
    Ok(files_under(dir)?
        .into_iter()
        .filter(|(rel, _)| !rel.contains('/') && rel.ends_with(&suffix))
        .map(|(_, path)| path)
        .collect())
}

/// The slug a file's name gives it: its stem, which must be lower-case
/// letters, digits and hyphens.
pub(crate) fn slug_of(path: &Path) -> Result<String> {
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    let valid = !stem.is_empty()
        && stem
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !stem.starts_with('-');
    if valid {
        Ok(stem.to_owned())
    } else {
        Err(Error::input(
            Location::file(path),
            format!(
                "file name `{stem}` is not a valid slug: expected lower-case letters, digits and hyphens"
            ),
        ))
    }
}

/// Reads a file that must be UTF-8; an invalid byte is reported by offset.
pub(crate) fn read_text(path: &Path) -> Result<String> {
    let bytes = fs::read(path).map_err(|e| Error::io(path, e))?;
    String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let (line, column) = line_column(e.as_bytes(), offset);
        Error::input(
            Location {
                file: path.to_owned(),
                position: Position::Byte {
                    offset,
                    line,
                    column,
                },
            },
            "invalid UTF-8: expected UTF-8 text",
        )
    })
}

/// Reads a YAML file: UTF-8 text of at most [`MAX_BYTES`](super::yaml::MAX_BYTES)
/// (larger files are refused before they are read), without the byte-order
/// mark some editors write, so that positions in it are the editor's.
pub(crate) fn read_yaml(path: &Path) -> Result<String> {
    if let Ok(meta) = fs::metadata(path)
        && meta.len() > super::yaml::MAX_BYTES as u64
    {
        return Err(super::yaml::too_large(
            path,
            usize::try_from(meta.len()).unwrap_or(usize::MAX),
        ));
    }
    Ok(without_bom(read_text(path)?))
}

/// `text` without a leading byte-order mark.
pub(crate) fn without_bom(mut text: String) -> String {
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_utf8_is_reported_by_byte_offset() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("bad.txt");
        fs::write(&path, b"ok line\nab\xffcd").unwrap();
        let err = read_text(&path).unwrap_err().to_string();
        assert!(
            err.ends_with("bad.txt:2:3 (byte offset 10): invalid UTF-8: expected UTF-8 text"),
            "{err}"
        );
    }

    #[test]
    fn a_yaml_file_over_the_limit_is_refused_before_it_is_read() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("topics.yaml");
        let file = fs::File::create(&path).unwrap();
        file.set_len(super::super::yaml::MAX_BYTES as u64 + 1)
            .unwrap();
        let err = read_yaml(&path).unwrap_err().to_string();
        assert!(
            err.ends_with("topics.yaml: the file is 4194305 bytes: expected at most 4 MiB (4194304 bytes) of YAML"),
            "{err}"
        );
    }

    #[test]
    fn a_byte_order_mark_is_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.yaml");
        fs::write(&path, "\u{feff}title: x\n").unwrap();
        assert_eq!(read_yaml(&path).unwrap(), "title: x\n");
    }
}
