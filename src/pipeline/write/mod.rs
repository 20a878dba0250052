//! Writing the output: everything goes to a staging folder beside the output
//! folder and is swapped in only when complete, so a failed build leaves the
//! previous site untouched.

use std::fs;
use std::path::{Path, PathBuf};

use crate::error::{Error, Location, Result};

mod in_place;
pub(crate) use in_place::update_in_place;

/// A file of the built site: its path relative to the output folder (with
/// `/` separators) and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

impl OutputFile {
    pub fn new(path: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Self {
        OutputFile {
            path: path.into(),
            bytes: bytes.into(),
        }
    }
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
        let (dir, previous) = beside(out);
        recover_interrupted_swap(out)?;
        if out.exists() && !is_replaceable(out)? {
            return Err(Error::input(
                Location::file(out),
                format!(
                    "refusing to replace this folder: it is not empty and has no {MARKER} file, so accord did not make it"
                ),
            ));
        }
        let parent = dir.parent().expect("beside the output folder");
        fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        // Before the `Staging` exists: dropping it removes its folder, and
        // a folder in the way is not accord's to remove.
        for leftover in [&dir, &previous] {
            remove_own_folder(leftover)?;
        }
        let staging = Staging {
            out: out.to_owned(),
            dir,
            previous,
            committed: false,
        };
        fs::create_dir_all(&staging.dir).map_err(|e| Error::io(&staging.dir, e))?;
        mark(&staging.dir)?;
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

    /// Swaps the new site in for the old one. On Linux the two folders
    /// change places in one step, so that a kill at any moment leaves a
    /// whole site at the output path; elsewhere (or on a file system that
    /// cannot) the old site is moved aside first, and a kill between the
    /// two renames is undone by the next build ([`recover_interrupted_swap`]).
    pub(crate) fn commit(mut self) -> Result<()> {
        if self.out.exists() {
            if exchange(&self.dir, &self.out) {
                self.committed = true;
                // The staging path now holds the old site.
                return remove_own_folder(&self.dir);
            }
            fs::rename(&self.out, &self.previous).map_err(|e| Error::io(&self.out, e))?;
        }
        if let Err(e) = fs::rename(&self.dir, &self.out) {
            // Put the previous site back so a failure here loses nothing.
            let _ = fs::rename(&self.previous, &self.out);
            return Err(Error::io(&self.out, e));
        }
        self.committed = true;
        remove_own_folder(&self.previous)
    }
}

/// Refuses an output folder among the site's inputs (under `content/`,
/// `seeds/` or `themes/`), the site folder itself or one holding it: a
/// build would read its last output as input, replacing it would delete
/// the inputs, and the watcher would rebuild on its own writes.
pub(crate) fn refuse_output_among_inputs(root: &Path, out: &Path, named_in: &Path) -> Result<()> {
    let (root, out) = (resolved(root), resolved(out));
    let inside = ["content", "seeds", "themes"]
        .into_iter()
        .find(|folder| out.starts_with(root.join(folder)));
    let problem = match inside {
        Some(folder) => format!("is inside the site's {folder}/ folder"),
        None if root.starts_with(&out) => "holds the site's own inputs".to_owned(),
        None => return Ok(()),
    };
    Err(Error::input(
        Location::file(named_in),
        format!(
            "the output folder {} {problem}: choose one beside content/, seeds/ and themes/ (the default is public/)",
            out.display()
        ),
    ))
}

/// `path` made absolute, symlinks in its existing part resolved and `..`
/// in the rest taken lexically, so that two spellings of a folder compare
/// equal before the folder exists.
fn resolved(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_owned());
    let mut existing = absolute.as_path();
    let mut rest = Vec::new();
    while fs::canonicalize(existing).is_err() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_owned());
                existing = parent;
            }
            _ => break,
        }
    }
    let mut result = fs::canonicalize(existing).unwrap_or_else(|_| existing.to_owned());
    for part in rest.iter().rev() {
        if part == ".." {
            result.pop();
        } else if part != "." {
            result.push(part);
        }
    }
    result
}

/// The staging and previous-site folders of the output folder `out`.
fn beside(out: &Path) -> (PathBuf, PathBuf) {
    let name = out
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    (
        parent.join(format!(".{name}.staging")),
        parent.join(format!(".{name}.previous")),
    )
}

/// Puts the previous site back at `out` when a swap was killed after
/// moving it aside and before moving the new one in. Every build calls it
/// before anything can fail, so that no later error leaves no site.
pub(crate) fn recover_interrupted_swap(out: &Path) -> Result<()> {
    let (_, previous) = beside(out);
    if !out.exists() && previous.join(MARKER).is_file() {
        fs::rename(&previous, out).map_err(|e| Error::io(&previous, e))?;
    }
    Ok(())
}

/// Swaps two folders atomically (`renameat2` with `RENAME_EXCHANGE`);
/// false where the system or the file system cannot.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> bool {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).is_ok()
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> bool {
    false
}

fn mark(dir: &Path) -> Result<()> {
    let marker = dir.join(MARKER);
    fs::write(
        &marker,
        "This folder is built by accord and replaced on every build.\n",
    )
    .map_err(|e| Error::io(&marker, e))
}

/// Removes a staging or previous-site folder accord made (it holds the
/// marker); one it did not make is in the way, not to be deleted.
fn remove_own_folder(dir: &Path) -> Result<()> {
    if fs::symlink_metadata(dir).is_err() {
        return Ok(());
    }
    if !dir.is_dir()
        || fs::symlink_metadata(dir).is_ok_and(|m| m.is_symlink())
        || !is_replaceable(dir)?
    {
        return Err(Error::input(
            Location::file(dir),
            format!(
                "accord keeps its staging and previous sites here, but this was not made by accord (no {MARKER} file): move it away"
            ),
        ));
    }
    remove_dir_if_present(dir)
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

fn is_replaceable(out: &Path) -> Result<bool> {
    if !out.is_dir() {
        return Ok(false);
    }
    let mut entries = fs::read_dir(out).map_err(|e| Error::io(out, e))?;
    Ok(entries.next().is_none() || out.join(MARKER).is_file())
}

/// Writes `bytes` to `path` through `temporary` and a rename, so that a
/// reader sees the old file or the new one, never half of one.
pub(crate) fn replace_file(path: &Path, temporary: &Path, bytes: &[u8]) -> Result<()> {
    write_file(temporary, bytes)?;
    fs::rename(temporary, path).map_err(|e| Error::io(path, e))
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

    #[test]
    fn a_second_build_replaces_the_first_entirely() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site(
            &out,
            &[
                OutputFile::new("a/index.html", "one"),
                OutputFile::new("old.html", "x"),
            ],
        )
        .unwrap();
        write_site(&out, &[OutputFile::new("a/index.html", "two")]).unwrap();
        assert_eq!(fs::read_to_string(out.join("a/index.html")).unwrap(), "two");
        assert!(!out.join("old.html").exists());
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec!["public"], "no staging folder is left behind");
    }

    #[test]
    fn a_swap_killed_halfway_is_undone_by_the_next_build() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site(&out, &[OutputFile::new("index.html", "one")]).unwrap();
        // What a kill between the fallback's two renames leaves.
        let (_, previous) = beside(&out);
        fs::rename(&out, &previous).unwrap();
        recover_interrupted_swap(&out).unwrap();
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "one");
        // A staging that fails after the recovery keeps it.
        let staging = Staging::begin(&out).unwrap();
        drop(staging);
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "one");
    }

    #[test]
    fn folders_in_accords_places_that_it_did_not_make_are_not_deleted() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let (staging, _) = beside(&out);
        fs::create_dir(&staging).unwrap();
        fs::write(staging.join("thesis.tex"), "keep").unwrap();
        assert!(write_site(&out, &[OutputFile::new("index.html", "x")]).is_err());
        assert_eq!(
            fs::read_to_string(staging.join("thesis.tex")).unwrap(),
            "keep"
        );
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn the_swap_is_one_step_on_linux() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        fs::create_dir(&a).unwrap();
        fs::create_dir(&b).unwrap();
        fs::write(a.join("f"), "a").unwrap();
        assert!(
            exchange(&a, &b),
            "renameat2 exchange on the temp folder's file system"
        );
        assert_eq!(fs::read_to_string(b.join("f")).unwrap(), "a");
        assert!(!a.join("f").exists());
    }

    #[test]
    fn an_output_folder_among_the_inputs_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        fs::create_dir_all(root.join("content")).unwrap();
        let config = root.join("content/site.yaml");
        for bad in ["content/public", "themes/../content/x/y", ".", ".."] {
            let err = refuse_output_among_inputs(&root, &root.join(bad), &config);
            assert!(err.is_err(), "{bad} accepted");
        }
        for good in ["public", "../elsewhere", "contents"] {
            refuse_output_among_inputs(&root, &root.join(good), &config).unwrap();
        }
    }

    #[test]
    fn a_folder_accord_did_not_make_is_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("precious.txt"), "keep").unwrap();
        assert!(write_site(dir.path(), &[OutputFile::new("index.html", "x")]).is_err());
        assert_eq!(
            fs::read_to_string(dir.path().join("precious.txt")).unwrap(),
            "keep"
        );
    }
}
