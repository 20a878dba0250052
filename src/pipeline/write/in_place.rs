//! Rebuilds while previewing write only what changed, into the site that
//! is being served, rather than a whole new site swapped in.

use std::fs;
use std::path::{Path, PathBuf};

use super::{MARKER, OutputFile, write_file};
use crate::error::{Error, Location, Result};

/// Updates a site accord built, in place: writes `changed` and deletes
/// `removed`, with the folders that leaves empty. For rebuilds while
/// previewing, where rewriting every file would cost more than the change.
///
/// Every changed file is written beside its place first; only when all are
/// written (the step that fails when the disk is full) are they renamed
/// over the old ones. A failed write removes what it wrote and leaves the
/// site as it was. Each rename replaces one file whole, so a reader never
/// sees half a page.
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
    let mut written: Vec<(PathBuf, PathBuf)> = Vec::with_capacity(changed.len());
    for file in changed {
        let path = out.join(&file.path);
        let temporary = path.with_file_name(format!(
            ".{}.accord-tmp",
            path.file_name()
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
        ));
        if let Err(e) = write_file(&temporary, &file.bytes) {
            for (_, written) in written.iter().chain([&(path, temporary)]) {
                let _ = fs::remove_file(written);
            }
            return Err(e);
        }
        written.push((path, temporary));
    }
    for (i, (path, temporary)) in written.iter().enumerate() {
        if let Err(e) = fs::rename(temporary, path) {
            for (_, left) in &written[i..] {
                let _ = fs::remove_file(left);
            }
            // The caller forgets what it wrote, so the next build writes
            // the whole site afresh and swaps it in.
            return Err(Error::io(path, e));
        }
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

#[cfg(test)]
mod tests {
    use super::super::write_site;
    use super::*;

    #[test]
    fn an_in_place_update_that_cannot_write_every_file_changes_none() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_site(
            &out,
            &[
                OutputFile::new("a.html", "old a"),
                OutputFile::new("b/c.html", "old c"),
            ],
        )
        .unwrap();
        // The second file cannot be written, as on a full disk.
        fs::create_dir(out.join("b/.c.html.accord-tmp")).unwrap();
        let changed = [
            OutputFile::new("a.html", "new a"),
            OutputFile::new("b/c.html", "new c"),
        ];
        assert!(update_in_place(&out, &changed, &[]).is_err());
        assert_eq!(fs::read_to_string(out.join("a.html")).unwrap(), "old a");
        assert_eq!(fs::read_to_string(out.join("b/c.html")).unwrap(), "old c");
        assert!(
            !out.join(".a.html.accord-tmp").exists(),
            "no temporary left"
        );

        fs::remove_dir(out.join("b/.c.html.accord-tmp")).unwrap();
        update_in_place(&out, &changed, &["gone.html".into()]).unwrap();
        assert_eq!(fs::read_to_string(out.join("a.html")).unwrap(), "new a");
        assert_eq!(fs::read_to_string(out.join("b/c.html")).unwrap(), "new c");
    }
}
