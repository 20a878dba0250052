//! Source pages: the raw text with every edit marked and the rules that
//! made them.

use serde::Serialize;

use super::text::html;
use super::{Site, paths};
use crate::pipeline::clean::Edit;

/// A source page: the raw seed line by line, every edit marked with the rule that made it.
#[derive(Debug, Serialize)]
pub struct SourceView {
    pub title: String,
    pub seed: String,
    pub document_href: String,
    /// The raw text as HTML (see [`listing`]).
    pub listing: String,
    pub rules: Vec<RuleSummary>,
    pub removed_chars: usize,
    pub changed_spans: usize,
}

/// A cleaning rule on the source page, numbered as the marks cite it, with its edit count.
#[derive(Debug, Serialize)]
pub struct RuleSummary {
    pub number: usize,
    pub rule: String,
    pub why: String,
    pub edits: usize,
}

pub(super) fn source_view(site: &Site<'_>, i: usize) -> SourceView {
    let doc = &site.documents[i];
    let raw = &doc.cleaned.raw;
    let edits = &doc.cleaned.edits;
    let mut rules = RuleTable::default();
    let mut lines = MarkedLines::new(site.chinese_tag(i));
    let mut at = 0;
    let mut removed_chars = 0;
    for edit in edits {
        if at < edit.range.start {
            lines.push(Mark::Kept, &raw[at..edit.range.start]);
        }
        let rule = rules.number(edit);
        lines.push(Mark::Removed(rule), &raw[edit.range.clone()]);
        removed_chars += raw[edit.range.clone()].chars().count();
        lines.insert(rule, &edit.replacement);
        at = edit.range.end;
    }
    if at < raw.len() {
        lines.push(Mark::Kept, &raw[at..]);
    }
    if raw.ends_with('\n') {
        lines.lines.pop();
    }
    SourceView {
        title: doc.metadata.title.clone(),
        seed: doc.seed.clone(),
        document_href: paths::DOCUMENT_FROM_SUBPAGE.into(),
        listing: listing(&lines.lines),
        rules: rules.summaries(),
        removed_chars,
        changed_spans: edits.iter().filter(|e| !e.is_removal()).count(),
    }
}

/// The distinct (rule, why) pairs in order of first use, numbered from 0,
/// with how many edits each made.
#[derive(Default)]
struct RuleTable {
    rules: Vec<((String, String), usize)>,
}

impl RuleTable {
    fn number(&mut self, edit: &Edit) -> usize {
        let key = (edit.rule.clone(), edit.why.clone().unwrap_or_default());
        match self.rules.iter().position(|(k, _)| *k == key) {
            Some(i) => {
                self.rules[i].1 += 1;
                i
            }
            None => {
                self.rules.push((key, 1));
                self.rules.len() - 1
            }
        }
    }

    fn summaries(self) -> Vec<RuleSummary> {
        self.rules
            .into_iter()
            .enumerate()
            .map(|(i, ((rule, why), edits))| RuleSummary {
                number: i + 1,
                rule,
                why,
                edits,
            })
            .collect()
    }
}

/// Each line's marked-up text; the line structure is written at the end.
struct MarkedLines {
    lines: Vec<String>,
    chinese: String,
}

impl MarkedLines {
    fn new(chinese: String) -> Self {
        MarkedLines {
            lines: vec![String::new()],
            chinese,
        }
    }

    fn push(&mut self, mark: Mark, text: &str) {
        for (i, part) in text.split('\n').enumerate() {
            if i > 0 {
                self.lines.push(String::new());
            }
            if !part.is_empty()
                && let Some(line) = self.lines.last_mut()
            {
                write_marked(line, mark, &html(part, "en", &self.chinese));
            }
        }
    }

    /// An inserted text never breaks a line: it stays on the line it replaces.
    fn insert(&mut self, rule: usize, text: &str) {
        if !text.is_empty()
            && let Some(line) = self.lines.last_mut()
        {
            write_marked(line, Mark::Inserted(rule), &html(text, "en", &self.chinese));
        }
    }
}

/// How a stretch of the raw text fared in cleaning; rules by their index.
#[derive(Clone, Copy)]
enum Mark {
    Kept,
    Removed(usize),
    Inserted(usize),
}

/// Appends `html`, marked as `mark` says: removed text struck through and
/// inserted text underlined, each naming the rule that did it.
fn write_marked(out: &mut String, mark: Mark, html: &str) {
    use std::fmt::Write;
    // Writing to a String cannot fail.
    let _ = match mark {
        Mark::Kept => out.write_str(html),
        Mark::Removed(rule) => {
            let r = rule + 1;
            write!(
                out,
                "<del data-rule=\"{r}\"><span class=\"visually-hidden\">[removed by rule {r}:] </span>{html}</del>\
                 <a class=\"rule-ref\" href=\"#rule-{r}\" aria-label=\"rule {r}\">{r}</a>"
            )
        }
        Mark::Inserted(rule) => {
            let r = rule + 1;
            write!(
                out,
                "<ins data-rule=\"{r}\"><span class=\"visually-hidden\">[inserted by rule {r}:] </span>{html}</ins>"
            )
        }
    };
}

/// The source page's listing: each line of the raw text, marked up, in a
/// `<div class="line" id="L<n>">` with a link to itself. Written here, not
/// in the template: a long seed has thousands of lines and pieces, and the
/// template loop over them cost more than the rest of the page.
fn listing(lines: &[String]) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(lines.iter().map(|l| l.len() + 120).sum());
    for (i, line) in lines.iter().enumerate() {
        let n = i + 1;
        let _ = write!(
            out,
            "\n<div class=\"line\" id=\"L{n}\"><a class=\"ln\" href=\"#L{n}\" aria-label=\"Line {n}\">{n}</a><span class=\"code\">{line}</span></div>"
        );
    }
    out
}
