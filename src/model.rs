//! The site model: every page to be written, as plain data the templates
//! only format. Links are resolved here, relative to the page that holds them,
//! so the output works from `file://`, at a domain root and under a subpath.
//! Links name `index.html` explicitly because `file://` shows folders, not
//! their index pages.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::annotation::{Known, SegmentKind};
use crate::clean::Edit;
use crate::config::SiteConfig;
use crate::document::Document;
use crate::error::{Error, Result};
use crate::load::{DocumentInput, PageInput};
use crate::script::script_runs;

/// One page to render: where it goes, which template formats it, and its data.
#[derive(Debug, Serialize)]
pub struct Page {
    #[serde(skip)]
    pub path: String,
    #[serde(skip)]
    pub template: &'static str,
    pub common: Common,
    pub view: View,
}

/// What every page shows: site title, navigation, its own place in the site.
#[derive(Debug, Clone, Serialize)]
pub struct Common {
    pub site_title: String,
    pub page_title: String,
    pub description: String,
    /// Prefix that leads from this page to the site root (`""`, `"../../"`).
    pub root: String,
    pub nav: Vec<Link>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub label: String,
    pub href: String,
    pub current: bool,
}

#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum View {
    Home(HomeView),
    Document(DocumentView),
    Source(SourceView),
    Editorial(EditorialView),
}

#[derive(Debug, Serialize)]
pub struct HomeView {
    pub documents: Vec<DocumentSummary>,
}

#[derive(Debug, Serialize)]
pub struct DocumentSummary {
    pub title: String,
    pub href: String,
    pub date: DateView,
    pub document_type: String,
    pub parties: String,
    pub publisher: String,
    pub languages: Vec<String>,
    pub description: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct DateView {
    pub human: String,
    /// ISO 8601 for `<time datetime>`; empty when unknown.
    pub iso: String,
}

#[derive(Debug, Serialize)]
pub struct DocumentView {
    pub title: String,
    pub title_lang: String,
    pub metadata: Vec<MetaRow>,
    pub related: Vec<RelatedView>,
    pub segments: Vec<SegmentView>,
    pub source_href: String,
}

#[derive(Debug, Serialize)]
pub struct MetaRow {
    pub label: String,
    pub value: String,
    /// `value` in script runs, so a Chinese name carries its own `lang`.
    pub value_runs: Vec<Run>,
    pub unknown: bool,
    /// `<time datetime>` value for dates.
    pub iso: String,
    /// Whether `value` is a URL to link to.
    pub is_link: bool,
    /// Where the fact comes from, in script runs.
    pub source: Option<Vec<Run>>,
}

#[derive(Debug, Serialize)]
pub struct RelatedView {
    pub title: String,
    pub href: String,
    pub relation: String,
}

#[derive(Debug, Serialize)]
pub struct SegmentView {
    pub anchor: String,
    pub kind: SegmentKind,
    pub number: Option<String>,
    /// Whether a space separates the number from the text.
    pub spaced: bool,
    pub lang: String,
    pub runs: Vec<Run>,
}

/// A stretch of text in one script; `lang` is set when it differs from the
/// language of the passage around it.
#[derive(Debug, Clone, Serialize)]
pub struct Run {
    pub lang: Option<String>,
    pub text: String,
}

#[derive(Debug, Serialize)]
pub struct SourceView {
    pub title: String,
    pub seed: String,
    pub document_href: String,
    pub lines: Vec<SourceLine>,
    pub rules: Vec<RuleSummary>,
    pub removed_chars: usize,
    pub changed_spans: usize,
}

#[derive(Debug, Serialize)]
pub struct SourceLine {
    pub number: usize,
    pub pieces: Vec<SourcePiece>,
}

#[derive(Debug, Serialize)]
pub struct SourcePiece {
    /// `kept`, `removed` or `inserted`.
    pub class: &'static str,
    pub runs: Vec<Run>,
    /// Index into the rule list, for removed and inserted text.
    pub rule: Option<usize>,
}

#[derive(Debug, Serialize)]
pub struct RuleSummary {
    pub number: usize,
    pub rule: String,
    pub why: String,
    pub edits: usize,
}

#[derive(Debug, Serialize)]
pub struct EditorialView {
    pub html: String,
}

/// Builds every page of the site.
pub fn build_pages(
    config: &SiteConfig,
    inputs: &[DocumentInput],
    documents: &[Document],
    editorial: &[(&PageInput, String)],
) -> Result<Vec<Page>> {
    let related = symmetric_relations(inputs, documents)?;
    let nav_items: Vec<(String, String)> =
        std::iter::once(("Documents".to_owned(), "index.html".to_owned()))
            .chain(
                editorial
                    .iter()
                    .map(|(p, _)| (p.front.title.clone(), format!("{}/index.html", p.slug))),
            )
            .collect();
    let common = |path: &str, page_title: &str, description: &str| {
        let depth = path.matches('/').count();
        let root = "../".repeat(depth);
        let nav = nav_items
            .iter()
            .map(|(label, target)| Link {
                label: label.clone(),
                href: format!("{root}{target}"),
                current: target == path,
            })
            .collect();
        Common {
            site_title: config.title.clone(),
            page_title: page_title.to_owned(),
            description: description.to_owned(),
            root,
            nav,
        }
    };

    let mut order: Vec<&Document> = documents.iter().collect();
    order.sort_by(|a, b| (a.metadata.sort_date(), &a.slug).cmp(&(b.metadata.sort_date(), &b.slug)));

    let mut pages = Vec::new();
    pages.push(Page {
        path: "index.html".into(),
        template: "home.html",
        common: common("index.html", &config.title, &config.description),
        view: View::Home(HomeView {
            documents: order.iter().map(|d| summary(d)).collect(),
        }),
    });
    for doc in &order {
        let path = format!("documents/{}/index.html", doc.slug);
        let links = related
            .get(doc.slug.as_str())
            .map(Vec::as_slice)
            .unwrap_or_default();
        let related_views = links
            .iter()
            .filter_map(|(slug, relation)| {
                let other = documents.iter().find(|d| d.slug == *slug)?;
                Some(RelatedView {
                    title: other.metadata.title.clone(),
                    href: format!("../{slug}/index.html"),
                    relation: relation.clone(),
                })
            })
            .collect();
        pages.push(Page {
            common: common(&path, &doc.metadata.title, &doc.description),
            path,
            template: "document.html",
            view: View::Document(document_view(doc, related_views)),
        });
        let path = format!("documents/{}/source/index.html", doc.slug);
        pages.push(Page {
            common: common(
                &path,
                &format!("Source of {}", doc.metadata.title),
                &doc.description,
            ),
            path,
            template: "source.html",
            view: View::Source(source_view(doc)),
        });
    }
    for (input, html) in editorial {
        let path = format!("{}/index.html", input.slug);
        let description = input
            .front
            .description
            .clone()
            .unwrap_or_else(|| config.description.clone());
        pages.push(Page {
            common: common(&path, &input.front.title, &description),
            path,
            template: "page.html",
            view: View::Editorial(EditorialView { html: html.clone() }),
        });
    }
    Ok(pages)
}

/// Relations by document slug, both directions, each pair once, sorted.
fn symmetric_relations<'a>(
    inputs: &'a [DocumentInput],
    documents: &'a [Document],
) -> Result<BTreeMap<&'a str, Vec<(String, String)>>> {
    let mut map: BTreeMap<&str, Vec<(String, String)>> = BTreeMap::new();
    let mut errors = Vec::new();
    for (input, doc) in inputs.iter().zip(documents) {
        for r in &doc.related {
            let Some(other) = documents.iter().find(|d| d.slug == r.document) else {
                let slugs: Vec<&str> = documents.iter().map(|d| d.slug.as_str()).collect();
                errors.push(Error::input(
                    input.locate(&r.document),
                    format!(
                        "related document `{}` does not exist: expected one of {}",
                        r.document,
                        slugs.join(", ")
                    ),
                ));
                continue;
            };
            for (from, to) in [
                (doc.slug.as_str(), other.slug.as_str()),
                (other.slug.as_str(), doc.slug.as_str()),
            ] {
                let list = map.entry(from).or_default();
                if !list.iter().any(|(s, _)| s == to) {
                    list.push((to.to_owned(), r.relation.clone()));
                }
            }
        }
    }
    Error::collect(errors)?;
    for list in map.values_mut() {
        list.sort();
    }
    Ok(map)
}

fn date_view<T: std::fmt::Display>(known: &Known<T>, human: impl Fn(&T) -> String) -> DateView {
    match known {
        Known::Unknown => DateView {
            human: "unknown".into(),
            iso: String::new(),
        },
        Known::Value(v) => DateView {
            human: human(v),
            iso: v.to_string(),
        },
    }
}

fn summary(doc: &Document) -> DocumentSummary {
    let m = &doc.metadata;
    let date = match m.event_date.value() {
        Some(_) => date_view(&m.event_date, |d| d.human()),
        None => date_view(&m.published, |d| d.human()),
    };
    DocumentSummary {
        title: m.title.clone(),
        href: format!("documents/{}/index.html", doc.slug),
        date,
        document_type: m.document_type.clone(),
        parties: m.parties.join(" · "),
        publisher: m.publisher.to_string(),
        languages: m.languages.iter().map(|l| l.0.clone()).collect(),
        description: doc.description.clone(),
    }
}

fn document_view(doc: &Document, related: Vec<RelatedView>) -> DocumentView {
    let m = &doc.metadata;
    let chinese = chinese_tag(doc);
    let row = |label: &str, field: &str, value: String, unknown: bool, iso: String| MetaRow {
        label: label.into(),
        value_runs: runs(&value, "en", &chinese),
        value,
        unknown,
        iso,
        is_link: field == "source_url" && !unknown,
        source: m.sources.get(field).map(|s| runs(s, "en", &chinese)),
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
    let metadata = vec![
        text_row("Original title", "original_title", &m.original_title),
        date_row(
            "Event date",
            "event_date",
            date_view(&m.event_date, |d| d.human()),
        ),
        date_row(
            "Published",
            "published",
            date_view(&m.published, |d| d.human()),
        ),
        text_row("Place", "place", &m.place),
        plain_row("Parties", "parties", m.parties.join(", ")),
        plain_row("Document type", "document_type", m.document_type.clone()),
        text_row("Publisher", "publisher", &m.publisher),
        text_row("Source URL", "source_url", &m.source_url),
        plain_row(
            "Languages",
            "languages",
            m.languages
                .iter()
                .map(|l| l.0.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        plain_row("Seed file", "seed", doc.seed.clone()),
    ];
    let title_lang = if crate::script::is_mostly_chinese(&m.title) {
        "zh"
    } else {
        "en"
    };
    DocumentView {
        title: m.title.clone(),
        title_lang: title_lang.into(),
        metadata,
        related,
        segments: doc
            .segments
            .iter()
            .map(|s| SegmentView {
                anchor: s.anchor.clone(),
                kind: s.kind,
                number: s.number.clone(),
                spaced: s.number_is_spaced(),
                lang: s.lang.0.clone(),
                runs: runs(&s.text, &s.lang.0, &chinese_tag(doc)),
            })
            .collect(),
        source_href: "source/index.html".into(),
    }
}

/// The tag for Chinese runs inside other text of this document.
fn chinese_tag(doc: &Document) -> String {
    doc.metadata
        .languages
        .iter()
        .find(|l| l.is_chinese())
        .map_or_else(|| "zh".into(), |l| l.0.clone())
}

/// Splits text into runs, tagging those whose language differs from `outer`.
fn runs(text: &str, outer: &str, chinese: &str) -> Vec<Run> {
    let outer_is_chinese = outer.starts_with("zh");
    script_runs(text)
        .into_iter()
        .map(|(is_chinese, t)| Run {
            lang: match (is_chinese, outer_is_chinese) {
                (true, false) => Some(chinese.to_owned()),
                (false, true) if t.chars().any(char::is_alphabetic) => Some("en".to_owned()),
                _ => None,
            },
            text: t.to_owned(),
        })
        .collect()
}

fn source_view(doc: &Document) -> SourceView {
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
    let chinese = chinese_tag(doc);
    let mut lines = vec![SourceLine {
        number: 1,
        pieces: Vec::new(),
    }];
    let push =
        |class: &'static str, text: &str, rule: Option<usize>, lines: &mut Vec<SourceLine>| {
            for (i, part) in text.split('\n').enumerate() {
                if i > 0 {
                    let number = lines.len() + 1;
                    lines.push(SourceLine {
                        number,
                        pieces: Vec::new(),
                    });
                }
                if !part.is_empty() {
                    let piece = SourcePiece {
                        class,
                        runs: runs(part, "en", &chinese),
                        rule,
                    };
                    if let Some(line) = lines.last_mut() {
                        line.pieces.push(piece);
                    }
                }
            }
        };
    let mut at = 0;
    let mut removed_chars = 0;
    for edit in edits {
        if at < edit.range.start {
            push("kept", &raw[at..edit.range.start], None, &mut lines);
        }
        let rule = rule_index(edit);
        push("removed", &raw[edit.range.clone()], Some(rule), &mut lines);
        removed_chars += raw[edit.range.clone()].chars().count();
        if !edit.replacement.is_empty() {
            // An inserted text never breaks a line: it stays on the line it replaces.
            let pieces = &mut lines.last_mut().map(|l| &mut l.pieces);
            if let Some(pieces) = pieces {
                pieces.push(SourcePiece {
                    class: "inserted",
                    runs: runs(&edit.replacement, "en", &chinese),
                    rule: Some(rule),
                });
            }
        }
        at = edit.range.end;
    }
    if at < raw.len() {
        push("kept", &raw[at..], None, &mut lines);
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
        document_href: "../index.html".into(),
        lines,
        rules,
        removed_chars,
        changed_spans: edits.iter().filter(|e| !e.is_removal()).count(),
    }
}
