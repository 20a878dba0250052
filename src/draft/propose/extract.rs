//! The `extract` rules: the page title and the dateline, taken out of the
//! text into the document's title and `published` date.

use std::collections::BTreeSet;

use super::{ProposedRule, block};
use crate::draft::page::{Article, Page};
use crate::pipeline::clean::dates::find_date;
use crate::pipeline::clean::lint::{Kind, quoted};

pub(super) fn extract_title(page_title: &str, headline: &str) -> ProposedRule {
    let page_title = page_title.trim();
    let at = page_title.find(headline).unwrap_or(0);
    let pattern = format!(
        "^\\s*{}(?P<title>{}){}\\s*$",
        regex::escape(&page_title[..at]),
        regex::escape(headline),
        regex::escape(&page_title[at + headline.len()..])
    );
    ProposedRule {
        comment: format!("The page title `{page_title}` is printed above the same headline."),
        yaml: block(
            "extract",
            &[
                ("line", quoted(&pattern)),
                ("occurrence", "first".into()),
                ("why", quoted("the page title printed above the headline")),
            ],
        ),
    }
}

/// The first dateline above the article's first paragraph, as an `extract`
/// rule taking its date as `published`.
pub(super) fn extract_published(
    page: &Page<'_>,
    article: Option<Article>,
    removed: &BTreeSet<usize>,
) -> Option<(usize, ProposedRule)> {
    let article = article?;
    let line = (article.start..article.first_prose).find(|&i| {
        let line = &page.lines[i];
        let dateline = line.chrome == Some(Kind::Dateline)
            || (line.chrome.is_none() && article.is_masthead(i));
        dateline && removed.contains(&i) && find_date(line.text).is_some()
    })?;
    let text = page.lines[line].text.trim();
    let (range, _) = find_date(text)?;
    let pattern = format!(
        "^\\s*{}(?P<published>{}){}\\s*$",
        regex::escape(&text[..range.start]),
        regex::escape(&text[range.clone()]),
        regex::escape(&text[range.end..])
    );
    let repeated = page.lines.iter().filter(|l| l.text.trim() == text).count() > 1;
    let mut fields = vec![("line", quoted(&pattern))];
    if repeated {
        fields.push(("occurrence", "first".into()));
    }
    fields.push(("why", quoted("the dateline above the article")));
    Some((
        line,
        ProposedRule {
            comment: format!(
                "Line {}: the date the page gives, `{text}`.{}",
                line + 1,
                if UPDATE.is_match(text) {
                    " It may be the date of an update: the first publication can be earlier."
                } else {
                    ""
                }
            ),
            yaml: block("extract", &fields),
        },
    ))
}

/// A dateline that gives the date of a change, not of publication.
static UPDATE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"(?i)\b(?:updated|modified|revised)\b|更新|修改").expect("static pattern")
});

pub(super) fn date_of(line: &str) -> String {
    find_date(line).map_or_else(String::new, |(_, d)| d.iso())
}
