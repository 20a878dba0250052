//! Writing the output: everything goes to a staging folder beside the output
//! folder and is swapped in only when complete, so a failed build leaves the
//! previous site untouched.

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{Error, Location, Result};

/// A file of the built site: its path relative to the output folder (with
/// `/` separators) and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Marks a folder as accord's output, which a build may replace. accord will
/// not replace a non-empty folder without it: `--out ~` must not wipe a home.
pub const MARKER: &str = ".accord-output";

pub fn write_site(out: &Path, files: &[OutputFile]) -> Result<()> {
    if out.exists() && !is_replaceable(out)? {
        return Err(Error::input(
            Location::file(out),
            format!(
                "refusing to replace this folder: it is not empty and has no {MARKER} file, so accord did not make it"
            ),
        ));
    }
    let name = out
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    let staging = parent.join(format!(".{name}.staging"));
    let previous = parent.join(format!(".{name}.previous"));
    for leftover in [&staging, &previous] {
        remove_dir_if_present(leftover)?;
    }
    let written = write_all(&staging, files);
    if let Err(e) = written {
        let _ = fs::remove_dir_all(&staging);
        return Err(e);
    }
    if out.exists() {
        fs::rename(out, &previous).map_err(|e| Error::io(out, e))?;
    }
    if let Err(e) = fs::rename(&staging, out) {
        // Put the previous site back so a failure here loses nothing.
        let _ = fs::rename(&previous, out);
        return Err(Error::io(out, e));
    }
    remove_dir_if_present(&previous)
}

fn is_replaceable(out: &Path) -> Result<bool> {
    if !out.is_dir() {
        return Ok(false);
    }
    let mut entries = fs::read_dir(out).map_err(|e| Error::io(out, e))?;
    Ok(entries.next().is_none() || out.join(MARKER).is_file())
}

fn write_all(staging: &Path, files: &[OutputFile]) -> Result<()> {
    fs::create_dir_all(staging).map_err(|e| Error::io(staging, e))?;
    let marker = staging.join(MARKER);
    fs::write(
        &marker,
        "This folder is built by accord and replaced on every build.\n",
    )
    .map_err(|e| Error::io(&marker, e))?;
    for file in files {
        let path: PathBuf = staging.join(&file.path);
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        fs::write(&path, &file.bytes).map_err(|e| Error::io(&path, e))?;
    }
    Ok(())
}

fn remove_dir_if_present(dir: &Path) -> Result<()> {
    match fs::remove_dir_all(dir) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(Error::io(dir, e)),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn a_second_build_replaces_the_first_entirely() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site(&out, &[file("a/index.html", "one"), file("old.html", "x")]).unwrap();
        write_site(&out, &[file("a/index.html", "two")]).unwrap();
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "two");
        assert!(!out.join("old.html").exists());
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec!["public"], "no staging folder is left behind");
    }

    #[test]
    fn a_folder_accord_did_not_make_is_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("precious.txt"), "keep").unwrap();
        assert!(write_site(dir.path(), &[file("index.html", "x")]).is_err());
        assert_eq!(
            fs::read_to_string(dir.path().join("precious.txt")).unwrap(),
            "keep"
        );
    }
}
