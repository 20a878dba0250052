//! Finding entity mentions in segment text, by every name an entity goes by.

use std::collections::BTreeMap;
use std::ops::Range;

use aho_corasick::AhoCorasick;

use crate::pipeline::load::entities::Entity;

/// A mention of an entity in a segment's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub range: Range<usize>,
    pub entity: usize,
    pub is_abbreviation: bool,
}

/// Finds mentions by every name an entity goes by, longest names first, so
/// "Minister Guo" is one mention and not "Guo" inside it.
pub(crate) struct MentionFinder {
    /// (surface form, entity index, is abbreviation, is Chinese), longest
    /// first: where two forms overlap, the longer is the mention.
    forms: Vec<(String, usize, bool, bool)>,
    /// Every form at once, so a text is scanned once, not once per form.
    automaton: AhoCorasick,
}

impl MentionFinder {
    pub fn new(entities: &[Entity]) -> std::result::Result<Self, String> {
        let mut forms = Vec::new();
        for (i, e) in entities.iter().enumerate() {
            let english = std::iter::once(&e.name.en).chain(&e.aliases.en);
            forms.extend(english.map(|f| (f.clone(), i, false, false)));
            let chinese = e.name.zh.iter().chain(&e.aliases.zh);
            forms.extend(chinese.map(|f| (f.clone(), i, false, true)));
            forms.extend(e.abbreviation.iter().map(|a| (a.clone(), i, true, false)));
        }
        forms.retain(|(f, ..)| !f.is_empty());
        forms.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        let automaton = AhoCorasick::new(forms.iter().map(|f| &f.0))
            .map_err(|e| format!("the entity names are too many to search for: {e}"))?;
        Ok(MentionFinder { forms, automaton })
    }

    /// The mentions in `text`, in order. Forms are taken longest first, each
    /// at its non-overlapping occurrences from the left; an occurrence that
    /// overlaps a mention already taken, or (outside Chinese) is part of a
    /// longer word, is not a mention.
    pub fn find(&self, text: &str) -> Vec<Mention> {
        let mut occurrences: Vec<(usize, usize)> = self
            .automaton
            .find_overlapping_iter(text)
            .map(|m| (m.pattern().as_usize(), m.start()))
            .collect();
        occurrences.sort_unstable();
        let mut found: Vec<Mention> = Vec::new();
        // The ranges taken so far, start to end. They never overlap, so a
        // new range overlaps one only if it overlaps the last that starts
        // before its end: one lookup, not a pass over every mention taken.
        let mut taken: BTreeMap<usize, usize> = BTreeMap::new();
        let mut last: Option<(usize, usize)> = None;
        for (form, start) in occurrences {
            let (surface, entity, is_abbreviation, chinese) = &self.forms[form];
            if last.is_some_and(|(f, end)| f == form && start < end) {
                continue;
            }
            let range = start..start + surface.len();
            last = Some((form, range.end));
            if !chinese && !at_word_boundaries(text, &range) {
                continue;
            }
            let overlaps = taken
                .range(..range.end)
                .next_back()
                .is_some_and(|(_, &end)| end > range.start);
            if !overlaps {
                taken.insert(range.start, range.end);
                found.push(Mention {
                    range,
                    entity: *entity,
                    is_abbreviation: *is_abbreviation,
                });
            }
        }
        found.sort_by_key(|m| m.range.start);
        found
    }
}

fn at_word_boundaries(text: &str, range: &Range<usize>) -> bool {
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entities() -> Vec<Entity> {
        crate::pipeline::load::yaml::from_str(
            "- {id: guo, kind: person, name: {en: Guo Shengkun}, aliases: {en: [Minister Guo, Guo]}, description: d}\n\
             - {id: mps, kind: agency, name: {en: Ministry of Public Security, zh: 公安部}, abbreviation: MPS, description: d}\n",
        )
        .unwrap()
    }

    #[test]
    fn longest_names_win_and_words_must_be_whole() {
        let finder = MentionFinder::new(&entities()).unwrap();
        let text = "Minister Guo met Guo Shengkun; Guoxiang is not Guo. MPS and MPSX.";
        let found: Vec<&str> = finder
            .find(text)
            .iter()
            .map(|m| &text[m.range.clone()])
            .collect();
        assert_eq!(found, vec!["Minister Guo", "Guo Shengkun", "Guo", "MPS"]);
        let mps = finder
            .find(text)
            .into_iter()
            .find(|m| m.entity == 1)
            .unwrap();
        assert!(mps.is_abbreviation);
    }

    #[test]
    fn a_paragraph_of_many_mentions_finds_each_once() {
        let finder = MentionFinder::new(&entities()).unwrap();
        let text = "Minister Guo and Guo, MPS. ".repeat(20_000);
        let found = finder.find(&text);
        assert_eq!(found.len(), 60_000);
        assert!(found.windows(2).all(|w| w[0].range.end <= w[1].range.start));
        let guo = found
            .iter()
            .filter(|m| &text[m.range.clone()] == "Guo")
            .count();
        assert_eq!(guo, 20_000, "`Guo` inside `Minister Guo` is not a mention");
    }

    #[test]
    fn each_form_is_taken_at_its_non_overlapping_occurrences() {
        let entities: Vec<Entity> = crate::pipeline::load::yaml::from_str(
            "- {id: long, kind: person, name: {en: Xx, zh: 丙甲乙}, description: d}\n\
             - {id: short, kind: person, name: {en: Yy, zh: 乙乙}, description: d}\n",
        )
        .unwrap();
        let finder = MentionFinder::new(&entities).unwrap();
        let entities_of =
            |text: &str| -> Vec<usize> { finder.find(text).iter().map(|m| m.entity).collect() };
        // As str::match_indices finds them: 乙乙 at 2 (inside 丙甲乙, so
        // no mention), then from 4 on; never at 3, which overlaps the first.
        assert_eq!(entities_of("丙甲乙乙乙"), vec![0]);
        assert_eq!(entities_of("丙甲乙乙乙乙"), vec![0, 1]);
    }

    #[test]
    fn chinese_names_match_inside_chinese_text() {
        let finder = MentionFinder::new(&entities()).unwrap();
        let found = finder.find("中華人民共和國公安部派團訪問");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].entity, 1);
    }
}
