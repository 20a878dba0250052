//! End-to-end: topics, entities, notes, the comparison table and the timeline
//! agree with each other on the parsed HTML of the bundled corpus.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::sync::OnceLock;

use common::{parse_html, read_tree, select, text_of};

fn out() -> &'static PathBuf {
    static OUT: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &OUT.get_or_init(common::build_corpus).1
}

fn pages_under(prefix: &str) -> Vec<(String, scraper::Html)> {
    read_tree(out())
        .into_iter()
        .filter(|(p, _)| {
            p.starts_with(prefix) && p.ends_with("/index.html") && p.matches('/').count() == 2
        })
        .map(|(p, _)| {
            let html = parse_html(&out().join(&p));
            (p, html)
        })
        .collect()
}

/// `topics/<id>/index.html#<fragment>` → (id, fragment).
fn topic_target(href: &str) -> (String, String) {
    let (path, fragment) = href.split_once('#').unwrap_or((href, ""));
    let id = path
        .trim_end_matches("/index.html")
        .rsplit('/')
        .next()
        .unwrap_or_default();
    (id.to_owned(), fragment.to_owned())
}

/// (topic id, `<slug>-<anchor>`) for every topic tag on the document pages.
fn tags_on_document_pages() -> BTreeSet<(String, String)> {
    let mut tags = BTreeSet::new();
    for (path, page) in pages_under("documents/") {
        let slug = path.split('/').nth(1).unwrap_or_default().to_owned();
        for list in select(&page, "ul.topic-tags") {
            let anchor = list
                .value()
                .attr("aria-label")
                .unwrap_or_default()
                .trim_start_matches("Topics of ")
                .to_owned();
            for a in list.select(&scraper::Selector::parse("a").expect("selector")) {
                let (id, fragment) = topic_target(a.value().attr("href").unwrap_or_default());
                assert_eq!(
                    fragment,
                    format!("{slug}-{anchor}"),
                    "the tag links to its entry on the topic page"
                );
                tags.insert((id, fragment));
            }
        }
    }
    tags
}

#[test]
fn every_topic_page_lists_exactly_the_paragraphs_tagged_with_it() {
    let tagged = tags_on_document_pages();
    assert!(tagged.len() > 100, "{} tags", tagged.len());
    let mut listed = BTreeSet::new();
    for (path, page) in pages_under("topics/") {
        let id = path.split('/').nth(1).unwrap_or_default().to_owned();
        for quote in select(&page, ".topic-group .quote") {
            let entry = quote.value().attr("id").unwrap_or_default().to_owned();
            assert!(
                listed.insert((id.clone(), entry.clone())),
                "{id}: {entry} listed twice"
            );
        }
    }
    assert_eq!(listed, tagged);
}

#[test]
fn every_topic_tags_something_and_topics_number_twelve_to_twenty() {
    let topics = pages_under("topics/");
    assert!((12..=20).contains(&topics.len()), "{} topics", topics.len());
    for (path, page) in &topics {
        assert!(
            !select(page, ".topic-group .quote").is_empty(),
            "{path} lists no paragraph"
        );
    }
}

#[test]
fn the_bilingual_statement_shows_chinese_beside_english_on_topic_pages() {
    let page = parse_html(&out().join("topics/telecom-fraud/index.html"));
    let rows = select(&page, ".row.bilingual");
    assert!(!rows.is_empty());
    for row in rows {
        let langs: Vec<&str> = row
            .select(&scraper::Selector::parse(".quote").expect("selector"))
            .filter_map(|q| q.value().attr("lang"))
            .collect();
        assert_eq!(langs, ["zh-Hant", "en"]);
    }
}

#[test]
fn every_comparison_cell_agrees_with_the_topic_pages() {
    // From the topic pages: (topic, slug) → the anchors a short listing quotes
    // (the English one of a bilingual pair).
    let mut expected: BTreeMap<(String, String), Vec<String>> = BTreeMap::new();
    for (path, page) in pages_under("topics/") {
        let id = path.split('/').nth(1).unwrap_or_default().to_owned();
        for group in select(&page, ".topic-group") {
            let quotes: Vec<_> = group
                .select(&scraper::Selector::parse(".row").expect("selector"))
                .collect();
            for row in quotes {
                let cells: Vec<_> = row
                    .select(&scraper::Selector::parse(".quote").expect("selector"))
                    .collect();
                let quoted = cells
                    .iter()
                    .find(|c| c.value().attr("lang") == Some("en"))
                    .unwrap_or(&cells[0]);
                let entry = quoted.value().attr("id").unwrap_or_default();
                let (slug, anchor) = split_entry(entry);
                expected.entry((id.clone(), slug)).or_default().push(anchor);
            }
        }
    }
    let compare = parse_html(&out().join("compare/index.html"));
    let columns: Vec<String> = select(&compare, "#topics-table thead th a")
        .iter()
        .map(|a| {
            a.value()
                .attr("href")
                .unwrap_or_default()
                .split('/')
                .nth(2)
                .unwrap_or_default()
                .to_owned()
        })
        .collect();
    assert_eq!(columns.len(), 5);
    let mut cells = 0;
    for row in select(&compare, "#topics-table tbody tr") {
        let th = row
            .select(&scraper::Selector::parse("th a").expect("selector"))
            .next()
            .expect("row header");
        let (id, _) = topic_target(th.value().attr("href").unwrap_or_default());
        let tds: Vec<_> = row
            .select(&scraper::Selector::parse("td").expect("selector"))
            .collect();
        assert_eq!(tds.len(), columns.len());
        for (td, slug) in tds.iter().zip(&columns) {
            let anchors: Vec<String> = td
                .select(&scraper::Selector::parse(".cell-links a").expect("selector"))
                .map(|a| {
                    a.value()
                        .attr("href")
                        .unwrap_or_default()
                        .split('#')
                        .nth(1)
                        .unwrap_or_default()
                        .to_owned()
                })
                .collect();
            let want = expected
                .get(&(id.clone(), slug.clone()))
                .cloned()
                .unwrap_or_default();
            assert_eq!(anchors, want, "cell {id} × {slug}");
            assert_eq!(
                td.value().attr("data-count"),
                Some(want.len().to_string().as_str())
            );
            cells += 1;
        }
    }
    assert!(cells >= 60);
}

/// `2017-lecd-summary-of-outcomes-en-5` → (slug, `en-5`).
fn split_entry(entry: &str) -> (String, String) {
    let cut = entry
        .rfind("-en-")
        .or_else(|| entry.rfind("-zh-"))
        .expect("an anchor at the end");
    (entry[..cut].to_owned(), entry[cut + 1..].to_owned())
}

#[test]
fn comparison_columns_are_in_date_order_and_the_metadata_table_is_complete() {
    let compare = parse_html(&out().join("compare/index.html"));
    let dates: Vec<String> = select(&compare, "#metadata-table tbody td[data-sort]")
        .iter()
        .map(|td| td.value().attr("data-sort").unwrap_or_default().to_owned())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
    let rows = select(&compare, "#metadata-table tbody tr");
    assert_eq!(rows.len(), 5);
    let lecd = rows
        .iter()
        .find(|r| text_of(r).contains("Summary of outcomes of the first"))
        .expect("LECD row");
    let text = text_of(lecd);
    for expected in [
        "China-US Law Enforcement and Cybersecurity Dialogue",
        "Guo Shengkun",
        "Jefferson B. Sessions",
        "Elaine Duke",
        "Washington",
    ] {
        assert!(
            text.contains(expected) || text.contains("Jeff Sessions"),
            "{expected} in `{text}`"
        );
    }
    assert!(
        select(&compare, "script[src$=\"assets/compare.js\"]").len() == 1,
        "the script only enhances"
    );
}

#[test]
fn guo_shengkun_is_mentioned_in_three_documents() {
    let page = parse_html(&out().join("entities/guo-shengkun/index.html"));
    let documents: Vec<String> = select(&page, "section h2 a").iter().map(text_of).collect();
    assert_eq!(documents.len(), 3, "{documents:?}");
    let doc = parse_html(&out().join("documents/2015-johnson-guo-ministerial-meeting/index.html"));
    let links: BTreeSet<&str> = select(&doc, ".text a.mention")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(links.contains("../../entities/guo-shengkun/index.html"));
    assert!(links.contains("../../entities/jeh-johnson/index.html"));
}

#[test]
fn abbreviations_render_as_abbr_and_feed_the_glossary() {
    let doc = parse_html(&out().join("documents/2017-lecd-summary-of-outcomes/index.html"));
    let abbrs: Vec<(String, String)> = select(&doc, ".text abbr")
        .iter()
        .map(|a| {
            (
                text_of(a),
                a.value().attr("title").unwrap_or_default().to_owned(),
            )
        })
        .collect();
    assert!(
        abbrs.contains(&(
            "LECD".into(),
            "China-US Law Enforcement and Cybersecurity Dialogue".into()
        )),
        "{abbrs:?}"
    );
    let glossary = parse_html(&out().join("glossary/index.html"));
    let terms: BTreeSet<String> = select(&glossary, ".glossary dt")
        .iter()
        .map(text_of)
        .collect();
    for abbr in ["LECD", "MPS", "DHS", "AFP", "SCO", "ARF", "UNTOC"] {
        assert!(terms.contains(abbr), "glossary has {abbr}: {terms:?}");
    }
}

#[test]
fn the_note_on_the_disputed_year_links_both_accounts() {
    let summary = parse_html(&out().join("documents/2017-lecd-summary-of-outcomes/index.html"));
    let note = select(&summary, ".note");
    assert_eq!(note.len(), 1);
    let hrefs: Vec<&str> = note[0]
        .select(&scraper::Selector::parse("a").expect("selector"))
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert_eq!(
        hrefs,
        [
            "#en-5",
            "../../documents/2017-lecd-xinhua-report/index.html#en-7"
        ]
    );
    assert!(text_of(&note[0]).contains("2015") && text_of(&note[0]).contains("2017"));
    let xinhua = parse_html(&out().join("documents/2017-lecd-xinhua-report/index.html"));
    let hrefs: Vec<String> = select(&xinhua, ".note a")
        .iter()
        .filter_map(|a| a.value().attr("href").map(str::to_owned))
        .collect();
    assert!(
        hrefs.contains(&"../../documents/2017-lecd-summary-of-outcomes/index.html#en-5".to_owned())
    );
}

#[test]
fn document_pages_show_backlinks_to_topic_pages() {
    let doc = parse_html(
        &out().join("documents/2023-china-australia-law-enforcement-working-group/index.html"),
    );
    let cited: Vec<String> = select(&doc, ".cited-on a").iter().map(text_of).collect();
    for topic in [
        "Telecom fraud",
        "Counter-narcotics",
        "Economic crime and money laundering",
        "Network security",
    ] {
        assert!(cited.contains(&topic.to_owned()), "{topic} in {cited:?}");
    }
}

#[test]
fn the_timeline_runs_from_2015_to_2023() {
    let page = parse_html(&out().join("timeline/index.html"));
    let years: Vec<String> = select(&page, ".timeline > li > h2")
        .iter()
        .map(text_of)
        .collect();
    assert_eq!(years, ["2015", "2017", "2023"]);
    let mechanisms: Vec<String> = select(&page, ".mechanisms a").iter().map(text_of).collect();
    assert!(
        mechanisms
            .contains(&"China-Australia Working Group on Law Enforcement Cooperation".to_owned())
    );
    assert!(mechanisms.contains(&"China-US Law Enforcement and Cybersecurity Dialogue".to_owned()));
}

#[test]
fn the_bilingual_view_pairs_rows_with_languages_and_empty_cells_explained() {
    let slug = "2023-china-australia-law-enforcement-working-group";
    let page = parse_html(&out().join(format!("documents/{slug}/bilingual/index.html")));
    let rows = select(&page, ".bi-row");
    assert_eq!(rows.len(), 11);
    let sel = |css: &str| scraper::Selector::parse(css).expect("selector");
    for row in &rows {
        let id = row.value().attr("id").unwrap_or_default();
        let link = row
            .select(&sel(".row-link"))
            .next()
            .and_then(|a| a.value().attr("href"));
        assert_eq!(
            link,
            Some(format!("#{id}").as_str()),
            "each row has a permalink"
        );
        let zh = row
            .select(&sel(".bi-cell.zh"))
            .next()
            .expect("Chinese cell");
        let en = row
            .select(&sel(".bi-cell.en"))
            .next()
            .expect("English cell");
        assert_eq!(zh.value().attr("lang"), Some("zh-Hant"));
        assert_eq!(en.value().attr("lang"), Some("en"));
        for hans in row.select(&sel(".hans")) {
            assert_eq!(hans.value().attr("lang"), Some("zh-Hans"));
        }
    }
    let first = text_of(&rows[0]);
    assert!(
        first.contains("The Chinese text has no counterpart to this title"),
        "{first}"
    );
    let last = text_of(&rows[10]);
    assert!(
        last.contains("The English text has no counterpart to this passage"),
        "{last}"
    );
    let simplified: String = select(&page, "#zh-6 .hans").iter().map(text_of).collect();
    assert!(
        simplified.contains("加强打击电信网络诈骗合作"),
        "{simplified}"
    );

    let back = select(&page, ".kicker a")[0].value().attr("href");
    assert_eq!(back, Some("../index.html"));
    let doc = parse_html(&out().join(format!("documents/{slug}/index.html")));
    let links: Vec<&str> = select(&doc, ".source-link a")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .collect();
    assert!(links.contains(&"bilingual/index.html"));
    let mono = parse_html(&out().join("documents/2017-lecd-xinhua-report/index.html"));
    assert!(
        select(&mono, ".source-link a")
            .iter()
            .all(|a| a.value().attr("href") != Some("bilingual/index.html"))
    );
}

/// The cells of the metadata table's row for the document titled `title`.
fn metadata_cells(compare: &scraper::Html, title: &str) -> Vec<String> {
    let rows = select(compare, "#metadata-table tbody tr");
    let row = rows
        .iter()
        .find(|r| text_of(r).contains(title))
        .unwrap_or_else(|| panic!("a row for {title}"));
    row.select(&scraper::Selector::parse("th, td").expect("selector"))
        .map(|c| text_of(&c))
        .collect()
}

#[test]
fn those_who_took_part_are_told_apart_from_people_merely_named() {
    let compare = parse_html(&out().join("compare/index.html"));
    let headers: Vec<String> = select(&compare, "#metadata-table thead th")
        .iter()
        .map(text_of)
        .collect();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("{name} in {headers:?}"))
    };
    let (taking_part, named) = (column("Taking part"), column("People named"));
    let lecd = metadata_cells(&compare, "Summary of outcomes of the first");
    for person in ["Guo Shengkun", "Jeff Sessions", "Elaine Duke"] {
        assert!(lecd[taking_part].contains(person), "{person}: {lecd:?}");
    }
    for person in ["Xi Jinping", "Donald Trump"] {
        assert!(
            !lecd[taking_part].contains(person),
            "{person} did not take part: {lecd:?}"
        );
        assert!(lecd[named].contains(person), "{person} is named: {lecd:?}");
    }
    let paper = metadata_cells(&compare, "Asia-Pacific Security Cooperation");
    assert_eq!(paper[taking_part], "not recorded", "{paper:?}");
}

#[test]
fn a_document_s_mechanisms_read_the_same_on_its_page_the_comparison_and_the_timeline() {
    let compare = parse_html(&out().join("compare/index.html"));
    let timeline = parse_html(&out().join("timeline/index.html"));
    let links = |el: &scraper::ElementRef<'_>, css: &str| -> BTreeSet<String> {
        el.select(&scraper::Selector::parse(css).expect("selector"))
            .map(|a| text_of(&a))
            .collect()
    };
    let mechanism_column = select(&compare, "#metadata-table thead th")
        .iter()
        .position(|h| text_of(h) == "Mechanism")
        .expect("a Mechanism column");
    for (slug, title) in [
        (
            "2015-johnson-guo-ministerial-meeting",
            "Fact sheet: Secretary Johnson",
        ),
        ("2017-lecd-xinhua-report", "Xinhua report on the first"),
    ] {
        let rows = select(&compare, "#metadata-table tbody tr");
        let row = rows
            .iter()
            .find(|r| text_of(r).contains(title))
            .expect("row");
        let cell = row
            .select(&scraper::Selector::parse("th, td").expect("selector"))
            .nth(mechanism_column)
            .expect("mechanism cell");
        let in_table = links(&cell, "a");
        let entries = select(&timeline, "li li");
        let entry = entries
            .iter()
            .find(|li| text_of(li).contains(title))
            .expect("entry");
        let on_timeline = links(entry, ".mechanisms a");
        assert!(!in_table.is_empty());
        assert_eq!(in_table, on_timeline, "{slug}");
        let page = parse_html(&out().join(format!("documents/{slug}/index.html")));
        let metadata = select(&page, "dl.metadata")
            .first()
            .map(text_of)
            .expect("metadata");
        for name in &on_timeline {
            assert!(
                metadata.contains(name.as_str()),
                "{slug}: {name} in {metadata}"
            );
        }
    }
    let white_paper = select(&timeline, "li li p.meta")
        .iter()
        .map(text_of)
        .find(|m| m.contains("White paper"))
        .expect("white paper entry");
    assert!(
        !white_paper.contains("unknown"),
        "an unknown place is left out: {white_paper}"
    );
}

#[test]
fn the_script_switch_has_a_simplified_form_of_every_chinese_label() {
    let hans = |page: &scraper::Html, css: &str| -> Vec<String> {
        select(page, css).iter().map(text_of).collect()
    };
    let guo = parse_html(&out().join("entities/guo-shengkun/index.html"));
    assert_eq!(hans(&guo, "h1 .label-zh .hant"), ["郭聲琨"]);
    assert_eq!(hans(&guo, "h1 .label-zh .hans[lang='zh-Hans']"), ["郭声琨"]);
    let compare = parse_html(&out().join("compare/index.html"));
    let labels = hans(&compare, "#topics-table .label-zh .hans");
    assert!(labels.iter().any(|l| l == "网上儿童保护"), "{labels:?}");
    let topics = parse_html(&out().join("topics/index.html"));
    assert!(!select(&topics, ".label-zh .hans").is_empty());
    // The passage's particle 著 is 着 in Simplified; the Traditional stays as received.
    let statement = parse_html(
        &out().join("documents/2023-china-australia-law-enforcement-working-group/index.html"),
    );
    let simplified: String = hans(&statement, ".text .hans").concat();
    let received: String = hans(&statement, ".text .hant").concat();
    assert!(simplified.contains("本着合作"), "{simplified}");
    assert!(received.contains("本著合作"));
    let bilingual =
        parse_html(&out().join(
            "documents/2023-china-australia-law-enforcement-working-group/bilingual/index.html",
        ));
    let intro: Vec<String> = hans(&bilingual, "p .hans");
    assert!(
        intro.iter().any(|t| t.contains("converted to Simplified")),
        "{intro:?}"
    );
}

#[test]
fn the_timeline_chart_places_documents_and_mechanisms_on_a_time_axis() {
    let timeline = parse_html(&out().join("timeline/index.html"));
    let number = |el: &scraper::ElementRef<'_>, attr: &str| -> f64 {
        el.value()
            .attr(attr)
            .and_then(|v| v.parse().ok())
            .expect("a number")
    };
    let documents = select(&timeline, ".timeline-chart a circle.document");
    assert_eq!(documents.len(), 5);
    let xs: Vec<f64> = documents.iter().map(|c| number(c, "cx")).collect();
    assert!(xs.windows(2).all(|w| w[0] <= w[1]), "in date order: {xs:?}");
    // April 2015 → October 2017 is 2.5 years, October 2017 → April 2023
    // 5.5: the axis is proportional, so the second stretch is 2.2 times as wide.
    let (first, lecd, last) = (xs[0], xs[2], xs[4]);
    let ratio = (last - lecd) / (lecd - first);
    assert!((2.0..2.5).contains(&ratio), "{xs:?}: ratio {ratio}");
    let gaps: Vec<String> = select(&timeline, ".timeline-chart text.gap")
        .iter()
        .map(text_of)
        .collect();
    assert_eq!(gaps, ["no document 2018–2022"]);
    let years: Vec<String> = select(&timeline, ".timeline-chart text.year")
        .iter()
        .map(text_of)
        .collect();
    assert_eq!(years.first().map(String::as_str), Some("2015"));
    assert_eq!(years.last().map(String::as_str), Some("2024"));
    // The LECD's lane has a mark at each of the two 2017 accounts.
    let lanes = select(&timeline, ".timeline-chart a text.lane-label");
    assert!(
        lanes
            .iter()
            .any(|t| text_of(t).starts_with("China-US Law Enforcement")),
        "lanes"
    );
    let marks: Vec<String> = select(
        &timeline,
        ".timeline-chart a[aria-label^='China-US Law Enforcement and Cybersecurity Dialogue:']",
    )
    .iter()
    .filter_map(|a| a.value().attr("href").map(str::to_owned))
    .collect();
    assert_eq!(marks.len(), 2, "{marks:?}");
    for a in select(&timeline, ".timeline-chart a") {
        assert!(
            a.value().attr("href").is_some_and(|h| h.starts_with("../")),
            "relative links"
        );
    }
}

#[test]
fn topic_pages_highlight_the_words_that_earned_each_paragraph_its_tag() {
    let page = parse_html(&out().join("topics/counter-narcotics/index.html"));
    let marks: Vec<String> = select(&page, "mark").iter().map(text_of).collect();
    assert!(!marks.is_empty());
    // Each highlight is a keyword of the topic (`narcotic*, drug*, …`, `禁毒`, …).
    for mark in &marks {
        let lower = mark.to_lowercase();
        assert!(
            [
                "narcotic",
                "drug",
                "fentanyl",
                "opioid",
                "psychoactive",
                "cocaine",
                "毒"
            ]
            .iter()
            .any(|k| lower.contains(k)),
            "{mark} is not a keyword of the topic"
        );
    }
    // Not on the document pages, which show every topic at once.
    let doc = parse_html(&out().join("documents/2017-lecd-summary-of-outcomes/index.html"));
    assert!(select(&doc, ".text mark").is_empty());
}

#[test]
fn pages_for_editors_sit_in_the_footer_apart_from_the_readers_navigation() {
    let home = parse_html(&out().join("index.html"));
    let site_nav: Vec<String> = select(&home, "header nav[aria-label='Site'] a")
        .iter()
        .map(text_of)
        .collect();
    let editors: Vec<String> = select(&home, "footer nav[aria-label='For editors'] a")
        .iter()
        .map(text_of)
        .collect();
    assert_eq!(editors, ["Methodology", "The annotation format"]);
    for page in &editors {
        assert!(!site_nav.contains(page), "{page} in {site_nav:?}");
    }
    assert!(site_nav.contains(&"About".to_owned()), "{site_nav:?}");
    let format = parse_html(&out().join("annotation-format/index.html"));
    let current = select(&format, "footer nav a[aria-current='page']");
    assert_eq!(current.len(), 1, "the footer marks the page a reader is on");
}
