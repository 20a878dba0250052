//! The commands, one file each; [`report`] prints what builds report.

/// `println!` that cannot panic: with standard output closed
/// (`accord serve | head`), a report is dropped, and the server goes on
/// serving and rebuilding.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

/// `eprintln!` that cannot panic, as [`say!`].
macro_rules! say_err {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

pub mod build;
pub mod check;
pub mod new;
pub mod report;
pub mod serve;
pub mod snapshot;

use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

/// A flag that Ctrl-C sets, so long-running commands stop cleanly.
fn stop_on_ctrl_c() -> Arc<AtomicBool> {
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    if let Err(e) = ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst)) {
        say_err!("warning: Ctrl-C will not stop cleanly: {e}");
    }
    stop
}

fn success_if(ok: bool) -> ExitCode {
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
