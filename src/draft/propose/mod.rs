//! The cleaning rules a draft proposes: keep the article, take the title
//! and the date out of their lines, drop the chrome left inside, and put
//! back the words the lint can repair. Each rule is checked against the
//! seed before it is proposed, so that it removes the lines it names and
//! no others.

use std::collections::BTreeSet;

mod bounds;
mod drops;
mod extract;

use super::page::{Article, Page, PageLine, is_place_and_date};
use crate::pipeline::clean::lint::Kind;
use crate::pipeline::clean::lint::layout::headline_key;
use bounds::keep_between;
use drops::{drop_rules, repairs};
use extract::{date_of, extract_published, extract_title};

/// A rule for the draft, with the comment written above it.
pub(super) struct ProposedRule {
    pub comment: String,
    /// The rule as a YAML list item, indented for `cleaning:`.
    pub yaml: String,
}

/// What the rules take out of the text into metadata.
#[derive(Default)]
pub(super) struct Taken {
    /// The headline, as printed twice; the `extract` rule takes the first.
    pub title: Option<String>,
    /// The dateline's line (1-based) and its date, taken by `extract`.
    pub published: Option<(usize, String)>,
    /// The site name the page title adds to the headline.
    pub site: Option<String>,
}

/// The draft's rules, and which raw lines (0-based) they remove.
pub(super) struct Proposal {
    pub rules: Vec<ProposedRule>,
    pub removed: BTreeSet<usize>,
    pub taken: Taken,
    /// Where the article is, when there is one.
    pub article: Option<Article>,
}

/// Proposes the rules for `page`.
pub(super) fn propose(page: &Page<'_>) -> Proposal {
    let mut taken = Taken::default();
    let mut article = page.article();
    // The page title printed above the headline is where the article starts,
    // so that the `extract` rule below finds it.
    let mut title_line = None;
    if let Some(a) = article.as_mut()
        && let Some(first_copy) = first_copy_of(page, a.start)
    {
        taken.title = Some(page.lines[a.start].text.trim().to_owned());
        taken.site = site_name(page.lines[first_copy].text);
        a.start = first_copy;
        title_line = Some(first_copy);
    }
    let mut removed = removals(page, article);
    let mut rules = Vec::new();
    // A marker that occurs earlier in the seed would cut in the wrong
    // place: then the lines outside the article go one by one instead.
    let keep = article.and_then(|a| keep_between(page, a.start, a.end));
    let kept_between = keep.is_some();
    let cut_by_keep = |i: usize| kept_between && article.is_some_and(|a| a.cuts(i));
    rules.extend(keep);
    if let (Some(line), Some(title)) = (title_line, &taken.title) {
        rules.push(extract_title(page.lines[line].text, title));
    }
    let mut dateline = None;
    if let Some((line, rule)) = extract_published(page, article, &removed) {
        taken.published = Some((line + 1, date_of(page.lines[line].text)));
        dateline = Some(line);
        rules.push(rule);
    }
    let explicit: Vec<usize> = removed
        .iter()
        .copied()
        .filter(|&i| !cut_by_keep(i))
        .filter(|&i| Some(i) != title_line && Some(i) != dateline)
        .collect();
    rules.extend(drop_rules(page, &explicit, &mut removed));
    rules.extend(repairs(page, article));
    Proposal {
        rules,
        removed,
        taken,
        article,
    }
}

/// The line that prints `headline` as the page title above it (`Headline |
/// Site`), if the lint found the headline printed twice.
fn first_copy_of(page: &Page<'_>, headline: usize) -> Option<usize> {
    let text = page.lines[headline].text.trim();
    page.warnings
        .iter()
        .filter(|w| w.kind == Kind::RepeatedHeadline)
        .map(|w| w.line - 1)
        .find(|&i| i < headline && headline_key(page.lines[i].text.trim()) == text)
}

/// The site name after the headline in a page title, if there is one.
fn site_name(page_title: &str) -> Option<String> {
    let title = page_title.trim();
    let key = headline_key(title);
    let rest = title.get(title.find(key)? + key.len()..)?;
    let site = rest.trim_matches(|c: char| c.is_whitespace() || "|-–—_｜:".contains(c));
    (!site.is_empty() && site.chars().count() <= 40).then(|| site.to_owned())
}

/// Every non-blank line the draft removes: outside the article; between
/// the headline and the first paragraph, all but subheadings, paragraphs
/// and a place and date; in the body, the chrome. What closes the article
/// after its last paragraph stays, even when it looks like a dateline.
fn removals(page: &Page<'_>, article: Option<Article>) -> BTreeSet<usize> {
    let removes = |i: usize, line: &PageLine<'_>| match article {
        None => line.chrome.is_some(),
        Some(a) if a.cuts(i) => true,
        Some(a) if a.is_masthead(i) => {
            line.chrome.is_some()
                || !(line.is_headline()
                    || line.is_section_heading()
                    || line.is_prose()
                    || is_place_and_date(line))
        }
        Some(a) if a.is_closing(i) => false,
        Some(_) => line.chrome.is_some(),
    };
    page.lines
        .iter()
        .enumerate()
        .filter(|(i, l)| !l.is_void() && removes(*i, l))
        .map(|(i, _)| i)
        .collect()
}

/// A rule as a block-style list item under `cleaning:`.
fn block(kind: &str, fields: &[(&str, String)]) -> String {
    let mut yaml = format!("  - {kind}:\n");
    for (key, value) in fields {
        yaml.push_str(&format!("      {key}: {value}\n"));
    }
    yaml
}
