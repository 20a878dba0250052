//! Which accord this is: the version and the commit it was built from
//! (`build.rs`), as snapshots and the site's footer record them.

/// The crate's version.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The commit accord was built from (12 hex digits), or `unknown`.
pub const COMMIT: &str = env!("ACCORD_COMMIT");

/// `accord 0.1.0 (commit 0123456789ab)`.
pub const GENERATOR: &str = concat!(
    "accord ",
    env!("CARGO_PKG_VERSION"),
    " (commit ",
    env!("ACCORD_COMMIT"),
    ")"
);
