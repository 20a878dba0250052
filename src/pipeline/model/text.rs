//! Segment text as HTML: stretches in one script, with `lang` where it
//! differs from the passage around it, and entity mentions as links.
//!
//! Passages are written here, in Rust, and handed to the templates as HTML
//! (`{{ seg.html | safe }}`): they are most of every page, and building them
//! as template data and formatting them in tera cost more than the rest of
//! the page together.

use std::borrow::Cow;

use super::paths;
use crate::chinese::{Simplifier, script_runs};
use crate::pipeline::annotate::mentions::Mention;
use crate::pipeline::load::entities::Entity;
use crate::pipeline::render::markdown::{escape, escape_into};
use crate::pipeline::segment::Segment;

/// A stretch of text in one language, maybe an entity mention.
struct Run<'a> {
    lang: Option<&'a str>,
    text: &'a str,
    /// The mentioned entity's page, and the expansion of an abbreviation.
    mention: Option<(String, Option<&'a str>)>,
}

/// Text as HTML, tagging the stretches whose language differs from `outer`.
pub fn html(text: &str, outer: &str, chinese: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    write_runs(
        &runs(text, outer, chinese, &[], &[], ""),
        &mut out,
        Cow::Borrowed,
    );
    out
}

/// Chinese text as HTML in both scripts (escaped): as it stands
/// (`<span class="hant">`) and in Simplified (`<span class="hans">`);
/// once only when the two are the same.
pub(crate) fn both_scripts(text: &str, simplifier: &Simplifier) -> String {
    let simplified = simplifier.simplify(text);
    if simplified == text {
        return escape(text);
    }
    format!(
        "<span class=\"hant\">{}</span><span class=\"hans\" lang=\"zh-Hans\">{}</span>",
        escape(text),
        escape(&simplified)
    )
}

/// A segment's text as HTML, its entity mentions linked from a page whose
/// path to the site root is `root`. A Chinese segment is written twice, as
/// it stands (`<span class="hant">`) and in Simplified characters
/// (`<span class="hans">`), for the page's script choice to show one.
pub(crate) fn segment_html(
    segment: &Segment,
    chinese: &str,
    entities: &[Entity],
    root: &str,
    simplifier: &Simplifier,
) -> String {
    let outer = segment.lang.0.as_str();
    let runs = runs(
        &segment.text,
        outer,
        chinese,
        &segment.mentions,
        entities,
        root,
    );
    let mut out = String::with_capacity(segment.text.len() * 2 + 64);
    if !outer.starts_with("zh") {
        write_runs(&runs, &mut out, Cow::Borrowed);
        return out;
    }
    out.push_str("<span class=\"hant\">");
    write_runs(&runs, &mut out, Cow::Borrowed);
    out.push_str("</span><span class=\"hans\" lang=\"zh-Hans\">");
    write_runs(&runs, &mut out, |text| {
        Cow::Owned(simplifier.simplify(text))
    });
    out.push_str("</span>");
    out
}

fn runs<'a>(
    text: &'a str,
    outer: &str,
    chinese: &'a str,
    mentions: &[Mention],
    entities: &'a [Entity],
    root: &str,
) -> Vec<Run<'a>> {
    let outer_is_chinese = outer.starts_with("zh");
    let mut out = Vec::new();
    for (is_chinese, piece) in script_runs(text) {
        let lang = match (is_chinese, outer_is_chinese) {
            (true, false) => Some(chinese),
            (false, true) if piece.chars().any(char::is_alphabetic) => Some("en"),
            _ => None,
        };
        let start = piece.as_ptr() as usize - text.as_ptr() as usize;
        let end = start + piece.len();
        let mut at = start;
        let inside = mentions
            .iter()
            .filter(|m| m.range.start >= start && m.range.end <= end);
        for m in inside {
            if at < m.range.start {
                out.push(Run {
                    lang,
                    text: &text[at..m.range.start],
                    mention: None,
                });
            }
            let entity = &entities[m.entity];
            out.push(Run {
                lang,
                text: &text[m.range.clone()],
                mention: Some((
                    format!("{root}{}", paths::entity(&entity.id)),
                    m.is_abbreviation.then_some(entity.name.en.as_str()),
                )),
            });
            at = m.range.end;
        }
        if at < end {
            out.push(Run {
                lang,
                text: &text[at..end],
                mention: None,
            });
        }
    }
    out
}

/// Writes runs as HTML, each run's text passed through `convert` (which
/// leaves English alone).
fn write_runs<'t>(runs: &[Run<'t>], out: &mut String, convert: impl Fn(&'t str) -> Cow<'t, str>) {
    for run in runs {
        let text = match run.lang {
            Some("en") => Cow::Borrowed(run.text),
            _ => convert(run.text),
        };
        let lang = run.lang.filter(|l| !l.is_empty());
        let open_lang = |out: &mut String| {
            if let Some(l) = lang {
                out.push_str(" lang=\"");
                escape_into(l, out);
                out.push('"');
            }
        };
        match &run.mention {
            Some((href, abbr)) => {
                out.push_str("<a class=\"mention\" href=\"");
                escape_into(href, out);
                out.push('"');
                open_lang(out);
                out.push('>');
                match abbr.filter(|a| !a.is_empty()) {
                    Some(abbr) => {
                        out.push_str("<abbr title=\"");
                        escape_into(abbr, out);
                        out.push_str("\">");
                        escape_into(&text, out);
                        out.push_str("</abbr>");
                    }
                    None => escape_into(&text, out),
                }
                out.push_str("</a>");
            }
            None if lang.is_some() => {
                out.push_str("<span");
                open_lang(out);
                out.push('>');
                escape_into(&text, out);
                out.push_str("</span>");
            }
            None => escape_into(&text, out),
        }
    }
}

/// The first `max` characters of `text`, cut at a word where possible.
pub(crate) fn excerpt(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_owned();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > max / 2 => cut[..i].to_owned(),
        _ => cut,
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', ' ']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_end_at_a_word() {
        assert_eq!(excerpt("short", 10), "short");
        assert_eq!(
            excerpt("Both sides intend to continue, to enhance cooperation", 32),
            "Both sides intend to continue…"
        );
    }

    #[test]
    fn chinese_inside_english_gets_its_own_lang() {
        assert_eq!(
            html("the 公安部 said <ok>", "en", "zh-Hant"),
            "the <span lang=\"zh-Hant\">公安部 </span>said &lt;ok&gt;"
        );
        assert_eq!(
            html("公安部与FBI", "zh-Hant", "zh-Hant"),
            "公安部与<span lang=\"en\">FBI</span>"
        );
    }
}
