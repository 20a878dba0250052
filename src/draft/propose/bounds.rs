//! The `keep_between` rule: the article's first and last lines as markers.

use std::collections::BTreeSet;

use super::{ProposedRule, block};
use crate::draft::page::{Page, PageLine};
use crate::pipeline::clean::lint::{Kind, quoted};

pub(super) fn keep_between(page: &Page<'_>, start: usize, end: usize) -> Option<ProposedRule> {
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
    let filtered = page.lines[range.clone()]
        .iter()
        .filter(|l| l.filtered && !l.text.trim().is_empty())
        .count();
    if lines.is_empty() {
        return if filtered > 0 {
            format!(
                "lines {}–{} (the built-in filters remove them)",
                range.start + 1,
                range.end
            )
        } else {
            "nothing".into()
        };
    }
    let kinds: BTreeSet<&str> = lines
        .iter()
        .map(|l| l.chrome.map_or("unmarked", Kind::name))
        .collect();
    let kinds: Vec<&str> = kinds.into_iter().collect();
    let also = if filtered > 0 {
        format!("; {filtered} more the built-in filters remove")
    } else {
        String::new()
    };
    format!(
        "lines {}–{} ({} lines: {}{also})",
        range.start + 1,
        range.end,
        lines.len(),
        kinds.join(", ")
    )
}
