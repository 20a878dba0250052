//! Alignment of a Chinese text with its English translation: a length-based
//! aligner in the manner of Gale and Church (1993), with numbering cues.
//!
//! Each segment is reduced to its length in characters, its numbering cue
//! (`一、` and `1.` both mean 1) and whether it is *structural* (a title, or
//! a line wholly in parentheses such as an attribution). Dynamic programming
//! finds the cheapest sequence of beads: 1-1, 1-0, 0-1, 2-1 and 1-2. A bead's
//! cost is −log of its prior times the probability of its length difference
//! under a normal model, `δ = (l_en − c·l_zh) / √(l_zh·s²)`, where the ratio
//! `c` and variance `s²` are estimated from the text itself: first `c` from the
//! totals, then both from the 1-1 beads of a first pass, and a second pass.
//! Matching numbers make a bead more likely, conflicting ones all but rule it
//! out; structural segments pair only with structural segments and never merge.

use serde::Serialize;

/// What the aligner needs to know of one segment.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    pub len: f64,
    pub number: Option<u32>,
    pub structural: bool,
}

/// One row of the alignment: indices into the Chinese and English pieces.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Bead {
    pub zh: Vec<usize>,
    pub en: Vec<usize>,
}

/// The aligner's answer: the beads in text order and how sure it is.
#[derive(Debug, Clone)]
pub struct Alignment {
    pub beads: Vec<Bead>,
    /// Posterior probability of each bead, over all possible alignments
    /// (forward–backward in the same cost model).
    pub posterior: Vec<f64>,
    /// Geometric mean of the bead posteriors.
    pub confidence: f64,
    /// Beads the aligner is unsure of: posterior below one half, a number
    /// mismatch, or a body paragraph left without a counterpart.
    pub doubts: Vec<usize>,
    pub ratio: f64,
}

const MOVES: [(usize, usize, f64); 5] = [
    (1, 1, 0.89),
    (1, 0, 0.005),
    (0, 1, 0.005),
    (2, 1, 0.05),
    (1, 2, 0.05),
];

/// Aligns Chinese and English segments by length (Gale–Church), with
/// numbering cues; see the module's documentation for the moves allowed.
pub fn align(zh: &[Piece], en: &[Piece]) -> Alignment {
    let total = |p: &[Piece]| p.iter().map(|x| x.len).sum::<f64>().max(1.0);
    let ratio = total(en) / total(zh);
    let first = best_path(zh, en, ratio, 6.8 * ratio);
    let (ratio, variance) = estimate(zh, en, &first, ratio);
    let beads = best_path(zh, en, ratio, variance);
    let posterior = posteriors(zh, en, &beads, ratio, variance);
    let confidence = if posterior.is_empty() {
        0.0
    } else {
        (posterior.iter().map(|p| p.max(1e-12).ln()).sum::<f64>() / posterior.len() as f64).exp()
    };
    let doubts = beads
        .iter()
        .enumerate()
        .filter(|(i, b)| {
            let lonely_body = (b.zh.is_empty() || b.en.is_empty())
                && b.zh
                    .iter()
                    .map(|&z| &zh[z])
                    .chain(b.en.iter().map(|&e| &en[e]))
                    .any(|p| !p.structural);
            let numbers = numbers_conflict(zh, en, b);
            let paired = !b.zh.is_empty() && !b.en.is_empty();
            lonely_body || numbers || (paired && posterior[*i] < 0.5)
        })
        .map(|(i, _)| i)
        .collect();
    Alignment {
        beads,
        posterior,
        confidence,
        doubts,
        ratio,
    }
}

fn log_add(a: f64, b: f64) -> f64 {
    if a == f64::NEG_INFINITY {
        return b;
    }
    if b == f64::NEG_INFINITY {
        return a;
    }
    let (hi, lo) = if a > b { (a, b) } else { (b, a) };
    hi + (lo - hi).exp().ln_1p()
}

/// The probability of each chosen bead among all alignments, each weighted
/// by `exp(-cost)`: forward and backward sums in log space.
fn posteriors(zh: &[Piece], en: &[Piece], chosen: &[Bead], ratio: f64, variance: f64) -> Vec<f64> {
    let (n, m) = (zh.len(), en.len());
    let cost = |i: usize, j: usize, di: usize, dj: usize, prior: f64| {
        let bead = Bead {
            zh: (i..i + di).collect(),
            en: (j..j + dj).collect(),
        };
        bead_cost(zh, en, &bead, prior, ratio, variance)
    };
    let mut forward = vec![vec![f64::NEG_INFINITY; m + 1]; n + 1];
    forward[0][0] = 0.0;
    for i in 0..=n {
        for j in 0..=m {
            for &(di, dj, prior) in &MOVES {
                if i >= di && j >= dj && (di, dj) != (0, 0) {
                    let from = forward[i - di][j - dj];
                    if from > f64::NEG_INFINITY {
                        forward[i][j] =
                            log_add(forward[i][j], from - cost(i - di, j - dj, di, dj, prior));
                    }
                }
            }
        }
    }
    let mut backward = vec![vec![f64::NEG_INFINITY; m + 1]; n + 1];
    backward[n][m] = 0.0;
    for i in (0..=n).rev() {
        for j in (0..=m).rev() {
            for &(di, dj, prior) in &MOVES {
                if i + di <= n && j + dj <= m && (di, dj) != (0, 0) {
                    let to = backward[i + di][j + dj];
                    if to > f64::NEG_INFINITY {
                        backward[i][j] = log_add(backward[i][j], to - cost(i, j, di, dj, prior));
                    }
                }
            }
        }
    }
    let total = forward[n][m];
    chosen
        .iter()
        .map(|b| {
            let (i, j) = (
                b.zh.first().copied().unwrap_or_else(|| zh_start(chosen, b)),
                b.en.first().copied().unwrap_or_else(|| en_start(chosen, b)),
            );
            let prior = MOVES
                .iter()
                .find(|mv| mv.0 == b.zh.len() && mv.1 == b.en.len())
                .map_or(1.0, |mv| mv.2);
            let c = cost(i, j, b.zh.len(), b.en.len(), prior);
            (forward[i][j] - c + backward[i + b.zh.len()][j + b.en.len()] - total)
                .exp()
                .min(1.0)
        })
        .collect()
}

/// Where an empty side of a bead starts: after the previous bead's pieces.
fn zh_start(chosen: &[Bead], bead: &Bead) -> usize {
    chosen
        .iter()
        .take_while(|b| !std::ptr::eq(*b, bead))
        .map(|b| b.zh.len())
        .sum()
}

fn en_start(chosen: &[Bead], bead: &Bead) -> usize {
    chosen
        .iter()
        .take_while(|b| !std::ptr::eq(*b, bead))
        .map(|b| b.en.len())
        .sum()
}

fn sum(pieces: &[Piece], idx: &[usize]) -> f64 {
    idx.iter().map(|&i| pieces[i].len).sum()
}

/// Two-tailed probability of the bead's length difference.
fn length_fit(zh: &[Piece], en: &[Piece], bead: &Bead, ratio: f64, variance: f64) -> f64 {
    if bead.zh.is_empty() || bead.en.is_empty() {
        return 1.0;
    }
    let l_zh = sum(zh, &bead.zh);
    let l_en = sum(en, &bead.en);
    let mean = (l_zh + l_en / ratio) / 2.0;
    let delta = (l_en - ratio * l_zh) / (mean.max(1.0) * variance).sqrt();
    2.0 * (1.0 - normal_cdf(delta.abs()))
}

fn numbers_conflict(zh: &[Piece], en: &[Piece], bead: &Bead) -> bool {
    match (
        bead.zh.first().and_then(|&i| zh[i].number),
        bead.en.first().and_then(|&i| en[i].number),
    ) {
        (Some(a), Some(b)) => a != b,
        _ => false,
    }
}

fn bead_cost(
    zh: &[Piece],
    en: &[Piece],
    bead: &Bead,
    prior: f64,
    ratio: f64,
    variance: f64,
) -> f64 {
    let pieces = || {
        bead.zh
            .iter()
            .map(|&i| &zh[i])
            .chain(bead.en.iter().map(|&i| &en[i]))
    };
    let structural = pieces().filter(|p| p.structural).count();
    let size = bead.zh.len() + bead.en.len();
    if structural > 0 && size > 1 && (structural != size || size > 2) {
        return f64::INFINITY; // structural segments pair only with each other, one to one
    }
    let mut cost = -prior.ln() - length_fit(zh, en, bead, ratio, variance).max(1e-300).ln();
    let first_zh = bead.zh.first().and_then(|&i| zh[i].number);
    let first_en = bead.en.first().and_then(|&i| en[i].number);
    match (first_zh, first_en) {
        (Some(a), Some(b)) if a == b => cost -= 10f64.ln(),
        (Some(_), Some(_)) => cost += 25.0,
        (Some(_), None) | (None, Some(_)) if !bead.zh.is_empty() && !bead.en.is_empty() => {
            cost += 2.0
        }
        _ => {}
    }
    // A later piece of a merged bead that starts a numbered item is a new item, not a continuation.
    let later_numbered = bead.zh.iter().skip(1).any(|&i| zh[i].number.is_some())
        || bead.en.iter().skip(1).any(|&i| en[i].number.is_some());
    if later_numbered {
        cost += 6.0;
    }
    cost
}

fn best_path(zh: &[Piece], en: &[Piece], ratio: f64, variance: f64) -> Vec<Bead> {
    let (n, m) = (zh.len(), en.len());
    let mut cost = vec![vec![f64::INFINITY; m + 1]; n + 1];
    let mut back = vec![vec![(0usize, 0usize); m + 1]; n + 1];
    cost[0][0] = 0.0;
    for i in 0..=n {
        for j in 0..=m {
            if cost[i][j].is_infinite() {
                continue;
            }
            for &(di, dj, prior) in &MOVES {
                if i + di > n || j + dj > m {
                    continue;
                }
                let bead = Bead {
                    zh: (i..i + di).collect(),
                    en: (j..j + dj).collect(),
                };
                let c = cost[i][j] + bead_cost(zh, en, &bead, prior, ratio, variance);
                if c < cost[i + di][j + dj] {
                    cost[i + di][j + dj] = c;
                    back[i + di][j + dj] = (di, dj);
                }
            }
        }
    }
    let mut beads = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let (di, dj) = back[i][j];
        if di == 0 && dj == 0 {
            break; // unreachable cell; cannot happen with 1-0 and 0-1 moves
        }
        beads.push(Bead {
            zh: (i - di..i).collect(),
            en: (j - dj..j).collect(),
        });
        i -= di;
        j -= dj;
    }
    beads.reverse();
    beads
}

/// Ratio and variance from the 1-1 beads of a first alignment.
fn estimate(zh: &[Piece], en: &[Piece], beads: &[Bead], fallback: f64) -> (f64, f64) {
    let pairs: Vec<(f64, f64)> = beads
        .iter()
        .filter(|b| b.zh.len() == 1 && b.en.len() == 1)
        .map(|b| (zh[b.zh[0]].len, en[b.en[0]].len))
        .collect();
    if pairs.len() < 3 {
        return (fallback, 6.8 * fallback);
    }
    let ratio = pairs.iter().map(|p| p.1).sum::<f64>() / pairs.iter().map(|p| p.0).sum::<f64>();
    let variance = pairs
        .iter()
        .map(|(a, b)| (b - ratio * a).powi(2) / ((a + b / ratio) / 2.0).max(1.0))
        .sum::<f64>()
        / pairs.len() as f64;
    (ratio, variance.max(ratio))
}

/// Standard normal cumulative distribution (Abramowitz and Stegun 26.2.17).
fn normal_cdf(x: f64) -> f64 {
    let t = 1.0 / (1.0 + 0.231_641_9 * x.abs());
    let poly = t
        * (0.319_381_53
            + t * (-0.356_563_782
                + t * (1.781_477_937 + t * (-1.821_255_978 + t * 1.330_274_429))));
    let tail = (-x * x / 2.0).exp() / (2.0 * std::f64::consts::PI).sqrt() * poly;
    if x >= 0.0 { 1.0 - tail } else { tail }
}

/// The number a numbering cue stands for: `3.`, `3)`, `(3)`, `三、`, `III.`.
pub(crate) fn cue_number(cue: &str) -> Option<u32> {
    let core = cue.trim_matches(|c: char| "().、".contains(c));
    if let Ok(n) = core.parse::<u32>() {
        return Some(n);
    }
    let digit = |c: char| "一二三四五六七八九".find(c).map(|i| i as u32 / 3 + 1);
    let chinese: Vec<char> = core.chars().collect();
    match chinese.as_slice() {
        ['十'] => return Some(10),
        ['十', d] => return digit(*d).map(|d| 10 + d),
        [d, '十'] => return digit(*d).map(|d| d * 10),
        [d, '十', e] => return digit(*d).zip(digit(*e)).map(|(d, e)| d * 10 + e),
        [d] if digit(*d).is_some() => return digit(*d),
        _ => {}
    }
    roman(core)
}

fn roman(text: &str) -> Option<u32> {
    let value = |c| match c {
        'I' => Some(1),
        'V' => Some(5),
        'X' => Some(10),
        _ => None,
    };
    let values: Vec<u32> = text.chars().map(value).collect::<Option<_>>()?;
    let mut total = 0;
    for (i, v) in values.iter().enumerate() {
        if values.get(i + 1).is_some_and(|next| next > v) {
            total -= *v as i64
        } else {
            total += *v as i64
        }
    }
    u32::try_from(total).ok().filter(|&t| t > 0)
}

#[cfg(test)]
mod tests;
