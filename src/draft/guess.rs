//! Metadata a draft can read off the page: each guess says which line it
//! comes from, and a fact the page does not give stays `unknown`.

use crate::chinese::{Simplifier, is_han};

/// A guessed value and where on the page it was read.
pub(super) struct Guess {
    pub value: String,
    /// Why the value was guessed, for the comment above it and `sources:`.
    pub evidence: String,
}

/// Countries and unions a statement of this corpus names as parties, with
/// the names the text may use for them.
const PARTIES: [(&str, &[&str]); 24] = [
    (
        "China",
        &["China", "Chinese", "PRC", "中国", "中方", "中國"],
    ),
    (
        "United States",
        &[
            "United States",
            "U.S.",
            "US ",
            "America",
            "美国",
            "美方",
            "美國",
        ],
    ),
    (
        "Australia",
        &["Australia", "Australian", "澳大利亚", "澳方", "澳洲"],
    ),
    (
        "United Kingdom",
        &[
            "United Kingdom",
            "Britain",
            "British",
            "UK ",
            "英国",
            "英方",
        ],
    ),
    ("Canada", &["Canada", "Canadian", "加拿大"]),
    ("New Zealand", &["New Zealand", "新西兰"]),
    ("Russia", &["Russia", "Russian", "俄罗斯", "俄方"]),
    ("Thailand", &["Thailand", "Thai ", "泰国", "泰方"]),
    ("Laos", &["Laos", "Lao ", "老挝", "老方"]),
    ("Myanmar", &["Myanmar", "缅甸", "缅方"]),
    ("Cambodia", &["Cambodia", "Cambodian", "柬埔寨", "柬方"]),
    ("Vietnam", &["Vietnam", "Viet Nam", "Vietnamese", "越南"]),
    ("Philippines", &["Philippines", "Philippine", "菲律宾"]),
    ("Malaysia", &["Malaysia", "Malaysian", "马来西亚"]),
    (
        "Indonesia",
        &["Indonesia", "Indonesian", "印度尼西亚", "印尼"],
    ),
    ("Singapore", &["Singapore", "新加坡"]),
    ("Japan", &["Japan", "Japanese", "日本"]),
    ("South Korea", &["South Korea", "Republic of Korea", "韩国"]),
    ("India", &["India", "Indian", "印度"]),
    ("Pakistan", &["Pakistan", "巴基斯坦"]),
    ("Kazakhstan", &["Kazakhstan", "哈萨克斯坦"]),
    ("France", &["France", "French", "法国"]),
    ("Germany", &["Germany", "German", "德国"]),
    ("European Union", &["European Union", "EU ", "欧盟"]),
];

/// The countries the text names at least twice, most named first (China
/// first on a tie, as the corpus is about China's cooperation).
pub(super) fn parties(text: &str) -> Option<Guess> {
    let mut counted: Vec<(usize, &str)> = PARTIES
        .iter()
        .map(|(name, forms)| (mentions(text, forms), *name))
        .filter(|(n, _)| *n >= 2)
        .collect();
    counted.sort_by_key(|(n, name)| (std::cmp::Reverse(*n), *name != "China"));
    counted.truncate(4);
    if counted.len() < 2 {
        return None;
    }
    let names: Vec<&str> = counted.iter().map(|(_, name)| *name).collect();
    let times: Vec<String> = counted
        .iter()
        .map(|(n, name)| format!("{name} {n}×"))
        .collect();
    Some(Guess {
        value: format!("[{}]", names.join(", ")),
        evidence: format!("the countries the text names most: {}", times.join(", ")),
    })
}

/// How often the text names a party by any of its forms, each place
/// counted once: "Australian" is one mention, not one of "Australian"
/// and one of "Australia".
fn mentions(text: &str, forms: &[&str]) -> usize {
    let mut longest_first = forms.to_vec();
    longest_first.sort_by_key(|f| std::cmp::Reverse(f.len()));
    let alternatives: Vec<String> = longest_first.iter().map(|f| regex::escape(f)).collect();
    regex::Regex::new(&alternatives.join("|")).map_or(0, |pattern| pattern.find_iter(text).count())
}

/// The kind of document, from words in its title or its chrome.
pub(super) fn document_type(title: &str, has_byline: bool) -> Option<Guess> {
    let lower = title.to_lowercase();
    let kinds: [(&[&str], &str); 6] = [
        (
            &["joint statement", "联合声明", "聯合聲明"],
            "Joint statement",
        ),
        (&["fact sheet", "情况说明"], "Fact sheet"),
        (&["white paper", "白皮书", "白皮書"], "White paper"),
        (&["summary of outcomes", "成果清单"], "Summary of outcomes"),
        (
            &["press release", "media release", "新闻稿"],
            "Press release",
        ),
        (
            &["memorandum of understanding", "谅解备忘录"],
            "Memorandum of understanding",
        ),
    ];
    kinds
        .iter()
        .find(|(words, _)| words.iter().any(|w| lower.contains(w)))
        .map(|(_, kind)| Guess {
            value: (*kind).to_owned(),
            evidence: format!("the title says so: `{title}`"),
        })
        .or_else(|| {
            has_byline.then(|| Guess {
                value: "News report".into(),
                evidence: "the page has a reporter's byline".into(),
            })
        })
}

/// `[zh-Hans]`, `[zh-Hant]`, `[en]`, or Chinese and English both for a
/// bilingual text, from the script of its paragraphs.
pub(super) fn languages(paragraphs: &[&str]) -> Guess {
    let chinese: Vec<&str> = paragraphs
        .iter()
        .copied()
        .filter(|p| crate::chinese::is_mostly_chinese(p))
        .collect();
    let english = paragraphs.len() - chinese.len();
    let han: String = chinese.concat();
    let tag = if han.is_empty() {
        None
    } else {
        Some(chinese_script(&han))
    };
    let (value, evidence) = match tag {
        None => (
            "[en]".to_owned(),
            "every paragraph is in Latin script".to_owned(),
        ),
        Some(tag) if english * 5 >= paragraphs.len() => (
            format!("[{tag}, en]"),
            format!(
                "{} paragraphs in Chinese, {english} in English",
                chinese.len()
            ),
        ),
        Some(tag) => (format!("[{tag}]"), script_evidence(tag)),
    };
    Guess { value, evidence }
}

fn script_evidence(tag: &str) -> String {
    match tag {
        "zh-Hant" => "the paragraphs are Chinese in traditional characters".into(),
        _ => "the paragraphs are Chinese in simplified characters".into(),
    }
}

/// Traditional when simplifying changes more than one character in twenty.
fn chinese_script(han: &str) -> &'static str {
    let Ok(simplifier) = Simplifier::new() else {
        return "zh";
    };
    let simplified = simplifier.simplify(han);
    let total = han.chars().filter(|c| is_han(*c)).count().max(1);
    let changed = han
        .chars()
        .zip(simplified.chars())
        .filter(|(a, b)| a != b)
        .count();
    if changed * 20 > total {
        "zh-Hant"
    } else {
        "zh-Hans"
    }
}

/// The first sentence of the first paragraph, for the home page until the
/// editor writes a description.
pub(super) fn description(first_paragraph: &str) -> String {
    let text = first_paragraph.trim().trim_start_matches('\u{3000}');
    let end = text
        .char_indices()
        .find(|(i, c)| {
            "。！？".contains(*c) || (*c == '.' && text[i + 1..].starts_with(' ') && *i > 40)
        })
        .map_or(text.len(), |(i, c)| i + c.len_utf8());
    let sentence = &text[..end];
    if sentence.chars().count() > 300 {
        let cut: String = sentence.chars().take(297).collect();
        format!("{cut}…")
    } else {
        sentence.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parties_are_the_countries_named_most() {
        let text = "China and Australia agreed. Chinese police and Australian police met. Japan was not there.";
        assert_eq!(parties(text).unwrap().value, "[China, Australia]");
        assert!(parties("Only China is named here, China.").is_none());
    }

    #[test]
    fn the_script_of_the_paragraphs_gives_the_languages() {
        assert_eq!(languages(&["The two sides met."]).value, "[en]");
        assert_eq!(languages(&["双方同意加强执法合作。"]).value, "[zh-Hans]");
        assert_eq!(languages(&["雙方同意加強執法合作。"]).value, "[zh-Hant]");
        assert_eq!(
            languages(&["双方同意加强执法合作。", "The two sides met."]).value,
            "[zh-Hans, en]"
        );
    }

    #[test]
    fn the_description_is_the_opening_sentence() {
        assert_eq!(
            description(
                "Police in China and four countries have detained more than 1,100 suspects. The operation ran."
            ),
            "Police in China and four countries have detained more than 1,100 suspects."
        );
        assert_eq!(description("　　双方同意。此后继续。"), "双方同意。");
    }
}
