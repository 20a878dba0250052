//! The aligner on constructed texts: numbering cues, merges, splits.

use super::*;

#[test]
fn numbering_cues_in_both_languages_read_as_numbers() {
    for (cue, n) in [
        ("1.", 1),
        ("4)", 4),
        ("(2)", 2),
        ("一、", 1),
        ("五、", 5),
        ("十、", 10),
        ("十二、", 12),
        ("二十、", 20),
        ("VI.", 6),
        ("IV.", 4),
    ] {
        assert_eq!(cue_number(cue), Some(n), "{cue}");
    }
    assert_eq!(cue_number("abc"), None);
}

#[test]
fn the_normal_cdf_is_accurate_enough() {
    assert!((normal_cdf(0.0) - 0.5).abs() < 1e-6);
    assert!((normal_cdf(1.96) - 0.975).abs() < 1e-3);
}

fn p(len: f64) -> Piece {
    Piece {
        len,
        number: None,
        structural: false,
    }
}

#[test]
fn a_merged_translation_aligns_two_to_one() {
    let zh = [p(100.0), p(50.0), p(60.0), p(80.0)];
    let en = [p(300.0), p(330.0), p(240.0)];
    let a = align(&zh, &en);
    let shape: Vec<(usize, usize)> = a.beads.iter().map(|b| (b.zh.len(), b.en.len())).collect();
    assert_eq!(shape, vec![(1, 1), (2, 1), (1, 1)]);
}

#[test]
fn structural_lines_stay_alone() {
    let title = Piece {
        len: 80.0,
        number: None,
        structural: true,
    };
    let attribution = Piece {
        len: 18.0,
        number: None,
        structural: true,
    };
    let zh = [p(100.0), p(60.0), attribution];
    let en = [title, p(310.0), p(230.0)];
    let a = align(&zh, &en);
    let rows: Vec<(Vec<usize>, Vec<usize>)> = a
        .beads
        .iter()
        .map(|b| (b.zh.clone(), b.en.clone()))
        .collect();
    assert_eq!(
        rows,
        vec![
            (vec![], vec![0]),
            (vec![0], vec![1]),
            (vec![1], vec![2]),
            (vec![2], vec![])
        ]
    );
}
