//! `accord serve`: build, watch, and serve the site with live reload.

use std::net::{IpAddr, SocketAddr};
use std::process::ExitCode;
use std::sync::Arc;

use super::report::Reporter;
use super::stop_on_ctrl_c;

/// `accord serve`: builds, serves the site over loopback and rebuilds on change, reloading open pages.
pub fn serve(
    options: accord::BuildOptions,
    port: u16,
    bind: IpAddr,
    open: bool,
    reporter: Reporter,
) -> accord::Result<ExitCode> {
    // The rebuild thread prints too.
    let reporter = Arc::new(reporter);
    let stop = stop_on_ctrl_c();
    let serve_options = accord::serve::ServeOptions {
        build: options,
        bind,
        port,
    };
    let ready = |address: SocketAddr, first: &accord::Result<accord::BuildReport>| {
        match first {
            Ok(report) => reporter.build(report),
            Err(e) => say_err!("error: {e}"),
        }
        let url = format!("http://{address}/");
        say!("serving {url} (Ctrl-C stops)");
        if !bind.is_loopback() {
            say_err!(
                "warning: listening on {bind}: other machines can read the site (use --bind 127.0.0.1 to keep it local)"
            );
        }
        let _ = std::io::Write::flush(&mut std::io::stdout());
        if open && let Err(e) = accord::serve::open_in_browser(&url) {
            say_err!("warning: cannot open a browser ({e}); open {url} yourself");
        }
    };
    let printer = Arc::clone(&reporter);
    accord::serve::serve(&serve_options, stop, ready, move |r| printer.rebuilt(r))?;
    say!("stopped");
    Ok(ExitCode::SUCCESS)
}
