//! Segment text as runs: stretches in one script, with `lang` where it
//! differs from the passage around it, and entity mentions as links.

use serde::Serialize;

use super::paths;
use crate::entities::{Entity, Mention};
use crate::script::{Simplifier, script_runs};
use crate::segment::Segment;

#[derive(Debug, Clone, Serialize)]
pub struct Run {
    pub lang: Option<String>,
    pub text: String,
    /// Link to the entity mentioned.
    pub href: Option<String>,
    /// Expansion of an abbreviation, for `<abbr title>`.
    pub abbr: Option<String>,
}

/// Splits text into runs, tagging those whose language differs from `outer`.
pub fn runs(text: &str, outer: &str, chinese: &str) -> Vec<Run> {
    linked_runs(text, outer, chinese, &[], &[], "")
}

/// A segment's text as runs, its entity mentions linked from a page whose
/// path to the site root is `root`.
pub fn segment_runs(segment: &Segment, chinese: &str, entities: &[Entity], root: &str) -> Vec<Run> {
    linked_runs(
        &segment.text,
        &segment.lang.0,
        chinese,
        &segment.mentions,
        entities,
        root,
    )
}

fn linked_runs(
    text: &str,
    outer: &str,
    chinese: &str,
    mentions: &[Mention],
    entities: &[Entity],
    root: &str,
) -> Vec<Run> {
    let outer_is_chinese = outer.starts_with("zh");
    let mut out = Vec::new();
    for (is_chinese, piece) in script_runs(text) {
        let lang = match (is_chinese, outer_is_chinese) {
            (true, false) => Some(chinese.to_owned()),
            (false, true) if piece.chars().any(char::is_alphabetic) => Some("en".to_owned()),
            _ => None,
        };
        let start = piece.as_ptr() as usize - text.as_ptr() as usize;
        let end = start + piece.len();
        let mut at = start;
        let inside = mentions
            .iter()
            .filter(|m| m.range.start >= start && m.range.end <= end);
        for m in inside {
            if at < m.range.start {
                out.push(plain(&text[at..m.range.start], &lang));
            }
            let entity = &entities[m.entity];
            out.push(Run {
                lang: lang.clone(),
                text: text[m.range.clone()].to_owned(),
                href: Some(format!("{root}{}", paths::entity(&entity.id))),
                abbr: m.is_abbreviation.then(|| entity.name.en.clone()),
            });
            at = m.range.end;
        }
        if at < end {
            out.push(plain(&text[at..end], &lang));
        }
    }
    out
}

/// The same runs in Simplified characters, for a Chinese passage; `None`
/// for any other, so templates show a script choice only where it matters.
pub fn simplified(runs: &[Run], lang: &str, simplifier: &Simplifier) -> Option<Vec<Run>> {
    if !lang.starts_with("zh") {
        return None;
    }
    let convert = |run: &Run| match run.lang.as_deref() {
        Some("en") => run.clone(),
        _ => Run {
            text: simplifier.simplify(&run.text),
            ..run.clone()
        },
    };
    Some(runs.iter().map(convert).collect())
}

fn plain(text: &str, lang: &Option<String>) -> Run {
    Run {
        lang: lang.clone(),
        text: text.to_owned(),
        href: None,
        abbr: None,
    }
}

/// The first `max` characters of `text`, cut at a word where possible.
pub fn excerpt(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => cut[..i].to_owned(),
        _ => cut,
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_end_at_a_word() {
        assert_eq!(excerpt("short", 10), "short");
        assert_eq!(
            excerpt("Both sides intend to continue, to enhance cooperation", 32),
            "Both sides intend to continue…"
        );
    }

    #[test]
    fn chinese_inside_english_gets_its_own_lang() {
        let r = runs("the 公安部 said", "en", "zh-Hant");
        assert_eq!(
            r.iter().map(|r| r.lang.as_deref()).collect::<Vec<_>>(),
            vec![None, Some("zh-Hant"), None]
        );
    }
}
