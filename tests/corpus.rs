//! End-to-end: the bundled corpus builds into a clean, complete, linked site.

mod common;

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::OnceLock;

use common::{parse_html, read_tree, repo_root, select, text_of};
use tempfile::TempDir;

/// (slug, number of segments, first words, last words) of each article.
const ARTICLES: [(&str, usize, &str, &str); 5] = [
    (
        "2015-johnson-guo-ministerial-meeting",
        14,
        "On April 9, 2015, in Beijing, State Councilor and Minister of Public Security",
        "online child sexual exploitation, money laundering, and counter proliferation of weapons.",
    ),
    (
        "2017-lecd-summary-of-outcomes",
        11,
        "On October 4, 2017, Chinese State Councilor and Minister of Public Security Guo Shengkun",
        "to make possible another Dialogue in 2018 to measure that progress.",
    ),
    (
        "2017-lecd-xinhua-report",
        18,
        "WASHINGTON, Oct. 6 -- In their first Law Enforcement and Cybersecurity Dialogue",
        "work to yield more outcomes to benefit both countries and their peoples.",
    ),
    (
        "2017-white-paper-asia-pacific-security",
        24,
        "China's policies on Asia-Pacific security cooperation",
        "and peaceful use of nuclear power.\"",
    ),
    (
        "2023-china-australia-law-enforcement-working-group",
        20,
        "應澳大利亞聯邦警察邀請",
        "personal and property security of overseas Chinese and Chinese-funded institutions.",
    ),
];

/// Noise of every kind the seeds show; none of it may reach an article.
const NOISE: [&str; 22] = [
    "USEUROPEAFRICAASIA",     // site navigation
    "Home / World",           // breadcrumbs
    "chinadaily.com.cn |",    // byline
    "Updated: 2017",          // byline
    "Most Viewed",            // "most viewed" block
    "Copyright",              // footer
    "All rights reserved",    // footer
    "License for publishing", // licence line
    "Registration Number",    // registration line
    "FOLLOW US",              // "follow us" block
    "无码",                   // keyword spam
    "中文字幕",               // keyword spam
    "高考",                   // unrelated link titles
    "有面子",                 // unrelated link titles
    "皇冠体育app",            // injected spam token
    "Fran?ais",               // lost accented letter
    "?",                      // lost non-breaking spaces, mojibake
    "(guó)",                  // pinyin readings
    "(zhí)",                  // pinyin readings
    "刹槠鹪V",                // GBK mojibake
    "赊k",                    // GBK mojibake
    "\u{FFFD}",               // lost characters
];

struct Built {
    _dir: TempDir,
    out: std::path::PathBuf,
    report: accord::BuildReport,
}

fn built() -> &'static Built {
    static BUILT: OnceLock<Built> = OnceLock::new();
    BUILT.get_or_init(|| {
        let dir = tempfile::tempdir().expect("temp dir");
        let out = dir.path().join("site");
        let report = accord::build(&accord::BuildOptions {
            root: repo_root(),
            out: Some(out.clone()),
            ..Default::default()
        })
        .unwrap_or_else(|e| panic!("the bundled corpus must build: {e}"));
        Built {
            _dir: dir,
            out,
            report,
        }
    })
}

fn document_page(slug: &str) -> scraper::Html {
    parse_html(&built().out.join("documents").join(slug).join("index.html"))
}

fn article_text(slug: &str) -> String {
    let page = document_page(slug);
    select(&page, ".text .segment")
        .iter()
        .map(text_of)
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn every_document_is_present_and_listed_on_the_home_page() {
    let home = parse_html(&built().out.join("index.html"));
    let links: BTreeSet<String> = select(&home, ".document-list a")
        .iter()
        .filter_map(|a| a.value().attr("href").map(str::to_owned))
        .collect();
    for (slug, ..) in ARTICLES {
        assert!(
            links.contains(&format!("documents/{slug}/index.html")),
            "home page lists {slug}"
        );
        assert!(
            built()
                .out
                .join(format!("documents/{slug}/source/index.html"))
                .is_file(),
            "source page of {slug}"
        );
    }
    assert_eq!(built().report.documents, 5);
}

#[test]
fn home_page_lists_documents_by_date() {
    let home = parse_html(&built().out.join("index.html"));
    let dates: Vec<String> = select(&home, ".document-list time")
        .iter()
        .filter_map(|t| t.value().attr("datetime").map(str::to_owned))
        .collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
    assert_eq!(dates.first().map(String::as_str), Some("2015-04-09"));
}

#[test]
fn articles_are_clean_of_every_kind_of_noise() {
    for (slug, ..) in ARTICLES {
        let text = article_text(slug);
        for noise in NOISE {
            assert!(
                !text.contains(noise),
                "{slug} still contains noise `{noise}`"
            );
        }
        let page = document_page(slug);
        let title = select(&page, "h1").iter().map(text_of).collect::<String>();
        assert!(!title.contains('?'), "{slug} title");
    }
}

#[test]
fn articles_are_complete_from_first_to_last_sentence() {
    for (slug, segments, first, last) in ARTICLES {
        let page = document_page(slug);
        let texts: Vec<String> = select(&page, ".text .segment")
            .iter()
            .map(|s| text_without_anchor(s))
            .collect();
        assert_eq!(texts.len(), segments, "{slug}: segment count");
        assert!(
            texts.first().is_some_and(|t| t.starts_with(first)),
            "{slug} starts with `{first}`: {:?}",
            texts.first()
        );
        let whole = texts.join("\n");
        assert!(
            whole.contains(last),
            "{slug} contains its last sentence `{last}`"
        );
    }
    let australia = article_text("2023-china-australia-law-enforcement-working-group");
    assert!(australia.contains(
        "The Annual Meeting of China-Australia Working Group on Law Enforcement Cooperation Held"
    ));
    assert!(australia.contains("(中華人民共和國駐澳大利亞聯邦大使館)"));
}

/// The segment's text without the permalink label in front of it.
fn text_without_anchor(el: &scraper::ElementRef<'_>) -> String {
    let anchor = el.value().attr("id").unwrap_or_default();
    text_of(el)
        .strip_prefix(anchor)
        .unwrap_or_default()
        .trim()
        .to_owned()
}

#[test]
fn mojibake_is_repaired_to_the_characters_the_english_translates() {
    let text = article_text("2023-china-australia-law-enforcement-working-group");
    assert!(
        text.contains("推動個案偵查起訴合作"),
        "investigation and prosecution of individual cases"
    );
    assert!(
        text.contains("推動重點個案偵辦和情報線索交流共享"),
        "investigation of key individual cases"
    );
}

#[test]
fn the_spam_token_is_restored_to_china() {
    let text = article_text("2017-white-paper-asia-pacific-security");
    assert!(
        text.contains("China's Participation in Regional Non-Traditional Security Cooperation")
    );
    assert!(text.contains("the ASEAN plus China Meeting on Transnational Crime"));
}

#[test]
fn every_passage_carries_its_language() {
    for (slug, ..) in ARTICLES {
        let page = document_page(slug);
        for seg in select(&page, ".text .segment") {
            let lang = seg.value().attr("lang").unwrap_or_default();
            let text = text_without_anchor(&seg);
            let chinese = accord::chinese::is_mostly_chinese(&text);
            let expected = if chinese { "zh-Hant" } else { "en" };
            assert_eq!(lang, expected, "{slug}: `{text}`");
        }
    }
    let home = parse_html(&built().out.join("index.html"));
    assert_eq!(select(&home, "html")[0].value().attr("lang"), Some("en"));
}

#[test]
fn every_segment_has_a_unique_stable_anchor() {
    let page = document_page("2023-china-australia-law-enforcement-working-group");
    let ids: Vec<&str> = select(&page, ".text .segment")
        .iter()
        .filter_map(|s| s.value().attr("id"))
        .collect();
    assert_eq!(ids.len(), 20);
    assert_eq!(
        ids.iter().collect::<BTreeSet<_>>().len(),
        20,
        "anchors are unique"
    );
    assert_eq!(ids[0], "zh-1");
    assert_eq!(ids[10], "en-1");
    let items: Vec<String> = select(&page, ".text .item .number")
        .iter()
        .map(text_of)
        .collect();
    assert_eq!(
        items,
        [
            "一、", "二、", "三、", "四、", "五、", "1.", "2.", "3.", "4.", "5."
        ]
    );
}

#[test]
fn headings_are_recognised() {
    let xinhua = document_page("2017-lecd-xinhua-report");
    let headings: Vec<String> = select(&xinhua, ".text h2")
        .iter()
        .map(text_without_anchor)
        .collect();
    assert_eq!(headings, ["FOCUS ON COOPERATION", "WELL-PREPARED DIALOGUE"]);
    let dhs = document_page("2015-johnson-guo-ministerial-meeting");
    let headings: Vec<String> = select(&dhs, ".text h2")
        .iter()
        .map(text_without_anchor)
        .collect();
    assert_eq!(headings[0], "Counterterrorism Cooperation");
    assert_eq!(headings.len(), 6);
}

#[test]
fn metadata_comes_from_the_byline_and_unknowns_stay_unknown() {
    let page = document_page("2017-lecd-summary-of-outcomes");
    let rows: Vec<(String, String)> = select(&page, ".metadata > div")
        .iter()
        .map(|row| {
            let dt = select_in(row, "dt");
            let dd = select_in(row, "dd");
            (dt, dd)
        })
        .collect();
    let get = |label: &str| {
        rows.iter()
            .find(|(l, _)| l == label)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    assert!(
        get("Published").starts_with("6 October 2017"),
        "{}",
        get("Published")
    );
    assert!(get("Publisher").starts_with("chinadaily.com.cn"));
    assert!(get("Original title").starts_with("Summary of outcomes of First China-US"));
    assert!(get("Event date").starts_with("4 October 2017"));
    assert!(get("Source URL").starts_with("unknown"));
    let time = select(&page, ".metadata time");
    assert!(
        time.iter()
            .any(|t| t.value().attr("datetime") == Some("2017-10-06"))
    );
}

fn select_in(el: &scraper::ElementRef<'_>, css: &str) -> String {
    el.select(&scraper::Selector::parse(css).expect("selector"))
        .map(|e| text_of(&e))
        .collect()
}

#[test]
fn the_two_accounts_of_the_2017_dialogue_link_to_each_other() {
    for (from, to) in [
        ("2017-lecd-summary-of-outcomes", "2017-lecd-xinhua-report"),
        ("2017-lecd-xinhua-report", "2017-lecd-summary-of-outcomes"),
    ] {
        let page = document_page(from);
        let related: Vec<String> = select(&page, ".related a")
            .iter()
            .filter_map(|a| a.value().attr("href").map(str::to_owned))
            .collect();
        assert_eq!(
            related,
            [format!("../../documents/{to}/index.html")],
            "{from} → {to}"
        );
        assert!(
            select(&page, ".related li")
                .iter()
                .any(|li| text_of(li).contains("another account of the same event"))
        );
    }
}

#[test]
fn source_pages_mark_every_removal_and_change_with_its_rule() {
    let source = parse_html(
        &built()
            .out
            .join("documents/2017-white-paper-asia-pacific-security/source/index.html"),
    );
    let removed: Vec<String> = select(&source, ".raw del").iter().map(text_of).collect();
    let inserted: Vec<String> = select(&source, ".raw ins").iter().map(text_of).collect();
    assert_eq!(
        removed.iter().filter(|t| t.contains("皇冠体育app")).count(),
        inserted.iter().filter(|t| t.contains("China")).count()
    );
    assert!(
        removed
            .iter()
            .any(|t| t.contains("Registration Number: 130349")),
        "footer line removed by a filter"
    );
    let rules: Vec<String> = select(&source, ".rules tbody tr")
        .iter()
        .map(text_of)
        .collect();
    assert!(rules.iter().any(|r| r.contains("cleaning[0] replace")));
    assert!(rules.iter().any(|r| r.contains("filter boilerplate")));

    let outcomes = parse_html(
        &built()
            .out
            .join("documents/2017-lecd-summary-of-outcomes/source/index.html"),
    );
    let removed: String = select(&outcomes, ".raw del")
        .iter()
        .map(text_of)
        .collect::<Vec<_>>()
        .join("\n");
    for noise in [
        "USEUROPEAFRICAASIA",
        "FOLLOW US",
        "Registration Number",
        "chinadaily.com.cn | Updated",
    ] {
        assert!(
            removed.contains(noise),
            "source page marks `{noise}` as removed"
        );
    }
    let lines = select(&outcomes, ".raw .line");
    let raw =
        std::fs::read_to_string(repo_root().join("seeds/000_cf88cc324d988759.txt")).expect("seed");
    assert_eq!(lines.len(), raw.lines().count(), "every raw line is shown");
}

#[test]
fn the_bundled_corpus_passes_the_cleaning_lint() {
    assert!(
        built().report.warnings.is_empty(),
        "{:#?}",
        built().report.warnings
    );
}

#[test]
fn two_builds_are_byte_identical() {
    let other = tempfile::tempdir().expect("temp dir");
    let out = other.path().join("again");
    accord::build(&accord::BuildOptions {
        root: repo_root(),
        out: Some(out.clone()),
        ..Default::default()
    })
    .expect("second build");
    let (a, b) = (read_tree(&built().out), read_tree(&out));
    assert_eq!(
        a.iter().map(|f| &f.0).collect::<Vec<_>>(),
        b.iter().map(|f| &f.0).collect::<Vec<_>>()
    );
    for ((path, x), (_, y)) in a.iter().zip(&b) {
        assert!(x == y, "{path} differs between two builds");
    }
}

#[test]
fn every_internal_link_is_relative_and_resolves() {
    let out = &built().out;
    let mut checked = 0;
    for (rel, _) in read_tree(out)
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html"))
    {
        let page_path = out.join(&rel);
        let page = parse_html(&page_path);
        for el in select(&page, "[href], [src]") {
            let url = el
                .value()
                .attr("href")
                .or(el.value().attr("src"))
                .unwrap_or_default();
            if url.starts_with("http://")
                || url.starts_with("https://")
                || url.starts_with("mailto:")
            {
                continue;
            }
            assert!(!url.starts_with('/'), "{rel}: `{url}` is not relative");
            let (path, fragment) = url.split_once('#').unwrap_or((url, ""));
            let target = if path.is_empty() {
                page_path.clone()
            } else {
                page_path.parent().expect("dir").join(path)
            };
            assert!(
                target.is_file(),
                "{rel}: `{url}` does not resolve to a file"
            );
            if !fragment.is_empty() && target.extension().is_some_and(|e| e == "html") {
                assert!(
                    has_id(&target, fragment),
                    "{rel}: `{url}` names a missing anchor"
                );
            }
            checked += 1;
        }
    }
    assert!(checked > 100, "checked {checked} links");
}

fn has_id(page: &Path, id: &str) -> bool {
    !select(&parse_html(page), &format!("[id=\"{id}\"]")).is_empty()
}

/// Pages are self-contained: nothing they load (scripts, styles, images,
/// fonts, frames) comes from elsewhere. Links to other sites (a source an
/// entity cites) are links a reader follows, not resources, and may be.
#[test]
fn pages_use_no_external_resources() {
    let foreign = |url: &str| {
        let url = url.trim().to_ascii_lowercase();
        url.starts_with("http:") || url.starts_with("https:") || url.starts_with("//")
    };
    let resources = scraper::Selector::parse(
        "script[src], link[href], img[src], iframe[src], source[src], video[src], \
         audio[src], object[data], embed[src], input[src]",
    )
    .expect("selector");
    let mut external_links = 0;
    for (rel, bytes) in read_tree(&built().out) {
        let text = String::from_utf8(bytes).expect("utf-8 output");
        if rel.ends_with(".html") {
            let page = scraper::Html::parse_document(&text);
            for element in page.select(&resources) {
                let e = element.value();
                // A canonical or alternate link names the page, it loads nothing.
                if e.name() == "link"
                    && e.attr("rel")
                        .is_some_and(|r| r == "canonical" || r == "alternate")
                {
                    continue;
                }
                let url = ["src", "href", "data"]
                    .iter()
                    .find_map(|a| e.attr(a))
                    .unwrap_or("");
                assert!(
                    !foreign(url),
                    "{rel} loads an external resource: <{} {url}>",
                    e.name()
                );
            }
            external_links += select(&page, "a[href^='http']").len();
        } else if rel.ends_with(".css") {
            for bad in ["@import", "url(http", "url(//", "//fonts."] {
                assert!(
                    !text.contains(bad),
                    "{rel} loads an external resource: {bad}"
                );
            }
        }
    }
    assert!(
        external_links > 0,
        "the entity sources are links, and were checked as such"
    );
}

#[test]
fn editorial_pages_highlight_yaml_with_classes() {
    let page = parse_html(&built().out.join("annotation-format/index.html"));
    assert!(
        !select(&page, "pre.code span[class^=\"hl-\"]").is_empty(),
        "highlighted YAML"
    );
    assert!(select(&page, "[style]").is_empty(), "no inline styles");
}

/// Zotero's connector and Google Scholar read these tags: each must agree
/// with what the page shows, and an unknown fact must be absent, not
/// written as "unknown".
#[test]
fn document_pages_carry_citation_metadata_that_agrees_with_the_page() {
    for (slug, ..) in ARTICLES {
        let page = document_page(slug);
        let meta = |name: &str| -> Vec<String> {
            select(&page, &format!("meta[name=\"{name}\"]"))
                .iter()
                .filter_map(|m| m.value().attr("content").map(str::to_owned))
                .collect()
        };
        let title = select(&page, "h1").iter().map(text_of).collect::<String>();
        assert_eq!(meta("citation_title"), vec![title.clone()], "{slug}");
        assert_eq!(meta("DC.title"), vec![title], "{slug}");

        let published_row = select(&page, ".metadata > div")
            .into_iter()
            .find(|row| select_in(row, "dt") == "Published")
            .unwrap_or_else(|| panic!("{slug}: no Published row"));
        let datetime: Vec<String> = published_row
            .select(&scraper::Selector::parse("time").expect("selector"))
            .filter_map(|t| t.value().attr("datetime").map(str::to_owned))
            .collect();
        assert_eq!(meta("citation_publication_date"), datetime, "{slug}");

        let publisher = select(&page, ".metadata > div")
            .iter()
            .find(|row| select_in(row, "dt") == "Publisher")
            .map(|row| select_in(row, "dd"))
            .unwrap_or_default();
        if publisher.starts_with("unknown") {
            assert!(meta("citation_publisher").is_empty(), "{slug}");
        } else {
            let tag = meta("citation_publisher");
            assert_eq!(tag.len(), 1, "{slug}");
            assert!(
                publisher.starts_with(&tag[0]),
                "{slug}: {publisher} vs {tag:?}"
            );
        }
        assert!(!meta("citation_language").is_empty(), "{slug}");
        for m in select(&page, "meta[name]") {
            let content = m.value().attr("content").unwrap_or_default();
            assert!(!content.is_empty() && content != "unknown", "{slug}: {m:?}");
        }
    }
}

#[test]
fn the_heatmap_counts_what_the_comparison_table_lists() {
    let page = parse_html(&built().out.join("compare/index.html"));
    let rows = |table: &str| -> Vec<Vec<scraper::ElementRef<'_>>> {
        select(&page, &format!("{table} tbody tr"))
            .iter()
            .map(|tr| {
                tr.select(&scraper::Selector::parse("td").expect("selector"))
                    .collect()
            })
            .collect()
    };
    let heat = rows("table.heatmap");
    let detail = rows("#topics-table");
    assert_eq!(heat.len(), detail.len(), "one heatmap row per topic");
    let mut largest = (0, String::new());
    for (heat_row, detail_row) in heat.iter().zip(&detail) {
        assert_eq!(heat_row.len(), detail_row.len());
        for (cell, listed) in heat_row.iter().zip(detail_row) {
            let n: usize = text_of(cell).parse().expect("a count in every cell");
            let links: Vec<&str> = listed
                .select(&scraper::Selector::parse(".cell-links a").expect("selector"))
                .filter_map(|a| a.value().attr("href"))
                .collect();
            assert_eq!(n, links.len(), "{}", text_of(listed));
            let class = cell.value().attr("class").unwrap_or_default().to_owned();
            assert_eq!(
                class == "heat-0",
                n == 0,
                "only an empty cell is unshaded: {class}"
            );
            let href = cell
                .select(&scraper::Selector::parse("a").expect("selector"))
                .next()
                .and_then(|a| a.value().attr("href"));
            assert_eq!(
                href,
                links.first().copied(),
                "the count links to the first paragraph"
            );
            if n > largest.0 {
                largest = (n, class);
            }
        }
    }
    assert_eq!(largest.1, "heat-4", "the largest count is the darkest");
}
