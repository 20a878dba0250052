//! The command line: parses arguments and calls the library.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

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

#[derive(Subcommand)]
enum Command {
    /// Build the site into the output folder (public/ unless --out is given).
    Build {
        /// The site folder, holding content/, seeds/ and themes/.
        #[arg(long, default_value = ".")]
        root: PathBuf,
        /// Where to write the site.
        #[arg(long)]
        out: Option<PathBuf>,
        /// The URL the site is published at, for the sitemap and canonical
        /// links (overrides `base_url` in content/site.yaml).
        #[arg(long)]
        base_url: Option<String>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            root,
            out,
            base_url,
        } => match accord::build(&accord::BuildOptions {
            root,
            out,
            base_url,
        }) {
            Ok(report) => {
                for (slug, seed, w) in &report.warnings {
                    eprintln!("warning: {slug} (seeds/{seed}:{}): {}", w.line, w.message);
                }
                for w in &report.topic_warnings {
                    eprintln!("warning: {w}");
                }
                for notice in &report.notices {
                    eprintln!("notice: {notice}");
                }
                for (slug, a) in &report.alignments {
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
                }
                println!(
                    "built {} documents, {} files into {}{}",
                    report.documents,
                    report.files,
                    report.out.display(),
                    match report.warnings.len() {
                        0 => String::new(),
                        n => format!(" ({n} cleaning warnings)"),
                    }
                );
                ExitCode::SUCCESS
            }
            Err(err) => {
                eprintln!("error: {err}");
                ExitCode::FAILURE
            }
        },
    }
}
