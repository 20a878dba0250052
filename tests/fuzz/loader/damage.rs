//! Damage done to the rendered YAML: a character put in or taken out, an
//! indentation made a tab, the text cut short.

use proptest::prelude::*;
use proptest::sample::{Index, select};

/// Damage done to the rendered text, as a hand or an editor does it.
#[derive(Debug, Clone)]
pub(super) enum Damage {
    Insert(Index, char),
    Delete(Index, usize),
    /// A line's indentation turned into a tab.
    Tab(Index),
    Truncate(Index),
}

pub(super) fn damage() -> impl Strategy<Value = Damage> {
    let c = prop_oneof![
        4 => select(&[
            ':', '-', ' ', '\t', '\n', '\r', '[', ']', '{', '}', '&', '*', '!', '|', '>', '\'',
            '"', '#', '%', '@', '`', '?', ',', '\u{feff}', '\u{0}', '\u{85}', '\u{2028}', '中',
            '😀', '\u{301}',
        ][..]),
        1 => any::<char>(),
    ];
    prop_oneof![
        3 => (any::<Index>(), c).prop_map(|(at, c)| Damage::Insert(at, c)),
        2 => (any::<Index>(), 1usize..8).prop_map(|(at, n)| Damage::Delete(at, n)),
        1 => any::<Index>().prop_map(Damage::Tab),
        1 => any::<Index>().prop_map(Damage::Truncate),
    ]
}

pub(super) fn apply_damage(text: &mut String, damage: &Damage) {
    let boundaries: Vec<usize> = text
        .char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .collect();
    let at = |i: &Index| boundaries[i.index(boundaries.len())];
    match damage {
        Damage::Insert(i, c) => text.insert(at(i), *c),
        Damage::Delete(i, n) => {
            let start = i.index(boundaries.len());
            let end = (start + n).min(boundaries.len() - 1);
            text.replace_range(boundaries[start]..boundaries[end], "");
        }
        Damage::Tab(i) => {
            let starts: Vec<usize> = std::iter::once(0)
                .chain(text.match_indices('\n').map(|(i, _)| i + 1))
                .collect();
            let start = starts[i.index(starts.len())];
            let indent = text[start..].len() - text[start..].trim_start_matches(' ').len();
            text.replace_range(start..start + indent, "\t");
        }
        Damage::Truncate(i) => text.truncate(at(i)),
    }
}
