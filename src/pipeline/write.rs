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
pub(crate) const MARKER: &str = ".accord-output";

/// Writes a whole site at once.
#[cfg(test)]
fn write_site(out: &Path, files: &[OutputFile]) -> Result<()> {
    let staging = Staging::begin(out)?;
    staging.make_folders(files.iter().map(|f| f.path.as_str()))?;
    for file in files {
        staging.put(file)?;
    }
    staging.commit()
}

/// A new site being written beside the output folder. Files go in one by
/// one (from several threads); [`Staging::commit`] swaps the folder in, and
/// dropping it uncommitted removes it, leaving the previous site untouched.
pub(crate) struct Staging {
    out: PathBuf,
    dir: PathBuf,
    previous: PathBuf,
    committed: bool,
}

impl Staging {
    pub(crate) fn begin(out: &Path) -> Result<Staging> {
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
        let staging = Staging {
            out: out.to_owned(),
            dir: parent.join(format!(".{name}.staging")),
            previous: parent.join(format!(".{name}.previous")),
            committed: false,
        };
        for leftover in [&staging.dir, &staging.previous] {
            remove_dir_if_present(leftover)?;
        }
        fs::create_dir_all(&staging.dir).map_err(|e| Error::io(&staging.dir, e))?;
        let marker = staging.dir.join(MARKER);
        fs::write(
            &marker,
            "This folder is built by accord and replaced on every build.\n",
        )
        .map_err(|e| Error::io(&marker, e))?;
        Ok(staging)
    }

    /// Makes the folders of `paths` up front, so that writing each file
    /// costs no folder checks.
    pub(crate) fn make_folders<'p>(&self, paths: impl IntoIterator<Item = &'p str>) -> Result<()> {
        let mut folders: Vec<&str> = paths
            .into_iter()
            .filter_map(|p| p.rsplit_once('/').map(|(dir, _)| dir))
            .collect();
        folders.sort_unstable();
        folders.dedup();
        for folder in folders {
            let dir = self.dir.join(folder);
            fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        }
        Ok(())
    }

    /// Writes a file; its folder must exist (see [`Staging::make_folders`]).
    pub fn put(&self, file: &OutputFile) -> Result<()> {
        let path = self.dir.join(&file.path);
        fs::write(&path, &file.bytes).map_err(|e| Error::io(&path, e))
    }

    /// Swaps the new site in for the old one.
    pub(crate) fn commit(mut self) -> Result<()> {
        if self.out.exists() {
            fs::rename(&self.out, &self.previous).map_err(|e| Error::io(&self.out, e))?;
        }
        if let Err(e) = fs::rename(&self.dir, &self.out) {
            // Put the previous site back so a failure here loses nothing.
            let _ = fs::rename(&self.previous, &self.out);
            return Err(Error::io(&self.out, e));
        }
        self.committed = true;
        remove_dir_if_present(&self.previous)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// Updates a site accord built, in place: writes `changed` (each file
/// replaced atomically, so a reader never sees half a page) and deletes
/// `removed`, with the folders that leaves empty. For rebuilds while
/// previewing, where rewriting every file would cost more than the change.
pub(crate) fn update_in_place(
    out: &Path,
    changed: &[OutputFile],
    removed: &[String],
) -> Result<()> {
    if !out.join(MARKER).is_file() {
        return Err(Error::input(
            Location::file(out),
            format!("expected a folder accord built, with its {MARKER} file"),
        ));
    }
    for file in changed {
        let path = out.join(&file.path);
        let temporary = path.with_file_name(format!(
            ".{}.accord-tmp",
            path.file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
        ));
        write_file(&temporary, &file.bytes)?;
        fs::rename(&temporary, &path).map_err(|e| Error::io(&path, e))?;
    }
    for rel in removed {
        let path = out.join(rel);
        match fs::remove_file(&path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(Error::io(&path, e)),
            _ => {}
        }
        // Folders left empty go too; `remove_dir` refuses a folder with files.
        let mut dir = path.parent();
        while let Some(d) = dir.filter(|d| *d != out) {
            if fs::remove_dir(d).is_err() {
                break;
            }
            dir = d.parent();
        }
    }
    Ok(())
}

fn is_replaceable(out: &Path) -> Result<bool> {
    if !out.is_dir() {
        return Ok(false);
    }
    let mut entries = fs::read_dir(out).map_err(|e| Error::io(out, e))?;
    Ok(entries.next().is_none() || out.join(MARKER).is_file())
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    }
    fs::write(path, bytes).map_err(|e| Error::io(path, e))
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
