//! Makes a synthetic corpus of N documents for benchmarks, in accord's own
//! format and, on request, as an equivalent Hugo site.
//!
//! `cargo run --release --example gen_corpus -- N DIR [--hugo HUGO_DIR]`
//!
//! DIR gets `content/` (site, topics, entities, N annotations), `seeds/`
//! (N raw texts with SHA256SUMS) and `themes/` (a copy of the bundled theme).
//! The texts are made of the bundled corpus's own paragraphs, so topics and
//! entities tag them as they tag the real ones, wrapped in the noise of a web
//! scrape (navigation, byline, footer, keyword spam, lost non-breaking
//! spaces, injected spam tokens, pinyin readings) that the annotations' rules
//! and accord's filters remove. Every tenth document is bilingual (Chinese
//! then English, aligned automatically); some documents relate to others,
//! carry editorial notes or tag overrides. The output depends only on N:
//! document `i` is the same in every corpus that has it.
//!
//! The Hugo site holds the same documents as accord publishes them (cleaned
//! text, metadata, a `topics` and an `entities` taxonomy) with layouts that
//! make the same kinds of page: one per document, one per topic and entity,
//! their lists, a home page and a JSON search index.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use accord::pipeline::load::schema::SegmentKind;
use sha2::{Digest, Sha256};

/// A small deterministic generator (SplitMix64): the corpus must not change
/// between runs or machines.
struct Rng(u64);

impl Rng {
    fn for_document(i: usize) -> Rng {
        Rng(0x9e37_79b9_7f4a_7c15 ^ (i as u64).wrapping_mul(0xbf58_476d_1ce4_e5b9))
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }
}

/// A partner country: English name, Chinese name (Traditional, as the
/// corpus's Chinese is), a city, and the mechanism entity when the bundled
/// entities have one.
struct Partner {
    en: &'static str,
    zh: &'static str,
    city: &'static str,
    mechanism: Option<&'static str>,
}

const PARTNERS: &[Partner] = &[
    Partner {
        en: "United States",
        zh: "美國",
        city: "Washington",
        mechanism: Some("lecd"),
    },
    Partner {
        en: "Australia",
        zh: "澳大利亞",
        city: "Canberra",
        mechanism: Some("china-australia-working-group"),
    },
    Partner {
        en: "Canada",
        zh: "加拿大",
        city: "Ottawa",
        mechanism: None,
    },
    Partner {
        en: "New Zealand",
        zh: "新西蘭",
        city: "Wellington",
        mechanism: None,
    },
    Partner {
        en: "United Kingdom",
        zh: "英國",
        city: "London",
        mechanism: None,
    },
    Partner {
        en: "France",
        zh: "法國",
        city: "Paris",
        mechanism: None,
    },
    Partner {
        en: "Germany",
        zh: "德國",
        city: "Berlin",
        mechanism: None,
    },
    Partner {
        en: "Italy",
        zh: "意大利",
        city: "Rome",
        mechanism: None,
    },
    Partner {
        en: "Spain",
        zh: "西班牙",
        city: "Madrid",
        mechanism: None,
    },
    Partner {
        en: "Thailand",
        zh: "泰國",
        city: "Bangkok",
        mechanism: None,
    },
    Partner {
        en: "Viet Nam",
        zh: "越南",
        city: "Hanoi",
        mechanism: None,
    },
    Partner {
        en: "Indonesia",
        zh: "印度尼西亞",
        city: "Jakarta",
        mechanism: None,
    },
    Partner {
        en: "Malaysia",
        zh: "馬來西亞",
        city: "Kuala Lumpur",
        mechanism: None,
    },
    Partner {
        en: "Philippines",
        zh: "菲律賓",
        city: "Manila",
        mechanism: None,
    },
    Partner {
        en: "Cambodia",
        zh: "柬埔寨",
        city: "Phnom Penh",
        mechanism: None,
    },
    Partner {
        en: "Laos",
        zh: "老撾",
        city: "Vientiane",
        mechanism: None,
    },
    Partner {
        en: "Myanmar",
        zh: "緬甸",
        city: "Naypyidaw",
        mechanism: None,
    },
    Partner {
        en: "Singapore",
        zh: "新加坡",
        city: "Singapore",
        mechanism: None,
    },
    Partner {
        en: "Pakistan",
        zh: "巴基斯坦",
        city: "Islamabad",
        mechanism: None,
    },
    Partner {
        en: "Kazakhstan",
        zh: "哈薩克斯坦",
        city: "Astana",
        mechanism: None,
    },
];

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

const PUBLISHERS: &[&str] = &["chinadaily.com.cn", "xinhuanet.com", "gov.cn", "mps.gov.cn"];

const KINDS: &[(&str, &str)] = &[
    ("law enforcement dialogue", "Summary of outcomes"),
    ("working group on law enforcement cooperation", "Statement"),
    ("ministerial meeting on law enforcement", "Press release"),
    ("joint liaison group", "News report"),
];

/// Chinese characters followed, in a scrape, by their pinyin reading: the
/// pinyin filter must take the readings out again.
const READINGS: &[(char, &str)] = &[('會', "huì"), ('國', "guó"), ('關', "guān"), ('執', "zhí")];

const FOOTER: &str = "Most Viewed in 24 Hours
Copyright 1995 - . All rights reserved. The content published in this site belongs to its publisher. Without written authorization, such content shall not be republished or used in any form.
License for publishing multimedia online 0108263
Registration Number: 130349
FOLLOW US
";

/// The paragraphs the synthetic texts are made of, with the topics accord
/// tags them with, taken from the bundled corpus.
struct Pool {
    english: Vec<Paragraph>,
    /// (Chinese, English) translation pairs of the bilingual statement.
    pairs: Vec<(Paragraph, Paragraph)>,
    topics: Vec<String>,
}

#[derive(Clone)]
struct Paragraph {
    text: String,
    topics: Vec<usize>,
    entities: Vec<usize>,
}

impl Pool {
    fn from_bundled_corpus(root: &Path) -> (Pool, accord::pipeline::load::Inputs) {
        let (inputs, documents) = accord::analyse(root).unwrap_or_else(|e| {
            eprintln!("error: the bundled corpus does not build: {e}");
            std::process::exit(1)
        });
        let paragraph = |s: &accord::pipeline::segment::Segment| Paragraph {
            text: s.full_text(),
            topics: s.topics.clone(),
            entities: s.mentions.iter().map(|m| m.entity).collect(),
        };
        let mut english = Vec::new();
        let mut pairs = Vec::new();
        for doc in &documents {
            let body = |s: &&accord::pipeline::segment::Segment| s.kind != SegmentKind::Heading;
            if doc.alignment.is_empty() {
                english.extend(doc.segments.iter().filter(body).map(paragraph));
                continue;
            }
            for bead in &doc.alignment {
                if let ([zh], [en]) = (bead.zh.as_slice(), bead.en.as_slice()) {
                    pairs.push((paragraph(&doc.segments[*zh]), paragraph(&doc.segments[*en])));
                }
            }
        }
        let topics = inputs.topics.iter().map(|t| t.id.clone()).collect();
        (
            Pool {
                english,
                pairs,
                topics,
            },
            inputs,
        )
    }
}

/// One synthetic document: what both generators write.
struct Synthetic {
    slug: String,
    seed: String,
    title: String,
    description: String,
    date: (usize, usize, usize),
    partner: &'static Partner,
    publisher: &'static str,
    document_type: &'static str,
    /// Cleaned paragraphs as accord publishes them, in order.
    english: Vec<String>,
    chinese: Vec<String>,
    topics: Vec<usize>,
    entities: Vec<usize>,
    /// Everything before cleaning.
    raw: String,
    spam_token: Option<String>,
}

fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

fn synthesize(i: usize, pool: &Pool) -> Synthetic {
    let mut rng = Rng::for_document(i);
    let partner = rng.pick(PARTNERS);
    let (kind, document_type) = *rng.pick(KINDS);
    let publisher = *rng.pick(PUBLISHERS);
    let date = (2005 + i % 20, 1 + rng.below(12), 1 + rng.below(28));
    let (year, month, day) = date;
    let bilingual = i % 10 == 9;
    let meeting = ordinal(1 + i / PARTNERS.len() % 40);
    let title = format!("The {meeting} China–{} {kind} (record {i:05})", partner.en);
    let country = partner.en.to_lowercase().replace(' ', "-");
    let slug = format!("{year}-china-{country}-{i:05}");
    let seed = format!("{i:05}_{:016x}.txt", rng.next());
    let opening = format!(
        "On {} {day}, {year}, delegations of the Ministry of Public Security of China and of the law-enforcement agencies of {} met in {} for the {meeting} China–{} {kind}.",
        MONTHS[month - 1],
        partner.en,
        partner.city,
        partner.en
    );
    let closing = format!(
        "Both sides agreed to hold the next meeting in {} (record {i:05}).",
        year + 1
    );

    let mut topics = Vec::new();
    let mut entities = Vec::new();
    let mut english = vec![opening];
    let mut chinese = Vec::new();
    let mut take = |p: &Paragraph| {
        topics.extend(&p.topics);
        entities.extend(&p.entities);
        p.text.clone()
    };
    if bilingual {
        chinese.push(format!(
            "中國與{}執法合作會晤紀要（記錄{i:05}）",
            partner.zh
        ));
        let count = 3 + rng.below(pool.pairs.len() - 2);
        let start = rng.below(pool.pairs.len() - count + 1);
        for (zh, en) in &pool.pairs[start..start + count] {
            chinese.push(take(zh));
            english.push(take(en));
        }
    } else {
        for _ in 0..6 + rng.below(20) {
            english.push(take(rng.pick(&pool.english)));
        }
    }
    english.push(closing);
    topics.sort_unstable();
    topics.dedup();
    entities.sort_unstable();
    entities.dedup();

    // A spam token stands in for the word "cooperation", so only where the
    // word occurs.
    let has_word = english.iter().any(|p| p.contains(" cooperation"));
    let spam_token = (rng.chance(4) && has_word).then(|| format!("WINBIG{:04}", rng.below(10_000)));
    let raw = scrape(
        &mut rng,
        &title,
        &english,
        &chinese,
        partner,
        publisher,
        date,
        &spam_token,
    );
    let description = format!(
        "Synthetic record {i:05}: the {meeting} China–{} {kind}, {} {year}.",
        partner.en,
        MONTHS[month - 1]
    );
    Synthetic {
        slug,
        seed,
        title,
        description,
        date,
        partner,
        publisher,
        document_type,
        english,
        chinese,
        topics,
        entities,
        raw,
        spam_token,
    }
}

/// The raw text as a scraper would have saved it.
#[allow(clippy::too_many_arguments)]
fn scrape(
    rng: &mut Rng,
    title: &str,
    english: &[String],
    chinese: &[String],
    partner: &Partner,
    publisher: &str,
    (year, month, day): (usize, usize, usize),
    spam_token: &Option<String>,
) -> String {
    let mut raw = String::new();
    raw.push_str("USEUROPEAFRICAASIA 中文雙語Fran?ais\n    World\n");
    let _ = writeln!(raw, "    Home / World / China-{}\n", partner.en);
    // The first Chinese line is the title, the cleaning rules' start marker.
    for (n, paragraph) in chinese.iter().enumerate() {
        let mut line = String::new();
        for c in paragraph.chars() {
            line.push(c);
            if let Some((_, reading)) = READINGS.iter().find(|(h, _)| *h == c)
                && n > 0
                && rng.chance(3)
            {
                let _ = write!(line, "({reading})");
            }
        }
        let _ = writeln!(raw, "{line}");
    }
    let _ = writeln!(raw, "    {title}\n");
    let _ = writeln!(
        raw,
        "    {publisher} | Updated: {year}-{month:02}-{:02} {:02}:{:02}\n",
        (day + 1).min(28),
        rng.below(24),
        rng.below(60)
    );
    for paragraph in english {
        let mut text = paragraph.clone();
        if let Some(token) = spam_token {
            text = text.replacen(" cooperation", &format!(" {token}"), 1);
        }
        if rng.chance(3) {
            // A non-breaking space lost to `?` after a sentence, as in the
            // bundled seeds.
            text = text.replacen(". ", ".? ", 1);
        }
        let _ = writeln!(raw, "    {text}\n");
    }
    raw.push_str(FOOTER);
    raw.push_str("中文字幕 在线观看| 免费视频网站| 高清无码专区| 最新电影下载| 体育直播免费观看\n");
    raw
}

fn yaml_string(text: &str) -> String {
    format!("\"{}\"", text.replace('\\', "\\\\").replace('"', "\\\""))
}

fn annotation(i: usize, doc: &Synthetic, all: &dyn Fn(usize) -> String) -> String {
    let (year, month, day) = doc.date;
    let languages = if doc.chinese.is_empty() {
        "[en]"
    } else {
        "[zh-Hant, en]"
    };
    let start = match doc.chinese.first() {
        Some(first) => first.chars().take(12).collect::<String>(),
        None => doc.title.clone(),
    };
    let end = doc.english.last().expect("a closing line");
    let mut y = String::new();
    let _ = writeln!(
        y,
        "# Synthetic document {i} of a benchmark corpus; not a real statement."
    );
    let _ = writeln!(y, "seed: {}", doc.seed);
    let _ = writeln!(y, "title: {}", yaml_string(&doc.title));
    let _ = writeln!(y, "description: {}", yaml_string(&doc.description));
    y.push_str("metadata:\n");
    let _ = writeln!(y, "  event_date: {year}-{month:02}-{day:02}");
    let _ = writeln!(y, "  place: {}", doc.partner.city);
    let _ = writeln!(y, "  parties: [China, {}]", doc.partner.en);
    let _ = writeln!(y, "  document_type: {}", doc.document_type);
    y.push_str("  source_url: unknown\n");
    let _ = writeln!(y, "  languages: {languages}");
    if let Some(mechanism) = doc.partner.mechanism {
        let _ = writeln!(y, "  mechanism: {mechanism}");
    }
    y.push_str("sources:\n  event_date: the opening sentence\n  place: the opening sentence\n");
    if i > 0 && i.is_multiple_of(5) {
        let _ = writeln!(
            y,
            "related:\n  - document: {}\n    relation: the record before it",
            all(i - 1)
        );
    }
    y.push_str("cleaning:\n");
    let _ = writeln!(
        y,
        "  - keep_between:\n      start: {}\n      end: {}\n      why: navigation above the article, footer and keyword spam below it",
        yaml_string(&start),
        yaml_string(&end[end.len().saturating_sub(30)..])
    );
    let _ = writeln!(
        y,
        "  - extract:\n      line: '^(?P<title>{})$'\n      why: the headline",
        regex::escape(&doc.title).replace('\'', "''")
    );
    let _ = writeln!(
        y,
        "  - extract:\n      line: '^(?P<publisher>{}) \\| Updated: (?P<published>\\d{{4}}-\\d{{2}}-\\d{{2}}) \\d{{2}}:\\d{{2}}$'\n      why: the byline",
        regex::escape(doc.publisher)
    );
    if let Some(token) = &doc.spam_token {
        let _ = writeln!(
            y,
            "  - replace:\n      find: {token}\n      with: cooperation\n      why: a spam token injected in place of a word"
        );
    }
    if i % 25 == 24 {
        let _ = writeln!(
            y,
            "notes:\n  - on: [en-2]\n    text: A synthetic note that links to the record before.\n    see: [\"{}#en-1\"]",
            all(i - 1)
        );
    }
    if i % 50 == 7 {
        y.push_str("tags:\n  - segment: en-1\n    add: [dialogue-mechanisms]\n");
    }
    y
}

const HUGO_CONFIG: &str = r#"baseURL = "https://example.org/"
languageCode = "en"
title = "Synthetic corpus (Hugo)"
disableKinds = ["RSS"]
[taxonomies]
  topic = "topics"
  entity = "entities"
[outputs]
  home = ["HTML", "JSON"]
"#;

const HUGO_LAYOUTS: &[(&str, &str)] = &[
    (
        "baseof.html",
        r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{ .Title }} · {{ site.Title }}</title>
<link rel="stylesheet" href="{{ "style.css" | relURL }}"></head>
<body><header><a href="{{ "/" | relURL }}">{{ site.Title }}</a>
<nav><a href="{{ "topics/" | relURL }}">Topics</a> <a href="{{ "entities/" | relURL }}">Entities</a></nav></header>
<main>{{ block "main" . }}{{ end }}</main></body></html>
"#,
    ),
    (
        "single.html",
        r#"{{ define "main" }}<article><h1>{{ .Title }}</h1>
<dl><dt>Date</dt><dd><time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time></dd>
<dt>Parties</dt><dd>{{ delimit .Params.parties ", " }}</dd>
<dt>Publisher</dt><dd>{{ .Params.publisher }}</dd></dl>
<p>Topics: {{ range .GetTerms "topics" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>
<p>Entities: {{ range .GetTerms "entities" }}<a href="{{ .RelPermalink }}">{{ .LinkTitle }}</a> {{ end }}</p>
{{ .Content }}</article>{{ end }}
"#,
    ),
    (
        "list.html",
        r#"{{ define "main" }}<h1>{{ .Title }}</h1><ul>
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time> {{ .Description }}</li>
{{ end }}</ul>{{ end }}
"#,
    ),
    (
        "taxonomy.html",
        r#"{{ define "main" }}<h1>{{ .Title }}</h1><ul>
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> ({{ len .Pages }})</li>
{{ end }}</ul>{{ end }}
"#,
    ),
    (
        "term.html",
        r#"{{ define "main" }}<h1>{{ .Title }}</h1><ul>
{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time></li>
{{ end }}</ul>{{ end }}
"#,
    ),
    (
        "home.html",
        r#"{{ define "main" }}<h1>{{ site.Title }}</h1><ul>
{{ range where site.RegularPages "Section" "documents" }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Description }}</li>
{{ end }}</ul>{{ end }}
"#,
    ),
    (
        "home.json",
        r#"{{- $index := slice -}}
{{- range where site.RegularPages "Section" "documents" -}}
{{- $index = $index | append (dict "title" .Title "url" .RelPermalink "text" .Plain) -}}
{{- end -}}
{{- $index | jsonify -}}
"#,
    ),
];

fn hugo_page(doc: &Synthetic, pool: &Pool, entity_names: &[String]) -> String {
    let (year, month, day) = doc.date;
    let list = |items: Vec<String>| {
        items
            .iter()
            .map(|s| yaml_string(s))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut page = String::from("---\n");
    let _ = writeln!(page, "title: {}", yaml_string(&doc.title));
    let _ = writeln!(page, "description: {}", yaml_string(&doc.description));
    let _ = writeln!(page, "date: {year}-{month:02}-{day:02}");
    let _ = writeln!(page, "publisher: {}", doc.publisher);
    let _ = writeln!(
        page,
        "parties: [\"China\", {}]",
        yaml_string(doc.partner.en)
    );
    let _ = writeln!(
        page,
        "topics: [{}]",
        list(doc.topics.iter().map(|&t| pool.topics[t].clone()).collect())
    );
    let _ = writeln!(
        page,
        "entities: [{}]",
        list(
            doc.entities
                .iter()
                .map(|&e| entity_names[e].clone())
                .collect()
        )
    );
    page.push_str("---\n\n");
    if !doc.chinese.is_empty() {
        page.push_str("<div lang=\"zh-Hant\">\n\n");
        for paragraph in &doc.chinese {
            let _ = writeln!(page, "{paragraph}\n");
        }
        page.push_str("</div>\n\n");
    }
    for paragraph in &doc.english {
        let _ = writeln!(page, "{paragraph}\n");
    }
    page
}

fn write(path: &Path, text: &str) {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).unwrap_or_else(|e| fail(dir, e));
    }
    std::fs::write(path, text).unwrap_or_else(|e| fail(path, e));
}

fn fail(path: &Path, e: std::io::Error) -> ! {
    eprintln!("error: {}: {e}", path.display());
    std::process::exit(1)
}

fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let target = to.join(entry.path().strip_prefix(from).expect("inside"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap_or_else(|e| fail(&target, e));
        } else {
            std::fs::copy(entry.path(), &target).unwrap_or_else(|e| fail(&target, e));
        }
    }
}

fn usage() -> ! {
    eprintln!("usage: gen_corpus N DIR [--hugo HUGO_DIR]");
    std::process::exit(2)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (n, dir, hugo) = match args.as_slice() {
        [n, dir] => (n, PathBuf::from(dir), None),
        [n, dir, flag, hugo] if flag == "--hugo" => {
            (n, PathBuf::from(dir), Some(PathBuf::from(hugo)))
        }
        _ => usage(),
    };
    let n: usize = n.parse().unwrap_or_else(|_| usage());
    if dir.exists() || hugo.as_ref().is_some_and(|h| h.exists()) {
        eprintln!("error: the target folders must not exist yet");
        std::process::exit(1);
    }
    let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
    let (pool, inputs) = Pool::from_bundled_corpus(repo);
    let entity_names: Vec<String> = inputs.entities.iter().map(|e| e.name.en.clone()).collect();

    let docs: Vec<Synthetic> = (0..n).map(|i| synthesize(i, &pool)).collect();
    let slug = |i: usize| docs[i].slug.clone();

    write(
        &dir.join("content/site.yaml"),
        &format!(
            "title: Synthetic corpus of {n} documents\ndescription: >-\n  A benchmark corpus made by accord's gen_corpus from the paragraphs of the\n  bundled statements. None of its documents is a real statement.\ntheme: default\noutput_dir: public\n"
        ),
    );
    for name in ["topics.yaml", "entities.yaml"] {
        let target = dir.join("content").join(name);
        std::fs::copy(repo.join("content").join(name), &target)
            .unwrap_or_else(|e| fail(&target, e));
    }
    copy_tree(&repo.join("themes"), &dir.join("themes"));
    let mut sums = String::new();
    for (i, doc) in docs.iter().enumerate() {
        write(
            &dir.join("content/documents")
                .join(format!("{}.yaml", doc.slug)),
            &annotation(i, doc, &slug),
        );
        write(&dir.join("seeds").join(&doc.seed), &doc.raw);
        let digest: String = Sha256::digest(doc.raw.as_bytes())
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect();
        let _ = writeln!(sums, "{digest}  {}", doc.seed);
    }
    write(&dir.join("seeds/SHA256SUMS"), &sums);

    if let Some(hugo) = hugo {
        write(&hugo.join("hugo.toml"), HUGO_CONFIG);
        for (name, text) in HUGO_LAYOUTS {
            write(&hugo.join("layouts").join(name), text);
        }
        let style = hugo.join("static/style.css");
        std::fs::create_dir_all(hugo.join("static")).unwrap_or_else(|e| fail(&style, e));
        std::fs::copy(repo.join("themes/default/static/style.css"), &style)
            .unwrap_or_else(|e| fail(&style, e));
        write(
            &hugo.join("content/documents/_index.md"),
            "---\ntitle: Documents\n---\n",
        );
        for doc in &docs {
            write(
                &hugo
                    .join("content/documents")
                    .join(format!("{}.md", doc.slug)),
                &hugo_page(doc, &pool, &entity_names),
            );
        }
    }
    println!("{n} documents in {}", dir.display());
}
