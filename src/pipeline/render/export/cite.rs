//! How a document is cited: Chicago (bibliography), APA 7 and BibTeX
//! texts for the document page's Cite control, and the CSL-JSON item that
//! reference managers (Zotero, Mendeley, Pandoc) import. One source of the
//! facts for all four, so they cannot disagree; unknown facts are left out
//! (APA's "n.d." for an unknown date), never written as "unknown".

use serde_json::{Value, json};

use crate::pipeline::document::Document;
use crate::pipeline::load::schema::{Known, PartialDate};

/// What a citation needs to know beyond the document itself.
pub(crate) struct Edition<'a> {
    /// The site's title, the edition the clean text is read in.
    pub site_title: &'a str,
    /// The document page's public URL, when the site has a base URL.
    pub url: Option<&'a str>,
}

/// A document's citation in each style, as plain text.
pub(crate) struct Citations {
    pub chicago: String,
    pub apa: String,
    pub bibtex: String,
}

/// The three citation texts of a document.
pub(crate) fn citations(doc: &Document, edition: &Edition<'_>) -> Citations {
    Citations {
        chicago: chicago(doc, edition),
        apa: apa(doc, edition),
        bibtex: bibtex(doc, edition),
    }
}

fn known(value: &Known<String>) -> Option<&str> {
    value.value().map(String::as_str).filter(|v| !v.is_empty())
}

/// `Publisher. “Title.” Type, April 9, 2015. URL. Clean text: Site, URL.`
fn chicago(doc: &Document, edition: &Edition<'_>) -> String {
    let m = &doc.metadata;
    let mut parts = Vec::new();
    if let Some(publisher) = known(&m.publisher) {
        parts.push(format!("{}.", publisher.trim_end_matches('.')));
    }
    parts.push(format!("“{}.”", m.title.trim_end_matches('.')));
    let date = match m.published.value() {
        Some(d) => match (d.month_name(), d.day) {
            (Some(month), Some(day)) => format!("{month} {day}, {}", d.year),
            (Some(month), None) => format!("{month} {}", d.year),
            _ => d.year.to_string(),
        },
        None => "n.d".into(),
    };
    parts.push(format!("{}, {date}.", m.document_type));
    if let Some(url) = known(&m.source_url) {
        parts.push(format!("{url}."));
    }
    parts.push(edition_sentence(edition));
    parts.join(" ")
}

/// `Publisher. (2015, April 9). Title [Type]. URL`
fn apa(doc: &Document, edition: &Edition<'_>) -> String {
    let m = &doc.metadata;
    let date = match m.published.value() {
        Some(d) => match (d.month_name(), d.day) {
            (Some(month), Some(day)) => format!("({}, {month} {day}).", d.year),
            (Some(month), None) => format!("({}, {month}).", d.year),
            _ => format!("({}).", d.year),
        },
        None => "(n.d.).".into(),
    };
    let title = format!("{} [{}].", m.title.trim_end_matches('.'), m.document_type);
    let mut parts = match known(&m.publisher) {
        Some(publisher) => vec![format!("{}.", publisher.trim_end_matches('.')), date, title],
        // APA: without an author the title takes the author's place.
        None => vec![title, date],
    };
    if let Some(url) = known(&m.source_url).or(edition.url) {
        parts.push(url.to_owned());
    }
    parts.join(" ")
}

fn edition_sentence(edition: &Edition<'_>) -> String {
    match edition.url {
        Some(url) => format!("Clean text: {}, {url}.", edition.site_title),
        None => format!("Clean text: {}.", edition.site_title),
    }
}

const BIBTEX_MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// A `@misc` entry keyed by the document's slug.
fn bibtex(doc: &Document, edition: &Edition<'_>) -> String {
    let m = &doc.metadata;
    let mut fields = Vec::new();
    if let Some(publisher) = known(&m.publisher) {
        // Double braces: a corporate author, not "Department, U.S.".
        fields.push(("author", format!("{{{{{}}}}}", bibtex_escape(publisher))));
        fields.push(("publisher", format!("{{{}}}", bibtex_escape(publisher))));
    }
    fields.push(("title", format!("{{{{{}}}}}", bibtex_escape(&m.title))));
    if let Some(d) = m.published.value() {
        fields.push(("year", d.year.to_string()));
        if let Some(month) = d.month {
            fields.push(("month", BIBTEX_MONTHS[usize::from(month) - 1].to_owned()));
        }
        fields.push(("date", format!("{{{}}}", d.iso())));
    }
    fields.push(("type", format!("{{{}}}", bibtex_escape(&m.document_type))));
    if let Some(url) = known(&m.source_url) {
        fields.push(("url", format!("{{{url}}}")));
    }
    let languages: Vec<&str> = m.languages.iter().map(|l| l.0.as_str()).collect();
    fields.push(("language", format!("{{{}}}", languages.join(", "))));
    fields.push((
        "note",
        format!("{{{}}}", bibtex_escape(&edition_sentence(edition))),
    ));
    let body: Vec<String> = fields
        .iter()
        .map(|(name, value)| format!("  {name} = {value},"))
        .collect();
    format!("@misc{{{},\n{}\n}}", doc.slug, body.join("\n"))
}

/// Escapes the characters BibTeX gives a meaning to.
fn bibtex_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' | '%' | '$' | '#' | '_' | '{' | '}' => {
                out.push('\\');
                out.push(c);
            }
            '\\' => out.push_str("\\textbackslash{}"),
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            _ => out.push(c),
        }
    }
    out
}

/// The CSL-JSON item (an array of one, as reference managers import it).
pub(crate) fn csl_json(doc: &Document, edition: &Edition<'_>) -> Vec<u8> {
    let m = &doc.metadata;
    let mut item = serde_json::Map::new();
    item.insert("id".into(), json!(doc.slug));
    let kind = if known(&m.source_url).is_some() {
        "webpage"
    } else {
        "document"
    };
    item.insert("type".into(), json!(kind));
    item.insert("title".into(), json!(m.title));
    item.insert("genre".into(), json!(m.document_type));
    if let Some(publisher) = known(&m.publisher) {
        item.insert("author".into(), json!([{ "literal": publisher }]));
        item.insert("publisher".into(), json!(publisher));
    }
    if let Some(d) = m.published.value() {
        item.insert("issued".into(), json!({ "date-parts": [date_parts(d)] }));
    }
    if let Some(url) = known(&m.source_url) {
        item.insert("URL".into(), json!(url));
    }
    if let Some(language) = m.languages.first() {
        item.insert("language".into(), json!(language.0));
    }
    item.insert("archive".into(), json!(edition.site_title));
    if let Some(url) = edition.url {
        item.insert("archive_location".into(), json!(url));
    }
    let mut bytes =
        serde_json::to_vec_pretty(&Value::Array(vec![Value::Object(item)])).expect("plain data");
    bytes.push(b'\n');
    bytes
}

fn date_parts(d: &PartialDate) -> Vec<u16> {
    std::iter::once(d.year)
        .chain(d.month.map(u16::from))
        .chain(d.day.map(u16::from))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bibtex_escapes_what_it_would_read_as_commands() {
        assert_eq!(
            bibtex_escape("R&D 50% #1 a_b {x}"),
            "R\\&D 50\\% \\#1 a\\_b \\{x\\}"
        );
        assert_eq!(
            bibtex_escape("a~b^c\\"),
            "a\\textasciitilde{}b\\textasciicircum{}c\\textbackslash{}"
        );
    }

    #[test]
    fn date_parts_keep_a_partial_date_partial() {
        let d = PartialDate {
            year: 2015,
            month: Some(9),
            day: None,
        };
        assert_eq!(date_parts(&d), [2015, 9]);
    }
}
