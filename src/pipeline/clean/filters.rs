//! Generic filters: noise that looks the same in any scraped page, removed
//! without a rule in the annotation. Each can be switched off per document.

use std::sync::LazyLock;

use regex::Regex;

use super::Draft;
use crate::chinese::{is_han, is_mostly_chinese};
use crate::pipeline::load::schema::Filters;

pub(crate) fn apply(draft: &mut Draft<'_>, filters: Filters, languages_include_chinese: bool) {
    if filters.boilerplate {
        boilerplate(draft);
    }
    if filters.keyword_spam {
        keyword_spam(draft);
    }
    if filters.link_block && !languages_include_chinese {
        link_block(draft);
    }
    if filters.pinyin {
        pinyin(draft);
    }
    if filters.lost_nbsp {
        lost_nbsp(draft);
    }
}

/// Footer lines of news sites: copyright, licences, registration numbers,
/// "most viewed", "follow us".
static BOILERPLATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s*(copyright\b|©|all rights reserved|registration number\s*:|license for publishing|follow us\s*$|most viewed\b|.*icp[备證证])",
    )
    .expect("static pattern")
});

fn boilerplate(draft: &mut Draft<'_>) {
    for line in draft.live_lines() {
        if BOILERPLATE.is_match(line.text) {
            draft.propose(
                line.with_break,
                "",
                "filter boilerplate",
                Some("footer line of the web page"),
            );
        }
    }
}

/// A line of four or more `|`-separated link titles or search keywords
/// (as `content/pages/annotation-format.md` says).
pub(crate) fn looks_like_keyword_list(line: &str) -> bool {
    line.split('|')
        .filter(|title| !title.trim().is_empty())
        .count()
        >= 4
}

fn keyword_spam(draft: &mut Draft<'_>) {
    for line in draft.live_lines() {
        if looks_like_keyword_list(line.text) {
            draft.propose(
                line.with_break,
                "",
                "filter keyword_spam",
                Some("a line of |-separated link titles"),
            );
        }
    }
}

/// Three or more consecutive short lines with Chinese in them, inside a
/// document with no Chinese text: the "related articles" list of the page.
fn link_block(draft: &mut Draft<'_>) {
    let lines = draft.live_lines();
    let foreign = |text: &str| text.trim().chars().count() <= 80 && text.chars().any(is_han);
    let mut run: Vec<usize> = Vec::new();
    let mut runs: Vec<Vec<usize>> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if line.text.trim().is_empty() {
            continue;
        }
        if foreign(line.text) {
            run.push(i);
        } else if !run.is_empty() {
            runs.push(std::mem::take(&mut run));
        }
    }
    runs.push(run);
    for run in runs.into_iter().filter(|r| r.len() >= 3) {
        for i in run {
            draft.propose(
                lines[i].with_break.clone(),
                "",
                "filter link_block",
                Some("a list of unrelated Chinese page titles"),
            );
        }
    }
}

/// A Han character followed by a parenthesised pinyin reading with a tone mark.
static PINYIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\p{Han}(\(([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,7})\))").expect("static pattern")
});

static SYLLABLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?[aeiouüāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]{1,3}(ng|n|r)?$",
    )
    .expect("static pattern")
});

pub(crate) fn is_pinyin_reading(syllable: &str) -> bool {
    SYLLABLE.is_match(syllable)
        && syllable
            .chars()
            .any(|c| "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ".contains(c))
}

/// Spans of parenthesised pinyin readings after Chinese characters.
pub(crate) fn pinyin_readings(text: &str) -> Vec<std::ops::Range<usize>> {
    PINYIN
        .captures_iter(text)
        .filter_map(|c| {
            let (whole, syllable) = (c.get(1)?, c.get(2)?);
            is_pinyin_reading(syllable.as_str()).then(|| whole.range())
        })
        .collect()
}

fn pinyin(draft: &mut Draft<'_>) {
    for range in pinyin_readings(draft.raw()) {
        draft.propose(
            range,
            "",
            "filter pinyin",
            Some("pinyin reading inserted after a Chinese character"),
        );
    }
}

/// Whether the `?` at byte `at` of `text` certainly stands where a
/// non-breaking space was lost: right after `,` `;` `:`, which no question
/// mark follows, or right after a sentence's full stop (not an
/// abbreviation's: `U.S.?` may be a real question), before a space or the
/// end of the line. Any other suspicious `?` is left for the lint.
pub(crate) fn is_lost_nbsp(text: &str, at: usize) -> bool {
    let before = &text[..at];
    let Some(prev) = before.chars().next_back() else {
        return false;
    };
    let next = text[at + 1..].chars().next();
    if !next.is_none_or(char::is_whitespace) {
        return false;
    }
    match prev {
        ',' | ';' | ':' => true,
        '.' => !ends_with_abbreviation(&before[..before.len() - 1]),
        _ => false,
    }
}

/// Whether the word before a full stop is an abbreviation (`U.S`, `Inc`,
/// `e.g`, a single letter), after which the stop does not end the sentence.
pub(crate) fn ends_with_abbreviation(before_stop: &str) -> bool {
    const ABBREVIATIONS: [&str; 24] = [
        "mr", "mrs", "ms", "dr", "st", "no", "inc", "co", "ltd", "corp", "jr", "sr", "vs", "etc",
        "gov", "sen", "rep", "gen", "col", "prof", "jan", "feb", "oct", "nov",
    ];
    let word = before_stop
        .rsplit(|c: char| c.is_whitespace() || "([\"'“‘".contains(c))
        .next()
        .unwrap_or_default();
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    word.contains('.')
        || letters == 1 && word.chars().all(char::is_alphabetic)
        || ABBREVIATIONS.contains(&word.to_lowercase().as_str())
}

fn lost_nbsp(draft: &mut Draft<'_>) {
    for line in draft.live_lines() {
        if is_mostly_chinese(line.text) {
            continue;
        }
        for (i, _) in line.text.match_indices('?') {
            if is_lost_nbsp(line.text, i) {
                let at = line.range.start + i;
                draft.propose(
                    at..at + 1,
                    "",
                    "filter lost_nbsp",
                    Some("`?` where a non-breaking space was lost"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::clean::Cleaned;

    fn only(filters: &str, raw: &str, chinese: bool) -> Cleaned {
        let mut f: Filters = crate::pipeline::load::yaml::from_str(
            "{pinyin: false, lost_nbsp: false, boilerplate: false, keyword_spam: false, link_block: false}",
        )
        .unwrap();
        match filters {
            "pinyin" => f.pinyin = true,
            "lost_nbsp" => f.lost_nbsp = true,
            "boilerplate" => f.boilerplate = true,
            "keyword_spam" => f.keyword_spam = true,
            "link_block" => f.link_block = true,
            _ => unreachable!(),
        }
        crate::pipeline::clean::clean(raw, &[], f, chinese).unwrap()
    }

    #[test]
    fn pinyin_readings_are_removed_after_han_characters_only() {
        let c = only(
            "pinyin",
            "應(yīng)澳大利亞聯(lián)邦 (中華人民共和國(guó)駐)",
            true,
        );
        assert_eq!(c.text, "應澳大利亞聯邦 (中華人民共和國駐)");
        let c = only("pinyin", "the (a) case, 中国(China), 國(guo)", true);
        assert_eq!(c.text, "the (a) case, 中国(China), 國(guo)");
    }

    #[test]
    fn lost_nbsp_question_marks_are_removed_only_where_certain() {
        let c = only(
            "lost_nbsp",
            "(LECD).? The LECD,? agreed;? so:? Narcotics.?\nWhy? Because.",
            false,
        );
        assert_eq!(
            c.text,
            "(LECD). The LECD, agreed; so: Narcotics.\nWhy? Because."
        );
        assert!(c.edits.iter().all(|e| e.rule == "filter lost_nbsp"));
        // Real question marks and lost accents are never removed: the lint
        // asks the editor about them instead.
        for kept in [
            "Is there progress? yes, some.",
            "Was it the U.S.? The answer came.",
            "A caf? in Paris.",
            "The United States? committed to it.",
            "Was it Mr.? No.",
            "Fran?ais",
        ] {
            assert_eq!(only("lost_nbsp", kept, false).text, kept);
        }
    }

    #[test]
    fn boilerplate_footer_lines_are_removed() {
        let raw = "Article ends.\nCopyright 1995 - . All rights reserved.\nRegistration Number: 130349\nFOLLOW US\nMost Viewed in 24 Hours\n";
        assert_eq!(only("boilerplate", raw, false).text, "Article ends.\n");
    }

    #[test]
    fn keyword_spam_lines_are_removed() {
        let raw = "Body.\n中文字幕| 无码| 久久| 精品| 在线|\n";
        assert_eq!(only("keyword_spam", raw, false).text, "Body.\n");
        let four = "Body.\nShare: Facebook | Twitter | WeChat | Print\n";
        assert_eq!(only("keyword_spam", four, false).text, "Body.\n");
        let three = "Body.\nA | B | C\n";
        assert_eq!(only("keyword_spam", three, false).text, three);
    }

    #[test]
    fn link_blocks_in_another_script_are_removed_but_single_lines_stay() {
        let raw = "English body.\n近三年高考(2017-2016)英语试题\n日本公司提供假朋友 让你在社交网络“有面子”\n青春\n对鼻子形状不满意?这要怪气候咯\n";
        assert_eq!(only("link_block", raw, false).text, "English body.\n");
        let raw = "English body.\n青春\nMore English.\n";
        assert_eq!(only("link_block", raw, false).text, raw);
        assert_eq!(
            only("link_block", "近三年\n青春\n对鼻子\n", true).text,
            "近三年\n青春\n对鼻子\n"
        );
    }
}
