//! `accord build`, and `accord build --watch`.

use std::process::ExitCode;

use super::report::Reporter;
use super::stop_on_ctrl_c;

/// `accord build`: one build, reported; exit 1 on bad input.
pub fn build(options: accord::BuildOptions, reporter: &Reporter) -> accord::Result<ExitCode> {
    reporter.build(&accord::build(&options)?);
    Ok(ExitCode::SUCCESS)
}

/// `accord build --watch`: builds, then rebuilds on every change until Ctrl-C.
pub fn watch(options: accord::BuildOptions, reporter: &Reporter) -> accord::Result<ExitCode> {
    let stop = stop_on_ctrl_c();
    say!(
        "watching seeds/, content/ and themes/ under {}; Ctrl-C stops",
        options.root.display()
    );
    accord::serve::watch_and_build(&options, stop, |r| reporter.rebuilt(r))?;
    say!("stopped");
    Ok(ExitCode::SUCCESS)
}
