//! `accord check`: everything a publisher should know before publishing.
//! The annotations must build; every internal link and `#anchor` of the built
//! site must resolve (relative links included, since the site must work from
//! `file://` and under a subpath); the cleaning lint must be clean. External
//! links are listed, and fetched only when asked. Markup that runs script
//! ([`scripts`]) is a problem too, and so is a character no page can carry
//! ([`characters`]).

mod characters;
mod scripts;

use std::collections::{BTreeMap, BTreeSet};
#[cfg(feature = "external-links")]
use std::time::Duration;

use scraper::{Html, Selector};

use crate::build::{self, BuildOptions};
use crate::error::Result;
use crate::pipeline::write::OutputFile;

/// What `accord check` checks: the built site, and external links on request.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    pub build: BuildOptions,
    /// Fetch external links too.
    pub external: bool,
}

/// One problem, on one page (or in one seed, for lint findings).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    pub page: String,
    pub link: String,
    pub message: String,
}

/// The problems `accord check` found.
#[derive(Debug, Default)]
pub struct CheckReport {
    pub problems: Vec<Problem>,
    /// External links: (page, URL), each once per page.
    pub external: Vec<(String, String)>,
    pub pages: usize,
    pub links: usize,
}

/// Renders the site in memory, without writing it, and checks its internal
/// links and anchors, the cleaning lint and, on request, external links.
pub fn check(options: &CheckOptions) -> Result<CheckReport> {
    #[cfg(not(feature = "external-links"))]
    if options.external {
        return Err(crate::error::Error::input(
            crate::error::Location::file("--external"),
            "this accord was built without the `external-links` feature, so it cannot \
             fetch external links (rebuild with `--features external-links`)",
        ));
    }
    let site = build::render_site(&options.build)?;
    let mut report = check_links(&site.files);
    report.problems.extend(characters::problems(&site.files));
    for doc in &site.documents {
        for w in &doc.warnings {
            report.problems.push(Problem {
                page: format!("documents/{}/index.html", doc.slug),
                link: format!("seeds/{}:{}", doc.seed, w.line),
                message: format!("cleaning lint [{}]: {}", w.kind.name(), w.message),
            });
        }
    }
    #[cfg(feature = "external-links")]
    if options.external {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(Duration::from_secs(15)))
            .build()
            .into();
        let mut seen: BTreeMap<String, Option<String>> = BTreeMap::new();
        for (page, url) in &report.external {
            let outcome = seen
                .entry(url.clone())
                .or_insert_with(|| fetch(&agent, url))
                .clone();
            if let Some(message) = outcome {
                report.problems.push(Problem {
                    page: page.clone(),
                    link: url.clone(),
                    message,
                });
            }
        }
    }
    report.problems.sort();
    Ok(report)
}

/// `None` when the URL answers with success, else what went wrong.
#[cfg(feature = "external-links")]
fn fetch(agent: &ureq::Agent, url: &str) -> Option<String> {
    // Some servers refuse HEAD; GET is the fallback.
    let answer = match agent.head(url).call() {
        Ok(response) => Ok(response),
        Err(_) => agent.get(url).call(),
    };
    match answer {
        Ok(_) => None,
        Err(ureq::Error::StatusCode(code)) => Some(format!("external link answers HTTP {code}")),
        Err(e) => Some(format!("external link cannot be fetched: {e}")),
    }
}

/// Checks every `href` and `src` of every HTML file against the files.
pub(crate) fn check_links(files: &[OutputFile]) -> CheckReport {
    let paths: BTreeSet<&str> = files.iter().map(|f| f.path.as_str()).collect();
    let pages: BTreeMap<&str, Html> = files
        .iter()
        .filter(|f| f.path.ends_with(".html"))
        .map(|f| {
            (
                f.path.as_str(),
                Html::parse_document(&String::from_utf8_lossy(&f.bytes)),
            )
        })
        .collect();
    let ids: BTreeMap<&str, BTreeSet<String>> = pages
        .iter()
        .map(|(path, html)| {
            let set = html
                .select(&selector("[id]"))
                .filter_map(|e| e.value().attr("id").map(str::to_owned))
                .collect();
            (*path, set)
        })
        .collect();
    let mut report = CheckReport {
        pages: pages.len(),
        ..CheckReport::default()
    };
    for (page, html) in &pages {
        report.problems.extend(scripts::problems(page, html));
        // A page with <base> (the 404 page) resolves its links from the site root.
        let has_base = html.select(&selector("base[href]")).next().is_some();
        let dir = if has_base {
            ""
        } else {
            page.rsplit_once('/').map_or("", |(d, _)| d)
        };
        for element in html.select(&selector("[href], [src]")) {
            if element.value().name() == "base" {
                continue;
            }
            let Some(url) = element
                .value()
                .attr("href")
                .or_else(|| element.value().attr("src"))
            else {
                continue;
            };
            report.links += 1;
            let problem = |message: String| Problem {
                page: page.to_string(),
                link: url.to_owned(),
                message,
            };
            match classify(url) {
                Link::External => report.external.push((page.to_string(), url.to_owned())),
                Link::Ignored => {}
                Link::RootRelative => report.problems.push(problem(
                    "root-relative link: it breaks under a subpath and from file://; use a relative link".into(),
                )),
                Link::Relative { path, fragment } => {
                    if let Some(message) = resolve(dir, page, &path, &fragment, &paths, &ids) {
                        report.problems.push(problem(message));
                    }
                }
            }
        }
    }
    report.external.sort();
    report.external.dedup();
    report
}

fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|_| unreachable!("static selector `{css}`"))
}

enum Link {
    External,
    Ignored,
    RootRelative,
    Relative { path: String, fragment: String },
}

fn classify(url: &str) -> Link {
    let lower = url.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with("//") {
        return Link::External;
    }
    if ["mailto:", "tel:", "data:", "javascript:"]
        .iter()
        .any(|s| lower.starts_with(s))
    {
        return Link::Ignored;
    }
    if url.starts_with('/') {
        return Link::RootRelative;
    }
    let (path, fragment) = url.split_once('#').unwrap_or((url, ""));
    let path = path.split_once('?').map_or(path, |(p, _)| p);
    Link::Relative {
        path: percent_decode(path),
        fragment: percent_decode(fragment),
    }
}

/// Resolves a relative link from a page in `dir`; `None` when it is sound.
fn resolve(
    dir: &str,
    page: &str,
    path: &str,
    fragment: &str,
    paths: &BTreeSet<&str>,
    ids: &BTreeMap<&str, BTreeSet<String>>,
) -> Option<String> {
    let target = if path.is_empty() {
        page.to_owned()
    } else {
        let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
        for part in path.split('/') {
            match part {
                "" | "." => {}
                ".." => {
                    if parts.pop().is_none() {
                        return Some("the link leaves the site".into());
                    }
                }
                other => parts.push(other),
            }
        }
        let joined = parts.join("/");
        if path.ends_with('/')
            || paths.iter().any(|p| p.starts_with(&format!("{joined}/")))
                && !paths.contains(joined.as_str())
        {
            return Some(format!(
                "the link names a folder; from file:// a browser shows a listing: link {}index.html",
                if path.ends_with('/') {
                    path.to_owned()
                } else {
                    format!("{path}/")
                }
            ));
        }
        joined
    };
    if !paths.contains(target.as_str()) {
        return Some(format!("no such file in the site: {target}"));
    }
    if !fragment.is_empty()
        && target.ends_with(".html")
        && !ids
            .get(target.as_str())
            .is_some_and(|s| s.contains(fragment))
    {
        return Some(format!("no element with id `{fragment}` in {target}"));
    }
    None
}

fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn broken_links_missing_anchors_folders_and_root_links_are_problems() {
        let files = vec![
            OutputFile::new(
                "index.html",
                r##"<a href="a/index.html#there">ok</a><a href="a/index.html#nowhere">x</a>
                <a href="missing.html">x</a><a href="a/">x</a><a href="/a/index.html">x</a>
                <a href="https://example.org/">ext</a><a href="#top">self</a><p id="top"></p>"##,
            ),
            OutputFile::new(
                "a/index.html",
                r#"<p id="there"></p><a href="../index.html">up</a><a href="../../x.html">out</a>"#,
            ),
        ];
        let report = check_links(&files);
        let messages: Vec<String> = report
            .problems
            .iter()
            .map(|p| format!("{} {} {}", p.page, p.link, p.message))
            .collect();
        assert_eq!(messages.len(), 5, "{messages:#?}");
        assert!(
            messages
                .iter()
                .any(|m| m.contains("a/index.html#nowhere no element with id `nowhere`"))
        );
        assert!(
            messages
                .iter()
                .any(|m| m.contains("missing.html no such file"))
        );
        assert!(
            messages
                .iter()
                .any(|m| m.contains("a/ the link names a folder"))
        );
        assert!(
            messages
                .iter()
                .any(|m| m.contains("/a/index.html root-relative link"))
        );
        assert!(
            messages
                .iter()
                .any(|m| m.contains("../../x.html the link leaves the site"))
        );
        assert_eq!(
            report.external,
            vec![("index.html".to_owned(), "https://example.org/".to_owned())]
        );
    }

    #[cfg(not(feature = "external-links"))]
    #[test]
    fn external_needs_the_feature() {
        let options = CheckOptions {
            external: true,
            ..CheckOptions::default()
        };
        let message = check(&options).unwrap_err().to_string();
        assert!(
            message.contains("without the `external-links` feature"),
            "{message}"
        );
    }

    #[test]
    fn percent_encoded_anchors_are_decoded() {
        assert_eq!(percent_decode("a%20b%2Fc"), "a b/c");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%e4%B8%AD%zz%4"), "中%zz%4");
        assert_eq!(percent_decode("%ff%41"), "\u{fffd}A");
    }
}
