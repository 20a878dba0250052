//! `accord snapshot`: write an archival snapshot, or verify one.

use std::path::Path;
use std::process::ExitCode;

use super::report::Reporter;

/// `accord snapshot`: writes the .tar.gz and .wacz archives and prints their paths.
pub fn snapshot(
    options: accord::BuildOptions,
    out: &Path,
    replace: bool,
    reporter: &Reporter,
) -> accord::Result<ExitCode> {
    let out = if out.is_absolute() {
        out.to_owned()
    } else {
        options.root.join(out)
    };
    let report = accord::snapshot::snapshot(&options, &out, replace)?;
    reporter.notices(&report.notices);
    say!(
        "archived {} files (timestamp {}; content as of {})",
        report.files,
        report.timestamp,
        report.content_date.as_deref().unwrap_or("no date")
    );
    say!("  {}", report.archive.display());
    say!("  {}", report.wacz.display());
    Ok(ExitCode::SUCCESS)
}

/// `accord snapshot --verify FILE`: checks an archive against its manifest; exit 1 on a mismatch.
pub fn verify(file: &Path) -> accord::Result<ExitCode> {
    let problems = accord::snapshot::verify(file)?;
    for p in &problems {
        say!("problem: {p}");
    }
    say!("{}: {} problems", file.display(), problems.len());
    Ok(super::success_if(problems.is_empty()))
}
