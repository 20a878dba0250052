//! Records the commit accord is built from, for snapshots and the site's
//! footer to say which accord made them. Outside a git checkout (a crate
//! tarball, a machine without git) the commit is `unknown`.

use std::path::Path;
use std::process::Command;

fn main() {
    let commit = Command::new("git")
        .args(["rev-parse", "--short=12", "HEAD"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .and_then(|o| String::from_utf8(o.stdout).ok())
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty() && s.bytes().all(|b| b.is_ascii_hexdigit()))
        .unwrap_or_else(|| "unknown".to_owned());
    println!("cargo:rustc-env=ACCORD_COMMIT={commit}");
    // A new commit moves the branch HEAD names; rebuild when either moves.
    let head = Path::new(".git/HEAD");
    if head.is_file() {
        println!("cargo:rerun-if-changed=.git/HEAD");
        // Only files that exist: cargo reruns for ever on a missing one.
        if let Ok(text) = std::fs::read_to_string(head)
            && let Some(branch) = text.trim().strip_prefix("ref: ")
            && Path::new(".git").join(branch).is_file()
        {
            println!("cargo:rerun-if-changed=.git/{branch}");
        }
        if Path::new(".git/packed-refs").is_file() {
            println!("cargo:rerun-if-changed=.git/packed-refs");
        }
    } else {
        println!("cargo:rerun-if-changed=build.rs");
    }
}
