//! Page chrome, line by line: the navigation, bars, bylines, captions and
//! app furniture that any news or government page puts around its article,
//! in English and Chinese. Each detector looks at one line of the clean
//! text on its own; [`super::layout`] looks at lines together.
//!
//! The patterns describe the *kind* of line (a label and a colon, a run of
//! separators, a short line made of interface words), not the wording of
//! any one site, and each line must also be short: article sentences are
//! long, and a long line that merely mentions "share" or "来源" is text.

use std::sync::LazyLock;

use regex::Regex;

use super::Kind;
use super::menus::is_navigation;
use crate::chinese::is_han;

/// The first kind of chrome `line` looks like, if any.
pub(super) fn detect(line: &str) -> Option<Kind> {
    let text = line.trim();
    if text.is_empty() {
        return None;
    }
    let short = is_short(text);
    DETECTORS
        .iter()
        .find(|d| (short || !d.short_only) && d.pattern.is_match(text))
        .map(|d| d.kind)
        .or_else(|| (short && is_navigation(text)).then_some(Kind::Navigation))
}

/// At most 14 words, or 40 characters of Chinese.
pub(super) fn is_short(text: &str) -> bool {
    let han = text.chars().filter(|c| is_han(*c)).count();
    if han > 0 && han * 2 >= text.split_whitespace().count() {
        return text.chars().count() <= 40;
    }
    text.split_whitespace().count() <= 14
}

struct Detector {
    kind: Kind,
    /// Only a short line can be this kind of chrome.
    short_only: bool,
    pattern: Regex,
}

fn detector(kind: Kind, short_only: bool, pattern: &str) -> Detector {
    Detector {
        kind,
        short_only,
        pattern: Regex::new(pattern).expect("static pattern"),
    }
}

/// A date as pages print it: `2017-04-23`, `2017/4/23`, `2017年4月23日`,
/// `04/12/2015`, `April 12, 2015`, `12 April 2015`, `Dec. 8, 2016`, `Oct 6`,
/// `April 2015`.
const DATE: &str = r"(?:\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}\s*日?|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|(?:MONTH)\.?\s+\d{1,2}(?:st|nd|rd|th)?(?:,?\s+\d{4})?|\d{1,2}(?:st|nd|rd|th)?\s+(?:MONTH)\.?,?(?:\s+\d{4})?|(?:MONTH)\.?,?\s+\d{4})";
const MONTH: &str = r"january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec";
const TIME: &str = r"(?:\d{1,2}:\d{2}(?::\d{2})?\s*(?:am|pm|a\.m\.|p\.m\.)?(?:\s*(?:gmt|utc|bjt|cst|cdt|est|edt|pst|pdt|mst|mdt|hkt|sgt|jst|kst|ist|bst|cet|cest|nzdt|nzst|aest|aedt|et|pt)(?:[+-]\d{1,2})?)?)";

static DETECTORS: LazyLock<Vec<Detector>> = LazyLock::new(|| {
    let date = DATE.replace("MONTH", MONTH);
    let lead = r"^[\s\[(（【<]*";
    vec![
        detector(
            Kind::Breadcrumb,
            true,
            &format!(
                r"(?i){lead}(?:you are here|you're here|current location|your location|当前位置|当前的位置|您的位置|你的位置|您现在的位置|现在位置|所在位置|當前位置|您的位置|目前位置)\s*[:：>]|{lead}(?:home|homepage|首页|首頁|主页|網站首頁|网站首页)\s*(?:>|＞|›|»|/|>>|→|::|\||-\s)\s*\S"
            ),
        ),
        detector(
            Kind::Breadcrumb,
            true,
            r"^[^>›»＞]{1,30}(?:\s*(?:>|›|»|＞|>>)\s*[^>›»＞]{1,30}){2,}$",
        ),
        detector(
            Kind::Comments,
            false,
            r"(?i)^\W*(?:post a comment|leave a (?:comment|reply)|add (?:a |your )?comment|write a comment|\d+\s+(?:comments?|replies|responses)\b|comments?\s*[(\[]\d+[)\]]|no comments?\b|comments? are closed|posted by\b.{0,60}\b(?:at|on)\b|labels?\s*:|tags?\s*:|newer posts?\b|older posts?\b|subscribe to:?\s*post comments|report abuse|email this\s*blogthis|发表评论|我要评论|评论\s*[(（]?\d+|网友评论|跟帖|已有\d+人(?:参与|评论)|.{0,30}发表于\s*\d{4}|.{0,30}發表於\s*\d{4}|view (?:all )?comments?\b|show comments\b|top comments\b|comments?\s*$|\d+\s*(?:跟贴|跟帖|条评论|條評論)|[\w .'-]{2,30}\s*[·•|]\s*\d+\s*(?:h|m|d|hrs?|mins?|hours?|minutes?|days?)\s+ago\s*:|[\p{Han}\w]{2,12}\s*[·•]?\s*\d+\s*(?:分钟|小时|天)前\s*[:：])",
        ),
        detector(
            Kind::ShareBar,
            true,
            r"(?i)^\W*(?:share(?: this)?(?: article| story| page| post)?|share on|share via|spread the word|email this|print this(?: page| article)?|follow us(?: on)?|分享到|分享至|分享|转发到|一键分享)\s*(?:[:：|/•·]|$|\s+(?:on\s+)?(?:facebook|twitter|x\b|linkedin|whatsapp|wechat|weibo|email|e-mail|print|微信|微博|朋友圈|qq))",
        ),
        detector(
            Kind::ShareBar,
            true,
            r"(?i)^\W*(?:(?:facebook|twitter|x|linkedin|whatsapp|wechat|weibo|telegram|reddit|pinterest|email|e-mail|mail|print|feedback|bookmark|save|copy link|share|分享|列印|微信|微博|朋友圈|qq空间|qq|打印|收藏|纠错|推荐|关闭|关闭窗口|打印本页|保存)\W*){3,}$",
        ),
        detector(
            Kind::SourceLine,
            true,
            r"(?i)^[\s\[(（【]*(?:source|sources|信息来源|文章来源|新闻来源|稿件来源|图文来源|資料來源|editor|editors|edited by|editor's note|web editor|copy editor|chief editor|translated by|translator|compiled by|contributor|reporter|责任编辑|责编|编辑|来源|稿源|出处|校对|审核|审校|编审|出品|監製|責任編輯|編輯|來源|稿源|作者|media contact|media enquiries|media inquiries|联系电话|聯絡電話)\s*[:：|｜]|(?i)^\W*(?:reposted from|originally published (?:by|in|on|at)|republished from|原标题|原標題|转载自|转自|轉載自)|^\W*《[^》]{1,20}》\s*[（(][^）)]*版\s*[）)]\W*$",
        ),
        detector(
            Kind::Byline,
            true,
            r"^[\s\[(（【]*(?:(?i:by|written by|story by|reporting by|words by)\s*:?\s+[A-Z][\w.'’-]*(?:,?\s+(?:[A-Z][\w.'’-]*|and|in|de|van|von|&|\||,|-|–))*|(?:\p{Han}{2,8}[/／|｜]\s*)?(?:本报|本台|新华社|中新网)?(?:记者|記者|通讯员|通訊員|特约记者|撰文)(?:\s*[:：|｜]\s*|\s+)\p{Han}{2,4}(?:[\s、,，]+\p{Han}{2,4})*|文\s*[/／:：]\s*\p{Han}{2,4})[\s\])）】|｜]*(?:(?i:staff (?:reporter|writer)|correspondent|reporter|in \w+|\|.*)|(?:(?:综合|綜合)?(?:报道|报导|報導|報道)|發自\p{Han}+|发自\p{Han}+))?\W*$",
        ),
        detector(
            Kind::Dateline,
            true,
            &format!(
                r"(?i)^[\s\[(（【]*(?:(?:last\s+)?(?:updated|modified|published|posted|released|created|date|time|release date|first published|publication date|issued)(?:\s+(?:on|at))?\s*[:：]?|(?:发布时间|发布日期|更新时间|更新日期|发表时间|时间|日期|發佈時間|發布時間|發布日期|更新時間|時間|日期)\s*[:：]?)?\s*(?:(?:mon|tue|tues|wed|wednes|thu|thur|thurs|fri|sat|satur|sun)(?:day)?\.?,?\s*|星期\p{{Han}}\s*)?{date}(?:\s*(?:\||,|at)?\s*{TIME})?(?:\s*[·•]\s*\p{{Han}}{{2,4}})?\s*(?:[|｜/,，]\s*)?(?:(?:来源|來源|source|by)\s*[:：]?\s*[\w\p{{Han}} .&'－—-]{{0,30}})?\s*(?:[·•|]\s*\d+\s*min(?:ute)?s?\s+read)?\s*[\])）】]*$"
            ),
        ),
        detector(
            Kind::Dateline,
            true,
            &format!(
                r"(?i)^[\s\[(（]*(?:page\s+)?(?:last\s+)?(?:updated|modified|published|posted|released|发布时间|更新时间|發佈時間|更新時間)\s*(?:on|at)?\s*[:：]?\s*(?:{date}|{TIME}|\d+\s+(?:hours?|minutes?|days?)\s+ago)"
            ),
        ),
        detector(
            Kind::BareUrl,
            true,
            r"(?i)^[\s\[(<（]*(?:(?:url|link|source url|permalink|original|原文链接|原文地址|链接|網址|网址)\s*[:：]\s*)?(?:https?://|www\.)\S+[\s\])>）]*$",
        ),
        detector(
            Kind::Ticker,
            true,
            r"(?i)^\W*(?:breaking(?: news)?|just in|latest(?: news)?|live|trending(?: now)?|top stories|headlines|news ticker|滚动新闻|滚动|快讯|最新消息|即时新闻|热点)\s*[:：|•·]",
        ),
        detector(Kind::Ticker, false, r"(?:[•●▪■◆]\s*[^•●▪■◆]{2,}){2,}"),
        detector(
            Kind::Caption,
            false,
            r"(?i)^[\s\[(（【]*(?:photo|photos|picture|pictured|image|file photo|graphic|illustration|video|credit|photo credit|图片来源|图片|资料图|资料图片|圖片|组图|組圖)\s*(?:[:：/]|shows\b|taken\b|courtesy\b|by\b)|^[\s\[(（【]*(?:图为|圖為|图\s*[:：]|圖\s*[:：])",
        ),
        detector(
            Kind::Caption,
            false,
            r"(?i)(?:^photo taken on\b|^this (?:file )?photo\b.{0,80}\bshows\b|[\[(（](?:photo|photos|image|file photo|video)\s*[/:：][^\])）]{1,60}[\])）]\s*$|\((?:xinhua|ap|afp|reuters|epa|getty images|ians|cns|ecns|chinadaily)\s*/\s*[^)]{1,40}\)\s*$|[（(]\s*(?:新华社|新華社|中新社|本报|人民网|央视)?\s*(?:记者|記者|通讯员)?\s*\p{Han}{2,4}\s*[摄攝]\s*[）)]\s*$)",
        ),
        detector(
            Kind::Caption,
            false,
            r"(?i)\b(?:photo|picture|image|file photo)s?\s*[:/]\s*[\w ./&'-]{1,40}$|[（(]\s*(?:图|圖|图片|圖片|图源|圖源|图片来源|圖片來源|photo)\s*[/:：／][^）)]{1,30}[）)]\s*$|^\s*[▲△]|(?:新华社|新華社|中新社)?(?:记者|記者|通讯员)\s*\p{Han}{2,4}(?:\s+\p{Han}{2,4})*\s*[摄攝]\s*$|侵删|侵刪",
        ),
        detector(
            Kind::AppChrome,
            true,
            r"(?i)^\W*(?:广告|廣告|advertisement|sponsored|推广|推廣)\W|\bpowered by\b",
        ),
        detector(
            Kind::AppChrome,
            false,
            r"(?i)\b(?:we use cookies|this (?:web)?site uses cookies|by (?:continuing|using) (?:to use )?this (?:web)?site,? you (?:agree|consent)|accept (?:all )?cookies|cookie (?:policy|settings|preferences))\b",
        ),
        detector(
            Kind::AppChrome,
            true,
            r"(?i)^\W*(?:sign in|log in|login|log out|sign up|register|subscribe(?: now| today)?|subscribe to (?:our )?newsletters?|newsletter sign-?up|download (?:our |the )?app|get the app|open in (?:the )?app|read in (?:the )?app|skip to (?:main )?content|skip to main|skip navigation|jump to content|back to top|to top|top of page|menu|main menu|toggle navigation|search|close|more|read more|load more|show more|view all|see all|view more|listen(?: to this article)?|text size|font size|print|advertisement|advertising|sponsored(?: content)?|ad|ads|登录|登錄|注册|註冊|免费注册|退出|下载客户端|下載客戶端|客户端下载|打开app|打開app|app下载|扫一扫|掃一掃|扫码|扫描二维码|返回顶部|回到顶部|返回頂部|关闭窗口|关闭|打印本页|打印|收藏本文|我要纠错|纠错|举报|手机看|手机版|移动版|无障碍|無障礙|繁体|繁體|简体|簡體|english|中文|广告|廣告|推广|推廣|订阅|訂閱|关注我们|關注我們)(?:\W+(?:sign in|log in|register|sign up|subscribe|登录|注册|退出|english|中文|繁体|简体|无障碍|手机版)\W*)*$",
        ),
        detector(
            Kind::AppChrome,
            true,
            r"(?i)^\W*(?:(?:text|font) size|字号|字號|字体|字體)\s*[:：]?\s*(?:[\[【(]?\s*(?:a[+-]?|大|中|小|larger|smaller|large|medium|small|default|默认|标准|\+|-)\s*[\]】)]?\s*)*$|^\W*(?:a-|a\+)\s*a\s*(?:a\+|a-)\W*$",
        ),
        detector(
            Kind::LinkList,
            true,
            r"(?i)^\W*(?:related(?: stories| articles| news| content| coverage| links| reading| posts)?|see also|more (?:from|on|stories|news|in)\b.{0,30}|most (?:read|viewed|popular|shared|commented)|popular(?: stories| now)?|recommended(?: for you)?|you may (?:also )?like|editor'?s picks|top news|in pictures|photo stories|相关新闻|相关阅读|相关链接|相关文章|相关报道|推荐阅读|延伸阅读|热门推荐|热点推荐|热门文章|猜你喜欢|阅读排行|点击排行|排行榜|更多新闻|精彩推荐|相關新聞|相關閱讀|延伸閱讀|熱門推薦|熱門文章)\W*$",
        ),
        detector(
            Kind::LinkList,
            false,
            r"(?i)^\W*(?:related(?: [a-z]+){0,2}|see also|read more|read also|also read|more on this|most (?:read|viewed|popular)|editor'?s picks|相关新闻|相关阅读|相关链接|相关文章|推荐阅读|延伸阅读|热门文章|热门推荐|相關新聞|相關閱讀|延伸閱讀|熱門文章|熱門推薦)\s*(?:[:：]|\s+(?:\d|[·•]))",
        ),
        detector(
            Kind::SourceLine,
            false,
            r"(?i)\b(?:originally (?:published|appeared) (?:in|on|by|at)|republished (?:here )?with (?:kind )?permission)\b|^\W*\(?(?:reporting by|writing by|editing by|additional reporting by)\b",
        ),
        detector(
            Kind::SourceLine,
            true,
            r"(?i)^\W*(?:reuters|associated press|the associated press|ap|afp|agence france-presse|xinhua|bloomberg|kyodo|yonhap|新华社|新華社|中新社|央视新闻|人民日报)\W*$",
        ),
        detector(Kind::Byline, true, r"^\W*原创(?:\s|[:：])"),
        detector(
            Kind::AppChrome,
            false,
            r"(?i)^\W*(?:ad|ads|sponsored|promoted|advertisement)\s*[·•|:：]|\((?:pdf|docx?|xlsx?|pptx?|zip)\b[^)]{0,20}\d+(?:\.\d+)?\s*[kmg]b\)",
        ),
        detector(
            Kind::AppChrome,
            true,
            r"(?i)\badvertise with\b|^\W*(?:story continues|continue reading|continues below|reading time)\b|^\W*\d+\s*(?:mins?|minutes?)\s+(?:to\s+)?read\W*$|\b(?:sign up now|sign up here|sign up today|subscribe now|subscribe today)\b|delivered (?:straight )?to your inbox|点击(?:了解|查看|领取|进入|下载|购买|报名|咨询|阅读|上方|下方|左下角|右上角|蓝字)|(?:>>|》》)\s*$|^\W*打开.{0,8}(?:app|客户端|新闻)|^\W*(?:扫一扫|掃一掃|扫码|扫描二维码|长按识别|長按識別)|^\W*(?:阅读原文|閱讀原文|纠错|我要纠错|糾錯)\W*$|请输入(?:关键词|关键字|搜索)|請輸入關鍵",
        ),
        detector(
            Kind::ShareBar,
            true,
            r"^\W*(?:分享|收藏|在看|赞|点赞|转发|喜欢)(?:\s+(?:分享|收藏|在看|赞|点赞|转发|喜欢))+\W*$",
        ),
        detector(
            Kind::Footer,
            false,
            r"(?i)版权所有|版權所有|all rights reserved|未经.{0,30}(?:授权|许可|书面|書面).{0,30}(?:转载|轉載|复制|下载|使用|镜像)|不得转载|禁止转载|禁止下载|\bicp\s*(?:备|証|证|備)|公网安备|公網安備|主办单位|主辦單位|承办单位|网站标识码|网站识别码|^\W*(?:copyright\b|©)|©\s*\d{4}",
        ),
    ]
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_of_chrome_is_recognised_in_english_and_chinese() {
        let cases = [
            ("You are here: Home > News > China", Kind::Breadcrumb),
            ("Home / Media / Press releases", Kind::Breadcrumb),
            ("首页 > 新闻中心 > 正文", Kind::Breadcrumb),
            ("當前位置：首頁 > 新聞", Kind::Breadcrumb),
            ("Share: Facebook | Twitter | WeChat | Print", Kind::ShareBar),
            ("Facebook Twitter LinkedIn Email", Kind::ShareBar),
            ("分享到：微信 微博 QQ空间", Kind::ShareBar),
            ("By Jane Smith | Staff reporter", Kind::Byline),
            ("By LI XIAOKUN in Beijing", Kind::Byline),
            ("记者 王明 李华", Kind::Byline),
            ("Updated: 2019-03-14 09:12", Kind::Dateline),
            ("Published 12 April 2015", Kind::Dateline),
            ("2017年4月23日 06:37 来源：新华网", Kind::Dateline),
            ("Last updated 3 hours ago", Kind::Dateline),
            ("Dec. 8, 2016", Kind::Dateline),
            ("Editor: Wang Fan", Kind::SourceLine),
            ("（责任编辑：张三）", Kind::SourceLine),
            ("Source: Xinhua", Kind::SourceLine),
            ("https://www.example.gov/news/2019/0314.html", Kind::BareUrl),
            ("• Markets • Sport • Weather", Kind::Ticker),
            ("BREAKING: Storm hits coast", Kind::Ticker),
            ("Related stories", Kind::LinkList),
            ("相关阅读", Kind::LinkList),
            (
                "Photo taken on Oct. 6, 2017 shows the venue.",
                Kind::Caption,
            ),
            ("Officials meet in Canberra. [Photo/Xinhua]", Kind::Caption),
            ("Delegates at the talks. (Xinhua/Li Xin)", Kind::Caption),
            ("图为会议现场。（新华社记者 李鑫 摄）", Kind::Caption),
            ("登录 | 注册", Kind::AppChrome),
            ("下载客户端", Kind::AppChrome),
            ("字号：大 中 小", Kind::AppChrome),
            ("Skip to main content", Kind::AppChrome),
            (
                "We use cookies to improve your experience on our website.",
                Kind::AppChrome,
            ),
            ("Post a Comment", Kind::Comments),
            ("Posted by admin at 10:32 PM", Kind::Comments),
            ("Newer Post Older Post Home", Kind::Comments),
            ("Home News World Business Opinion Sport", Kind::Navigation),
        ];
        let wrong: Vec<_> = cases
            .iter()
            .filter(|(line, kind)| detect(line) != Some(*kind))
            .map(|(line, kind)| format!("{line}: {:?}, expected {kind:?}", detect(line)))
            .collect();
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    #[test]
    fn article_sentences_and_headings_are_not_chrome() {
        for line in [
            "WASHINGTON, Oct. 6 -- In their first dialogue, China and the United States pledged closer cooperation.",
            "FOCUS ON COOPERATION",
            "Counterterrorism",
            "1) Repatriation. Both sides acknowledged the need to make continued progress.",
            "By 2020, both sides will share information on fugitives.",
            "By contrast, the second round was short.",
            "The two sides agreed to share intelligence on drug trafficking, and to print joint guidance.",
            "Source countries of precursor chemicals were discussed at length by the working group.",
            "中澳双方同意加强在打击跨国犯罪领域的合作。",
            "双方将继续开展追逃追赃合作，并就来源国问题交换意见。",
            "Joint Statement on the Fourth China–Australia Law Enforcement Working Group",
            "Ministry of Public Security of the People's Republic of China",
        ] {
            assert_eq!(detect(line), None, "{line}");
        }
        // The lines of the five bundled seeds' articles are checked by the
        // corpus test (no warning on their clean text).
    }
}
