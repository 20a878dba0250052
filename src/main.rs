//! The command line: parses arguments and calls the library.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use clap::{Args, Parser, Subcommand};

#[derive(Parser)]
#[command(
    name = "accord",
    version,
    about = "Builds the cross-linked site of the law-enforcement cooperation corpus"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// What every command needs to find and place the site.
#[derive(Args)]
struct SiteArgs {
    /// The site folder, holding content/, seeds/ and themes/.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// The URL the site is published at, for the sitemap, canonical links and
    /// the web archive (overrides `base_url` in content/site.yaml).
    #[arg(long)]
    base_url: Option<String>,
}

/// How much a command that builds says about each build.
#[derive(Args)]
struct ReportArgs {
    /// Print how long each stage of every build took.
    #[arg(long)]
    timings: bool,
    /// Print every warning and aligner doubt; otherwise the first
    /// 20 of each kind, and how many more there are.
    #[arg(long, short)]
    verbose: bool,
}

impl ReportArgs {
    fn apply(&self) {
        PRINT_TIMINGS.store(self.timings, Ordering::Relaxed);
        VERBOSE.store(self.verbose, Ordering::Relaxed);
    }
}

impl SiteArgs {
    fn options(self, out: Option<PathBuf>) -> accord::BuildOptions {
        accord::BuildOptions {
            root: self.root,
            out,
            base_url: self.base_url,
            // Shown only on a terminal, and only for long builds.
            progress: true,
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (public/ unless --out is given).
    Build {
        #[command(flatten)]
        site: SiteArgs,
        #[command(flatten)]
        report: ReportArgs,
        /// Where to write the site.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Keep running and rebuild on every change to seeds/, content/ or themes/.
        #[arg(long)]
        watch: bool,
    },
    /// Build, watch for changes, and serve the site with live reload.
    Serve {
        #[command(flatten)]
        site: SiteArgs,
        #[command(flatten)]
        report: ReportArgs,
        /// Where to write the site.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Port to listen on (0 picks a free one).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Address to listen on; loopback unless you mean otherwise.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
    },
    /// Check annotations, every internal link and anchor, and the cleaning lint.
    Check {
        #[command(flatten)]
        site: SiteArgs,
        /// Also fetch external links (they are only listed otherwise).
        #[arg(long)]
        external: bool,
    },
    /// Write an archival snapshot (.tar.gz with manifest, and .wacz), or verify one.
    Snapshot {
        #[command(flatten)]
        site: SiteArgs,
        /// Folder for the snapshot files.
        #[arg(long, default_value = "snapshots")]
        out: PathBuf,
        /// Verify an archive against its manifest instead of writing one.
        #[arg(long, value_name = "FILE")]
        verify: Option<PathBuf>,
    },
}

fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Command::Build {
            site,
            report,
            out,
            watch,
        } => {
            report.apply();
            match watch {
                false => build(site.options(out)),
                true => self::watch(site.options(out)),
            }
        }
        Command::Serve {
            site,
            report,
            out,
            port,
            bind,
            open,
        } => {
            report.apply();
            serve(site.options(out), port, bind, open)
        }
        Command::Check { site, external } => check(site.options(None), external),
        Command::Snapshot {
            verify: Some(file), ..
        } => verify(&file),
        Command::Snapshot { site, out, .. } => snapshot(site.options(None), &out),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

fn build(options: accord::BuildOptions) -> accord::Result<ExitCode> {
    print_report(&accord::build(&options)?);
    Ok(ExitCode::SUCCESS)
}

/// Set by `--timings`; read where reports are printed, which for `serve`
/// and `build --watch` is a callback with no other way in.
static PRINT_TIMINGS: AtomicBool = AtomicBool::new(false);
/// Set by `--verbose`, likewise.
static VERBOSE: AtomicBool = AtomicBool::new(false);
/// The notices printed last.
static NOTICES_SHOWN: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());

/// Warnings of one kind shown without `--verbose`: a large site with a
/// systematic gap (thousands of untagged paragraphs, say) should not bury
/// the build's summary.
const WARNINGS_SHOWN: usize = 20;

/// Prints each of `items` with `print`, or without `--verbose` the first
/// [`WARNINGS_SHOWN`] and a line saying how many more `what` there are.
fn print_capped<T>(items: &[T], what: &str, print: impl Fn(&T)) {
    let shown = if VERBOSE.load(Ordering::Relaxed) {
        items.len()
    } else {
        items.len().min(WARNINGS_SHOWN)
    };
    items[..shown].iter().for_each(print);
    if shown < items.len() {
        eprintln!(
            "… and {} more {what} (--verbose shows them all)",
            items.len() - shown
        );
    }
}

/// Prints the notices not printed last time: a watching command would
/// otherwise repeat them after every rebuild. One that goes away and comes
/// back is printed again.
fn print_notices(notices: &[String]) {
    let mut shown = NOTICES_SHOWN.lock().unwrap_or_else(|e| e.into_inner());
    for notice in notices.iter().filter(|n| !shown.contains(n)) {
        eprintln!("notice: {notice}");
    }
    *shown = notices.to_vec();
}

fn print_report(report: &accord::BuildReport) {
    print_capped(&report.warnings, "cleaning warnings", |(slug, seed, w)| {
        eprintln!("warning: {slug} (seeds/{seed}:{}): {}", w.line, w.message)
    });
    print_capped(&report.topic_warnings, "topic warnings", |w| {
        eprintln!("warning: {w}")
    });
    print_notices(&report.notices);
    print_capped(&report.alignments, "alignment reports", |(slug, a)| {
        println!(
            "alignment of {slug}: from the {}; automatic aligner confidence {:.2}",
            a.source, a.confidence
        );
        for d in &a.doubts {
            println!("  the aligner doubts {d}");
        }
        for d in &a.disagreements {
            println!("  the automatic alignment differs: {d}");
        }
    });
    let warnings = match report.warnings.len() {
        0 => String::new(),
        n => format!(" ({n} cleaning warnings)"),
    };
    println!(
        "built {} documents, {} files into {}{warnings}",
        report.documents,
        report.files,
        report.out.display()
    );
    if PRINT_TIMINGS.load(Ordering::Relaxed) {
        for (stage, took) in &report.timings {
            println!("  {stage:<18} {:>8.1} ms", took.as_secs_f64() * 1e3);
        }
    }
}

/// A flag that Ctrl-C sets, so long-running commands stop cleanly.
fn stop_on_ctrl_c() -> Arc<AtomicBool> {
    let stop = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&stop);
    if let Err(e) = ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst)) {
        eprintln!("warning: Ctrl-C will not stop cleanly: {e}");
    }
    stop
}

fn print_rebuilt(rebuilt: accord::serve::Rebuilt) {
    match rebuilt {
        accord::serve::Rebuilt::Built {
            report,
            processed,
            changed,
            elapsed,
        } => {
            if let Some(first) = changed.first() {
                let more = if changed.len() > 1 {
                    format!(" and {} more", changed.len() - 1)
                } else {
                    String::new()
                };
                println!(
                    "changed: {}{more}; rebuilt in {} ms ({processed} of {} documents processed)",
                    first.display(),
                    elapsed.as_millis(),
                    report.documents
                );
            }
            print_report(&report);
        }
        accord::serve::Rebuilt::Failed(e) => {
            eprintln!("error: {e}\n(the last good site stays in place)")
        }
    }
    let _ = std::io::Write::flush(&mut std::io::stdout());
}

fn watch(options: accord::BuildOptions) -> accord::Result<ExitCode> {
    let stop = stop_on_ctrl_c();
    println!(
        "watching seeds/, content/ and themes/ under {}; Ctrl-C stops",
        options.root.display()
    );
    accord::serve::watch_and_build(&options, stop, print_rebuilt)?;
    println!("stopped");
    Ok(ExitCode::SUCCESS)
}

fn serve(
    options: accord::BuildOptions,
    port: u16,
    bind: std::net::IpAddr,
    open: bool,
) -> accord::Result<ExitCode> {
    let stop = stop_on_ctrl_c();
    let serve_options = accord::serve::ServeOptions {
        build: options,
        bind,
        port,
    };
    let ready = |address: std::net::SocketAddr, first: &accord::Result<accord::BuildReport>| {
        match first {
            Ok(report) => print_report(report),
            Err(e) => eprintln!("error: {e}"),
        }
        let url = format!("http://{address}/");
        println!("serving {url} (Ctrl-C stops)");
        if !bind.is_loopback() {
            eprintln!(
                "warning: listening on {bind}: other machines can read the site (use --bind 127.0.0.1 to keep it local)"
            );
        }
        let _ = std::io::Write::flush(&mut std::io::stdout());
        if open && let Err(e) = accord::serve::open_in_browser(&url) {
            eprintln!("warning: cannot open a browser ({e}); open {url} yourself");
        }
    };
    accord::serve::serve(&serve_options, stop, ready, print_rebuilt)?;
    println!("stopped");
    Ok(ExitCode::SUCCESS)
}

fn check(build: accord::BuildOptions, external: bool) -> accord::Result<ExitCode> {
    let report = accord::check::check(&accord::check::CheckOptions { build, external })?;
    for p in &report.problems {
        println!("problem: {}: {}: {}", p.page, p.link, p.message);
    }
    if !external {
        for (page, url) in &report.external {
            println!("external (not fetched; use --external): {url} on {page}");
        }
    }
    println!(
        "checked {} pages, {} links, {} external: {} problems",
        report.pages,
        report.links,
        report.external.len(),
        report.problems.len()
    );
    Ok(if report.problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

fn snapshot(options: accord::BuildOptions, out: &std::path::Path) -> accord::Result<ExitCode> {
    let out = if out.is_absolute() {
        out.to_owned()
    } else {
        options.root.join(out)
    };
    let report = accord::snapshot::snapshot(&options, &out)?;
    print_notices(&report.notices);
    println!(
        "archived {} files (timestamp {})",
        report.files, report.timestamp
    );
    println!("  {}", report.archive.display());
    println!("  {}", report.wacz.display());
    Ok(ExitCode::SUCCESS)
}

fn verify(file: &std::path::Path) -> accord::Result<ExitCode> {
    let problems = accord::snapshot::verify(file)?;
    for p in &problems {
        println!("problem: {p}");
    }
    println!("{}: {} problems", file.display(), problems.len());
    Ok(if problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}
