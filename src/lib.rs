//! accord: a static site generator for a corpus of official statements on
//! bilateral law-enforcement cooperation.
//!
//! The pipeline, one module per stage, data flowing one way:
//! [`load`] → [`clean`] → [`segment`] → [`document`] (per document) →
//! [`model`] (the whole site as plain data) → [`render`] → [`write`].
//! [`build`] runs it end to end.
//! [`serve`] (with [`watch`]) runs it again on every change, keeping the
//! processed documents in an [`incremental::Cache`]; the pipeline knows
//! nothing of it.

pub mod align;
pub mod annotate;
pub mod annotation;
pub mod bilingual;
pub mod build;
pub mod check;
pub mod clean;
pub mod config;
mod digest;
pub mod document;
pub mod entities;
pub mod error;
pub mod files;
mod ids;
pub mod incremental;
pub mod load;
pub mod markdown;
pub mod model;
pub mod publish;
pub mod render;
pub mod script;
pub mod search;
pub mod segment;
pub mod serve;
pub mod snapshot;
pub mod timings;
pub mod topics;
pub mod watch;
pub mod write;
pub(crate) mod yaml;

pub use build::{BuildOptions, BuildReport, analyse, build};
pub use error::{Error, Result};
