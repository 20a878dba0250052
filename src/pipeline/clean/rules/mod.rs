//! The declarative rule kinds an annotation can use. Each one either changes
//! something or fails: a rule that matches nothing is an error, because a
//! seed never changes and a rule that does nothing was written wrong.

mod extract;
mod gbk;

use super::{Draft, RuleError};
use crate::pipeline::load::schema::{DropBlock, DropLines, KeepBetween, Replace, Rule};

/// The metadata fields an `extract` rule may fill.
pub(crate) const EXTRACTABLE_FIELDS: [&str; 4] = ["title", "published", "publisher", "place"];

pub(crate) fn apply(draft: &mut Draft<'_>, index: usize, rule: &Rule) -> Result<(), RuleError> {
    let label = format!("cleaning[{index}] {}", rule.kind());
    let ctx = Ctx {
        index,
        label: &label,
        why: rule.why(),
    };
    match rule {
        Rule::KeepBetween(r) => keep_between(draft, &ctx, r),
        Rule::DropLines(r) => drop_lines(draft, &ctx, r),
        Rule::DropBlock(r) => drop_block(draft, &ctx, r),
        Rule::Replace(r) => replace(draft, &ctx, r),
        Rule::Extract(r) => extract::extract(draft, &ctx, r),
        Rule::RepairGbk(r) => gbk::repair_gbk(draft, &ctx, r),
    }
}

struct Ctx<'a> {
    index: usize,
    label: &'a str,
    why: Option<&'a str>,
}

impl Ctx<'_> {
    fn error(&self, anchor: &str, message: String) -> RuleError {
        RuleError {
            index: self.index,
            anchor: anchor.to_owned(),
            message: format!("{}: {message}", self.label),
        }
    }
}

fn keep_between(draft: &mut Draft<'_>, ctx: &Ctx<'_>, rule: &KeepBetween) -> Result<(), RuleError> {
    let raw = draft.raw();
    let start = raw.find(&rule.start).ok_or_else(|| {
        ctx.error(
            &rule.start,
            format!(
                "expected the seed to contain the start marker `{}`",
                rule.start
            ),
        )
    })?;
    let end_match = raw[start..]
        .find(&rule.end)
        .map(|i| start + i + rule.end.len())
        .ok_or_else(|| {
            ctx.error(
                &rule.end,
                format!(
                    "expected the end marker `{}` after the start marker",
                    rule.end
                ),
            )
        })?;
    let line_start = raw[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = raw[end_match..]
        .find('\n')
        .map_or(raw.len(), |i| end_match + i + 1);
    // Earlier rules may already have removed lines out there: remove what
    // they left, so nothing outside the markers survives whatever ran first.
    if line_start == 0 && line_end == raw.len() {
        return Err(ctx.error(
            &rule.start,
            "removes nothing: the markers span the whole seed".into(),
        ));
    }
    for outside in [0..line_start, line_end..raw.len()] {
        for gap in draft.free_gaps(outside) {
            draft.propose(gap, "", ctx.label, ctx.why);
        }
    }
    Ok(())
}

fn drop_lines(draft: &mut Draft<'_>, ctx: &Ctx<'_>, rule: &DropLines) -> Result<(), RuleError> {
    let matching: Vec<_> = draft
        .live_lines()
        .into_iter()
        .filter(|l| rule.matching.regex().is_match(l.text))
        .collect();
    let mut dropped = 0;
    for line in matching {
        dropped += usize::from(draft.propose(line.with_break, "", ctx.label, ctx.why));
    }
    if dropped == 0 {
        let pattern = rule.matching.regex().as_str();
        return Err(ctx.error(
            pattern,
            format!("expected a line matching `{pattern}`, found none"),
        ));
    }
    Ok(())
}

fn drop_block(draft: &mut Draft<'_>, ctx: &Ctx<'_>, rule: &DropBlock) -> Result<(), RuleError> {
    let lines = draft.live_lines();
    let from = rule.from.regex().as_str();
    let first = lines
        .iter()
        .position(|l| rule.from.regex().is_match(l.text))
        .ok_or_else(|| {
            ctx.error(
                from,
                format!("expected a line matching `{from}`, found none"),
            )
        })?;
    let last = match &rule.to {
        None => lines.len() - 1,
        Some(to) => lines[first..]
            .iter()
            .position(|l| to.regex().is_match(l.text))
            .map(|i| first + i)
            .ok_or_else(|| {
                ctx.error(
                    to.source(),
                    format!(
                        "expected a line matching `{}` after the block start",
                        to.source()
                    ),
                )
            })?,
    };
    for line in &lines[first..=last] {
        draft.propose(line.with_break.clone(), "", ctx.label, ctx.why);
    }
    Ok(())
}

fn replace(draft: &mut Draft<'_>, ctx: &Ctx<'_>, rule: &Replace) -> Result<(), RuleError> {
    if rule.find.is_empty() {
        return Err(ctx.error("replace", "expected a non-empty `find`".into()));
    }
    if rule.with.starts_with(super::lint::PLACEHOLDER) {
        return Err(ctx.error(
            &rule.find,
            format!(
                "`with` is still the placeholder `{}`: write the text `{}` stands for",
                super::lint::PLACEHOLDER,
                rule.find
            ),
        ));
    }
    let matches = draft.free_matches(&rule.find);
    if matches.is_empty() {
        return Err(ctx.error(
            &rule.find,
            format!("expected the seed to contain `{}`, found none", rule.find),
        ));
    }
    for range in matches {
        draft.propose(range, &rule.with, ctx.label, ctx.why);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::clean::{Cleaned, clean};

    pub(super) fn run(raw: &str, yaml: &str) -> Result<Cleaned, RuleError> {
        let rules = crate::pipeline::load::schema::parse_rules(yaml).unwrap();
        let off = crate::pipeline::load::yaml::from_str("{pinyin: false, lost_nbsp: false, boilerplate: false, keyword_spam: false, link_block: false}").unwrap();
        clean(raw, &rules, off, false)
    }

    #[test]
    fn keep_between_removes_navigation_above_and_footer_below() {
        let raw = "Home / World\nTitle line\nBody.\nLast sentence.\nCopyright 1995\n";
        let c = run(
            raw,
            "- keep_between: {start: Title line, end: Last sentence.}",
        )
        .unwrap();
        assert_eq!(c.text, "Title line\nBody.\nLast sentence.\n");
        assert_eq!(c.edits.len(), 2);
        assert!(c.edits.iter().all(|e| e.rule == "cleaning[0] keep_between"));
    }

    #[test]
    fn keep_between_removes_what_earlier_rules_left_outside_the_markers() {
        let raw = "Home\nNews\nWorld\nTitle line\nBody.\nEnd.\nShare\nFooter one\nFooter two\n";
        let c = run(
            raw,
            "- drop_lines: {matching: '^News$'}\n- drop_lines: {matching: '^Footer one$'}\n- keep_between: {start: Title line, end: End.}",
        )
        .unwrap();
        assert_eq!(c.text, "Title line\nBody.\nEnd.\n");
        let by_keep = c.edits.iter().filter(|e| e.rule.ends_with("keep_between"));
        assert_eq!(
            by_keep.count(),
            4,
            "the free gaps on both sides: {:#?}",
            c.edits
        );
        // Everything before the markers already gone is not an error.
        let c = run(
            "Home\nTitle\nBody.\nTail\n",
            "- drop_lines: {matching: '^Home$'}\n- keep_between: {start: Title, end: Body.}",
        )
        .unwrap();
        assert_eq!(c.text, "Title\nBody.\n");
    }

    #[test]
    fn a_replace_left_with_its_placeholder_is_refused() {
        let yaml = format!(
            "- replace: {{find: 皇冠体育app, with: '{}'}}",
            crate::pipeline::clean::lint::PLACEHOLDER
        );
        let err = run("The 皇冠体育app policy.", &yaml).unwrap_err();
        assert!(
            err.message.contains("still the placeholder"),
            "{}",
            err.message
        );
    }

    #[test]
    fn keep_between_with_a_missing_marker_is_an_error() {
        let err = run("abc\n", "- keep_between: {start: abc, end: xyz}").unwrap_err();
        assert_eq!(err.anchor, "xyz");
        assert!(err.message.contains("expected the end marker `xyz`"));
    }

    #[test]
    fn drop_lines_removes_every_matching_line() {
        let c = run(
            "a\nWorld\nb\nWorld\n",
            "- drop_lines: {matching: '^World$'}",
        )
        .unwrap();
        assert_eq!(c.text, "a\nb\n");
    }

    #[test]
    fn drop_lines_matching_nothing_is_an_error() {
        assert!(run("a\n", "- drop_lines: {matching: '^zzz$'}").is_err());
    }

    #[test]
    fn drop_block_removes_to_the_end_when_open() {
        let c = run("keep\nSTART\nx\ny\n", "- drop_block: {from: '^START$'}").unwrap();
        assert_eq!(c.text, "keep\n");
        let c = run(
            "keep\nSTART\nx\nEND\nafter\n",
            "- drop_block: {from: '^START$', to: '^END$'}",
        )
        .unwrap();
        assert_eq!(c.text, "keep\nafter\n");
    }

    #[test]
    fn replace_restores_a_spam_token_everywhere() {
        let c = run(
            "皇冠体育app's policy. 皇冠体育app hosted.",
            "- replace: {find: 皇冠体育app, with: China}",
        )
        .unwrap();
        assert_eq!(c.text, "China's policy. China hosted.");
        assert_eq!(c.edits.len(), 2);
    }
}
