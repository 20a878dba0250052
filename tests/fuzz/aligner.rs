//! The aligner: any Chinese and English pieces are aligned in beads that
//! take every piece once, in order, with probabilities for posteriors and
//! confidence, and the doubts `Alignment` says it has.

use accord::pipeline::annotate::align::{Alignment, Piece, align};
use proptest::collection::vec;
use proptest::prelude::*;

use crate::{bounded, config};

fn piece() -> impl Strategy<Value = Piece> {
    let len = prop_oneof![
        1 => Just(0.0),
        6 => (0u32..400).prop_map(f64::from),
        1 => (0u32..100_000).prop_map(f64::from),
    ];
    let number = prop_oneof![
        3 => Just(None),
        2 => (1u32..12).prop_map(Some),
        1 => any::<u32>().prop_map(Some),
    ];
    (len, number, prop::bool::weighted(0.2)).prop_map(|(len, number, structural)| Piece {
        len,
        number,
        structural,
    })
}

/// Chinese and English pieces: empty, balanced, or very unequal.
fn piece_lists() -> impl Strategy<Value = (Vec<Piece>, Vec<Piece>)> {
    prop_oneof![
        4 => (vec(piece(), 0..40), vec(piece(), 0..40)),
        1 => (vec(piece(), 0..3), vec(piece(), 0..120)),
        1 => (vec(piece(), 0..120), vec(piece(), 0..3)),
    ]
}

const BEAD_SHAPES: [(usize, usize); 5] = [(1, 1), (1, 0), (0, 1), (2, 1), (1, 2)];

fn check_alignment(zh: &[Piece], en: &[Piece], a: &Alignment) {
    let zh_taken: Vec<usize> = a.beads.iter().flat_map(|b| b.zh.clone()).collect();
    let en_taken: Vec<usize> = a.beads.iter().flat_map(|b| b.en.clone()).collect();
    assert_eq!(
        zh_taken,
        (0..zh.len()).collect::<Vec<_>>(),
        "each Chinese piece once, in order"
    );
    assert_eq!(
        en_taken,
        (0..en.len()).collect::<Vec<_>>(),
        "each English piece once, in order"
    );
    for b in &a.beads {
        assert!(BEAD_SHAPES.contains(&(b.zh.len(), b.en.len())), "{b:?}");
        let structural =
            b.zh.iter()
                .map(|&i| &zh[i])
                .chain(b.en.iter().map(|&i| &en[i]));
        if b.zh.len() + b.en.len() > 1 && structural.clone().any(|p| p.structural) {
            assert!(
                b.zh.len() == 1 && b.en.len() == 1 && structural.clone().all(|p| p.structural),
                "a structural piece merged or paired with body text: {b:?}"
            );
        }
    }
    assert_eq!(a.posterior.len(), a.beads.len());
    assert!(
        a.posterior.iter().all(|p| (0.0..=1.0).contains(p)),
        "posteriors are probabilities: {:?}",
        a.posterior
    );
    assert!(
        (0.0..=1.0).contains(&a.confidence),
        "confidence {} is a probability",
        a.confidence
    );
    // The doubts are what `Alignment` says they are, bead by bead.
    let doubted: Vec<usize> = (0..a.beads.len())
        .filter(|&i| {
            let b = &a.beads[i];
            let paired = !b.zh.is_empty() && !b.en.is_empty();
            let lonely_body = !paired
                && b.zh
                    .iter()
                    .map(|&z| &zh[z])
                    .chain(b.en.iter().map(|&e| &en[e]))
                    .any(|p| !p.structural);
            let number =
                |pieces: &[Piece], side: &[usize]| side.first().and_then(|&i| pieces[i].number);
            let mismatch = matches!(
                (number(zh, &b.zh), number(en, &b.en)),
                (Some(x), Some(y)) if x != y
            );
            lonely_body || mismatch || (paired && a.posterior[i] < 0.5)
        })
        .collect();
    assert_eq!(a.doubts, doubted, "the beads in doubt, of {:?}", a.beads);
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn the_aligner_takes_every_piece_once_in_order(
        (zh, en) in piece_lists()
    ) {
        bounded("aligning", move || check_alignment(&zh, &en, &align(&zh, &en)));
    }
}
