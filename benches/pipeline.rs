//! Criterion benchmarks of the pipeline's stages on the bundled corpus
//! (issue 9): cleaning, segmentation, alignment and rendering.
//!
//! `cargo bench --bench pipeline` (add `-- clean` to run one group, or
//! `-- --warm-up-time 1 --measurement-time 2` for a quick pass).
//!
//! Groups:
//! - `clean`: [`accord::pipeline::clean::clean_document`] (the annotation's rules, then the
//!   enabled generic filters) on each document's raw seed, and on all five;
//! - `segment`: [`accord::pipeline::segment::segment_document`] on each cleaned text, and on all;
//! - `align`: the Gale–Church aligner [`accord::pipeline::annotate::align::align`] on the 2023
//!   statement's Chinese and English segments, as they are and repeated
//!   2, 5 and 10 times in both languages to show how it scales;
//! - `render`: the whole site to in-memory files
//!   ([`accord::build::render_site`]), and single pages of the 2023
//!   statement, split into building the page's data
//!   ([`accord::pipeline::model::SiteModel::page`]) and formatting it through the
//!   theme's templates ([`accord::pipeline::render::Theme::render`]).
//!
//! Every input is prepared outside the timed closures.

use std::hint::black_box;
use std::path::PathBuf;
use std::sync::Arc;

use accord::pipeline::annotate::align::Piece;
use accord::pipeline::clean::Cleaned;
use accord::pipeline::document::Document;
use accord::pipeline::load::{DocumentInput, Inputs};
use accord::pipeline::model::{PageSpec, SiteModel};
use criterion::{BatchSize, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn corpus() -> Inputs {
    accord::pipeline::load::load(&root()).expect("the bundled corpus loads")
}

/// The cleaning stage of one document, as `pipeline::process` runs it.
fn clean(input: &DocumentInput) -> Cleaned {
    accord::pipeline::clean::clean_document(input).unwrap_or_else(|e| panic!("{e}"))
}

fn cleaning(c: &mut Criterion) {
    let inputs = corpus();
    let mut group = c.benchmark_group("clean");
    for input in &inputs.documents {
        group.throughput(Throughput::Bytes(input.raw.len() as u64));
        group.bench_with_input(
            BenchmarkId::from_parameter(&input.slug),
            input,
            |b, input| b.iter(|| black_box(clean(black_box(input)))),
        );
    }
    let total: usize = inputs.documents.iter().map(|d| d.raw.len()).sum();
    group.throughput(Throughput::Bytes(total as u64));
    group.bench_function("all five", |b| {
        b.iter(|| {
            for input in &inputs.documents {
                black_box(clean(black_box(input)));
            }
        })
    });
    group.finish();
}

fn segmentation(c: &mut Criterion) {
    let inputs = corpus();
    let cleaned: Vec<(&DocumentInput, Cleaned)> =
        inputs.documents.iter().map(|i| (&**i, clean(i))).collect();
    let segment = |input: &DocumentInput, text: &Cleaned| {
        accord::pipeline::segment::segment_document(input, text).unwrap_or_else(|e| panic!("{e}"))
    };
    let mut group = c.benchmark_group("segment");
    for (input, text) in &cleaned {
        group.throughput(Throughput::Bytes(text.text.len() as u64));
        group.bench_function(BenchmarkId::from_parameter(&input.slug), |b| {
            b.iter(|| black_box(segment(input, black_box(text))))
        });
    }
    let total: usize = cleaned.iter().map(|(_, t)| t.text.len()).sum();
    group.throughput(Throughput::Bytes(total as u64));
    group.bench_function("all five", |b| {
        b.iter(|| {
            for (input, text) in &cleaned {
                black_box(segment(input, black_box(text)));
            }
        })
    });
    group.finish();
}

/// The bundled corpus processed up to annotation (clean, segment, metadata,
/// topics, entities, alignment): what the model and the templates start from.
fn documents() -> (Inputs, Vec<Arc<Document>>) {
    accord::analyse(&root()).expect("the bundled corpus builds")
}

/// The document with segments in both Chinese and English: the 2023 statement.
fn bilingual(documents: &[Arc<Document>]) -> usize {
    documents
        .iter()
        .position(|d| {
            d.segments.iter().any(|s| s.lang.is_chinese())
                && d.segments.iter().any(|s| !s.lang.is_chinese())
        })
        .expect("a bilingual document")
}

fn alignment(c: &mut Criterion) {
    let (_, documents) = documents();
    let doc = &documents[bilingual(&documents)];
    // The aligner's input, as `bilingual::align_segments` builds it.
    let pieces = |chinese: bool| -> Vec<Piece> {
        doc.segments
            .iter()
            .filter(|s| s.lang.is_chinese() == chinese)
            .map(accord::pipeline::annotate::bilingual::piece)
            .collect()
    };
    let (zh, en) = (pieces(true), pieces(false));
    let repeat = |pieces: &[Piece], times: usize| -> Vec<Piece> {
        (0..times).flat_map(|_| pieces.iter().cloned()).collect()
    };
    let mut group = c.benchmark_group("align");
    for times in [1, 2, 5, 10] {
        let (zh, en) = (repeat(&zh, times), repeat(&en, times));
        // Segments on both sides, so the per-element rate shows the
        // quadratic dynamic programme as a falling rate.
        group.throughput(Throughput::Elements((zh.len() + en.len()) as u64));
        let name = format!("2023 statement x{times} ({} zh, {} en)", zh.len(), en.len());
        group.bench_function(BenchmarkId::from_parameter(name), |b| {
            b.iter(|| {
                black_box(accord::pipeline::annotate::align::align(
                    black_box(&zh),
                    black_box(&en),
                ))
            })
        });
    }
    group.finish();
}

fn rendering(c: &mut Criterion) {
    let mut group = c.benchmark_group("render");

    // Single pages of the 2023 statement, with everything the site model
    // needs built once outside the timed closures, as `build` prepares it.
    let (inputs, documents) = documents();
    let theme =
        accord::pipeline::render::load_theme(&inputs.root, &inputs.config.theme).expect("theme");
    let simplifier = accord::chinese::Simplifier::new().expect("OpenCC loads");
    let markdown = accord::pipeline::render::markdown::Markdown::default();
    let editorial = inputs
        .pages
        .iter()
        .map(|p| (p, markdown.to_html(&p.markdown, "../").html))
        .collect();
    let base_url =
        accord::pipeline::render::publishing::base_url(inputs.config.base_url.as_deref())
            .expect("base URL");
    let model = SiteModel::new(
        &inputs,
        &documents,
        editorial,
        base_url.as_deref(),
        &simplifier,
        &theme.strings,
    )
    .expect("the site model builds");
    let doc = bilingual(&documents);
    let pages = [
        ("document page", PageSpec::Document(doc)),
        ("bilingual page", PageSpec::Bilingual(doc)),
        ("source page", PageSpec::Source(doc)),
    ];
    for (name, spec) in pages {
        // Data and templates together, as `build` renders a page.
        group.bench_function(format!("{name}: model + template"), |b| {
            b.iter(|| {
                let page = model.page(black_box(spec));
                black_box(theme.render(&page).expect("renders"))
            })
        });
        // The templates alone, on a page built in setup; the page is handed
        // back so that dropping it falls outside the measurement.
        group.bench_function(format!("{name}: template only"), |b| {
            b.iter_batched(
                || model.page(spec),
                |page| {
                    let html = theme.render(black_box(&page)).expect("renders");
                    (page, html)
                },
                BatchSize::SmallInput,
            )
        });
    }

    // The whole pipeline up to the output files, writing nothing: load,
    // process, model, templates, assets, search index. It includes loading
    // the theme and OpenCC's dictionaries, as every build does.
    let options = accord::BuildOptions {
        root: root(),
        ..Default::default()
    };
    let files = accord::build::render_site(&options)
        .expect("renders")
        .files
        .len();
    group.sample_size(10);
    group.throughput(Throughput::Elements(files as u64));
    group.bench_function(format!("whole site in memory ({files} files)"), |b| {
        b.iter(|| black_box(accord::build::render_site(black_box(&options)).expect("renders")))
    });
    group.finish();
}

criterion_group!(benches, cleaning, segmentation, alignment, rendering);
criterion_main!(benches);
