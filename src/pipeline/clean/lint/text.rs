//! Damage inside a line: lost characters, stray script, pinyin readings,
//! keyword lists, decoding failures. Each finding comes with the text it
//! is about, so that a suggested rule can name it.

use super::Kind;
use crate::chinese::{is_han, is_mostly_chinese};
use crate::pipeline::clean::filters::{looks_like_keyword_list, pinyin_readings};

/// What `accord new` writes where only the editor knows the text: the
/// build refuses a `replace` whose `with` still starts with it.
pub const PLACEHOLDER: &str = "TODO: the text this stands for";

/// One finding inside a line.
pub(super) struct Damage {
    pub kind: Kind,
    pub message: String,
    /// A `replace` that would repair it, as `(find, with)`.
    pub repair: Option<(String, String)>,
}

pub(super) fn damage(text: &str, chinese_expected: bool) -> Vec<Damage> {
    let mut found = Vec::new();
    let chinese = is_mostly_chinese(text);
    let latin_words = text
        .split(|c: char| !c.is_ascii_alphabetic())
        .filter(|w| w.len() > 1)
        .count();
    if chinese && !chinese_expected {
        found.push(Damage {
            kind: Kind::ForeignScript,
            message: "Chinese line in a document whose languages do not include Chinese".into(),
            repair: None,
        });
    } else if latin_words >= 3 && text.chars().any(is_han) {
        let token = han_token(text);
        found.push(Damage {
            kind: Kind::ForeignScript,
            message: format!(
                "Chinese text inside English: `{token}` (a spam token standing for a word?)"
            ),
            repair: Some((token, PLACEHOLDER.to_owned())),
        });
    }
    for (i, _) in text.match_indices('?') {
        if let Some(reason) = suspicious_question_mark(text, i, chinese) {
            found.push(Damage {
                kind: Kind::LostCharacter,
                message: format!("{reason}: `{}`", context(text, i)),
                repair: Some(question_mark_repair(text, i)),
            });
        }
    }
    for range in pinyin_readings(text) {
        found.push(Damage {
            kind: Kind::Pinyin,
            message: format!("parenthesised pinyin: `{}`", &text[range]),
            repair: None,
        });
    }
    if looks_like_keyword_list(text) {
        found.push(Damage {
            kind: Kind::LinkList,
            message: "line looks like a list of links or keywords".into(),
            repair: None,
        });
    }
    if text.contains('\u{FFFD}') {
        found.push(Damage {
            kind: Kind::Decoding,
            message: "replacement character U+FFFD: text was lost in decoding".into(),
            repair: None,
        });
    }
    found
}

/// The Han run of a mixed line with the letters stuck to it (`皇冠体育app`).
fn han_token(text: &str) -> String {
    let start = text.find(is_han).unwrap_or(0);
    let start = text[..start]
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_ascii_alphanumeric())
        .last()
        .map_or(start, |(i, _)| i);
    text[start..]
        .chars()
        .take_while(|c| is_han(*c) || c.is_ascii_alphanumeric())
        .take(24)
        .collect()
}

/// Why the `?` at `at` may not be a question mark. A real one ends a word
/// and is followed by a space and a capital, a closing quote or the end of
/// the line; Chinese text uses the full-width `？`.
fn suspicious_question_mark(text: &str, at: usize, chinese: bool) -> Option<&'static str> {
    if chinese {
        return Some("`?` in Chinese text (a lost character?)");
    }
    let prev = text[..at].chars().next_back();
    let mut rest = text[at + 1..].chars();
    let next = rest.next();
    let ends_word = prev.is_some_and(|c| c.is_alphanumeric() || c == ')' || c == '"' || c == '\'');
    let followed_well = next.is_none_or(|c| c.is_whitespace() || "\"'”’)".contains(c));
    if !(ends_word && followed_well) {
        return Some("stray `?` (a lost character?)");
    }
    let next_word = rest.find(|c| !c.is_whitespace());
    if next == Some(' ') && next_word.is_some_and(char::is_lowercase) {
        return Some("`?` before a lower-case word (a lost space or letter, or a real question?)");
    }
    None
}

/// A `replace` for the `?` at `at`: before a space it stood for a lost
/// space (drop it); inside a word only the editor knows the letter.
fn question_mark_repair(text: &str, at: usize) -> (String, String) {
    let is_word = |c: char| !c.is_whitespace();
    // After the space before the word, which may be wider than a byte (U+00A0).
    let start = text[..at]
        .char_indices()
        .rfind(|&(_, c)| !is_word(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let after = &text[at + 1..];
    if let Some(next) = after.strip_prefix(' ') {
        let word_end = next
            .find(|c: char| !is_word(c))
            .map_or(after.len(), |i| i + 1);
        let find = &text[start..at + 1 + word_end];
        (find.to_owned(), find.replacen('?', "", 1))
    } else {
        let end = after
            .find(|c: char| !is_word(c))
            .map_or(text.len(), |i| at + 1 + i);
        (text[start..end].to_owned(), PLACEHOLDER.to_owned())
    }
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

    #[test]
    fn a_question_mark_before_a_lower_case_word_is_asked_about_with_a_repair() {
        let found = damage("Is there progress? yes, some.", false);
        assert_eq!(found.len(), 1);
        assert_eq!(
            found[0].repair,
            Some(("progress? yes,".to_owned(), "progress yes,".to_owned()))
        );
        let found = damage("Fran?ais", false);
        assert_eq!(
            found[0].repair,
            Some(("Fran?ais".to_owned(), PLACEHOLDER.to_owned()))
        );
        assert!(damage("Why? Because \"he asked?\" she said.", false).is_empty());
    }

    #[test]
    fn a_spam_token_is_proposed_for_the_editor_to_resolve() {
        let found = damage("The 皇冠体育app policy is firm and clear.", false);
        assert_eq!(
            found[0].repair,
            Some(("皇冠体育app".to_owned(), PLACEHOLDER.to_owned()))
        );
    }
}
