//! accord: a static site generator for a corpus of official statements on
//! bilateral law-enforcement cooperation.
//!
//! - [`pipeline`]: the stages in data-flow order, each taking values and
//!   returning values: load → clean → segment → annotate → model → render
//!   → write.
//! - [`build`] runs the pipeline end to end; [`incremental`] is the layer
//!   around the stages that lets `serve` and `build --watch` redo only what
//!   changed.
//! - [`serve`] (preview with live reload), [`check`] (links, anchors, lint)
//!   and [`snapshot`] (archives) use the build; [`draft`] (`accord new`)
//!   uses the cleaner and its lint; the pipeline knows nothing of them.

// The layout rule "no function over 80 lines" (clippy.toml sets the
// threshold), checked by clippy for the tool's own code.
#![deny(clippy::too_many_lines)]

pub mod build;
pub mod check;
pub mod chinese;
mod digest;
pub mod draft;
pub mod error;
pub mod incremental;
mod mime;
pub mod pipeline;
pub mod serve;
pub mod snapshot;
pub mod version;

pub use build::{BuildOptions, BuildReport, analyse, build};
pub use error::{Error, Result};
