//! The rules that drop the chrome left inside the article, and the
//! `replace` rules that repair damaged words.

use std::collections::BTreeSet;

use super::{ProposedRule, block};
use crate::draft::page::{Article, Page, PageLine};
use crate::pipeline::clean::lint::{Kind, exact_line, quoted};

/// Rules that remove `lines`: a `drop_block` for three or more in a row,
/// a `drop_lines` for each other text. A line whose text also stands in the
/// kept article is left in, since an exact-line rule would take both.
pub(super) fn drop_rules(
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
pub(super) fn repairs(page: &Page<'_>, article: Option<Article>) -> Vec<ProposedRule> {
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
