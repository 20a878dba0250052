//! Menus flattened into one line: site sections, interface buttons.

use std::sync::LazyLock;

use regex::Regex;

use crate::chinese::{is_han, is_mostly_chinese};

/// The words of site menus. A short line made mostly of them, three or more,
/// is a flattened navigation bar.
const MENU_WORDS: [&str; 68] = [
    "home",
    "news",
    "world",
    "china",
    "nation",
    "national",
    "local",
    "business",
    "economy",
    "markets",
    "finance",
    "tech",
    "technology",
    "science",
    "sport",
    "sports",
    "opinion",
    "opinions",
    "culture",
    "life",
    "lifestyle",
    "travel",
    "video",
    "videos",
    "photos",
    "photo",
    "multimedia",
    "podcasts",
    "about",
    "contact",
    "contacts",
    "search",
    "menu",
    "privacy",
    "terms",
    "sitemap",
    "rss",
    "archive",
    "archives",
    "weather",
    "media",
    "releases",
    "speeches",
    "services",
    "faq",
    "help",
    "jobs",
    "careers",
    "首页",
    "新闻",
    "国内",
    "国际",
    "财经",
    "体育",
    "娱乐",
    "科技",
    "军事",
    "视频",
    "图片",
    "评论",
    "社会",
    "文化",
    "教育",
    "健康",
    "汽车",
    "房产",
    "关于我们",
    "联系我们",
];

/// Words of site interfaces: two or more on a short line make it chrome.
const INTERFACE_WORDS: [&str; 40] = [
    "sign in",
    "log in",
    "login",
    "register",
    "subscribe",
    "print",
    "close",
    "font size",
    "text size",
    "high contrast",
    "listen",
    "email",
    "share",
    "bookmark",
    "登录",
    "登入",
    "注册",
    "註冊",
    "立即注册",
    "订阅",
    "訂閱",
    "下载",
    "下載",
    "收藏",
    "分享",
    "举报",
    "舉報",
    "支持",
    "反对",
    "打印",
    "列印",
    "关闭",
    "關閉",
    "字体",
    "字體",
    "字号",
    "找回密码",
    "客户端",
    "用户名",
    "密码",
];

/// A flattened menu: five or more short items (a word or three, a few
/// Chinese characters) between wide gaps or separators, none a sentence.
fn is_menu_bar(text: &str) -> bool {
    let text = text.trim();
    let mut pieces: Vec<&str> = MENU_SPLIT
        .split(text)
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    // Chinese menus put one space between items; Chinese prose has none.
    if pieces.len() < 5 && is_mostly_chinese(text) {
        pieces = text.split_whitespace().collect();
    }
    let is_item = |p: &str| {
        let han = p.chars().filter(|c| is_han(*c)).count();
        let words = p.split_whitespace().count();
        (han > 0 && p.chars().count() <= 6 || han == 0 && words <= 3)
            && !p.ends_with(['.', '。', ',', '，'])
    };
    let items = pieces.iter().filter(|p| is_item(p)).count();
    pieces.len() >= 5 && items * 10 >= pieces.len() * 9
}

/// Wide gaps and separators between menu items.
static MENU_SPLIT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s{2,}|\s*[|/·•｜／]\s*").expect("static pattern"));

/// A short line of menu or interface words.
pub(super) fn is_navigation(text: &str) -> bool {
    let lower = text.to_lowercase();
    let interface = INTERFACE_WORDS
        .iter()
        .filter(|w| lower.contains(*w))
        .count();
    if interface >= 2 || is_menu_bar(text) {
        return true;
    }
    let words: Vec<String> = text
        .split(|c: char| c.is_whitespace() || "|/•·,，、>»›-–".contains(c))
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty() && w != "&" && w != "and")
        .collect();
    let menu = words
        .iter()
        .filter(|w| MENU_WORDS.contains(&w.as_str()))
        .count();
    menu >= 3 && menu * 10 >= words.len() * 7
}
