//! Chrome that shows only in how lines sit together: a headline printed
//! twice, a run of unrelated headlines, a text that stops mid-sentence.

use std::collections::HashMap;

use super::chrome::is_short;
use crate::chinese::is_han;

/// Whether a line reads as a finished sentence or paragraph.
pub(crate) fn is_sentence(text: &str) -> bool {
    let text = text.trim();
    let long = text.split_whitespace().count() >= 8 || han_count(text) >= 15;
    long && ends_a_sentence(text)
}

fn ends_a_sentence(text: &str) -> bool {
    let end = text.trim_end_matches(|c: char| "\"'”’)）」』]】*".contains(c));
    end.ends_with(['.', '!', '?', '。', '！', '？', ';', '；', ':', '：'])
        && !end.ends_with("...")
        && !end.ends_with('…')
}

fn han_count(text: &str) -> usize {
    text.chars().filter(|c| is_han(*c)).count()
}

/// A short line that could be a headline: no sentence end, not a numbered
/// item, at least two words or four Chinese characters.
pub(crate) fn is_title_like(text: &str) -> bool {
    let text = text.trim();
    let numbered = text.split_whitespace().next().is_some_and(|w| {
        w.trim_end_matches(['.', ')', '、', '）'])
            .chars()
            .all(|c| c.is_ascii_digit() || "一二三四五六七八九十（(".contains(c))
            && w.len() < w.trim_end_matches(['.', ')', '、', '）']).len() + 4
            && w.ends_with(['.', ')', '、', '）'])
    });
    let substantial = text.split_whitespace().count() >= 2 || han_count(text) >= 4;
    is_short(text)
        && substantial
        && !numbered
        && !text
            .trim_end_matches(|c: char| "\"'”’)）".contains(c))
            .ends_with(['.', '。', ';', '；', ',', '，', ':', '：'])
}

/// Indices (into `lines`) of the first occurrence of each headline-sized
/// line that occurs again later.
pub(super) fn repeated_headlines(lines: &[&str]) -> Vec<usize> {
    let mut first: HashMap<&str, usize> = HashMap::new();
    let mut repeated = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let key = headline_key(line.trim());
        let words = key.split_whitespace().count();
        let sized = (3..=40).contains(&words) || (6..=80).contains(&han_count(key));
        if !sized || is_sentence(key) {
            continue;
        }
        match first.get(key) {
            Some(&at) if !repeated.contains(&at) => repeated.push(at),
            Some(_) => {}
            None => {
                first.insert(key, i);
            }
        }
    }
    repeated.sort_unstable();
    repeated
}

/// A headline without the site name a page title adds to it (`… | Site`,
/// `… - Site`, `…_新浪新闻`) or a forum's tag in front (`[转帖] …`).
pub(crate) fn headline_key(text: &str) -> &str {
    let text = match text.strip_prefix(['[', '【']) {
        Some(rest) => rest.split_once([']', '】']).map_or(text, |(tag, rest)| {
            if tag.chars().count() <= 6 {
                rest.trim_start()
            } else {
                text
            }
        }),
        None => text,
    };
    // A page title may name the section and the site: `… | Office | Agency`.
    let mut key = text;
    for _ in 0..3 {
        match without_site_name(key) {
            Some(shorter) => key = shorter,
            None => break,
        }
    }
    key
}

/// `text` without one site name after a separator, if it ends with one.
fn without_site_name(text: &str) -> Option<&str> {
    for separator in [" | ", " - ", " – ", " — ", "_", " ｜ ", "｜", "-"] {
        let Some((head, site)) = text.rsplit_once(separator) else {
            continue;
        };
        let small = site.split_whitespace().count() <= 5 && site.chars().count() <= 40;
        // A bare hyphen joins words (`U.S.-China`); it parts a site name only
        // between Chinese, as in `…成效-新华网`.
        let chinese_site = |s: &str| s.chars().all(is_han) && s.chars().count() <= 10;
        let parts = separator != "-"
            || (chinese_site(site) && head.chars().next_back().is_some_and(is_han));
        if small && parts && !head.trim().is_empty() {
            return Some(head.trim_end());
        }
    }
    None
}

/// Runs of headline-like lines that are a list of links: three or more
/// after a list heading (`Related stories`, `相关阅读`) or after the last
/// sentence of the text, five or more anywhere. `flagged[i]` marks lines
/// already known as chrome; `heading[i]` marks list headings.
pub(super) fn link_runs(lines: &[&str], flagged: &[bool], heading: &[bool]) -> Vec<Vec<usize>> {
    let last_sentence = lines.iter().rposition(|l| is_sentence(l));
    let mut runs = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trim().is_empty() || flagged[i] || !is_title_like(lines[i]) {
            i += 1;
            continue;
        }
        let start = i;
        let mut run = Vec::new();
        while i < lines.len()
            && (lines[i].trim().is_empty() || (!flagged[i] && is_title_like(lines[i])))
        {
            if !lines[i].trim().is_empty() {
                run.push(i);
            }
            i += 1;
        }
        let after_heading = lines[..start]
            .iter()
            .rposition(|l| !l.trim().is_empty())
            .is_some_and(|p| heading[p]);
        let in_tail = last_sentence.is_none_or(|s| start > s);
        if run.len() >= 5 || run.len() >= 3 && (after_heading || in_tail) {
            runs.push(run);
        }
    }
    runs
}

/// The index of the last line when the text seems to stop mid-sentence:
/// a paragraph-length last line with no sentence end, or one trailing off
/// in an ellipsis. `kept` marks the lines that are text, not chrome.
pub(super) fn truncated_at(lines: &[&str], kept: &[bool]) -> Option<usize> {
    let last = (0..lines.len())
        .rev()
        .find(|&i| kept[i] && !lines[i].trim().is_empty())?;
    let text = lines[last].trim();
    let long = text.split_whitespace().count() >= 8 || han_count(text) >= 15;
    (long && !ends_a_sentence(text)).then_some(last)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_headline_printed_twice_is_found_at_its_first_place() {
        let lines = [
            "China and Australia meet",
            "Home",
            "China and Australia meet",
            "Body text.",
        ];
        assert_eq!(repeated_headlines(&lines), vec![0]);
        let titled = [
            "Police meet in Canberra | The Daily",
            "Police meet in Canberra",
            "Body.",
        ];
        assert_eq!(repeated_headlines(&titled), vec![0]);
        let tagged = ["[转帖] 中澳警方联合破获案件", "中澳警方联合破获案件"];
        assert_eq!(repeated_headlines(&tagged), vec![0]);
    }

    #[test]
    fn headlines_after_the_last_sentence_are_a_link_list() {
        let lines = [
            "The two sides agreed to meet again next year in Canberra.",
            "",
            "Floods hit the north of the country",
            "Markets close higher on Friday",
            "Ten photos of the week in review",
        ];
        let no = vec![false; lines.len()];
        assert_eq!(link_runs(&lines, &no, &no), vec![vec![2, 3, 4]]);
        let two_headings = [
            "Counterterrorism",
            "Both sides agreed to share more information on fighters.",
            "Cybercrime",
            "Both sides agreed to continue their talks on cybercrime.",
        ];
        assert!(link_runs(&two_headings, &no[..4], &no[..4]).is_empty());
    }

    #[test]
    fn a_text_that_stops_mid_sentence_is_truncated() {
        let lines = [
            "Title",
            "The ministers agreed that the working group would continue to",
        ];
        assert_eq!(truncated_at(&lines, &[true, true]), Some(1));
        let whole = [
            "Title",
            "The ministers agreed that the working group would meet again.",
        ];
        assert_eq!(truncated_at(&whole, &[true, true]), None);
    }
}
