//! The command line: parses the arguments and hands them to a command
//! (`src/commands/`, one file each).

// The layout rule "no function over 80 lines" (clippy.toml sets the
// threshold), checked by clippy for the tool's own code.
#![deny(clippy::too_many_lines)]

#[macro_use]
mod commands;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use commands::report::Reporter;

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
    fn reporter(&self) -> Reporter {
        Reporter::new(self.timings, self.verbose)
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
            captured: None,
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
    /// Put a raw scrape in seeds/ and write a draft annotation for it:
    /// cleaning rules from the lint, metadata the page gives, each guess
    /// commented. Never overwrites a file.
    New {
        /// The site folder, holding content/ and seeds/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// The raw text: a file in seeds/ already, or one to copy there.
        seed: PathBuf,
        /// The document's slug (the annotation's file name); by default
        /// the year and the first words of the title.
        #[arg(long)]
        slug: Option<String>,
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
        /// Replace archives of the same capture time (never done otherwise).
        #[arg(long)]
        replace: bool,
    },
}

fn main() -> ExitCode {
    let result = match Cli::parse().command {
        Command::Build {
            site,
            report,
            out,
            watch,
        } => match watch {
            false => commands::build::build(site.options(out), &report.reporter()),
            true => commands::build::watch(site.options(out), &report.reporter()),
        },
        Command::Serve {
            site,
            report,
            out,
            port,
            bind,
            open,
        } => commands::serve::serve(site.options(out), port, bind, open, report.reporter()),
        Command::Check { site, external } => commands::check::check(site.options(None), external),
        Command::New { root, seed, slug } => {
            commands::new::new(&accord::draft::NewOptions { root, seed, slug })
        }
        Command::Snapshot {
            verify: Some(file), ..
        } => commands::snapshot::verify(&file),
        Command::Snapshot {
            site, out, replace, ..
        } => commands::snapshot::snapshot(site.options(None), &out, replace, &Reporter::default()),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            say_err!("error: {err}");
            ExitCode::FAILURE
        }
    }
}
