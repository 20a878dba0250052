//! Characters a page cannot carry: C0 controls other than tab and line
//! breaks, DEL, C1 controls and Unicode noncharacters (U+FFFE …). HTML
//! reports them as parse errors and XML (the TEI export, the Atom feed)
//! forbids them, so they never reach the output. Scrapes bring them in: a
//! vertical tab where a word processor broke a line, a form feed between
//! pages, a C1 byte where a Windows-1252 quote was decoded as Latin-1.
//!
//! The filter runs after the annotation's rules, on whatever text they
//! left; each removal is recorded in the provenance, and the lint warns
//! with the rule that makes the choice explicit (see
//! [`super::lint`]).

use std::collections::BTreeMap;
use std::ops::Range;

use super::lint::{Kind, PLACEHOLDER, Warning};
use super::{Cleaned, Draft, RawLines};

/// The provenance name of this filter's edits.
pub(crate) const RULE: &str = "filter control";

/// Whether `c` cannot be published in HTML or XML text.
pub(crate) fn is_unpublishable(c: char) -> bool {
    let code = u32::from(c);
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        || (0xFDD0..=0xFDEF).contains(&code)
        || code & 0xFFFE == 0xFFFE
}

/// Removes every run of such characters that no rule dealt with. Between
/// two letters a run of C0 controls becomes a space (a vertical tab was a
/// line break, a form feed a page break); elsewhere, and for the others (a
/// C1 control is a mis-decoded character only the editor can restore), the
/// run goes.
pub(super) fn apply(draft: &mut Draft<'_>) {
    let raw = draft.raw();
    let mut proposals: Vec<(Range<usize>, &'static str, String)> = Vec::new();
    let mut chars = raw.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !is_unpublishable(c) {
            continue;
        }
        let mut end = start + c.len_utf8();
        let mut c0 = c < ' ';
        while let Some(&(at, next)) = chars.peek() {
            if !is_unpublishable(next) {
                break;
            }
            c0 &= next < ' ';
            end = at + next.len_utf8();
            chars.next();
        }
        let before = raw[..start].chars().next_back();
        let after = raw[end..].chars().next();
        let inside_text = |c: Option<char>| c.is_some_and(|c| !c.is_whitespace());
        let replacement = if c0 && inside_text(before) && inside_text(after) {
            " "
        } else {
            ""
        };
        proposals.push((start..end, replacement, describe(&raw[start..end])));
    }
    draft.propose_all(proposals, RULE);
}

/// One warning per character the filter removed: where it first was, how
/// often, and the rule that makes the edit the editor's own (after which
/// the filter has nothing left to do and the warning goes).
pub(crate) fn warnings(cleaned: &Cleaned, lines: &RawLines<'_>) -> Vec<Warning> {
    // Character → (first raw offset, count, what replaced it).
    let mut seen: BTreeMap<char, (usize, usize, &str)> = BTreeMap::new();
    for edit in cleaned.edits.iter().filter(|e| e.rule == RULE) {
        for c in cleaned.raw[edit.range.clone()].chars() {
            let entry = seen
                .entry(c)
                .or_insert((edit.range.start, 0, edit.replacement.as_str()));
            entry.1 += 1;
        }
    }
    let mut warnings: Vec<Warning> = seen
        .into_iter()
        .map(|(c, (first, count, with))| {
            // Only the editor knows the character a C1 control stood for.
            let with = if is_c1(c) { PLACEHOLDER } else { with };
            let line = lines.raw_line(first);
            let times = match count {
                1 => String::new(),
                n => format!(" {n} times, first here"),
            };
            Warning {
                line,
                last_line: line,
                kind: Kind::ControlCharacter,
                message: format!(
                    "{} removed{times}: {}",
                    code_points(&c.to_string()),
                    if is_c1(c) {
                        "a C1 control is often a Windows-1252 character decoded as Latin-1; write the character it stands for"
                    } else {
                        "HTML and XML cannot carry it"
                    }
                ),
                suggestion: Some(format!(
                    "- replace: {{find: \"\\u{:04X}\", with: \"{with}\", why: control character}}",
                    u32::from(c)
                )),
            }
        })
        .collect();
    warnings.sort_by_key(|w| w.line);
    warnings
}

fn is_c1(c: char) -> bool {
    ('\u{80}'..='\u{9f}').contains(&c)
}

/// `U+000B`, `U+000C U+000C`: the characters of a run, for the reason.
pub(crate) fn code_points(run: &str) -> String {
    run.chars()
        .map(|c| format!("U+{:04X}", u32::from(c)))
        .collect::<Vec<_>>()
        .join(" ")
}

fn describe(run: &str) -> String {
    let c1 = run.chars().any(is_c1);
    format!(
        "{} cannot be published in HTML or XML{}",
        code_points(run),
        if c1 {
            " (a C1 control is often a Windows-1252 character decoded as Latin-1)"
        } else {
            ""
        }
    )
}

#[cfg(test)]
mod tests {
    use super::super::{Filters, clean};

    fn cleaned(raw: &str) -> super::super::Cleaned {
        clean(raw, &[], Filters::default(), false).expect("no rules to fail")
    }

    #[test]
    fn controls_become_a_space_between_words_and_go_elsewhere() {
        let c = cleaned("Two\u{b}sides agreed.\u{c}\nDon\u{92}t \u{7}stop\u{fffe}.\u{0}\n");
        assert_eq!(c.text, "Two sides agreed.\nDont stop.\n");
        assert_eq!(c.edits.len(), 6, "{:?}", c.edits);
        assert!(c.edits.iter().all(|e| e.rule == super::RULE));
        let why: Vec<&str> = c.edits.iter().filter_map(|e| e.why.as_deref()).collect();
        assert!(why[0].starts_with("U+000B cannot be published"), "{why:?}");
        assert!(why[2].contains("Windows-1252"), "{why:?}");
    }

    #[test]
    fn tabs_line_breaks_and_ordinary_text_are_kept() {
        let text = "Tab\there\r\n中文（括号）and ‘quotes’ \u{a0}\u{feff}\u{200b}.\n";
        let c = cleaned(text);
        assert_eq!(c.text, text);
        assert!(c.edits.is_empty());
    }

    #[test]
    fn a_text_full_of_controls_is_cleaned_in_one_pass() {
        let raw = "a\u{b}".repeat(200_000);
        let c = cleaned(&raw);
        assert_eq!(c.text.len(), 400_000 - 1);
        assert_eq!(c.edits.len(), 200_000);
    }
}
