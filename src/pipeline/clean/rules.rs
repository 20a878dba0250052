//! The declarative rule kinds an annotation can use. Each one either changes
//! something or fails: a rule that matches nothing is an error, because a
//! seed never changes and a rule that does nothing was written wrong.

use encoding_rs::GBK;

use super::{Draft, RuleError};
use crate::pipeline::load::schema::{
    DropBlock, DropLines, Extract, KeepBetween, Occurrence, RepairGbk, Replace, Rule,
};

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
        Rule::Extract(r) => extract(draft, &ctx, r),
        Rule::RepairGbk(r) => repair_gbk(draft, &ctx, r),
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

fn extract(draft: &mut Draft<'_>, ctx: &Ctx<'_>, rule: &Extract) -> Result<(), RuleError> {
    let pattern = rule.line.regex().as_str();
    for name in rule.line.regex().capture_names().flatten() {
        if !EXTRACTABLE_FIELDS.contains(&name) {
            return Err(ctx.error(
                pattern,
                format!(
                    "unknown group `{name}`, expected one of {}",
                    EXTRACTABLE_FIELDS.join(", ")
                ),
            ));
        }
    }
    let lines = draft.live_lines();
    let mut hits = lines
        .iter()
        .filter_map(|l| rule.line.regex().captures(l.text.trim()).map(|c| (l, c)));
    let (line, captures) = hits.next().ok_or_else(|| {
        ctx.error(
            pattern,
            format!("expected a line matching `{pattern}`, found none"),
        )
    })?;
    if rule.occurrence == Occurrence::Only && hits.next().is_some() {
        return Err(ctx.error(
            pattern,
            format!("expected exactly one line matching `{pattern}`, found several"),
        ));
    }
    let fields: Vec<(String, String)> = rule
        .line
        .regex()
        .capture_names()
        .flatten()
        .filter_map(|name| {
            captures
                .name(name)
                .map(|m| (name.to_owned(), m.as_str().trim().to_owned()))
        })
        .collect();
    if rule.format.is_some() && !fields.iter().any(|(f, _)| f == "published") {
        return Err(ctx.error(
            pattern,
            "`format` says how `published` is written, but the pattern has no `published` group"
                .into(),
        ));
    }
    let range = line.with_break.clone();
    draft.propose(range, "", ctx.label, ctx.why);
    for (field, value) in fields {
        // A date is stored as it is meant (ISO 8601), whatever the page
        // printed; the removed line keeps the printed form in the provenance.
        let value = match field.as_str() {
            "published" => super::dates::parse_date(&value, rule.format.as_deref())
                .map_err(|e| ctx.error(pattern, format!("extracted published: {e}")))?
                .iso(),
            _ => value,
        };
        draft.set_extracted(&field, &value);
    }
    Ok(())
}

fn repair_gbk(draft: &mut Draft<'_>, ctx: &Ctx<'_>, rule: &RepairGbk) -> Result<(), RuleError> {
    let repaired = restore_lost_gbk_byte(&rule.damaged, rule.lost_byte)
        .map_err(|m| ctx.error(&rule.damaged, m))?;
    if repaired != rule.expect {
        return Err(ctx.error(
            &rule.damaged,
            format!(
                "putting back byte {:#04x} gives `{repaired}`, expected `{}`",
                rule.lost_byte, rule.expect
            ),
        ));
    }
    let whole = format!("{}{}", rule.residue, rule.damaged);
    let matches = draft.free_matches(&whole);
    if matches.is_empty() {
        return Err(ctx.error(
            &rule.damaged,
            format!("expected the seed to contain `{whole}`, found none"),
        ));
    }
    for range in matches {
        draft.propose(range, &repaired, ctx.label, ctx.why);
    }
    Ok(())
}

/// Undoes a GBK decoding that lost one byte: re-encode what was decoded, put
/// the byte back in front, decode again.
pub(crate) fn restore_lost_gbk_byte(damaged: &str, lost_byte: u8) -> Result<String, String> {
    let (bytes, _, unmappable) = GBK.encode(damaged);
    if unmappable {
        return Err(format!(
            "`{damaged}` cannot be encoded in GBK, so it is not GBK mojibake"
        ));
    }
    let mut restored = vec![lost_byte];
    restored.extend_from_slice(&bytes);
    GBK.decode_without_bom_handling_and_without_replacement(&restored)
        .map(|text| text.into_owned())
        .ok_or_else(|| format!("putting back byte {lost_byte:#04x} does not give valid GBK"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::clean::{Cleaned, clean};

    fn run(raw: &str, yaml: &str) -> Result<Cleaned, RuleError> {
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

    #[test]
    fn extract_moves_a_byline_into_metadata() {
        let yaml = r"- extract: {line: '^(?P<publisher>\S+) \| Updated: (?P<published>\d{4}-\d{2}-\d{2}) \d{2}:\d{2}$'}";
        let c = run(
            "Title\n    chinadaily.com.cn | Updated: 2017-10-06 21:47\nBody\n",
            yaml,
        )
        .unwrap();
        assert_eq!(c.text, "Title\nBody\n");
        assert_eq!(c.extracted["publisher"], "chinadaily.com.cn");
        assert_eq!(c.extracted["published"], "2017-10-06");
    }

    #[test]
    fn extract_reads_the_date_as_the_page_prints_it() {
        let raw = "Title\nPublished: Dec. 8, 2016 | 3 min read\nBody\n";
        let c = run(
            raw,
            r"- extract: {line: '^Published: (?P<published>.+?) \|'}",
        )
        .unwrap();
        assert_eq!(c.extracted["published"], "2016-12-08");
        let c = run(
            "发布时间：2017年4月23日 06:37\n正文\n",
            "- extract: {line: '发布时间：(?P<published>.+)$'}",
        )
        .unwrap();
        assert_eq!(c.extracted["published"], "2017-04-23");
        let ambiguous = "Posted 04/12/2015\nBody\n";
        let err = run(ambiguous, "- extract: {line: '^Posted (?P<published>.+)$'}").unwrap_err();
        assert!(err.message.contains("format:"), "{}", err.message);
        let c = run(
            ambiguous,
            "- extract: {line: '^Posted (?P<published>.+)$', format: '[day]/[month]/[year]'}",
        )
        .unwrap();
        assert_eq!(c.extracted["published"], "2015-12-04");
        let err = run(
            raw,
            "- extract: {line: '^(?P<title>Title)$', format: '[year]'}",
        )
        .unwrap_err();
        assert!(
            err.message.contains("no `published` group"),
            "{}",
            err.message
        );
    }

    #[test]
    fn extract_takes_the_first_of_repeated_lines_when_asked() {
        let raw = "Police meet\nPolice meet\nBody.\n";
        assert!(run(raw, "- extract: {line: '^(?P<title>Police meet)$'}").is_err());
        let c = run(
            raw,
            "- extract: {line: '^(?P<title>Police meet)$', occurrence: first}",
        )
        .unwrap();
        assert_eq!(c.text, "Police meet\nBody.\n");
        assert_eq!(c.extracted["title"], "Police meet");
    }

    #[test]
    fn extract_rejects_groups_that_are_not_metadata_fields() {
        let err = run("x\n", "- extract: {line: '(?P<colour>x)'}").unwrap_err();
        assert!(
            err.message.contains("unknown group `colour`"),
            "{}",
            err.message
        );
    }

    #[test]
    fn repair_gbk_puts_the_lost_byte_back() {
        assert_eq!(restore_lost_gbk_byte("刹槠鹪V", 0x82).unwrap(), "偵查起訴");
        assert_eq!(restore_lost_gbk_byte("赊k", 0x82).unwrap(), "偵辦");
        let yaml = "- repair_gbk: {damaged: 赊k, residue: '?jìng)', lost_byte: 0x82, expect: 偵辦}";
        let c = run("個案?jìng)赊k和情報", yaml).unwrap();
        assert_eq!(c.text, "個案偵辦和情報");
    }

    #[test]
    fn repair_gbk_checks_the_expected_text() {
        let yaml = "- repair_gbk: {damaged: 赊k, lost_byte: 0x82, expect: 偵查}";
        let err = run("赊k", yaml).unwrap_err();
        assert!(
            err.message.contains("gives `偵辦`, expected `偵查`"),
            "{}",
            err.message
        );
    }
}
