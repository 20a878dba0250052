//! The pipeline, one module per stage, in data-flow order:
//!
//! 1. [`load`]: read and validate the site's inputs (settings, topics,
//!    entities, annotations, seeds, editorial pages);
//! 2. [`clean`]: apply a document's cleaning rules and filters to its seed,
//!    recording every change (provenance), and lint what is left;
//! 3. [`segment`]: split the cleaned text into paragraphs, headings and
//!    numbered items, with a language and an anchor each;
//! 4. [`annotate`]: topics, entity mentions, bilingual alignment, notes;
//! 5. [`document`]: the processed document those stages add up to;
//! 6. [`model`]: every page of the site as plain data, links resolved;
//! 7. [`render`]: the theme's templates format the model;
//! 8. [`write`]: into a staging folder, swapped in whole.

pub mod annotate;
pub mod clean;
pub mod document;
pub mod load;
pub mod model;
pub mod render;
pub mod segment;
pub mod write;
