//! Chinese script: which characters are Han, how much of a text is Chinese,
//! and the runs of one script in mixed text. The cleaner, the segmenter, the
//! renderer and the search index share these; [`simplify`] converts
//! Traditional to Simplified.

mod simplify;

pub use simplify::Simplifier;

/// A Chinese (Han) ideograph, including the compatibility and extension A blocks.
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}' | '\u{20000}'..='\u{2FA1F}')
}

/// CJK punctuation and full-width forms that belong with Chinese text.
pub(crate) fn is_cjk_punctuation(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF00}'..='\u{FFEF}')
}

/// Counts of Han characters and Latin letters in `text`.
pub(crate) fn script_counts(text: &str) -> (usize, usize) {
    if text.is_ascii() {
        return (0, text.bytes().filter(u8::is_ascii_alphabetic).count());
    }
    text.chars().fold((0, 0), |(han, latin), c| {
        if is_han(c) {
            (han + 1, latin)
        } else if c.is_alphabetic() && (c.is_ascii() || ('\u{00C0}'..='\u{024F}').contains(&c)) {
            (han, latin + 1)
        } else {
            (han, latin)
        }
    })
}

/// Whether `text` reads as Chinese: a Han character carries more than a
/// Latin letter, so Han characters count double against Latin letters.
pub fn is_mostly_chinese(text: &str) -> bool {
    let (han, latin) = script_counts(text);
    han > 0 && han * 2 >= latin
}

/// Splits `text` into runs of Chinese (`true`) and other (`false`) text, so a
/// Chinese name inside an English sentence can carry its own `lang`.
/// Punctuation and spaces stay with the run they are in.
pub(crate) fn script_runs(text: &str) -> Vec<(bool, &str)> {
    // Most passages are plain ASCII English: one run, found without
    // decoding a character.
    if text.is_ascii() {
        return if text.is_empty() {
            Vec::new()
        } else {
            vec![(false, text)]
        };
    }
    let mut runs: Vec<(bool, &str)> = Vec::new();
    let mut start = 0;
    let mut current: Option<bool> = None;
    for (i, c) in text.char_indices() {
        let kind = if c.is_ascii() {
            c.is_ascii_alphanumeric().then_some(false)
        } else if is_han(c) || (current == Some(true) && is_cjk_punctuation(c)) {
            Some(true)
        } else if c.is_alphanumeric() {
            Some(false)
        } else {
            None // neutral: joins the current run
        };
        if let (Some(k), Some(cur)) = (kind, current)
            && k != cur
        {
            runs.push((cur, &text[start..i]));
            start = i;
        }
        if kind.is_some() {
            current = kind;
        }
    }
    if start < text.len() {
        runs.push((current.unwrap_or(false), &text[start..]));
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_is_detected_by_weighted_counts() {
        assert!(is_mostly_chinese("雙方同意在以下領域開展合作:"));
        assert!(!is_mostly_chinese(
            "Guo Shengkun met Jeh Johnson in Beijing"
        ));
        assert!(is_mostly_chinese(
            "2017屆高考英語大一輪複習課件:必修5 unit1 Great Scientists"
        ));
    }

    #[test]
    fn script_runs_separate_chinese_inside_english() {
        let runs = script_runs("The 中文 word");
        assert_eq!(
            runs,
            vec![(false, "The "), (true, "中文 "), (false, "word")]
        );
        assert_eq!(script_runs("plain, ASCII."), vec![(false, "plain, ASCII.")]);
        assert_eq!(script_runs("«plain»"), vec![(false, "«plain»")]);
        assert!(script_runs("").is_empty());
    }
}
