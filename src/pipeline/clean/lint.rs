//! The cleaning lint: leftovers in the clean text that look like noise the
//! rules missed. `build` prints them as warnings; `check` treats them as errors.

use super::Cleaned;
use super::filters::{looks_like_keyword_list, pinyin_readings};
use crate::chinese::{is_han, is_mostly_chinese};

/// A suspicious leftover in the clean text, for the editor to look at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// 1-based line in the raw seed.
    pub line: usize,
    pub message: String,
}

/// Lints the clean text of a document; `chinese_expected` says whether the
/// document declares Chinese among its languages.
pub fn lint(cleaned: &Cleaned, chinese_expected: bool) -> Vec<Warning> {
    let mut warnings = Vec::new();
    let raw_lines = cleaned.raw_lines();
    let mut offset = 0;
    for line in cleaned.text.split_inclusive('\n') {
        let text = line.trim_end_matches(['\n', '\r']);
        for message in lint_line(text, chinese_expected) {
            warnings.push(Warning {
                line: raw_lines.line(offset),
                message,
            });
        }
        offset += line.len();
    }
    warnings
}

fn lint_line(text: &str, chinese_expected: bool) -> Vec<String> {
    let mut found = Vec::new();
    let chinese = is_mostly_chinese(text);
    let latin_words = text
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() > 1)
        .count();
    if chinese && !chinese_expected {
        found.push("Chinese line in a document whose languages do not include Chinese".into());
    } else if latin_words >= 3 && text.chars().any(is_han) {
        let run: String = text
            .chars()
            .skip_while(|c| !is_han(*c))
            .take_while(|c| is_han(*c))
            .take(12)
            .collect();
        found.push(format!("Chinese text inside English: `{run}`"));
    }
    for (i, _) in text.match_indices('?') {
        if is_stray_question_mark(text, i, chinese) {
            found.push(format!(
                "stray `?` (a lost character?): `{}`",
                context(text, i)
            ));
        }
    }
    for range in pinyin_readings(text) {
        found.push(format!("parenthesised pinyin: `{}`", &text[range]));
    }
    if looks_like_keyword_list(text) {
        found.push("line looks like a list of links or keywords".into());
    }
    if text.contains('\u{FFFD}') {
        found.push("replacement character U+FFFD: text was lost in decoding".into());
    }
    found
}

/// A real question mark ends a word and is followed by a space, a closing
/// quote or the end of the line; Chinese text uses the full-width `？`.
fn is_stray_question_mark(text: &str, at: usize, chinese: bool) -> bool {
    if chinese {
        return true;
    }
    let prev = text[..at].chars().next_back();
    let next = text[at + 1..].chars().next();
    let ends_word = prev.is_some_and(|c| c.is_alphanumeric() || c == ')' || c == '"' || c == '\'');
    let followed_well = next.is_none_or(|c| c.is_whitespace() || "\"'”’)".contains(c));
    !(ends_word && followed_well)
}

fn context(text: &str, at: usize) -> String {
    let start = text[..at].char_indices().rev().nth(8).map_or(0, |(i, _)| i);
    let end = text[at..]
        .char_indices()
        .nth(9)
        .map_or(text.len(), |(i, _)| at + i);
    text[start..end].to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::clean::Draft;

    fn lint_text(raw: &str) -> Vec<String> {
        lint(&Draft::new(raw).finish(), false)
            .into_iter()
            .map(|w| format!("{}: {}", w.line, w.message))
            .collect()
    }

    #[test]
    fn lint_reports_each_kind_of_leftover_with_its_line() {
        let found = lint_text(
            "Clean line? Yes.\nFran?ais\nThe 皇冠体育app policy\n應(yīng)邀\na| b| c| d| e\nbad \u{FFFD}\n",
        );
        assert_eq!(found.len(), 6, "{found:#?}");
        assert!(found[0].starts_with("2: stray `?`"));
        assert!(found[1].starts_with("3: Chinese text inside English"));
        assert!(found[2].starts_with("4: Chinese line in a document whose languages"));
        assert!(found[3].starts_with("4: parenthesised pinyin: `(yīng)`"));
        assert!(found[4].starts_with("5: line looks like a list"));
        assert!(found[5].starts_with("6: replacement character"));
    }

    #[test]
    fn clean_text_gives_no_warnings() {
        assert!(lint_text("Why? Because \"he asked?\" she said.\n").is_empty());
        assert!(lint(&Draft::new("雙方同意。\n").finish(), true).is_empty());
    }
}
