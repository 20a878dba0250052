//! `extract`: a line that carries metadata (a byline, a dateline) taken out
//! of the text and into the document's fields.

use super::{Ctx, EXTRACTABLE_FIELDS};
use crate::pipeline::clean::{Draft, RuleError};
use crate::pipeline::load::schema::{Extract, Occurrence};

pub(super) fn extract(
    draft: &mut Draft<'_>,
    ctx: &Ctx<'_>,
    rule: &Extract,
) -> Result<(), RuleError> {
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
            "published" => {
                crate::pipeline::clean::dates::parse_date(&value, rule.format.as_deref())
                    .map_err(|e| ctx.error(pattern, format!("extracted published: {e}")))?
                    .iso()
            }
            _ => value,
        };
        draft.set_extracted(&field, &value);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::tests::run;

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
}
