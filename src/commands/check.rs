//! `accord check`: annotations, internal links and anchors, the cleaning lint.

use std::process::ExitCode;

/// `accord check`: prints every problem found; exit 1 if there is one.
pub fn check(build: accord::BuildOptions, external: bool) -> accord::Result<ExitCode> {
    let report = accord::check::check(&accord::check::CheckOptions { build, external })?;
    for p in &report.problems {
        say!("problem: {}: {}: {}", p.page, p.link, p.message);
    }
    if !external {
        for (page, url) in &report.external {
            say!("external (not fetched; use --external): {url} on {page}");
        }
    }
    say!(
        "checked {} pages, {} links, {} external: {} problems",
        report.pages,
        report.links,
        report.external.len(),
        report.problems.len()
    );
    Ok(super::success_if(report.problems.is_empty()))
}
