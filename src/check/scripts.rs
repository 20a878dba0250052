//! Markup that runs or smuggles script: inline event handlers, `javascript:`
//! and `data:` URLs, scripts loaded from another site. The build sanitises
//! editorial Markdown, but a theme's templates or a pasted value can still
//! bring them in; `accord check` reports them wherever they come from.

use scraper::Html;

use super::Problem;

/// The attributes whose value a browser follows or loads as a URL.
const URL_ATTRIBUTES: [&str; 9] = [
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "poster",
    "data",
    "cite",
    "background",
];

/// Every event handler, script URL and foreign script on one page.
pub(super) fn problems(page: &str, html: &Html) -> Vec<Problem> {
    let mut found = Vec::new();
    let mut report = |link: String, message: &str| {
        found.push(Problem {
            page: page.to_owned(),
            link,
            message: message.to_owned(),
        })
    };
    for element in html.root_element().descendent_elements() {
        let name = element.value().name();
        for (attribute, value) in element.value().attrs() {
            let shown = || format!("<{name} {attribute}=\"{}\">", shorten(value));
            if attribute.len() > 2 && attribute.starts_with("on") {
                report(
                    shown(),
                    "inline event handler: script in an attribute runs for every reader; \
                     move it into a script file of the theme",
                );
            } else if URL_ATTRIBUTES.contains(&attribute) {
                if let Some(scheme) = script_scheme(value) {
                    report(
                        shown(),
                        &format!(
                            "a `{scheme}` URL: it runs or carries content the site cannot vouch for; \
                             link an http(s) address or a file of the site"
                        ),
                    );
                } else if name == "script" && attribute == "src" && is_foreign(value) {
                    report(
                        shown(),
                        "a script from another site: the site must work offline and from \
                         an archive; copy the script into the theme's static files",
                    );
                }
            }
        }
    }
    found
}

/// `javascript`, `vbscript` or `data` when the URL uses that scheme, read
/// the way a browser reads it: surrounding spaces and control characters
/// dropped, tabs and newlines inside ignored, letters in any case.
fn script_scheme(url: &str) -> Option<&'static str> {
    let compact: String = url
        .chars()
        .filter(|c| !c.is_ascii_control() && *c != ' ')
        .take(12)
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript", "vbscript", "data"]
        .into_iter()
        .find(|scheme| {
            compact
                .strip_prefix(scheme)
                .is_some_and(|rest| rest.starts_with(':'))
        })
}

fn is_foreign(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("http:") || lower.starts_with("https:") || lower.starts_with("//")
}

fn shorten(value: &str) -> String {
    const MAX: usize = 40;
    match value.char_indices().nth(MAX) {
        Some((at, _)) => format!("{}…", &value[..at]),
        None => value.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(body: &str) -> Vec<String> {
        problems("p.html", &Html::parse_document(body))
            .into_iter()
            .map(|p| format!("{} {}", p.link, p.message))
            .collect()
    }

    #[test]
    fn handlers_script_urls_and_foreign_scripts_are_reported() {
        let found = found(
            "<body onload=\"go()\"><a href=\" JaVa&#x09;Script:alert(1)\">x</a>\
             <img src=\"data:image/png;base64,AAAA\"><form action=\"vbscript:x\"></form>\
             <svg><a xlink:href=\"javascript:y\">s</a></svg>\
             <script src=\"https://cdn.example.org/lib.js\"></script></body>",
        );
        assert_eq!(found.len(), 6, "{found:#?}");
        for expected in [
            "<body onload=\"go()\"> inline event handler",
            "a `javascript` URL",
            "<img src=\"data:image/png;base64,AAAA\"> a `data` URL",
            "<form action=\"vbscript:x\"> a `vbscript` URL",
            "<script src=\"https://cdn.example.org/lib.js\"> a script from another site",
        ] {
            assert!(
                found.iter().any(|f| f.contains(expected)),
                "{expected}: {found:#?}"
            );
        }
    }

    #[test]
    fn the_site_s_own_scripts_and_links_are_not_reported() {
        let found = found(
            "<a href=\"../a/index.html#p-1\">a</a><a href=\"https://example.org/data:x\">b</a>\
             <a href=\"datasets.html\">c</a><script src=\"../assets/site.js\" defer></script>\
             <button type=\"button\" data-once=\"1\">d</button>",
        );
        assert!(found.is_empty(), "{found:#?}");
    }
}
