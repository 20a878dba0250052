//! The cleaning lint: what in the clean text looks like noise the rules
//! missed, each finding with its kind and, where one would do, the rule
//! that deals with it. `build` prints the findings as warnings, `check`
//! treats them as errors, and `accord new` turns them into a draft
//! annotation's rules.
//!
//! - [`chrome`]: page furniture, one line at a time (breadcrumbs, share
//!   bars, bylines, datelines, captions, app chrome, …);
//! - [`layout`]: what shows only across lines (a headline printed twice, a
//!   run of unrelated headlines, a text that stops mid-sentence);
//! - [`text`]: damage inside a line (lost characters, stray script, pinyin).

mod chrome;
pub(crate) mod layout;
mod menus;
mod text;

use super::Cleaned;

pub use text::PLACEHOLDER;

/// A suspicious leftover in the clean text, for the editor to look at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// 1-based line in the raw seed.
    pub line: usize,
    /// The last raw line the finding covers (a run of lines), or `line`.
    pub last_line: usize,
    pub kind: Kind,
    pub message: String,
    /// What would deal with it, as YAML for the annotation (a cleaning
    /// rule, or a metadata field).
    pub suggestion: Option<String>,
}

/// What a warning is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    Breadcrumb,
    ShareBar,
    Byline,
    Dateline,
    SourceLine,
    BareUrl,
    Ticker,
    LinkList,
    RepeatedHeadline,
    Caption,
    AppChrome,
    Comments,
    Navigation,
    Footer,
    Truncation,
    Empty,
    LostCharacter,
    ForeignScript,
    Pinyin,
    Decoding,
    ControlCharacter,
}

impl Kind {
    /// Every kind, in the order the annotation-format page lists them.
    pub const ALL: [Kind; 21] = [
        Kind::Breadcrumb,
        Kind::ShareBar,
        Kind::Byline,
        Kind::Dateline,
        Kind::SourceLine,
        Kind::BareUrl,
        Kind::Ticker,
        Kind::LinkList,
        Kind::RepeatedHeadline,
        Kind::Caption,
        Kind::AppChrome,
        Kind::Comments,
        Kind::Navigation,
        Kind::Footer,
        Kind::Truncation,
        Kind::Empty,
        Kind::LostCharacter,
        Kind::ForeignScript,
        Kind::Pinyin,
        Kind::Decoding,
        Kind::ControlCharacter,
    ];

    /// The kind's name as warnings print it.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Breadcrumb => "breadcrumb",
            Kind::ShareBar => "share bar",
            Kind::Byline => "byline",
            Kind::Dateline => "dateline",
            Kind::SourceLine => "source or editor line",
            Kind::BareUrl => "bare URL",
            Kind::Ticker => "ticker",
            Kind::LinkList => "link list",
            Kind::RepeatedHeadline => "repeated headline",
            Kind::Caption => "photo caption",
            Kind::AppChrome => "app chrome",
            Kind::Comments => "comments",
            Kind::Navigation => "navigation",
            Kind::Footer => "footer",
            Kind::Truncation => "truncation",
            Kind::Empty => "no text",
            Kind::LostCharacter => "lost character",
            Kind::ForeignScript => "stray script",
            Kind::Pinyin => "pinyin",
            Kind::Decoding => "decoding",
            Kind::ControlCharacter => "control character",
        }
    }

    /// Whether the kind is page chrome around the article (a whole line to
    /// remove), as opposed to damage inside the article's own text.
    pub fn is_chrome(self) -> bool {
        !matches!(
            self,
            Kind::Truncation
                | Kind::Empty
                | Kind::LostCharacter
                | Kind::ForeignScript
                | Kind::Pinyin
                | Kind::Decoding
                | Kind::ControlCharacter
        )
    }
}

/// What the lint knows about the document beyond its text.
#[derive(Debug, Clone, Copy, Default)]
pub struct LintOptions {
    /// The document declares Chinese among its languages.
    pub chinese_expected: bool,
    /// The editor has recorded that the text is cut off.
    pub truncated: bool,
}

/// One line of the clean text.
struct CleanLine<'a> {
    text: &'a str,
    /// Offset in the clean text, to find the raw line.
    offset: usize,
}

/// Lints the clean text of a document.
pub fn lint(cleaned: &Cleaned, options: LintOptions) -> Vec<Warning> {
    let raw_lines = cleaned.raw_lines();
    let mut offset = 0;
    let lines: Vec<CleanLine<'_>> = cleaned
        .text
        .split_inclusive('\n')
        .map(|piece| {
            let line = CleanLine {
                text: piece.trim_end_matches(['\n', '\r']),
                offset,
            };
            offset += piece.len();
            line
        })
        .collect();
    let texts: Vec<&str> = lines.iter().map(|l| l.text).collect();
    let mut found = Findings {
        list: Vec::new(),
        flagged: vec![false; lines.len()],
        heading: vec![false; lines.len()],
    };
    line_findings(&texts, options, &mut found);
    layout_findings(&texts, options, &mut found);
    let mut found = found.list;
    found.sort_by_key(|f| (f.first, f.kind));
    let raw_line = |i: usize| raw_lines.line(lines.get(i).map_or(0, |l| l.offset));
    let mut warnings: Vec<Warning> = found
        .into_iter()
        .map(|f| Warning {
            line: raw_line(f.first),
            last_line: raw_line(f.last),
            kind: f.kind,
            message: f.message,
            suggestion: f.suggestion,
        })
        .collect();
    // Characters the cleaning removed because no page can carry them.
    warnings.extend(super::control::warnings(cleaned, &raw_lines));
    warnings.sort_by_key(|w| w.line);
    warnings
}

/// Findings by clean line index, and which lines are chrome or list headings.
struct Findings {
    list: Vec<Finding>,
    flagged: Vec<bool>,
    heading: Vec<bool>,
}

/// One finding, by the clean lines it covers.
struct Finding {
    first: usize,
    last: usize,
    kind: Kind,
    message: String,
    suggestion: Option<String>,
}

impl Finding {
    fn at(line: usize, kind: Kind, message: String, suggestion: Option<String>) -> Self {
        Finding {
            first: line,
            last: line,
            kind,
            message,
            suggestion,
        }
    }
}

/// What each line shows on its own.
fn line_findings(lines: &[&str], options: LintOptions, found: &mut Findings) {
    let Findings {
        list: found,
        flagged,
        heading,
    } = found;
    for (i, text) in lines.iter().enumerate() {
        let damage = text::damage(text, options.chinese_expected);
        // One finding per chrome line: a keyword list is not also a menu.
        let chrome = if damage.iter().any(|d| d.kind.is_chrome()) {
            None
        } else {
            chrome::detect(text)
        };
        if let Some(kind) = chrome {
            flagged[i] = true;
            heading[i] = kind == Kind::LinkList;
            let message = format!("{} line: `{}`", kind.name(), shorten(text.trim()));
            found.push(Finding::at(i, kind, message, Some(drop_line(text, kind))));
        }
        for d in damage {
            flagged[i] |= d.kind.is_chrome();
            let suggestion = match &d.repair {
                Some((find, with)) => Some(replace_rule(find, with, d.kind)),
                None if d.kind.is_chrome() => Some(drop_line(text, d.kind)),
                None => None,
            };
            found.push(Finding::at(i, d.kind, d.message, suggestion));
        }
    }
}

/// What shows only across lines.
fn layout_findings(texts: &[&str], options: LintOptions, found: &mut Findings) {
    let Findings {
        list: found,
        flagged,
        heading,
    } = found;
    for i in layout::repeated_headlines(texts) {
        let title = texts[i].trim();
        found.push(Finding::at(
            i,
            Kind::RepeatedHeadline,
            format!("headline printed twice: `{}`", shorten(title)),
            Some(format!(
                "- extract: {{line: {}, occurrence: first, why: the page title printed above the headline}}",
                quoted(&title_pattern(title))
            )),
        ));
        flagged[i] = true;
    }
    for run in layout::link_runs(texts, flagged, heading) {
        let (first, last) = (run[0], run[run.len() - 1]);
        for &i in &run {
            flagged[i] = true;
        }
        found.push(Finding {
            first,
            last,
            kind: Kind::LinkList,
            message: format!(
                "{} headline-like lines in a row, from `{}` to `{}`: a list of links?",
                run.len(),
                shorten(texts[first].trim()),
                shorten(texts[last].trim())
            ),
            suggestion: Some(format!(
                "- drop_block: {{from: {}, to: {}, why: a list of links to other pages}}",
                quoted(&exact_line(texts[first])),
                quoted(&exact_line(texts[last]))
            )),
        });
    }
    let kept: Vec<bool> = flagged.iter().map(|f| !f).collect();
    if !options.truncated
        && let Some(i) = layout::truncated_at(texts, &kept)
    {
        found.push(Finding::at(
            i,
            Kind::Truncation,
            format!("the text ends mid-sentence: `…{}`", tail(texts[i].trim())),
            Some("truncated: true   # under metadata: the scrape is cut off".into()),
        ));
    }
    if texts.iter().all(|t| t.trim().is_empty()) {
        found.push(Finding::at(
            0,
            Kind::Empty,
            "the cleaning left no text".into(),
            None,
        ));
    }
}

/// A pattern for a printed-twice headline that takes the headline itself
/// as the title, without the site name or tag the page title adds.
fn title_pattern(line: &str) -> String {
    let key = layout::headline_key(line);
    let at = line.find(key).unwrap_or(0);
    format!(
        "^\\s*{}(?P<title>{}){}\\s*$",
        regex::escape(&line[..at]),
        regex::escape(key),
        regex::escape(&line[at + key.len()..])
    )
}

/// A pattern matching exactly this line (surrounding spaces aside).
pub(crate) fn exact_line(line: &str) -> String {
    format!("^\\s*{}\\s*$", regex::escape(line.trim()))
}

/// A YAML single-quoted scalar: nothing in it is special but `'`.
pub(crate) fn quoted(text: &str) -> String {
    format!("'{}'", text.replace('\'', "''"))
}

fn drop_line(line: &str, kind: Kind) -> String {
    format!(
        "- drop_lines: {{matching: {}, why: {}}}",
        quoted(&exact_line(line)),
        kind.name()
    )
}

fn replace_rule(find: &str, with: &str, kind: Kind) -> String {
    format!(
        "- replace: {{find: {}, with: {}, why: {}}}",
        quoted(find),
        quoted(with),
        kind.name()
    )
}

fn shorten(text: &str) -> String {
    let mut short: String = text.chars().take(60).collect();
    if short.len() < text.len() {
        short.push('…');
    }
    short
}

fn tail(text: &str) -> String {
    let n = text.chars().count();
    text.chars().skip(n.saturating_sub(40)).collect()
}

#[cfg(test)]
mod tests;
