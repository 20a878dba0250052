//! Characters no page can carry, wherever they came from. Seeds are
//! cleaned of them (`filter control`), but an annotation value can still
//! bring one in through a YAML escape (`title: "a\x07b"`), and a theme
//! through its templates; HTML reports them as errors and XML refuses them.

use super::Problem;
use crate::pipeline::clean::control::is_unpublishable;
use crate::pipeline::write::OutputFile;

/// One problem per text file of the site holding such a character, with
/// the first one and the words before it, to find it by.
pub(super) fn problems(files: &[OutputFile]) -> Vec<Problem> {
    let text = |path: &str| {
        [".html", ".xml", ".json", ".csv", ".js", ".css", ".txt"]
            .iter()
            .any(|ext| path.ends_with(ext))
    };
    files
        .iter()
        .filter(|f| text(&f.path))
        .filter_map(|f| {
            let page = String::from_utf8_lossy(&f.bytes);
            let (at, c) = page.char_indices().find(|&(_, c)| is_unpublishable(c))?;
            let before: String = page[..at]
                .chars()
                .rev()
                .take(30)
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .collect();
            Some(Problem {
                page: f.path.clone(),
                link: format!("U+{:04X} after “{}”", u32::from(c), before.trim_start()),
                message: "a control character or noncharacter, which no page can carry: \
                          it came from an annotation value or the theme; remove it there"
                    .into(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_control_character_in_a_page_is_named_with_the_words_before_it() {
        let files = vec![
            OutputFile::new("a/index.html", "<h1>A sample\u{7} statement</h1>"),
            OutputFile::new("b/index.html", "<p>Tab\tand\nbreaks are fine.</p>"),
            OutputFile::new("assets/logo.png", vec![0, 1, 2, 0x89]),
        ];
        let found = problems(&files);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].page, "a/index.html");
        assert_eq!(found[0].link, "U+0007 after “<h1>A sample”");
    }
}
