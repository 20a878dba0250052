//! `accord new`: a raw scrape into the site, with a draft annotation.

use std::path::Path;
use std::process::ExitCode;

use accord::draft::{Drafted, NewOptions, new_document};

/// `accord new SEED`: places the seed, writes the draft and says what it
/// holds and what the editor has to do next.
pub fn new(options: &NewOptions) -> accord::Result<ExitCode> {
    let drafted = new_document(options)?;
    print_summary(&options.root, &drafted);
    Ok(ExitCode::SUCCESS)
}

fn print_summary(root: &Path, d: &Drafted) {
    let shown = |path: &Path| {
        path.strip_prefix(root)
            .unwrap_or(path)
            .display()
            .to_string()
    };
    let placed = match (d.seed_copied, d.checksum_added) {
        (true, true) => " (copied; its checksum added to seeds/SHA256SUMS)",
        (true, false) => " (copied)",
        (false, true) => " (its checksum added to seeds/SHA256SUMS)",
        (false, false) => "",
    };
    let draft = &d.draft;
    say!("seed: seeds/{}{placed}", d.seed);
    say!("wrote {}", shown(&d.annotation));
    say!(
        "  {} cleaning rules: {} of {} lines removed, {} kept",
        draft.rules,
        draft.removed_lines,
        draft.removed_lines + draft.kept_lines,
        draft.kept_lines
    );
    if !draft.guessed.is_empty() {
        say!(
            "  guessed from the page: {} (each under a `# guess:` comment)",
            draft.guessed.join(", ")
        );
    }
    if draft.placeholders > 0 {
        say!(
            "  {} replace rules wait for the words their tokens stand for: the build refuses `{}` until you write them",
            draft.placeholders,
            accord::pipeline::clean::lint::PLACEHOLDER
        );
    }
    say!(
        "next: check the draft against the page, then `accord build` and read the document's provenance"
    );
}
