//! Criterion benchmarks of the pipeline's stages on the bundled corpus:
//! cleaning, segmentation, alignment and rendering.
//!
//! `cargo bench --bench pipeline`

use std::hint::black_box;
use std::path::Path;

use accord::annotation::LanguageTag;
use criterion::{Criterion, criterion_group, criterion_main};

fn corpus() -> accord::load::Inputs {
    accord::load::load(Path::new(env!("CARGO_MANIFEST_DIR"))).expect("the bundled corpus loads")
}

fn chinese(languages: &[LanguageTag]) -> bool {
    languages.iter().any(LanguageTag::is_chinese)
}

fn cleaning(c: &mut Criterion) {
    let inputs = corpus();
    c.bench_function("clean the five documents", |b| {
        b.iter(|| {
            for input in &inputs.documents {
                let a = &input.annotation;
                let cleaned = accord::clean::clean(
                    black_box(&input.raw),
                    &a.cleaning,
                    a.filters,
                    chinese(&a.metadata.languages),
                );
                black_box(cleaned.expect("cleans"));
            }
        })
    });
}

fn segmentation(c: &mut Criterion) {
    let inputs = corpus();
    let cleaned: Vec<_> = inputs
        .documents
        .iter()
        .map(|input| {
            let a = &input.annotation;
            let cleaned = accord::clean::clean(
                &input.raw,
                &a.cleaning,
                a.filters,
                chinese(&a.metadata.languages),
            );
            (cleaned.expect("cleans"), a)
        })
        .collect();
    c.bench_function("segment the five documents", |b| {
        b.iter(|| {
            for (text, a) in &cleaned {
                let segments =
                    accord::segment::segment(black_box(text), &a.metadata.languages, &a.segments);
                black_box(segments.expect("segments"));
            }
        })
    });
}

fn alignment(c: &mut Criterion) {
    let (_, documents) =
        accord::analyse(Path::new(env!("CARGO_MANIFEST_DIR"))).expect("the corpus builds");
    let bilingual = documents
        .iter()
        .find(|d| !d.alignment.is_empty())
        .expect("a bilingual document");
    let pieces = |chinese: bool| -> Vec<_> {
        bilingual
            .segments
            .iter()
            .filter(|s| s.lang.is_chinese() == chinese)
            .map(accord::bilingual::piece)
            .collect()
    };
    let (zh, en) = (pieces(true), pieces(false));
    c.bench_function("align the 2023 statement", |b| {
        b.iter(|| black_box(accord::align::align(black_box(&zh), black_box(&en))))
    });
    // Ten times as long, to show how the aligner grows with the text.
    let ten = |pieces: &[accord::align::Piece]| -> Vec<accord::align::Piece> {
        (0..10).flat_map(|_| pieces.iter().cloned()).collect()
    };
    let (zh10, en10) = (ten(&zh), ten(&en));
    c.bench_function("align the 2023 statement repeated 10 times", |b| {
        b.iter(|| black_box(accord::align::align(black_box(&zh10), black_box(&en10))))
    });
}

fn rendering(c: &mut Criterion) {
    let options = accord::BuildOptions {
        root: Path::new(env!("CARGO_MANIFEST_DIR")).to_owned(),
        ..Default::default()
    };
    let mut group = c.benchmark_group("render");
    group.sample_size(10);
    group.bench_function("the whole bundled site, in memory", |b| {
        b.iter(|| black_box(accord::build::render_site(&options).expect("renders")))
    });
    group.finish();
}

criterion_group!(benches, cleaning, segmentation, alignment, rendering);
criterion_main!(benches);
