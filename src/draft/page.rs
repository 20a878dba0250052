//! A raw seed read as a page: which lines the default filters already
//! remove, which the lint calls chrome, and where the article starts and
//! ends.

pub(super) use super::line::{PageLine, is_place_and_date};
use super::line::{is_closing_mark, is_list_item, is_long, is_signature};
use crate::chinese::{is_han, is_mostly_chinese};
use crate::pipeline::clean::lint::layout::headline_key;
use crate::pipeline::clean::lint::{Kind, LintOptions, Warning, lint};
use crate::pipeline::clean::{Cleaned, clean};
use crate::pipeline::load::schema::Filters;

/// A seed read for drafting its annotation.
pub(super) struct Page<'a> {
    pub raw: &'a str,
    pub lines: Vec<PageLine<'a>>,
    pub warnings: Vec<Warning>,
    /// The default cleaning, for the lint's view of the text.
    pub cleaned: Cleaned,
}

impl<'a> Page<'a> {
    /// Cleans `raw` with the default filters alone and lints the result.
    pub fn read(raw: &'a str) -> Page<'a> {
        let chinese = looks_chinese(raw);
        // No rules, so nothing can fail to apply.
        let cleaned = clean(raw, &[], Filters::default(), chinese)
            .unwrap_or_else(|_| unreachable!("cleaning without rules cannot fail"));
        let warnings = lint(
            &cleaned,
            LintOptions {
                chinese_expected: chinese,
                truncated: false,
            },
        );
        let mut lines = Vec::new();
        let mut start = 0;
        for piece in raw.split_inclusive('\n') {
            let text = piece.trim_end_matches(['\n', '\r']);
            let range = start..start + text.len();
            let filtered =
                !text.is_empty() && cleaned.edits.iter().any(|e| e.is_removal_of(range.clone()));
            lines.push(PageLine {
                text,
                range,
                filtered,
                chrome: None,
            });
            start += piece.len();
        }
        for w in warnings.iter().filter(|w| w.kind.is_chrome()) {
            for line in w.line..=w.last_line.max(w.line) {
                if let Some(l) = lines.get_mut(line.wrapping_sub(1)) {
                    l.chrome.get_or_insert(w.kind);
                }
            }
        }
        Page {
            raw,
            lines,
            warnings,
            cleaned,
        }
    }

    /// The article: its first and last line (0-based, inclusive), or
    /// `None` when no line reads as a paragraph.
    pub fn article(&self) -> Option<Article> {
        let (first_prose, last_prose) = self.body()?;
        let start = self.headline_above(first_prose);
        Some(Article {
            start,
            headline: start,
            first_prose,
            last_prose,
            end: self.closing_after(last_prose),
        })
    }

    /// The first and last paragraph of the body: of the runs of paragraphs
    /// that at most three stray short lines part (chrome, list items and
    /// blank lines do not count), the one with the most text. A lone
    /// sentence in a banner (`Official websites use .gov.`) or a copyright
    /// notice below the footer is a run of its own, and loses.
    fn body(&self) -> Option<(usize, usize)> {
        let mut runs: Vec<(usize, usize, usize)> = Vec::new();
        let mut strays = 0;
        for (i, line) in self.lines.iter().enumerate() {
            if line.is_prose() {
                let weight = line.text.chars().count();
                match runs.last_mut() {
                    Some(run) if strays <= 3 => {
                        run.1 = i;
                        run.2 += weight;
                    }
                    _ => runs.push((i, i, weight)),
                }
                strays = 0;
            } else if !(line.is_void() || line.chrome.is_some() || is_list_item(line.text)) {
                strays += 1;
            }
        }
        runs.iter()
            .max_by_key(|(first, _, weight)| (*weight, std::cmp::Reverse(*first)))
            .map(|&(first, last, _)| (first, last))
    }

    /// Where the article starts: the headline printed twice (once as the
    /// page title), else the nearest headline-sized line above the first
    /// paragraph together with the headline-sized lines right above it (a
    /// headline over its subheading), else the paragraph itself.
    fn headline_above(&self, first: usize) -> usize {
        if let Some(second) = self.repeated_headline(first) {
            return second;
        }
        let mut top = first;
        while let Some(above) = self.non_blank_above(top)
            && self.lines[above].is_section_heading()
        {
            top = above;
        }
        // Above numbered sections, a shorter line is the document's title:
        // the structure says so, where alone it could be a byline.
        let title_of_sections = (top < first)
            .then(|| self.non_blank_above(top))
            .flatten()
            .filter(|&i| self.lines[i].is_title_of(3));
        let nearest =
            title_of_sections.or_else(|| (0..top).rev().find(|&i| self.lines[i].is_headline()));
        let Some(mut start) = nearest else {
            return top;
        };
        while let Some(above) = self.non_blank_above(start)
            && self.lines[above].is_headline()
            // The page title in other words (`… among China, Lao PDR …`
            // above `… among the People's Republic of China, …`) is no
            // part of the article.
            && !same_opening(self.lines[above].text, self.lines[start].text)
        {
            start = above;
        }
        start
    }

    fn non_blank_above(&self, line: usize) -> Option<usize> {
        (0..line)
            .rev()
            .find(|&i| !self.lines[i].text.trim().is_empty())
    }

    /// The second copy of a headline the lint found printed twice above
    /// line `first`, the one nearest to it when there are several (a menu
    /// item may repeat too, but is no headline).
    fn repeated_headline(&self, first: usize) -> Option<usize> {
        self.warnings
            .iter()
            .filter(|w| w.kind == Kind::RepeatedHeadline && w.line <= first)
            .filter_map(|w| {
                let key = headline_key(self.lines[w.line - 1].text.trim());
                (w.line..first).find(|&i| self.lines[i].text.trim() == key)
            })
            .filter(|&i| self.lines[i].is_headline())
            .max()
    }

    /// Where the article ends: its last paragraph, and after it what closes
    /// a statement (a place and date, `(End)`, a list's last items) or a
    /// paragraph the scrape cut off mid-sentence.
    fn closing_after(&self, last: usize) -> usize {
        let mut end = last;
        let mut signature = 0;
        for (i, line) in self.lines.iter().enumerate().skip(last + 1) {
            if line.is_void() {
                continue;
            }
            let cut_off = end == last && line.chrome.is_none() && is_long(line.text);
            let closes = is_place_and_date(line) || is_closing_mark(line.text);
            let item = line.chrome.is_none() && is_list_item(line.text);
            // A press release signs off: `The Hon. Jane Roe MP`, `Minister
            // for Home Affairs`, `Issued by the Media Team`.
            let signs = signature < 4 && line.chrome.is_none() && is_signature(line.text);
            signature += usize::from(signs);
            if closes || cut_off || item || signs {
                end = i;
            } else {
                break;
            }
        }
        end
    }
}

/// Where the article is on the page, by raw line (0-based).
#[derive(Debug, Clone, Copy)]
pub(super) struct Article {
    /// Its first line: the headline, the page title printed above it, or
    /// the first paragraph.
    pub start: usize,
    /// The headline (or first paragraph) the text keeps.
    pub headline: usize,
    pub first_prose: usize,
    pub last_prose: usize,
    /// Its last line: the last paragraph, or what closes it.
    pub end: usize,
}

impl Article {
    /// Whether raw line `i` (0-based) is outside the article.
    pub fn cuts(&self, i: usize) -> bool {
        i < self.start || i > self.end
    }

    /// Whether raw line `i` (0-based) is between the headline and the
    /// first paragraph, where bylines, datelines and bars sit.
    pub fn is_masthead(&self, i: usize) -> bool {
        i > self.start && i < self.first_prose && i != self.headline
    }

    /// Whether raw line `i` (0-based) closes the article after its last
    /// paragraph.
    pub fn is_closing(&self, i: usize) -> bool {
        i > self.last_prose && i <= self.end
    }
}

/// Whether the text is mostly Chinese, counted over its longer lines (a
/// menu of English site names should not decide).
fn looks_chinese(raw: &str) -> bool {
    let text: String = raw
        .lines()
        .filter(|l| l.chars().count() >= 20)
        .collect::<Vec<_>>()
        .join("\n");
    is_mostly_chinese(if text.is_empty() { raw } else { &text })
}

/// Whether two lines open with the same five words (ten Chinese
/// characters): one headline printed twice in different words.
fn same_opening(a: &str, b: &str) -> bool {
    let opening = |text: &str| -> String {
        if text.chars().filter(|c| is_han(*c)).count() >= 10 {
            text.chars().filter(|c| is_han(*c)).take(10).collect()
        } else {
            text.split_whitespace()
                .take(5)
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        }
    };
    let (a, b) = (opening(a), opening(b));
    a.chars().count() >= 10 && a == b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_article_runs_from_its_headline_to_its_closing_line() {
        let raw = "Home\nWorld\nPolice of two nations sign a new pact\nBy Jane Roe\nThe two police forces signed an agreement on Monday to share data.\nThey will meet again next year in the capital city.\n1. Exchange liaison officers every year;\nBeijing, 23 April 2017\nMost read\nCopyright 2019\n";
        let page = Page::read(raw);
        let article = page.article().expect("an article");
        assert_eq!(
            page.lines[article.start].text,
            "Police of two nations sign a new pact"
        );
        assert_eq!(page.lines[article.end].text, "Beijing, 23 April 2017");
    }

    #[test]
    fn numbered_sections_and_the_title_above_them_belong_to_the_article() {
        let raw = "Menu\nChina's policies on security cooperation\nVI. Regional Non-Traditional Security Cooperation\n1. Disaster Relief\nSince 2015 the government has been involved in exchanges on disaster relief in the region.\nIt will continue to work with the relevant parties on these exchanges.\n";
        let page = Page::read(raw);
        let article = page.article().expect("an article");
        assert_eq!(
            page.lines[article.start].text,
            "China's policies on security cooperation"
        );
        let proposal = super::super::propose::propose(&page);
        assert_eq!(proposal.removed.iter().copied().collect::<Vec<_>>(), [0]);
    }

    #[test]
    fn a_page_without_paragraphs_has_no_article() {
        assert!(Page::read("Home\nNews\n").article().is_none());
    }
}
