//! Document pages (metadata, segments with topics and notes) and source pages
//! (the raw text with every edit marked).

use serde::Serialize;

use super::text::html;
use super::{DateView, Link, Site, date_view, paths};
use crate::error::{Error, Result};
use crate::pipeline::clean::Edit;
use crate::pipeline::load::schema::{Known, SegmentKind};

#[derive(Debug, Serialize)]
pub struct DocumentView {
    pub title: String,
    pub title_lang: String,
    pub metadata: Vec<MetaRow>,
    pub related: Vec<RelatedView>,
    pub segments: Vec<SegmentView>,
    pub source_href: String,
    /// The side-by-side view, for a bilingual document.
    pub bilingual_href: Option<String>,
    /// Topic pages that cite paragraphs of this document, with counts.
    pub cited_on: Vec<CountedLink>,
}

#[derive(Debug, Serialize)]
pub struct MetaRow {
    pub label: String,
    pub value: String,
    /// `value` as HTML, where a Chinese name carries its own `lang`.
    pub value_html: String,
    pub unknown: bool,
    /// `<time datetime>` value for dates.
    pub iso: String,
    /// Whether `value` is a URL to link to.
    pub is_link: bool,
    /// A link for values that have a page of their own (a mechanism).
    pub href: Option<String>,
    /// Where the fact comes from, as HTML.
    pub source_html: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct RelatedView {
    pub title: String,
    pub href: String,
    pub relation: String,
}

#[derive(Debug, Serialize)]
pub struct CountedLink {
    pub label: String,
    pub href: String,
    pub count: usize,
}

#[derive(Debug, Serialize)]
pub struct SegmentView {
    pub anchor: String,
    pub kind: SegmentKind,
    pub number: Option<String>,
    /// Whether a space separates the number from the text.
    pub spaced: bool,
    pub lang: String,
    /// The text as HTML.
    pub html: String,
    /// The segment's topics, each linking to its entry on the topic page.
    pub topics: Vec<Link>,
    /// Editorial notes placed after this segment.
    pub notes: Vec<NoteView>,
}

#[derive(Debug, Serialize)]
pub struct NoteView {
    pub html: String,
    /// The segments the note is about, then those it refers to.
    pub links: Vec<Link>,
}

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

#[derive(Debug, Serialize)]
pub struct RuleSummary {
    pub number: usize,
    pub rule: String,
    pub why: String,
    pub edits: usize,
}

/// A segment reference in a note, `<slug>#<anchor>`, resolved to
/// (document index, segment index).
fn resolve_reference(site: &Site<'_>, reference: &str) -> Option<(usize, usize)> {
    let (slug, anchor) = reference.split_once('#')?;
    let d = site.documents.iter().position(|d| d.slug == slug)?;
    let s = site.documents[d]
        .segments
        .iter()
        .position(|s| s.anchor == anchor)?;
    Some((d, s))
}

/// The documents that a document's notes point to.
pub(super) fn noted(site: &Site<'_>, i: usize) -> Vec<usize> {
    site.documents[i]
        .notes
        .iter()
        .flat_map(|placed| &placed.note.see)
        .filter_map(|r| resolve_reference(site, r))
        .map(|(d, _)| d)
        .collect()
}

/// Every `see` reference of every note must name an existing segment.
pub(super) fn check_note_references(site: &Site<'_>) -> Result<()> {
    let mut errors = Vec::new();
    for (input, doc) in site.inputs.documents.iter().zip(site.documents) {
        for placed in &doc.notes {
            for reference in &placed.note.see {
                if resolve_reference(site, reference).is_none() {
                    errors.push(Error::input(
                        input.locate(reference),
                        format!("note reference `{reference}` names no segment: expected `<document slug>#<anchor>`, e.g. `{}#en-1`", doc.slug),
                    ));
                }
            }
        }
    }
    Error::collect(errors)
}

pub(super) fn document_view(site: &Site<'_>, i: usize) -> DocumentView {
    let doc = &site.documents[i];
    let m = &doc.metadata;
    let chinese = site.chinese_tag(i);
    let root: &str = &paths::root_of(&paths::document(&doc.slug));
    let labels = &site.strings.metadata;
    let row = |label: &str, field: &str, value: String, unknown: bool, iso: String| MetaRow {
        label: label.into(),
        value_html: html(&value, "en", &chinese),
        value,
        unknown,
        iso,
        is_link: field == "source_url" && !unknown,
        href: None,
        source_html: m.sources.get(field).map(|s| html(s, "en", &chinese)),
    };
    let text_row = |label: &str, field: &str, known: &Known<String>| {
        row(
            label,
            field,
            known.to_string(),
            known.value().is_none(),
            String::new(),
        )
    };
    let date_row = |label: &str, field: &str, date: DateView| {
        row(label, field, date.human, date.iso.is_empty(), date.iso)
    };
    let plain_row =
        |label: &str, field: &str, value: String| row(label, field, value, false, String::new());
    let mut metadata = vec![
        text_row(&labels.original_title, "original_title", &m.original_title),
        date_row(
            &labels.event_date,
            "event_date",
            date_view(&m.event_date, |d| d.human()),
        ),
        date_row(
            &labels.published,
            "published",
            date_view(&m.published, |d| d.human()),
        ),
        text_row(&labels.place, "place", &m.place),
        plain_row(&labels.parties, "parties", m.parties.join(", ")),
        plain_row(
            &labels.document_type,
            "document_type",
            m.document_type.clone(),
        ),
        text_row(&labels.publisher, "publisher", &m.publisher),
        text_row(&labels.source_url, "source_url", &m.source_url),
        plain_row(
            &labels.languages,
            "languages",
            m.languages
                .iter()
                .map(|l| l.0.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        plain_row(&labels.seed, "seed", doc.seed.clone()),
    ];
    if let Some(e) = doc.mechanism {
        let entity = &site.inputs.entities[e];
        let mut mechanism = plain_row(&labels.mechanism, "mechanism", entity.name.en.clone());
        mechanism.href = Some(format!("{root}{}", paths::entity(&entity.id)));
        metadata.insert(4, mechanism);
    }

    let mut segments: Vec<SegmentView> = doc
        .segments
        .iter()
        .enumerate()
        .map(|(n, s)| SegmentView {
            anchor: s.anchor.clone(),
            kind: s.kind,
            number: s.number.clone(),
            spaced: s.number_is_spaced(),
            lang: s.lang.0.clone(),
            html: site.segment_html(i, n, root),
            topics: s
                .topics
                .iter()
                .map(|&t| {
                    let topic = &site.inputs.topics[t];
                    Link {
                        label: topic.label.en.clone(),
                        href: format!(
                            "{root}{}#{}-{}",
                            site.topics.page_path(topic, t, i, site.per_page),
                            doc.slug,
                            s.anchor
                        ),
                        current: false,
                    }
                })
                .collect(),
            notes: Vec::new(),
        })
        .collect();
    for placed in &doc.notes {
        let local = placed.on.iter().map(|&s| Link {
            label: format!("this document, {}", doc.segments[s].anchor),
            href: format!("#{}", doc.segments[s].anchor),
            current: false,
        });
        let elsewhere = placed
            .note
            .see
            .iter()
            .filter_map(|r| resolve_reference(site, r))
            .map(|(d, s)| {
                let other = &site.documents[d];
                let anchor = &other.segments[s].anchor;
                let label = if d == i {
                    format!("this document, {anchor}")
                } else {
                    format!("{}, {anchor}", other.metadata.title)
                };
                let href = if d == i {
                    format!("#{anchor}")
                } else {
                    format!("{root}{}#{anchor}", paths::document(&other.slug))
                };
                Link {
                    label,
                    href,
                    current: false,
                }
            });
        let view = NoteView {
            html: html(&placed.note.text, "en", &chinese),
            links: local.chain(elsewhere).collect(),
        };
        if let Some(&last) = placed.on.iter().max() {
            segments[last].notes.push(view);
        }
    }

    let related = site
        .related
        .get(&i)
        .map(|list| {
            list.iter()
                .map(|(j, relation)| RelatedView {
                    title: site.documents[*j].metadata.title.clone(),
                    href: format!("{root}{}", paths::document(&site.documents[*j].slug)),
                    relation: relation.clone(),
                })
                .collect()
        })
        .unwrap_or_default();

    let mut counts = vec![0usize; site.inputs.topics.len()];
    for s in &doc.segments {
        for &t in &s.topics {
            counts[t] += 1;
        }
    }
    let cited_on = counts
        .iter()
        .enumerate()
        .filter(|(_, n)| **n > 0)
        .map(|(t, &count)| CountedLink {
            label: site.inputs.topics[t].label.en.clone(),
            href: format!("{root}{}", paths::topic(&site.inputs.topics[t].id)),
            count,
        })
        .collect();

    let title_lang = if crate::chinese::is_mostly_chinese(&m.title) {
        "zh"
    } else {
        "en"
    };
    DocumentView {
        title: m.title.clone(),
        title_lang: title_lang.into(),
        metadata,
        related,
        segments,
        source_href: "source/index.html".into(),
        bilingual_href: (!doc.alignment.is_empty()).then(|| "bilingual/index.html".into()),
        cited_on,
    }
}

pub(super) fn source_view(site: &Site<'_>, i: usize) -> SourceView {
    let doc = &site.documents[i];
    let raw = &doc.cleaned.raw;
    let edits = &doc.cleaned.edits;
    let mut rule_names: Vec<(String, String)> = Vec::new();
    let mut rule_counts: Vec<usize> = Vec::new();
    let mut rule_index = |e: &Edit| {
        let key = (e.rule.clone(), e.why.clone().unwrap_or_default());
        match rule_names.iter().position(|k| *k == key) {
            Some(i) => {
                rule_counts[i] += 1;
                i
            }
            None => {
                rule_names.push(key);
                rule_counts.push(1);
                rule_names.len() - 1
            }
        }
    };
    let chinese = site.chinese_tag(i);
    // Each line's marked-up text; the line structure is written at the end.
    let mut lines = vec![String::new()];
    let push = |mark: Mark, text: &str, lines: &mut Vec<String>| {
        for (i, part) in text.split('\n').enumerate() {
            if i > 0 {
                lines.push(String::new());
            }
            if !part.is_empty()
                && let Some(line) = lines.last_mut()
            {
                write_marked(line, mark, &html(part, "en", &chinese));
            }
        }
    };
    let mut at = 0;
    let mut removed_chars = 0;
    for edit in edits {
        if at < edit.range.start {
            push(Mark::Kept, &raw[at..edit.range.start], &mut lines);
        }
        let rule = rule_index(edit);
        push(Mark::Removed(rule), &raw[edit.range.clone()], &mut lines);
        removed_chars += raw[edit.range.clone()].chars().count();
        // An inserted text never breaks a line: it stays on the line it replaces.
        if !edit.replacement.is_empty()
            && let Some(line) = lines.last_mut()
        {
            write_marked(
                line,
                Mark::Inserted(rule),
                &html(&edit.replacement, "en", &chinese),
            );
        }
        at = edit.range.end;
    }
    if at < raw.len() {
        push(Mark::Kept, &raw[at..], &mut lines);
    }
    if raw.ends_with('\n') {
        lines.pop();
    }
    let rules = rule_names
        .into_iter()
        .zip(rule_counts)
        .enumerate()
        .map(|(i, ((rule, why), edits))| RuleSummary {
            number: i + 1,
            rule,
            why,
            edits,
        })
        .collect();
    SourceView {
        title: doc.metadata.title.clone(),
        seed: doc.seed.clone(),
        document_href: paths::DOCUMENT_FROM_SUBPAGE.into(),
        listing: listing(&lines),
        rules,
        removed_chars,
        changed_spans: edits.iter().filter(|e| !e.is_removal()).count(),
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
