//! Segment text as HTML: stretches in one script, with `lang` where it
//! differs from the passage around it, and entity mentions as links.
//!
//! Passages are written here, in Rust, and handed to the templates as HTML
//! (`{{ seg.html | safe }}`): they are most of every page, and building them
//! as template data and formatting them in tera cost more than the rest of
//! the page together.

use std::borrow::Cow;
use std::ops::Range;

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
    /// Words that earned the page's topic its tag, written as `<mark>`.
    marked: bool,
}

/// Text as HTML, tagging the stretches whose language differs from `outer`.
pub fn html(text: &str, outer: &str, chinese: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    write_runs(
        &runs(text, outer, chinese, &[], &[], "", &[]),
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
    let mut out = String::with_capacity(text.len() * 2 + 64);
    in_both_scripts(&mut out, |out, simplify| {
        escape_into(if simplify { &simplified } else { text }, out)
    });
    out
}

/// Writes `<span class="hant">…</span><span class="hans" lang="zh-Hans">…</span>`,
/// `write` filling the first as received (`false`) and the second in
/// Simplified (`true`); the stylesheet shows the one the reader chose.
fn in_both_scripts(out: &mut String, write: impl Fn(&mut String, bool)) {
    out.push_str("<span class=\"hant\">");
    write(out, false);
    out.push_str("</span><span class=\"hans\" lang=\"zh-Hans\">");
    write(out, true);
    out.push_str("</span>");
}

/// A segment's text as HTML, its entity mentions linked from a page whose
/// path to the site root is `root`. A Chinese segment is written twice, as
/// it stands (`<span class="hant">`) and in Simplified characters
/// (`<span class="hans">`), for the page's script choice to show one.
///
/// `marks` are ranges of the segment's text to highlight (`<mark>`): the
/// words that earned a topic page its tag.
pub(crate) fn segment_html(
    segment: &Segment,
    chinese: &str,
    entities: &[Entity],
    root: &str,
    simplifier: &Simplifier,
    marks: &[Range<usize>],
) -> String {
    let outer = segment.lang.0.as_str();
    let runs = runs(
        &segment.text,
        outer,
        chinese,
        &segment.mentions,
        entities,
        root,
        marks,
    );
    let mut out = String::with_capacity(segment.text.len() * 2 + 64);
    if !outer.starts_with("zh") {
        write_runs(&runs, &mut out, Cow::Borrowed);
        return out;
    }
    in_both_scripts(&mut out, |out, simplify| match simplify {
        false => write_runs(&runs, out, Cow::Borrowed),
        true => write_runs(&runs, out, |text| Cow::Owned(simplifier.simplify(text))),
    });
    out
}

fn runs<'a>(
    text: &'a str,
    outer: &str,
    chinese: &'a str,
    mentions: &[Mention],
    entities: &'a [Entity],
    root: &str,
    marks: &[Range<usize>],
) -> Vec<Run<'a>> {
    let outer_is_chinese = outer.starts_with("zh");
    // A mark that touches a mention takes the whole mention, so that no
    // link is cut in two.
    let marks: Vec<Range<usize>> = marks
        .iter()
        .map(|r| {
            mentions
                .iter()
                .filter(|m| m.range.start < r.end && r.start < m.range.end)
                .fold(r.clone(), |r, m| {
                    r.start.min(m.range.start)..r.end.max(m.range.end)
                })
        })
        .collect();
    let mut out = Vec::new();
    let mut cuts: Vec<usize> = Vec::new();
    for (is_chinese, piece) in script_runs(text) {
        let lang = match (is_chinese, outer_is_chinese) {
            (true, false) => Some(chinese),
            (false, true) if piece.chars().any(char::is_alphabetic) => Some("en"),
            _ => None,
        };
        let start = piece.as_ptr() as usize - text.as_ptr() as usize;
        let end = start + piece.len();
        // Mentions across a change of script are no mentions, as before.
        let inside = |m: &&Mention| m.range.start >= start && m.range.end <= end;
        // The piece, cut where a mention or a mark starts or ends. Marks
        // take whole mentions (above), so no cut falls inside a mention.
        // One buffer for every piece: this runs for every passage of every page.
        cuts.clear();
        cuts.extend(
            mentions
                .iter()
                .filter(inside)
                .map(|m| &m.range)
                .chain(&marks)
                .flat_map(|r| [r.start, r.end])
                .filter(|&c| start < c && c < end && text.is_char_boundary(c)),
        );
        cuts.extend([start, end]);
        cuts.sort_unstable();
        cuts.dedup();
        for span in cuts.windows(2) {
            let range = span[0]..span[1];
            let mention = mentions
                .iter()
                .filter(inside)
                .find(|m| m.range.start <= range.start && range.end <= m.range.end)
                .map(|m| {
                    let entity = &entities[m.entity];
                    (
                        format!("{root}{}", paths::entity(&entity.id)),
                        m.is_abbreviation.then_some(entity.name.en.as_str()),
                    )
                });
            let marked = marks
                .iter()
                .any(|r| r.start <= range.start && range.end <= r.end);
            out.push(Run {
                lang,
                text: &text[range],
                mention,
                marked,
            });
        }
    }
    out
}

/// Writes runs as HTML, each run's text passed through `convert` (which
/// leaves English alone).
fn write_runs<'t>(runs: &[Run<'t>], out: &mut String, convert: impl Fn(&'t str) -> Cow<'t, str>) {
    for run in runs {
        if run.marked {
            out.push_str("<mark>");
        }
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
        if run.marked {
            out.push_str("</mark>");
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
