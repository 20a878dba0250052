//! Long lists split into pages: a topic's paragraphs, an entity's mentions,
//! the comparison table. Page 1 keeps the list's own path; page k sits beside
//! it as `page-k.html`, in the same folder, so every relative link on the
//! page stays valid and no page grows with the size of the corpus.

use std::ops::Range;

use serde::Serialize;

/// The path of page `page` (0-based) of a list whose first page is `first`
/// (a path ending in `index.html`).
pub fn page_path(first: &str, page: usize) -> String {
    if page == 0 {
        return first.to_owned();
    }
    let folder = first.strip_suffix("index.html").unwrap_or(first);
    format!("{folder}{}", file_name(page))
}

fn file_name(page: usize) -> String {
    match page {
        0 => "index.html".into(),
        _ => format!("page-{}.html", page + 1),
    }
}

/// How many pages `items` items take, `per_page` to a page; an empty list
/// still has its first page.
pub(crate) fn page_count(items: usize, per_page: usize) -> usize {
    items.div_ceil(per_page).max(1)
}

/// The items of page `page`.
pub(crate) fn page_range(items: usize, per_page: usize, page: usize) -> Range<usize> {
    (page * per_page).min(items)..((page + 1) * per_page).min(items)
}

/// Links between the pages of a list, for its navigation.
#[derive(Debug, Serialize)]
pub struct Pager {
    /// 1-based, as shown.
    pub current: usize,
    pub total: usize,
    pub prev: Option<String>,
    pub next: Option<String>,
    /// The first and last pages and those near the current one; the rest are
    /// left out (a `gap_before`) so the pager stays small on long lists.
    pub links: Vec<PagerLink>,
}

/// One link of a pager: a page number or previous/next.
#[derive(Debug, Serialize)]
pub struct PagerLink {
    pub number: usize,
    /// `None` for the current page.
    pub href: Option<String>,
    pub gap_before: bool,
}

/// The pager of page `page` (0-based) of `total` pages; `None` when the list
/// fits on one page.
pub fn pager(page: usize, total: usize) -> Option<Pager> {
    if total <= 1 {
        return None;
    }
    let shown = |p: usize| p == 0 || p + 1 == total || p.abs_diff(page) <= 2;
    let mut links = Vec::new();
    let mut previous: Option<usize> = None;
    for p in (0..total).filter(|&p| shown(p)) {
        links.push(PagerLink {
            number: p + 1,
            href: (p != page).then(|| file_name(p)),
            gap_before: previous.is_some_and(|q| p > q + 1),
        });
        previous = Some(p);
    }
    Some(Pager {
        current: page + 1,
        total,
        prev: page.checked_sub(1).map(file_name),
        next: (page + 1 < total).then(|| file_name(page + 1)),
        links,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn later_pages_sit_beside_the_first() {
        assert_eq!(
            page_path("topics/drugs/index.html", 0),
            "topics/drugs/index.html"
        );
        assert_eq!(
            page_path("topics/drugs/index.html", 2),
            "topics/drugs/page-3.html"
        );
        assert_eq!(page_path("compare/index.html", 1), "compare/page-2.html");
    }

    #[test]
    fn ranges_cover_every_item_once() {
        assert_eq!(page_count(0, 20), 1);
        assert_eq!(page_count(40, 20), 2);
        assert_eq!(page_count(41, 20), 3);
        let covered: Vec<usize> = (0..3).flat_map(|p| page_range(41, 20, p)).collect();
        assert_eq!(covered, (0..41).collect::<Vec<_>>());
    }

    #[test]
    fn the_pager_shows_ends_and_neighbours_only() {
        assert!(pager(0, 1).is_none());
        let p = pager(10, 500).unwrap();
        let numbers: Vec<usize> = p.links.iter().map(|l| l.number).collect();
        assert_eq!(numbers, [1, 9, 10, 11, 12, 13, 500]);
        assert!(p.links[1].gap_before && p.links[6].gap_before && !p.links[2].gap_before);
        assert!(p.links[3].href.is_none(), "the current page is not a link");
        assert_eq!(p.prev.as_deref(), Some("page-10.html"));
        assert_eq!(p.next.as_deref(), Some("page-12.html"));
        let first = pager(1, 3).unwrap();
        assert_eq!(first.prev.as_deref(), Some("index.html"));
    }
}
