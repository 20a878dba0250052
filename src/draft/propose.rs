//! The cleaning rules a draft proposes: keep the article, take the title
//! and the date out of their lines, drop the chrome left inside, and put
//! back the words the lint can repair. Each rule is checked against the
//! seed before it is proposed, so that it removes the lines it names and
//! no others.

use std::collections::BTreeSet;

use super::page::{Article, Page, PageLine, is_place_and_date};
use crate::pipeline::clean::dates::find_date;
use crate::pipeline::clean::lint::layout::headline_key;
use crate::pipeline::clean::lint::{Kind, exact_line, quoted};

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
                || !(line.is_headline() || line.is_prose() || is_place_and_date(line))
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

fn keep_between(page: &Page<'_>, start: usize, end: usize) -> Option<ProposedRule> {
    let first = page.lines.iter().position(|l| !l.is_void())?;
    let last = page.lines.iter().rposition(|l| !l.is_void())?;
    if start <= first && end >= last {
        return None;
    }
    let (start_line, end_line) = (&page.lines[start], &page.lines[end]);
    let start_marker = start_line.text.trim();
    let end_marker = end_line.text.trim();
    let found_start = page.raw.find(start_marker)?;
    let found_end = found_start + page.raw[found_start..].find(end_marker)?;
    let right_place =
        start_line.range.contains(&found_start) && end_line.range.contains(&found_end);
    if !right_place {
        return None;
    }
    let head = describe(page, first..start);
    let tail = describe(page, end + 1..last + 1);
    let comment = format!(
        "The article runs from line {} to line {}. Cut before it: {head}. Cut after it: {tail}.",
        start + 1,
        end + 1
    );
    Some(ProposedRule {
        comment,
        yaml: block(
            "keep_between",
            &[
                ("start", quoted(start_marker)),
                ("end", quoted(end_marker)),
                (
                    "why",
                    quoted("the page around the article: navigation, bars and footer"),
                ),
            ],
        ),
    })
}

/// What the lines in `range` are, as the lint calls them.
fn describe(page: &Page<'_>, range: std::ops::Range<usize>) -> String {
    let lines: Vec<&PageLine<'_>> = page.lines[range.clone()]
        .iter()
        .filter(|l| !l.is_void())
        .collect();
    if lines.is_empty() {
        return "nothing".into();
    }
    let kinds: BTreeSet<&str> = lines
        .iter()
        .map(|l| l.chrome.map_or("unmarked", Kind::name))
        .collect();
    let kinds: Vec<&str> = kinds.into_iter().collect();
    format!(
        "lines {}–{} ({} lines: {})",
        range.start + 1,
        range.end,
        lines.len(),
        kinds.join(", ")
    )
}

fn extract_title(page_title: &str, headline: &str) -> ProposedRule {
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
fn extract_published(
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
            comment: format!("Line {}: the date the page gives, `{text}`.", line + 1),
            yaml: block("extract", &fields),
        },
    ))
}

fn date_of(line: &str) -> String {
    find_date(line).map_or_else(String::new, |(_, d)| d.iso())
}

/// Rules that remove `lines`: a `drop_block` for three or more in a row,
/// a `drop_lines` for each other text. A line whose text also stands in the
/// kept article is left in, since an exact-line rule would take both.
fn drop_rules(
    page: &Page<'_>,
    lines: &[usize],
    removed: &mut BTreeSet<usize>,
) -> Vec<ProposedRule> {
    let kept: BTreeSet<&str> = page
        .lines
        .iter()
        .enumerate()
        .filter(|(i, l)| !l.is_void() && !removed.contains(i))
        .map(|(_, l)| l.text.trim())
        .collect();
    let (mut rules, mut done) = (Vec::new(), BTreeSet::new());
    for run in runs(page, lines) {
        if run.len() >= 3
            && let Some(rule) = drop_block(page, &run, &kept)
        {
            rules.push(rule);
            done.extend(run);
        }
    }
    let mut seen = BTreeSet::new();
    for &i in lines.iter().filter(|i| !done.contains(i)) {
        let line = &page.lines[i];
        let text = line.text.trim();
        if kept.contains(text) {
            removed.remove(&i);
            continue;
        }
        if !seen.insert(text) {
            continue;
        }
        let kind = line
            .chrome
            .map_or("a line between the headline and the text", Kind::name);
        rules.push(ProposedRule {
            comment: format!("Line {}: {kind}.", i + 1),
            yaml: block(
                "drop_lines",
                &[
                    ("matching", quoted(&exact_line(text))),
                    ("why", quoted(kind)),
                ],
            ),
        });
    }
    rules
}

/// `lines` in runs that only blank lines and filtered lines separate.
fn runs(page: &Page<'_>, lines: &[usize]) -> Vec<Vec<usize>> {
    let mut runs: Vec<Vec<usize>> = Vec::new();
    for &i in lines {
        let joins = runs
            .last()
            .and_then(|r| r.last())
            .is_some_and(|&prev| page.lines[prev + 1..i].iter().all(PageLine::is_void));
        match runs.last_mut() {
            Some(run) if joins => run.push(i),
            _ => runs.push(vec![i]),
        }
    }
    runs
}

/// A `drop_block` over `run`, if its first line is the first of its text in
/// the seed and its last the first of its text after that.
fn drop_block(page: &Page<'_>, run: &[usize], kept: &BTreeSet<&str>) -> Option<ProposedRule> {
    let (first, last) = (run[0], run[run.len() - 1]);
    let text = |i: usize| page.lines[i].text.trim();
    let first_of =
        |wanted: &str, from: usize| (from..page.lines.len()).find(|&i| text(i) == wanted);
    if first_of(text(first), 0) != Some(first) || first_of(text(last), first + 1) != Some(last) {
        return None;
    }
    if run.iter().any(|&i| kept.contains(text(i))) {
        return None;
    }
    let kinds: BTreeSet<&str> = run
        .iter()
        .map(|&i| page.lines[i].chrome.map_or("unmarked", Kind::name))
        .collect();
    let kinds: Vec<&str> = kinds.into_iter().collect();
    Some(ProposedRule {
        comment: format!(
            "Lines {}–{}: {} lines of {}.",
            first + 1,
            last + 1,
            run.len(),
            kinds.join(", ")
        ),
        yaml: block(
            "drop_block",
            &[
                ("from", quoted(&exact_line(text(first)))),
                ("to", quoted(&exact_line(text(last)))),
                ("why", quoted(&kinds.join(", "))),
            ],
        ),
    })
}

/// The lint's `replace` suggestions for damage inside the article: a lost
/// character it can put back, or a spam token whose `with` the editor must
/// write (the placeholder stops the build until then).
fn repairs(page: &Page<'_>, article: Option<Article>) -> Vec<ProposedRule> {
    let mut seen = BTreeSet::new();
    page.warnings
        .iter()
        .filter(|w| !w.kind.is_chrome())
        .filter(|w| article.is_none_or(|a| !a.cuts(w.line - 1)))
        .filter_map(|w| {
            let rule = w.suggestion.as_deref()?.strip_prefix("- replace: ")?;
            seen.insert(rule.to_owned()).then(|| ProposedRule {
                comment: format!("Line {}: {}", w.line, w.message),
                yaml: format!("  - replace: {rule}\n"),
            })
        })
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
