//! One line of a raw seed, and what kind of line it could be: a headline,
//! a numbered section heading, prose, a place and date, a signature, a
//! list item.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::chinese::is_han;
use crate::pipeline::clean::dates::find_date;
use crate::pipeline::clean::lint::Kind;
use crate::pipeline::clean::lint::layout::is_sentence;
use crate::pipeline::segment::numbering_cue;

/// One line of the raw seed.
pub(super) struct PageLine<'a> {
    /// Without its line break.
    pub text: &'a str,
    /// Byte range in the seed, line break excluded.
    pub range: Range<usize>,
    /// The default filters remove the whole line already.
    pub filtered: bool,
    /// The lint's kind of chrome for the line, if it is chrome.
    pub chrome: Option<Kind>,
}

impl PageLine<'_> {
    /// Nothing to keep or remove: blank, or gone by a filter.
    pub fn is_void(&self) -> bool {
        self.filtered || self.text.trim().is_empty()
    }

    /// A paragraph of the article: a finished sentence of some length that
    /// the lint does not call chrome.
    pub fn is_prose(&self) -> bool {
        !self.is_void() && self.chrome.is_none() && is_sentence(self.text)
    }

    /// Could be the article's headline or the subheading under it: no
    /// sentence end, six to forty words or ten to eighty Chinese
    /// characters, not chrome.
    pub fn is_headline(&self) -> bool {
        self.is_title_of(6)
    }

    /// As [`PageLine::is_headline`], from `min_words` English words.
    pub fn is_title_of(&self, min_words: usize) -> bool {
        let text = self.text.trim();
        let han = text.chars().filter(|c| is_han(*c)).count();
        let letters = text.chars().filter(char::is_ascii_alphabetic).count();
        let words = text.split_whitespace().count();
        // A spam token in an English title (`皇冠体育app's policies on …`)
        // does not make it a Chinese one.
        let sized = if han * 3 >= letters {
            (10..=80).contains(&han)
        } else {
            (min_words..=60).contains(&words)
        };
        !self.is_void()
            && self.chrome.is_none()
            && sized
            && !ends_sentence(text)
            && !SENTENCE_INSIDE.is_match(text)
            && !text.contains(['|', '｜'])
            && !is_list_item(text)
    }

    /// A numbered section heading (`VI. …`, `1. Disaster Relief`, `三、…`):
    /// in a long document, part of the text right above its paragraphs.
    pub fn is_section_heading(&self) -> bool {
        let text = self.text.trim();
        let Some(cue) = numbering_cue(text) else {
            return false;
        };
        let title = text[cue..].trim();
        let han = title.chars().filter(|c| is_han(*c)).count();
        !self.is_void()
            && self.chrome.is_none()
            && !title.is_empty()
            && !ends_sentence(title)
            && title.split_whitespace().count() <= 20
            && han <= 40
    }
}

/// Ends as a sentence or a clause does, closing quotes and brackets aside.
fn ends_sentence(text: &str) -> bool {
    text.trim_end_matches(|c: char| "\"'”’)）".contains(c))
        .ends_with(['.', '。', ';', '；', ',', '，', ':', '：'])
}

/// `Beijing, 23 April 2017`, `2017年4月23日于北京`, `Done at Chiang Rai on
/// …`: a short line that is a date and perhaps a place, with no label
/// (`Updated:`, `发布时间`) that would make it the page's dateline.
pub(super) fn is_place_and_date(line: &PageLine<'_>) -> bool {
    let text = line.text.trim();
    let short = text.split_whitespace().count() <= 12 && text.chars().count() <= 60;
    let labelled = LABEL.is_match(text);
    let allowed = matches!(line.chrome, None | Some(Kind::Dateline));
    short && allowed && !labelled && find_date(text).is_some()
}

/// A sentence ending inside a line (`… her bank. Photo / …`, `…。…`): a
/// caption or a paragraph, not a headline.
static SENTENCE_INSIDE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\p{Ll}{2}[.!?]\s+\p{Lu}|。.").expect("static pattern"));

static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:updated|modified|published|posted|released|issued|date|time|read)\b|发布|更新|时间|日期|發佈|發布|時間|来源|來源|[:：|·•]")
        .expect("static pattern")
});

/// A name, an office or an issuer on a line of its own: a few words, no
/// figures, no label or separator, starting with a capital or a Chinese
/// character.
pub(super) fn is_signature(text: &str) -> bool {
    let text = text.trim();
    let han = text.chars().filter(|c| is_han(*c)).count();
    let short = if han > 0 {
        han <= 16
    } else {
        (1..=8).contains(&text.split_whitespace().count())
    };
    let plain = !text.contains(|c: char| c.is_ascii_digit() || ":：|｜>»/@#".contains(c));
    let opens = text.starts_with(|c: char| c.is_uppercase() || is_han(c));
    short && plain && opens && !text.ends_with(['.', '。', '?', '？', '!', '！'])
}

/// A line of twelve words or twenty-five Chinese characters at least.
pub(super) fn is_long(text: &str) -> bool {
    let han = text.chars().filter(|c| is_han(*c)).count();
    text.split_whitespace().count() >= 12 || han >= 25
}

/// `(End)`, `（完）`, `-30-`: the mark that closes a wire story.
pub(super) fn is_closing_mark(text: &str) -> bool {
    let inner = text
        .trim()
        .trim_matches(|c: char| "()（）[]【】-—– ".contains(c))
        .to_lowercase();
    matches!(inner.as_str(), "end" | "完" | "30" | "ends")
}

/// A numbered or bulleted item of text: `3. Do not …；`, `- item`.
pub(super) fn is_list_item(text: &str) -> bool {
    let text = text.trim_start();
    let marker = text
        .split_once([' ', '.', '、', ')', '）'])
        .is_some_and(|(head, _)| {
            !head.is_empty() && head.len() <= 3 && head.chars().all(|c| c.is_ascii_digit())
        })
        || text.starts_with(['-', '*', '•', '·', '(', '（']);
    let han = text.chars().filter(|c| is_han(*c)).count();
    marker && (text.split_whitespace().count() >= 4 || han >= 6)
}
